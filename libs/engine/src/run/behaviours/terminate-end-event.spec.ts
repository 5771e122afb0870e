import { bpmn, chain, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

describe('terminate end event', () => {
  it('given parallel branches at process level, when one reaches a terminate end event, then every other token is terminated and the instance ends terminated', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:intermediateCatchEvent id="wait">${timerEvent('timeDuration', 'P1D')}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('fa', 'fork', 'a')}
        ${flow('fw', 'fork', 'wait')}
        ${flow('f1', 'a', 'stop')}
        ${flow('f2', 'wait', 'end')}`),
    ).start();
    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'stop activated', 'stop completed', 'wait terminated', 'p terminated']);
    expect(s.commands()).toEqual(['cancel-timer 5', 'end-instance terminated']);
    expect(s.state).toMatchObject({ status: 'terminated', elements: [], subscriptions: [] });
  });

  it('given a terminate end event inside a sub-process, when reached, then only the sub-process scope is terminated and it completes, continuing the outer flow', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="sp">
          <bpmn:startEvent id="spStart"/>
          <bpmn:parallelGateway id="spFork"/>
          <bpmn:userTask id="a"/>
          <bpmn:userTask id="b"/>
          <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
          <bpmn:endEvent id="spEnd"/>
          ${flow('s0', 'spStart', 'spFork')}
          ${flow('sa', 'spFork', 'a')}
          ${flow('sb', 'spFork', 'b')}
          ${flow('s1', 'a', 'stop')}
          ${flow('s2', 'b', 'spEnd')}
        </bpmn:subProcess>
        <bpmn:userTask id="outside"/>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        <bpmn:endEvent id="end2"/>
        <bpmn:parallelGateway id="fork"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('f1', 'fork', 'sp')}
        ${flow('f2', 'fork', 'outside')}
        ${chain('g', 'sp', 'after', 'end')}
        ${flow('f3', 'outside', 'end2')}`),
    ).start();
    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'stop activated', 'stop completed', 'b terminated', 'sp completed', 'after activated']);
    expect(s.commands()).toEqual(['cancel-user-task', 'create-user-task after']);
    expect(s.live()).toEqual(['outside', 'after']);
    expect(s.state.status).toBe('active');
  });
});
