import { bpmn, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const race = bpmn(
  `
  <bpmn:startEvent id="start"/>
  <bpmn:eventBasedGateway id="wait"/>
  <bpmn:intermediateCatchEvent id="consent"><bpmn:messageEventDefinition messageRef="mConsent"/></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="noReply">${timerEvent('timeDuration', 'P2D')}</bpmn:intermediateCatchEvent>
  <bpmn:userTask id="proceed"/>
  <bpmn:userTask id="chase"/>
  <bpmn:endEvent id="endA"/>
  <bpmn:endEvent id="endB"/>
  ${flow('f0', 'start', 'wait')}
  ${flow('fMsg', 'wait', 'consent')}
  ${flow('fTimer', 'wait', 'noReply')}
  ${flow('f1', 'consent', 'proceed')}
  ${flow('f2', 'noReply', 'chase')}
  ${flow('f3', 'proceed', 'endA')}
  ${flow('f4', 'chase', 'endB')}`,
  { roots: '<bpmn:message id="mConsent" name="consent-given"/>' },
);

describe('event-based gateway', () => {
  it('given the gateway is reached, when it waits, then it opens a subscription for each event after it', () => {
    const s = Scenario.given(race).start();
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'wait activated']);
    expect(s.last.commands).toEqual([
      { type: 'open-subscription', subscriptionId: 3, kind: 'message', name: 'consent-given', elementId: 'consent' },
      { type: 'schedule-timer', timerId: 4, dueAt: '2026-03-04T09:00:00.000Z', elementInstanceId: 2, elementId: 'noReply', purpose: 'event' },
    ]);
    expect(s.live()).toEqual(['wait']);
  });

  it('given the message comes first, when it is correlated, then the message path runs and the timer is cancelled', () => {
    const s = Scenario.given(race).start();
    s.message('consent-given', undefined, { consent: true });
    expect(s.trail(true)).toEqual(['consent triggered (consent-given)', 'wait completed', 'fMsg taken', 'consent activated', 'consent completed', 'f1 taken', 'proceed activated']);
    expect(s.commands()).toEqual(['close-subscription', 'cancel-timer 4', 'create-user-task proceed']);
    expect(s.state.variables).toEqual({ consent: true });
    expect(s.state.subscriptions).toEqual([]);

    const late = s.send({ type: 'timer-fired', timerId: 4 });
    expect(late.rejection?.code).toBe('stale');
  });

  it('given the timer fires first, when it fires, then the timer path runs and the message subscription is closed', () => {
    const s = Scenario.given(race).start();
    s.fire('noReply');
    expect(s.trail(true)).toEqual(['noReply triggered (timer)', 'wait completed', 'fTimer taken', 'noReply activated', 'noReply completed', 'f2 taken', 'chase activated']);
    expect(s.commands()).toEqual(['close-subscription', 'create-user-task chase']); // the fired timer is spent, not cancelled

    const late = s.send({ type: 'message', name: 'consent-given' });
    expect(late.rejection?.code).toBe('not-found');
  });
});
