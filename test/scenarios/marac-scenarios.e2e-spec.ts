import { localDate } from '@app/pathways';
import type { TestRuntime } from '../runtime/support/test-runtime';
import { eventually } from '../runtime/support/test-runtime';
import { fireDueTimers, http, openTask, setUpPartnership, signInAgainAll, startPathwayRuntime, type PathwayPartnership } from '../pathways/support/pathway-world';
import { SteppedClock } from '../pathways/support/stepped.clock';

/**
 * Domain brief §8, the MARAC scenarios not covered elsewhere, end to end: api and worker on the
 * real PostgreSQL and Redis (a database and key prefix of their own), a synthetic England
 * partnership (Europe/London, due hour 17:00, England's bank holidays) and a second MARAC that
 * receives a transfer, people signed in with password and second factor, and an offset clock
 * that the file moves forward from March 2026 to April 2027 (delayed timer jobs promoted when
 * due). The scenarios share that one timeline, so they run in date order:
 *
 *   27 (17 Mar 2026) · 15 (17–20 Mar) · 16 (24 Mar) · 8 (Easter, 2–10 Apr) · 9 (11–18 May) ·
 *   5 at 200 days (18 Sep 2026) · 17 (2 Mar 2027) · 5 at 400 days (6 Apr 2027)
 *
 * Due times, reminders and escalation steps are asserted on the partnership's working day and
 * local hour, never on the wall clock. Synthetic data only.
 */
const TZ = 'Europe/London';
const yes = (n: number) => Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i < n ? 'yes' : 'no']));
const localHour = (at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(at));
const local = (at: Date) => `${localDate(at, TZ)} ${String(localHour(at)).padStart(2, '0')}h`;

/** Synthetic people, one pair per case, with names no matcher confuses with another pair. */
const PEOPLE_OF: Record<string, { victim: Record<string, unknown>; perpetrator: Record<string, unknown> }> = {
  REP: { victim: { givenNames: ['Rowena'], surname: 'Quillfeather', dateOfBirth: '1988-05-14' }, perpetrator: { givenNames: ['Dorian'], surname: 'Blackwood', dateOfBirth: '1984-11-02' } },
  WATCH: { victim: { givenNames: ['Imogen'], surname: 'Harcastle', dateOfBirth: '1992-08-21' }, perpetrator: { givenNames: ['Fergus'], surname: 'Pemberton', dateOfBirth: '1990-01-30' } },
  MOVE: { victim: { givenNames: ['Beatrix'], surname: 'Oakhollow', dateOfBirth: '1985-03-09' }, perpetrator: { givenNames: ['Cedric'], surname: 'Vantablack', dateOfBirth: '1982-06-17' } },
  MALE: { victim: { givenNames: ['Oswin'], surname: 'Thistledown', dateOfBirth: '1979-10-05', gender: 'male' }, perpetrator: { givenNames: ['Marguerite'], surname: 'Fallowfield', dateOfBirth: '1981-02-11' } },
  YOUNG: { victim: { givenNames: ['Petra'], surname: 'Lindqvarn', dateOfBirth: '2008-12-01', gender: 'female' }, perpetrator: { givenNames: ['Jasper'], surname: 'Wrenhaven', dateOfBirth: '2009-06-01' } },
  ADULT: { victim: { givenNames: ['Greta'], surname: 'Mossgiel', dateOfBirth: '1970-07-07', gender: 'female' }, perpetrator: { givenNames: ['Horace'], surname: 'Underbrook', dateOfBirth: '1968-04-04' } },
  IDVA8: { victim: { givenNames: ['Eloise'], surname: 'Brambleton', dateOfBirth: '1995-09-12' }, perpetrator: { givenNames: ['Lucan'], surname: 'Ashgrove', dateOfBirth: '1993-03-03' } },
  PRIOA: { victim: { givenNames: ['Marisol'], surname: 'Kettleby', dateOfBirth: '1987-12-24' }, perpetrator: { givenNames: ['Thaddeus'], surname: 'Crowhurst', dateOfBirth: '1986-05-05' } },
};

interface Case { id: string; reference: string; instanceId: number }
interface Rate { hits: number; total: number }
interface Diversity { bme: Rate; lgbt: Rate; disability: Rate; male: Rate; aged16to17: Rate; perpetratorsUnder18: number }

