import type { EngineCommand, StepResult } from '@app/engine';
import type { InstanceRow } from '@app/persistence';
import { JobName, QueueName, jobIds, parseRetryCycle } from '@app/queue';
import type { Actor } from '../actor';
import type { StoredEvent } from './stored-event';
import type { UnitOfWork } from './unit-of-work';

/**
 * Turns one engine step into rows: the pure mapping from `StepResult` (state, commands, history
 * events) to what the transaction writes and which jobs leave through the outbox. No I/O.
 */
export interface PlanInput {
  /** The instance before the event (for a start: the new row with version 0). */
  row: InstanceRow;
  event: StoredEvent;
  result: StepResult;
  now: Date;
  actor: Actor;
}

/** The notification kind of each SLA event. */
const SLA_NOTIFICATION = { reminder: 'task-reminder', breach: 'task-breached', escalation: 'task-escalated' } as const;

/** The second whose wake-up fires a timer: the first whole second at or after it is due. */
export function wakeSecond(due: Date): number {
  return Math.ceil(due.getTime() / 1000);
}

export function planStep(uow: UnitOfWork, input: PlanInput): InstanceRow {
  const { row, event, result, actor } = input;
  const now = input.now.toISOString();
  const iid = row.id;
  const eventSeq = row.event_seq + 1;
  const version = row.version + 1;
  const w = uow.writes;

  w.events.push({ instance_id: iid, seq: eventSeq, event, now, actor: actor.userId });
  let historySeq = row.history_seq;
  for (const h of result.events) {
    historySeq += 1;
    w.history.push({
      instance_id: iid, seq: historySeq, event_seq: eventSeq, element_id: h.elementId, element_instance_id: h.elementInstanceId ?? null,
      transition: h.transition, at: h.at, detail: h.detail ?? null,
    });
  }

  // What the event itself settles.
  if (event.type === 'task-completed') uow.endTask(iid, event.elementInstanceId, 'completed', actor.userId, null, now);
  if (event.type === 'timer-fired') uow.endTimer(iid, event.timerId, 'fired', now);

  let ended: Extract<EngineCommand, { type: 'end-instance' }> | undefined;
  result.commands.forEach((c, index) => {
    const cmdJob = (kind: string) => jobIds.command(kind, iid, eventSeq, index);
    // Notifications leave through the outbox with the step: a rolled-back step notifies no one.
    const notify = (elementInstanceId: number, data: Record<string, unknown>) =>
      uow.addJob({ jobId: cmdJob('ntf'), queue: QueueName.Notifications, name: JobName.NotificationPlan, payload: { instanceId: iid, elementInstanceId }, availableAt: input.now }, data, iid, now);
    switch (c.type) {
      case 'create-user-task': {
        const a = c.assignment;
        w.tasksNew.push({
          instance_id: iid, element_instance_id: c.elementInstanceId, partnership_id: row.partnership_id, element_id: c.elementId, name: c.name ?? null,
          status: 'open', agency: a.agency ?? null, role: a.role ?? null, candidate_groups: a.candidateGroups ?? [], candidate_users: a.candidateUsers ?? [],
          assignee: a.assignee ?? null, due_at: c.dueAt ?? null, assignment: a, input: c.input ?? null, created_at: now, end_reason: null,
        });
        notify(c.elementInstanceId, { kind: 'task-created', elementId: c.elementId, dueAt: c.dueAt ?? null });
        break;
      }
      case 'cancel-user-task':
        uow.endTask(iid, c.elementInstanceId, 'cancelled', null, c.reason, now);
        break;
      case 'schedule-timer': {
        // The timer row is the truth; the wake-up of its second (shared with every other timer
        // due then, and with no instance of its own) makes the worker fire what is due.
        w.timersNew.push({ instance_id: iid, timer_id: c.timerId, element_instance_id: c.elementInstanceId, element_id: c.elementId, purpose: c.purpose, due_at: c.dueAt, status: 'pending', created_at: now });
        const second = wakeSecond(new Date(c.dueAt));
        uow.addJob({ jobId: jobIds.timerWake(second), queue: QueueName.Runtime, name: JobName.TimerWake, payload: { second }, availableAt: new Date(second * 1000) }, null, null, now);
        break;
      }
      case 'cancel-timer':
        // A wake-up with nothing left to fire is a no-op; it is not worth unarming.
        uow.endTimer(iid, c.timerId, 'cancelled', now);
        break;
      case 'invoke-service':
        uow.addJob(
          { jobId: cmdJob('svc'), queue: QueueName.Service, name: JobName.ServiceInvoke, payload: { instanceId: iid, elementInstanceId: c.elementInstanceId, version }, availableAt: input.now, retry: parseRetryCycle(c.retry) },
          { taskType: c.taskType, retry: c.retry, input: c.input ?? {}, headers: c.headers ?? {}, elementId: c.elementId }, iid, now,
        );
        break;
      case 'cancel-service': {
        for (const o of [...w.outboxNew]) {
          const p = o.payload as { elementInstanceId?: number };
          if (o.instance_id === iid && o.job_name === JobName.ServiceInvoke && p.elementInstanceId === c.elementInstanceId) uow.dropJob(o.job_id);
        }
        w.servicesCancel.push({ instance_id: iid, element_instance_id: c.elementInstanceId });
        break;
      }
      case 'start-child':
        uow.addJob(
          { jobId: cmdJob('child'), queue: QueueName.Runtime, name: JobName.ChildStart, payload: { instanceId: iid, elementInstanceId: c.elementInstanceId, version }, availableAt: input.now },
          { processId: c.processId, variables: c.variables, elementId: c.elementId }, iid, now,
        );
        break;
      case 'cancel-child':
        uow.addJob(
          { jobId: cmdJob('cancel-child'), queue: QueueName.Runtime, name: JobName.ChildCancel, payload: { instanceId: iid, elementInstanceId: c.elementInstanceId }, availableAt: input.now },
          null, iid, now,
        );
        break;
      case 'open-subscription':
        w.subsNew.push({
          instance_id: iid, subscription_id: c.subscriptionId, partnership_id: row.partnership_id, kind: c.kind, name: c.name,
          correlation_key: c.correlationKey ?? null, element_id: c.elementId, status: 'open', created_at: now,
        });
        break;
      case 'close-subscription':
        uow.closeSubscription(iid, c.subscriptionId);
        break;
      case 'publish-message':
        uow.addJob(
          { jobId: cmdJob('msg'), queue: QueueName.Runtime, name: JobName.MessagePublish, payload: { instanceId: iid }, availableAt: input.now },
          { name: c.name, correlationKey: c.correlationKey ?? null, variables: c.variables, partnershipId: row.partnership_id }, iid, now,
        );
        break;
      case 'broadcast-signal':
        uow.addJob(
          { jobId: cmdJob('sig'), queue: QueueName.Runtime, name: JobName.SignalBroadcast, payload: { instanceId: iid }, availableAt: input.now },
          { name: c.name, variables: c.variables, partnershipId: row.partnership_id, sourceInstanceId: iid }, iid, now,
        );
        break;
      case 'sla-event':
        w.slaEvents.push({
          instance_id: iid, partnership_id: row.partnership_id, kind: c.kind, element_instance_id: c.elementInstanceId, element_id: c.elementId,
          step: c.step ?? null, escalate_to: c.to ?? null, due_at: c.dueAt, created_at: now,
        });
        notify(c.elementInstanceId, { kind: SLA_NOTIFICATION[c.kind], elementId: c.elementId, dueAt: c.dueAt, step: c.step ?? null, to: c.to ?? null });
        break;
      case 'raise-incident':
        w.incidentsNew.push({
          instance_id: iid, incident_id: c.incidentId, partnership_id: row.partnership_id, element_instance_id: c.elementInstanceId,
          element_id: c.elementId, kind: c.kind, message: c.message, created_at: now,
        });
        break;
      case 'resolve-incident':
        uow.resolveIncident(iid, c.incidentId, now);
        break;
      case 'end-instance':
        ended = c;
        break;
      default: {
        const unknown: never = c;
        throw new Error(`unknown engine command ${(unknown as { type: string }).type}`);
      }
    }
  });

  const status = result.state.status;
  if (ended || status !== 'active') {
    uow.endInstance(iid, now);
    if (row.parent_instance_id !== null && row.parent_element_instance_id !== null) {
      const pei = row.parent_element_instance_id;
      const childEvent = ended?.error
        ? { type: 'child-error' as const, elementInstanceId: pei, errorCode: ended.error.code, ...(ended.error.message ? { message: ended.error.message } : {}) }
        : status === 'completed'
          ? { type: 'child-completed' as const, elementInstanceId: pei, variables: ended?.variables ?? result.state.variables }
          : { type: 'child-failed' as const, elementInstanceId: pei, message: 'the called instance was terminated' };
      uow.addJob(
        { jobId: jobIds.command('notify', iid, eventSeq, result.commands.length), queue: QueueName.Runtime, name: JobName.ChildNotifyParent, payload: { instanceId: iid, parentInstanceId: row.parent_instance_id }, availableAt: input.now },
        { event: childEvent }, iid, now,
      );
    }
  }

  const after: InstanceRow = { ...row, status, state: result.state, version, history_seq: historySeq, event_seq: eventSeq };
  w.instances.set(iid, {
    id: iid, partnership_id: row.partnership_id, definition_id: row.definition_id, process_id: row.process_id, business_key: row.business_key,
    status, state: result.state, version, history_seq: historySeq, event_seq: eventSeq, parent_instance_id: row.parent_instance_id,
    parent_element_instance_id: row.parent_element_instance_id, started_by: row.started_by, now,
  });
  uow.instances.set(iid, after);
  return after;
}
