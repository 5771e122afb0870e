import type { Clock } from '@app/clock';
import type { Database, Queryable } from '@app/persistence';
import type { JobQueues } from '@app/queue';
import type { CompilePool } from '../compile/compile-pool';
import type { EventBatcher } from './event-batcher';
import type { OutboxRelay, RuntimeLogger } from '../outbox/outbox-relay';
import type { ServiceHandlerRegistry } from '../services/service-handler.registry';
import type { InstanceRuntime } from './instance-runtime';
import type { ModelCache } from './model-cache';
import type { RuntimeTx } from './runtime-tx';
import type { UnitOfWork } from './unit-of-work';

/** Injection token of the runtime's shared services. */
export const RUNTIME = Symbol('RUNTIME');

/** What the use cases share: the pool, the clock, the queues, the engine runtime. Built once per process. */
export interface RuntimeServices {
  db: Database;
  clock: Clock;
  queues: JobQueues;
  relay: OutboxRelay;
  runtime: InstanceRuntime;
  tx: RuntimeTx;
  /** Group commit for events that arrive in bursts (timer wake-ups). */
  batcher: EventBatcher;
  models: ModelCache;
  compilePool: CompilePool;
  services: ServiceHandlerRegistry;
  log: RuntimeLogger;
  deployMaxBytes: number;
}

/**
 * Claims an outbox row: deletes it and returns its data, or `undefined` when another delivery
 * already applied it. Run inside the transaction that applies the job's effect, so the effect
 * and the claim commit together: the job's exactly-once fence.
 */
export async function claimJob(uow: UnitOfWork, jobId: string): Promise<{ data: unknown } | undefined> {
  const r = await uow.client.query({ name: 'rp_claim_job_v1', text: 'DELETE FROM outbox WHERE job_id = $1 RETURNING data', values: [jobId] });
  return r.rows[0] as { data: unknown } | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export async function page<T>(q: Queryable, sql: string, countSql: string, values: unknown[], limit: number, offset: number, map: (r: Record<string, unknown>) => T): Promise<Page<T>> {
  const [rows, count] = await Promise.all([
    q.query(`${sql} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`, values),
    q.query(countSql, values),
  ]);
  return { items: rows.rows.map(map), total: Number(count.rows[0]?.total ?? 0), limit, offset };
}
