import { bpmn, chain, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const roots = `
  <bpmn:message id="mWithdraw" name="withdrawn"/>
  <bpmn:message id="mUpdate" name="update"/>
  <bpmn:signal id="sAlert" name="alert"/>
  <bpmn:error id="eFail" errorCode="FAIL"/>
  <bpmn:escalation id="escLate" escalationCode="LATE"/>`;

/** An event sub-process `esp` whose start `espStart` has the given trigger, leading to the user task `handle`. */
const esp = (trigger: string, interrupting: boolean) => `
  <bpmn:subProcess id="esp" triggeredByEvent="true">
    <bpmn:startEvent id="espStart" isInterrupting="${interrupting}">${trigger}</bpmn:startEvent>
    <bpmn:userTask id="handle"/>
    <bpmn:endEvent id="espEnd"/>
    ${chain('e', 'espStart', 'handle', 'espEnd')}
  </bpmn:subProcess>`;

/** At process level: start → work (user task) → end, plus the event sub-process. */
const processLevel = (trigger: string, interrupting: boolean, extra = '') =>
  bpmn(
    `
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="work"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'work', 'end')}
    ${esp(trigger, interrupting)}
    ${extra}`,
    { roots },
  );

/** Inside a sub-process `sp`: spStart → work → spEnd, with the event sub-process in sp. */
const inSubProcess = (trigger: string, interrupting: boolean, inner = '<bpmn:userTask id="work"/>') =>
  bpmn(
    `
    <bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sp">
      <bpmn:startEvent id="spStart"/>
      ${inner}
      <bpmn:endEvent id="spEnd"/>
      ${chain('s', 'spStart', 'work', 'spEnd')}
      ${esp(trigger, interrupting)}
    </bpmn:subProcess>
    <bpmn:userTask id="after"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'sp', 'after', 'end')}`,
    { roots },
  );

const message = '<bpmn:messageEventDefinition messageRef="mWithdraw"/>';
const condition = '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">withdrawn = true</bpmn:condition></bpmn:conditionalEventDefinition>';

describe('event sub-processes', () => {
  describe('at process level', () => {
    it('given a message event sub-process, when the instance starts, then its start is subscribed before anything runs', () => {
      const s = Scenario.given(processLevel(message, true)).start();
      expect(s.commands()).toEqual(['open-subscription espStart', 'create-user-task work']);
      expect(s.state.subscriptions).toEqual([{ id: 1, kind: 'message', ei: 0, el: 'espStart', name: 'withdrawn' }]);
    });

    it('given an interrupting message start, when the message arrives, then the process flow is terminated and the event sub-process runs to the end of the instance', () => {
      const s = Scenario.given(processLevel(message, true)).start();
      s.message('withdrawn', undefined, { reason: 'declined' });
      expect(s.trail()).toEqual(['espStart triggered (withdrawn)', 'work terminated', 'esp activated (withdrawn)', 'espStart activated', 'espStart completed', 'handle activated']);
      expect(s.commands()).toEqual(['close-subscription', 'cancel-user-task', 'create-user-task handle']);
      s.complete('handle');
      expect(s.trail()).toEqual(['handle completed', 'espEnd activated', 'espEnd completed', 'esp completed', 'p completed']);
      expect(s.state.variables).toEqual({ reason: 'declined' });
    });

    it('given a non-interrupting message start, when the message arrives twice, then two event sub-process instances run beside the process flow', () => {
      const s = Scenario.given(processLevel('<bpmn:messageEventDefinition messageRef="mUpdate"/>', false)).start();
      s.message('update').message('update');
      expect(s.live()).toEqual(['work', 'esp', 'handle', 'esp', 'handle']);
      s.complete('work');
      expect(s.state.status).toBe('active');
      s.complete('handle').complete('handle');
      expect(s.state.status).toBe('completed');
    });

    it('given a non-interrupting timer start, when it fires, then the event sub-process runs and the process flow goes on', () => {
      const s = Scenario.given(processLevel(timerEvent('timeDuration', 'P3D'), false)).start();
      expect(s.commands()).toEqual(['schedule-timer espStart', 'create-user-task work']);
      s.fire('espStart');
      expect(s.trail()).toEqual(['espStart triggered (timer)', 'esp activated', 'espStart activated', 'espStart completed', 'handle activated']);
      expect(s.live()).toEqual(['work', 'esp', 'handle']);
    });

    it('given an interrupting timer start, when it fires, then the process flow is terminated', () => {
      const s = Scenario.given(processLevel(timerEvent('timeDuration', 'P3D'), true)).start();
      s.fire('espStart');
      expect(s.live()).toEqual(['esp', 'handle']);
    });

    it('given a signal start, when the signal arrives, then the event sub-process runs', () => {
      const s = Scenario.given(processLevel('<bpmn:signalEventDefinition signalRef="sAlert"/>', true)).start();
      s.signal('alert');
      expect(s.live()).toEqual(['esp', 'handle']);
    });

    it('given a conditional start, when a variable change makes it true, then the event sub-process runs', () => {
      const s = Scenario.given(processLevel(condition, false)).start({ variables: { withdrawn: false } });
      s.ok({ type: 'set-variables', variables: { withdrawn: true } });
      expect(s.trail()).toEqual(['espStart triggered', 'esp activated', 'espStart activated', 'espStart completed', 'handle activated']);
    });

    it('given an interrupting conditional start whose condition already holds when the instance starts, when started, then it fires in that step and interrupts the flow', () => {
      const s = Scenario.given(processLevel(condition, true)).start({ variables: { withdrawn: true } });
      expect(s.trail()).toEqual([
        'p activated', 'start activated', 'start completed', 'work activated',
        'espStart triggered', 'work terminated', 'esp activated', 'espStart activated', 'espStart completed', 'handle activated',
      ]);
      expect(s.live()).toEqual(['esp', 'handle']);
    });

    it('given a non-interrupting conditional start that holds at the start, when started, then it fires once, and not again on later variable changes while it stays true', () => {
      const s = Scenario.given(processLevel(condition, false)).start({ variables: { withdrawn: true } });
      expect(s.live()).toEqual(['work', 'esp', 'handle']);
      s.ok({ type: 'set-variables', variables: { note: 'x' } });
      expect(s.trail()).toEqual([]);
    });

    it('given an error start, when a service task raises that error, then the event sub-process catches it and interrupts the flow', () => {
      const s = Scenario.given(
        bpmn(
          `<bpmn:startEvent id="start"/>
           <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="check"/></bpmn:extensionElements></bpmn:serviceTask>
           <bpmn:endEvent id="end"/>
           ${chain('f', 'start', 'work', 'end')}
           ${esp('<bpmn:errorEventDefinition errorRef="eFail"/>', true)}`,
          { roots },
        ),
      ).start();
      s.ok({ type: 'service-error', elementInstanceId: s.instanceOf('work'), errorCode: 'FAIL' });
      expect(s.trail()).toEqual(['work terminated', 'esp activated (FAIL)', 'espStart activated', 'espStart completed', 'handle activated']);
      expect(s.commands()).toEqual(['cancel-service', 'create-user-task handle']);
    });

    it('given an escalation start (non-interrupting), when an escalation is thrown in the flow, then the event sub-process runs and the flow goes on', () => {
      const s = Scenario.given(
        bpmn(
          `<bpmn:startEvent id="start"/>
           <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="escLate"/></bpmn:intermediateThrowEvent>
           <bpmn:userTask id="work"/>
           <bpmn:endEvent id="end"/>
           ${chain('f', 'start', 'raise', 'work', 'end')}
           ${esp('<bpmn:escalationEventDefinition escalationRef="escLate"/>', false)}`,
          { roots },
        ),
      ).start();
      expect(s.live()).toEqual(['esp', 'handle', 'work']);
    });
  });

  describe('inside a sub-process', () => {
    it('given a message event sub-process in a sub-process, when the sub-process starts, then its subscription belongs to the sub-process instance', () => {
      const s = Scenario.given(inSubProcess(message, true)).start();
      const sp = s.instanceOf('sp');
      expect(s.state.subscriptions).toEqual([{ id: 3, kind: 'message', ei: sp, el: 'espStart', name: 'withdrawn' }]);
    });

    it('given an interrupting message start, when the message arrives, then only the sub-process inside is interrupted and the sub-process completes after the handler, continuing the outer flow', () => {
      const s = Scenario.given(inSubProcess(message, true)).start();
      s.message('withdrawn');
      expect(s.trail()).toEqual(['espStart triggered (withdrawn)', 'work terminated', 'esp activated (withdrawn)', 'espStart activated', 'espStart completed', 'handle activated']);
      s.complete('handle');
      expect(s.trail()).toEqual(['handle completed', 'espEnd activated', 'espEnd completed', 'esp completed', 'sp completed', 'after activated']);
    });

    it('given the sub-process completes normally, when it leaves, then the event sub-process subscription is closed', () => {
      const s = Scenario.given(inSubProcess(message, true)).start();
      s.complete('work');
      expect(s.commands()).toEqual(['close-subscription', 'create-user-task after']);
      expect(s.state.subscriptions).toEqual([]);
    });

    it('given a non-interrupting timer start inside a sub-process, when it fires, then the inner flow goes on', () => {
      const s = Scenario.given(inSubProcess(timerEvent('timeDuration', 'PT1H'), false)).start();
      s.fire('espStart');
      expect(s.live()).toEqual(['sp', 'work', 'esp', 'handle']);
      s.complete('work');
      expect(s.live()).toEqual(['sp', 'esp', 'handle']);
      s.complete('handle');
      expect(s.live()).toEqual(['after']);
    });

    it('given a conditional start inside a sub-process that reads a sub-process local, when the local changes, then it fires', () => {
      const s = Scenario.given(inSubProcess(condition, true)).start({ variables: { withdrawn: false } });
      s.ok({ type: 'set-variables', variables: { withdrawn: true } });
      expect(s.live()).toEqual(['sp', 'esp', 'handle']);
    });

    it('given an error start inside a sub-process, when an inner error end event throws, then the inner event sub-process catches it and the outer flow goes on after it', () => {
      const s = Scenario.given(
        bpmn(
          `<bpmn:startEvent id="start"/>
           <bpmn:subProcess id="sp">
             <bpmn:startEvent id="spStart"/>
             <bpmn:parallelGateway id="spFork"/>
             <bpmn:userTask id="work"/>
             <bpmn:endEvent id="spEnd"/>
             <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="eFail"/></bpmn:endEvent>
             ${flow('s1', 'spStart', 'spFork')}
             ${flow('s2', 'spFork', 'work')}
             ${flow('s3', 'spFork', 'fail')}
             ${flow('s4', 'work', 'spEnd')}
             ${esp('<bpmn:errorEventDefinition errorRef="eFail"/>', true)}
           </bpmn:subProcess>
           <bpmn:userTask id="after"/>
           <bpmn:endEvent id="end"/>
           ${chain('f', 'start', 'sp', 'after', 'end')}`,
          { roots },
        ),
      ).start();
      expect(s.trail().slice(-8)).toEqual(['work activated', 'fail activated', 'work terminated', 'fail terminated', 'esp activated (FAIL)', 'espStart activated', 'espStart completed', 'handle activated']);
      s.complete('handle');
      expect(s.live()).toEqual(['after']);
    });

    it('given an escalation start (interrupting) inside a sub-process, when an inner task escalates, then the inner flow is terminated', () => {
      const s = Scenario.given(
        inSubProcess(
          '<bpmn:escalationEventDefinition escalationRef="escLate"/>',
          true,
          '<bpmn:intermediateThrowEvent id="work"><bpmn:escalationEventDefinition escalationRef="escLate"/></bpmn:intermediateThrowEvent>',
        ),
      ).start();
      expect(s.trail()).toEqual([
        'p activated', 'start activated', 'start completed', 'sp activated', 'spStart activated', 'spStart completed',
        'work activated', 'work terminated', 'esp activated (LATE)', 'espStart activated', 'espStart completed', 'handle activated',
      ]);
    });
  });

  it('given a signal event sub-process and a parallel branch throwing the signal, when the step runs, then the event sub-process is started once', () => {
    const s = Scenario.given(
      processLevel(
        '<bpmn:signalEventDefinition signalRef="sAlert"/>',
        false,
        `<bpmn:intermediateThrowEvent id="shout"><bpmn:signalEventDefinition signalRef="sAlert"/></bpmn:intermediateThrowEvent><bpmn:endEvent id="shoutEnd"/>${flow('x1', 'start', 'shout')}${flow('x2', 'shout', 'shoutEnd')}`,
      ),
    ).start();
    expect(s.live()).toEqual(['work', 'esp', 'handle']);
  });
});
