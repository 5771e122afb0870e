/**
 * Working-day arithmetic on calendar dates (`YYYY-MM-DD`), for meeting cut-offs and status
 * dates, over the engine's `CalendarData`. The engine does instant arithmetic for SLAs; this is
 * the date-only part the meeting planner needs.
 */
import type { CalendarData } from '@app/engine';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): Date {
  if (!ISO_DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const w = toUtc(date).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isWorkingDate(date: string, cal: CalendarData): boolean {
  const weekend = cal.weekend ?? [6, 7];
  return !weekend.includes(isoWeekday(date)) && !(cal.holidays ?? []).includes(date);
}

/** Moves `n` working days (negative: back). `n = 0` returns the date itself. */
export function addWorkingDays(date: string, n: number, cal: CalendarData): string {
  let d = date;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  let guard = 0;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDate(d, cal)) left--;
    if (++guard > 3660) throw new RangeError('calendar has no working days');
  }
  return d;
}

/** The first working date on or after `date`. */
export function nextWorkingDate(date: string, cal: CalendarData): string {
  let d = date;
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (isWorkingDate(d, cal)) return d;
  throw new RangeError('calendar has no working days');
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, cal: CalendarData): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDate(d, cal)) n++;
  return n;
}

/** The local calendar date of an instant in the calendar's time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
