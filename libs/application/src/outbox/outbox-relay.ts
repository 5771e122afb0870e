import type { Clock } from '@app/clock';
import type { Database } from '@app/persistence';
import { JobName, JobQueues, OutgoingJob, QueueName } from '@app/queue';

export interface RuntimeLogger {
  debug(message: string): void;
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Sends outbox rows to the queue after their transaction committed. Pushes are buffered while
 * a send is in flight, so under load many events share one `addBulk` and one "mark sent"
 * statement; at rest nothing polls. A send that fails leaves its rows unsent: the reconciler
 * sends them later. Deterministic job ids make a second send of the same row harmless.
 */
export class OutboxRelay {
  private buffer: OutgoingJob[] = [];
  /** Timer wake-ups already handed to the queue (job id → clock ms it is due), to skip repeats. */
  private readonly armedWakeUps = new Map<string, number>();
  private unarmBuffer: { queue: QueueName; jobId: string }[] = [];
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly queues: JobQueues,
    private readonly clock: Clock,
    private readonly log: RuntimeLogger,
    private readonly batchSize = 1000,
  ) {}

  push(jobs: OutgoingJob[], unarm: { queue: QueueName; jobId: string }[] = []): void {
    if (this.stopped || (jobs.length === 0 && unarm.length === 0)) return;
    this.buffer.push(...this.withoutRepeatedWakeUps(jobs));
    this.unarmBuffer.push(...unarm);
    if (!this.running) this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Sends jobs straight away (used by the reconciler) and marks their rows sent. */
  async send(jobs: OutgoingJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queues.addBulk(jobs, (due) => this.clock.realDelayMs(due), this.clock.rate);
    // COALESCE rather than `AND sent_at IS NULL`: that condition lets the planner walk the partial
    // index of unsent rows, which grows with every row marked sent until VACUUM clears it.
    await this.db.query('UPDATE outbox SET sent_at = COALESCE(sent_at, $2) WHERE job_id = ANY($1::text[])', [jobs.map((j) => j.jobId), this.clock.now()], 'rp_outbox_mark_sent_v2');
  }

  private async loop(): Promise<void> {
    while (this.buffer.length > 0 || this.unarmBuffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      try {
        await this.send(batch);
      } catch (err) {
        this.log.warn(`relay: ${batch.length} job(s) left for the reconciler (${(err as Error).message})`);
      }
      const unarm = this.unarmBuffer.splice(0, this.batchSize);
      if (unarm.length > 0) {
        const byQueue = new Map<QueueName, string[]>();
        for (const u of unarm) byQueue.set(u.queue, [...(byQueue.get(u.queue) ?? []), u.jobId]);
        for (const [q, ids] of byQueue) await this.queues.remove(q, ids).catch(() => undefined);
      }
    }
  }

  /**
   * Thousands of steps may arm timers due in the same second: the queue needs that second's
   * wake-up once. A wake-up still well in the future that this process already sent is skipped
   * (one near its due time is sent again: the earlier one may be running, and the reconciler
   * covers a lost one anyway).
   */
  private withoutRepeatedWakeUps(jobs: OutgoingJob[]): OutgoingJob[] {
    const now = this.clock.now().getTime();
    if (this.armedWakeUps.size > 100_000) {
      for (const [id, due] of this.armedWakeUps) if (due <= now) this.armedWakeUps.delete(id);
    }
    return jobs.filter((j) => {
      if (j.name !== JobName.TimerWake) return true;
      const due = j.availableAt.getTime();
      if (due - now < 5_000) return true;
      if (this.armedWakeUps.has(j.jobId)) return false;
      this.armedWakeUps.set(j.jobId, due);
      return true;
    });
  }

  /** Waits until everything pushed so far has been sent (or given up on). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    await this.drain();
    this.stopped = true;
  }
}
