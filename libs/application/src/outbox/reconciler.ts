import type { Clock } from '@app/clock';
import type { Database } from '@app/persistence';
import { JobName, JobQueues, OutgoingJob, QueueName, jobIds, parseRetryCycle } from '@app/queue';
import type { OutboxRelay, RuntimeLogger } from './outbox-relay';

interface OutboxRow {
  job_id: string;
  queue: string;
  job_name: string;
  payload: unknown;
  available_at: Date;
  retry: string | null;
}

export interface ReconcilerOptions {
  /** How old an unsent row must be before it is sent from here (clock ms). */
  graceMs: number;
  /** How late a job may be before it is re-added (it may have been lost) (clock ms). */
  overdueMs: number;
  batch: number;
}

/**
 * Repairs the queue from PostgreSQL, the truth:
 * - rows the relay never sent (a process died between COMMIT and send) are sent;
 * - when the queue lost its data (its sentinel job is gone: Redis flushed or restarted without
 *   persistence), every pending timer is re-armed from the timers table and every other outbox
 *   row is sent again;
 * - jobs well past their due time are re-added (a no-op when the queue still holds them).
 * Re-sending is safe: job ids are deterministic and every handler is idempotent.
 */
export class Reconciler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly queues: JobQueues,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly log: RuntimeLogger,
    private readonly opts: ReconcilerOptions,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tickSafe(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async tickSafe(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.tick()
      .then(() => undefined)
      .catch((err) => this.log.warn(`reconciler: ${(err as Error).message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** One pass. `startup`: also re-add every timer already due (it fell due while we were down). */
  async tick(startup = false): Promise<{ rearmed: number; resent: number; overdue: number }> {
    let rearmed = 0;
    if (!(await this.queues.sentinelsPresent())) {
      const pending = await this.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM timers WHERE status = 'pending') + (SELECT count(*) FROM outbox) AS n`);
      if (Number(pending[0]?.n ?? 0) > 0) this.log.warn('reconciler: the queue lost its jobs; re-arming timers and re-sending the outbox from PostgreSQL');
      else this.log.debug('reconciler: a new queue; placing its sentinels');
      rearmed = await this.rearmAllTimers();
      await this.db.query(`UPDATE outbox SET sent_at = NULL WHERE job_name NOT IN ('timer.wake', 'start-timer.fire')`);
      await this.queues.placeSentinels();
    } else if (startup) {
      rearmed = await this.rearmAllTimers(this.clock.now());
    }
    const resent = await this.sendUnsent();
    const overdue = (await this.readdOverdue()) + (await this.wakeForOverdueTimers());
    if (rearmed + resent + overdue > 0) this.log.log(`reconciler: re-armed ${rearmed} timer(s), sent ${resent} unsent and re-added ${overdue} overdue job(s)`);
    return { rearmed, resent, overdue };
  }

  /**
   * Re-arms pending timers from the timers table (all, or those due by `dueBy`): one wake-up
   * per second in which instance timers fall due (everything already due shares one wake-up
   * now), and each timer start event's own job. Returns the number of timers covered.
   */
  async rearmAllTimers(dueBy?: Date): Promise<number> {
    const nowSecond = Math.ceil(this.clock.now().getTime() / 1000);
    let total = 0;
    let lastSecond = 0;
    for (;;) {
      const rows = await this.db.query<{ second: string; n: string }>(
        `SELECT ceil(extract(epoch FROM due_at))::bigint AS second, count(*) AS n FROM timers
         WHERE status = 'pending' AND instance_id IS NOT NULL AND ($3::timestamptz IS NULL OR due_at <= $3)
           AND ceil(extract(epoch FROM due_at))::bigint > $1
         GROUP BY 1 ORDER BY 1 LIMIT $2`,
        [lastSecond, this.opts.batch, dueBy ?? null],
      );
      if (rows.length === 0) break;
      const seconds = new Set(rows.map((r) => Math.max(Number(r.second), nowSecond)));
      await this.relay.send([...seconds].map((second) => wakeJob(second)));
      total += rows.reduce((n, r) => n + Number(r.n), 0);
      lastSecond = Number(rows[rows.length - 1]!.second);
    }
    let lastId = 0;
    for (;;) {
      const rows = await this.db.query<{ id: number; due_at: Date }>(
        `SELECT id, due_at FROM timers WHERE status = 'pending' AND instance_id IS NULL AND id > $1 AND ($3::timestamptz IS NULL OR due_at <= $3)
         ORDER BY id LIMIT $2`,
        [lastId, this.opts.batch, dueBy ?? null],
      );
      if (rows.length === 0) break;
      await this.relay.send(rows.map((r) => ({ jobId: jobIds.startTimer(r.id), queue: QueueName.Runtime, name: JobName.StartTimerFire, payload: { timerRowId: r.id }, availableAt: r.due_at })));
      total += rows.length;
      lastId = rows[rows.length - 1]!.id;
    }
    return total;
  }

  /** Timers still pending well after they fell due (their wake-up was lost or raced): wake up now. */
  private async wakeForOverdueTimers(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.opts.overdueMs);
    const late = await this.db.query(
      `SELECT 1 FROM timers WHERE status = 'pending' AND instance_id IS NOT NULL AND due_at <= $1 LIMIT 1`,
      [before],
      'rp_timers_overdue_v1',
    );
    if (late.length === 0) return 0;
    await this.relay.send([wakeJob(Math.ceil(this.clock.now().getTime() / 1000))]);
    return 1;
  }

  private toJob(r: OutboxRow): OutgoingJob {
    return {
      jobId: r.job_id, queue: r.queue as QueueName, name: r.job_name as JobName, payload: r.payload as OutgoingJob['payload'], availableAt: r.available_at,
      ...(r.job_name === JobName.ServiceInvoke ? { retry: parseRetryCycle(r.retry ?? undefined) } : {}),
    };
  }

  private async sendUnsent(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.opts.graceMs);
    let total = 0;
    for (;;) {
      const rows = await this.db.query<OutboxRow>(
        `SELECT job_id, queue, job_name, payload, available_at, data->>'retry' AS retry FROM outbox
         WHERE sent_at IS NULL AND created_at <= $1 ORDER BY id LIMIT $2`,
        [before, this.opts.batch],
      );
      if (rows.length === 0) break;
      await this.relay.send(rows.map((r) => this.toJob(r)));
      total += rows.length;
      if (rows.length < this.opts.batch) break;
    }
    return total;
  }

  private async readdOverdue(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.opts.overdueMs);
    const rows = await this.db.query<OutboxRow>(
      `SELECT job_id, queue, job_name, payload, available_at, data->>'retry' AS retry FROM outbox
       WHERE sent_at IS NOT NULL AND available_at <= $1 ORDER BY available_at LIMIT $2`,
      [before, this.opts.batch],
    );
    if (rows.length > 0) await this.queues.addBulk(rows.map((r) => this.toJob(r)), (due) => this.clock.realDelayMs(due), this.clock.rate);
    return rows.length;
  }
}

function wakeJob(second: number): OutgoingJob {
  return { jobId: jobIds.timerWake(second), queue: QueueName.Runtime, name: JobName.TimerWake, payload: { second }, availableAt: new Date(second * 1000) };
}
