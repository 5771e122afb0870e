import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { INSTANCE_COLUMNS, InstanceSummary, toInstanceSummary } from '../list-instances/list-instances.use-case';
import { TaskView, TASK_COLUMNS, toTaskView } from '../list-tasks/list-tasks.use-case';

export interface HistoryEntry {
  seq: number;
  eventSeq: number;
  elementId: string;
  elementInstanceId: number | null;
  transition: string;
  at: string;
  detail: string | null;
}

export interface InstanceDetail extends InstanceSummary {
  variables: unknown;
  history: HistoryEntry[];
  tasks: TaskView[];
  incidents: { id: number; elementId: string; kind: string; message: string; status: string; createdAt: string }[];
}

/** One instance with its history (in order), tasks and incidents. */
@Injectable()
export class GetInstanceUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(actor: Actor, id: number): Promise<InstanceDetail> {
    const db = this.rt.db;
    const [rows, history, tasks, incidents] = await Promise.all([
      db.query(`SELECT ${INSTANCE_COLUMNS}, state->'variables' AS variables FROM instances WHERE id = $1 AND partnership_id = $2`, [id, actor.partnershipId]),
      db.query('SELECT seq, event_seq, element_id, element_instance_id, transition, at, detail FROM history WHERE instance_id = $1 ORDER BY seq', [id]),
      db.query(`SELECT ${TASK_COLUMNS} FROM user_tasks WHERE instance_id = $1 ORDER BY id`, [id]),
      db.query('SELECT id, element_id, kind, message, status, created_at FROM incidents WHERE instance_id = $1 ORDER BY id', [id]),
    ]);
    const r = rows[0];
    if (!r) throw new DomainError(ErrorCode.NotFound, `instance ${id} not found`);
    return {
      ...toInstanceSummary(r),
      variables: r.variables ?? {},
      history: history.map((h) => ({
        seq: Number(h.seq), eventSeq: Number(h.event_seq), elementId: String(h.element_id), elementInstanceId: (h.element_instance_id as number | null) ?? null,
        transition: String(h.transition), at: (h.at as Date).toISOString(), detail: (h.detail as string | null) ?? null,
      })),
      tasks: tasks.map(toTaskView),
      incidents: incidents.map((i) => ({ id: Number(i.id), elementId: String(i.element_id), kind: String(i.kind), message: String(i.message), status: String(i.status), createdAt: (i.created_at as Date).toISOString() })),
    };
  }
}
