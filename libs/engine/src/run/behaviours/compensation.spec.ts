import { bpmn, chain, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

/** An activity with a compensation boundary and its handler (a user task, so it waits). */
const compensable = (id: string, handler: string) => `
  <bpmn:task id="${id}"/>
  <bpmn:boundaryEvent id="${id}Comp" attachedToRef="${id}"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
  <bpmn:userTask id="${handler}" isForCompensation="true"/>
  <bpmn:association id="${id}Assoc" associationDirection="One" sourceRef="${id}Comp" targetRef="${handler}"/>`;

describe('compensation', () => {
  it('given two completed activities with handlers, when a compensation end event is reached, then the handlers run newest first and the end event waits for them', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        ${compensable('bookRoom', 'releaseRoom')}
        ${compensable('notifyAgency', 'retractNotice')}
        <bpmn:endEvent id="undoAll"><bpmn:compensateEventDefinition/></bpmn:endEvent>
        ${chain('f', 'start', 'bookRoom', 'notifyAgency', 'undoAll')}`),
    ).start();
    expect(s.trail()).toEqual([
      'p activated', 'start activated', 'start completed', 'bookRoom activated', 'bookRoom completed',
      'notifyAgency activated', 'notifyAgency completed', 'undoAll activated', 'retractNotice activated', 'releaseRoom activated',
    ]);
    expect(s.state.compensables).toBeUndefined();
    s.complete('retractNotice');
    expect(s.trail()).toEqual(['retractNotice completed']);
    s.complete('releaseRoom');
    expect(s.trail()).toEqual(['releaseRoom completed', 'undoAll completed', 'p completed']);
  });

  it('given an activity that has not completed, when compensation is thrown, then it is not compensated', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        ${compensable('bookRoom', 'releaseRoom')}
        <bpmn:userTask id="slow"/>
        <bpmn:endEvent id="undoAll"><bpmn:compensateEventDefinition/></bpmn:endEvent>
        <bpmn:endEvent id="slowEnd"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('f1', 'fork', 'bookRoom')}
        ${flow('f2', 'bookRoom', 'undoAll')}
        ${flow('f3', 'fork', 'slow')}
        ${flow('f4', 'slow', 'slowEnd')}`),
    ).start();
    expect(s.live()).toEqual(['slow', 'undoAll', 'releaseRoom']);
    s.complete('releaseRoom');
    expect(s.live()).toEqual(['slow']);
  });

  it('given an intermediate compensation throw with an activityRef, when reached, then only that activity is compensated and the token goes on after its handler', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        ${compensable('bookRoom', 'releaseRoom')}
        ${compensable('notifyAgency', 'retractNotice')}
        <bpmn:intermediateThrowEvent id="undoRoom"><bpmn:compensateEventDefinition activityRef="bookRoom"/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'bookRoom', 'notifyAgency', 'undoRoom', 'after', 'end')}`),
    ).start();
    expect(s.live()).toEqual(['undoRoom', 'releaseRoom']);
    s.complete('releaseRoom');
    expect(s.trail()).toEqual(['releaseRoom completed', 'undoRoom completed', 'after activated']);
    expect(s.state.compensables).toEqual([{ el: 'notifyAgency', p: 0, ei: 3 }]);
  });

  it('given nothing completed to compensate, when a compensation throw is reached, then it passes through', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'undo', 'after', 'end')}`),
    ).start();
    expect(s.trail().slice(-3)).toEqual(['undo activated', 'undo completed', 'after activated']);
  });

  it('given a completed sub-process with a compensation event sub-process, when compensation is thrown, then the sub-process scope is re-entered to run it with its locals', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="booking">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;room-7&quot;" target="room"/></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:startEvent id="bStart"/>
          <bpmn:task id="book"/>
          <bpmn:endEvent id="bEnd"/>
          ${chain('b', 'bStart', 'book', 'bEnd')}
          <bpmn:subProcess id="undoBooking" triggeredByEvent="true">
            <bpmn:startEvent id="uStart"><bpmn:compensateEventDefinition/></bpmn:startEvent>
            <bpmn:userTask id="cancelRoom"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=room" target="which"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="uEnd"/>
            ${chain('u', 'uStart', 'cancelRoom', 'uEnd')}
          </bpmn:subProcess>
        </bpmn:subProcess>
        <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'booking', 'undo', 'after', 'end')}`),
    ).start();
    expect(s.trail().slice(-7)).toEqual([
      'booking completed', 'undo activated', 'booking activated (compensation)', 'undoBooking activated (compensation)', 'uStart activated', 'uStart completed', 'cancelRoom activated',
    ]);
    expect(s.commandsOf('create-user-task')[0]!.input).toEqual({ which: 'room-7' });
    s.complete('cancelRoom');
    expect(s.trail()).toEqual(['cancelRoom completed', 'uEnd activated', 'uEnd completed', 'undoBooking completed', 'booking completed', 'undo completed', 'after activated']);
  });

  describe('transaction', () => {
    const transaction = bpmn(`
      <bpmn:startEvent id="start"/>
      <bpmn:transaction id="tx">
        <bpmn:startEvent id="txStart"/>
        ${compensable('reserve', 'unreserve')}
        <bpmn:userTask id="confirm"/>
        <bpmn:exclusiveGateway id="ok" default="commit"/>
        <bpmn:endEvent id="txDone"/>
        <bpmn:endEvent id="abort"><bpmn:cancelEventDefinition/></bpmn:endEvent>
        ${chain('t', 'txStart', 'reserve', 'confirm', 'ok')}
        ${flow('commit', 'ok', 'txDone')}
        ${flow('rollback', 'ok', 'abort', 'declined')}
      </bpmn:transaction>
      <bpmn:boundaryEvent id="cancelled" attachedToRef="tx"><bpmn:cancelEventDefinition/></bpmn:boundaryEvent>
      <bpmn:userTask id="after"/>
      <bpmn:userTask id="tellCancelled"/>
      <bpmn:endEvent id="end"/>
      <bpmn:endEvent id="endCancelled"/>
      ${chain('f', 'start', 'tx', 'after', 'end')}
      ${chain('c', 'cancelled', 'tellCancelled', 'endCancelled')}`);

    it('given a transaction that commits, when its end is reached, then it completes normally', () => {
      const s = Scenario.given(transaction).start();
      s.complete('confirm', { declined: false });
      expect(s.trail()).toEqual(['confirm completed', 'ok activated', 'ok completed', 'txDone activated', 'txDone completed', 'tx completed', 'after activated']);
    });

    it('given a cancel end event, when reached, then the completed work is compensated, the transaction is cancelled and the cancel boundary path runs', () => {
      const s = Scenario.given(transaction).start();
      s.complete('confirm', { declined: true });
      expect(s.trail()).toEqual(['confirm completed', 'ok activated', 'ok completed', 'abort activated', 'unreserve activated']);
      s.complete('unreserve');
      expect(s.trail()).toEqual(['unreserve completed', 'abort terminated', 'tx terminated', 'cancelled activated', 'cancelled completed', 'tellCancelled activated']);
      expect(s.live()).toEqual(['tellCancelled']);
    });
  });
});
