import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { TASK_COLUMNS, TaskView, toTaskView } from '../list-tasks/list-tasks.use-case';
import { GetTaskUseCase } from '../get-task/get-task.use-case';

/** Claims an open task for the actor (409 if someone else holds it or it is no longer open). */
@Injectable()
export class ClaimTaskUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    private readonly getTask: GetTaskUseCase,
  ) {}

  async execute(actor: Actor, id: number): Promise<TaskView> {
    const rows = await this.rt.db.query(
      `UPDATE user_tasks SET assignee = $3 WHERE id = $1 AND partnership_id = $2 AND status = 'open' AND (assignee IS NULL OR assignee = $3) RETURNING ${TASK_COLUMNS}`,
      [id, actor.partnershipId, actor.userId],
    );
    if (rows[0]) return toTaskView(rows[0]);
    const task = await this.getTask.execute(actor, id);
    if (task.status !== 'open') throw new DomainError(ErrorCode.Conflict, `task ${id} is ${task.status}`);
    throw new DomainError(ErrorCode.Conflict, `task ${id} is claimed by someone else`);
  }
}
