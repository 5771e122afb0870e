import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const waitFor = (condition: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:intermediateCatchEvent id="whenReady"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="next"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'whenReady', 'next', 'end')}`);

describe('conditional events', () => {
  it('given a conditional catch that is false, when reached, then it waits with a condition subscription and no command', () => {
    const s = Scenario.given(waitFor('documentsReceived = true')).start({ variables: { documentsReceived: false } });
    expect(s.trail().slice(-1)).toEqual(['whenReady activated']);
    expect(s.last.commands).toEqual([]);
    expect(s.state.subscriptions).toEqual([{ id: 3, kind: 'condition', ei: 2, el: 'whenReady', last: false }]);
  });

  it('given a waiting conditional catch, when set-variables makes the condition true, then it fires', () => {
    const s = Scenario.given(waitFor('documentsReceived = true')).start({ variables: { documentsReceived: false } });
    s.ok({ type: 'set-variables', variables: { other: 1 } });
    expect(s.trail()).toEqual([]);
    s.ok({ type: 'set-variables', variables: { documentsReceived: true } });
    expect(s.trail()).toEqual(['whenReady triggered', 'whenReady completed', 'next activated']);
  });

  it('given a condition already true when reached, when the catch is activated, then it fires at once', () => {
    const s = Scenario.given(waitFor('documentsReceived = true')).start({ variables: { documentsReceived: true } });
    expect(s.live()).toEqual(['next']);
  });

  it('given a condition changed by a task completion elsewhere, when the step runs, then the condition is re-evaluated', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="collect"/>
        <bpmn:intermediateCatchEvent id="whenReady"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">count(documents) >= 2</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'fork')}
        ${chain('a', 'fork', 'collect', 'join')}
        ${chain('b', 'fork', 'whenReady', 'join')}
        ${chain('z', 'join', 'end')}`),
    ).start({ variables: { documents: [] } });
    s.complete('collect', { documents: ['id', 'tenancy'] });
    expect(s.trail()).toEqual(['collect completed', 'whenReady triggered', 'whenReady completed', 'join activated', 'join completed', 'end activated', 'end completed', 'p completed']);
  });

  it('given set-variables on an element instance, when they are set, then they are locals of that instance and conditions see them', () => {
    const s = Scenario.given(waitFor('documentsReceived = true')).start({ variables: { documentsReceived: false } });
    s.ok({ type: 'set-variables', elementInstanceId: s.instanceOf('whenReady'), variables: { documentsReceived: true } });
    expect(s.trail()).toEqual(['whenReady triggered', 'whenReady completed', 'next activated']);
    expect(s.state.variables).toEqual({ documentsReceived: false });
  });

  it('given a conditional start event, when the instance is started at it, then the process runs from there', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="onHighRisk"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">score >= 14</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
        <bpmn:userTask id="t"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'onHighRisk', 't', 'end')}`),
    ).start({ startEventId: 'onHighRisk', variables: { score: 15 } });
    expect(s.live()).toEqual(['t']);
  });
});
