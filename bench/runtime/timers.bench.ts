/**
 * npm run bench:timers [-- --armed 100000 --burst 10000 --queue redis|postgres]
 *
 * Arms 100,000 timers (instances waiting on a timer three months away) and reports the memory of
 * a separate worker process as they pile up; then lets 10,000 timers fall due within the same
 * second and reports the firing rate and the lateness (due → committed), checks each fired
 * exactly once, and compares the rate with the same-shape transaction ceiling.
 */
import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Actor, createLogger, createRuntime, DeployDefinitionUseCase, Runtime, StartInstanceUseCase } from '@app/application';
import { loadConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { arg, argString, benchDatabase, fmt, percentile, progress, standInForAutovacuum } from './bench.util';
import { runCeiling } from './ceiling';

const actor: Actor = { userId: 'bench', partnershipId: 'bench', roles: ['coordinator'] };
const root = resolve(__dirname, '../..');

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function startMany(rt: Runtime, definitionId: number, count: number, concurrency: number, dueAt: (i: number) => string, onProgress?: (done: number) => void): Promise<number[]> {
  const start = new StartInstanceUseCase(rt);
  const ids: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const s = await start.execute({ actor, definitionId, variables: { dueAt: dueAt(i) } });
      ids.push(s.id);
      progress('started', ids.length, count);
      if (ids.length % 10_000 === 0) onProgress?.(ids.length);
    }
  }));
  await rt.relay.drain();
  return ids;
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--require', join(root, 'scripts/register-ts.cjs'), join(__dirname, 'bench-worker.entry.ts')], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function main(): Promise<void> {
  const armed = arg('armed', 100_000);
  const burst = arg('burst', 10_000);
  const poolSize = arg('pool', 10);
  const backend = argString('queue', 'redis');
  const env = process.env;
  const server = env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const db = await benchDatabase(server);
  const prefix = `benchtimers${Date.now().toString(36)}`;
  const common = {
    DATABASE_URL: db.url, ...(backend === 'redis' ? { REDIS_URL: redisUrl } : {}), QUEUE_PREFIX: prefix, DB_POOL_SIZE: String(poolSize),
    CLOCK_MODE: argString('clock', 'database'), LOG_LEVEL: 'warn', WORKFLOWS_DIR: '',
  };
  const config = loadConfig(common);
  const rt = await createRuntime(config, { log: createLogger(config, 'bench') });
  const stopVacuuming = await standInForAutovacuum(db.url);
  let worker: ChildProcess | undefined;
  try {
    const xml = readFileSync(join(__dirname, 'timer-benchmark.bpmn'), 'utf8');
    const def = await new DeployDefinitionUseCase(rt).execute({ actor, xml });
    worker = startWorker({ ...common, WORKER_CONCURRENCY: String(poolSize * 2), QUEUE_STALLED_INTERVAL_MS: '30000' });
    await new Promise((r) => setTimeout(r, 6_000));
    const pid = worker.pid as number;
    console.log(`bench:timers — queue backend ${backend}, PostgreSQL pool ${poolSize}, worker pid ${pid}`);
    const rss0 = rssMb(pid);
    console.log(`\nworker memory (RSS) with no timers armed: ${fmt(rss0)} MB`);

    // 1. 100,000 timers three months away.
    const far = rt.clock.now().getTime() + 90 * 24 * 3600_000;
    const t0 = performance.now();
    const samples: string[] = [];
    await startMany(rt, def.id, armed, poolSize, (i) => new Date(far + i * 1000).toISOString(), (done) => samples.push(`${done / 1000}k: ${fmt(rssMb(pid))} MB`));
    const armSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 3_000));
    const rssArmed = rssMb(pid);
    const pending = (await rt.db.query<{ n: string }>(`SELECT count(*) AS n FROM timers WHERE status = 'pending'`))[0]?.n;
    console.log(`armed ${armed} timers (90 days ahead) in ${fmt(armSeconds)} s (${fmt(armed / armSeconds)} starts/s); pending timer rows: ${pending}`);
    console.log(`worker memory while they piled up: ${samples.join(', ')}`);
    console.log(`worker memory with ${armed} armed: ${fmt(rssArmed)} MB (${rssArmed - rss0 >= 0 ? '+' : ''}${fmt(rssArmed - rss0)} MB) — the timers live in PostgreSQL and the queue, not in the worker`);
    if (backend === 'redis') {
      const redis = new IORedis(redisUrl);
      const info = await redis.info('memory');
      redis.disconnect();
      console.log(`Redis used_memory: ${fmt(Number(/used_memory:(\d+)/.exec(info)?.[1]) / 1024 / 1024)} MB (whole server)`);
    }

    // 2. 10,000 timers falling due within the same second.
    // The runtime's pool runs as the application role; the probe is the benchmark's own (owner) DDL.
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`CREATE TABLE bench_fired (instance_id bigint, timer_id int, due_at timestamptz, committed_at timestamptz)`);
    await admin.query(`CREATE FUNCTION bench_probe() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      INSERT INTO bench_fired VALUES (NEW.instance_id, NEW.timer_id, NEW.due_at, clock_timestamp()); RETURN NEW; END $$`);
    await admin.query(`GRANT INSERT, SELECT ON bench_fired TO PUBLIC`);
    await admin.query(`CREATE TRIGGER bench_probe AFTER UPDATE OF status ON timers FOR EACH ROW WHEN (NEW.status = 'fired') EXECUTE FUNCTION bench_probe()`);
    await admin.end();
    // Far enough ahead that all are armed (and the ceiling measured) before the second falls due.
    const lead = Math.max(40_000, Math.ceil((burst / (armed / armSeconds)) * 1000 * 3) + 15_000);
    const dueSecond = Math.ceil((rt.clock.now().getTime() + lead) / 1000) * 1000;
    const before = (await rt.db.query<{ n: string }>('SELECT count(*) AS n FROM history'))[0]?.n;
    await startMany(rt, def.id, burst, poolSize, (i) => new Date(dueSecond + Math.floor((i * 1000) / burst)).toISOString());
    const armedAt = rt.clock.now().getTime();
    console.log(`\n${burst} timers armed, due within the second starting ${new Date(dueSecond).toISOString()} (${fmt((dueSecond - armedAt) / 1000)} s after the last was armed)`);
    // The same-shape ceiling, measured now (before the burst) and again after it: the machine is shared.
    const timerShape = { writes: 10, queueOps: 0, stateBytes: 250 };
    const ceilingBefore = (dueSecond - rt.clock.now().getTime()) > 15_000 ? await runCeiling(db.url, poolSize, timerShape, 8, rt.queues.get(QueueName.Runtime)) : undefined;
    const deadline = Date.now() + Math.max(0, dueSecond - rt.clock.now().getTime()) + 300_000;
    for (;;) {
      const n = Number((await rt.db.query<{ n: string }>('SELECT count(*) AS n FROM bench_fired'))[0]?.n);
      if (n >= burst || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const fired = await rt.db.query<{ due: Date; committed: Date }>('SELECT due_at AS due, committed_at AS committed FROM bench_fired');
    const lateness = fired.map((f) => f.committed.getTime() - f.due.getTime());
    const last = Math.max(...fired.map((f) => f.committed.getTime()));
    const first = Math.min(...fired.map((f) => f.committed.getTime()));
    const [check] = await rt.db.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM bench_fired) AS fired_rows,
             (SELECT count(DISTINCT (instance_id, timer_id)) FROM bench_fired) AS distinct_timers,
             (SELECT count(*) FROM history h WHERE h.element_id = 'Wait' AND h.transition = 'completed') AS wait_completed,
             (SELECT count(*) FROM instances WHERE status = 'completed') AS completed,
             (SELECT count(*) FROM timers WHERE status = 'pending') AS still_pending`);
    const rate = fired.length / ((last - dueSecond) / 1000);
    console.log(`fired ${check?.fired_rows} (distinct ${check?.distinct_timers}; "Wait" completed ${check?.wait_completed} times; instances completed ${check?.completed}; ${check?.still_pending} still pending = the ${armed} far ones)`);
    const once = [check?.fired_rows, check?.distinct_timers, check?.wait_completed].every((v) => Number(v) === burst);
    console.log(`  exactly once: ${once ? 'yes' : 'NO'}`);
    console.log(`  firing rate: ${fmt(rate)} timers/s from the due second to the last commit (${fmt(fired.length / ((last - first) / 1000))} /s between the first and last commit)`);
    console.log(`  lateness due → committed: p50 ${fmt(percentile(lateness, 50))} ms, p99 ${fmt(percentile(lateness, 99))} ms, max ${fmt(Math.max(...lateness))} ms`);
    const split = await rt.db.query<{ pickup: number; work: number }>(
      `SELECT extract(epoch FROM t.fired_at - t.due_at) * 1000 AS pickup, extract(epoch FROM b.committed_at - t.fired_at) * 1000 AS work
         FROM bench_fired b JOIN timers t ON t.instance_id = b.instance_id AND t.timer_id = b.timer_id`);
    console.log(`  of which due → picked up: p50 ${fmt(percentile(split.map((x) => Number(x.pickup)), 50))} ms; picked up → committed: p50 ${fmt(percentile(split.map((x) => Number(x.work)), 50))} ms, p99 ${fmt(percentile(split.map((x) => Number(x.work)), 99))} ms`);
    console.log(`worker memory after firing: ${fmt(rssMb(pid))} MB`);

    // 3. The same-shape ceiling for a timer event.
    const after = (await rt.db.query<{ n: string }>('SELECT count(*) AS n FROM history'))[0]?.n;
    const historyPerEvent = (Number(after) - Number(before)) / burst / 2; // half the rows came from the starts
    const stateBytes = Number((await rt.db.query<{ b: string }>(`SELECT avg(pg_column_size(state)) AS b FROM instances WHERE status = 'completed'`))[0]?.b);
    const writes = 1 /* instance */ + 1 /* event row */ + historyPerEvent + 1 /* timer row */ + 1 /* outbox row */;
    const ceiling = await runCeiling(db.url, poolSize, { writes, queueOps: 0, stateBytes }, 10, rt.queues.get(QueueName.Runtime));
    const best = Math.max(ceiling.tps, ceilingBefore?.tps ?? 0);
    console.log(`\nsame-shape ceiling (BEGIN; SELECT … FOR UPDATE; ${Math.round(writes)} single-row writes; COMMIT), ${poolSize} connections: ${fmt(ceiling.tps)} transactions/s after the burst${ceilingBefore ? `, ${fmt(ceilingBefore.tps)} before it (${timerShape.writes} writes)` : ''}`);
    console.log(`ratio: firing rate ÷ ceiling ${fmt((rate / best) * 100)} % of the higher ceiling   (target ≥ 60 %)`);
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker?.once('exit', r));
    }
    await stopVacuuming();
    for (const q of rt.queues.queues.values()) await q.obliterate({ force: true }).catch(() => undefined);
    await rt.close();
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
