import type { CalendarData } from '../../contract.types';
import { bpmn, chain, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const england: CalendarData = { timeZone: 'Europe/London', holidays: ['2026-04-03', '2026-04-06', '2026-05-04'] };

const waitThen = (timer: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:intermediateCatchEvent id="wait">${timer}</bpmn:intermediateCatchEvent>
    <bpmn:userTask id="next"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'wait', 'next', 'end')}`);

/** A user task with a non-interrupting timer boundary: each firing starts a reminder branch. */
const reminders = (timer: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="work"/>
    <bpmn:endEvent id="end"/>
    <bpmn:boundaryEvent id="tick" attachedToRef="work" cancelActivity="false">${timer}</bpmn:boundaryEvent>
    <bpmn:serviceTask id="remind"><bpmn:extensionElements><zeebe:taskDefinition type="remind"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="remindEnd"/>
    ${chain('f', 'start', 'work', 'end')}
    ${flow('r1', 'tick', 'remind')}
    ${flow('r2', 'remind', 'remindEnd')}`);

describe('timers', () => {
  it('given a duration timer, when reached, then schedule-timer is due after the duration; when it fires, then the token moves on', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'PT1H30M'))).start();
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'wait activated']);
    expect(s.last.commands).toEqual([{ type: 'schedule-timer', timerId: 3, dueAt: '2026-03-02T10:30:00.000Z', elementInstanceId: 2, elementId: 'wait', purpose: 'event' }]);
    s.fire('wait');
    expect(s.trail()).toEqual(['wait triggered (timer)', 'wait completed', 'next activated']);
    expect(s.commands()).toEqual(['create-user-task next']);
  });

  it('given a date timer, when reached, then it is due at that date', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDate', '2026-05-01T09:00:00+01:00'))).start();
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-05-01T08:00:00.000Z');
  });

  it('given a FEEL timer expression, when reached, then it is evaluated on the variables', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDate', '=reviewDate'))).start({ variables: { reviewDate: '2026-06-01T10:00:00Z' } });
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-06-01T10:00:00.000Z');
  });

  it('given a FEEL timer expression that gives no text, when reached, then an expression-failed incident names it', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDuration', '=waitFor'))).start({ variables: { waitFor: 5 } });
    expect(s.trail().slice(-1)).toEqual(['wait incident (expression-failed)']);
    expect(s.state.incidents![0]!.message).toBe('the timer expression "waitFor" gave 5, not a date, duration or cycle');
  });

  it('given a FEEL timer expression that gives an invalid duration, when reached, then an expression-failed incident says so', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDuration', '=waitFor'))).start({ variables: { waitFor: 'two days' } });
    expect(s.state.incidents![0]!.message).toBe('"two days" is not an ISO 8601 duration');
  });

  it('given a cycle R3/PT1H on a non-interrupting boundary, when time passes, then it fires exactly three times, an hour apart, and the task stays open', () => {
    const s = Scenario.given(reminders(timerEvent('timeCycle', 'R3/PT1H'))).start();
    expect(s.commandsOf('schedule-timer').map((c) => c.dueAt)).toEqual(['2026-03-02T10:00:00.000Z']);
    const dues: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sub = s.subscription('tick', 'timer');
      dues.push(sub.due!);
      s.fire('tick');
      expect(s.trail()).toEqual(['tick triggered (timer)', 'tick activated', 'tick completed', 'remind activated']);
    }
    expect(dues).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z']);
    expect(s.state.subscriptions.filter((x) => x.kind === 'timer')).toEqual([]);
    expect(s.live()).toEqual(['work', 'remind', 'remind', 'remind']);
  });

  it('given an unbounded cycle, when it fires, then it rearms each time with rep -1', () => {
    const s = Scenario.given(reminders(timerEvent('timeCycle', 'R/P1D'))).start();
    for (let i = 0; i < 5; i++) s.fire('tick');
    expect(s.subscription('tick', 'timer')).toMatchObject({ due: '2026-03-08T09:00:00.000Z', rep: -1 });
  });

  it('given a cycle with a start date in the past, when armed, then it resumes at the next occurrence after now, counting the missed ones', () => {
    const s = Scenario.given(reminders(timerEvent('timeCycle', 'R5/2026-03-02T06:00:00Z/PT1H'))).start();
    // 06:00, 07:00 and 08:00 are past; 09:00 is now (due at once) and 10:00 is the fifth and last.
    expect(s.subscription('tick', 'timer')).toMatchObject({ due: '2026-03-02T09:00:00.000Z', rep: 1 });
    s.fire('tick');
    expect(s.subscription('tick', 'timer')).toMatchObject({ due: '2026-03-02T10:00:00.000Z', rep: 0 });
    s.fire('tick');
    expect(s.state.subscriptions).toEqual([]);
  });

  it('given a cron cycle, when armed and fired, then each due time is the next match of the expression', () => {
    // Weekdays at 08:00 UTC; started Friday 6 March 2026 at 09:00.
    const s = Scenario.given(reminders(timerEvent('timeCycle', '0 8 * * 1-5')), { now: '2026-03-06T09:00:00.000Z' }).start();
    expect(s.subscription('tick', 'timer').due).toBe('2026-03-09T08:00:00.000Z');
    s.fire('tick');
    expect(s.subscription('tick', 'timer').due).toBe('2026-03-10T08:00:00.000Z');
  });

  it('given a duration in working days on a calendar, when armed over a weekend and a bank holiday, then it skips them and keeps the local hour', () => {
    // Thursday 2 April 2026, 10:00 BST; P1D working day skips Good Friday, the weekend and Easter Monday.
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'P1D', 'partnership')), { now: '2026-04-02T09:00:00.000Z', calendars: { partnership: england } }).start();
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-04-07T09:00:00.000Z');
  });

  it('given a working-day duration across the spring DST change in Europe/London, when armed, then the deadline keeps its local hour', () => {
    // Friday 27 March 2026 09:00 GMT; clocks go forward on Sunday 29 March; Monday 09:00 BST is 08:00 UTC.
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'P1D', 'partnership')), { now: '2026-03-27T09:00:00.000Z', calendars: { partnership: england } }).start();
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-03-30T08:00:00.000Z');
  });

  it('given a working-day duration across the autumn DST change, when armed, then the deadline keeps its local hour', () => {
    // Friday 23 October 2026 09:00 BST (08:00 UTC); clocks go back on Sunday 25 October; Monday 09:00 GMT is 09:00 UTC.
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'P1D', 'partnership')), { now: '2026-10-23T08:00:00.000Z', calendars: { partnership: england } }).start();
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-10-26T09:00:00.000Z');
  });

  it('given the "default" calendar name, when the context names a default calendar, then that one is used', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'P1D', 'default')), {
      now: '2026-05-01T09:00:00.000Z',
      calendars: { england },
      defaultCalendar: 'england',
    }).start();
    // Friday 1 May → Tuesday 5 May (the early May bank holiday is Monday 4 May).
    expect(s.commandsOf('schedule-timer')[0]!.dueAt).toBe('2026-05-05T09:00:00.000Z');
  });

  it('given a fired timer, when the same timer fires again, then the second is rejected as stale with the state unchanged', () => {
    const s = Scenario.given(waitThen(timerEvent('timeDuration', 'PT1H'))).start();
    const timerId = s.subscription('wait', 'timer').id;
    s.fire('wait');
    const again = s.send({ type: 'timer-fired', timerId });
    expect(again.rejection).toEqual({ code: 'stale', message: `timer ${timerId} is no longer armed` });
    expect(again.state).toBe(s.state);
  });

  it('given a timer start event, when the instance is started at it, then the process runs from there', () => {
    const s = Scenario.given(
      bpmn(`<bpmn:startEvent id="daily">${timerEvent('timeCycle', 'R/P1D')}</bpmn:startEvent><bpmn:userTask id="t"/><bpmn:endEvent id="end"/>${chain('f', 'daily', 't', 'end')}`),
    ).start({ startEventId: 'daily' });
    expect(s.trail()).toEqual(['p activated', 'daily activated', 'daily completed', 't activated']);
  });
});
