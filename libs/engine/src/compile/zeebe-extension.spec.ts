import { bpmn, chain, flow } from '../../test-support/bpmn.fixture';
import { compile } from './compile';

const model = (xml: string) => {
  const result = compile(xml);
  if (!result.model) throw new Error(JSON.stringify(result.problems));
  return result.model;
};
const around = (element: string, id: string, roots = '') =>
  model(bpmn(`<bpmn:startEvent id="start"/>${element}<bpmn:endEvent id="end"/>${chain('f', 'start', id, 'end')}`, { roots })).processes.p!.nodes[id]!;

describe('Camunda 8 zeebe extensions', () => {
  it('given zeebe:taskDefinition with retries and zeebe:taskHeaders, when compiled, then the task type, a retry cycle and the headers are read', () => {
    const node = around(
      '<bpmn:serviceTask id="s"><bpmn:extensionElements><zeebe:taskDefinition type="police-lookup" retries="5"/><zeebe:taskHeaders><zeebe:header key="system" value="pnc"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>',
      's',
    );
    expect(node.service).toEqual({ type: 'police-lookup', retry: 'R5/PT10S', headers: { system: 'pnc' } });
  });

  it('given zeebe:ioMapping, when compiled, then inputs and outputs are FEEL (with "=") or literal strings (without)', () => {
    const node = around(
      `<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:ioMapping>
        <zeebe:input source="=case.agency" target="agency"/>
        <zeebe:input source="police" target="literal"/>
        <zeebe:output source="=answer" target="case.outcome"/>
      </zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>`,
      'u',
    );
    expect(node.inputs).toEqual([
      { target: 'agency', source: { src: 'case.agency' } },
      { target: 'literal', source: { src: '"police"' } },
    ]);
    expect(node.outputs).toEqual([{ target: 'case.outcome', source: { src: 'answer' } }]);
  });

  it('given a mapping target that is not a variable name or a bad mapping expression, when compiled, then each is reported', () => {
    const result = compile(
      bpmn(
        `<bpmn:startEvent id="start"/><bpmn:userTask id="u"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="a b"/><zeebe:input source="=(" target="ok"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end"/>${chain('f', 'start', 'u', 'end')}`,
      ),
    );
    expect(result.problems!.map((p) => `${p.elementId}: ${p.message}`)).toEqual([
      'u: the input mapping target "a b" is not a variable name',
      expect.stringMatching(/^u: the input mapping for "ok" is not valid FEEL/),
    ]);
  });

  it('given zeebe:loopCharacteristics, when compiled, then the collection, element, output collection and output element are read', () => {
    const node = around(
      `<bpmn:userTask id="u"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection="=agencies" inputElement="agency" outputCollection="results" outputElement="=result"/>
      </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
      'u',
    );
    expect(node.multiInstance).toEqual({ sequential: true, behavior: 'all', collection: { src: 'agencies' }, element: 'agency', outputCollection: 'results', outputElement: { src: 'result' } });
  });

  it('given a multi-instance with neither a cardinality nor a collection, when compiled, then it is reported', () => {
    const result = compile(bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="u"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask><bpmn:endEvent id="end"/>${chain('f', 'start', 'u', 'end')}`));
    expect(result.problems!.map((p) => `${p.elementId}: ${p.message}`)).toEqual(['u: the multi-instance activity has neither a loop cardinality nor an input collection']);
  });

  it('given zeebe:subscription on a message, when compiled, then the correlation key expression is read', () => {
    const node = around(
      '<bpmn:receiveTask id="r" messageRef="m"/>',
      'r',
      '<bpmn:message id="m" name="consent"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseRef"/></bpmn:extensionElements></bpmn:message>',
    );
    expect(node.message).toEqual({ kind: 'message', name: 'consent', correlationKey: { src: 'caseRef' } });
  });

  it('given zeebe:calledElement, when compiled, then the process id and the propagation flags are read', () => {
    const xml = bpmn(
      `<bpmn:startEvent id="start"/><bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="end"/>${chain('f', 'start', 'c', 'end')}`,
      { roots: `<bpmn:process id="child" isExecutable="false"><bpmn:startEvent id="cs"/><bpmn:endEvent id="ce"/>${flow('cf', 'cs', 'ce')}</bpmn:process>` },
    );
    const m = model(xml);
    expect(m.processes.p!.nodes.c).toMatchObject({ calledElement: 'child', propagateAll: { in: true, out: false } });
    expect(Object.keys(m.processes)).toEqual(['p', 'child']);
  });

  it('given a call activity with no called process, when compiled, then it is reported', () => {
    const result = compile(bpmn(`<bpmn:startEvent id="start"/><bpmn:callActivity id="c"/><bpmn:endEvent id="end"/>${chain('f', 'start', 'c', 'end')}`));
    expect(result.problems!.map((p) => `${p.elementId}: ${p.message}`)).toEqual(['c: the call activity names no process to call (calledElement)']);
  });

  it('given zeebe:assignmentDefinition, when compiled, then candidate groups and users are lists, the assignee is kept and the first group is the agency', () => {
    const node = around('<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="idva, police" candidateUsers="sam alex" assignee="jo"/></bpmn:extensionElements></bpmn:userTask>', 'u');
    expect(node.userTask).toEqual({ agency: 'idva', candidateGroups: ['idva', 'police'], candidateUsers: ['sam', 'alex'], assignee: 'jo', escalation: [], dataScopes: [], form: [] });
  });

  it('given zeebe:script, when compiled, then the expression and result variable are read', () => {
    const node = around('<bpmn:scriptTask id="s"><bpmn:extensionElements><zeebe:script expression="=a + 1" resultVariable="b"/></bpmn:extensionElements></bpmn:scriptTask>', 's');
    expect(node.script).toEqual({ expr: { src: 'a + 1' }, resultVariable: 'b' });
  });

  it('given a message end event implemented by a job worker, when compiled, then it becomes a service call', () => {
    const node = model(
      bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements><bpmn:messageEventDefinition/></bpmn:endEvent>${flow('f', 'start', 'end')}`),
    ).processes.p!.nodes.end!;
    expect(node.service).toEqual({ type: 'notify', retry: 'R3/PT10S' });
  });
});
