import type { EngineEvent } from '@app/engine';
import { lockInstances, type CreatedTask } from '@app/persistence';
import type { RuntimeLogger } from '../outbox/outbox-relay';
import type { ApplyOptions, ApplyOutcome, InstanceRuntime } from './instance-runtime';
import type { RuntimeTx } from './runtime-tx';

/** What an event's transaction did: the engine's outcome, and the user tasks it opened (with their ids). */
export interface BatchedOutcome {
  outcome: ApplyOutcome;
  newTasks: CreatedTask[];
}

interface Pending {
  instanceId: number;
  event: EngineEvent;
  opts: ApplyOptions;
  resolve: (o: BatchedOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for events that arrive together (timer wake-ups, above all): events submitted
 * while earlier batches are in flight are applied in one transaction (instances locked in id
 * order, one flush, one COMMIT), so a burst costs a few round trips per batch instead of four
 * per event. A batch is all or nothing, and so each of its events; if a batch fails, its
 * events are applied again one by one, each in its own transaction, and fail or succeed alone.
 */
export class EventBatcher {
  private pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly tx: RuntimeTx,
    private readonly runtime: InstanceRuntime,
    private readonly log: RuntimeLogger,
    private readonly maxInFlight: number,
    private readonly maxBatch = 100,
  ) {}

  apply(instanceId: number, event: EngineEvent, opts: ApplyOptions): Promise<ApplyOutcome> {
    return this.applyDetailed(instanceId, event, opts).then((r) => r.outcome);
  }

  applyDetailed(instanceId: number, event: EngineEvent, opts: ApplyOptions): Promise<BatchedOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ instanceId, event, opts, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    // Let the events of this tick join the batch.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
        const batch = this.takeBatch();
        this.inFlight++;
        void this.run(batch).finally(() => {
          this.inFlight--;
          this.schedule();
        });
      }
    });
  }

  /** Up to `maxBatch` events, at most one per instance (a second event on an instance waits for the next batch). */
  private takeBatch(): Pending[] {
    const seen = new Set<number>();
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of this.pending) {
      if (batch.length < this.maxBatch && !seen.has(p.instanceId)) {
        seen.add(p.instanceId);
        batch.push(p);
      } else rest.push(p);
    }
    this.pending = rest;
    return batch;
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0] as Pending);
    try {
      const { result: outcomes, flushed } = await this.tx.runDetailed(async (uow) => {
        const rows = await lockInstances(uow.client, batch.map((p) => p.instanceId).sort((a, b) => a - b));
        for (const r of rows) uow.instances.set(r.id, r);
        const out: ApplyOutcome[] = [];
        for (const p of batch) out.push(await this.runtime.apply(uow, p.instanceId, p.event, p.opts));
        return out;
      });
      batch.forEach((p, i) => p.resolve({ outcome: outcomes[i] as ApplyOutcome, newTasks: (flushed?.newTasks ?? []).filter((t) => t.instanceId === p.instanceId) }));
    } catch (err) {
      this.log.debug(`batch of ${batch.length} failed (${(err as Error).message}); applying its events one by one`);
      await Promise.all(batch.map((p) => this.runAlone(p)));
    }
  }

  private async runAlone(p: Pending): Promise<void> {
    try {
      const { result, flushed } = await this.tx.runDetailed((uow) => this.runtime.apply(uow, p.instanceId, p.event, p.opts));
      p.resolve({ outcome: result, newTasks: flushed?.newTasks ?? [] });
    } catch (err) {
      p.reject(err);
    }
  }
}
