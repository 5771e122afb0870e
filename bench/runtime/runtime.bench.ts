/**
 * npm run bench:runtime [-- --instances 2000 --pool 10 --queue redis|postgres]
 *
 * N referral instances on the real PostgreSQL and Redis (each user task completed as soon as it
 * appears) through the same use cases the API calls, then, in the same run and on the same
 * database, pool size and queue backend: (a) the bare ceiling, transactions of the same shape as
 * an event (lock one row, then as many single-row writes and queue operations as an event makes
 * on average), and (b) bpmn-engine with its state written to PostgreSQL at every wait state.
 * Prints the figures and the ratios. Benchmarks print; they assert nothing.
 */
import 'reflect-metadata';
import { relative, resolve } from 'node:path';
import { Pool } from 'pg';
import {
  Actor, CompleteTaskUseCase, createLogger, createRuntime, DeployDefinitionUseCase, Runtime, StartInstanceUseCase,
} from '@app/application';
import { loadConfig } from '@app/config';
import type { CreatedTask } from '@app/persistence';
import { QueueName } from '@app/queue';
import { arg, argString, benchDatabase, benchmarkXml, fmt, percentile, progress, RateLimiter, standInForAutovacuum } from './bench.util';
import { runBpmnEngineBaseline } from './bpmn-engine-baseline';
import { runCeiling } from './ceiling';

const actor: Actor = { userId: 'bench', partnershipId: 'bench', roles: ['coordinator'] };

interface RunResult {
  instances: number;
  events: number;
  seconds: number;
  latencies: number[];
}

async function runInstances(rt: Runtime, definitionId: number, instances: number, concurrency: number, limiter?: RateLimiter): Promise<RunResult> {
  const start = new StartInstanceUseCase(rt);
  const complete = new CompleteTaskUseCase(rt);
  let next = 0;
  let finished = 0;
  let events = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  async function one(): Promise<void> {
    await limiter?.take();
    const s = await start.execute({ actor, definitionId, variables: {} });
    events++;
    const open: CreatedTask[] = [...s.tasks];
    let status: string;
    while (open.length > 0) {
      const task = open.shift() as CreatedTask;
      await limiter?.take();
      const t = performance.now();
      const r = await complete.execute({ actor, taskId: task.id, variables: task.elementId === 'RiskScoring' ? { score: 20 } : {} });
      open.push(...r.nextTasks);
      status = r.instanceStatus;
      if (open.length === 0 && status === 'active') {
        // The next tasks come after a queue hop (a service task or a timer): wait until they are visible.
        for (;;) {
          const rows = await rt.db.query<{ id: number; element_id: string }>(`SELECT id, element_id FROM user_tasks WHERE instance_id = $1 AND status = 'open'`, [r.instanceId]);
          if (rows.length > 0) {
            open.push(...rows.map((x) => ({ id: x.id, instanceId: r.instanceId, elementInstanceId: 0, elementId: x.element_id })));
            break;
          }
          const st = await rt.db.query<{ status: string }>('SELECT status FROM instances WHERE id = $1', [r.instanceId]);
          if (st[0]?.status !== 'active') break;
          await new Promise((res) => setTimeout(res, 2));
        }
      }
      latencies.push(performance.now() - t);
      events++;
    }
    progress('instances completed', ++finished, instances);
  }
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < instances) {
      next++;
      await one();
    }
  }));
  return { instances, events, seconds: (performance.now() - t0) / 1000, latencies };
}

