import { Database, flushWrites, hasWrites, type WriteCounts } from '@app/persistence';
import type { OutboxRelay } from '../outbox/outbox-relay';
import { UnitOfWork } from './unit-of-work';

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs a unit of work in one transaction: the callback locks and steps instances, everything
 * is flushed by one statement, COMMIT, and only then are the outbox jobs handed to the relay.
 * Serialization failures and deadlocks are retried.
 */
export class RuntimeTx {
  constructor(
    private readonly db: Database,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return (await this.runDetailed(fn)).result;
  }

  /** Like `run`, and also returns what the flush reported (e.g. the ids of the tasks it created). */
  async runDetailed<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<{ result: T; flushed?: WriteCounts }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { uow, result } = await this.db.tx(async (client) => {
          const uow = new UnitOfWork(client);
          const result = await fn(uow);
          if (hasWrites(uow.writes)) uow.flushed = await flushWrites(client, uow.writes);
          return { uow, result };
        });
        this.relay.push(uow.jobs, uow.unarm);
        for (const f of uow.afterCommit) f();
        return { result, flushed: uow.flushed };
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < 5) continue;
        throw err;
      }
    }
  }
}
