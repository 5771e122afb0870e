import { localDate } from '@app/pathways';
import { eventually, type TestRuntime } from '../runtime/support/test-runtime';
import { seedAgency, seedUser, signIn, signInAgain } from '../support/sign-in';
import { fireDueTimers, http, openTask, setUpPartnership, signInAgainAll, startPathwayRuntime, type PathwayPartnership, type Person } from '../pathways/support/pathway-world';
import { SteppedClock } from '../pathways/support/stepped.clock';

/**
 * Domain brief §8, scenarios 19, 20, 21 (the police protective order with proactive contact:
 * Austria and Slovenia) and 23 (Finland's Anchor team and MARAK) end to end: api and worker on
 * the real PostgreSQL and Redis (a database and key prefix of their own), one synthetic
 * partnership per country with its calendar and the template's country variant, people signed
 * in with password and second factor, and an offset clock moved forward through the orders'
 * deadlines (delayed timer jobs promoted when due). One timeline, so the tests run in date order:
 * 23 and 19 from Friday 6 March 2026, 20 to 3 April, 21 from Friday 8 May to 7 July.
 * Deadlines are asserted against the order's issue time and on the local day and hour of the
 * partnership's time zone, never against the wall clock. Synthetic data only.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const localHour = (at: Date, tz: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(at));
const local = (at: Date, tz: string) => `${localDate(at, tz)} ${String(localHour(at, tz)).padStart(2, '0')}h`;

interface Case { id: string; reference: string; instanceId: number }

describe('protective order (AT, SI) and Anchor/MARAK (FI) scenarios 19, 20, 21, 23 (api + worker, PostgreSQL + Redis, offset clock)', () => {
  jest.setTimeout(240_000);
  const clock = new SteppedClock('2026-03-06T09:00:00Z'); // a Friday: 10:00 in Vienna, 11:00 in Helsinki
  let t: TestRuntime;
  let at: PathwayPartnership;
  let si: PathwayPartnership;
  let fi: PathwayPartnership;
  const cases: Record<string, Case> = {};
  const issuedAt: Record<string, number> = {};
  /** People of the countries' own agencies, signed in like the partnership's. */
  const extra: Person[] = [];

  const api = () => http(t);
  async function person(p: PathwayPartnership, key: string, agency: string, roles: string[]): Promise<void> {
    const email = `${key}.${p.id}@example.test`;
    const u = await seedUser(t.runtime.db.pool, { partnershipId: p.id, agencyId: p.agencies[agency]!, roles, email });
    const s = await signIn(t.app, email, () => t.runtime.clock.now());
    const who: Person = { key, id: u.id, email, ...(s.secret ? { secret: s.secret } : {}), auth: s.auth };
    p.people[key] = who;
    extra.push(who);
  }
  async function jump(to: number | string, ...partnerships: PathwayPartnership[]) {
    clock.jumpTo(new Date(to));
    for (const p of partnerships) await signInAgainAll(t, p);
    for (const x of extra) x.auth = (await signInAgain(t.app, x.email, x.secret!, () => t.runtime.clock.now())).auth;
    await fireDueTimers(t);
  }
  const referral = (key: string, pathway: string) => ({
    idempotencyKey: `scenario-${key}-000001`, pathway, consent: 'not-sought', lawfulBasis: 'public task', sharingPurpose: 'victim protection after a police order', adequateRelevantLimited: true,
    victim: { identity: { givenNames: ['Synthia'], surname: `Ordnung${key}`, dateOfBirth: '1990-01-01' } },
    perpetrators: [{ givenNames: ['Perry'], surname: `Verbot${key}`, dateOfBirth: '1985-01-01' }],
    children: [],
    dashScore: 12,
  });
  async function refer(p: PathwayPartnership, key: string, pathway: string) {
    const res = await api().post('/api/intake/referrals').set(p.people['police-worker']!.auth).send(referral(key, pathway));
    expect({ key, status: res.status }).toEqual({ key, status: 201 });
    cases[key] = res.body;
    return res.body as Case;
  }
  async function complete(p: PathwayPartnership, who: string, key: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTask(t, cases[key]!.id, elementId);
    const res = await api().post(`/api/tasks/${task.id}/complete`).set(p.people[who]!.auth).send({ variables });
    expect({ elementId, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ elementId, status: 200, body: null });
    return task;
  }
  /** The order's registration: the order counts from here (`orderIssuedAt`). */
  async function register(p: PathwayPartnership, key: string, variables: Record<string, unknown>) {
    await complete(p, 'police-worker', key, 'RegisterOrder', variables);
    const v = await variables_(key);
    issuedAt[key] = Date.parse(String(v.orderIssuedAt));
  }
  const variables_ = async (key: string) => ((await t.runtime.db.query('SELECT state FROM instances WHERE id = $1', [cases[key]!.instanceId]))[0]!.state as { variables: Record<string, unknown> }).variables;
  const timers = (key: string, elementId: string, status = 'pending') => t.runtime.db.query<{ due_at: Date; status: string }>(
    `SELECT due_at, status FROM timers WHERE instance_id = $1 AND element_id = $2 AND status = $3 ORDER BY id`, [cases[key]!.instanceId, elementId, status],
  );
  const openTasks = (key: string, elementId: string) => t.runtime.db.query<{ id: number; agency_id: string | null; due_at: Date | null; created_at: Date }>(
    `SELECT id, agency_id, due_at, created_at FROM user_tasks WHERE case_id = $1 AND element_id = $2 AND status = 'open' ORDER BY id`, [cases[key]!.id, elementId],
  );
  const passed = async (key: string, elementId: string) => (await t.runtime.db.query(
    `SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND element_id = $2 AND transition = 'completed'`, [cases[key]!.instanceId, elementId],
  ))[0]!.n as number;

  beforeAll(async () => {
    t = await startPathwayRuntime('redis', clock);
    at = await setUpPartnership(t, { id: 'sc-at', timeZone: 'Europe/Vienna', calendar: { country: 'AT', dueHour: 17 }, parameters: { 'protective-order-proactive': { variant: 'AT' } }, deploy: ['protective-order-proactive'] });
    si = await setUpPartnership(t, { id: 'sc-si', timeZone: 'Europe/Ljubljana', calendar: { country: 'SI', dueHour: 17 }, parameters: { 'protective-order-proactive': { variant: 'SI' } }, deploy: ['protective-order-proactive'] });
    fi = await setUpPartnership(t, { id: 'sc-fi', timeZone: 'Europe/Helsinki', calendar: { country: 'FI', dueHour: 16 }, parameters: { 'anchor-team-fi': { variant: 'FI' } }, deploy: ['anchor-team-fi'] });
    const db = t.runtime.db.pool;
    for (const [code, type] of [['gewaltschutzzentrum', 'ngo-refuge'], ['child-welfare', 'children-social-work'], ['security-authority', 'police'], ['violence-prevention-counselling', 'other']] as const) at.agencies[code] = await seedAgency(db, 'sc-at', code, type);
    for (const [code, type] of [['social-work-centre', 'other'], ['security-authority', 'other']] as const) si.agencies[code] = await seedAgency(db, 'sc-si', code, type);
    for (const [code, type] of [['anchor-team', 'other'], ['marak', 'other']] as const) fi.agencies[code] = await seedAgency(db, 'sc-fi', code, type);
    await person(fi, 'anchor-worker', 'anchor-team', ['agency-worker']);
    await person(fi, 'marak-worker', 'marak', ['agency-worker']);

    // Given two Austrian barring orders issued and registered by the police on Friday 6 March 2026.
    for (const key of ['ORDER19', 'ORDER20']) {
      await refer(at, key, 'protective-order-proactive');
      await register(at, key, { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('scenario 23: FI MARAK without the victim\'s consent — the MARAK path is blocked (no task, no data to MARAK) and other support is offered', async () => {
    async function toConsent(key: string, consent: boolean) {
      await refer(fi, key, 'anchor-team-fi');
      await complete(fi, 'anchor-worker', key, 'TeamReview', { riskScore: 17, childrenInHousehold: 0 });
      await complete(fi, 'anchor-worker', key, 'InviteClientMeeting', { meetingAgreed: true });
      await complete(fi, 'anchor-worker', key, 'AssessSituation', { supportNeeds: ['safety', 'housing'] });
      await complete(fi, 'anchor-worker', key, 'ServiceGuidance', { servicesOffered: ['victim-support'] });
      // High risk: the consent is asked first.
      await complete(fi, 'anchor-worker', key, 'AskMarakConsent', { marakConsent: consent });
    }
    await toConsent('FI-NO', false);
    const offer = await openTask(t, cases['FI-NO']!.id, 'OfferOtherSupport');
    expect(offer.agency_id).toBe(fi.agencies['anchor-team']);
    expect(await passed('FI-NO', 'Marak')).toBe(0);
    expect(await t.runtime.db.query(`SELECT id FROM user_tasks WHERE case_id = $1 AND element_id IN ('PrepareMarak', 'HoldMarak')`, [cases['FI-NO']!.id])).toEqual([]);
    // No data reaches MARAK: no share, and its people cannot open the case.
    const shares = await t.runtime.db.query('SELECT agency_id FROM case_shares WHERE case_id = $1 AND revoked_at IS NULL', [cases['FI-NO']!.id]);
    expect(shares.map((s) => s.agency_id)).not.toContain(fi.agencies.marak);
    expect((await api().get(`/api/cases/${cases['FI-NO']!.id}`).set(fi.people['marak-worker']!.auth)).status).toBe(404);
    const inbox = await api().get('/api/tasks').set(fi.people['marak-worker']!.auth).query({ status: 'open', limit: 200 });
    expect(inbox.text).not.toContain(cases['FI-NO']!.reference);
    // Other support offered, then the Anchor team closes or refers onward.
    await complete(fi, 'anchor-worker', 'FI-NO', 'OfferOtherSupport', { supportOffered: 'victim-support' });
    await openTask(t, cases['FI-NO']!.id, 'ReferOnwardOrClose');
    // With consent the same case goes to MARAK, whose coordinator prepares it.
    await toConsent('FI-YES', true);
    const prepare = await openTask(t, cases['FI-YES']!.id, 'PrepareMarak');
    expect(prepare.agency_id).toBe(fi.agencies.marak);
    expect((await api().get(`/api/cases/${cases['FI-YES']!.id}`).set(fi.people['marak-worker']!.auth)).status).toBe(200);
  });

  it('scenario 19: AT order issued on a Friday → the authority review is due within 3 days (Monday, not 3 working days), its handling escalates before the deadline; the perpetrator\'s 5-day counselling contact missed → police summons task', async () => {
    const TZ = 'Europe/Vienna';
    const issued = issuedAt.ORDER19!;
    expect(local(new Date(issued), TZ)).toBe('2026-03-06 10h'); // Friday
    const [review] = await openTasks('ORDER19', 'AuthorityReview');
    expect(review!.agency_id).toBe(at.agencies['security-authority']);
    // The legal deadline: 3 days in calendar time, Monday 9 March at the hour of the order.
    const [deadline] = await timers('ORDER19', 'ReviewDeadline');
    expect(deadline!.due_at.getTime() - issued).toBe(3 * DAY);
    expect(local(deadline!.due_at, TZ)).toBe('2026-03-09 10h');
    // The authority's task is due before it (24 hours), and its escalations all come before it too.
    expect(review!.due_at!.getTime() - issued).toBe(24 * HOUR);
    expect(review!.due_at!.getTime()).toBeLessThan(deadline!.due_at.getTime());
    await jump(issued + 24 * HOUR + 1_000, at);
    await jump(issued + 36 * HOUR + 1_000, at);
    await jump(issued + 48 * HOUR + 1_000, at);
    const rows = await t.runtime.db.query(`SELECT kind, escalate_to, raised_at, agency_id FROM sla_escalations WHERE case_id = $1 AND element_id = 'AuthorityReview' ORDER BY COALESCE(step, -1), id`, [cases.ORDER19!.id]);
    expect(rows.map((r) => `${r.kind}:${r.escalate_to ?? '-'}@${local(r.raised_at as Date, TZ)}`)).toEqual([
      'breach:-@2026-03-07 10h', 'escalation:agency-spoc@2026-03-07 10h', 'escalation:pathway-coordinator@2026-03-07 22h', 'escalation:partnership-coordinator@2026-03-08 10h',
    ]);
    for (const r of rows) expect((r.raised_at as Date).getTime()).toBeLessThan(deadline!.due_at.getTime());
    expect(rows.every((r) => r.agency_id === at.agencies['security-authority'])).toBe(true);
    // At the deadline, still not reviewed: the deadline alert goes out (logged).
    await jump(issued + 3 * DAY + 1_000, at);
    expect((await timers('ORDER19', 'ReviewDeadline', 'fired'))).toHaveLength(1);
    const alert = await eventually(async () => (await t.runtime.db.query(`SELECT at FROM audit_log WHERE action = 'pathway.notify-review-deadline' AND case_id = $1`, [cases.ORDER19!.id]))[0]);
    expect(localDate(alert.at as Date, TZ)).toBe('2026-03-09');

    // The perpetrator track: ORDER20's perpetrator contacts counselling on Monday, ORDER19's does not.
    const [contact] = await timers('ORDER19', 'ContactDeadline');
    expect(contact!.due_at.getTime() - issued).toBe(5 * DAY);
    expect(local(contact!.due_at, TZ)).toBe('2026-03-11 10h'); // Wednesday
    const told = await api().post('/api/messages').set(at.people['marac-coordinator']!.auth).send({ name: 'PerpetratorContactedCounselling', correlationKey: cases.ORDER20!.reference, variables: {} });
    expect(told.status).toBe(200);
    await jump(issued + 5 * DAY - 60_000, at);
    expect(await openTasks('ORDER19', 'PoliceSummons')).toEqual([]);
    await jump(issued + 5 * DAY + 1_000, at);
    const [summons] = await openTasks('ORDER19', 'PoliceSummons');
    expect(summons!.agency_id).toBe(at.agencies.police);
    expect(summons!.created_at.getTime() - (issued + 5 * DAY)).toBeLessThan(60_000);
    expect(local(summons!.due_at!, TZ)).toBe('2026-03-13 17h'); // 2 working days: Friday 17:00
    expect(await openTasks('ORDER20', 'PoliceSummons')).toEqual([]);
    const waiting = await t.runtime.db.query(`SELECT name FROM subscriptions WHERE instance_id = $1 AND kind = 'message' AND status = 'open' ORDER BY name`, [cases.ORDER20!.instanceId]);
    expect(waiting.map((s) => s.name)).toContain('FirstCounsellingSessionHeld');
    // The police officer serves the summons.
    expect((await api().post(`/api/tasks/${summons!.id}/complete`).set(at.people['police-worker']!.auth).send({ variables: { summonsServed: true, fineIssued: false } })).status).toBe(200);
  });

  it('scenario 20: AT civil injunction filed on day 10 moves the order\'s end from day 14 to day 28', async () => {
    const TZ = 'Europe/Vienna';
    const issued = issuedAt.ORDER20!;
    const endOf = async (key: string) => Date.parse(String((await variables_(key)).orderEndsAt));
    expect(Math.abs((await endOf('ORDER20')) - (issued + 14 * DAY))).toBeLessThan(1_000);
    const [expires] = await timers('ORDER20', 'OrderExpires');
    expect(localDate(expires!.due_at, TZ)).toBe('2026-03-20'); // day 14
    // Day 10 (Monday 16 March): the victim files for a civil interim injunction.
    await jump(issued + 10 * DAY, at);
    const filed = await api().post('/api/messages').set(at.people['marac-coordinator']!.auth).send({ name: 'OrderExtended', correlationKey: cases.ORDER20!.reference, variables: { extensionKind: 'civil-injunction' } });
    expect(filed.status).toBe(200);
    expect(Math.abs((await endOf('ORDER20')) - (issued + 28 * DAY))).toBeLessThan(1_000);
    expect(await timers('ORDER20', 'OrderExpires')).toEqual([]);
    const [extended] = await timers('ORDER20', 'ExtendedOrderExpires');
    expect(extended!.due_at.getTime() - issued).toBe(28 * DAY);
    expect(localDate(extended!.due_at, TZ)).toBe('2026-04-03'); // day 28
    // Day 14 passes: ORDER19 (no injunction) ends, ORDER20 stays in force.
    await jump(issued + 14 * DAY + 1_000, at);
    expect(await passed('ORDER19', 'OrderExpires')).toBe(1);
    expect(await passed('ORDER20', 'MergeOrderEnd')).toBe(0);
    expect(await timers('ORDER20', 'ExtendedOrderExpires')).toHaveLength(1);
    // Day 28: it ends.
    await jump(issued + 28 * DAY - 60_000, at);
    expect(await passed('ORDER20', 'MergeOrderEnd')).toBe(0);
    await jump(issued + 28 * DAY + 1_000, at);
    expect(await passed('ORDER20', 'ExtendedOrderExpires')).toBe(1);
    expect(await passed('ORDER20', 'MergeOrderEnd')).toBe(1);
  });

  it('scenario 21: SI police order → the social work centre is notified at once; the judge extends it to 15 days, the victim\'s request to 60', async () => {
    const TZ = 'Europe/Ljubljana';
    await jump('2026-05-08T08:00:00Z', si); // Friday 10:00 in Ljubljana
    await refer(si, 'ORDER21', 'protective-order-proactive');
    await register(si, 'ORDER21', { childrenInHousehold: 0, victimConsentToReferral: false, riskLevel: 'elevated' });
    const issued = issuedAt.ORDER21!;
    // At once: the social work centre is notified (logged) and its proactive contact task is open.
    const notified = await eventually(async () => (await t.runtime.db.query(`SELECT at, purpose FROM audit_log WHERE action = 'pathway.notify-victim-service' AND case_id = $1`, [cases.ORDER21!.id]))[0]);
    expect(notified.purpose).toBe('victim service notified');
    expect((notified.at as Date).getTime() - issued).toBeLessThan(60_000);
    const contact = await openTask(t, cases.ORDER21!.id, 'ProactiveContact');
    expect(contact.agency_id).toBe(si.agencies['social-work-centre']);
    const [contactRow] = await openTasks('ORDER21', 'ProactiveContact');
    expect(contactRow!.created_at.getTime() - issued).toBeLessThan(60_000);
    // A 48-hour order, reviewed by the judge within 48 hours.
    expect((await timers('ORDER21', 'OrderExpires'))[0]!.due_at.getTime() - issued).toBe(48 * HOUR);
    expect((await timers('ORDER21', 'ReviewDeadline'))[0]!.due_at.getTime() - issued).toBe(48 * HOUR);
    // Saturday: the investigating judge extends it to 15 days.
    await jump(issued + 24 * HOUR, si);
    const judge = await api().post('/api/messages').set(si.people['marac-coordinator']!.auth).send({ name: 'OrderExtended', correlationKey: cases.ORDER21!.reference, variables: { extensionKind: 'judge' } });
    expect(judge.status).toBe(200);
    const endOf = async () => Date.parse(String((await variables_('ORDER21')).orderEndsAt));
    expect(Math.abs((await endOf()) - (issued + 15 * DAY))).toBeLessThan(1_000);
    expect(await timers('ORDER21', 'OrderExpires')).toEqual([]);
    await jump(issued + 48 * HOUR + 1_000, si);
    expect(await passed('ORDER21', 'MergeOrderEnd')).toBe(0); // not over after 48 hours
    // Day 10, within the 15 days: the victim asks for 60 days.
    await jump(issued + 10 * DAY, si);
    const victim = await api().post('/api/messages').set(si.people['marac-coordinator']!.auth).send({ name: 'OrderExtended', correlationKey: cases.ORDER21!.reference, variables: { extensionKind: 'victim-request' } });
    expect(victim.status).toBe(200);
    expect(Math.abs((await endOf()) - (issued + 60 * DAY))).toBeLessThan(1_000);
    const pending = await timers('ORDER21', 'ExtendedOrderExpires');
    expect(pending.map((x) => x.due_at.getTime() - issued)).toEqual([60 * DAY]);
    expect(localDate(pending[0]!.due_at, TZ)).toBe('2026-07-07');
    // Day 15 passes in force; day 60 ends it.
    await jump(issued + 15 * DAY + 1_000, si);
    expect(await passed('ORDER21', 'MergeOrderEnd')).toBe(0);
    await jump(issued + 60 * DAY + 1_000, si);
    expect(await passed('ORDER21', 'MergeOrderEnd')).toBe(1);
  });
});
