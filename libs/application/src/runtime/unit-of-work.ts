import type { PoolClient } from 'pg';
import { emptyWrites, InstanceRow, StepWrites, WriteCounts } from '@app/persistence';
import type { OutgoingJob, QueueName } from '@app/queue';

/**
 * One transaction's worth of events. Instances locked here are cached so that a second event on
 * the same instance in the same transaction sees the first one's state; all rows are gathered in
 * `writes` and flushed by one statement before COMMIT. Rows created and ended in the same
 * transaction are netted here (a statement cannot update the rows it inserts).
 */
export class UnitOfWork {
  readonly writes: StepWrites = emptyWrites();
  /** Instances locked (and possibly changed) in this transaction. */
  readonly instances = new Map<number, InstanceRow>();
  /** Jobs to hand to the relay after COMMIT. */
  readonly jobs: OutgoingJob[] = [];
  /** Delayed jobs to remove after COMMIT (cancelled timers). */
  readonly unarm: { queue: QueueName; jobId: string }[] = [];
  /** Work to do after COMMIT (e.g. cache updates). */
  readonly afterCommit: (() => void)[] = [];
  /** What the flush reported (set after the flush). */
  flushed?: WriteCounts;

  constructor(readonly client: PoolClient) {}

  endTask(instanceId: number, elementInstanceId: number, status: 'completed' | 'cancelled', by: string | null, reason: string | null, at: string): void {
    const created = this.writes.tasksNew.find((t) => t.instance_id === instanceId && t.element_instance_id === elementInstanceId);
    if (created) {
      created.status = status;
      created.end_reason = reason;
      return;
    }
    this.writes.tasksEnd.push({ instance_id: instanceId, element_instance_id: elementInstanceId, status, completed_by: by, end_reason: reason, at });
  }

  endTimer(instanceId: number, timerId: number, status: 'fired' | 'cancelled', at: string): void {
    const created = this.writes.timersNew.find((t) => t.instance_id === instanceId && t.timer_id === timerId);
    if (created) created.status = status;
    else this.writes.timersEnd.push({ instance_id: instanceId, timer_id: timerId, status, at });
  }

  closeSubscription(instanceId: number, subscriptionId: number): void {
    const created = this.writes.subsNew.find((s) => s.instance_id === instanceId && s.subscription_id === subscriptionId);
    if (created) created.status = 'closed';
    else this.writes.subsClose.push({ instance_id: instanceId, subscription_id: subscriptionId });
  }

  resolveIncident(instanceId: number, incidentId: number, at: string): void {
    const i = this.writes.incidentsNew.findIndex((x) => x.instance_id === instanceId && x.incident_id === incidentId);
    if (i >= 0) this.writes.incidentsNew.splice(i, 1);
    else this.writes.incidentsResolve.push({ instance_id: instanceId, incident_id: incidentId, at });
  }

  /** Deletes an outbox row: the job's effect is applied here, or the job is no longer wanted. */
  dropJob(jobId: string): void {
    const i = this.writes.outboxNew.findIndex((o) => o.job_id === jobId);
    if (i >= 0) {
      this.writes.outboxNew.splice(i, 1);
      const j = this.jobs.findIndex((x) => x.jobId === jobId);
      if (j >= 0) this.jobs.splice(j, 1);
    } else if (!this.writes.outboxDelete.includes(jobId)) {
      this.writes.outboxDelete.push(jobId);
    }
  }

  addJob(job: OutgoingJob, data: unknown, instanceId: number | null, now: string): void {
    // Shared jobs (a second's timer wake-up) are added once per transaction.
    if (this.writes.outboxNew.some((o) => o.job_id === job.jobId)) return;
    this.writes.outboxNew.push({
      job_id: job.jobId,
      queue: job.queue,
      job_name: job.name,
      payload: job.payload,
      data: data ?? null,
      instance_id: instanceId,
      available_at: job.availableAt.toISOString(),
      created_at: now,
    });
    this.jobs.push(job);
  }

  /** The instance ended: what this transaction opened for it is closed too. */
  endInstance(instanceId: number, at: string): void {
    for (const t of this.writes.tasksNew) if (t.instance_id === instanceId && t.status === 'open') { t.status = 'cancelled'; t.end_reason = 'instance-ended'; }
    for (const t of this.writes.timersNew) if (t.instance_id === instanceId && t.status === 'pending') t.status = 'cancelled';
    for (const s of this.writes.subsNew) if (s.instance_id === instanceId) s.status = 'closed';
    for (const o of [...this.writes.outboxNew]) {
      if (o.instance_id === instanceId && o.job_name === 'service.invoke') this.dropJob(o.job_id);
    }
    this.writes.ended.push({ instance_id: instanceId, at });
  }
}
