import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { BpmnError } from '@app/application';
import { Backend, eventually, startTestRuntime, TestRuntime } from './support/test-runtime';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.bpmn`), 'utf8');

/**
 * The API and the worker together on one backend: deploy, start, tasks, timers, services,
 * messages, call activities, incidents and the error format.
 */
export function defineApiSuite(backend: Backend): void {
  describe(`runtime over the API (${backend} queue backend)`, () => {
    jest.setTimeout(60_000);
    let t: TestRuntime;
    let http: ReturnType<typeof request.agent>;
    const flaky = { failing: true, calls: 0 };
    const refuge = { full: true };

    beforeAll(async () => {
      t = await startTestRuntime({
        backend,
        services: (r) => {
          r.register('test-flaky', async () => {
            flaky.calls++;
            if (flaky.failing) throw new Error('the partner system is down');
            return { flakyDone: true };
          });
          r.register('test-refuge', async () => {
            if (refuge.full) throw new BpmnError('NO_CAPACITY', 'no refuge space');
            return {};
          });
        },
      });
      // Signed in as dev-user by default; `.set(t.as('alice'))` acts as someone else.
      http = request.agent(t.app.getHttpServer()).set(t.as('dev-user'));
    });

    afterAll(async () => {
      await t?.close();
    });

    const api = () => http;
    async function deploy(name: string) {
      const res = await api().post('/api/definitions').attach('file', Buffer.from(fixture(name)), `${name}.bpmn`);
      expect([200, 201]).toContain(res.status);
      return res.body as { id: number; key: string; version: number; created: boolean };
    }
    async function openTasks(instanceId: number) {
      const res = await api().get('/api/tasks').query({ instanceId, status: 'open' });
      expect(res.status).toBe(200);
      return res.body.items as { id: number; elementId: string; assignee: string | null }[];
    }
    async function waitForTask(instanceId: number, elementId: string) {
      return eventually(async () => (await openTasks(instanceId)).find((x) => x.elementId === elementId));
    }

    it('reports health of the database and the queue', async () => {
      const res = await api().get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'up', queue: 'up', queueBackend: backend });
    });

    it('serves the OpenAPI document', async () => {
      const res = await api().get('/api/docs/json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/definitions', '/api/instances', '/api/tasks/{id}/complete', '/api/messages', '/api/incidents/{id}/retry', '/api/health']));
    });

    it('deploys versions only when the file changed, by multipart or raw XML', async () => {
      const first = await deploy('referral-small');
      expect(first).toMatchObject({ key: 'referral_small', version: 1, created: true });
      const again = await api().post('/api/definitions').set('Content-Type', 'application/xml').send(fixture('referral-small'));
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ id: first.id, version: 1, created: false });
      const changed = await api().post('/api/definitions').set('Content-Type', 'application/xml').send(fixture('referral-small').replace('Small referral', 'Small referral (v2)'));
      expect(changed.body).toMatchObject({ key: 'referral_small', version: 2, created: true });
      const list = await api().get('/api/definitions').query({ key: 'referral_small', limit: 1 });
      expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(list.body.items[0].version).toBe(2);
      const xml = await api().get(`/api/definitions/${first.id}/xml`);
      expect(xml.status).toBe(200);
      expect(xml.headers['content-type']).toMatch(/application\/xml/);
      expect(xml.text).toBe(fixture('referral-small'));
    });

    it('rejects a bad BPMN file with 422 and the compile problems as problem+json', async () => {
      const res = await api().post('/api/definitions').set('Content-Type', 'application/xml').send('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="nowhere"/></bpmn:process></bpmn:definitions>');
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: 'compile-failed' });
      expect(res.body.problems.length).toBeGreaterThan(0);
    });

    it('runs a referral end to end: task, output validation, service, timer, task, completion', async () => {
      const started = await api().post('/api/instances').send({ key: 'referral_small', businessKey: 'REF-0001' });
      expect(started.status).toBe(201);
      const id = started.body.id as number;
      expect(started.body.tasks).toEqual([expect.objectContaining({ elementId: 'triage' })]);
      const triage = started.body.tasks[0].id as number;

      const bad = await api().post(`/api/tasks/${triage}/complete`).send({ variables: { riskLevel: 'extreme' } });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('invalid-output');
      const missing = await api().post(`/api/tasks/${triage}/complete`).send({ variables: {} });
      expect(missing.status).toBe(422);

      const done = await api().post(`/api/tasks/${triage}/complete`).send({ variables: { riskLevel: 'high' } });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ instanceId: id, instanceStatus: 'active' });
      const again = await api().post(`/api/tasks/${triage}/complete`).send({ variables: { riskLevel: 'high' } });
      expect(again.status).toBe(409);

      const plan = await waitForTask(id, 'plan');
      const fin = await api().post(`/api/tasks/${plan.id}/complete`).send({});
      expect(fin.body.instanceStatus).toBe('completed');

      const inst = await api().get(`/api/instances/${id}`);
      expect(inst.body).toMatchObject({ id, status: 'completed', businessKey: 'REF-0001' });
      const history = inst.body.history as { seq: number; elementId: string; transition: string }[];
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      const trail = history.filter((h) => h.transition === 'completed').map((h) => h.elementId);
      expect(trail).toEqual(expect.arrayContaining(['triage', 'notify', 'wait', 'plan', 'end']));
      const timers = await t.runtime.db.query('SELECT purpose, status FROM timers WHERE instance_id = $1 ORDER BY id', [id]);
      expect(timers.filter((x) => x.purpose === 'event')).toEqual([{ purpose: 'event', status: 'fired' }]);
      expect(timers.filter((x) => x.purpose === 'sla').every((x) => x.status === 'cancelled')).toBe(true);
      // Every runtime job was applied (notification jobs belong to the notifications feature).
      expect(await t.runtime.db.query(`SELECT job_id FROM outbox WHERE instance_id = $1 AND job_name NOT LIKE 'notification.%'`, [id])).toEqual([]);
    });

    it('claims, refuses a second claimant, hands back', async () => {
      const started = await api().post('/api/instances').send({ key: 'referral_small' });
      const task = started.body.tasks[0].id as number;
      const claim = await api().post(`/api/tasks/${task}/claim`).set(t.as('alice'));
      expect(claim.status).toBe(200);
      expect(claim.body.assignee).toBe('alice');
      expect((await api().post(`/api/tasks/${task}/claim`).set(t.as('bob'))).status).toBe(409);
      expect((await api().post(`/api/tasks/${task}/complete`).set(t.as('bob')).send({ variables: { riskLevel: 'high' } })).status).toBe(409);
      expect((await api().post(`/api/tasks/${task}/unclaim`).set(t.as('bob'))).status).toBe(409);
      const back = await api().post(`/api/tasks/${task}/unclaim`).set(t.as('alice'));
      expect(back.body.assignee).toBeNull();
      expect((await api().post(`/api/tasks/${task}/claim`).set(t.as('bob'))).status).toBe(200);
    });

    it('cancels an instance once', async () => {
      const started = await api().post('/api/instances').send({ key: 'referral_small' });
      const id = started.body.id;
      const res = await api().post(`/api/instances/${id}/cancel`).send({ reason: 'withdrawn' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('terminated');
      expect((await api().post(`/api/instances/${id}/cancel`).send({})).status).toBe(409);
      expect(await openTasks(id)).toEqual([]);
      const listed = await api().get('/api/instances').query({ status: 'terminated' });
      expect(listed.body.items.map((i: { id: number }) => i.id)).toContain(id);
    });

    it('correlates a message by name and correlation key', async () => {
      await deploy('message-wait');
      const a = (await api().post('/api/instances').send({ key: 'message_wait', variables: { caseRef: 'C-1' } })).body.id;
      const b = (await api().post('/api/instances').send({ key: 'message_wait', variables: { caseRef: 'C-2' } })).body.id;
      const res = await api().post('/api/messages').send({ name: 'consent-received', correlationKey: 'C-2', variables: { consent: true } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ instanceId: b, started: false });
      await waitForTask(b, 'review');
      expect(await openTasks(a)).toEqual([]);
      const none = await api().post('/api/messages').send({ name: 'consent-received', correlationKey: 'C-9' });
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('no-subscription');
    });

    it('retries a failing service, raises an incident, and retries it through the API', async () => {
      await deploy('service-outcomes');
      flaky.failing = true;
      refuge.full = true;
      const id = (await api().post('/api/instances').send({ key: 'service_outcomes' })).body.id;
      const incident = await eventually(async () => (await api().get('/api/incidents').query({ instanceId: id, status: 'open' })).body.items[0], 20_000);
      expect(incident).toMatchObject({ elementId: 'flaky', kind: 'service-failed' });
      expect(flaky.calls).toBeGreaterThanOrEqual(2);
      flaky.failing = false;
      const retry = await api().post(`/api/incidents/${incident.id}/retry`).send({});
      expect(retry.status).toBe(200);
      // The refuge handler throws a BPMN error: the boundary takes it to a user task.
      await waitForTask(id, 'find-other');
      const resolved = await api().get('/api/incidents').query({ instanceId: id, status: 'resolved' });
      expect(resolved.body.total).toBe(1);
    });

    it('runs a call activity: child instance, then the parent continues', async () => {
      await deploy('call-child');
      const parent = (await api().post('/api/instances').send({ key: 'call_parent' })).body.id;
      const child = await eventually(async () => (await api().get('/api/instances').query({ processId: 'call_child' })).body.items.find((i: { parentInstanceId: number }) => i.parentInstanceId === parent));
      const childTask = await waitForTask(child.id, 'c-task');
      await api().post(`/api/tasks/${childTask.id}/complete`).send({});
      await waitForTask(parent, 'after');
    });

    it('validates every input: unknown fields, bad ids, bad queries', async () => {
      const extra = await api().post('/api/instances').send({ key: 'referral_small', hack: 1 });
      expect(extra.status).toBe(400);
      expect(extra.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await api().get('/api/instances/abc')).status).toBe(400);
      expect((await api().get('/api/tasks').query({ limit: 1000 })).status).toBe(400);
      expect((await api().get('/api/instances/999999')).status).toBe(404);
      expect((await api().post('/api/instances').send({ key: 'nope' })).status).toBe(404);
    });
  });
}
