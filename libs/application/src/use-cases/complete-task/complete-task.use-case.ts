import { Inject, Injectable } from '@nestjs/common';
import { validateFormOutput, type FormField, type Variables } from '@app/engine';
import type { CreatedTask } from '@app/persistence';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface CompleteTaskCommand {
  actor: Actor;
  taskId: number;
  variables?: Variables;
}

export interface CompletedTask {
  taskId: number;
  instanceId: number;
  instanceStatus: string;
  /** The user tasks the completion opened (visible as soon as this returns). */
  nextTasks: CreatedTask[];
}

/**
 * Completes a user task: the output is validated against the task's form (422), then the
 * engine runs to the next wait states in one transaction. A task already completed, cancelled
 * or claimed by someone else is a 409.
 */
@Injectable()
export class CompleteTaskUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(cmd: CompleteTaskCommand): Promise<CompletedTask> {
    const rows = await this.rt.db.query(
      'SELECT instance_id, element_instance_id, status, assignee, assignment FROM user_tasks WHERE id = $1 AND partnership_id = $2',
      [cmd.taskId, cmd.actor.partnershipId],
      'rp_task_for_complete_v1',
    );
    const task = rows[0];
    if (!task) throw new DomainError(ErrorCode.NotFound, `task ${cmd.taskId} not found`);
    if (task.status !== 'open') throw new DomainError(ErrorCode.Conflict, `task ${cmd.taskId} is ${task.status}`);
    if (task.assignee && task.assignee !== cmd.actor.userId) throw new DomainError(ErrorCode.Conflict, `task ${cmd.taskId} is claimed by someone else`);
    const form = ((task.assignment as { form?: FormField[] }).form ?? []) as FormField[];
    const variables = cmd.variables ?? {};
    const problems = validateFormOutput(form, variables);
    if (problems.length > 0) throw new DomainError(ErrorCode.InvalidOutput, 'the output does not match the task form', problems.map((message) => ({ message })));
    const instanceId = Number(task.instance_id);
    // Completions that arrive together share a commit (group commit); each is still all or nothing.
    const { outcome, newTasks } = await this.rt.batcher.applyDetailed(
      instanceId, { type: 'task-completed', elementInstanceId: Number(task.element_instance_id), variables }, { actor: cmd.actor },
    );
    if (outcome.kind !== 'applied') throw new DomainError(ErrorCode.Conflict, `task ${cmd.taskId} is no longer open`);
    return { taskId: cmd.taskId, instanceId, instanceStatus: outcome.row.status, nextTasks: newTasks };
  }
}
