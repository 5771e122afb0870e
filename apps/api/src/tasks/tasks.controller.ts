import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Variables } from '@app/engine';
import { Actor, ClaimTaskUseCase, CompleteTaskUseCase, GetTaskUseCase, ListTasksUseCase, UnclaimTaskUseCase } from '@app/application';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdParamDto } from '../common/pagination.dto';
import { CompleteTaskDto, ListTasksQueryDto } from './tasks.dto';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly list: ListTasksUseCase,
    private readonly get: GetTaskUseCase,
    private readonly claim: ClaimTaskUseCase,
    private readonly unclaim: UnclaimTaskUseCase,
    private readonly complete: CompleteTaskUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List user tasks (oldest first).' })
  listTasks(@CurrentActor() actor: Actor, @Query() q: ListTasksQueryDto) {
    return this.list.execute({ actor, status: q.status, instanceId: q.instanceId, agency: q.agency, assignee: q.assignee, candidateGroup: q.candidateGroup, limit: q.limit, offset: q.offset });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user task.' })
  getTask(@CurrentActor() actor: Actor, @Param() p: IdParamDto) {
    return this.get.execute(actor, p.id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task (409 if someone else holds it).' })
  claimTask(@CurrentActor() actor: Actor, @Param() p: IdParamDto) {
    return this.claim.execute(actor, p.id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a claimed task back.' })
  unclaimTask(@CurrentActor() actor: Actor, @Param() p: IdParamDto) {
    return this.unclaim.execute(actor, p.id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task with its output (422 when the output does not match the form; 409 when it is no longer open).' })
  completeTask(@CurrentActor() actor: Actor, @Param() p: IdParamDto, @Body() dto: CompleteTaskDto) {
    return this.complete.execute({ actor, taskId: p.id, variables: dto.variables as Variables | undefined });
  }
}
