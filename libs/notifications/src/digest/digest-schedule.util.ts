/**
 * When a partnership's daily digest runs: at `hour` o'clock in its time zone. The digest "day"
 * is the local date of that run, so a user gets at most one digest per local day.
 */
import { DateTime } from 'luxon';

export interface DigestSlot {
  /** The local date, YYYY-MM-DD. */
  day: string;
  at: Date;
}

/** The first digest time strictly after `now`. */
export function nextDigestSlot(now: Date, timeZone: string, hour: number): DigestSlot {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new Error(`unknown time zone ${timeZone}`);
  let at = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (at.toMillis() <= now.getTime()) at = at.plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  return { day: at.toISODate() as string, at: at.toJSDate() };
}

/** The slot after `day` (the tick that follows a tick). */
export function slotAfter(day: string, timeZone: string, hour: number): DigestSlot {
  const at = DateTime.fromISO(day, { zone: timeZone }).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  return { day: at.toISODate() as string, at: at.toJSDate() };
}

/** The local date of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() as string;
}

