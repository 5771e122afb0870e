import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { TASK_COLUMNS, TaskView, toTaskView } from '../list-tasks/list-tasks.use-case';
import { GetTaskUseCase } from '../get-task/get-task.use-case';

/** Hands a claimed task back to its candidates. */
@Injectable()
export class UnclaimTaskUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    private readonly getTask: GetTaskUseCase,
  ) {}

  async execute(actor: Actor, id: number): Promise<TaskView> {
    const rows = await this.rt.db.query(
      `UPDATE user_tasks SET assignee = NULL WHERE id = $1 AND partnership_id = $2 AND status = 'open' AND assignee = $3 RETURNING ${TASK_COLUMNS}`,
      [id, actor.partnershipId, actor.userId],
    );
    if (rows[0]) return toTaskView(rows[0]);
    const task = await this.getTask.execute(actor, id);
    if (task.status !== 'open') throw new DomainError(ErrorCode.Conflict, `task ${id} is ${task.status}`);
    throw new DomainError(ErrorCode.Conflict, `task ${id} is not claimed by you`);
  }
}
