import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Principal } from '@app/identity';
import { IdParamDto, PaginationQueryDto } from '../common/pagination.dto';
import { Allow, CurrentPrincipal } from '../security/access.decorators';
import { EscalationsService, RESOLUTIONS } from './escalations.service';

export class ListEscalationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved', 'all'], default: 'all' })
  @IsOptional() @IsIn(['open', 'acknowledged', 'resolved', 'all'])
  status?: string;

  @ApiPropertyOptional({ description: 'Agency id' }) @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,100}$/)
  agency?: string;

  @ApiPropertyOptional({ description: 'Role the step went to (agency-spoc, pathway-coordinator, partnership-coordinator, steering-group)' })
  @IsOptional() @Matches(/^[a-z-]{1,60}$/)
  to?: string;

  @ApiPropertyOptional({ description: 'Case id' }) @IsOptional() @Matches(/^[0-9a-f-]{36}$/)
  caseId?: string;
}

export class ResolveEscalationDto {
  @ApiPropertyOptional({ enum: RESOLUTIONS }) @IsOptional() @IsIn([...RESOLUTIONS])
  resolution?: string;

  @ApiPropertyOptional({ description: 'What was done (no personal data: it is not case data and goes to the steering group).' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class FlagsQueryDto {
  @ApiPropertyOptional({ example: '2026-Q2' }) @IsOptional() @Matches(/^\d{4}-Q[1-4]$/)
  quarter?: string;
}

/** SLA escalations (breaches and each step of the chain, with reason and time) and the pattern-of-misses flags. */
@ApiTags('escalations')
@Controller('escalations')
export class EscalationsController {
  constructor(@Inject(EscalationsService) private readonly escalations: EscalationsService) {}

  @Get()
  @Allow('partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'steering-group', 'manager')
  @ApiOperation({ summary: 'Breaches and escalation steps, newest first (coordinators: all; an agency SPOC: its agency\'s; steering group and managers: without case references).' })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListEscalationsQueryDto) {
    return this.escalations.list(p, { status: q.status, agency: q.agency, to: q.to, caseId: q.caseId, limit: q.limit, offset: q.offset });
  }

  @Get('flags')
  @Allow('steering-group', 'manager', 'partnership-coordinator', 'marac-coordinator', 'marac-chair')
  @ApiOperation({ summary: 'Agencies with a pattern of misses in a quarter (≥ missesPerQuarterToSteeringGroup SLA breaches or actions not acted on), flagged to the steering group.' })
  flags(@CurrentPrincipal() p: Principal, @Query() q: FlagsQueryDto) {
    return this.escalations.flags(p, q.quarter);
  }

  @Post('flags/:id/acknowledge')
  @HttpCode(200)
  @Allow('steering-group', 'partnership-coordinator')
  @ApiOperation({ summary: 'The steering group takes up a flag.' })
  acknowledgeFlag(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    return this.escalations.acknowledgeFlag(p, a.id);
  }

  @Get(':id')
  @Allow('partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'steering-group', 'manager')
  @ApiOperation({ summary: 'One escalation.' })
  get(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    return this.escalations.get(p, a.id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Allow('partnership-coordinator', 'marac-coordinator', 'marac-chair')
  @ApiOperation({ summary: 'A coordinator acknowledges an escalation (409 when it is no longer open).' })
  acknowledge(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    return this.escalations.acknowledge(p, a.id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Allow('partnership-coordinator', 'marac-coordinator', 'marac-chair')
  @ApiOperation({ summary: 'A coordinator resolves an escalation with what was done (409 when already resolved).' })
  resolve(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto, @Body() dto: ResolveEscalationDto) {
    return this.escalations.resolve(p, a.id, dto);
  }
}
