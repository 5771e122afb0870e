import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { TASK_COLUMNS, TaskView, toTaskView } from '../list-tasks/list-tasks.use-case';

/** One user task. */
@Injectable()
export class GetTaskUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(actor: Actor, id: number): Promise<TaskView> {
    const rows = await this.rt.db.query(`SELECT ${TASK_COLUMNS} FROM user_tasks WHERE id = $1 AND partnership_id = $2`, [id, actor.partnershipId], 'rp_get_task_v1');
    if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `task ${id} not found`);
    return toTaskView(rows[0]);
  }
}