describe('MARAC scenarios 5, 8, 9, 15, 16, 17 and 27 (api + worker, PostgreSQL + Redis, offset clock)', () => {
  jest.setTimeout(300_000);
  const clock = new SteppedClock('2026-03-02T09:00:00Z'); // a Monday
  let t: TestRuntime;
  let w: PathwayPartnership;
  let b: PathwayPartnership; // the receiving MARAC of scenario 16
  const cases: Record<string, Case> = {};
  let meeting17 = '';

  const api = () => http(t);
  const as = (who: string, p: PathwayPartnership = w) => p.people[who]!.auth;
  let seq = 0;
  function body(key: string, over: Record<string, unknown> = {}) {
    const people = PEOPLE_OF[key.replace(/-.*$/, '')]!;
    seq += 1;
    return {
      idempotencyKey: `scenario-${key}-${String(seq).padStart(6, '0')}`,
      pathway: 'marac-safelives', consent: 'given', lawfulBasis: 'consent',
      victim: { identity: people.victim }, perpetrators: [people.perpetrator], children: [],
      dashAnswers: yes(15), safeToCall: true,
      ...over,
    };
  }
  async function refer(who: string, key: string, over: Record<string, unknown> = {}) {
    const res = await api().post('/api/intake/referrals').set(as(who)).send(body(key, over));
    expect({ key, status: res.status }).toEqual({ key, status: 201 });
    cases[key] = res.body;
    return res.body as Case & { criteria: Record<string, unknown>; repeatProposals: number; created: boolean };
  }
  async function complete(who: string, key: string, elementId: string, variables: Record<string, unknown>, p: PathwayPartnership = w) {
    const task = await openTask(t, cases[key]!.id, elementId);
    const res = await api().post(`/api/tasks/${task.id}/complete`).set(as(who, p)).send({ variables });
    expect({ elementId, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ elementId, status: 200, body: null });
    return task;
  }
  async function jump(to: string, ids?: number[]) {
    clock.jumpTo(to);
    await signInAgainAll(t, w);
    await fireDueTimers(t, ids);
  }
  const slaRows = (key: string, elementId: string) => t.runtime.db.query<{ kind: string; step: number | null; escalate_to: string | null; raised_at: Date; due_at: Date; reason: string; agency_id: string }>(
    `SELECT kind, step, escalate_to, raised_at, due_at, reason, agency_id FROM sla_escalations WHERE case_id = $1 AND element_id = $2 ORDER BY COALESCE(step, -1), id`, [cases[key]!.id, elementId],
  );
  const variables = async (key: string) => ((await t.runtime.db.query('SELECT state FROM instances WHERE id = $1', [cases[key]!.instanceId]))[0]!.state as { variables: Record<string, unknown> }).variables;
  const instanceStatus = async (key: string) => String((await t.runtime.db.query('SELECT status FROM instances WHERE id = $1', [cases[key]!.instanceId]))[0]!.status);
  const tasksOf = (key: string, elementId: string) => t.runtime.db.query<{ id: number; status: string; agency_id: string | null; role: string | null; created_at: Date; ended_at: Date | null; due_at: Date | null }>(
    `SELECT id, status, agency_id, role, created_at, ended_at, due_at FROM user_tasks WHERE case_id = $1 AND element_id = $2 ORDER BY id`, [cases[key]!.id, elementId],
  );
  async function kpis() {
    const res = await api().get('/api/kpis').set(as('manager')).query({ from: '2026-03-01', to: '2026-03-31', pathway: 'marac-safelives' });
    expect(res.status).toBe(200);
    return res.body.summary as { cases: number; diversity: Diversity };
  }

  beforeAll(async () => {
    t = await startPathwayRuntime('redis', clock);
    w = await setUpPartnership(t, {
      id: 'sc-marac', timeZone: TZ, calendar: { country: 'GB', state: 'ENG', dueHour: 17 },
      parameters: { 'marac-safelives': { variant: 'england-wales' } }, population: { adultFemales: 80_000 }, deploy: ['marac-safelives'],
    });
    b = await setUpPartnership(t, {
      id: 'sc-marac-b', timeZone: TZ, calendar: { country: 'GB', state: 'ENG', dueHour: 17 },
      parameters: { 'marac-safelives': { variant: 'england-wales' } }, deploy: ['marac-safelives'],
    });
    expect((await api().put('/api/meetings/schedule/marac-safelives').set(as('marac-coordinator'))
      .send({ frequency: 'fortnightly', weekday: 2, anchorDate: '2026-03-17', startTime: '10:00', onHoliday: 'next-working-day' })).status).toBe(200);
    expect((await api().put('/api/meetings/schedule/marac-safelives').set(as('marac-coordinator', b))
      .send({ frequency: 'fortnightly', weekday: 3, anchorDate: '2026-04-01', startTime: '10:00', onHoliday: 'next-working-day' })).status).toBe(200);

    // Given three high-risk referrals by housing on Monday 2 March 2026, walked to the meeting of
    // Tuesday 17 March: referral with sign-off, no repeat, IDVA triage and contact, listing,
    // circulation; MOVE gets an action for housing and minutes; WATCH and MOVE get their feedback.
    for (const key of ['REP', 'WATCH', 'MOVE']) {
      await refer('housing-worker', key);
      await complete('housing-worker', key, 'SubmitMaracReferral', { managerSignOff: true, secureChannel: 'cjsm' });
      await complete('marac-coordinator', key, 'DedupeAndRepeatCheck', { isRepeat: false });
      await complete('idva', key, 'TriageReferral', { priority: 'B' });
      await complete('idva', key, 'ContactVictim', { contactMade: true, channel: 'phone' });
      await openTask(t, cases[key]!.id, 'ScheduleToNextMeeting');
      const listed = await api().post('/api/meetings/listings').set(as('marac-coordinator')).send({ caseId: cases[key]!.id });
      expect(listed.body).toMatchObject({ meetingDate: '2026-03-17', circulationDate: '2026-03-10', taskCompleted: true });
      meeting17 = listed.body.meetingId;
    }
    const ids = ['REP', 'WATCH', 'MOVE'].map((k) => cases[k]!.instanceId);
    await jump('2026-03-10T09:00:00Z', ids);
    for (const key of ['REP', 'WATCH', 'MOVE']) await complete('marac-coordinator', key, 'CirculateList', { researchAgencies: [] });
    await jump('2026-03-17T09:00:00Z', ids);
    const move = cases.MOVE!.id;
    expect((await api().post(`/api/meetings/${meeting17}/actions`).set(as('marac-chair')).send({ caseId: move, agency: 'housing', description: 'Synthetic action: fit a door alarm at the tenancy', dueAt: '2026-03-31' })).status).toBe(201);
    expect((await api().post(`/api/meetings/${meeting17}/minutes`).set(as('marac-chair')).send({ caseId: move, text: 'Synthetic minutes: risk to the victim discussed, housing to act.' })).status).toBe(201);
    for (const key of ['REP', 'WATCH', 'MOVE']) {
      await openTask(t, cases[key]!.id, 'HoldMeeting');
      expect((await api().post(`/api/meetings/${meeting17}/cases/${cases[key]!.id}/conclude`).set(as('marac-chair')).send({})).status).toBe(200);
    }
    for (const key of ['WATCH', 'MOVE']) await complete('idva', key, 'FeedbackToVictim', { feedbackGiven: true, feedbackChannel: 'phone' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('scenario 27: a perpetrator aged 16–17 or a male victim updates the diversity counters of the KPIs (read from the referral form)', async () => {
    const before = await kpis();
    const d0 = before.diversity;
    // Monitoring figures from the referral form's own identities: gender and dates of birth (no second keying).
    await refer('police-worker', 'MALE');
    await refer('health-worker', 'YOUNG'); // victim 17, perpetrator 16 on 17 March 2026
    await refer('housing-worker', 'ADULT'); // neither: counted in the totals only
    const after = await kpis();
    const d1 = after.diversity;
    expect(after.cases - before.cases).toBe(3);
    expect(d1.male.total - d0.male.total).toBe(3);
    expect(d1.male.hits - d0.male.hits).toBe(1);
    expect(d1.aged16to17.hits - d0.aged16to17.hits).toBe(1);
    expect(d1.perpetratorsUnder18 - d0.perpetratorsUnder18).toBe(1);
    for (const k of ['bme', 'lgbt', 'disability'] as const) expect(d1[k].hits).toBe(d0[k].hits);
    // Only the bands are kept: no age and no date of birth in the monitoring row.
    const row = (await t.runtime.db.query('SELECT * FROM case_monitoring WHERE case_id = $1', [cases.YOUNG!.id]))[0]!;
    expect(row).toMatchObject({ victim_gender: 'female', victim_age_band: '16-17', perpetrators_under_18: 1, perpetrator_count: 1 });
    expect(JSON.stringify(row)).not.toMatch(/2008-12-01|2009-06-01|Wrenhaven/);
    // Stated monitoring figures still win over the identity (a referrer may know better).
    await refer('police-worker', 'MALE-2', { victim: { identity: { ...PEOPLE_OF.MALE!.victim, gender: undefined } }, monitoring: { victimGender: 'male', perpetratorAges: [17] } });
    const stated = (await kpis()).diversity;
    expect(stated.male.hits - d1.male.hits).toBe(1);
    expect(stated.perpetratorsUnder18 - d1.perpetratorsUnder18).toBe(1);
  });

  it('scenario 15: IDVA feedback to the victim not given within 2 working days of the meeting escalates (Thursday 17:00, then the pathway coordinator on Friday)', async () => {
    const [task] = await tasksOf('REP', 'FeedbackToVictim');
    expect(task!.agency_id).toBe(w.agencies.idva);
    // Meeting on Tuesday 17 March → due Thursday 19 March at 17:00 (GMT).
    expect(task!.due_at!.toISOString()).toBe('2026-03-19T17:00:00.000Z');
    await jump('2026-03-18T17:00:01Z');
    await jump('2026-03-19T16:59:00Z');
    expect(await slaRows('REP', 'FeedbackToVictim')).toEqual([]);
    const reminder = await t.runtime.db.query(`SELECT created_at FROM sla_events WHERE instance_id = $1 AND element_id = 'FeedbackToVictim' AND kind = 'reminder'`, [cases.REP!.instanceId]);
    expect(reminder.map((r) => local(r.created_at as Date))).toEqual(['2026-03-18 17h']);
    await jump('2026-03-19T17:00:01Z');
    const rows = await slaRows('REP', 'FeedbackToVictim');
    expect(rows.map((r) => `${r.kind}:${r.escalate_to ?? '-'}@${local(r.raised_at)}`)).toEqual(['breach:-@2026-03-19 17h', 'escalation:agency-spoc@2026-03-19 17h']);
    expect(rows[0]!.reason).toBe('SLA breached: "Feed back to the victim after the meeting" was not completed by its due time (P2D on the partnership calendar)');
    expect(rows.every((r) => r.agency_id === w.agencies.idva)).toBe(true);
    // The coordinator sees them with the working-day clock; the IDVA service's SPOC sees its own.
    const seen = await api().get('/api/escalations').set(as('marac-coordinator')).query({ caseId: cases.REP!.id, limit: 200 });
    const feedback = seen.body.items.filter((e: { elementId: string }) => e.elementId === 'FeedbackToVictim');
    expect(feedback.map((e: { kind: string; to: string | null; workingDaysOverdue: number; status: string }) => [e.kind, e.to, e.workingDaysOverdue, e.status]).sort()).toEqual([['breach', null, 0, 'open'], ['escalation', 'agency-spoc', 0, 'open']]);
    const spoc = await api().get('/api/escalations').set(as('idva-spoc')).query({ caseId: cases.REP!.id, limit: 200 });
    expect(spoc.body.items.filter((e: { elementId: string }) => e.elementId === 'FeedbackToVictim')).toHaveLength(2);
    // A day later, still not done: the pathway coordinator, one working day after the breach.
    await jump('2026-03-20T17:00:01Z');
    const later = await slaRows('REP', 'FeedbackToVictim');
    expect(later.map((r) => `${r.escalate_to ?? r.kind}@${local(r.raised_at)}`)).toEqual(['breach@2026-03-19 17h', 'agency-spoc@2026-03-19 17h', 'pathway-coordinator@2026-03-20 17h']);
    expect(later[2]!.reason).toBe('Escalation step 2 to pathway-coordinator: "Feed back to the victim after the meeting" still not completed P1D after its due time');
    // Feedback given on time for WATCH and MOVE: nothing escalated for them.
    expect(await slaRows('WATCH', 'FeedbackToVictim')).toEqual([]);
    // Given late: the chain stops.
    await complete('idva', 'REP', 'FeedbackToVictim', { feedbackGiven: true, feedbackChannel: 'phone' });
    const pending = await t.runtime.db.query(`SELECT count(*)::int AS n FROM timers WHERE instance_id = $1 AND element_id = 'FeedbackToVictim' AND status = 'pending'`, [cases.REP!.instanceId]);
    expect(pending[0]!.n).toBe(0);
  });

  it('scenario 16: the victim moves area → the transfer bundle (minutes and action plans) goes to the receiving MARAC, which lists the case as "transferred from"', async () => {
    await jump('2026-03-24T10:00:00Z');
    await signInAgainAll(t, b);
    const move = cases.MOVE!;
    // The move is reported to the MARAC: the transfer task replaces the case's work here.
    const moved = await api().post('/api/messages').set(as('marac-coordinator')).send({ name: 'VictimMoved', correlationKey: move.reference, variables: {} });
    expect(moved.status).toBe(200);
    const transferTask = await openTask(t, move.id, 'MaracToMaracTransfer');
    expect(transferTask.agency_id).toBe(w.agencies.marac);
    expect((await tasksOf('MOVE', 'CompleteAction')).map((x) => x.status)).toEqual(['cancelled']);
    // Only a coordinator transfers; the receiving MARAC saw nothing before.
    expect((await api().post(`/api/cases/${move.id}/transfer`).set(as('housing-worker')).send({ toPartnershipId: 'sc-marac-b', reason: 'the victim moved to the area of the receiving MARAC' })).status).toBe(403);
    const sent = await api().post(`/api/cases/${move.id}/transfer`).set(as('marac-coordinator')).send({ toPartnershipId: 'sc-marac-b', reason: 'the victim moved to the area of the receiving MARAC' });
    expect(sent.status).toBe(201);
    await complete('marac-coordinator', 'MOVE', 'MaracToMaracTransfer', { receivingMarac: 'sc-marac-b', bundleSent: true });
    await complete('idva', 'MOVE', 'IdvaHandover', { handoverDone: true });
    await eventually(async () => (await instanceStatus('MOVE')) === 'completed');
    expect((await api().get(`/api/cases/${move.id}`).set(as('marac-coordinator'))).body.status).toBe('transferred-out');

    // The bundle at the receiving MARAC: the meeting's minutes and its action plan for the case.
    const there = await api().get(`/api/cases/${sent.body.id}`).set(as('marac-coordinator', b));
    expect(there.status).toBe(200);
    expect(there.body).toMatchObject({ transferredFrom: move.id, status: 'open' });
    const entries = there.body.fields.minutes.entries as { kind?: string; meetingDate: string; text: string; transferredFrom?: string; actions?: { agency: string; description: string; dueDate: string; outcome: string }[] }[];
    expect(entries.find((e) => e.kind === 'meeting-minutes')).toMatchObject({ meetingDate: '2026-03-17', text: 'Synthetic minutes: risk to the victim discussed, housing to act.', transferredFrom: 'Synthetic partnership sc-marac' });
    expect(entries.find((e) => e.kind === 'action-plan')).toMatchObject({
      meetingDate: '2026-03-17', transferredFrom: 'Synthetic partnership sc-marac',
      actions: [{ agency: 'housing', description: 'Synthetic action: fit a door alarm at the tenancy', dueDate: '2026-03-31', outcome: 'open' }],
    });
    // Minutes stay out of police hands there too.
    const police = await api().get(`/api/cases/${sent.body.id}`).set(as('police-worker', b));
    expect(police.text).not.toContain('Synthetic minutes');
    // The receiving MARAC lists it on its next meeting: the agenda says where it came from.
    const listed = await api().post('/api/meetings/listings').set(as('marac-coordinator', b)).send({ caseId: sent.body.id });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ meetingDate: '2026-04-15', emergency: false }); // 1 April's cut-off (20 March) has passed
    const agenda = await api().get(`/api/meetings/${listed.body.meetingId}/agenda`).set(as('marac-chair', b));
    expect(agenda.status).toBe(200);
    expect(agenda.body.cases).toEqual([expect.objectContaining({ caseId: sent.body.id, caseReference: sent.body.reference, transferredFrom: 'Synthetic partnership sc-marac' })]);
    expect(agenda.body.items.find((i: { caseRef?: string }) => i.caseRef === sent.body.reference)).toMatchObject({ section: 'adult-cases', transferredFrom: 'Synthetic partnership sc-marac' });
    // The sending MARAC's agenda no longer has it; the transfer is audited on both sides.
    const audit = await t.runtime.db.query(`SELECT partnership_id, action, detail FROM audit_log WHERE action IN ('case.transfer', 'case.transfer.received') AND outcome = 'allowed' ORDER BY id`);
    expect(audit.map((a) => [a.partnership_id, a.action])).toEqual([['sc-marac', 'case.transfer'], ['sc-marac-b', 'case.transfer.received']]);
    expect(audit[0]!.detail).toMatchObject({ bundle: { minutes: 1, actions: 1 } });
  });

  it('scenario 8: IDVA contact not made within 2 working days over the Easter bank holidays escalates on Wednesday 8 April at 17:00 BST, the pathway coordinator on Thursday', async () => {
    // Thursday 2 April 2026, 10:00 BST: Good Friday and Easter Monday are not working days in England.
    await jump('2026-04-02T09:00:00Z');
    await refer('health-worker', 'IDVA8');
    await complete('idva', 'IDVA8', 'TriageReferral', { priority: 'B' });
    const [task] = await tasksOf('IDVA8', 'ContactVictim');
    expect(task!.agency_id).toBe(w.agencies.idva);
    expect(local(task!.due_at!)).toBe('2026-04-08 17h');
    expect(task!.due_at!.toISOString()).toBe('2026-04-08T16:00:00.000Z');
    const ids = [cases.IDVA8!.instanceId];
    await jump('2026-04-07T16:00:01Z', ids);
    const reminder = await t.runtime.db.query(`SELECT created_at FROM sla_events WHERE instance_id = $1 AND element_id = 'ContactVictim' AND kind = 'reminder'`, [ids[0]]);
    expect(reminder.map((r) => local(r.created_at as Date))).toEqual(['2026-04-07 17h']);
    await jump('2026-04-08T15:59:00Z', ids);
    expect(await slaRows('IDVA8', 'ContactVictim')).toEqual([]);
    await jump('2026-04-08T16:00:01Z', ids);
    await jump('2026-04-09T16:00:01Z', ids);
    await jump('2026-04-10T16:00:01Z', ids);
    const rows = await slaRows('IDVA8', 'ContactVictim');
    expect(rows.map((r) => `${r.kind}:${r.escalate_to ?? '-'}@${local(r.raised_at)}`)).toEqual([
      'breach:-@2026-04-08 17h', 'escalation:agency-spoc@2026-04-08 17h', 'escalation:pathway-coordinator@2026-04-09 17h', 'escalation:partnership-coordinator@2026-04-10 17h',
    ]);
    for (const r of rows) {
      expect(r.raised_at.getTime() - Date.parse(`${localDate(r.raised_at, TZ)}T16:00:00Z`)).toBeGreaterThanOrEqual(0);
      expect(r.raised_at.getTime() - Date.parse(`${localDate(r.raised_at, TZ)}T16:00:00Z`)).toBeLessThan(60_000);
      expect(r.due_at.toISOString()).toBe('2026-04-08T16:00:00.000Z');
      expect(r.agency_id).toBe(w.agencies.idva);
    }
    expect(rows[0]!.reason).toBe('SLA breached: "Contact the victim (safe channels only)" was not completed by its due time (P2D on the partnership calendar)');
    expect(rows[3]!.reason).toBe('Escalation step 3 to partnership-coordinator: "Contact the victim (safe channels only)" still not completed P2D after its due time');
    const seen = await api().get('/api/escalations').set(as('partnership-coordinator')).query({ caseId: cases.IDVA8!.id, limit: 200 });
    const contact = seen.body.items.filter((e: { elementId: string }) => e.elementId === 'ContactVictim');
    expect(contact.map((e: { to: string | null; workingDaysOverdue: number }) => `${e.to ?? 'breach'}:${e.workingDaysOverdue}`).sort()).toEqual(['agency-spoc:0', 'breach:0', 'partnership-coordinator:2', 'pathway-coordinator:1']);
  });

  it('scenario 9: priority A — 3 failed contact attempts within 7 days are recorded and escalate to the IDVA manager, then along the chain', async () => {
    await jump('2026-05-11T09:00:00Z'); // Monday
    await refer('health-worker', 'PRIOA');
    await complete('idva', 'PRIOA', 'TriageReferral', { priority: 'A' });
    const attempts: [string, string][] = [['2026-05-11T10:00:00Z', 'phone'], ['2026-05-13T10:00:00Z', 'letter'], ['2026-05-15T10:00:00Z', 'phone']];
    for (const [at, channel] of attempts) {
      await jump(at, [cases.PRIOA!.instanceId]);
      expect(await tasksOf('PRIOA', 'ReviewUnreachedVictim')).toEqual([]);
      await complete('idva', 'PRIOA', 'ContactVictim', { contactMade: false, channel });
    }
    // The attempts are recorded: three completed contact tasks with their outcome and channel, within 7 days.
    const done = await t.runtime.db.query(
      `SELECT t.ended_at, e.event->'variables' AS v FROM user_tasks t JOIN instance_events e ON e.instance_id = t.instance_id AND e.event->>'type' = 'task-completed' AND (e.event->>'elementInstanceId')::int = t.element_instance_id
        WHERE t.case_id = $1 AND t.element_id = 'ContactVictim' ORDER BY t.id`, [cases.PRIOA!.id],
    );
    expect(done.map((r) => r.v)).toEqual(attempts.map(([, channel]) => ({ contactMade: false, channel })));
    done.forEach((r, i) => expect(Math.abs((r.ended_at as Date).getTime() - Date.parse(attempts[i]![0]))).toBeLessThan(60_000));
    const triaged = (await tasksOf('PRIOA', 'TriageReferral'))[0]!.ended_at!;
    expect((done[2]!.ended_at as Date).getTime() - triaged.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await variables('PRIOA')).contactAttempts).toBe(3);
    // No fourth attempt: the IDVA manager reviews the unreached victim (due the next working day, 17:00).
    expect((await tasksOf('PRIOA', 'ContactVictim')).map((x) => x.status)).toEqual(['completed', 'completed', 'completed']);
    const [review] = await tasksOf('PRIOA', 'ReviewUnreachedVictim');
    expect(review).toMatchObject({ status: 'open', agency_id: w.agencies.idva, role: 'idva-manager' });
    expect(local(review!.due_at!)).toBe('2026-05-18 17h');
    // Not reviewed by then: the SPOC and the pathway coordinator at once, the partnership coordinator a working day later.
    await jump('2026-05-18T16:00:01Z', [cases.PRIOA!.instanceId]);
    await jump('2026-05-19T16:00:01Z', [cases.PRIOA!.instanceId]);
    const rows = await slaRows('PRIOA', 'ReviewUnreachedVictim');
    expect(rows.map((r) => `${r.kind}:${r.escalate_to ?? '-'}@${local(r.raised_at)}`)).toEqual([
      'breach:-@2026-05-18 17h', 'escalation:agency-spoc@2026-05-18 17h', 'escalation:pathway-coordinator@2026-05-18 17h', 'escalation:partnership-coordinator@2026-05-19 17h',
    ]);
    expect(rows[0]!.reason).toBe('SLA breached: "Review a victim not reached after the attempts" was not completed by its due time (P1D on the partnership calendar)');
    const seen = await api().get('/api/escalations').set(as('marac-coordinator')).query({ caseId: cases.PRIOA!.id, to: 'pathway-coordinator', limit: 200 });
    expect(seen.body.items.map((e: { elementId: string; caseReference: string }) => [e.elementId, e.caseReference])).toContainEqual(['ReviewUnreachedVictim', cases.PRIOA!.reference]);
  });

  it('scenario 5: a bail breach (not a crime) 200 days after the last referral is a repeat referral, through the new-incident path and through intake', async () => {
    await jump('2026-09-18T09:00:00Z'); // Friday, day 200 after 2 March
    const rep = cases.REP!;
    const incident = await api().post('/api/messages').set(as('marac-coordinator')).send({
      name: 'NewIncident', correlationKey: rep.reference, variables: { incidentType: 'bail-breach', criminal: false, incidentDate: '2026-09-18' },
    });
    expect(incident.status).toBe(200);
    expect(incident.body).toMatchObject({ instanceId: rep.instanceId, started: false });
    const confirm = await openTask(t, rep.id, 'RepeatReferral');
    expect(confirm.agency_id).toBe(w.agencies.marac);
    await complete('marac-coordinator', 'REP', 'RepeatReferral', { repeatConfirmed: true });
    // Re-listed as a repeat on the next meeting whose cut-off it makes (29 September's was the 17th).
    const listed = await eventually(async () => (await t.runtime.db.query(
      `SELECT m.id, m.date::text AS date, mc.reasons FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = $1 AND m.date > '2026-09-18'`, [rep.id],
    ))[0]);
    expect(listed).toMatchObject({ date: '2026-10-13' });
    expect(listed.reasons).toContain('repeat');
    const agenda = await api().get(`/api/meetings/${listed.id}/agenda`).set(as('marac-chair'));
    expect(agenda.body.cases.find((c: { caseId: string }) => c.caseId === rep.id)).toMatchObject({ repeat: true });
    expect((await t.runtime.db.query('SELECT is_repeat FROM case_monitoring WHERE case_id = $1', [rep.id]))[0]!.is_repeat).toBe(true);
    // The repeat is the last referral now: the 12-month watch runs from it (scenario 17 below).
    expect(await variables('REP')).toMatchObject({ repeatIncidents: 1, lastReferralDate: '2026-09-18', incidentType: 'bail-breach', criminal: false });

    // The same breach referred by the police on a form: a repeat whatever its risk (DASH 3), proposed for linking to REP.
    const form = await refer('police-worker', 'REP-200', { dashAnswers: yes(3), lastMaracReferralDate: '2026-03-02' });
    expect(form.criteria).toMatchObject({ repeat: true, route: 'marac', visibleHighRisk: false, potentialEscalation: false });
    expect(form.repeatProposals).toBe(1);
    const proposals = await api().get('/api/intake/repeat-proposals').set(as('marac-coordinator')).query({ caseId: form.id });
    expect(proposals.body.items).toEqual([expect.objectContaining({ candidateCaseId: rep.id, withinRepeatWindow: true })]);
    expect((await t.runtime.db.query('SELECT is_repeat FROM case_monitoring WHERE case_id = $1', [form.id]))[0]!.is_repeat).toBe(true);
  });

  it('scenario 17: 12 months with no new incident → a "12 months passed" item on the agenda → the case is archived', async () => {
    await jump('2027-03-02T09:00:00Z'); // 12 months after WATCH's referral
    const watch = cases.WATCH!;
    const notice = await openTask(t, watch.id, 'TwelveMonthNotice');
    expect(notice.agency_id).toBe(w.agencies.marac);
    // REP had a repeat in September: no notice, its watch goes on until 12 months after the repeat.
    expect(await tasksOf('REP', 'TwelveMonthNotice')).toEqual([]);
    const repWatch = await t.runtime.db.query(`SELECT due_at FROM timers WHERE instance_id = $1 AND element_id = 'RepeatWatch' AND status = 'pending'`, [cases.REP!.instanceId]);
    expect(repWatch.map((r) => (r.due_at as Date).toISOString().slice(0, 10))).toEqual(['2027-09-18']);
    const meetings = await api().get('/api/meetings').set(as('marac-chair')).query({ from: '2027-03-02', to: '2027-03-02' });
    expect(meetings.body.map((m: { date: string; kind: string }) => `${m.date}:${m.kind}`)).toEqual(['2027-03-02:scheduled']);
    const agenda = await api().get(`/api/meetings/${meetings.body[0].id}/agenda`).set(as('marac-chair'));
    expect(agenda.status).toBe(200);
    expect(agenda.body.twelveMonthNotices).toEqual([watch.reference]);
    expect(agenda.body.items.filter((i: { section: string }) => i.section === 'twelve-month-notices')).toEqual([expect.objectContaining({ caseRef: watch.reference })]);
    const sections = agenda.body.items.map((i: { section: string }) => i.section);
    expect(sections.indexOf('twelve-month-notices')).toBe(sections.indexOf('any-other-business') - 1);
    // Agencies do not see the notices.
    expect((await api().get(`/api/meetings/${meetings.body[0].id}/agenda`).set(as('housing-worker'))).body.twelveMonthNotices).toEqual([]);
    // Heard at the meeting: the notice is done and the case archived (closed; its retention clock starts).
    await complete('marac-coordinator', 'WATCH', 'TwelveMonthNotice', { noticeListed: true });
    await eventually(async () => (await instanceStatus('WATCH')) === 'completed');
    const file = await api().get(`/api/cases/${watch.id}`).set(as('marac-coordinator'));
    expect(file.body).toMatchObject({ status: 'closed' });
    expect(localDate(new Date(file.body.closedAt), TZ)).toBe('2027-03-02');
    const path = await t.runtime.db.query(`SELECT element_id FROM history WHERE instance_id = $1 AND transition = 'completed' AND element_id IN ('ArchiveCase', 'CaseArchived') ORDER BY seq`, [watch.instanceId]);
    expect(path.map((r) => r.element_id)).toEqual(['ArchiveCase', 'CaseArchived']);
    const audit = await t.runtime.db.query(`SELECT purpose FROM audit_log WHERE action = 'pathway.archive-case' AND case_id = $1`, [watch.id]);
    expect(audit).toEqual([{ purpose: 'case archived: no new incident within 12 months of the last referral' }]);
    // Off the list of open cases.
    const open = await api().get('/api/cases').set(as('marac-coordinator')).query({ status: 'open', limit: 200 });
    expect(open.body.items.map((c: { id: string }) => c.id)).not.toContain(watch.id);
  });

  it('scenario 5: a bail breach 400 days after the last referral is a new referral, not a repeat (while one 200 days after a repeat still is)', async () => {
    await jump('2027-04-06T09:00:00Z'); // day 400 after 2 March 2026; day 200 after REP's repeat of 18 September
    const watch = cases.WATCH!;
    // The archived case waits for no incident any more.
    const late = await api().post('/api/messages').set(as('marac-coordinator')).send({ name: 'NewIncident', correlationKey: watch.reference, variables: { incidentType: 'bail-breach', criminal: false, incidentDate: '2027-04-06' } });
    expect(late.status).toBe(404);
    // Referred through intake: not a repeat (DASH 3: signposted), no proposal to link the old case, a case of its own.
    const form = await refer('police-worker', 'WATCH-400', { dashAnswers: yes(3), lastMaracReferralDate: '2026-03-02' });
    expect(form.criteria).toMatchObject({ repeat: false, route: 'signpost', meetsMarac: false });
    expect(form.repeatProposals).toBe(0);
    expect(form.id).not.toBe(watch.id);
    expect((await t.runtime.db.query('SELECT is_repeat FROM case_monitoring WHERE case_id = $1', [form.id]))[0]!.is_repeat).toBe(false);
    await complete('police-worker', 'WATCH-400', 'SupervisorReview', { supervisorReviewed: true, intelligenceChecked: true });
    await openTask(t, form.id, 'Signpost');
    // REP's last referral was its repeat of 18 September 2026, 200 days ago: still a repeat.
    const again = await api().post('/api/messages').set(as('marac-coordinator')).send({ name: 'NewIncident', correlationKey: cases.REP!.reference, variables: { incidentType: 'bail-breach', criminal: false, incidentDate: '2027-04-06' } });
    expect(again.status).toBe(200);
    await openTask(t, cases.REP!.id, 'RepeatReferral');
    expect((await variables('REP')).repeatIncidents).toBe(2);
  });
});
