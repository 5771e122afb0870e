import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { page, Page, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface TaskView {
  id: number;
  instanceId: number;
  elementInstanceId: number;
  elementId: string;
  name: string | null;
  status: string;
  agency: string | null;
  role: string | null;
  candidateGroups: string[];
  assignee: string | null;
  dueAt: string | null;
  form: unknown;
  input: unknown;
  createdAt: string;
  endedAt: string | null;
  completedBy: string | null;
}

export const TASK_COLUMNS = 'id, instance_id, element_instance_id, element_id, name, status, agency, role, candidate_groups, assignee, due_at, assignment, input, created_at, ended_at, completed_by';

export function toTaskView(r: Record<string, unknown>): TaskView {
  const assignment = (r.assignment ?? {}) as { form?: unknown };
  return {
    id: Number(r.id), instanceId: Number(r.instance_id), elementInstanceId: Number(r.element_instance_id), elementId: String(r.element_id),
    name: (r.name as string | null) ?? null, status: String(r.status), agency: (r.agency as string | null) ?? null, role: (r.role as string | null) ?? null,
    candidateGroups: (r.candidate_groups as string[]) ?? [], assignee: (r.assignee as string | null) ?? null,
    dueAt: r.due_at ? (r.due_at as Date).toISOString() : null, form: assignment.form ?? [], input: r.input ?? null,
    createdAt: (r.created_at as Date).toISOString(), endedAt: r.ended_at ? (r.ended_at as Date).toISOString() : null, completedBy: (r.completed_by as string | null) ?? null,
  };
}

export interface ListTasksQuery {
  actor: Actor;
  status?: string;
  instanceId?: number;
  agency?: string;
  assignee?: string;
  candidateGroup?: string;
  limit: number;
  offset: number;
}

/** Lists user tasks of the actor's partnership (oldest first: a queue of work). */
@Injectable()
export class ListTasksUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  execute(q: ListTasksQuery): Promise<Page<TaskView>> {
    const where = ['partnership_id = $1'];
    const values: unknown[] = [q.actor.partnershipId];
    const add = (sql: (n: number) => string, v: unknown) => {
      values.push(v);
      where.push(sql(values.length));
    };
    if (q.status) add((n) => `status = $${n}`, q.status);
    if (q.instanceId !== undefined) add((n) => `instance_id = $${n}`, q.instanceId);
    if (q.agency) add((n) => `agency = $${n}`, q.agency);
    if (q.assignee) add((n) => `assignee = $${n}`, q.assignee);
    if (q.candidateGroup) add((n) => `$${n} = ANY(candidate_groups)`, q.candidateGroup);
    const w = where.join(' AND ');
    return page(this.rt.db.pool, `SELECT ${TASK_COLUMNS} FROM user_tasks WHERE ${w} ORDER BY id`, `SELECT count(*) AS total FROM user_tasks WHERE ${w}`, values, q.limit, q.offset, toTaskView);
  }
}
