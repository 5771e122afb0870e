import { Client, Pool, PoolClient, QueryResultRow, types } from 'pg';

/**
 * The runtime's PostgreSQL pool. Ids are bigints that stay below 2^53, so they come back as
 * numbers; timestamps as `Date`s. Named (prepared) statements are used on the hot paths.
 */
const typeOverrides = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v);
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};

export type Queryable = Pick<PoolClient, 'query'>;

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  /**
   * A role every connection switches to before its first query (the application's role from the
   * migrations: it may insert into the audit log but never update or delete it).
   */
  role?: string;
  onError?: (err: Error) => void;
}

export class Database {
  readonly pool: Pool;

  constructor(readonly options: DatabaseOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      // Waiting for a pooled client under load is normal; a server that is down fails fast anyway (ECONNREFUSED).
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName ?? 'referral-runtime',
      types: typeOverrides,
      // Every connection starts as the role (a startup parameter, so no query can run before it).
      ...(options.role ? { options: `-c role=${options.role.replace(/[^a-z0-9_]/g, '')}` } : {}),
    });
    // An idle client losing its server (PostgreSQL restarting) must not crash the process.
    this.pool.on('error', (err) => options.onError?.(err));
  }

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<R[]> {
    const res = name ? await this.pool.query<R>({ name, text, values }) : await this.pool.query<R>(text, values);
    return res.rows;
  }

  /** Runs `fn` in one transaction (READ COMMITTED); rolls back on any error. */
  async tx<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose server goes away emits 'error' on itself (the pool only listens
    // to idle ones): without a listener that would end the process.
    const onError = (err: Error) => {
      broken = err;
      this.options.onError?.(err);
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        broken = rollbackErr as Error;
      }
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** True when an error means the database cannot be reached right now (a 503, not a 500). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  const m = e.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection/i.test(m);
}

/**
 * Waits until PostgreSQL answers (a process started beside a server that is still starting, or
 * on a machine so loaded that a connection takes longer than the pool's timeout), retrying with
 * backoff up to `timeoutMs`; then rethrows the last error.
 */
export async function waitForDatabase(url: string, timeoutMs = 60_000, onWait?: (err: Error) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > deadline) throw err;
      if (attempt === 0) onWait?.(err as Error);
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
