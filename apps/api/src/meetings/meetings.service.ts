import { randomUUID } from 'node:crypto';
import { agencyMayHoldCase, CaseAccessService, hasAnyRole, PARTNERSHIP_WIDE_CASE_ROLES, worksForAgency } from '@app/access';
import { CompleteTaskUseCase, DomainError, ErrorCode, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { CalendarData, FormField, Variables } from '@app/engine';
import type { FieldCipher, Principal } from '@app/identity';
import {
  addDays, addWorkingDays, assignMeeting, buildAgenda, generateMeetings, localDate, MeetingScheduleError, statusDueDate,
  type AgendaCase, type ListingParams, type MeetingSchedule, type MeetingSlot,
} from '@app/pathways';
import { COORDINATORS, iso, who } from '../pathways/pathway-support';

/**
 * MARAC meetings: the partnership's meeting calendar (weekly, fortnightly or monthly, moved or
 * skipped on holidays, plus emergency meetings), listing a case onto a meeting (the list cut-off,
 * a full meeting, imminent risk → emergency), the agenda in SafeLives' order (children's cases
 * first), the action plan (one action per owner agency, its description encrypted, issued into
 * the running instance as the meeting task's `actions`, which the template's multi-instance
 * turns into one task per action) and the minutes (their own encrypted table, read through the
 * `minutes` scope, never part of a case file). Every read of case-level detail goes through the
 * access layer and the audit log.
 */
export const MEETING_TASKS = ['HoldMeeting', 'HoldMarak', 'HoldCaseConference'];
export const SCHEDULING_TASKS = ['ScheduleToNextMeeting'];

const DEFAULT_LISTING: ListingParams = { referralCutOffWorkingDays: 8, circulationWorkingDays: 5, emergencyIfNextMeetingBeyondDays: 5, maxCasesPerMeeting: 16 };

export interface MeetingView {
  id: string;
  pathway: string;
  date: string;
  startTime: string;
  kind: 'scheduled' | 'emergency';
  status: string;
  caseCount: number;
  cutOffDate: string;
  circulationDate: string;
}

export class MeetingsService {
  constructor(
    private readonly rt: RuntimeServices,
    private readonly contexts: PartnershipContextProvider,
    private readonly access: CaseAccessService,
    private readonly audit: AuditLog,
    private readonly cipher: FieldCipher,
    private readonly completeTask: CompleteTaskUseCase,
  ) {}

  private async calendar(p: { partnershipId: string }): Promise<CalendarData> {
    return this.contexts.calendar(p.partnershipId, this.rt.clock.now());
  }

  private async listing(partnershipId: string, pathway: string): Promise<ListingParams> {
    const params = await this.contexts.params(partnershipId, pathway, this.rt.clock.now()).catch(() => ({}) as Record<string, unknown>);
    const n = (k: keyof ListingParams) => (typeof params[k] === 'number' ? (params[k] as number) : DEFAULT_LISTING[k]!);
    return { referralCutOffWorkingDays: n('referralCutOffWorkingDays'), circulationWorkingDays: n('circulationWorkingDays'), emergencyIfNextMeetingBeyondDays: n('emergencyIfNextMeetingBeyondDays'), maxCasesPerMeeting: n('maxCasesPerMeeting') };
  }

  // ------------------------------------------------------------------------------------------
  // The schedule

  async schedule(p: Principal, pathway: string): Promise<MeetingSchedule | null> {
    const r = await this.rt.db.query('SELECT schedule FROM meeting_schedules WHERE partnership_id = $1 AND pathway = $2', [p.partnershipId, pathway]);
    return (r[0]?.schedule as MeetingSchedule | undefined) ?? null;
  }

  async setSchedule(p: Principal, pathway: string, schedule: MeetingSchedule): Promise<MeetingSchedule> {
    const today = localDate(this.rt.clock.now(), (await this.calendar(p)).timeZone);
    try {
      generateMeetings(schedule, today, addDays(today, 60), await this.calendar(p));
    } catch (err) {
      if (err instanceof MeetingScheduleError) throw new DomainError(ErrorCode.InvalidInput, err.message);
      throw err;
    }
    await this.rt.db.query(
      `INSERT INTO meeting_schedules (partnership_id, pathway, schedule, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (partnership_id, pathway) DO UPDATE SET schedule = EXCLUDED.schedule, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [p.partnershipId, pathway, JSON.stringify(schedule), p.userId, this.rt.clock.now()],
    );
    await this.audit.record({ who: who(p), action: 'meeting.schedule.update', outcome: 'allowed', target: `pathway:${pathway}`, detail: { frequency: schedule.frequency, weekday: schedule.weekday } });
    return schedule;
  }

  /** Creates the rows of the scheduled meetings in [from, to] (idempotent), so each has an id. */
  private async materialise(partnershipId: string, pathway: string, from: string, to: string, cal: CalendarData, by: string): Promise<void> {
    const r = await this.rt.db.query('SELECT schedule FROM meeting_schedules WHERE partnership_id = $1 AND pathway = $2', [partnershipId, pathway]);
    const schedule = r[0]?.schedule as MeetingSchedule | undefined;
    if (!schedule) return;
    const slots = generateMeetings(schedule, from, to, cal);
    for (const s of slots) {
      await this.rt.db.query(
        `INSERT INTO meetings (id, partnership_id, pathway, date, start_time, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7)
         ON CONFLICT (partnership_id, pathway, date, kind) DO NOTHING`,
        [randomUUID(), partnershipId, pathway, s.date, s.startTime, by, this.rt.clock.now()],
      );
    }
  }

  private async views(partnershipId: string, pathway: string | undefined, from: string, to: string, cal: CalendarData): Promise<MeetingView[]> {
    const rows = await this.rt.db.query(
      `SELECT m.id, m.pathway, m.date::text AS date, m.start_time, m.kind, m.status, (SELECT count(*)::int FROM meeting_cases mc WHERE mc.meeting_id = m.id) AS cases
         FROM meetings m WHERE m.partnership_id = $1 AND ($2::text IS NULL OR m.pathway = $2) AND m.date >= $3::date AND m.date <= $4::date AND m.status <> 'cancelled'
        ORDER BY m.date, m.kind DESC, m.id`,
      [partnershipId, pathway ?? null, from, to],
    );
    const listing = await this.listing(partnershipId, pathway ?? 'marac-safelives');
    return rows.map((r) => ({
      id: String(r.id), pathway: String(r.pathway), date: String(r.date), startTime: String(r.start_time), kind: r.kind as MeetingView['kind'], status: String(r.status), caseCount: Number(r.cases),
      cutOffDate: addWorkingDays(String(r.date), -listing.referralCutOffWorkingDays, cal), circulationDate: addWorkingDays(String(r.date), -listing.circulationWorkingDays, cal),
    }));
  }

  async list(p: Principal, q: { pathway?: string; from?: string; to?: string; upcoming?: boolean }): Promise<MeetingView[]> {
    const cal = await this.calendar(p);
    const today = localDate(this.rt.clock.now(), cal.timeZone);
    const from = q.from ?? (q.upcoming === false ? addDays(today, -90) : today);
    const to = q.to ?? addDays(from, 90);
    if (to < from || Date.parse(to) - Date.parse(from) > 400 * 86_400_000) throw new DomainError(ErrorCode.InvalidInput, 'the range must run forwards and span at most 400 days');
    const pathways = q.pathway ? [q.pathway] : (await this.rt.db.query('SELECT pathway FROM meeting_schedules WHERE partnership_id = $1', [p.partnershipId])).map((r) => String(r.pathway));
    for (const pw of pathways) await this.materialise(p.partnershipId, pw, from, to, cal, p.userId);
    return this.views(p.partnershipId, q.pathway, from, to, cal);
  }

  private async meeting(p: { partnershipId: string }, id: string) {
    const r = await this.rt.db.query('SELECT id, pathway, date::text AS date, start_time, kind, status FROM meetings WHERE id = $1 AND partnership_id = $2', [id, p.partnershipId]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `meeting ${id} not found`);
    return r[0] as { id: string; pathway: string; date: string; start_time: string; kind: 'scheduled' | 'emergency'; status: string };
  }

  async emergency(p: Principal, q: { pathway: string; date: string; startTime?: string }) {
    const id = randomUUID();
    const r = await this.rt.db.query(
      `INSERT INTO meetings (id, partnership_id, pathway, date, start_time, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'emergency', $6, $7)
       ON CONFLICT (partnership_id, pathway, date, kind) DO UPDATE SET status = 'planned' RETURNING id`,
      [id, p.partnershipId, q.pathway, q.date, q.startTime ?? '09:00', p.userId, this.rt.clock.now()],
    );
    await this.audit.record({ who: who(p), action: 'meeting.emergency.create', outcome: 'allowed', target: `meeting:${String(r[0]!.id)}`, detail: { date: q.date } });
    return { id: String(r[0]!.id), date: q.date, kind: 'emergency' as const };
  }

  // ------------------------------------------------------------------------------------------
  // Listing a case

  /**
   * Lists a case on the meeting its referral goes to (cut-off, full meeting, imminent risk →
   * emergency meeting), and completes the case's open scheduling task with the meeting's date,
   * circulation date and whether it is an emergency.
   */
  async listCase(p: Principal, body: { caseId: string; imminentRisk?: boolean; pathway?: string }) {
    const d = await this.access.check(p, body.caseId, 'meeting.case.list', 'list the case for a MARAC meeting');
    if (!d.allowed) throw new DomainError(d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden, d.hide ? `case ${body.caseId} not found` : d.reason);
    const c = (await this.rt.db.query('SELECT pathway, opened_at, instance_id FROM cases WHERE id = $1', [d.case.id]))[0]!;
    const pathway = body.pathway ?? String(c.pathway);
    const existing = await this.rt.db.query(
      `SELECT m.id, m.date::text AS date, m.kind FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = $1 AND m.status = 'planned' AND mc.heard_at IS NULL ORDER BY m.date LIMIT 1`,
      [d.case.id],
    );
    const cal = await this.calendar(p);
    const listing = await this.listing(p.partnershipId, pathway);
    let meetingId: string;
    let decision: { meetingDate: string; emergency: boolean; cutOffDate: string; circulationDate: string; reasons: string[] };
    if (existing[0]) {
      meetingId = String(existing[0].id);
      const date = String(existing[0].date);
      decision = { meetingDate: date, emergency: existing[0].kind === 'emergency', cutOffDate: addWorkingDays(date, -listing.referralCutOffWorkingDays, cal), circulationDate: addWorkingDays(date, -listing.circulationWorkingDays, cal), reasons: ['already-listed'] };
    } else {
      const received = c.opened_at as Date;
      const from = localDate(received, cal.timeZone);
      await this.materialise(p.partnershipId, pathway, from, addDays(from, 180), cal, p.userId);
      const slots: MeetingSlot[] = (await this.views(p.partnershipId, pathway, from, addDays(from, 180), cal)).filter((m) => m.kind === 'scheduled').map((m) => ({ date: m.date, startTime: m.startTime, kind: m.kind, caseCount: m.caseCount }));
      try {
        decision = assignMeeting({ receivedAt: received, imminentRisk: body.imminentRisk === true }, slots, cal, listing);
      } catch (err) {
        if (err instanceof MeetingScheduleError) throw new DomainError(ErrorCode.Conflict, `${err.message} (set the meeting schedule of ${pathway})`);
        throw err;
      }
      // An emergency meeting is never earlier than today.
      const today = localDate(this.rt.clock.now(), cal.timeZone);
      if (decision.emergency && decision.meetingDate < today) decision = { ...decision, meetingDate: addWorkingDays(today, 1, cal), circulationDate: today, cutOffDate: today };
      const row = await this.rt.db.query(
        `INSERT INTO meetings (id, partnership_id, pathway, date, start_time, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (partnership_id, pathway, date, kind) DO UPDATE SET status = CASE WHEN meetings.status = 'cancelled' THEN 'planned' ELSE meetings.status END RETURNING id`,
        [randomUUID(), p.partnershipId, pathway, decision.meetingDate, slots.find((s) => s.date === decision.meetingDate)?.startTime ?? '09:00', decision.emergency ? 'emergency' : 'scheduled', p.userId, this.rt.clock.now()],
      );
      meetingId = String(row[0]!.id);
      await this.rt.db.query(
        `INSERT INTO meeting_cases (meeting_id, case_id, partnership_id, listed_at, listed_by, reasons) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [meetingId, d.case.id, p.partnershipId, this.rt.clock.now(), p.userId, decision.reasons],
      );
    }
    const task = await this.openTask(d.case.id, SCHEDULING_TASKS);
    let taskCompleted = false;
    if (task) {
      const vars = this.fill(task.form, { meetingDate: decision.meetingDate, circulationDate: decision.circulationDate, emergencyMeeting: decision.emergency });
      await this.completeTask.execute({ actor: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles }, taskId: task.id, variables: vars });
      taskCompleted = true;
    }
    await this.audit.record({ who: who(p), action: 'meeting.case.listed', outcome: 'allowed', caseId: d.case.id, caseReference: d.case.reference, target: `meeting:${meetingId}`, detail: { reasons: decision.reasons, emergency: decision.emergency } });
    return { meetingId, ...decision, taskCompleted };
  }

  /** The case's open task of one of these elements (oldest first). */
  private async openTask(caseId: string, elements: string[]): Promise<{ id: number; elementId: string; form: FormField[] } | undefined> {
    const r = await this.rt.db.query(`SELECT id, element_id, assignment->'form' AS form FROM user_tasks WHERE case_id = $1 AND status = 'open' AND element_id = ANY($2) ORDER BY id LIMIT 1`, [caseId, elements]);
    if (!r[0]) return undefined;
    return { id: Number(r[0].id), elementId: String(r[0].element_id), form: (r[0].form as FormField[] | null) ?? [] };
  }

  /** The values a task's form asks for, from what the meeting knows (booleans it asks for are confirmed true). */
  private fill(form: FormField[], known: Variables): Variables {
    const out: Variables = {};
    for (const f of form) {
      const v = known[f.name];
      if (v !== undefined) out[f.name] = v;
      else if (f.required && f.type === 'boolean') out[f.name] = true;
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // The agenda

  /** The cases of a meeting the person may see (MARAC staff: all; an agency: those it holds). */
  private async visibleCases(p: Principal, meetingId: string) {
    const rows = await this.rt.db.query(
      `SELECT c.id, c.reference, c.has_children, c.refuge_placement, c.child_contact_conditions, c.opened_at, c.transferred_from_case_id, c.referring_agency_id,
              mc.reasons, mc.heard_at, cm.is_repeat, cm.referring_agency_kind, cm.criteria,
              EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id) AS linked,
              (SELECT fp.name FROM case_transfers ct JOIN partnerships fp ON fp.id = ct.from_partnership_id WHERE ct.to_case_id = c.id ORDER BY ct.transferred_at DESC LIMIT 1) AS transferred_from_name,
              EXISTS (SELECT 1 FROM case_exclusions x WHERE x.case_id = c.id AND x.user_id = $3) AS excluded,
              EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id = $4 AND s.revoked_at IS NULL) AS shared
         FROM meeting_cases mc JOIN cases c ON c.id = mc.case_id LEFT JOIN case_monitoring cm ON cm.case_id = c.id
        WHERE mc.meeting_id = $1 AND mc.partnership_id = $2`,
      [meetingId, p.partnershipId, p.userId, p.agencyId ?? ''],
    );
    const wide = hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES);
    return rows.filter((r) => {
      if (r.excluded) return false;
      if (wide) return true;
      if (!worksForAgency(p) || !r.shared) return false;
      return agencyMayHoldCase(p.agencyType, { hasChildren: Boolean(r.has_children), refugePlacement: Boolean(r.refuge_placement), childContactConditions: Boolean(r.child_contact_conditions) });
    });
  }

  async agenda(p: Principal, meetingId: string) {
    const m = await this.meeting(p, meetingId);
    const cases = await this.visibleCases(p, meetingId);
    const wide = hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES);
    const agendaCases: AgendaCase[] = cases.map((c) => ({
      caseRef: String(c.reference), hasChildren: Boolean(c.has_children), isRepeat: Boolean(c.is_repeat) || Boolean(c.linked), receivedAt: (c.opened_at as Date).toISOString(),
      ...(c.transferred_from_case_id ? { transferredFrom: (c.transferred_from_name as string | null) ?? 'another MARAC' } : {}),
    }));
    const incomplete = await this.rt.db.query(
      `SELECT a.id, a.case_id, c.reference, a.agency_id, a.due_date::text AS due_date, a.outcome, m.date::text AS meeting_date
         FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id
        WHERE a.partnership_id = $1 AND a.status = 'issued' AND a.outcome = 'open' AND m.date < $2::date ORDER BY a.due_date, a.id`,
      [p.partnershipId, m.date],
    );
    const visibleIncomplete = wide ? incomplete : incomplete.filter((a) => a.agency_id === p.agencyId);
    const notices = wide
      ? await this.rt.db.query(`SELECT DISTINCT c.reference FROM user_tasks t JOIN cases c ON c.id = t.case_id WHERE t.partnership_id = $1 AND t.element_id = 'TwelveMonthNotice' AND t.status = 'open' ORDER BY c.reference`, [p.partnershipId])
      : [];
    const items = buildAgenda({ cases: agendaCases, hasIncompleteActions: visibleIncomplete.length > 0, twelveMonthNotices: notices.map((n) => String(n.reference)) });
    const byRef = new Map(cases.map((c) => [String(c.reference), c]));
    const ordered = items.filter((i) => i.caseRef && (i.section === 'children-cases' || i.section === 'adult-cases')).map((i) => {
      const c = byRef.get(i.caseRef!)!;
      const criteria = (c.criteria ?? {}) as Record<string, unknown>;
      const riskReason = ['visibleHighRisk', 'professionalJudgement', 'potentialEscalation', 'repeat', 'selfHarm'].filter((k) => criteria[k] === true);
      return {
        position: i.position, caseId: String(c.id), caseReference: String(c.reference), hasChildren: Boolean(c.has_children), repeat: i.isRepeat === true,
        referringAgency: (c.referring_agency_kind as string | null) ?? null, riskReason, listedFor: (c.reasons as string[]) ?? [], heard: c.heard_at !== null,
        ...(i.transferredFrom ? { transferredFrom: i.transferredFrom } : {}),
      };
    });
    await this.audit.record({ who: who(p), action: 'meeting.agenda.read', outcome: 'allowed', target: `meeting:${meetingId}`, detail: { cases: ordered.length } });
    return {
      meeting: { id: m.id, pathway: m.pathway, date: m.date, startTime: m.start_time, kind: m.kind, status: m.status },
      items,
      cases: ordered,
      incompleteActions: visibleIncomplete.map((a) => ({
        id: String(a.id), caseId: String(a.case_id), caseReference: String(a.reference), agency: String(a.agency_id), dueAt: String(a.due_date), status: 'open', fromMeeting: String(a.meeting_date),
      })),
      twelveMonthNotices: notices.map((n) => String(n.reference)),
    };
  }

  // ------------------------------------------------------------------------------------------
  // The action plan

  async addAction(p: Principal, meetingId: string, body: { caseId: string; description: string; agency: string; dueAt?: string }) {
    const m = await this.meeting(p, meetingId);
    const listed = await this.rt.db.query('SELECT 1 FROM meeting_cases WHERE meeting_id = $1 AND case_id = $2', [meetingId, body.caseId]);
    if (!listed[0]) throw new DomainError(ErrorCode.InvalidInput, 'the case is not on this meeting\'s list');
    const d = await this.access.check(p, body.caseId, 'meeting.action.add', 'MARAC action plan');
    if (!d.allowed) throw new DomainError(d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden, d.hide ? `case ${body.caseId} not found` : d.reason);
    const a = await this.rt.db.query(`SELECT id, type FROM agencies WHERE partnership_id = $1 AND status = 'active' AND (id = $2 OR code = $2) ORDER BY (id = $2) DESC LIMIT 1`, [p.partnershipId, body.agency]);
    if (!a[0]) throw new DomainError(ErrorCode.InvalidInput, 'the owner must be an active agency of the partnership');
    if (a[0].type === 'children-social-work' && !d.case.hasChildren) throw new DomainError(ErrorCode.InvalidInput, 'children\'s services hold children\'s cases only');
    const cal = await this.calendar(p);
    let dueDate = body.dueAt?.slice(0, 10);
    if (!dueDate) {
      const params = await this.contexts.params(p.partnershipId, m.pathway, this.rt.clock.now());
      const days = Number(/^P(\d+)D$/.exec(String(params.actionDueDefault ?? 'P10D'))?.[1] ?? 10);
      dueDate = addWorkingDays(m.date, days, cal);
    }
    if (dueDate < m.date) throw new DomainError(ErrorCode.InvalidInput, 'an action is due after the meeting');
    const id = randomUUID();
    await this.rt.db.query(
      `INSERT INTO meeting_actions (id, meeting_id, case_id, partnership_id, agency_id, description, key_id, due_date, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, meetingId, d.case.id, p.partnershipId, String(a[0].id), this.cipher.encrypt(body.description, `meeting_actions.description:${id}`), this.cipher.activeKeyId, dueDate, p.userId, this.rt.clock.now()],
    );
    await this.audit.record({ who: who(p), action: 'meeting.action.add', outcome: 'allowed', caseId: d.case.id, caseReference: d.case.reference, target: `action:${id}`, detail: { agencyId: String(a[0].id), dueDate } });
    return { id, agency: String(a[0].id), dueDate, status: 'draft' };
  }

  /**
   * Concludes a case at the meeting: its draft actions are issued into the running instance by
   * completing the case's meeting task with `actions` = [{ actionId, agency, dueDate }] (the
   * template's multi-instance makes one task per action, owned by its agency), the next meeting
   * date (status due before it) and the minutes flag.
   */
  async conclude(p: Principal, meetingId: string, caseId: string, body: { riskAnalysisRecorded?: boolean; nextMeetingDate?: string }) {
    const m = await this.meeting(p, meetingId);
    const d = await this.access.check(p, caseId, 'meeting.case.conclude', 'MARAC action plan');
    if (!d.allowed) throw new DomainError(d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden, d.hide ? `case ${caseId} not found` : d.reason);
    const listed = await this.rt.db.query('SELECT heard_at FROM meeting_cases WHERE meeting_id = $1 AND case_id = $2', [meetingId, caseId]);
    if (!listed[0]) throw new DomainError(ErrorCode.InvalidInput, 'the case is not on this meeting\'s list');
    const cal = await this.calendar(p);
    const drafts = await this.rt.db.query(
      `SELECT a.id, a.due_date::text AS due_date, ag.code FROM meeting_actions a JOIN agencies ag ON ag.id = a.agency_id WHERE a.meeting_id = $1 AND a.case_id = $2 AND a.status = 'draft' ORDER BY a.created_at, a.id`,
      [meetingId, caseId],
    );
    let next = body.nextMeetingDate;
    if (!next) {
      const after = (await this.list(p, { pathway: m.pathway, from: addDays(m.date, 1), to: addDays(m.date, 120) })).find((x) => x.kind === 'scheduled');
      next = after?.date ?? addWorkingDays(m.date, 10, cal);
    }
    const minutes = await this.rt.db.query('SELECT 1 FROM meeting_minutes WHERE meeting_id = $1 AND case_id = $2 LIMIT 1', [meetingId, caseId]);
    const task = await this.openTask(caseId, MEETING_TASKS);
    if (!task) throw new DomainError(ErrorCode.Conflict, 'the case has no open meeting task (not yet at the meeting, or already concluded)');
    const actions = drafts.map((a) => ({ actionId: String(a.id), agency: String(a.code), dueDate: String(a.due_date) }));
    const vars = this.fill(task.form, {
      riskAnalysisRecorded: body.riskAnalysisRecorded ?? true, actions, nextMeetingDate: next, minutesRecorded: minutes.length > 0,
      minutesKeptApartFromCriminalFile: true,
    });
    await this.completeTask.execute({ actor: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles }, taskId: task.id, variables: vars });
    const now = this.rt.clock.now();
    await this.rt.db.query(`UPDATE meeting_actions SET status = 'issued' WHERE meeting_id = $1 AND case_id = $2 AND status = 'draft'`, [meetingId, caseId]);
    await this.rt.db.query('UPDATE meeting_cases SET heard_at = COALESCE(heard_at, $3) WHERE meeting_id = $1 AND case_id = $2', [meetingId, caseId, now]);
    await this.rt.db.query(`UPDATE meetings SET status = 'held', held_at = COALESCE(held_at, $2) WHERE id = $1`, [meetingId, now]);
    await this.audit.record({ who: who(p), action: 'meeting.case.conclude', outcome: 'allowed', caseId, caseReference: d.case.reference, target: `meeting:${meetingId}`, detail: { actions: actions.length, nextMeetingDate: next } });
    return { caseId, actions: actions.map((a) => ({ id: a.actionId, agency: a.agency, dueDate: a.dueDate, statusDue: statusDueDate(next!, cal) })), nextMeetingDate: next, taskId: task.id };
  }

  /** One action with its description: the MARAC's staff, or the agency that owns it. */
  async action(p: Principal, id: string) {
    const r = await this.rt.db.query(
      `SELECT a.*, a.due_date::text AS due, m.date::text AS meeting_date, c.reference FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id WHERE a.id = $1 AND a.partnership_id = $2`,
      [id, p.partnershipId],
    );
    const a = r[0];
    const mine = a && worksForAgency(p) && a.agency_id === p.agencyId;
    if (!a || !(hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES) || mine) || (await this.access.isExcluded(p.userId, String(a.case_id)))) {
      await this.audit.record({ who: who(p), action: 'meeting.action.read', outcome: 'denied', target: `action:${id}`, purpose: 'not the MARAC\'s staff nor the owner agency' });
      throw new DomainError(ErrorCode.NotFound, `action ${id} not found`);
    }
    await this.audit.record({ who: who(p), action: 'meeting.action.read', outcome: 'allowed', caseId: String(a.case_id), caseReference: String(a.reference), target: `action:${id}` });
    return {
      id, meetingId: String(a.meeting_id), meetingDate: String(a.meeting_date), caseId: String(a.case_id), caseReference: String(a.reference), agency: String(a.agency_id),
      description: a.description ? this.cipher.decrypt<string>(String(a.description), `meeting_actions.description:${id}`) : null,
      dueDate: String(a.due), status: String(a.status), outcome: String(a.outcome), closedAt: iso(a.closed_at),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Minutes: their own table, never a case file

  async recordMinutes(p: Principal, meetingId: string, body: { caseId?: string; text: string }) {
    await this.meeting(p, meetingId);
    let caseRef: string | null = null;
    if (body.caseId) {
      const d = await this.access.check(p, body.caseId, 'meeting.minutes.record', 'MARAC minutes');
      if (!d.allowed) throw new DomainError(d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden, d.hide ? `case ${body.caseId} not found` : d.reason);
      caseRef = d.case.reference;
    }
    const id = randomUUID();
    await this.rt.db.query(
      'INSERT INTO meeting_minutes (id, meeting_id, case_id, partnership_id, body, key_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, meetingId, body.caseId ?? null, p.partnershipId, this.cipher.encrypt(body.text, `meeting_minutes.body:${id}`), this.cipher.activeKeyId, p.userId, this.rt.clock.now()],
    );
    await this.audit.record({ who: who(p), action: 'meeting.minutes.record', outcome: 'allowed', caseId: body.caseId ?? null, caseReference: caseRef, target: `meeting:${meetingId}` });
    return { id };
  }

  /**
   * The minutes a person may read: a case's minutes need the `minutes` view of that case (the
   * access layer: never police, children's services only for children's cases); the meeting's
   * general minutes are for the MARAC's own staff.
   */
  async minutes(p: Principal, meetingId: string) {
    await this.meeting(p, meetingId);
    const rows = await this.rt.db.query('SELECT id, case_id, body, recorded_by, recorded_at FROM meeting_minutes WHERE meeting_id = $1 AND partnership_id = $2 ORDER BY recorded_at, id', [meetingId, p.partnershipId]);
    const out: { id: string; caseId: string | null; text: string; recordedBy: string; recordedAt: string }[] = [];
    const decided = new Map<string, boolean>();
    for (const r of rows) {
      const caseId = (r.case_id as string | null) ?? null;
      let ok: boolean;
      if (!caseId) ok = hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES);
      else {
        if (!decided.has(caseId)) {
          const d = await this.access.check(p, caseId, 'meeting.minutes.read', 'MARAC minutes');
          decided.set(caseId, d.allowed && d.views.has('minutes') && p.agencyType !== 'police');
        }
        ok = decided.get(caseId)!;
      }
      if (ok) out.push({ id: String(r.id), caseId, text: this.cipher.decrypt<string>(String(r.body), `meeting_minutes.body:${String(r.id)}`), recordedBy: String(r.recorded_by), recordedAt: (r.recorded_at as Date).toISOString() });
    }
    await this.audit.record({ who: who(p), action: 'meeting.minutes.read', outcome: 'allowed', target: `meeting:${meetingId}`, detail: { shown: out.length, of: rows.length } });
    return {
      classification: 'MARAC minutes: restricted. Not to be copied without the agencies\' agreement, nor placed on a criminal, court or case-management file.',
      items: out,
    };
  }
}

export const MEETING_ROLES = [...COORDINATORS];
