import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const io = (inputs: string, outputs = '') => `<bpmn:extensionElements><zeebe:ioMapping>${inputs}${outputs}</zeebe:ioMapping></bpmn:extensionElements>`;

const withSubProcess = (mappings: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sp">
      ${mappings}
      <bpmn:startEvent id="spStart"/>
      <bpmn:userTask id="inner"/>
      <bpmn:endEvent id="spEnd"/>
      ${chain('s', 'spStart', 'inner', 'spEnd')}
    </bpmn:subProcess>
    <bpmn:userTask id="after"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'sp', 'after', 'end')}`);

describe('embedded sub-process', () => {
  it('given a sub-process, when entered, then it is a scope: the inner start runs inside it and it completes when its last token ends', () => {
    const s = Scenario.given(withSubProcess('')).start();
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'sp activated', 'spStart activated', 'spStart completed', 'inner activated']);
    expect(s.state.elements).toEqual([
      { id: 2, el: 'sp', p: 0 },
      { id: 4, el: 'inner', p: 2 },
    ]);
    s.complete('inner');
    expect(s.trail()).toEqual(['inner completed', 'spEnd activated', 'spEnd completed', 'sp completed', 'after activated']);
  });

  it('given a sub-process that runs through in the step the instance starts, when it completes, then the process does not end while the token it sent on is still moving', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="sp">
          <bpmn:startEvent id="spStart"/>
          <bpmn:task id="inner"/>
          <bpmn:endEvent id="spEnd"/>
          ${chain('s', 'spStart', 'inner', 'spEnd')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'sp', 'after', 'end')}`),
    ).start();
    expect(s.trail().slice(-3)).toEqual(['spEnd completed', 'sp completed', 'after activated']);
    expect(s.state.status).toBe('active');
    expect(s.commands()).toEqual(['create-user-task after']);
  });

  it('given an input mapping on the sub-process, when a task inside sets that variable, then it changes the local and the process variable is untouched', () => {
    const s = Scenario.given(withSubProcess(io('<zeebe:input source="=draft" target="draft"/>'))).start({ variables: { draft: 'v1' } });
    expect(s.state.elements[0]).toEqual({ id: 2, el: 'sp', p: 0, v: { draft: 'v1' } });
    s.complete('inner', { draft: 'v2', fresh: true });
    // A variable the scope does not define goes to the process.
    expect(s.state.variables).toEqual({ draft: 'v1', fresh: true });
  });

  it('given an output mapping on the sub-process, when it completes, then only the mapped values leave the scope', () => {
    const s = Scenario.given(withSubProcess(io('<zeebe:input source="=0" target="count"/>', '<zeebe:output source="=count + 1" target="total"/>'))).start();
    s.complete('inner', { count: 4 });
    expect(s.state.variables).toEqual({ total: 5 });
  });

  it('given literal string sources (without "="), when mapped, then they are strings, not expressions', () => {
    const s = Scenario.given(withSubProcess(io('<zeebe:input source="housing" target="agency"/><zeebe:input source="score &gt; 3" target="label"/>'))).start({ variables: { score: 10 } });
    expect(s.state.elements[0]!.v).toEqual({ agency: 'housing', label: 'score > 3' });
  });

  it('given a nested output target, when mapped, then it sets a property of a context variable and keeps its other properties', () => {
    const s = Scenario.given(withSubProcess(io('', '<zeebe:output source="=&quot;high&quot;" target="case.risk.level"/>'))).start({ variables: { case: { ref: 'C-1', risk: { score: 15 } } } });
    s.complete('inner');
    expect(s.state.variables).toEqual({ case: { ref: 'C-1', risk: { score: 15, level: 'high' } } });
  });

  it('given a task output mapping, when the task completes, then the mapping reads the completion output and only the mapped target is set', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:userTask id="t">${io('', '<zeebe:output source="=answers.score" target="score"/>')}</bpmn:userTask>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 't', 'end')}`),
    ).start();
    s.complete('t', { answers: { score: 12, notes: 'n' } });
    expect(s.state.variables).toEqual({ score: 12 });
  });

  it('given nested sub-processes, when the innermost task reads a variable, then lookups walk out through the scopes', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="outer">
          ${io('<zeebe:input source="=&quot;outer&quot;" target="who"/><zeebe:input source="=1" target="level"/>')}
          <bpmn:startEvent id="oStart"/>
          <bpmn:subProcess id="innerSp">
            ${io('<zeebe:input source="=&quot;inner&quot;" target="who"/>')}
            <bpmn:startEvent id="iStart"/>
            <bpmn:scriptTask id="probe" scriptFormat="feel" referral:resultVariable="seen"><bpmn:script>who + "/" + string(level) + "/" + top</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="hold"/>
            <bpmn:endEvent id="iEnd"/>
            ${chain('i', 'iStart', 'probe', 'hold', 'iEnd')}
          </bpmn:subProcess>
          <bpmn:endEvent id="oEnd"/>
          ${chain('o', 'oStart', 'innerSp', 'oEnd')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'outer', 'end')}`),
    ).start({ variables: { top: 'process' } });
    expect(s.state.variables.seen).toBe('inner/1/process');
  });
});
