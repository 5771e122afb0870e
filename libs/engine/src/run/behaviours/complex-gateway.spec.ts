import { bpmn, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

describe('complex gateway', () => {
  const xml = bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:userTask id="police"/>
    <bpmn:userTask id="health"/>
    <bpmn:userTask id="housing"/>
    <bpmn:complexGateway id="twoOfThree">
      <bpmn:activationCondition xsi:type="bpmn:tFormalExpression">activationCount >= 2</bpmn:activationCondition>
    </bpmn:complexGateway>
    <bpmn:userTask id="decide"/>
    <bpmn:endEvent id="end"/>
    ${flow('f0', 'start', 'fork')}
    ${flow('fP', 'fork', 'police')}
    ${flow('fM', 'fork', 'health')}
    ${flow('fH', 'fork', 'housing')}
    ${flow('jP', 'police', 'twoOfThree')}
    ${flow('jM', 'health', 'twoOfThree')}
    ${flow('jH', 'housing', 'twoOfThree')}
    ${flow('f8', 'twoOfThree', 'decide')}
    ${flow('f9', 'decide', 'end')}`);

  it('given an activation condition of two tokens, when the first arrives, then it waits', () => {
    const s = Scenario.given(xml).start();
    s.complete('health');
    expect(s.trail()).toEqual(['health completed']);
    expect(s.state.joins).toEqual({ '0/twoOfThree': { jM: 1 } });
  });

  it('given an activation condition of two tokens, when the second arrives, then it fires once; the third token is absorbed and the gateway resets', () => {
    const s = Scenario.given(xml).start();
    s.complete('health').complete('police');
    expect(s.trail()).toEqual(['police completed', 'twoOfThree activated', 'twoOfThree completed', 'decide activated']);
    expect(s.state.fired).toEqual(['0/twoOfThree']);

    s.complete('housing');
    expect(s.trail()).toEqual(['housing completed']);
    expect(s.state.fired).toBeUndefined();
    expect(s.state.joins).toBeUndefined();
    expect(s.live()).toEqual(['decide']);

    s.complete('decide');
    expect(s.state.status).toBe('completed');
    expect(s.history().filter((e) => e === 'twoOfThree activated')).toHaveLength(1);
  });

  it('given an activation condition that fails, when a token arrives, then an expression-failed incident parks the token at the gateway', () => {
    const s = Scenario.given(xml.replace('activationCount >= 2', 'activationCount + 1')).start();
    s.complete('health');
    expect(s.trail()).toEqual(['health completed', 'twoOfThree activated', 'twoOfThree incident (expression-failed)']);
    expect(s.state.incidents![0]!.message).toContain('gave 2, not true or false');
    expect(s.live()).toEqual(['police', 'housing', 'twoOfThree']);
  });
});
