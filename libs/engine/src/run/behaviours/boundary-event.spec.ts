import { bpmn, chain, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const roots = `
  <bpmn:message id="mWithdraw" name="withdrawn"/>
  <bpmn:signal id="sAlert" name="alert"/>
  <bpmn:escalation id="escLate" name="Late" escalationCode="LATE"/>`;

/** A user task `work` with one boundary event `b` leading to the user task `handle`. */
const onWork = (definition: string, interrupting: boolean) =>
  bpmn(
    `
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="work"/>
    <bpmn:endEvent id="end"/>
    <bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>
    <bpmn:userTask id="handle"/>
    <bpmn:endEvent id="handled"/>
    ${chain('f', 'start', 'work', 'end')}
    ${flow('h1', 'b', 'handle')}
    ${flow('h2', 'handle', 'handled')}`,
    { roots },
  );

describe('boundary events', () => {
  describe('timer', () => {
    it('given an interrupting timer boundary, when it fires, then the task is cancelled as interrupted and the boundary path runs', () => {
      const s = Scenario.given(onWork(timerEvent('timeDuration', 'P1D'), true)).start();
      expect(s.commands()).toEqual(['schedule-timer b', 'create-user-task work']); // boundaries open before the task's own work
      s.fire('b');
      expect(s.trail(true)).toEqual(['b triggered (timer)', 'work terminated', 'b activated', 'b completed', 'h1 taken', 'handle activated']);
      expect(s.last.commands).toEqual([
        { type: 'cancel-user-task', elementInstanceId: 2, reason: 'interrupted' },
        { type: 'create-user-task', elementInstanceId: 5, elementId: 'handle', assignment: { escalation: [], dataScopes: [], form: [] } },
      ]);
    });

    it('given an interrupting timer boundary, when the task completes first, then the timer is cancelled', () => {
      const s = Scenario.given(onWork(timerEvent('timeDuration', 'P1D'), true)).start();
      s.complete('work');
      expect(s.commands()).toEqual(['cancel-timer 3', 'end-instance completed']);
    });

    it('given a non-interrupting timer boundary, when it fires, then the task stays open and the boundary path runs beside it', () => {
      const s = Scenario.given(onWork(timerEvent('timeDuration', 'P1D'), false)).start();
      s.fire('b');
      expect(s.trail()).toEqual(['b triggered (timer)', 'b activated', 'b completed', 'handle activated']);
      expect(s.live()).toEqual(['work', 'handle']);
      expect(s.state.subscriptions).toEqual([]); // a duration fires once
      s.complete('work');
      expect(s.state.status).toBe('active');
      s.complete('handle');
      expect(s.state.status).toBe('completed');
    });
  });

  describe('message', () => {
    it('given an interrupting message boundary, when the message arrives, then the task is interrupted', () => {
      const s = Scenario.given(onWork('<bpmn:messageEventDefinition messageRef="mWithdraw"/>', true)).start();
      s.message('withdrawn', undefined, { reason: 'moved away' });
      expect(s.trail()).toEqual(['b triggered (withdrawn)', 'work terminated', 'b activated', 'b completed', 'handle activated']);
      expect(s.commands()).toEqual(['cancel-user-task', 'close-subscription', 'create-user-task handle']);
      expect(s.state.variables).toEqual({ reason: 'moved away' });
    });

    it('given a non-interrupting message boundary, when the message arrives twice, then the boundary path runs twice and the task stays open', () => {
      const s = Scenario.given(onWork('<bpmn:messageEventDefinition messageRef="mWithdraw"/>', false)).start();
      s.message('withdrawn').message('withdrawn');
      expect(s.live()).toEqual(['work', 'handle', 'handle']);
      s.complete('work');
      expect(s.commands()).toEqual(['close-subscription']);
      expect(s.send({ type: 'message', name: 'withdrawn' }).rejection?.code).toBe('not-found');
    });
  });

  describe('signal', () => {
    it('given an interrupting signal boundary, when the signal arrives, then the task is interrupted', () => {
      const s = Scenario.given(onWork('<bpmn:signalEventDefinition signalRef="sAlert"/>', true)).start();
      s.signal('alert');
      expect(s.trail()).toEqual(['b triggered (alert)', 'work terminated', 'b activated', 'b completed', 'handle activated']);
    });

    it('given a non-interrupting signal boundary, when the signal arrives, then the task stays open', () => {
      const s = Scenario.given(onWork('<bpmn:signalEventDefinition signalRef="sAlert"/>', false)).start();
      s.signal('alert');
      expect(s.live()).toEqual(['work', 'handle']);
      expect(s.state.subscriptions.map((x) => x.kind)).toEqual(['signal']);
    });
  });

  describe('conditional', () => {
    const condition = '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">risk > 10</bpmn:condition></bpmn:conditionalEventDefinition>';

    it('given an interrupting conditional boundary, when a variable change makes it true, then the task is interrupted', () => {
      const s = Scenario.given(onWork(condition, true)).start({ variables: { risk: 3 } });
      s.ok({ type: 'set-variables', variables: { risk: 12 } });
      expect(s.trail()).toEqual(['b triggered', 'work terminated', 'b activated', 'b completed', 'handle activated']);
    });

    it('given a condition that already holds when the task starts, when the task is reached, then the boundary fires at once', () => {
      const s = Scenario.given(onWork(condition, true)).start({ variables: { risk: 15 } });
      expect(s.trail().slice(-5)).toEqual(['b triggered', 'work terminated', 'b activated', 'b completed', 'handle activated']);
    });

    it('given a non-interrupting conditional boundary, when the condition goes true, stays true, goes false and true again, then it fires on each rise only', () => {
      const s = Scenario.given(onWork(condition, false)).start({ variables: { risk: 3 } });
      s.ok({ type: 'set-variables', variables: { risk: 12 } });
      expect(s.trail()).toEqual(['b triggered', 'b activated', 'b completed', 'handle activated']);
      s.ok({ type: 'set-variables', variables: { risk: 15 } });
      expect(s.trail()).toEqual([]);
      s.ok({ type: 'set-variables', variables: { risk: 5 } });
      expect(s.trail()).toEqual([]);
      s.ok({ type: 'set-variables', variables: { risk: 11 } });
      expect(s.trail()).toEqual(['b triggered', 'b activated', 'b completed', 'handle activated']);
      expect(s.live()).toEqual(['work', 'handle', 'handle']);
    });
  });

  describe('escalation', () => {
    const escalating = (interrupting: boolean | 'uncaught') =>
      bpmn(
        `
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="sp">
          <bpmn:startEvent id="spStart"/>
          <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="escLate"/></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="inner"/>
          <bpmn:endEvent id="spEnd"/>
          ${chain('s', 'spStart', 'raise', 'inner', 'spEnd')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'sp', 'end')}
        ${
          interrupting === 'uncaught'
            ? ''
            : `<bpmn:boundaryEvent id="late" attachedToRef="sp" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition escalationRef="escLate"/></bpmn:boundaryEvent>
               <bpmn:userTask id="notify"/>
               <bpmn:endEvent id="notified"/>
               ${flow('n1', 'late', 'notify')}
               ${flow('n2', 'notify', 'notified')}`
        }`,
        { roots },
      );

    it('given a non-interrupting escalation boundary on a sub-process, when an inner event escalates, then the boundary path runs and the inner flow goes on', () => {
      const s = Scenario.given(escalating(false)).start();
      expect(s.trail()).toEqual([
        'p activated', 'start activated', 'start completed', 'sp activated', 'spStart activated', 'spStart completed',
        'raise activated', 'late activated', 'late completed', 'raise completed', 'notify activated', 'inner activated',
      ]);
      expect(s.live()).toEqual(['sp', 'notify', 'inner']);
    });

    it('given an interrupting escalation boundary on a sub-process, when an inner event escalates, then the sub-process is terminated inside out', () => {
      const s = Scenario.given(escalating(true)).start();
      expect(s.trail()).toEqual([
        'p activated', 'start activated', 'start completed', 'sp activated', 'spStart activated', 'spStart completed',
        'raise activated', 'raise terminated', 'sp terminated', 'late activated', 'late completed', 'notify activated',
      ]);
      expect(s.live()).toEqual(['notify']);
    });

    it('given nothing catches an escalation, when it is thrown, then it has no effect and the token goes on', () => {
      const s = Scenario.given(escalating('uncaught')).start();
      expect(s.live()).toEqual(['sp', 'inner']);
    });
  });

  it('given an error boundary on a sub-process, when an inner error end event throws, then the boundary catches it by code and the sub-process is terminated', () => {
    const s = Scenario.given(
      bpmn(
        `
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="sp">
          <bpmn:startEvent id="spStart"/>
          <bpmn:parallelGateway id="spFork"/>
          <bpmn:userTask id="waiting"/>
          <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="eNoConsent"/></bpmn:endEvent>
          <bpmn:endEvent id="spEnd"/>
          ${flow('s1', 'spStart', 'spFork')}
          ${flow('s2', 'spFork', 'waiting')}
          ${flow('s3', 'spFork', 'fail')}
          ${flow('s4', 'waiting', 'spEnd')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end"/>
        <bpmn:boundaryEvent id="noConsent" attachedToRef="sp"><bpmn:errorEventDefinition errorRef="eNoConsent"/></bpmn:boundaryEvent>
        <bpmn:endEvent id="stopped"/>
        ${chain('f', 'start', 'sp', 'end')}
        ${flow('e1', 'noConsent', 'stopped')}`,
        { roots: '<bpmn:error id="eNoConsent" errorCode="NO_CONSENT"/>' },
      ),
    ).start();
    expect(s.trail()).toEqual([
      'p activated', 'start activated', 'start completed', 'sp activated', 'spStart activated', 'spStart completed',
      'spFork activated', 'spFork completed', 'waiting activated', 'fail activated',
      'waiting terminated', 'fail terminated', 'sp terminated',
      'noConsent activated', 'noConsent completed', 'stopped activated', 'stopped completed', 'p completed',
    ]);
    expect(s.commands()).toEqual(['create-user-task waiting', 'cancel-user-task', 'end-instance completed']);
  });
});
