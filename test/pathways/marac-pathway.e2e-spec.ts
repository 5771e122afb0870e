import type { TestRuntime } from '../runtime/support/test-runtime';
import { fireDueTimers, http, openTask, setUpPartnership, signInAgainAll, startPathwayRuntime, type PathwayPartnership } from './support/pathway-world';
import { SteppedClock } from './support/stepped.clock';

/**
 * The MARAC template on the runtime (api + worker on PostgreSQL and Redis, people signed in,
 * synthetic data, an offset clock the test moves): intake with the DASH and the criteria into the
 * pathway, repeat proposals confirmed before cases are linked, listing on the meeting calendar
 * (cut-off, emergency), the agenda with children's cases first, research cut short at the
 * meeting, the action plan into the running instance (one task per action, owned by its agency),
 * minutes apart from the case file, and escalations acknowledged and resolved, with the
 * pattern-of-misses flag for the steering group.
 */
const yes = (n: number) => Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i < n ? 'yes' : 'no']));

describe('MARAC pathway on the runtime: intake, repeats, meetings, action plan, escalations', () => {
  jest.setTimeout(240_000);
  const clock = new SteppedClock('2026-03-02T09:00:00Z'); // Monday
  let t: TestRuntime;
  let w: PathwayPartnership;
  const cases: Record<string, { id: string; reference: string; instanceId: number }> = {};
  let meeting17 = '';

  const as = (who: string) => w.people[who]!.auth;
  const api = () => http(t);
  const body = (key: string, over: Record<string, unknown> = {}) => ({
    idempotencyKey: `intake-${key}-000001`,
    pathway: 'marac-safelives',
    consent: 'given',
    lawfulBasis: 'consent',
    victim: { identity: { givenNames: ['Synthia'], surname: `Example${key}`, dateOfBirth: '1991-02-03' } },
    perpetrators: [{ givenNames: ['Perry'], surname: `Placeholder${key}`, dateOfBirth: '1988-08-08' }],
    children: [],
    dashAnswers: yes(15),
    safeToCall: true,
    monitoring: { victimGender: 'female', victimAge: 34 },
    ...over,
  });
  async function refer(who: string, key: string, over: Record<string, unknown> = {}) {
    const res = await api().post('/api/intake/referrals').set(as(who)).send(body(key, over));
    expect([200, 201]).toContain(res.status);
    cases[key] = res.body;
    return res.body as { id: string; reference: string; instanceId: number; dash: { score: number }; criteria: { route: string }; checklistSubmitted: boolean; repeatProposals: number };
  }
  async function complete(who: string, key: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTask(t, cases[key]!.id, elementId);
    const res = await api().post(`/api/tasks/${task.id}/complete`).set(as(who)).send({ variables });
    expect({ elementId, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ elementId, status: 200, body: null });
    return task;
  }
  const openElements = async (key: string) =>
    (await t.runtime.db.query(`SELECT element_id FROM user_tasks WHERE case_id = $1 AND status = 'open' ORDER BY element_id`, [cases[key]!.id])).map((r) => String(r.element_id));

  beforeAll(async () => {
    t = await startPathwayRuntime('redis', clock);
    w = await setUpPartnership(t, {
      id: 'marac', timeZone: 'Europe/London', calendar: { country: 'GB', state: 'ENG', dueHour: 17 },
      parameters: { 'marac-safelives': { variant: 'england-wales', values: { missesPerQuarterToSteeringGroup: 3 } } }, population: { adultFemales: 50_000 },
      deploy: ['marac-safelives'],
    });
    const res = await api().put('/api/meetings/schedule/marac-safelives').set(as('marac-coordinator'))
      .send({ frequency: 'fortnightly', weekday: 2, anchorDate: '2026-03-17', startTime: '10:00', onHoliday: 'next-working-day' });
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('scenario 1: DASH 15 → the referrer\'s checklist is submitted, and the MARAC referral (manager sign-off), the IDVA referral and safeguarding open in parallel', async () => {
    const r = await refer('housing-worker', 'A', { children: [{ givenNames: ['Kid'], surname: 'ExampleA', dateOfBirth: '2019-01-01' }] });
    expect(r).toMatchObject({ dash: { score: 15 }, criteria: { route: 'marac', visibleHighRisk: true }, checklistSubmitted: true, created: true });
    await openTask(t, r.id, 'TriageReferral'); // after the refer-to-idva service task
    expect(await openElements('A')).toEqual(['ImmediateSafeguarding', 'SubmitMaracReferral', 'TriageReferral']);
    const routed = await t.runtime.db.query(`SELECT element_id, agency_id FROM user_tasks WHERE case_id = $1 AND status = 'open' ORDER BY element_id`, [r.id]);
    expect(routed.map((x) => x.agency_id)).toEqual([w.agencies.housing, w.agencies.housing, w.agencies.idva]);
    const manager = (await t.runtime.db.query(`SELECT assignment->'form' AS form FROM user_tasks WHERE case_id = $1 AND element_id = 'SubmitMaracReferral'`, [r.id]))[0]!;
    expect((manager.form as { name: string; required: boolean }[]).find((f) => f.name === 'managerSignOff')?.required).toBe(true);
    // Decision data only in the process: no name, no date of birth.
    const vars = (await t.runtime.db.query('SELECT state FROM instances WHERE id = $1', [r.instanceId]))[0]!.state as { variables: Record<string, unknown> };
    expect(vars.variables).toMatchObject({ dashScore: 15, referringAgencyType: 'housing', maracRoute: 'marac', childrenInHousehold: 1, caseRef: r.reference });
    expect(JSON.stringify(vars)).not.toMatch(/Synthia|ExampleA|1991-02-03|Perry/);
  });

  it('scenario 2: professional judgement without reasons is refused; with a coded reason it is accepted', async () => {
    const bad = await api().post('/api/intake/referrals').set(as('housing-worker')).send(body('B', { dashAnswers: yes(13), professionalJudgement: true }));
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([{ field: 'professionalJudgementReasons', message: 'professional judgement needs its reasons (coded)' }]);
    const ok = await refer('housing-worker', 'B', { dashAnswers: yes(13), professionalJudgement: true, professionalJudgementReasons: ['stalking'] });
    expect(ok.criteria).toMatchObject({ route: 'marac', visibleHighRisk: false, professionalJudgement: true });
  });

  it('scenario 4: 3 police incidents in 12 months with DASH 6 meets the escalation criterion', async () => {
    const r = await refer('police-worker', 'E', { dashAnswers: yes(6), policeIncidentDates: ['2025-06-01', '2025-11-20', '2026-02-14'] });
    expect(r.criteria).toMatchObject({ route: 'marac', potentialEscalation: true, policeIncidentsInWindow: 3 });
    await openTask(t, r.id, 'SupervisorReview'); // a police referral: the supervisor reviews first
  });

  it('scenario 6: a referral by housing for the same victim and perpetrator (name and date-of-birth variants) is proposed as a repeat, linked only once a coordinator confirms', async () => {
    const first = await refer('police-worker', 'R1', {
      victim: { identity: { givenNames: ['Alexandra'], surname: 'Testperson', dateOfBirth: '1990-04-12' } },
      perpetrators: [{ givenNames: ['Robert'], surname: 'Sampleman', dateOfBirth: '1985-07-01' }],
    });
    expect(first.repeatProposals).toBe(0);
    const second = await refer('housing-worker', 'R2', {
      victim: { identity: { givenNames: ['Alex'], surname: 'Testperson', dateOfBirth: '1990-12-04' } },
      perpetrators: [{ givenNames: ['Bob'], surname: 'Sampleman', dateOfBirth: '1985-07-01' }],
    });
    expect(second.repeatProposals).toBe(1);
    const list = await api().get('/api/intake/repeat-proposals').set(as('marac-coordinator')).query({ caseId: second.id });
    expect(list.status).toBe(200);
    const p = list.body.items[0];
    expect(p).toMatchObject({ caseId: second.id, candidateCaseId: first.id, status: 'proposed', withinRepeatWindow: true });
    expect(p.reasons).toEqual(expect.arrayContaining(['victim/given:nickname', 'victim/dob:day-month-swapped', 'perpetrator/given:nickname']));
    expect(list.text).not.toMatch(/Alex|Testperson|Sampleman|1990/);
    // Nothing is linked before the coordinator decides; agency staff cannot decide.
    expect((await api().get(`/api/intake/links/${second.id}`).set(as('marac-coordinator'))).body).toEqual([]);
    expect((await api().post(`/api/intake/repeat-proposals/${p.id}/confirm`).set(as('housing-worker'))).status).toBe(403);
    const confirmed = await api().post(`/api/intake/repeat-proposals/${p.id}/confirm`).set(as('marac-coordinator'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await api().get(`/api/intake/links/${second.id}`).set(as('marac-coordinator'))).body.map((l: { caseId: string }) => l.caseId)).toEqual([first.id]);
    expect((await api().post(`/api/intake/repeat-proposals/${p.id}/reject`).set(as('marac-coordinator'))).status).toBe(409);
    const repeat = await t.runtime.db.query('SELECT is_repeat FROM case_monitoring WHERE case_id = $1', [second.id]);
    expect(repeat[0]!.is_repeat).toBe(true);
    // A different victim and perpetrator: no proposal.
    const other = await refer('housing-worker', 'R3', {
      victim: { identity: { givenNames: ['Morgan'], surname: 'Unrelated', dateOfBirth: '1979-09-09' } },
      perpetrators: [{ givenNames: ['Casey'], surname: 'Nobody', dateOfBirth: '1970-01-01' }],
    });
    expect(other.repeatProposals).toBe(0);
  });

  it('scenario 10 and 12: listing by cut-off (and an emergency for imminent risk); the agenda puts cases with children first', async () => {
    for (const key of ['A', 'B']) {
      await complete('housing-worker', key, 'SubmitMaracReferral', { managerSignOff: true, secureChannel: 'cjsm' });
      await complete('marac-coordinator', key, 'DedupeAndRepeatCheck', { isRepeat: false });
    }
    // B is listed first, A second: the agenda still hears A (children) first.
    for (const key of ['B', 'A']) {
      await openTask(t, cases[key]!.id, 'ScheduleToNextMeeting');
      const l = await api().post('/api/meetings/listings').set(as('marac-coordinator')).send({ caseId: cases[key]!.id });
      expect(l.status).toBe(200);
      expect(l.body).toMatchObject({ meetingDate: '2026-03-17', emergency: false, cutOffDate: '2026-03-05', circulationDate: '2026-03-10', taskCompleted: true });
      // The meeting of 3 March had its cut-off on 20 February: the referral goes to the 17th.
      expect(l.body.reasons).toEqual(['after-cut-off']);
      meeting17 = l.body.meetingId;
    }
    // After the cut-off of the 17th: the next meeting; with imminent risk: an emergency meeting.
    clock.jumpTo('2026-03-06T10:00:00Z');
    await signInAgainAll(t, w);
    const late = await refer('housing-worker', 'C', { dashAnswers: yes(16) });
    const lateListing = await api().post('/api/meetings/listings').set(as('marac-coordinator')).send({ caseId: late.id });
    expect(lateListing.body).toMatchObject({ meetingDate: '2026-03-31', emergency: false, reasons: ['after-cut-off'] });
    const urgent = await refer('housing-worker', 'D', { dashAnswers: yes(20), imminentRisk: true });
    const urgentListing = await api().post('/api/meetings/listings').set(as('marac-coordinator')).send({ caseId: urgent.id, imminentRisk: true });
    expect(urgentListing.body).toMatchObject({ emergency: true, meetingDate: '2026-03-09' }); // referred Friday: the next working day but one
    expect(urgentListing.body.reasons).toContain('imminent-risk');

    const upcoming = await api().get('/api/meetings').set(as('marac-chair')).query({ from: '2026-03-01', to: '2026-04-15' });
    expect(upcoming.body.map((m: { date: string; kind: string; caseCount: number }) => `${m.date}:${m.kind}:${m.caseCount}`)).toEqual([
      '2026-03-03:scheduled:0', '2026-03-09:emergency:1', '2026-03-17:scheduled:2', '2026-03-31:scheduled:1', '2026-04-14:scheduled:0',
    ]);
    const agenda = await api().get(`/api/meetings/${meeting17}/agenda`).set(as('marac-chair'));
    expect(agenda.status).toBe(200);
    expect(agenda.body.items.map((i: { section: string; caseRef?: string }) => i.caseRef ? `${i.section}:${i.caseRef}` : i.section)).toEqual([
      'introductions', 'confidentiality-statement', `children-cases:${cases.A!.reference}`, `adult-cases:${cases.B!.reference}`, 'any-other-business',
    ]);
    expect(agenda.body.cases.map((c: { caseReference: string; hasChildren: boolean; riskReason: string[] }) => [c.caseReference, c.hasChildren, c.riskReason])).toEqual([
      [cases.A!.reference, true, ['visibleHighRisk']], [cases.B!.reference, false, ['professionalJudgement']],
    ]);
    // An agency sees the cases it holds only; the police hold neither.
    const police = await api().get(`/api/meetings/${meeting17}/agenda`).set(as('police-worker'));
    expect(police.body.cases).toEqual([]);
  });

  it('scenario 11: research not returned by the meeting start is recorded as a gap and the meeting proceeds', async () => {
    clock.jumpTo('2026-03-10T09:00:00Z');
    await signInAgainAll(t, w);
    await fireDueTimers(t, [cases.A!.instanceId]);
    await complete('marac-coordinator', 'A', 'CirculateList', { researchAgencies: ['police', 'housing'] });
    const research = await t.runtime.db.query(`SELECT id, agency_id, input->>'ownerAgency' AS owner FROM user_tasks WHERE case_id = $1 AND element_id = 'ResearchAgencyRecords' AND status = 'open' ORDER BY owner`, [cases.A!.id]);
    expect(research.map((r) => [r.owner, r.agency_id])).toEqual([['housing', w.agencies.housing], ['police', w.agencies.police]]);
    const policeTask = research.find((r) => r.owner === 'police')!;
    expect((await api().post(`/api/tasks/${policeTask.id}/complete`).set(as('police-worker')).send({ variables: { recordsFound: true, riskRelevantInformation: true } })).status).toBe(200);
    clock.jumpTo('2026-03-17T09:00:00Z');
    await signInAgainAll(t, w);
    await fireDueTimers(t);
    await openTask(t, cases.A!.id, 'HoldMeeting');
    const vars = (await t.runtime.db.query('SELECT state FROM instances WHERE id = $1', [cases.A!.instanceId]))[0]!.state as { variables: Record<string, unknown> };
    expect(vars.variables.researchGaps).toBe(true);
  });

  it('scenarios 9 (action plan) and 26: the plan becomes one task per action for its agency; minutes stay out of the case file', async () => {
    const a = cases.A!;
    const add = (agency: string, description: string, dueAt: string) => api().post(`/api/meetings/${meeting17}/actions`).set(as('marac-chair')).send({ caseId: a.id, agency, description, dueAt });
    const housing = await add('housing', 'Synthetic action: review the tenancy security', '2026-03-27');
    const police = await add('police', 'Synthetic action: flag the address for an urgent response', '2026-03-24');
    expect([housing.status, police.status]).toEqual([201, 201]);
    expect((await api().post(`/api/meetings/${meeting17}/minutes`).set(as('marac-chair')).send({ caseId: a.id, text: 'Synthetic minutes: risk discussed, actions agreed.' })).status).toBe(201);
    const done = await api().post(`/api/meetings/${meeting17}/cases/${a.id}/conclude`).set(as('marac-chair')).send({});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ nextMeetingDate: '2026-03-31' });
    await openTask(t, a.id, 'CompleteAction');
    const actions = await t.runtime.db.query(`SELECT id, agency_id, input->'action'->>'actionId' AS action_id, input->>'ownerAgency' AS owner FROM user_tasks WHERE case_id = $1 AND element_id = 'CompleteAction' AND status = 'open' ORDER BY owner`, [a.id]);
    expect(actions.map((r) => [r.owner, r.agency_id, r.action_id])).toEqual([
      ['housing', w.agencies.housing, housing.body.id], ['police', w.agencies.police, police.body.id],
    ]);
    // The owner reads its action; another agency does not.
    expect((await api().get(`/api/meetings/actions/${housing.body.id}`).set(as('housing-worker'))).body.description).toBe('Synthetic action: review the tenancy security');
    expect((await api().get(`/api/meetings/actions/${housing.body.id}`).set(as('police-worker'))).status).toBe(404);
    // Minutes: the chair and housing read them, the police never; the case file has none of it.
    expect((await api().get(`/api/meetings/${meeting17}/minutes`).set(as('marac-chair'))).body.items).toHaveLength(1);
    expect((await api().get(`/api/meetings/${meeting17}/minutes`).set(as('housing-worker'))).body.items).toHaveLength(1);
    expect((await api().get(`/api/meetings/${meeting17}/minutes`).set(as('police-worker'))).body.items).toHaveLength(0);
    const file = await api().get(`/api/cases/${a.id}`).set(as('marac-coordinator'));
    expect(file.status).toBe(200);
    expect(file.text).not.toContain('Synthetic minutes');
    expect(file.text).not.toContain('Synthetic action');
    // "Agency did not act" closes the action of the plan; the open one is listed at the next meeting.
    const housingTask = actions.find((r) => r.owner === 'housing')!;
    expect((await api().post(`/api/tasks/${housingTask.id}/complete`).set(as('housing-worker')).send({ variables: { actionOutcome: 'agency-did-not-act' } })).status).toBe(200);
    const closed = await t.runtime.db.query('SELECT outcome FROM meeting_actions WHERE id = $1', [housing.body.id]);
    expect(closed[0]!.outcome).toBe('agency-did-not-act');
    const next = (await api().get('/api/meetings').set(as('marac-chair')).query({ from: '2026-03-31', to: '2026-03-31' })).body[0];
    const nextAgenda = await api().get(`/api/meetings/${next.id}/agenda`).set(as('marac-chair'));
    expect(nextAgenda.body.incompleteActions.map((x: { id: string }) => x.id)).toEqual([police.body.id]);
    expect(nextAgenda.body.items[2].section).toBe('incomplete-actions');
  });

  it('scenario 13: escalations are listed with reason and time, acknowledged and resolved; a third miss in the quarter flags the agency to the steering group', async () => {
    const open = await api().get('/api/escalations').set(as('marac-coordinator')).query({ status: 'open', limit: 200 });
    expect(open.status).toBe(200);
    expect(open.body.total).toBeGreaterThan(0);
    const e = open.body.items.find((x: { kind: string; caseId: string | null }) => x.kind === 'breach' && x.caseId === cases.A!.id);
    expect(e).toMatchObject({ status: 'open', caseReference: cases.A!.reference });
    expect(e.reason).toMatch(/^SLA breached: "/);
    expect(e.workingDaysOverdue).toBeGreaterThanOrEqual(0);
    const ack = await api().post(`/api/escalations/${e.id}/acknowledge`).set(as('marac-coordinator'));
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: w.people['marac-coordinator']!.id });
    expect((await api().post(`/api/escalations/${e.id}/acknowledge`).set(as('marac-coordinator'))).status).toBe(409);
    const resolved = await api().post(`/api/escalations/${e.id}/resolve`).set(as('marac-coordinator')).send({ resolution: 'chased', note: 'agency chased by phone' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'chased' });
    expect((await api().post(`/api/escalations/${e.id}/resolve`).set(as('marac-coordinator')).send({})).status).toBe(409);
    expect((await api().post(`/api/escalations/${e.id}/acknowledge`).set(as('housing-spoc'))).status).toBe(403);
    // An agency's SPOC sees its agency's escalations; the steering group sees no case references; agency staff none.
    const spoc = await api().get('/api/escalations').set(as('housing-spoc')).query({ limit: 200 });
    expect(spoc.body.items.length).toBeGreaterThan(0);
    expect(spoc.body.items.every((x: { agency: string }) => x.agency === w.agencies.housing)).toBe(true);
    const steering = await api().get('/api/escalations').set(as('steering-group')).query({ limit: 200 });
    expect(steering.body.items.every((x: { caseReference: string | null; caseId: string | null }) => x.caseReference === null && x.caseId === null)).toBe(true);
    expect((await api().get('/api/escalations').set(as('housing-worker'))).status).toBe(403);
    // Escalation steps of one task follow the chain with their own delays.
    const chain = await t.runtime.db.query(`SELECT escalate_to FROM sla_escalations WHERE case_id = $1 AND element_id = 'ImmediateSafeguarding' AND kind = 'escalation' ORDER BY step`, [cases.A!.id]);
    expect(chain.map((r) => r.escalate_to)).toEqual(['agency-spoc', 'pathway-coordinator', 'partnership-coordinator', 'steering-group']);
    // The pattern of misses: housing missed ImmediateSafeguarding, research and its action this quarter.
    const flags = await api().get('/api/escalations/flags').set(as('steering-group')).query({ quarter: '2026-Q1' });
    expect(flags.status).toBe(200);
    const housingFlag = flags.body.find((f: { agencyId: string }) => f.agencyId === w.agencies.housing);
    expect(housingFlag).toMatchObject({ quarter: '2026-Q1', threshold: 3 });
    expect(housingFlag.misses).toBeGreaterThanOrEqual(3);
    // The steering group is told in the app (agency name and counts only).
    const inbox = await api().get('/api/notifications').set(as('steering-group')).query({ unread: 'true' });
    expect(inbox.status).toBe(200);
    const told = inbox.body.items.filter((n: { text: string }) => n.text.startsWith('Pattern of misses: Agency housing missed'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'task-escalated', link: '/dashboard' });
    expect((await api().post(`/api/escalations/flags/${housingFlag.id}/acknowledge`).set(as('steering-group'))).status).toBe(200);
  });
  it('scenario 28: the same perpetrator with two victims is a MATAC candidate (references only)', async () => {
    const perpetrator = { givenNames: ['Matthias'], surname: 'Repeatoffender', dateOfBirth: '1980-05-05' };
    const one = await refer('police-worker', 'M1', { victim: { identity: { givenNames: ['Victa'], surname: 'Firstone', dateOfBirth: '1992-01-01' } }, perpetrators: [perpetrator] });
    const two = await refer('health-worker', 'M2', { victim: { identity: { givenNames: ['Vida'], surname: 'Secondone', dateOfBirth: '1995-03-03' } }, perpetrators: [{ ...perpetrator, givenNames: ['Mathias'] }] });
    const res = await api().get('/api/intake/matac-candidates').set(as('marac-coordinator'));
    expect(res.status).toBe(200);
    const group = res.body.find((g: { caseIds: string[] }) => g.caseIds.includes(one.id));
    expect(group).toMatchObject({ victimCount: 2, requiresConfirmation: true });
    expect(group.caseIds.sort()).toEqual([one.id, two.id].sort());
    expect(res.text).not.toMatch(/Repeatoffender|Matthias|Victa/);
    expect((await api().get('/api/intake/matac-candidates').set(as('police-worker'))).status).toBe(403);
  });

  it('scenarios 3 and 4: the Cambridgeshire and Kent variants run by changing parameters, not the model', async () => {
    const set = (variant: string) => api().put('/api/pathways/marac-safelives/parameters').set(as('partnership-coordinator')).send({ variant });
    expect((await api().put('/api/pathways/marac-safelives/parameters').set(as('partnership-coordinator')).send({ variant: 'atlantis' })).status).toBe(400);
    expect((await api().put('/api/pathways/marac-safelives/parameters').set(as('housing-worker')).send({ variant: 'kent' })).status).toBe(403);
    const cambs = await set('cambridgeshire');
    expect(cambs.status).toBe(200);
    expect(cambs.body.params).toMatchObject({ dashThreshold: 17, idvaWithConsentFrom: 14 });
    const sixteen = await refer('housing-worker', 'K16', { dashAnswers: yes(16) });
    expect(sixteen.criteria).toMatchObject({ route: 'idva-with-consent', meetsMarac: false });
    await openTask(t, sixteen.id, 'OfferIdvaWithConsent'); // the running pathway sees the new parameters
    const seventeen = await refer('housing-worker', 'K17', { dashAnswers: yes(17) });
    expect(seventeen.criteria).toMatchObject({ route: 'marac', visibleHighRisk: true });
    await openTask(t, seventeen.id, 'SubmitMaracReferral');
    // Kent: 3 police incidents must fall within 6 months, not 12.
    await set('kent');
    const incidents = { dashAnswers: yes(6), policeIncidentDates: ['2025-08-01', '2025-11-20', '2026-02-14'] };
    const kent = await refer('police-worker', 'KENT', incidents);
    expect(kent.criteria).toMatchObject({ potentialEscalation: false, policeIncidentsInWindow: 2 });
    await set('england-wales');
    const national = await refer('police-worker', 'NATIONAL', incidents);
    expect(national.criteria).toMatchObject({ potentialEscalation: true, policeIncidentsInWindow: 3 });
  });
  it('scenario 5: a new incident 200 days after the last MARAC referral is a repeat whatever its risk; at 400 days it is a new referral', async () => {
    const at200 = await refer('housing-worker', 'REP200', { dashAnswers: yes(3), referralDate: '2026-03-17', lastMaracReferralDate: '2025-08-29' });
    expect(at200.criteria).toMatchObject({ repeat: true, route: 'marac', visibleHighRisk: false });
    const at400 = await refer('housing-worker', 'REP400', { dashAnswers: yes(3), referralDate: '2026-03-17', lastMaracReferralDate: '2025-02-10' });
    expect(at400.criteria).toMatchObject({ repeat: false, route: 'signpost' });
  });
});
