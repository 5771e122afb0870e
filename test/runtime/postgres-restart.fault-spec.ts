import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { faultEnv } from './support/fault-env';
import { OwnPostgres, OwnRedis, startOwnPostgres, startOwnRedis, startWorkerProcess, WorkerProcess } from './support/own-servers';
import { startTestRuntime, TestRuntime } from './support/test-runtime';

/**
 * PostgreSQL restarted in the middle of a run: meanwhile the API answers 503 (problem+json),
 * never 500; afterwards every instance completes.
 */
describe('fault: PostgreSQL restarts mid-run', () => {
  jest.setTimeout(180_000);
  let pg: OwnPostgres;
  let redis: OwnRedis;
  let t: TestRuntime;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    const env = faultEnv(pg.url, redis.url, 'pgrestart');
    t = await startTestRuntime({ backend: 'redis', databaseUrl: pg.url, withWorker: false, env });
    worker = startWorkerProcess(env);
    await worker.ready;
  });

  afterAll(async () => {
    await worker?.stop().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await redis?.stop();
    await pg?.destroy();
  });

  it('answers 503 while it is down and completes every instance after', async () => {
    const http = () => request(t.app.getHttpServer());
    const auth = t.as('dev-user');
    const xml = readFileSync(join(__dirname, 'fixtures/auto-flow.bpmn'), 'utf8');
    const deployed = await http().post('/api/definitions').set(auth).set('Content-Type', 'application/xml').send(xml);
    expect(deployed.status).toBe(201);
    const total = 300;
    for (let i = 0; i < total; i++) {
      const r = await http().post('/api/instances').set(auth).send({ key: 'auto_flow' });
      expect(r.status).toBe(201);
    }
    // Mid-run: some instances are done, the rest wait in the queue or on their timer.
    const before = Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM instances WHERE status = 'completed'`))[0]?.n);
    expect(before).toBeLessThan(total);

    await pg.stop();
    const down = await Promise.all([
      http().get('/api/health').set(auth),
      http().post('/api/instances').set(auth).send({ key: 'auto_flow' }),
      http().get('/api/instances').set(auth),
      http().get('/api/tasks').set(auth),
    ]);
    for (const res of down) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/(problem\+)?json/);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    await pg.start();

    const deadline = Date.now() + 120_000;
    let health = 0;
    while (Date.now() < deadline && health !== 200) {
      health = (await http().get('/api/health').set(auth)).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health).toBe(200);
    let completed = 0;
    while (Date.now() < deadline) {
      completed = Number((await t.runtime.db.query<{ n: string }>(`SELECT count(*) AS n FROM instances WHERE status = 'completed'`))[0]?.n);
      if (completed === total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(completed).toBe(total);
    const [h] = await t.runtime.db.query<{ repeats: string }>(`SELECT count(*) AS repeats FROM (SELECT 1 FROM history GROUP BY instance_id, element_id, element_instance_id, transition HAVING count(*) > 1) d`);
    expect(Number(h?.repeats)).toBe(0);
  });
});
