import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const around = (activity: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    ${activity}
    <bpmn:userTask id="after"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'research', 'after', 'end')}`);

const overAgencies = (sequential: boolean, extra = '') =>
  around(`<bpmn:userTask id="research">
    <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">
      <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=agencies" inputElement="agency" outputCollection="findings" outputElement="=found"/></bpmn:extensionElements>
      ${extra}
    </bpmn:multiInstanceLoopCharacteristics>
  </bpmn:userTask>`);

describe('multi-instance', () => {
  it('given a parallel multi-instance over a collection, when reached, then a body and one task per item are created, each with its item and loopCounter as input', () => {
    const s = Scenario.given(overAgencies(false)).start({ variables: { agencies: ['police', 'health', 'housing'] } });
    expect(s.trail()).toEqual([
      'p activated', 'start activated', 'start completed', 'research activated (multi-instance)',
      'research activated', 'research activated', 'research activated',
    ]);
    expect(s.commandsOf('create-user-task').map((c) => c.input)).toEqual([
      { loopCounter: 1, agency: 'police' },
      { loopCounter: 2, agency: 'health' },
      { loopCounter: 3, agency: 'housing' },
    ]);
    expect(s.state.elements.find((e) => e.body)).toEqual({ id: 2, el: 'research', p: 0, body: 1, mi: { n: 3, next: 3, done: 0, out: [null, null, null] } });
  });

  it('given a parallel multi-instance, when iterations complete out of order, then the output collection keeps the item order and the body completes after the last', () => {
    const s = Scenario.given(overAgencies(false)).start({ variables: { agencies: ['police', 'health', 'housing'] } });
    s.complete('research', { found: 'H' }, 2);
    s.complete('research', { found: 'P' }, 0);
    expect(s.trail()).toEqual(['research completed']);
    s.complete('research', { found: 'M' }, 0);
    expect(s.trail()).toEqual(['research completed', 'research completed', 'after activated']);
    expect(s.state.variables.findings).toEqual(['P', 'M', 'H']);
  });

  it('given a sequential multi-instance, when each iteration completes, then the next starts with the next item', () => {
    const s = Scenario.given(overAgencies(true)).start({ variables: { agencies: ['police', 'health'] } });
    expect(s.commandsOf('create-user-task').map((c) => c.input)).toEqual([{ loopCounter: 1, agency: 'police' }]);
    expect(s.state.elements.find((e) => e.body)!.mi).toEqual({ n: 2, next: 1, done: 0, out: [null, null], items: ['health'] });
    s.complete('research', { found: 'P' });
    expect(s.trail()).toEqual(['research completed', 'research activated']);
    expect(s.commandsOf('create-user-task').map((c) => c.input)).toEqual([{ loopCounter: 2, agency: 'health' }]);
    s.complete('research', { found: 'M' });
    expect(s.trail()).toEqual(['research completed', 'research completed', 'after activated']);
    expect(s.state.variables.findings).toEqual(['P', 'M']);
  });

  it('given a loop cardinality, when reached, then that many instances run', () => {
    const s = Scenario.given(
      around('<bpmn:userTask id="research"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">copies</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>'),
    ).start({ variables: { copies: 2 } });
    expect(s.live()).toEqual(['research', 'research', 'research']);
    expect(s.commandsOf('create-user-task').map((c) => c.input)).toEqual([{ loopCounter: 1 }, { loopCounter: 2 }]);
  });

  it('given a completion condition, when it holds after an iteration, then the other iterations are terminated and the body completes', () => {
    const s = Scenario.given(
      overAgencies(false, '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">nrOfCompletedInstances >= 2</bpmn:completionCondition>'),
    ).start({ variables: { agencies: ['police', 'health', 'housing'] } });
    s.complete('research', { found: 'P' }, 0);
    s.complete('research', { found: 'M' }, 0);
    expect(s.trail()).toEqual(['research completed', 'research terminated', 'research completed', 'after activated']);
    expect(s.commands()).toEqual(['cancel-user-task', 'create-user-task after']);
    expect(s.state.variables.findings).toEqual(['P', 'M', null]);
  });

  it('given a completion condition on the output of an iteration, when one says stop, then the rest are skipped', () => {
    const s = Scenario.given(overAgencies(true, '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">found = "stop"</bpmn:completionCondition>')).start({
      variables: { agencies: ['a', 'b', 'c'] },
    });
    s.complete('research', { found: 'stop' });
    expect(s.live()).toEqual(['after']);
    expect(s.state.variables.findings).toEqual(['stop', null, null]);
  });

  it('given the multi-instance variables, when each iteration runs, then loopCounter, nrOfInstances, nrOfActiveInstances and nrOfCompletedInstances are visible', () => {
    const s = Scenario.given(
      around(`<bpmn:scriptTask id="research" scriptFormat="feel" referral:resultVariable="snap">
        <bpmn:multiInstanceLoopCharacteristics isSequential="true">
          <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[10, 20, 30]" inputElement="x" outputCollection="snaps" outputElement="=snap"/></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>
        <bpmn:script>[x, loopCounter, nrOfInstances, nrOfActiveInstances, nrOfCompletedInstances]</bpmn:script>
      </bpmn:scriptTask>`),
    ).start();
    expect(s.state.variables.snaps).toEqual([
      [10, 1, 3, 1, 0],
      [20, 2, 3, 1, 1],
      [30, 3, 3, 1, 2],
    ]);
  });

  it('given an empty collection, when reached, then the activity completes at once with an empty output collection', () => {
    const s = Scenario.given(overAgencies(false)).start({ variables: { agencies: [] } });
    expect(s.trail().slice(-3)).toEqual(['research activated (multi-instance)', 'research completed', 'after activated']);
    expect(s.state.variables.findings).toEqual([]);
  });

  it('given a collection that is not a list, when reached, then an invalid-collection incident is raised on the body', () => {
    const s = Scenario.given(overAgencies(false)).start({ variables: { agencies: 'police' } });
    expect(s.trail().slice(-1)).toEqual(['research incident (invalid-collection)']);
    expect(s.state.incidents![0]!.message).toBe('the input collection "agencies" gave "police", not a list');
  });

  it('given a multi-instance sub-process, when each instance runs, then each has its own scope with its item', () => {
    const s = Scenario.given(
      around(`<bpmn:subProcess id="research">
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=agencies" inputElement="agency"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
        <bpmn:startEvent id="rStart"/>
        <bpmn:userTask id="ask"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=agency" target="owner"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="rEnd"/>
        ${chain('r', 'rStart', 'ask', 'rEnd')}
      </bpmn:subProcess>`),
    ).start({ variables: { agencies: ['police', 'health'] } });
    expect(s.commandsOf('create-user-task').map((c) => c.input)).toEqual([{ owner: 'police' }, { owner: 'health' }]);
    s.complete('ask').complete('ask');
    expect(s.live()).toEqual(['after']);
  });

  it('given a parallel multi-instance service task with an error boundary, when one iteration raises the error, then the body is interrupted and each running iteration (not the body) gets a cancel-service', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:serviceTask id="research"><bpmn:extensionElements><zeebe:taskDefinition type="lookup"/></bpmn:extensionElements>
           <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
         </bpmn:serviceTask>
         <bpmn:boundaryEvent id="failed" attachedToRef="research"><bpmn:errorEventDefinition errorRef="e"/></bpmn:boundaryEvent>
         <bpmn:userTask id="after"/>
         <bpmn:endEvent id="end"/>
         <bpmn:endEvent id="stopped"/>
         ${chain('f', 'start', 'research', 'after', 'end')}
         ${chain('g', 'failed', 'stopped')}`,
        { roots: '<bpmn:error id="e" errorCode="LOOKUP_FAILED"/>' },
      ),
    ).start();
    s.serviceDone('research', {}, 0);
    const [second, third] = [s.instanceOf('research', 0), s.instanceOf('research', 1)];
    s.ok({ type: 'service-error', elementInstanceId: second, errorCode: 'LOOKUP_FAILED' });
    expect(s.trail()).toEqual(['research terminated', 'research terminated', 'research terminated', 'failed activated', 'failed completed', 'stopped activated', 'stopped completed', 'p completed']);
    expect(s.last.commands).toEqual([
      { type: 'cancel-service', elementInstanceId: second },
      { type: 'cancel-service', elementInstanceId: third },
      { type: 'end-instance', status: 'completed', variables: {} },
    ]);
  });
});
