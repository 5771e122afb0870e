/**
 * User task: a task for an agency (create-user-task), with the SLA timers the `referral`
 * extension asks for: a reminder before the due time, the breach at it, and each step of the
 * escalation chain after it, all in working days when the task names a calendar.
 */
import type { ElementInstance, Subscription, TaskAssignment } from '../../contract.types';
import type { NodeModel } from '../../model.types';
import { FeelEvaluationError } from '../../feel/feel';
import { parseDuration } from '../../time/iso.util';
import { addCalendarDuration, resolveCalendar } from '../../time/timers';
import type { Behaviour, Runner } from '../runner';

const EMPTY: TaskAssignment = { escalation: [], dataScopes: [], form: [] };

/** The assignment with its FEEL parts evaluated in the task's scope. */
function resolveAssignment(r: Runner, ei: ElementInstance, node: NodeModel): TaskAssignment {
  const assignment: TaskAssignment = { ...(node.userTask ?? EMPTY) };
  for (const [key, expr] of Object.entries(node.assignmentExprs ?? {})) {
    const value = r.evaluate(expr, ei.id);
    if (key === 'candidateGroups' || key === 'candidateUsers') {
      const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : null;
      if (!list) throw new FeelEvaluationError(`the task's ${key} "${expr.src}" gave ${JSON.stringify(value)}, not a list`, 'failure');
      assignment[key] = list;
      continue;
    }
    if (typeof value !== 'string' || !value.trim()) throw new FeelEvaluationError(`the task's ${key} "${expr.src}" gave ${JSON.stringify(value)}, not text`, 'failure');
    if ((key === 'sla' || key === 'reminder') && !parseDuration(value)) {
      throw new FeelEvaluationError(`the task's ${key} "${expr.src}" gave "${value}", not an ISO 8601 duration`, 'failure');
    }
    (assignment as unknown as Record<string, string>)[key] = value.trim();
  }
  if (!assignment.agency && assignment.candidateGroups?.length) assignment.agency = assignment.candidateGroups[0];
  return assignment;
}

export const userTaskBehaviour: Behaviour = {
  execute(r, ei, node) {
    const assignment = r.guard(ei, () => resolveAssignment(r, ei, node));
    if (!assignment) return;
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
