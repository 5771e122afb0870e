import { eventually, type TestRuntime } from '../runtime/support/test-runtime';
import { seedAgency } from '../support/sign-in';
import { http, openTask, setUpPartnership, startPathwayRuntime, type PathwayPartnership } from './support/pathway-world';
import { SteppedClock } from './support/stepped.clock';

/**
 * The other templates on the runtime (api + worker on PostgreSQL): a partnership's variant reaches
 * the engine as `params` and a task owned by a run-time agency (`agency="=ownerAgency"`) is routed
 * to that agency's queue; the templates' service tasks run and are recorded. Austria's protective
 * order with the Gewaltschutzzentrum (scenario 19's start), Portugal's risk-first pathway with the
 * transmission to the prosecutor logged at once (scenario 24).
 */
describe('protective order (AT) and risk-first (PT) templates on the runtime', () => {
  jest.setTimeout(180_000);
  const clock = new SteppedClock('2026-03-06T09:00:00Z'); // a Friday
  let t: TestRuntime;
  let at: PathwayPartnership;
  let pt: PathwayPartnership;
  const api = () => http(t);
  const referral = (key: string, pathway: string) => ({
    idempotencyKey: `other-${key}-000001`, pathway, consent: 'not-sought', lawfulBasis: 'public task', sharingPurpose: 'victim protection', adequateRelevantLimited: true,
    victim: { identity: { givenNames: ['Synthia'], surname: `Other${key}`, dateOfBirth: '1990-01-01' } },
    perpetrators: [{ givenNames: ['Perry'], surname: `Other${key}`, dateOfBirth: '1985-01-01' }],
    children: [{ givenNames: ['Kid'], surname: `Other${key}` }],
    dashScore: 12,
  });
  async function complete(w: PathwayPartnership, who: string, caseId: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTask(t, caseId, elementId);
    const res = await api().post(`/api/tasks/${task.id}/complete`).set(w.people[who]!.auth).send({ variables });
    expect({ elementId, status: res.status }).toEqual({ elementId, status: 200 });
  }

  beforeAll(async () => {
    t = await startPathwayRuntime('postgres', clock);
    at = await setUpPartnership(t, { id: 'at', timeZone: 'Europe/Vienna', calendar: { country: 'AT' }, parameters: { 'protective-order-proactive': { variant: 'AT' } }, deploy: ['protective-order-proactive'] });
    pt = await setUpPartnership(t, { id: 'pt', timeZone: 'Europe/Lisbon', calendar: { country: 'PT' }, deploy: ['risk-first-pt'] });
    at.agencies.gewaltschutzzentrum = await seedAgency(t.runtime.db.pool, 'at', 'gewaltschutzzentrum', 'ngo-refuge');
    at.agencies['child-welfare'] = await seedAgency(t.runtime.db.pool, 'at', 'child-welfare', 'children-social-work');
    pt.agencies['victim-support'] = await seedAgency(t.runtime.db.pool, 'pt', 'victim-support', 'ngo-refuge');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('AT: the order\'s tasks go to the Gewaltschutzzentrum (the variant\'s victim service), child welfare and the reviewing authority; the review is due within 3 days', async () => {
    const r = await api().post('/api/intake/referrals').set(at.people['police-worker']!.auth).send(referral('AT', 'protective-order-proactive'));
    expect(r.status).toBe(201);
    expect(r.body.criteria).toBeNull(); // no MARAC criteria in this pathway
    await complete(at, 'police-worker', r.body.id, 'RegisterOrder', { childrenInHousehold: 1, victimConsentToReferral: true, riskLevel: 'high' });
    const contact = await openTask(t, r.body.id, 'ProactiveContact');
    expect(contact.agency_id).toBe(at.agencies.gewaltschutzzentrum);
    const input = (await t.runtime.db.query('SELECT agency, input FROM user_tasks WHERE id = $1', [contact.id]))[0]!;
    expect(input.agency).toBe('gewaltschutzzentrum');
    expect((await openTask(t, r.body.id, 'ChildWelfareContact')).agency_id).toBe(at.agencies['child-welfare']);
    await openTask(t, r.body.id, 'AuthorityReview');
    // The legal deadline of the review (AT: 3 days) and the order's end (AT: 14 days) are timers of the instance.
    const spans = (await t.runtime.db.query(`SELECT extract(epoch FROM due_at - created_at)::int AS s FROM timers WHERE instance_id = $1 AND purpose = 'event' AND status = 'pending'`, [r.body.instanceId])).map((x) => Number(x.s));
    expect(spans).toEqual(expect.arrayContaining([3 * 86_400]));
    await eventually(async () => {
      const audit = await t.runtime.db.query(`SELECT action FROM audit_log WHERE partnership_id = 'at' AND action LIKE 'pathway.%' ORDER BY id`);
      const actions = audit.map((a) => String(a.action));
      return actions.includes('pathway.notify-victim-service') && actions.includes('pathway.notify-child-welfare');
    });
  });

  it('PT (scenario 24): a high RVD-1L rating transmits the complaint to the prosecutor at once (logged) and schedules the 72-hour actions and victim support', async () => {
    const r = await api().post('/api/intake/referrals').set(pt.people['police-worker']!.auth).send(referral('PT', 'risk-first-pt'));
    expect(r.status).toBe(201);
    await complete(pt, 'police-worker', r.body.id, 'RvdInitialAssessment', { riskLevel: 'high', rvdYesItems: 12 });
    await openTask(t, r.body.id, 'ProtectiveActions72h');
    expect((await openTask(t, r.body.id, 'VictimSupportContact')).agency_id).toBe(pt.agencies['victim-support']);
    const logged = await eventually(async () => {
      const rows = await t.runtime.db.query(`SELECT at, case_reference, target, purpose FROM audit_log WHERE partnership_id = 'pt' AND action = 'pathway.transmit-to-prosecutor'`);
      return rows.length > 0 ? rows : undefined;
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ case_reference: r.body.reference, purpose: 'complaint and risk assessment transmitted to the public prosecutor' });
    const done = (await t.runtime.db.query(`SELECT ended_at FROM user_tasks WHERE case_id = $1 AND element_id = 'RvdInitialAssessment'`, [r.body.id]))[0]!;
    // "At once": within the same minute of the clock as the rating.
    expect((logged[0]!.at as Date).getTime() - (done.ended_at as Date).getTime()).toBeLessThan(60_000);
  });
});
