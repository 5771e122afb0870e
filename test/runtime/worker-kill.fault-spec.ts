import { StartInstanceUseCase, type Runtime } from '@app/application';
import { faultActor, faultEnv, deployFixture, historyProblems, startingRuntime } from './support/fault-env';
import { OwnPostgres, OwnRedis, startOwnPostgres, startOwnRedis, startWorkerProcess, WorkerProcess } from './support/own-servers';

/**
 * kill -9 of the worker at random points while 2,000 instances run through it (two service
 * tasks and a timer each): none is lost, none has a repeated or missing transition, and all
 * complete once a worker runs again.
 */
describe('fault: the worker is killed with SIGKILL at random points', () => {
  jest.setTimeout(240_000);
  let pg: OwnPostgres;
  let redis: OwnRedis;
  let rt: Runtime;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    env = faultEnv(pg.url, redis.url);
    rt = await startingRuntime(env);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    await rt?.close();
    await redis?.stop();
    await pg?.destroy();
  });

  it('loses nothing and repeats nothing', async () => {
    const definitionId = await deployFixture(rt, 'fixtures/auto-flow.bpmn');
    let worker = startWorkerProcess(env);
    workers.push(worker);
    await worker.ready;
    const start = new StartInstanceUseCase(rt);
    const total = 2000;
    let next = 0;
    const starting = Promise.all(Array.from({ length: 8 }, async () => {
      while (next < total) {
        next++;
        await start.execute({ actor: faultActor, definitionId, businessKey: `F-${next}` });
      }
    }));
    // Kill the worker at random moments while instances start and run, restarting it each time.
    let kills = 0;
    const seed = Date.now() % 1000;
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 700 + ((seed * (i + 7)) % 1300)));
      await worker.kill9();
      kills++;
      worker = startWorkerProcess(env);
      workers.push(worker);
    }
    await starting;
    await rt.relay.drain();
    // As a supervisor would: a worker that died before it was ready (on a loaded machine its
    // connections can time out while it starts) is started again.
    for (let tries = 0; tries < 3; tries++) {
      if (await worker.ready.then(() => true, () => false)) break;
      worker = startWorkerProcess(env);
      workers.push(worker);
    }
    const deadline = Date.now() + 150_000;
    let done = 0;
    while (Date.now() < deadline) {
      done = Number((await rt.db.query<{ n: string }>(`SELECT count(*) AS n FROM instances WHERE status = 'completed'`))[0]?.n);
      if (done === total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(kills).toBe(6);
    expect(Number((await rt.db.query<{ n: string }>('SELECT count(*) AS n FROM instances'))[0]?.n)).toBe(total);
    expect(done).toBe(total);
    expect(await historyProblems(rt)).toEqual({ gaps: 0, repeats: 0, trails: 1 });
    // Each instance took exactly its four events: start, service, timer, service.
    const perInstance = await rt.db.query<{ n: string; c: string }>('SELECT n, count(*) AS c FROM (SELECT count(*) AS n FROM instance_events GROUP BY instance_id) x GROUP BY n');
    expect(perInstance.map((r) => [Number(r.n), Number(r.c)])).toEqual([[4, total]]);
  });
});
