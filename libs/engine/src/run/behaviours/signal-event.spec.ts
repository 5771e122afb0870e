import { bpmn, chain, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const signals = '<bpmn:signal id="sAlert" name="risk-escalated"/>';

describe('signals', () => {
  it('given one branch throws a signal that a parallel branch waits for, when the step runs, then the waiting branch catches it in the same step and the signal is broadcast', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:parallelGateway id="fork"/>
         <bpmn:intermediateThrowEvent id="raise"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:intermediateThrowEvent>
         <bpmn:intermediateCatchEvent id="hear"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="act"/>
         <bpmn:endEvent id="endA"/>
         <bpmn:endEvent id="endB"/>
         ${flow('f0', 'start', 'fork')}
         ${flow('fa', 'fork', 'raise')}
         ${flow('fb', 'fork', 'hear')}
         ${flow('f1', 'raise', 'endA')}
         ${flow('f2', 'hear', 'act')}
         ${flow('f3', 'act', 'endB')}`,
        { roots: signals },
      ),
    ).start();
    expect(s.trail()).toEqual([
      'p activated', 'start activated', 'start completed', 'fork activated', 'fork completed',
      'raise activated', 'raise completed', 'hear activated', 'endA activated', 'endA completed',
      'hear triggered (risk-escalated)', 'hear completed', 'act activated',
    ]);
    expect(s.commands()).toEqual(['broadcast-signal raise', 'open-subscription hear', 'close-subscription', 'create-user-task act']);
    expect(s.commandsOf('broadcast-signal')[0]).toEqual({ type: 'broadcast-signal', name: 'risk-escalated', variables: {}, elementId: 'raise' });
  });

  it('given two places wait for the same signal, when the signal arrives from outside, then both are triggered with its variables', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:parallelGateway id="fork"/>
         <bpmn:intermediateCatchEvent id="h1"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:intermediateCatchEvent>
         <bpmn:intermediateCatchEvent id="h2"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:intermediateCatchEvent>
         <bpmn:parallelGateway id="join"/>
         <bpmn:endEvent id="end"/>
         ${flow('f0', 'start', 'fork')}
         ${flow('fa', 'fork', 'h1')}
         ${flow('fb', 'fork', 'h2')}
         ${flow('ja', 'h1', 'join')}
         ${flow('jb', 'h2', 'join')}
         ${flow('f9', 'join', 'end')}`,
        { roots: signals },
      ),
    ).start();
    s.signal('risk-escalated', { level: 'high' });
    expect(s.trail()).toEqual([
      'h1 triggered (risk-escalated)', 'h1 completed', 'h2 triggered (risk-escalated)', 'h2 completed',
      'join activated', 'join completed', 'end activated', 'end completed', 'p completed',
    ]);
    expect(s.state.variables).toEqual({ level: 'high' });
  });

  it('given nothing waits for a signal, when it arrives, then it is rejected as not-found', () => {
    const s = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="t"/><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`)).start();
    expect(s.send({ type: 'signal', name: 'risk-escalated' }).rejection?.code).toBe('not-found');
  });

  it('given a signal end event, when reached, then the signal is broadcast', () => {
    const s = Scenario.given(
      bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:endEvent>${flow('f', 'start', 'end')}`, { roots: signals }),
    ).start();
    expect(s.commands()).toEqual(['broadcast-signal end', 'end-instance completed']);
  });

  it('given a signal start event, when the instance is started at it, then the process runs from there', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="onAlert"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:startEvent><bpmn:userTask id="t"/><bpmn:endEvent id="end"/>${chain('f', 'onAlert', 't', 'end')}`,
        { roots: signals },
      ),
    ).start({ startEventId: 'onAlert' });
    expect(s.live()).toEqual(['t']);
  });
});
