import type { CalendarData } from '../contract.types';
import { addCalendarDuration, checkTimerText, computeTimerDue, nextCycleDue, resolveCalendar, TimerError } from './timers';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-03-02T09:00:00Z');
const england: CalendarData = { timeZone: 'Europe/London', holidays: ['2026-04-03', '2026-04-06'] };
const iso = (s: { due: Date; remaining?: number } | undefined) => (s ? { due: s.due.toISOString(), ...(s.remaining !== undefined ? { remaining: s.remaining } : {}) } : undefined);

describe('timers', () => {
  describe('checkTimerText', () => {
    it('given valid timer texts, when checked, then there is no problem', () => {
      expect(checkTimerText('date', '2026-05-01T09:00:00Z')).toBeUndefined();
      expect(checkTimerText('duration', 'P2D')).toBeUndefined();
      expect(checkTimerText('cycle', 'R3/PT1H')).toBeUndefined();
      expect(checkTimerText('cycle', '0 8 * * 1-5')).toBeUndefined();
    });

    it('given invalid timer texts, when checked, then each problem gives an example', () => {
      expect(checkTimerText('date', 'P1D')).toBe('"P1D" is not an ISO 8601 date-time (e.g. 2026-05-01T09:00:00Z)');
      expect(checkTimerText('duration', '2026-05-01T09:00:00Z')).toBe('"2026-05-01T09:00:00Z" is not an ISO 8601 duration (e.g. PT10M, P2D)');
      expect(checkTimerText('cycle', 'PT1H')).toBe('"PT1H" is not a repeating interval (e.g. R3/PT10M, R/P1D) or a cron expression');
    });
  });

  describe('resolveCalendar', () => {
    const source = { calendars: { england }, defaultCalendar: 'england' };
    it('given no name, when resolved, then there is no calendar (plain time)', () => {
      expect(resolveCalendar(undefined, source)).toBeUndefined();
    });
    it('given a name, "default" or "partnership", when resolved, then the named or default calendar is used', () => {
      expect(resolveCalendar('england', source)).toBe(england);
      expect(resolveCalendar('default', source)).toBe(england);
      expect(resolveCalendar('partnership', source)).toBe(england);
      expect(resolveCalendar('partnership', { calendars: { partnership: { timeZone: 'UTC' } } })).toEqual({ timeZone: 'UTC' });
    });
    it('given a calendar the context does not supply, when resolved, then a TimerError names it', () => {
      expect(() => resolveCalendar('scotland', source)).toThrow(new TimerError('the calendar "scotland" was not supplied'));
      expect(() => resolveCalendar('default', {})).toThrow(TimerError);
    });
  });

  describe('addCalendarDuration', () => {
    it('given no calendar, when added, then it is UTC calendar time; with one, working days', () => {
      expect(addCalendarDuration(d('2026-04-02T09:00:00Z'), 'P1D').toISOString()).toBe('2026-04-03T09:00:00.000Z');
      expect(addCalendarDuration(d('2026-04-02T09:00:00Z'), 'P1D', england).toISOString()).toBe('2026-04-07T09:00:00.000Z');
    });
    it('given a text that is not a duration, when added, then a TimerError says so', () => {
      expect(() => addCalendarDuration(NOW, 'soon')).toThrow(new TimerError('"soon" is not an ISO 8601 duration'));
    });
  });

  describe('computeTimerDue', () => {
    it('given a date, when computed, then it is due then; without a zone it is read in the calendar\'s zone', () => {
      expect(iso(computeTimerDue('date', '2026-03-10T09:00:00Z', NOW))).toEqual({ due: '2026-03-10T09:00:00.000Z' });
      expect(iso(computeTimerDue('date', '2026-07-10T09:00:00', NOW, england))).toEqual({ due: '2026-07-10T08:00:00.000Z' });
    });

    it('given a duration, when computed, then it is due that long after now', () => {
      expect(iso(computeTimerDue('duration', 'PT90M', NOW))).toEqual({ due: '2026-03-02T10:30:00.000Z' });
    });

    it('given cycles, when computed, then the first due time and the repetitions left after it are returned', () => {
      expect(iso(computeTimerDue('cycle', 'R3/PT1H', NOW))).toEqual({ due: '2026-03-02T10:00:00.000Z', remaining: 2 });
      expect(iso(computeTimerDue('cycle', 'R/PT1H', NOW))).toEqual({ due: '2026-03-02T10:00:00.000Z', remaining: -1 });
      expect(iso(computeTimerDue('cycle', 'R1/PT1H', NOW))).toEqual({ due: '2026-03-02T10:00:00.000Z', remaining: 0 });
      expect(iso(computeTimerDue('cycle', '0 8 * * *', NOW))).toEqual({ due: '2026-03-03T08:00:00.000Z', remaining: -1 });
    });

    it('given a cycle with a future start, when computed, then the first occurrence is the start', () => {
      expect(iso(computeTimerDue('cycle', 'R3/2026-03-10T09:00:00Z/P1D', NOW))).toEqual({ due: '2026-03-10T09:00:00.000Z', remaining: 2 });
    });

    it('given a cycle whose occurrences are all past, when computed, then the last one is due at once and none remain', () => {
      expect(iso(computeTimerDue('cycle', 'R2/2026-02-20T09:00:00Z/P1D', NOW))).toEqual({ due: '2026-02-21T09:00:00.000Z', remaining: 0 });
    });

    it('given a cycle that repeats zero times or bad text, when computed, then a TimerError is thrown', () => {
      expect(() => computeTimerDue('cycle', 'R0/PT1H', NOW)).toThrow(new TimerError('"R0/PT1H" repeats zero times'));
      expect(() => computeTimerDue('cycle', 'hourly', NOW)).toThrow(TimerError);
      expect(() => computeTimerDue('date', 'soon', NOW)).toThrow(TimerError);
      expect(() => computeTimerDue('duration', 'soon', NOW)).toThrow(TimerError);
    });

    it('given a cycle in working days, when computed and advanced, then each occurrence skips non-working days', () => {
      expect(iso(computeTimerDue('cycle', 'R3/P1D', d('2026-04-02T10:00:00Z'), england))).toEqual({ due: '2026-04-07T10:00:00.000Z', remaining: 2 });
      expect(iso(nextCycleDue('R3/P1D', d('2026-04-02T10:00:00Z'), 2, england))).toEqual({ due: '2026-04-07T10:00:00.000Z', remaining: 1 });
    });
  });

  describe('nextCycleDue', () => {
    it('given repetitions left, when advanced, then the next occurrence is one interval after the last, counting down', () => {
      expect(iso(nextCycleDue('R3/PT1H', d('2026-03-02T10:00:00Z'), 2))).toEqual({ due: '2026-03-02T11:00:00.000Z', remaining: 1 });
      expect(iso(nextCycleDue('R3/PT1H', d('2026-03-02T11:00:00Z'), 1))).toEqual({ due: '2026-03-02T12:00:00.000Z', remaining: 0 });
    });
    it('given none left, when advanced, then there is no next occurrence', () => {
      expect(nextCycleDue('R3/PT1H', d('2026-03-02T12:00:00Z'), 0)).toBeUndefined();
    });
    it('given an unbounded cycle or cron, when advanced, then it stays unbounded', () => {
      expect(iso(nextCycleDue('R/PT1H', d('2026-03-02T10:00:00Z'), -1))).toEqual({ due: '2026-03-02T11:00:00.000Z', remaining: -1 });
      expect(iso(nextCycleDue('0 8 * * *', d('2026-03-03T08:00:00Z'), -1))).toEqual({ due: '2026-03-04T08:00:00.000Z', remaining: -1 });
    });
  });
});
