import { randomUUID } from 'node:crypto';
import { FIXTURE_ACTIONS, FIXTURE_AS_OF, FIXTURE_CASES, FIXTURE_POPULATION, FIXTURE_SLAS } from '../../libs/pathways/src/kpi/kpi.fixture';
import type { TestRuntime } from '../runtime/support/test-runtime';
import { http, setUpPartnership, startPathwayRuntime, type PathwayPartnership } from './support/pathway-world';
import { SteppedClock } from './support/stepped.clock';

/**
 * Partnership KPIs through the API against the small hand-worked fixture of libs/pathways
 * (`kpi.fixture.ts`: 8 cases heard at 4 meetings in 2026-Q1, one in Q2; 8 actions; 6 SLAs),
 * loaded as the runtime's own rows: cases with their monitoring data, the meetings that heard
 * them, the IDVA's first contact as a completed task, the actions of the plans and the user tasks
 * with their due times. The expected figures are the hand-worked ones (the arithmetic is in the
 * comments of libs/pathways/src/kpi/marac-kpi.spec.ts), written out here again (scenario 18, 27, 14).
 */
describe('partnership KPIs through the API on the hand-worked fixture (PostgreSQL)', () => {
  jest.setTimeout(120_000);
  const clock = new SteppedClock(FIXTURE_AS_OF);
  let t: TestRuntime;
  let w: PathwayPartnership;
  const Q1 = { from: '2026-01-01', to: '2026-03-31' };

  beforeAll(async () => {
    t = await startPathwayRuntime('postgres', clock);
    w = await setUpPartnership(t, { id: 'kpi', timeZone: 'Europe/London', calendar: { country: 'GB', state: 'ENG' }, population: { adultFemales: FIXTURE_POPULATION }, deploy: [] });
    const db = t.runtime.db.pool;
    // The fixture's agency names are SafeLives categories; the partnership's agencies carry them as codes.
    const agency: Record<string, string> = { ...w.agencies };
    agency['childrens-social-care'] = w.agencies['childrens-services']!;
    await db.query(`UPDATE agencies SET code = 'childrens-social-care' WHERE id = $1`, [agency['childrens-social-care']]);
    const def = await db.query(`INSERT INTO definitions (partnership_id, key, version, xml, hash, model, process_ids, deployed_by, deployed_at) VALUES ('kpi', 'marac-safelives', 1, '<x/>', 'h', '{}', '{marac-safelives}', 'test', now()) RETURNING id`);
    const defId = def.rows[0].id;
    const instance = async (key: string | null, at: string) =>
      (await db.query(`INSERT INTO instances (partnership_id, definition_id, process_id, business_key, status, state, version, started_at, updated_at) VALUES ('kpi', $1, 'marac-safelives', $2, 'active', '{}', 1, $3, $3) RETURNING id`, [defId, key, at])).rows[0].id as number;
    const meetings = new Map<string, string>();
    for (const date of [...new Set(FIXTURE_CASES.map((c) => c.meetingDate!))]) {
      const id = randomUUID();
      meetings.set(date, id);
      await db.query(`INSERT INTO meetings (id, partnership_id, pathway, date, start_time, kind, status, created_by, created_at) VALUES ($1, 'kpi', 'marac-safelives', $2, '10:00', 'scheduled', 'held', 'test', now())`, [id, date]);
    }
    const caseIds = new Map<string, string>();
    for (const c of FIXTURE_CASES) {
      const id = randomUUID();
      caseIds.set(c.caseId, id);
      await db.query(`INSERT INTO cases (id, partnership_id, reference, pathway, referring_agency_id, has_children, consent, created_by, opened_at) VALUES ($1, 'kpi', $2, $3, $4, $5, 'given', 'test', $6)`,
        [id, `SYN-${c.caseId}`, c.pathway, agency[c.referringAgency], c.childrenInHousehold > 0, c.receivedAt]);
      const band = c.victim.age === undefined ? null : c.victim.age <= 17 ? '16-17' : c.victim.age <= 24 ? '18-24' : c.victim.age <= 44 ? '25-44' : '45-64';
      await db.query(
        `INSERT INTO case_monitoring (case_id, partnership_id, pathway, referral_date, received_at, referring_agency_kind, is_repeat, victim_gender, victim_age_band, bme, lgbt, disability, perpetrators_under_18, perpetrator_count, children_count)
         VALUES ($1, 'kpi', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, c.pathway, c.referralDate, c.receivedAt, c.referringAgency, c.isRepeat, c.victim.gender, band, c.victim.bme ?? false, c.victim.lgbt ?? false, c.victim.disability ?? false,
          c.perpetratorAges.filter((a) => a !== null && a < 18).length, c.perpetratorAges.length, c.childrenInHousehold],
      );
      await db.query(`INSERT INTO meeting_cases (meeting_id, case_id, partnership_id, listed_at, listed_by, heard_at) VALUES ($1, $2, 'kpi', $3, 'test', $4)`, [meetings.get(c.meetingDate!), id, c.receivedAt, `${c.meetingDate}T12:00:00Z`]);
      if (c.idvaFirstContactAt) {
        const iid = await instance(`SYN-${c.caseId}`, c.receivedAt);
        await db.query(`INSERT INTO user_tasks (instance_id, element_instance_id, partnership_id, element_id, name, status, agency, assignment, created_at, ended_at) VALUES ($1, 1, 'kpi', 'ContactVictim', 'Contact the victim', 'completed', 'idva', '{}', $2, $3)`, [iid, c.receivedAt, c.idvaFirstContactAt]);
        await db.query(`INSERT INTO instance_events (instance_id, seq, event, now) VALUES ($1, 1, $2, $3)`, [iid, JSON.stringify({ type: 'task-completed', elementInstanceId: 1, variables: { contactMade: true } }), c.idvaFirstContactAt]);
      }
    }
    const anyMeeting = [...meetings.values()][0];
    for (const a of FIXTURE_ACTIONS) {
      await db.query(`INSERT INTO meeting_actions (id, meeting_id, case_id, partnership_id, agency_id, due_date, status, outcome, created_by, created_at) VALUES ($1, $2, $3, 'kpi', $4, $5, 'issued', $6, 'test', now())`,
        [randomUUID(), anyMeeting, caseIds.get(a.caseId), agency[a.agency], a.dueDate, a.outcome]);
    }
    const slaInstance = await instance(null, '2026-01-01T00:00:00Z');
    let ei = 100;
    for (const s of FIXTURE_SLAS) {
      await db.query(`INSERT INTO user_tasks (instance_id, element_instance_id, partnership_id, element_id, status, agency, assignment, due_at, created_at, ended_at) VALUES ($1, $2, 'kpi', $3, $4, $5, '{}', $6, $7, $8)`,
        [slaInstance, ei++, s.task, s.completedAt ? 'completed' : 'open', s.agency, s.dueAt, '2026-01-01T00:00:00Z', s.completedAt]);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (who: string, path: string, query: Record<string, string> = {}) => http(t).get(path).set(w.people[who]!.auth).query(query);

  it('2026-Q1: the SafeLives measures, times, action completion and SLA breach rate match the hand-worked figures', async () => {
    const res = await get('steering-group', '/api/kpis', Q1);
    expect(res.status).toBe(200);
    const s = res.body.summary;
    expect(s.cases).toBe(8);
    expect(s.casesPer10kAdultFemales).toBe(4); // 8 / 20,000 × 10,000
    expect(s.repeatRate).toEqual({ hits: 3, total: 8, rate: 0.375 }); // C2, C5, C8
    expect(s.referralsBySource).toEqual({ police: 4, health: 1, housing: 1, idva: 1, 'childrens-social-care': 1 });
    expect(s.partnerAgencyShare.rate).toBe(0.5);
    expect(s.diversity).toMatchObject({ bme: { rate: 0.375 }, lgbt: { rate: 0.25 }, disability: { rate: 0.25 }, male: { rate: 0.125 }, aged16to17: { rate: 0.25 }, perpetratorsUnder18: 2 });
    expect(s.daysReferralToMeeting).toEqual({ count: 8, mean: 15.75, median: 15 }); // 15, 13, 22, 20, 14, 15, 7, 20
    expect(s.hoursReferralToIdvaContact).toEqual({ count: 6, mean: 27.5, median: 30, notContacted: 2 }); // 24, 6, 48, 36, 3, 48
    expect(s.actionCompletion).toMatchObject({ total: 8, completed: 4, notPossibleChangeInCircumstance: 1, agencyDidNotAct: 2, open: 1 });
    expect(s.actionCompletion.completionRate).toBeCloseTo(4 / 7, 10);
    expect(s.actionCompletion.agencyCompletionRate).toBeCloseTo(4 / 6, 10);
    expect(s.slaBreachRate).toEqual({ hits: 3, total: 5, rate: 0.6 }); // S2 late, S3 open past due, S5 late
    expect(res.body.slaBreach.byAgency).toEqual({ idva: { hits: 1, total: 2, rate: 0.5 }, housing: { hits: 2, total: 2, rate: 1 }, police: { hits: 0, total: 1, rate: 0 } });
    expect(res.body.slaBreach.byTask).toEqual({ ContactVictim: { hits: 1, total: 2, rate: 0.5 }, ResearchAgencyRecords: { hits: 1, total: 2, rate: 0.5 }, CompleteAction: { hits: 1, total: 1, rate: 1 } });
    expect(res.body.capacity.idvaFte).toBeCloseTo((8 * 365) / 90 / 100, 6);
    // Aggregates only: no case reference or id in the answer.
    expect(res.text).not.toMatch(/SYN-C\d/);
    expect(res.body.kpis.find((k: { key: string }) => k.key === 'repeatRate').value).toBe(0.375);
  });

  it('by agency, pathway and period', async () => {
    const byAgency = (await get('manager', '/api/kpis/by/agency')).body;
    expect(byAgency.housing).toMatchObject({ actionCompletion: { total: 3, completed: 0, agencyDidNotAct: 2, agencyCompletionRate: 0 }, slaBreachRate: { hits: 2, total: 2, rate: 1 } });
    expect(byAgency.police).toMatchObject({ cases: 5, actionCompletion: { total: 2, completed: 2 }, slaBreachRate: { hits: 0, total: 1 } });
    const byPeriod = (await get('manager', '/api/kpis/by/period')).body;
    expect(Object.keys(byPeriod)).toEqual(['2026-Q1', '2026-Q2']);
    expect(byPeriod['2026-Q1']).toMatchObject({ cases: 8, actionCompletion: { total: 8 } });
    expect(byPeriod['2026-Q2']).toMatchObject({ cases: 1 });
    const byPathway = (await get('partnership-coordinator', '/api/kpis/by/pathway')).body;
    expect(byPathway['marac-safelives'].cases).toBe(9);
    const policeOnly = (await get('manager', '/api/kpis', { ...Q1, agency: 'police' })).body;
    expect(policeOnly.summary.cases).toBe(4);
    expect(policeOnly.summary.casesPer10kAdultFemales).toBeNull(); // the population is the whole area's
  });

  it('the quarterly return in the SafeLives dataset layout, as JSON and CSV', async () => {
    const json = (await get('steering-group', '/api/kpis/quarterly-return', { quarter: '2026-Q1' })).body;
    expect(json.rows.map((x: { meetingDate: string; casesDiscussed: number; repeatCases: number; childrenInHouseholds: number }) => [x.meetingDate, x.casesDiscussed, x.repeatCases, x.childrenInHouseholds])).toEqual([
      ['2026-01-20', 2, 1, 2], ['2026-02-03', 3, 1, 4], ['2026-02-17', 2, 0, 3], ['2026-03-03', 1, 1, 0],
    ]);
    const csv = await get('steering-group', '/api/kpis/quarterly-return.csv', { quarter: '2026-Q1' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="marac-return-2026-Q1.csv"');
    const lines = csv.text.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('kpi,2026-Q1,TOTAL,8,3,9,4,1,0,1,1,0,1,0,0,0,0,0,3,2,2,1,2,2');
    const all = await get('manager', '/api/kpis/export.csv', Q1);
    expect(all.status).toBe(200);
    expect(all.text.split('\n')[0]).toBe('dimension,key,measure,value');
    expect(all.text).toContain('all,all,repeatRate,0.375');
  });

  it('is for managers, the steering group and coordinators only; every read is audited', async () => {
    for (const who of ['police-worker', 'idva', 'housing-spoc', 'administrator']) expect((await get(who, '/api/kpis', Q1)).status).toBe(403);
    const audited = await t.runtime.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE partnership_id = 'kpi' AND action LIKE 'kpi.%'`);
    expect(Number(audited[0]!.n)).toBeGreaterThanOrEqual(6);
  });
});
