import request from 'supertest';
import { RetentionScheduler } from '../../apps/worker/src/retention/retention.scheduler';
import { ManualClock } from '../runtime/support/manual.clock';
import { startTestRuntime, type TestRuntime } from '../runtime/support/test-runtime';
import { signInAgain } from '../support/sign-in';
import { buildWorld, canary, referralBody, type World } from './support/access-world';

/**
 * Cases apart from engine state: idempotent intake, encryption at rest, nothing personal in
 * process variables or history, the audited transfer between partnerships, and retention
 * (anonymised by the worker's scheduled job; history and the instance still readable).
 */
describe('cases, intake, transfer and retention', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let t: TestRuntime;
  let w: World;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestRuntime({ backend: 'postgres', clock, env: { AUTH_LOGIN_LIMIT: '1000' } });
    w = await buildWorld(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('takes a repeated or concurrent submission as one referral: one case, one pathway instance', async () => {
    const police = w.actor('p1', 'police-worker');
    const body = { ...referralBody('I1', { children: false }), idempotencyKey: 'idem-repeat-000001' };
    const first = await http().post('/api/referrals').set(police.auth).send(body);
    expect(first.status).toBe(201);
    const again = await http().post('/api/referrals').set(police.auth).send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    const burst = { ...referralBody('I2', { children: false }), idempotencyKey: 'idem-burst-0000001' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => http().post('/api/referrals').set(police.auth).send(burst)));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const rows = await t.runtime.db.query('SELECT count(*)::int AS n FROM instances WHERE business_key = $1', [answers[0]!.body.reference]);
    expect(rows[0]!.n).toBe(1);
  });

  it('routes tasks to agency queues: SPOC and workers reassign within the agency, only a coordinator moves a task to another agency', async () => {
    const c = w.caseOf('A');
    const task = (await t.runtime.db.query(`SELECT id FROM user_tasks WHERE case_id = $1 AND element_id = 'ContactVictim'`, [c.id]))[0]!.id as number;
    const spoc = w.actor('p1', 'idva-spoc');
    const worker = w.actor('p1', 'idva-worker');
    const inbox = await http().get('/api/tasks').query({ queue: 'agency', status: 'open', limit: 200 }).set(spoc.auth);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(task);
    const within = await http().post(`/api/tasks/${task}/reassign`).set(spoc.auth).send({ assignee: worker.userId });
    expect(within.status).toBe(200);
    expect(within.body).toMatchObject({ assignee: worker.userId, agencyId: w.agencies.p1!.idva, caseReference: c.reference });
    const mine = await http().get('/api/tasks').query({ queue: 'mine' }).set(worker.auth);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([task]);
    expect((await http().post(`/api/tasks/${task}/reassign`).set(spoc.auth).send({ assignee: w.actor('p1', 'housing-worker').userId })).status).toBe(400);
    expect((await http().post(`/api/tasks/${task}/reassign`).set(worker.auth).send({ agencyId: w.agencies.p1!.probation })).status).toBe(403);
    expect((await http().post(`/api/tasks/${task}/reassign`).set(w.actor('p1', 'police-worker').auth).send({ assignee: w.actor('p1', 'police-worker').userId })).status).toBe(404);
    const probation = w.actor('p1', 'probation-worker');
    expect((await http().get(`/api/cases/${c.id}`).set(probation.auth)).status).toBe(404);
    const across = await http().post(`/api/tasks/${task}/reassign`).set(w.actor('p1', 'marac-coordinator').auth).send({ agencyId: w.agencies.p1!.probation });
    expect(across.status).toBe(200);
    expect(across.body).toMatchObject({ agencyId: w.agencies.p1!.probation, assignee: null });
    expect((await http().get(`/api/tasks/${task}`).set(worker.auth)).status).toBe(404);
    expect((await http().post(`/api/tasks/${task}/claim`).set(probation.auth)).status).toBe(200);
    const view = await http().get(`/api/cases/${c.id}`).set(probation.auth);
    expect(view.status).toBe(200);
    // Probation's own row plus what the task declares (identity, safe contact, DASH).
    expect(Object.keys(view.body.fields).sort()).toEqual(['children-count', 'dash', 'identity', 'minutes', 'perpetrator', 'safe-contact']);
  });

  it('keeps personal fields encrypted at rest and out of process variables, history and events', async () => {
    const c = w.caseOf('A');
    const raw = JSON.stringify(await t.runtime.db.query('SELECT v.*, c.dash, c.minutes FROM victims v JOIN cases c ON c.id = v.case_id WHERE c.id = $1', [c.id]));
    expect(raw).not.toContain('CANARY-');
    expect(raw).toMatch(/"identity":"v1:[A-Za-z0-9_-]+:/);
    const engine = JSON.stringify(await t.runtime.db.query('SELECT state FROM instances WHERE id = $1', [c.instanceId]))
      + JSON.stringify(await t.runtime.db.query('SELECT * FROM history WHERE instance_id = $1', [c.instanceId]))
      + JSON.stringify(await t.runtime.db.query('SELECT * FROM instance_events WHERE instance_id = $1', [c.instanceId]))
      + JSON.stringify(await t.runtime.db.query('SELECT * FROM audit_log'));
    expect(engine).not.toContain('CANARY-');
    expect(engine).toContain(c.reference);
    // Free text in the decision data is refused before it reaches the engine.
    const bad = { ...referralBody('I3', { children: false }), idempotencyKey: 'idem-badvars-00001', variables: { note: 'Victim lives with her sister' } };
    expect((await http().post('/api/referrals').set(w.actor('p1', 'police-worker').auth).send(bad)).status).toBe(400);
  });

  it('transfers a case to another partnership only explicitly, audited on both sides', async () => {
    const c = w.caseOf('B');
    const p2coord = w.actor('p2', 'marac-coordinator');
    expect((await http().get(`/api/cases/${c.id}`).set(p2coord.auth)).status).toBe(404);
    expect((await http().post(`/api/cases/${c.id}/transfer`).set(w.actor('p1', 'police-spoc').auth).send({ toPartnershipId: 'p2', reason: 'the victim moved to the p2 area' })).status).toBe(403);
    const moved = await http().post(`/api/cases/${c.id}/transfer`).set(w.actor('p1', 'marac-coordinator').auth).send({ toPartnershipId: 'p2', reason: 'the victim moved to the p2 area' });
    expect(moved.status).toBe(201);
    const there = await http().get(`/api/cases/${moved.body.id}`).set(p2coord.auth);
    expect(there.status).toBe(200);
    expect(there.body).toMatchObject({ transferredFrom: c.id, status: 'open' });
    expect(there.body.fields.identity.name).toBe(canary('B', 'identity'));
    expect(there.body.fields.minutes.entries[0].text).toBe(canary('B', 'minutes'));
    expect((await http().get(`/api/cases/${moved.body.id}`).set(w.actor('p2', 'police-worker').auth)).status).toBe(404);
    expect((await http().get(`/api/cases/${c.id}`).set(w.actor('p1', 'marac-coordinator').auth)).body.status).toBe('transferred-out');
    const audit = await t.runtime.db.query(`SELECT partnership_id, action FROM audit_log WHERE action IN ('case.transfer', 'case.transfer.received') AND outcome = 'allowed' ORDER BY id`);
    expect(audit).toEqual([{ partnership_id: 'p1', action: 'case.transfer' }, { partnership_id: 'p2', action: 'case.transfer.received' }]);
  });

  it('anonymises cases closed longer than the retention period; history and the instance stay readable', async () => {
    const c = w.caseOf('A');
    const coord = w.actor('p1', 'marac-coordinator');
    await t.runtime.db.query('UPDATE partnerships SET retention_months = 1 WHERE id = $1', ['p1']);
    expect((await http().post(`/api/cases/${c.id}/close`).set(coord.auth).send({ reason: 'no new incident in twelve months' })).status).toBe(204);
    const scheduler = t.app.get(RetentionScheduler);
    expect(await scheduler.tick()).toBe(0);
    clock.advance(32 * 24 * 3600 * 1000);
    expect(await scheduler.tick()).toBe(2); // A, and B transferred out of p1 above
    expect(await scheduler.tick()).toBe(0);
    const left = await t.runtime.db.query('SELECT (SELECT count(*)::int FROM victims WHERE case_id = $1) AS v, (SELECT count(*)::int FROM perpetrators WHERE case_id = $1) AS p, dash, minutes, anonymised_at FROM cases WHERE id = $1', [c.id]);
    expect(left[0]).toMatchObject({ v: 0, p: 0, dash: null, minutes: null });
    expect(left[0]!.anonymised_at).not.toBeNull();
    // A month later the coordinator signs in again (password and code): the case and its instance still open.
    const again = await signInAgain(t.app, coord.email, coord.secret!, () => clock.now());
    const view = await http().get(`/api/cases/${c.id}`).set(again.auth);
    expect(view.status).toBe(200);
    expect(view.body.fields.identity).toEqual({});
    expect(view.text).not.toContain('CANARY-A-');
    expect(view.body.timeline.length).toBeGreaterThan(0);
    const inst = await http().get(`/api/instances/${c.instanceId}`).set(again.auth);
    expect(inst.status).toBe(200);
    expect(inst.body.businessKey).toBe(c.reference);
    // The transferred copy in p2 keeps its data: p2's own retention clock has not started.
    const p2 = await t.runtime.db.query(`SELECT count(*)::int AS n FROM victims v JOIN cases c ON c.id = v.case_id WHERE c.partnership_id = 'p2' AND c.transferred_from_case_id IS NOT NULL`);
    expect(p2[0]!.n).toBe(1);
    const audit = await t.runtime.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.anonymise' AND case_id = $1`, [c.id]);
    expect(audit[0]!.n).toBe(1);
    // History (references only) is untouched.
    const history = await t.runtime.db.query('SELECT count(*)::int AS n FROM history WHERE instance_id = $1', [c.instanceId]);
    expect(history[0]!.n).toBeGreaterThan(0);
  });
});
