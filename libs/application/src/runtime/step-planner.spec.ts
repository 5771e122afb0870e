import type { InstanceState, StepResult } from '@app/engine';
import type { InstanceRow } from '@app/persistence';
import { JobName, QueueName } from '@app/queue';
import { planStep } from './step-planner';
import { UnitOfWork } from './unit-of-work';

const now = new Date('2026-03-02T09:00:00.000Z');
const actor = { userId: 'u1', partnershipId: 'p1', roles: [] };
const state = (status: InstanceState['status'] = 'active'): InstanceState => ({ engineVersion: 1, processId: 'p', status, nextId: 10, variables: {}, elements: [], subscriptions: [] });
const row = (over: Partial<InstanceRow> = {}): InstanceRow => ({
  id: 7, partnership_id: 'p1', definition_id: 3, process_id: 'p', business_key: null, status: 'active', state: state(), version: 4, history_seq: 10,
  event_seq: 2, parent_instance_id: null, parent_element_instance_id: null, started_by: 'u0', ...over,
});
const uow = () => new UnitOfWork({} as never);

describe('planStep', () => {
  it('numbers history and events after the instance counters and bumps the version', () => {
    const u = uow();
    const result: StepResult = { state: state(), commands: [], events: [{ elementId: 'a', elementInstanceId: 1, transition: 'completed', at: now.toISOString() }, { elementId: 'f', transition: 'taken', at: now.toISOString() }] };
    const after = planStep(u, { row: row(), event: { type: 'task-completed', elementInstanceId: 1 }, result, now, actor });
    expect(after).toMatchObject({ version: 5, history_seq: 12, event_seq: 3 });
    expect(u.writes.history.map((h) => h.seq)).toEqual([11, 12]);
    expect(u.writes.events).toEqual([expect.objectContaining({ instance_id: 7, seq: 3, actor: 'u1' })]);
    expect(u.writes.tasksEnd).toEqual([expect.objectContaining({ element_instance_id: 1, status: 'completed', completed_by: 'u1' })]);
    expect(u.writes.instances.get(7)).toMatchObject({ version: 5, status: 'active' });
  });

  it('arms one wake-up per second of due timers through the outbox, and nets a timer scheduled and cancelled in one step', () => {
    const u = uow();
    const due = '2026-03-04T09:00:00.000Z';
    const result: StepResult = {
      state: state(),
      events: [],
      commands: [
        { type: 'schedule-timer', timerId: 5, dueAt: due, elementInstanceId: 2, elementId: 't', purpose: 'event' },
        { type: 'schedule-timer', timerId: 6, dueAt: due, elementInstanceId: 2, elementId: 's', purpose: 'sla' },
        { type: 'cancel-timer', timerId: 6 },
        { type: 'cancel-timer', timerId: 1 },
      ],
    };
    planStep(u, { row: row(), event: { type: 'message', name: 'm' }, result, now, actor });
    expect(u.writes.timersNew.map((t) => [t.timer_id, t.status])).toEqual([[5, 'pending'], [6, 'cancelled']]);
    // Both timers fall due in the same second: one shared wake-up, not tied to the instance.
    const second = Date.parse(due) / 1000;
    expect(u.jobs.filter((j) => j.name === JobName.TimerWake)).toEqual([{ jobId: `timer-wake-${second}`, queue: QueueName.Runtime, name: JobName.TimerWake, payload: { second }, availableAt: new Date(due) }]);
    expect(u.writes.outboxNew.filter((o) => o.job_name === JobName.TimerWake).map((o) => o.instance_id)).toEqual([null]);
    expect(u.writes.timersEnd).toEqual([expect.objectContaining({ timer_id: 1, status: 'cancelled' })]);
    expect(u.writes.outboxDelete).toEqual([]);
  });

  it('keeps service input in PostgreSQL and only ids in the job, with the retry cycle', () => {
    const u = uow();
    const result: StepResult = { state: state(), events: [], commands: [{ type: 'invoke-service', elementInstanceId: 4, elementId: 'svc', taskType: 'notify', retry: 'R5/PT30S', input: { caseRef: 'C-1' } }] };
    planStep(u, { row: row(), event: { type: 'message', name: 'm' }, result, now, actor });
    expect(u.jobs.find((j) => j.name === JobName.ServiceInvoke)).toMatchObject({ jobId: 'svc-7-3-0', queue: QueueName.Service, payload: { instanceId: 7, elementInstanceId: 4, version: 5 }, retry: { attempts: 5, delayMs: 30_000 } });
    expect(JSON.stringify(u.jobs.map((j) => j.payload))).not.toContain('C-1');
    expect(u.writes.outboxNew.find((o) => o.job_name === JobName.ServiceInvoke)!.data).toMatchObject({ taskType: 'notify', input: { caseRef: 'C-1' } });
  });

  it('closes what the step opened when the instance ends, and tells a parent', () => {
    const u = uow();
    const result: StepResult = {
      state: state('completed'),
      events: [],
      commands: [
        { type: 'create-user-task', elementInstanceId: 8, elementId: 'x', assignment: { escalation: [], dataScopes: [], form: [] } },
        { type: 'end-instance', status: 'completed', variables: { outcome: 'ok' } },
      ],
    };
    planStep(u, { row: row({ parent_instance_id: 1, parent_element_instance_id: 9 }), event: { type: 'message', name: 'm' }, result, now, actor });
    expect(u.writes.tasksNew[0]).toMatchObject({ status: 'cancelled', end_reason: 'instance-ended' });
    expect(u.writes.ended).toEqual([{ instance_id: 7, at: now.toISOString() }]);
    expect(u.jobs.filter((j) => j.name === JobName.ChildNotifyParent)).toEqual([expect.objectContaining({ payload: { instanceId: 7, parentInstanceId: 1 } })]);
    expect(u.writes.outboxNew.find((o) => o.job_name === JobName.ChildNotifyParent)!.data).toEqual({ event: { type: 'child-completed', elementInstanceId: 9, variables: { outcome: 'ok' } } });
  });

  it('rethrows a child error at the parent', () => {
    const u = uow();
    const result: StepResult = { state: state('completed'), events: [], commands: [{ type: 'end-instance', status: 'completed', variables: {}, error: { code: 'E1' } }] };
    planStep(u, { row: row({ parent_instance_id: 1, parent_element_instance_id: 9 }), event: { type: 'message', name: 'm' }, result, now, actor });
    expect(u.writes.outboxNew.find((o) => o.job_name === JobName.ChildNotifyParent)!.data).toEqual({ event: { type: 'child-error', elementInstanceId: 9, errorCode: 'E1' } });
  });
});
