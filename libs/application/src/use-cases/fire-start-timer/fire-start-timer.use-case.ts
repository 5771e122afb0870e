import { Inject, Injectable } from '@nestjs/common';
import { JobName, OutgoingJob, QueueName, jobIds, type JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { nextTimerDue, type StoredStartTrigger } from '../../runtime/start-triggers.util';

/** A timer start event fell due: start an instance (once), and arm the next occurrence of a cycle. */
@Injectable()
export class FireStartTimerUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.StartTimerFire]): Promise<{ kind: 'started' | 'ignored' } | { kind: 'early'; dueAt: Date }> {
    const now = this.rt.clock.now();
    const next: OutgoingJob[] = [];
    const outcome = await this.rt.tx.run(async (uow) => {
      const fired = await uow.client.query(
        `UPDATE timers t SET status = 'fired', fired_at = $2 WHERE id = $1 AND status = 'pending' AND due_at <= $2
         RETURNING t.element_id, t.definition_id, t.remaining, t.due_at, (SELECT partnership_id FROM definitions WHERE id = t.definition_id) AS partnership_id`,
        [job.timerRowId, now],
      );
      const t = fired.rows[0];
      if (!t) {
        const pending = await uow.client.query(`SELECT due_at FROM timers WHERE id = $1 AND status = 'pending'`, [job.timerRowId]);
        if (pending.rows[0]) return { kind: 'early' as const, due: pending.rows[0].due_at as Date };
        await uow.client.query('DELETE FROM outbox WHERE job_id = $1', [jobIds.startTimer(job.timerRowId)]);
        return { kind: 'ignored' as const };
      }
      await uow.client.query('DELETE FROM outbox WHERE job_id = $1', [jobIds.startTimer(job.timerRowId)]);
      const def = (await uow.client.query('SELECT id, start_triggers FROM definitions WHERE id = $1', [t.definition_id])).rows[0];
      const trigger = (def.start_triggers as StoredStartTrigger[]).find((x) => x.startEventId === t.element_id);
      const partnershipId = String(t.partnership_id);
      await this.rt.runtime.start(uow, { id: Number(def.id), partnershipId }, { variables: {}, startEventId: String(t.element_id), ...(trigger ? { processId: trigger.processId } : {}) }, { actor: systemActor(partnershipId) });
      // The next occurrence of a cycle.
      const nextDue = trigger?.timer ? nextTimerDue(trigger.timer, t.due_at as Date, t.remaining === null ? 0 : Number(t.remaining)) : undefined;
      if (nextDue) {
        const row = (await uow.client.query(
          `INSERT INTO timers (element_id, purpose, definition_id, due_at, status, remaining, created_at) VALUES ($1, 'start', $2, $3, 'pending', $4, $5) RETURNING id`,
          [t.element_id, def.id, nextDue.due, nextDue.remaining, now],
        )).rows[0];
        const j: OutgoingJob = { jobId: jobIds.startTimer(Number(row.id)), queue: QueueName.Runtime, name: JobName.StartTimerFire, payload: { timerRowId: Number(row.id) }, availableAt: nextDue.due };
        await uow.client.query('INSERT INTO outbox (job_id, queue, job_name, payload, available_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [j.jobId, j.queue, j.name, JSON.stringify(j.payload), nextDue.due, now]);
        next.push(j);
      }
      return { kind: 'started' as const };
    });
    if (outcome.kind === 'early') return { kind: 'early', dueAt: outcome.due };
    this.rt.relay.push(next);
    return { kind: outcome.kind };
  }
}
