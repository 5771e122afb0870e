import { JobsOptions, Queue } from 'bullmq';
import { JobName, OutgoingJob, QueueName } from './queue-names';
import type { QueueConnection } from './queue-connection';

/** Default options: finished jobs leave the queue (PostgreSQL keeps the truth). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 20,
  backoff: { type: 'exponential', delay: 500 },
};

const SENTINEL_ID = 'queue-sentinel';

/**
 * The producers: one BullMQ Queue per queue name. `addBulk` takes jobs with clock due times;
 * `delayFor` turns them into real delays (so an offset/rate clock is followed).
 */
export class JobQueues {
  readonly queues: Map<QueueName, Queue>;

  constructor(readonly conn: QueueConnection, onError: (err: Error) => void = () => undefined) {
    this.queues = new Map(
      Object.values(QueueName).map((name) => {
        const q = new Queue(name, { connection: conn.connection, prefix: conn.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        // Connection trouble is reported here; BullMQ reconnects by itself.
        q.on('error', onError);
        return [name, q];
      }),
    );
  }

  get(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  }

  async addBulk(jobs: OutgoingJob[], delayFor: (due: Date) => number, clockRate = 1): Promise<void> {
    const byQueue = new Map<QueueName, OutgoingJob[]>();
    for (const j of jobs) {
      const list = byQueue.get(j.queue) ?? [];
      list.push(j);
      byQueue.set(j.queue, list);
    }
    await Promise.all(
      [...byQueue].map(([queue, list]) =>
        this.get(queue).addBulk(
          list.map((j) => {
            const delay = delayFor(j.availableAt);
            const retry = j.retry
              ? { attempts: j.retry.attempts, backoff: { type: 'fixed' as const, delay: Math.max(1, Math.round(j.retry.delayMs / clockRate)) } }
              : {};
            return { name: j.name, data: j.payload, opts: { jobId: j.jobId, ...(delay > 0 ? { delay } : {}), ...retry } };
          }),
        ),
      ),
    );
  }

  /** Removes delayed jobs that are no longer wanted (a cancelled timer); best effort. */
  async remove(queue: QueueName, jobIds: string[]): Promise<void> {
    const q = this.get(queue);
    await Promise.all(jobIds.map((id) => q.remove(id).catch(() => 0)));
  }

  /**
   * A far-future delayed job on each queue: if it is gone, the queue lost its data (Redis
   * flushed or restarted without persistence) and everything must be re-sent.
   */
  async sentinelsPresent(): Promise<boolean> {
    for (const q of this.queues.values()) {
      const state = await q.getJobState(SENTINEL_ID);
      if (state === 'unknown') return false;
    }
    return true;
  }

  async placeSentinels(): Promise<void> {
    for (const q of this.queues.values()) {
      await q.add(JobName.TimerWake, { second: 0 }, { jobId: SENTINEL_ID, delay: 10 * 365 * 24 * 3600 * 1000, removeOnComplete: true, removeOnFail: true });
    }
  }

  static isSentinel(jobId: string | undefined): boolean {
    return jobId === SENTINEL_ID;
  }

  async ping(): Promise<void> {
    await this.get(QueueName.Runtime).getJobCounts('wait');
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
