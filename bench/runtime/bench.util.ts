/** Shared helpers of the runtime benchmarks: percentiles, progress, a rate limiter, a bench database, argument parsing. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** A counter on stderr (`label done / total`) for phases that run for minutes; a newline at the end. */
export function progress(label: string, done: number, total: number, every = Math.max(1, Math.round(total / 100))): void {
  if (done % every === 0 || done === total) process.stderr.write(`\r  ${label} ${done} / ${total}${done === total ? '\n' : ''}`);
}

/** Spaces calls evenly at `perSecond` (open loop: a slow call does not slow the schedule). */
export class RateLimiter {
  private next = performance.now();
  constructor(private readonly perSecond: number) {}
  async take(): Promise<void> {
    const interval = 1000 / this.perSecond;
    const at = this.next;
    this.next = Math.max(this.next + interval, performance.now() - 10 * interval);
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return Number(process.argv[i + 1]);
  return fallback;
}

export function argString(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

/** The benchmark fixture: the lead's referral pathway, else the local copy. */
export function benchmarkXml(): { xml: string; path: string } {
  const root = resolve(__dirname, '../..');
  for (const p of [join(root, 'libs/engine/bench/referral-benchmark.bpmn'), join(__dirname, 'referral-benchmark.bpmn')]) {
    if (existsSync(p)) return { xml: readFileSync(p, 'utf8'), path: p };
  }
  throw new Error('no benchmark fixture found');
}

/** A database of its own on the given server, dropped at the end. */
export async function benchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * PostgreSQL without autovacuum (this machine's server runs with `autovacuum = off`) never
 * clears dead rows nor refreshes statistics, and the runtime's hot tables (outbox, timers) churn:
 * after 50,000 starts a start took five times as long, until one VACUUM ANALYZE brought it back.
 * Any production server runs autovacuum, so when it is off the benchmark stands in for it with a
 * VACUUM ANALYZE of those tables every `everyMs`, and says so. Returns the function that stops it.
 */
export async function standInForAutovacuum(url: string, everyMs = 10_000): Promise<() => Promise<void>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const on = (await c.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]?.autovacuum === 'on';
  if (on) {
    await c.end();
    return async () => undefined;
  }
  console.log(`(this PostgreSQL runs with autovacuum off: the benchmark runs VACUUM ANALYZE of the runtime's tables every ${everyMs / 1000} s in its stead)`);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => c.query('VACUUM (ANALYZE) outbox, timers, instances, user_tasks, subscriptions, history, instance_events')).catch(() => undefined);
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
    await c.end();
  };
}
