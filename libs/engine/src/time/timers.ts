/**
 * When a timer falls due: ISO 8601 dates, durations (in working days against a calendar when one
 * is named), repeating intervals (`R/…`) and cron cycles.
 */
import type { CalendarData } from '../contract.types';
import type { TimerDef } from '../model.types';
import { addDuration, isCron, nextCron, parseDateTime, parseDuration, parseRepeating } from './iso.util';
import { addWorkingDuration } from './calendar.util';

export interface TimerSchedule {
  due: Date;
  /** For cycles: repetitions left after this one (-1 unbounded). */
  remaining?: number;
}

export interface CalendarSource {
  calendars?: Record<string, CalendarData>;
  defaultCalendar?: string;
}

export class TimerError extends Error {}

/** A problem with a literal timer text, or undefined when it is valid. */
export function checkTimerText(kind: TimerDef['kind'], text: string): string | undefined {
  const t = text.trim();
  if (kind === 'date') return parseDateTime(t) ? undefined : `"${t}" is not an ISO 8601 date-time (e.g. 2026-05-01T09:00:00Z)`;
  if (kind === 'duration') {
    return parseDuration(t) ? undefined : `"${t}" is not an ISO 8601 duration (e.g. PT10M, P2D)`;
  }
  if (parseRepeating(t) || isCron(t)) return undefined;
  return `"${t}" is not a repeating interval (e.g. R3/PT10M, R/P1D) or a cron expression`;
}

export function resolveCalendar(name: string | undefined, source: CalendarSource): CalendarData | undefined {
  if (!name) return undefined;
  const key = name === 'default' || name === 'partnership' ? (source.calendars?.[name] ? name : source.defaultCalendar) : name;
  const cal = key ? source.calendars?.[key] : undefined;
  if (!cal) throw new TimerError(`the calendar "${name}" was not supplied`);
  return cal;
}

/** Add an ISO duration to a time, in working days when a calendar is given. */
export function addCalendarDuration(start: Date, iso: string, calendar?: CalendarData, sign: 1 | -1 = 1): Date {
  const d = parseDuration(iso);
  if (!d) throw new TimerError(`"${iso}" is not an ISO 8601 duration`);
  return calendar ? addWorkingDuration(start, d, calendar, sign) : addDuration(start, d, 'UTC', sign);
}

/** The first due time of a timer whose text (literal or FEEL result) is `text`. */
export function computeTimerDue(kind: TimerDef['kind'], text: string, now: Date, calendar?: CalendarData): TimerSchedule {
  const t = text.trim();
  if (kind === 'date') {
    const due = parseDateTime(t, calendar?.timeZone);
    if (!due) throw new TimerError(`"${t}" is not an ISO 8601 date-time`);
    return { due };
  }
  if (kind === 'duration') return { due: addCalendarDuration(now, t, calendar) };
  const cycle = parseRepeating(t);
  if (cycle) {
    if (cycle.repetitions === 0) throw new TimerError(`"${t}" repeats zero times`);
    let due = cycle.start ?? addTo(now, cycle.interval, calendar);
    let remaining = cycle.repetitions < 0 ? -1 : cycle.repetitions - 1;
    // A cycle that started in the past resumes at its next occurrence, counting the ones missed.
    let guard = 0;
    while (cycle.start && due < now && remaining !== 0 && guard++ < 100_000) {
      due = addTo(due, cycle.interval, calendar);
      if (remaining > 0) remaining--;
    }
    return { due, remaining };
  }
  if (isCron(t)) return { due: nextCron(t, now, calendar?.timeZone ?? 'UTC'), remaining: -1 };
  throw new TimerError(`"${t}" is not a repeating interval or a cron expression`);
}

/** The next occurrence of a cycle after one fired at `last`, or undefined when it is exhausted. */
export function nextCycleDue(text: string, last: Date, remaining: number, calendar?: CalendarData): TimerSchedule | undefined {
  if (remaining === 0) return undefined;
  const t = text.trim();
  const next = remaining < 0 ? -1 : remaining - 1;
  const cycle = parseRepeating(t);
  if (cycle) return { due: addTo(last, cycle.interval, calendar), remaining: next };
  if (isCron(t)) return { due: nextCron(t, last, calendar?.timeZone ?? 'UTC'), remaining: -1 };
  return undefined;
}

function addTo(date: Date, interval: NonNullable<ReturnType<typeof parseDuration>>, calendar?: CalendarData): Date {
  return calendar ? addWorkingDuration(date, interval, calendar) : addDuration(date, interval);
}
