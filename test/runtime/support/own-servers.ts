/**
 * Servers a fault test owns (never the machine's shared ones): a redis-server and an embedded
 * PostgreSQL on free loopback ports, and worker processes it can kill.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';

const root = resolve(__dirname, '../../..');
const register = join(root, 'scripts/register-ts.cjs');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

export interface OwnRedis {
  url: string;
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(async () => {
    const r = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }, 10_000, 'redis-server');
  return {
    url,
    async flushAll() {
      const r = new IORedis(url);
      await r.flushall();
      r.disconnect();
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

export interface OwnPostgres {
  url: string;
  /** Stops the server (connections are cut) and keeps its data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

/** An embedded PostgreSQL in a temporary folder, run by a helper process (so it can be stopped and started). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-fault-pg-'));
  // Run as root, the server runs as the `postgres` user: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let url = '';
  const start = async () => {
    child = spawn(process.execPath, ['--require', register, join(__dirname, 'embedded-pg.process.ts'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((res, rej) => {
      let out = '';
      child?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) res(m[1] as string);
      });
      child?.once('exit', (code) => rej(new Error(`embedded PostgreSQL helper exited with ${code}`)));
    });
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    c.kill('SIGTERM');
    await new Promise((r) => c.once('exit', r));
  };
  await start();
  return {
    get url() {
      return url;
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  readonly pid: number | undefined;
  /** Resolves once the worker has started (its processors run). */
  ready: Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** A worker process (apps/worker's module) with the given environment. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--require', register, join(__dirname, 'fault-worker.entry.ts')], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const ready = new Promise<void>((res, rej) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) res();
    });
    child.once('exit', (code) => rej(new Error(`worker exited with ${code} before it was ready`)));
  });
  ready.catch(() => undefined);
  return {
    ready,
    get pid() {
      return child.pid;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
