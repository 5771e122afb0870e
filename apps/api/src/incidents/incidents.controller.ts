import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Min } from 'class-validator';
import type { Variables } from '@app/engine';
import { Actor, ListIncidentsUseCase, RetryIncidentUseCase } from '@app/application';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdParamDto, PaginationQueryDto } from '../common/pagination.dto';
import { Allow, COORDINATION } from '../security/access.decorators';

export class ListIncidentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional() @IsIn(['open', 'resolved'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  instanceId?: number;
}

export class RetryIncidentDto {
  @ApiPropertyOptional({ description: 'Variables to set before the retry (to fix the cause).', type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;
}

@ApiTags('incidents')
@Allow(...COORDINATION)
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly list: ListIncidentsUseCase,
    private readonly retry: RetryIncidentUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List incidents.' })
  listIncidents(@CurrentActor() actor: Actor, @Query() q: ListIncidentsQueryDto) {
    return this.list.execute({ actor, status: q.status, instanceId: q.instanceId, limit: q.limit, offset: q.offset });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry an incident once its cause is fixed.' })
  retryIncident(@CurrentActor() actor: Actor, @Param() p: IdParamDto, @Body() dto: RetryIncidentDto) {
    return this.retry.execute(actor, p.id, dto.variables as Variables | undefined);
  }
}
