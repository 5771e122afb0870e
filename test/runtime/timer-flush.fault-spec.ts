import { StartInstanceUseCase, type Runtime } from '@app/application';
import { QueueName } from '@app/queue';
import { faultActor, faultEnv, deployFixture, startingRuntime } from './support/fault-env';
import { OwnPostgres, OwnRedis, startOwnPostgres, startOwnRedis, startWorkerProcess, WorkerProcess } from './support/own-servers';

/**
 * FLUSHALL on Redis with 5,000 armed timers: the reconciler sees the queue lost its data,
 * re-arms the wake-ups of every pending timer from PostgreSQL (one per second in which timers
 * fall due), and each timer fires exactly once.
 */
describe('fault: Redis loses every job (FLUSHALL) while 5,000 timers are armed', () => {
  jest.setTimeout(180_000);
  let pg: OwnPostgres;
  let redis: OwnRedis;
  let rt: Runtime;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    rt = await startingRuntime(faultEnv(pg.url, redis.url, 'flush'));
  });

  afterAll(async () => {
    await worker?.stop().catch(() => undefined);
    await rt?.close();
    await redis?.stop();
    await pg?.destroy();
  });

  it('re-arms them all and fires each exactly once', async () => {
    const env = faultEnv(pg.url, redis.url, 'flush');
    const definitionId = await deployFixture(rt, '../../bench/runtime/timer-benchmark.bpmn');
    worker = startWorkerProcess(env);
    await worker.ready;
    const total = 5000;
    const due = rt.clock.now().getTime() + 25_000;
    const start = new StartInstanceUseCase(rt);
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (next < total) {
        const i = next++;
        await start.execute({ actor: faultActor, definitionId, variables: { dueAt: new Date(due + Math.floor(i / 5)).toISOString() } });
      }
    }));
    await rt.relay.drain();
    const queue = rt.queues.get(QueueName.Runtime);
    const [seconds] = await rt.db.query<{ n: string; timers: string }>(
      `SELECT count(DISTINCT ceil(extract(epoch FROM due_at))) AS n, count(*) AS timers FROM timers WHERE status = 'pending'`,
    );
    const wakeUps = Number(seconds?.n);
    expect(Number(seconds?.timers)).toBe(total);
    expect(wakeUps).toBeGreaterThan(0);
    // One wake-up per second of due timers (plus the queue's sentinel), not one job per timer.
    expect(await queue.getDelayedCount()).toBeGreaterThanOrEqual(wakeUps);
    expect(rt.clock.now().getTime()).toBeLessThan(due); // all armed before any is due

    await redis.flushAll();
    expect(await queue.getDelayedCount()).toBe(0);
    // The worker's reconciler notices within its interval and re-arms from the timers table.
    const rearmBy = Date.now() + 15_000;
    while (Date.now() < rearmBy && (await queue.getDelayedCount()) < wakeUps) await new Promise((r) => setTimeout(r, 200));
    expect(rt.clock.now().getTime()).toBeLessThan(due);
    expect(await queue.getDelayedCount()).toBeGreaterThanOrEqual(wakeUps);

    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const fired = Number((await rt.db.query<{ n: string }>(`SELECT count(*) AS n FROM timers WHERE status = 'fired'`))[0]?.n);
      if (fired === total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 2_000)); // a late duplicate would show up here
    const [c] = await rt.db.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM timers WHERE status = 'fired') AS fired,
             (SELECT count(*) FROM instances WHERE status = 'completed') AS completed,
             (SELECT count(*) FROM (SELECT instance_id FROM instance_events WHERE event->>'type' = 'timer-fired' GROUP BY instance_id HAVING count(*) <> 1) x) AS not_once,
             (SELECT count(*) FROM history WHERE element_id = 'Wait' AND transition = 'completed') AS wait_completed`);
    expect({ fired: Number(c?.fired), completed: Number(c?.completed), notOnce: Number(c?.not_once), waitCompleted: Number(c?.wait_completed) })
      .toEqual({ fired: total, completed: total, notOnce: 0, waitCompleted: total });
  });
});
