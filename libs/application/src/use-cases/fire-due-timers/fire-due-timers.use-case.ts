import { Inject, Injectable } from '@nestjs/common';
import { jobIds, type JobName, type JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

const BATCH = 1000;

/**
 * A timer wake-up: fires every pending timer that is due, in batches, until none is left.
 *
 * The rows of the `timers` table are the truth; a wake-up is only the signal to look. Timers
 * due in the same second share one wake-up job, so a burst of 10,000 timers is one job and a
 * few hundred batched transactions (the EventBatcher locks their instances in id order, one
 * flush, one commit), not 10,000 jobs picked up one by one. A timer fires once: the engine
 * refuses a timer it no longer waits for, and the step marks the row fired while pending.
 * Within a process one sweep runs at a time (a wake-up during a sweep asks it for one more
 * pass); sweeps of two worker processes may overlap, which costs a refused duplicate, nothing more.
 */
@Injectable()
export class FireDueTimersUseCase {
  private running?: Promise<number>;
  private again = false;

  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  /** Returns how many timers this process fired while the wake-up was being handled. */
  async execute(job: JobPayloads[JobName.TimerWake]): Promise<number> {
    this.again = true;
    this.running ??= this.loop();
    const fired = await this.running;
    await this.rt.db.query('DELETE FROM outbox WHERE job_id = $1', [jobIds.timerWake(job.second)], 'rp_timer_wake_done_v1');
    return fired;
  }

  private async loop(): Promise<number> {
    let fired = 0;
    try {
      // No await between the check and leaving: a wake-up either sees `running` and sets
      // `again` before the check, or finds `running` cleared and starts a new loop.
      while (this.again) {
        this.again = false;
        fired += await this.sweep();
      }
      return fired;
    } finally {
      this.running = undefined;
    }
  }

  /** One pass: fire what is due now, batch by batch, until nothing is. */
  private async sweep(): Promise<number> {
    const actor = systemActor('system');
    const skipped = new Set<string>();
    let fired = 0;
    for (;;) {
      const now = this.rt.clock.now();
      const due = await this.rt.db.query<{ instance_id: number; timer_id: number }>(
        `SELECT instance_id, timer_id FROM timers
         WHERE status = 'pending' AND instance_id IS NOT NULL AND due_at <= $1
         ORDER BY due_at, id LIMIT $2`,
        [now, BATCH + skipped.size],
        'rp_timers_due_v1',
      );
      const batch = due.filter((t) => !skipped.has(`${t.instance_id}/${t.timer_id}`)).slice(0, BATCH);
      if (batch.length === 0) return fired;
      const outcomes = await Promise.allSettled(
        batch.map((t) => this.rt.batcher.apply(t.instance_id, { type: 'timer-fired', timerId: t.timer_id }, { actor })),
      );
      const unsettled: { instance_id: number; timer_id: number }[] = [];
      outcomes.forEach((o, i) => {
        const t = batch[i]!;
        if (o.status === 'fulfilled' && o.value.kind === 'applied') fired++;
        else if (o.status === 'fulfilled' && o.value.kind === 'ignored') unsettled.push(t);
        else {
          // Failed (its transaction rolled back) or not yet due by the engine's reckoning: not this pass.
          skipped.add(`${t.instance_id}/${t.timer_id}`);
          if (o.status === 'rejected') this.rt.log.warn(`timers: instance ${t.instance_id} timer ${t.timer_id} did not fire (${(o.reason as Error).message})`);
        }
      });
      if (unsettled.length > 0) {
        // The engine no longer waits for them (or their instance is gone): they will never fire.
        await this.rt.db.query(
          `UPDATE timers t SET status = 'fired', fired_at = $2
           FROM jsonb_to_recordset($1::jsonb) AS x(instance_id bigint, timer_id int)
           WHERE t.instance_id = x.instance_id AND t.timer_id = x.timer_id AND t.status = 'pending'`,
          [JSON.stringify(unsettled), now],
        );
      }
    }
  }
}
