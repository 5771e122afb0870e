/**
 * Who hears of what. A new task goes to its agency's queue (the single point of contact and the
 * workers with the task's role) plus anyone it names (assignee, candidate users); a reminder to
 * whoever holds the task, or the queue while nobody does; a breach to the holder and the agency's
 * single point of contact; an escalation step to the role it names, within the partnership.
 */
import type { PlanData } from '../notifications.types';
import { SPOC_ROLE, type NotificationRecipient, type RecipientDirectory } from '../ports/recipient-directory.port';

export interface TaskForRecipients {
  partnershipId: string;
  agency: string | null;
  role: string | null;
  assignee: string | null;
  candidateUsers: string[];
}

export async function resolveRecipients(dir: RecipientDirectory, task: TaskForRecipients, plan: PlanData): Promise<NotificationRecipient[]> {
  const lists: Promise<NotificationRecipient[]>[] = [];
  const named = [...(task.assignee ? [task.assignee] : []), ...task.candidateUsers];
  const queue = () => (task.agency ? dir.agencyQueue(task.partnershipId, task.agency, task.role) : Promise.resolve([]));
  switch (plan.kind) {
    case 'task-created':
      lists.push(queue());
      if (named.length > 0) lists.push(dir.users(task.partnershipId, named));
      break;
    case 'task-reminder':
      lists.push(task.assignee ? dir.users(task.partnershipId, [task.assignee]) : queue());
      break;
    case 'task-breached':
      if (task.assignee) lists.push(dir.users(task.partnershipId, [task.assignee]));
      lists.push(dir.escalationRole(task.partnershipId, SPOC_ROLE, task.agency));
      break;
    case 'task-escalated':
      lists.push(dir.escalationRole(task.partnershipId, plan.to ?? SPOC_ROLE, task.agency));
      break;
    default: {
      const unknown: never = plan.kind;
      throw new Error(`unknown notification kind ${String(unknown)}`);
    }
  }
  const byId = new Map<string, NotificationRecipient>();
  for (const list of await Promise.all(lists)) for (const r of list) if (!byId.has(r.userId)) byId.set(r.userId, r);
  // Sorted, so concurrent plans lock users' stream cursors in one order (no deadlocks).
  return [...byId.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
