import { AppConfig } from '@app/config';
import { Clock, DatabaseClock, OffsetRateClock, SystemClock } from '@app/clock';
import { Database, EmbeddedPostgresHandle, runMigrations, startEmbeddedPostgres, waitForDatabase } from '@app/persistence';
import { assertRedisNoEviction, configureQueueBackend, JobQueues, migrateQueueSchema } from '@app/queue';
import { CompilePool } from '../compile/compile-pool';
import { EventBatcher } from '../runtime/event-batcher';
import { OutboxRelay, type RuntimeLogger } from '../outbox/outbox-relay';
import { PartnershipContextProvider } from '../pathways/partnership-context.provider';
import { InstanceRuntime } from '../runtime/instance-runtime';
import { ModelCache } from '../runtime/model-cache';
import type { RuntimeServices } from '../runtime/runtime-services';
import { RuntimeTx } from '../runtime/runtime-tx';
import { registerBuiltInServiceHandlers, ServiceHandlerRegistry } from '../services/service-handler.registry';

export interface Runtime extends RuntimeServices {
  databaseUrl: string;
  embedded?: EmbeddedPostgresHandle;
  /** Partnership calendars and pathway parameters for the engine context (cached, dropped on change). */
  contexts: PartnershipContextProvider;
  close(): Promise<void>;
}

export interface RuntimeFactoryOptions {
  log: RuntimeLogger;
  /** Replace the clock (tests). */
  clock?: Clock;
  services?: ServiceHandlerRegistry;
}

/**
 * Builds the process's runtime from the validated configuration: the database (an embedded
 * PostgreSQL when DATABASE_URL is unset), its migrations, the queue backend (Redis, or BullMQ's
 * PostgreSQL backend when REDIS_URL is unset), the clock, the relay and the engine runtime.
 */
export async function createRuntime(config: AppConfig, opts: RuntimeFactoryOptions): Promise<Runtime> {
  const { log } = opts;
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => log.debug(`embedded-postgres: ${m}`) });
    databaseUrl = embedded.url;
    log.log(`embedded PostgreSQL running on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data under ${config.DATA_DIR})`);
  }
  try {
    await waitForDatabase(databaseUrl, 60_000, (err) => log.warn(`waiting for PostgreSQL (${err.message})`));
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) log.log(`migrations applied: ${applied.join(', ')}`);
    if (config.REDIS_URL) await assertRedisNoEviction(config.REDIS_URL);
    const conn = configureQueueBackend({ redisUrl: config.REDIS_URL, databaseUrl, prefix: config.QUEUE_PREFIX });
    await migrateQueueSchema(conn, databaseUrl);
    const db = new Database({ url: databaseUrl, poolSize: config.DB_POOL_SIZE, ...(config.DATABASE_APP_ROLE ? { role: config.DATABASE_APP_ROLE } : {}), onError: (e) => log.warn(`database: ${e.message}`) });
    let clock = opts.clock;
    if (!clock) {
      if (config.CLOCK_MODE === 'offset') clock = new OffsetRateClock(config.CLOCK_OFFSET_MS, config.CLOCK_RATE);
      else if (config.CLOCK_MODE === 'system') clock = new SystemClock();
      else {
        const dbClock = new DatabaseClock(async () => (await db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0]!.now);
        await dbClock.calibrate();
        dbClock.startCalibrating();
        clock = dbClock;
      }
    }
    const queues = new JobQueues(conn, (e) => log.warn(`queue: ${e.message}`));
    const relay = new OutboxRelay(db, queues, clock, log);
    const models = new ModelCache();
    const contexts = new PartnershipContextProvider(db.pool, log);
    await contexts.listen(databaseUrl).catch((err: Error) => log.warn(`partnership changes are not listened for (${err.message}); cached settings expire after a minute`));
    const runtime = new InstanceRuntime(models, clock, contexts.provide, log);
    const tx = new RuntimeTx(db, relay);
    // Leave a connection or two for everything that is not a batched event.
    const batcher = new EventBatcher(tx, runtime, log, Math.max(1, config.DB_POOL_SIZE - 2));
    const compilePool = new CompilePool(config.COMPILE_POOL_SIZE, config.COMPILE_TIMEOUT_MS);
    const services = opts.services ?? registerBuiltInServiceHandlers(new ServiceHandlerRegistry());
    let closed = false;
    return {
      db, clock, queues, relay, runtime, tx, batcher, models, compilePool, services, log, deployMaxBytes: config.DEPLOY_MAX_BYTES, databaseUrl, embedded, contexts,
      async close() {
        if (closed) return;
        closed = true;
        await relay.stop().catch(() => undefined);
        await contexts.close();
        if (clock instanceof DatabaseClock) clock.stop();
        await compilePool.close().catch(() => undefined);
        await queues.close().catch(() => undefined);
        await db.close().catch(() => undefined);
        await embedded?.stop().catch(() => undefined);
      },
    };
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}
