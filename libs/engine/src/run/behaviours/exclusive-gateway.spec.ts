import { bpmn, ends, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const routing = bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:exclusiveGateway id="route" default="fLow"/>
  <bpmn:userTask id="marac"/>
  <bpmn:userTask id="idva"/>
  <bpmn:userTask id="followUp"/>
  ${flow('f0', 'start', 'route')}
  ${flow('fHigh', 'route', 'marac', 'score >= 14')}
  ${flow('fMedium', 'route', 'idva', 'score >= 10')}
  ${flow('fLow', 'route', 'followUp')}
  ${ends('marac', 'idva', 'followUp')}`);

const noDefault = bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:exclusiveGateway id="route"/>
  <bpmn:userTask id="marac"/>
  <bpmn:userTask id="followUp"/>
  ${flow('f0', 'start', 'route')}
  ${flow('fHigh', 'route', 'marac', 'score >= 14')}
  ${flow('fLow', 'route', 'followUp', 'score < 10')}
  ${ends('marac', 'followUp')}`);

describe('exclusive gateway', () => {
  it('given several conditions that hold, when the gateway is reached, then only the first in document order is taken', () => {
    const s = Scenario.given(routing).start({ variables: { score: 16 } });
    expect(s.trail(true)).toEqual(['p activated', 'start activated', 'start completed', 'f0 taken', 'route activated', 'route completed', 'fHigh taken', 'marac activated']);
  });

  it('given a medium score, when the gateway is reached, then the second flow is taken', () => {
    const s = Scenario.given(routing).start({ variables: { score: 11 } });
    expect(s.trail(true).slice(-2)).toEqual(['fMedium taken', 'idva activated']);
  });

  it('given no condition holds, when the gateway is reached, then the default flow is taken', () => {
    const s = Scenario.given(routing).start({ variables: { score: 2 } });
    expect(s.trail(true).slice(-2)).toEqual(['fLow taken', 'followUp activated']);
  });

  it('given a variable the conditions need is missing, when the gateway is reached, then null comparisons are false and the default is taken', () => {
    const s = Scenario.given(routing).start();
    expect(s.live()).toEqual(['followUp']);
  });

  it('given no condition holds and no default flow, when the gateway is reached, then a no-outgoing-flow incident is raised on the gateway (not an exception)', () => {
    const s = Scenario.given(noDefault).start({ variables: { score: 12 } });
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'route activated', 'route incident (no-outgoing-flow)']);
    const [incident] = s.commandsOf('raise-incident');
    expect(incident).toMatchObject({ elementId: 'route', kind: 'no-outgoing-flow', message: expect.stringContaining('no condition of "route" holds') });
    expect(s.state.incidents).toEqual([expect.objectContaining({ id: incident!.incidentId, elementId: 'route', kind: 'no-outgoing-flow' })]);
    expect(s.live()).toEqual(['route']);
  });

  it('given a no-outgoing-flow incident, when it is resolved with new variables, then the gateway re-evaluates and the token moves on', () => {
    const s = Scenario.given(noDefault).start({ variables: { score: 12 } });
    const incidentId = s.state.incidents![0]!.id;
    s.ok({ type: 'resolve-incident', incidentId, variables: { score: 20 } });
    expect(s.trail(true)).toEqual(['route incident-resolved (no-outgoing-flow)', 'route completed', 'fHigh taken', 'marac activated']);
    expect(s.commands()).toEqual(['resolve-incident', 'create-user-task marac']);
    expect(s.state.incidents).toBeUndefined();
  });

  it('given a condition that does not give a boolean, when the gateway is reached, then an expression-failed incident names the condition', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:exclusiveGateway id="route" default="fB"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        ${flow('f0', 'start', 'route')}
        ${flow('fA', 'route', 'a', 'score + 1')}
        ${flow('fB', 'route', 'b')}
        ${ends('a', 'b')}`),
    ).start({ variables: { score: 3 } });
    expect(s.trail().slice(-1)).toEqual(['route incident (expression-failed)']);
    expect(s.state.incidents![0]!.message).toContain('the condition "score + 1" gave 4, not true or false');
  });
});
