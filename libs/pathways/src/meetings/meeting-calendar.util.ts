/**
 * A partnership's MARAC meeting calendar: weekly, fortnightly or monthly meetings on a weekday,
 * moved or skipped on holidays, plus emergency meetings; and which meeting a referral goes to
 * (the list cut-off, a full meeting, imminent risk). Defaults are domain §2.4 step 6 [I].
 */
import type { CalendarData } from '@app/engine';
import { addDays, addWorkingDays, isoWeekday, isWorkingDate, localDate, nextWorkingDate, workingDaysBetween } from './working-days.util';
import type { ListingDecision, ListingParams, ListingReason, MeetingSchedule, MeetingSlot } from './meeting.types';

export class MeetingScheduleError extends Error {}

function validateSchedule(s: MeetingSchedule): void {
  if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) throw new MeetingScheduleError('weekday must be 1–7');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.startTime)) throw new MeetingScheduleError('startTime must be HH:mm');
  if (s.frequency === 'fortnightly') {
    if (!s.anchorDate) throw new MeetingScheduleError('a fortnightly schedule needs an anchorDate');
    if (isoWeekday(s.anchorDate) !== s.weekday) throw new MeetingScheduleError('anchorDate is not on the meeting weekday');
  }
  if (s.frequency === 'monthly') {
    const w = s.weekOfMonth ?? 1;
    if (!(w === -1 || (Number.isInteger(w) && w >= 1 && w <= 4))) throw new MeetingScheduleError('weekOfMonth must be 1–4 or -1');
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function isNominalDate(s: MeetingSchedule, date: string): boolean {
  if (isoWeekday(date) !== s.weekday) return false;
  switch (s.frequency) {
    case 'weekly':
      return true;
    case 'fortnightly':
      return ((daysBetween(s.anchorDate ?? date, date) % 14) + 14) % 14 === 0;
    case 'monthly': {
      const w = s.weekOfMonth ?? 1;
      const dayOfMonth = Number(date.slice(8, 10));
      if (w === -1) return addDays(date, 7).slice(5, 7) !== date.slice(5, 7);
      return Math.ceil(dayOfMonth / 7) === w;
    }
  }
}

/** Scheduled meetings with a date in [from, to], holidays applied, sorted. */
export function generateMeetings(s: MeetingSchedule, from: string, to: string, cal: CalendarData): MeetingSlot[] {
  validateSchedule(s);
  const cancelled = new Set(s.cancelledDates ?? []);
  const dates = new Set<string>();
  // Start a week early so a meeting moved forward from before `from` is not lost.
  for (let d = addDays(from, -7); d <= to; d = addDays(d, 1)) {
    if (!isNominalDate(s, d) || cancelled.has(d)) continue;
    let date = d;
    if (!isWorkingDate(d, cal)) {
      if (s.onHoliday === 'skip') continue;
      date = nextWorkingDate(d, cal);
    }
    if (date >= from && date <= to) dates.add(date);
  }
  for (const d of s.extraDates ?? []) if (d >= from && d <= to && !cancelled.has(d)) dates.add(d);
  return [...dates].sort().map((date) => ({ date, startTime: s.startTime, kind: 'scheduled' }));
}

/**
 * Which meeting a referral received at `receivedAt` goes to. A referral received on or before a
 * meeting's cut-off date is listed there unless it is full; with imminent risk and the next
 * possible meeting too far away, an emergency meeting is called.
 */
export function assignMeeting(
  referral: { receivedAt: Date; imminentRisk: boolean },
  meetings: MeetingSlot[],
  cal: CalendarData,
  params: ListingParams,
): ListingDecision {
  const received = localDate(referral.receivedAt, cal.timeZone);
  const reasons = new Set<ListingReason>();
  const sorted = [...meetings].filter((m) => m.kind === 'scheduled' && m.date > received).sort((a, b) => a.date.localeCompare(b.date));
  let chosen: MeetingSlot | undefined;
  for (const m of sorted) {
    const cutOff = addWorkingDays(m.date, -params.referralCutOffWorkingDays, cal);
    if (received > cutOff) {
      reasons.add('after-cut-off');
      continue;
    }
    if ((m.caseCount ?? 0) >= params.maxCasesPerMeeting) {
      reasons.add('meeting-full');
      continue;
    }
    chosen = m;
    break;
  }
  const waitDays = chosen ? workingDaysBetween(received, chosen.date, cal) : Number.POSITIVE_INFINITY;
  if (referral.imminentRisk && waitDays > params.emergencyIfNextMeetingBeyondDays) {
    const date = addWorkingDays(nextWorkingDate(received, cal), params.emergencyWithinWorkingDays ?? 1, cal);
    reasons.add('imminent-risk');
    return { meetingDate: date, emergency: true, cutOffDate: received, circulationDate: received, reasons: [...reasons] };
  }
  if (!chosen) throw new MeetingScheduleError('no meeting in the calendar can take this referral: extend the calendar');
  if (reasons.size === 0) reasons.add('before-cut-off');
  return {
    meetingDate: chosen.date,
    emergency: false,
    cutOffDate: addWorkingDays(chosen.date, -params.referralCutOffWorkingDays, cal),
    circulationDate: addWorkingDays(chosen.date, -params.circulationWorkingDays, cal),
    reasons: [...reasons],
  };
}
