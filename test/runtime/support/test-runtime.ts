import type { INestApplication } from '@nestjs/common';
import { createLogger, createRuntime, Runtime, ServiceHandlerRegistry, registerBuiltInServiceHandlers } from '@app/application';
import { AppConfig, loadConfig } from '@app/config';
import type { Clock } from '@app/clock';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { createTestDatabase, randomPrefix, TestDatabase, TEST_REDIS_URL } from './test-database';
import { seedPartnership, seedUser, signIn } from '../../support/sign-in';

export type Backend = 'redis' | 'postgres';

export interface TestRuntime {
  runtime: Runtime;
  app: INestApplication;
  config: AppConfig;
  database: TestDatabase;
  services: ServiceHandlerRegistry;
  /** The Authorization header of a signed-in test person: `dev-user` (administrator and coordinator), `alice`, `bob` (coordinators). */
  as(user: 'dev-user' | 'alice' | 'bob'): { Authorization: string };
  close(): Promise<void>;
}

export interface TestRuntimeOptions {
  backend: Backend;
  /** Run the worker (processors and reconciler) in the same process. Default true. */
  withWorker?: boolean;
  env?: Record<string, string>;
  clock?: Clock;
  /** Registers extra service handlers. */
  services?: (registry: ServiceHandlerRegistry) => void;
  /** An existing database (e.g. an embedded PostgreSQL the test owns). */
  databaseUrl?: string;
}

/** A whole runtime (api + worker in one Nest app) on its own database and queue prefix. */
export async function startTestRuntime(opts: TestRuntimeOptions): Promise<TestRuntime> {
  const database = opts.databaseUrl ? { url: opts.databaseUrl, name: 'external', drop: async () => undefined } : await createTestDatabase('e2e');
  const config = loadConfig({
    DATABASE_URL: database.url,
    ...(opts.backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
    QUEUE_PREFIX: randomPrefix(),
    WORKFLOWS_DIR: '',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_LOCK_DURATION_MS: '2000',
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '300',
    CLOCK_MODE: 'system',
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '8',
    WORKER_CONCURRENCY: '8',
    ...(opts.env ?? {}),
  });
  const services = registerBuiltInServiceHandlers(new ServiceHandlerRegistry());
  opts.services?.(services);
  const log = createLogger(config, 'test');
  const runtime = await createRuntime(config, { log, services, ...(opts.clock ? { clock: opts.clock } : {}) });
  const app = await createApiApp(runtime, config, { withWorker: opts.withWorker ?? true, worker: { ignoreUnhandledJobs: true } }, log);
  await app.init();
  // People of the default partnership, signed in through the API (issue 4: every route needs a token).
  await seedPartnership(runtime.db.pool, config.DEV_ACTOR_PARTNERSHIP_ID);
  const people = { 'dev-user': ['administrator', 'marac-coordinator'], alice: ['marac-coordinator'], bob: ['marac-coordinator'] } as const;
  const auth = new Map<string, { Authorization: string }>();
  for (const [id, roles] of Object.entries(people)) {
    const u = await seedUser(runtime.db.pool, { id, partnershipId: config.DEV_ACTOR_PARTNERSHIP_ID, roles: [...roles] });
    auth.set(id, (await signIn(app, u.email, () => runtime.clock.now())).auth);
  }
  return {
    runtime, app, config, database, services,
    as: (user) => auth.get(user)!,
    async close() {
      await app.close();
      for (const q of runtime.queues.queues.values()) await q.obliterate({ force: true }).catch(() => undefined);
      await runtime.close();
      await database.drop();
    },
  };
}

/** Polls `fn` until it returns a truthy value (bounded). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
