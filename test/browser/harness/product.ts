/**
 * Starts the real product for the browser tests: api + worker in one child process on its own
 * port, on its own database (a fresh database on the machine's PostgreSQL when it answers —
 * TEST_PG_URL, default postgres://root@127.0.0.1:5432/postgres — else an embedded PostgreSQL in a
 * temporary folder), BullMQ on that PostgreSQL, and a clock the test moves with `advance()`.
 * The templates folder is a temporary copy of workflows/ plus the test fixture template.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { totp, totpStep } from '../../../libs/identity/src/totp';
import { PASSWORD, PEOPLE, type PersonName } from './world';

const ROOT = resolve(__dirname, '../../..');
const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function sharedPostgres(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `browser_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Session {
  access: string;
  refresh: string;
}

export interface Product {
  url: string;
  /** Which database the product runs on. */
  database: 'shared PostgreSQL' | 'embedded PostgreSQL';
  /** Moves the product's clock forward and wakes its delayed jobs; returns the new server time. */
  advance(ms: number): Promise<Date>;
  now(): Promise<Date>;
  /** A TOTP code for the person at the server's time, never one used before in this run. */
  code(person: PersonName): Promise<string>;
  /** Signs in through the API (password, then TOTP where the role needs it): the session cookies' values. */
  signIn(person: PersonName): Promise<Session>;
  /** A JSON request as the person (signed in once per clock epoch). */
  api<T = unknown>(person: PersonName, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string; headers: Headers }>;
  logs(): string;
  close(): Promise<void>;
}

export async function startProduct(options: { fixtureTemplates?: string[] } = {}): Promise<Product> {
  const shared = await sharedPostgres();
  const work = mkdtempSync(join(tmpdir(), 'rp-browser-'));
  const templates = join(work, 'workflows');
  mkdirSync(templates);
  for (const f of readdirSync(join(ROOT, 'workflows'))) if (f.endsWith('.bpmn')) copyFileSync(join(ROOT, 'workflows', f), join(templates, f));
  for (const f of options.fixtureTemplates ?? []) copyFileSync(join(ROOT, 'test/browser/fixtures', f), join(templates, f));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(work, 'data'),
    WORKFLOWS_DIR: templates,
    AUTH_COOKIE_SECURE: 'false',
    AUTH_ACCESS_TTL_SECONDS: '900',
    CLOCK_MODE: 'system',
    LOG_LEVEL: 'warn',
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '300',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_LOCK_DURATION_MS: '2000',
    QUEUE_PREFIX: `b${randomBytes(4).toString('hex')}`,
    DB_POOL_SIZE: '8',
    ...(shared ? { DATABASE_URL: shared.url } : { EMBEDDED_PG_PORT: String(await freePort()) }),
  };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--require', join(ROOT, 'scripts/register-ts.cjs'), join(__dirname, 'product.entry.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let nextId = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  child.on('message', (m: Record<string, unknown>) => {
    const id = m.id as number | undefined;
    if (id !== undefined) waiting.get(id)?.(m);
  });
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the product did not start within 120 s:\n${output}`)), 120_000);
    child.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        res();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`the product exited (${code}) while starting:\n${output}`));
    });
  });
  const call = (msg: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((res, rej) => {
      const id = nextId++;
      waiting.set(id, (m) => (waiting.delete(id), m.ok ? res(m) : rej(new Error(String(m.error)))));
      child.send({ ...msg, id });
    });

  const url = `http://127.0.0.1:${port}`;
  const usedStep = new Map<string, number>();
  const sessions = new Map<string, { session: Session; epoch: number }>();
  let epoch = 0;

  const product: Product = {
    url,
    database: shared ? 'shared PostgreSQL' : 'embedded PostgreSQL',
    async advance(ms) {
      const r = await call({ type: 'advance', ms });
      epoch++;
      return new Date(String(r.now));
    },
    async now() {
      return new Date(String((await call({ type: 'now' })).now));
    },
    async code(person) {
      const p = PEOPLE[person] as { totpSecret?: string };
      if (!p.totpSecret) throw new Error(`${person} has no second factor`);
      const now = await product.now();
      let step = totpStep(now);
      const last = usedStep.get(person);
      if (last !== undefined && step <= last) step = last + 1;
      // a code one step ahead is accepted (drift); further ahead, wait for the clock
      while (step > totpStep(await product.now()) + 1) await new Promise((r) => setTimeout(r, 1000));
      usedStep.set(person, step);
      return totp(p.totpSecret, new Date(step * 30_000));
    },
    async signIn(person) {
      const cached = sessions.get(person);
      if (cached && cached.epoch === epoch) return cached.session;
      const p = PEOPLE[person];
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: p.email, password: PASSWORD }) });
      let body = (await login.json()) as { mfaRequired?: boolean; mfaToken?: string; accessToken?: string; refreshToken?: string };
      if (login.status !== 200) throw new Error(`sign-in ${person}: ${login.status} ${JSON.stringify(body)}`);
      if (body.mfaRequired) {
        const second = await fetch(`${url}/api/auth/login/totp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mfaToken: body.mfaToken, code: await product.code(person) }) });
        body = (await second.json()) as typeof body;
        if (second.status !== 200) throw new Error(`sign-in ${person} (TOTP): ${second.status} ${JSON.stringify(body)}`);
      }
      const session = { access: body.accessToken!, refresh: body.refreshToken! };
      sessions.set(person, { session, epoch });
      return session;
    },
    async api(person, method, path, payload) {
      const s = await product.signIn(person);
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${s.access}`, ...(payload !== undefined ? { 'content-type': typeof payload === 'string' ? 'application/xml' : 'application/json' } : {}) },
        ...(payload !== undefined ? { body: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed as never, text, headers: res.headers };
    },
    logs: () => output,
    async close() {
      await call({ type: 'stop' }).catch(() => undefined);
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      await shared?.drop().catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    },
  };
  return product;
}
