/**
 * Re-lists a confirmed repeat (the MARAC template's `start-repeat-referral` service task, after a
 * new incident within the repeat window): the case is marked a repeat and listed on the next
 * meeting whose list cut-off it still makes (libs/pathways `assignMeeting` over the partnership's
 * meeting calendar), so it appears on that meeting's agenda. Idempotent (a case is listed once
 * on a meeting). Without a meeting calendar nothing is listed and the coordinator lists it.
 */
import { randomUUID } from 'node:crypto';
import { addDays, assignMeeting, generateMeetings, localDate, MeetingScheduleError, type ListingParams, type MeetingSchedule } from '@app/pathways';
import type { Database } from '@app/persistence';
import type { PartnershipContextProvider } from './partnership-context.provider';

export interface RelistOutcome {
  caseId: string | null;
  meetingDate: string | null;
}

export async function relistRepeat(db: Database, contexts: PartnershipContextProvider, instanceId: number, now: Date): Promise<RelistOutcome> {
  const r = await db.query(
    `SELECT c.id, c.partnership_id, c.pathway FROM instances i JOIN cases c ON c.partnership_id = i.partnership_id AND c.reference = i.business_key WHERE i.id = $1`,
    [instanceId],
  );
  const c = r[0];
  if (!c) return { caseId: null, meetingDate: null };
  const caseId = String(c.id);
  const partnershipId = String(c.partnership_id);
  const pathway = String(c.pathway);
  await db.query('UPDATE case_monitoring SET is_repeat = true WHERE case_id = $1', [caseId]);
  const s = await db.query('SELECT schedule FROM meeting_schedules WHERE partnership_id = $1 AND pathway = $2', [partnershipId, pathway]);
  const schedule = s[0]?.schedule as MeetingSchedule | undefined;
  if (!schedule) return { caseId, meetingDate: null };
  const cal = await contexts.calendar(partnershipId, now);
  const params = await contexts.params(partnershipId, pathway, now);
  const n = (k: keyof ListingParams, d: number) => (typeof params[k] === 'number' ? (params[k] as number) : d);
  const listing: ListingParams = {
    referralCutOffWorkingDays: n('referralCutOffWorkingDays', 8), circulationWorkingDays: n('circulationWorkingDays', 5),
    emergencyIfNextMeetingBeyondDays: n('emergencyIfNextMeetingBeyondDays', 5), maxCasesPerMeeting: n('maxCasesPerMeeting', 16),
  };
  const today = localDate(now, cal.timeZone);
  let decision;
  try {
    const slots = generateMeetings(schedule, today, addDays(today, 180), cal);
    const counts = await db.query(
      `SELECT m.date::text AS date, count(mc.case_id)::int AS n FROM meetings m LEFT JOIN meeting_cases mc ON mc.meeting_id = m.id
        WHERE m.partnership_id = $1 AND m.pathway = $2 AND m.kind = 'scheduled' AND m.date >= $3::date GROUP BY m.date`,
      [partnershipId, pathway, today],
    );
    const byDate = new Map(counts.map((x) => [String(x.date), Number(x.n)]));
    decision = assignMeeting({ receivedAt: now, imminentRisk: false }, slots.map((x) => ({ ...x, caseCount: byDate.get(x.date) ?? 0 })), cal, listing);
  } catch (err) {
    if (err instanceof MeetingScheduleError) return { caseId, meetingDate: null };
    throw err;
  }
  const m = await db.query(
    `INSERT INTO meetings (id, partnership_id, pathway, date, start_time, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'scheduled', 'system', $6)
     ON CONFLICT (partnership_id, pathway, date, kind) DO UPDATE SET status = meetings.status RETURNING id`,
    [randomUUID(), partnershipId, pathway, decision.meetingDate, schedule.startTime, now],
  );
  await db.query(
    `INSERT INTO meeting_cases (meeting_id, case_id, partnership_id, listed_at, listed_by, reasons) VALUES ($1, $2, $3, $4, 'system', $5) ON CONFLICT DO NOTHING`,
    [String(m[0]!.id), caseId, partnershipId, now, ['repeat', ...decision.reasons]],
  );
  return { caseId, meetingDate: decision.meetingDate };
}
