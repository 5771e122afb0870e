import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Variables } from '@app/engine';
import { Actor, CancelInstanceUseCase, GetInstanceUseCase, ListInstancesUseCase, StartInstanceUseCase } from '@app/application';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdParamDto } from '../common/pagination.dto';
import { CancelInstanceDto, ListInstancesQueryDto, StartInstanceDto } from './instances.dto';
import { Allow, COORDINATION } from '../security/access.decorators';

@ApiTags('instances')
@Allow(...COORDINATION)
@Controller('instances')
export class InstancesController {
  constructor(
    private readonly start: StartInstanceUseCase,
    private readonly list: ListInstancesUseCase,
    private readonly get: GetInstanceUseCase,
    private readonly cancel: CancelInstanceUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Start an instance; it runs to its first wait states before this returns.' })
  startInstance(@CurrentActor() actor: Actor, @Body() dto: StartInstanceDto) {
    return this.start.execute({ actor, definitionId: dto.definitionId, key: dto.key, processId: dto.processId, variables: dto.variables as Variables | undefined, businessKey: dto.businessKey });
  }

  @Get()
  @ApiOperation({ summary: 'List instances (newest first).' })
  listInstances(@CurrentActor() actor: Actor, @Query() q: ListInstancesQueryDto) {
    return this.list.execute({ actor, status: q.status, definitionId: q.definitionId, processId: q.processId, businessKey: q.businessKey, limit: q.limit, offset: q.offset });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One instance with its history, tasks and incidents.' })
  getInstance(@CurrentActor() actor: Actor, @Param() p: IdParamDto) {
    return this.get.execute(actor, p.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an active instance.' })
  cancelInstance(@CurrentActor() actor: Actor, @Param() p: IdParamDto, @Body() dto: CancelInstanceDto) {
    return this.cancel.execute(actor, p.id, dto.reason);
  }
}
