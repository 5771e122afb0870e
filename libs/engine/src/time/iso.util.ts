/**
 * ISO 8601 durations, dates and repeating intervals, and cron expressions: parsing and plain
 * calendar arithmetic (in UTC unless a zone is given). Working-day arithmetic is in calendar.util.ts.
 */
import { DateTime, Duration } from 'luxon';
import { CronExpressionParser } from 'cron-parser';

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): IsoDuration | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const n = (v: string | undefined) => (v ? Number(v.replace(',', '.')) : 0);
  return { years: n(m[1]), months: n(m[2]), weeks: n(m[3]), days: n(m[4]), hours: n(m[5]), minutes: n(m[6]), seconds: n(m[7]) };
}

export function isZeroDuration(d: IsoDuration): boolean {
  return !(d.years || d.months || d.weeks || d.days || d.hours || d.minutes || d.seconds);
}

/** Calendar arithmetic: months and days follow the wall clock of `zone` (DST-safe). */
export function addDuration(date: Date, d: IsoDuration, zone = 'UTC', sign: 1 | -1 = 1): Date {
  const dt = DateTime.fromJSDate(date, { zone });
  const dur = Duration.fromObject({
    years: sign * d.years,
    months: sign * d.months,
    weeks: sign * d.weeks,
    days: sign * d.days,
    hours: sign * d.hours,
    minutes: sign * d.minutes,
    seconds: sign * d.seconds,
  });
  return dt.plus(dur).toJSDate();
}

/** An ISO 8601 date-time with a zone designator (Z or ±hh:mm); without one, `defaultZone`. */
export function parseDateTime(text: string, defaultZone = 'UTC'): Date | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?(\[[A-Za-z_/+-]+\])?$/.test(t)) return undefined;
  const zoned = /\[([A-Za-z_/+-]+)\]$/.exec(t);
  const body = zoned ? t.slice(0, zoned.index) : t;
  const dt = DateTime.fromISO(body, { zone: zoned?.[1] ?? defaultZone, setZone: true });
  return dt.isValid ? dt.toJSDate() : undefined;
}

export interface RepeatingInterval {
  /** -1 = unbounded (`R/…`). */
  repetitions: number;
  start?: Date;
  interval: IsoDuration;
}

/** `R5/PT10S`, `R/P1D`, `R3/2026-01-05T09:00:00Z/P1D`. */
export function parseRepeating(text: string): RepeatingInterval | undefined {
  const parts = text.trim().split('/');
  const head = parts[0];
  if (!head || !/^R\d*$/.test(head)) return undefined;
  const repetitions = head === 'R' ? -1 : Number(head.slice(1));
  if (parts.length === 2) {
    const interval = parseDuration(parts[1]!);
    return interval && !isZeroDuration(interval) ? { repetitions, interval } : undefined;
  }
  if (parts.length === 3) {
    const start = parseDateTime(parts[1]!);
    const interval = parseDuration(parts[2]!);
    return start && interval && !isZeroDuration(interval) ? { repetitions, start, interval } : undefined;
  }
  return undefined;
}

/** A cron expression (5 or 6 fields, seconds first when 6), as Camunda 8 accepts in a time cycle. */
export function isCron(text: string): boolean {
  const fields = text.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return false;
  try {
    CronExpressionParser.parse(text.trim(), { currentDate: new Date(0), tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

export function nextCron(text: string, after: Date, zone = 'UTC'): Date {
  return CronExpressionParser.parse(text.trim(), { currentDate: after, tz: zone }).next().toDate();
}
