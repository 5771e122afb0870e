import { ConnectionOptions, createPostgresBackend, runMigrations as runBullmqMigrations, setDefaultBackendFactory } from 'bullmq';
import { Client } from 'pg';
import IORedis from 'ioredis';

/**
 * Where BullMQ keeps its jobs: Redis (production) or, with no REDIS_URL, BullMQ's PostgreSQL
 * backend in the runtime's own database. `configureQueueBackend` must run before any Queue or
 * Worker is created: it sets BullMQ's process-wide default backend.
 */
export interface QueueConnection {
  kind: 'redis' | 'postgres';
  /** What BullMQ's `connection` option gets. */
  connection: ConnectionOptions;
  /** Key prefix (Redis); for PostgreSQL the schema is carried in `connection`. */
  prefix: string;
}

export interface QueueBackendOptions {
  redisUrl?: string;
  databaseUrl: string;
  prefix: string;
  /** Connections per BullMQ Queue/Worker pool on the PostgreSQL backend. */
  pgPoolSize?: number;
}

export function redisOptionsFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export function configureQueueBackend(opts: QueueBackendOptions): QueueConnection {
  if (opts.redisUrl) {
    setDefaultBackendFactory();
    return { kind: 'redis', connection: redisOptionsFromUrl(opts.redisUrl), prefix: opts.prefix };
  }
  setDefaultBackendFactory(createPostgresBackend);
  const pg = { connectionString: opts.databaseUrl, max: opts.pgPoolSize ?? 4, schema: `bullmq_${opts.prefix}` };
  return { kind: 'postgres', connection: pg as unknown as ConnectionOptions, prefix: opts.prefix };
}

/** Creates or upgrades BullMQ's own schema in PostgreSQL (run once at start, before any queue). */
export async function migrateQueueSchema(conn: QueueConnection, databaseUrl: string): Promise<void> {
  if (conn.kind !== 'postgres') return;
  const schema = (conn.connection as unknown as { schema: string }).schema;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runBullmqMigrations(client, schema);
  } finally {
    await client.end();
  }
}

export class RedisPolicyError extends Error {}

/** Refuses a Redis that may evict keys: a delayed job evicted is a timer lost. */
export async function assertRedisNoEviction(url: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 5_000 });
  try {
    await redis.connect();
    const info = await redis.info('memory');
    const m = /maxmemory_policy:(\S+)/.exec(info);
    const policy = m?.[1];
    if (policy !== 'noeviction') {
      throw new RedisPolicyError(`REDIS_URL: Redis must run with maxmemory-policy noeviction (it has ${policy ?? 'an unknown policy'})`);
    }
  } finally {
    redis.disconnect();
  }
}