async function shapeOfAnEvent(rt: Runtime): Promise<{ events: number; writes: number; queueOps: number; stateBytes: number }> {
  const [c] = await rt.db.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM instance_events) AS events,
           (SELECT count(*) FROM history) AS history,
           (SELECT count(*) FROM user_tasks) AS tasks,
           (SELECT count(*) FROM user_tasks WHERE status <> 'open') AS tasks_ended,
           (SELECT count(*) FROM timers) AS timers,
           (SELECT count(*) FROM timers WHERE status <> 'pending') AS timers_ended,
           (SELECT count(*) FROM sla_events) AS sla,
           (SELECT count(*) FROM outbox WHERE job_name NOT IN ('timer.wake', 'service.invoke')) AS other_jobs,
           (SELECT avg(pg_column_size(state)) FROM instances) AS state_bytes`);
  const n = (k: string) => Number(c?.[k] ?? 0);
  const events = n('events');
  // Per event: the instance row, the event row, history rows, task rows (insert, end), timer rows
  // (insert, end) and their outbox rows (insert, delete).
  // (rows, and jobs, of other features on the step's outbox, e.g. notifications, count too).
  const writes = events + events + n('history') + n('tasks') + n('tasks_ended') + n('timers') + n('timers_ended') + n('timers') + n('timers_ended') + n('sla') + n('other_jobs');
  // Queue operations: a delayed job armed per timer, removed when the timer is cancelled; other jobs.
  const queueOps = n('timers') + n('timers_ended') + n('other_jobs');
  return { events, writes: writes / events, queueOps: queueOps / events, stateBytes: n('state_bytes') };
}

async function main(): Promise<void> {
  const instances = arg('instances', 2000);
  const poolSize = arg('pool', 10);
  const backend = argString('queue', 'redis');
  const baselineInstances = arg('baseline-instances', 300);
  const env = process.env;
  const server = env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
  const db = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await benchDatabase(server);
  const prefix = `bench${Date.now().toString(36)}`;
  const config = loadConfig({
    DATABASE_URL: db.url, ...(backend === 'redis' ? { REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
    QUEUE_PREFIX: prefix, DB_POOL_SIZE: String(poolSize), CLOCK_MODE: 'system', LOG_LEVEL: 'warn', WORKFLOWS_DIR: '',
  });
  const rt = await createRuntime(config, { log: createLogger(config, 'bench') });
  const stopVacuuming = await standInForAutovacuum(db.url);
  try {
    const { xml, path } = benchmarkXml();
    const def = await new DeployDefinitionUseCase(rt).execute({ actor, xml });
    console.log(`bench:runtime — fixture ${relative(resolve(__dirname, '../..'), path)}, PostgreSQL pool ${poolSize}, queue backend ${backend}, ${instances} instances`);

    await runInstances(rt, def.id, Math.min(100, instances), poolSize); // warm-up
    await rt.relay.drain();
    // The runtime's pool runs as the application role; the database owner clears the warm-up.
    const owner = new Pool({ connectionString: db.url, max: 1 });
    await owner.query('TRUNCATE instances, instance_events, history, user_tasks, timers, subscriptions, incidents, sla_events, outbox CASCADE');
    await owner.end();

    const peak = await runInstances(rt, def.id, instances, poolSize);
    await rt.relay.drain();
    const peakRate = peak.events / peak.seconds;
    const shape = await shapeOfAnEvent(rt);
    console.log(`\nruntime at peak (${poolSize} concurrent clerks):`);
    console.log(`  completed instances/s  ${fmt(peak.instances / peak.seconds)}`);
    console.log(`  events/s               ${fmt(peakRate)}   (${peak.events} events in ${fmt(peak.seconds, 2)} s)`);
    console.log(`  latency task completed → next tasks visible: p50 ${fmt(percentile(peak.latencies, 50), 2)} ms, p99 ${fmt(percentile(peak.latencies, 99), 2)} ms`);
    console.log(`  an event's shape: ${fmt(shape.writes, 2)} row writes, ${fmt(shape.queueOps, 2)} queue operations, state ${Math.round(shape.stateBytes)} bytes`);

    const half = await runInstances(rt, def.id, Math.max(100, Math.floor(instances / 2)), poolSize * 4, new RateLimiter(peakRate / 2));
    await rt.relay.drain();
    console.log(`\nruntime at half the peak rate (target ${fmt(peakRate / 2)} events/s, achieved ${fmt(half.events / half.seconds)}):`);
    console.log(`  latency task completed → next tasks visible: p50 ${fmt(percentile(half.latencies, 50), 2)} ms, p99 ${fmt(percentile(half.latencies, 99), 2)} ms`);

    const ceilingQueue = rt.queues.get(QueueName.Runtime);
    const ceiling = await runCeiling(db.url, poolSize, shape, 10, ceilingQueue);
    console.log(`\n(a) same-shape transaction ceiling (BEGIN; SELECT … FOR UPDATE; ${Math.round(shape.writes)} single-row writes; COMMIT; ${fmt(shape.queueOps, 2)} queue adds), ${poolSize} connections:`);
    console.log(`  transactions/s         ${fmt(ceiling.tps)}   (p50 ${fmt(percentile(ceiling.latencies, 50), 2)} ms, p99 ${fmt(percentile(ceiling.latencies, 99), 2)} ms)`);

    const pool = new Pool({ connectionString: db.url, max: poolSize });
    const be = await runBpmnEngineBaseline(pool, xml, baselineInstances, poolSize);
    await pool.end();
    const beRate = be.events / be.seconds;
    console.log(`\n(b) bpmn-engine with its state in PostgreSQL at every wait state (${be.instances} instances, ${poolSize} concurrent):`);
    console.log(`  events/s               ${fmt(beRate)}   (p50 ${fmt(percentile(be.latencies, 50), 2)} ms, p99 ${fmt(percentile(be.latencies, 99), 2)} ms)`);

    console.log('\nratios:');
    console.log(`  runtime events/s ÷ same-shape ceiling  ${fmt((peakRate / ceiling.tps) * 100)} %   (target ≥ 60 %)`);
    console.log(`  runtime events/s ÷ bpmn-engine + PG    ${fmt(peakRate / beRate, 2)} ×   (target ≥ 5 ×)`);
    console.log(`  p99 at half the peak rate              ${fmt(percentile(half.latencies, 99), 2)} ms   (target ≤ 50 ms)`);
    for (const q of rt.queues.queues.values()) await q.obliterate({ force: true }).catch(() => undefined);
  } finally {
    await stopVacuuming();
    await rt.close();
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
