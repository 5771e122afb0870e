/**
 * User task: a task for an agency (create-user-task), with the SLA timers the `referral`
 * extension asks for: a reminder before the due time, the breach at it, and each step of the
 * escalation chain after it, all in working days when the task names a calendar.
 */
import type { Subscription, TaskAssignment } from '../../contract.types';
import { addCalendarDuration, resolveCalendar } from '../../time/timers';
import type { Behaviour } from '../runner';

const EMPTY: TaskAssignment = { escalation: [], dataScopes: [], form: [] };

export const userTaskBehaviour: Behaviour = {
  execute(r, ei, node) {
    const assignment = node.userTask ?? EMPTY;
    const timers = r.guard(ei, () => {
      if (!assignment.sla) return [];
      const calendar = resolveCalendar(assignment.calendar, r.ctx);
      const due = addCalendarDuration(r.ctx.now, assignment.sla, calendar);
      ei.due = due.toISOString();
      const out: Omit<Subscription, 'id'>[] = [];
      if (assignment.reminder) {
        const at = addCalendarDuration(due, assignment.reminder, calendar, -1);
        if (at > r.ctx.now) out.push({ kind: 'sla', ei: ei.id, el: node.id, due: at.toISOString(), sla: 'reminder' });
      }
      out.push({ kind: 'sla', ei: ei.id, el: node.id, due: ei.due, sla: 'breach' });
      assignment.escalation.forEach((step, index) => {
        out.push({ kind: 'sla', ei: ei.id, el: node.id, due: addCalendarDuration(due, step.after, calendar).toISOString(), sla: 'escalation', step: index });
      });
      return out;
    });
    if (timers === undefined) return;
    r.command({
      type: 'create-user-task',
      elementInstanceId: ei.id,
      elementId: node.id,
      ...(node.name ? { name: node.name } : {}),
      assignment,
      ...(ei.due ? { dueAt: ei.due } : {}),
      ...(ei.v ? { input: ei.v } : {}),
    });
    for (const timer of timers) r.openSubscription(timer);
  },

  cancel(r, ei, _node, reason) {
    r.command({ type: 'cancel-user-task', elementInstanceId: ei.id, reason });
  },

  slaFired(r, ei, node, sub) {
    const kind = sub.sla ?? 'breach';
    const step = sub.step !== undefined ? node.userTask?.escalation[sub.step] : undefined;
    r.record(node.id, kind === 'reminder' ? 'sla-reminder' : kind === 'breach' ? 'sla-breach' : 'sla-escalation', ei.id, step?.to);
    r.command({
      type: 'sla-event',
      kind,
      elementInstanceId: ei.id,
      elementId: node.id,
      dueAt: ei.due ?? sub.due!,
      ...(sub.step !== undefined ? { step: sub.step } : {}),
      ...(step ? { to: step.to } : {}),
    });
  },
};
