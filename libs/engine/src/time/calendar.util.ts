/**
 * Working-day arithmetic against a calendar supplied as data (weekend days, holiday dates, a time
 * zone and an optional due hour). Days are counted on the calendar's wall clock, so a deadline
 * keeps its local hour across a daylight-saving change.
 *
 * Rules: the days of a duration count working days (a week counts 5), starting from the day after
 * the start (a referral on Saturday with P2D is due on Tuesday); years and months move the date on
 * the calendar and then forward to the next working day; hours, minutes and seconds are added
 * after. With a due hour, the deadline falls at that hour of the last day.
 */
import { DateTime } from 'luxon';
import type { CalendarData } from '../contract.types';
import type { IsoDuration } from './iso.util';

const MAX_SCAN_DAYS = 3_660;

export function isWorkingDay(day: DateTime, cal: CalendarData): boolean {
  const weekend = cal.weekend ?? [6, 7];
  if (weekend.includes(day.weekday)) return false;
  return !(cal.holidays ?? []).includes(day.toISODate() ?? '');
}

export function addWorkingDuration(start: Date, d: IsoDuration, cal: CalendarData, sign: 1 | -1 = 1): Date {
  let dt: DateTime = DateTime.fromJSDate(start, { zone: cal.timeZone });
  if (!dt.isValid) throw new Error(`the calendar's time zone "${cal.timeZone}" is not valid`);
  if (d.years || d.months) {
    dt = dt.plus({ years: sign * d.years, months: sign * d.months });
    dt = rollToWorkingDay(dt, cal, sign);
  }
  let days = Math.round(d.weeks * 5 + d.days);
  let scanned = 0;
  while (days > 0) {
    dt = dt.plus({ days: sign });
    if (isWorkingDay(dt, cal)) days--;
    if (++scanned > MAX_SCAN_DAYS) throw new Error('the calendar has no working days');
  }
  if (cal.dueHour !== undefined && (d.days || d.weeks || d.months || d.years)) {
    dt = dt.set({ hour: cal.dueHour, minute: 0, second: 0, millisecond: 0 });
  }
  dt = dt.plus({ hours: sign * d.hours, minutes: sign * d.minutes, seconds: sign * d.seconds });
  return dt.toJSDate();
}

function rollToWorkingDay(dt: DateTime, cal: CalendarData, sign: 1 | -1): DateTime {
  let scanned = 0;
  while (!isWorkingDay(dt, cal)) {
    dt = dt.plus({ days: sign });
    if (++scanned > MAX_SCAN_DAYS) throw new Error('the calendar has no working days');
  }
  return dt;
}
