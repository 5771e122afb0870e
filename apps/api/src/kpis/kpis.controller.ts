import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import type { Principal } from '@app/identity';
import { Allow, CurrentPrincipal } from '../security/access.decorators';
import { KPI_READERS } from '../pathways/pathway-support';
import { KpisService } from './kpis.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class KpiQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @Matches(DATE) to?: string;
  @ApiPropertyOptional({ example: 'marac-safelives' }) @IsOptional() @Matches(/^[A-Za-z_][\w.-]{0,200}$/) pathway?: string;
  @ApiPropertyOptional({ description: 'Agency id or code' }) @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,100}$/) agency?: string;
}
export class KpiDimensionParamDto {
  @ApiProperty({ enum: ['pathway', 'agency', 'period'] }) @IsIn(['pathway', 'agency', 'period']) dimension!: 'pathway' | 'agency' | 'period';
}
export class QuarterQueryDto {
  @ApiProperty({ example: '2026-Q1' }) @Matches(/^\d{4}-Q[1-4]$/) quarter!: string;
}

/** Partnership KPIs: aggregates only, for managers, the steering group and the coordinators. */
@ApiTags('kpis')
@Allow(...KPI_READERS)
@Controller()
export class KpisController {
  constructor(@Inject(KpisService) private readonly kpis: KpisService) {}

  @Get('kpis')
  @ApiOperation({ summary: 'SafeLives measures, referral-to-meeting and to IDVA contact, action completion, SLA breach rate by agency and task (filters: period, pathway, agency).' })
  summary(@CurrentPrincipal() p: Principal, @Query() q: KpiQueryDto) {
    return this.kpis.summary(p, q);
  }

  @Get('kpis/by/:dimension')
  @ApiOperation({ summary: 'The KPIs by pathway, by agency (cases by referring agency; actions and SLAs by owner) or by quarter.' })
  by(@CurrentPrincipal() p: Principal, @Param() a: KpiDimensionParamDto, @Query() q: KpiQueryDto) {
    return this.kpis.by(p, a.dimension, q);
  }

  @Get('kpis/quarterly-return')
  @ApiOperation({ summary: 'The quarterly MARAC return (SafeLives dataset layout: one row per meeting and a total).' })
  async quarterly(@CurrentPrincipal() p: Principal, @Query() q: QuarterQueryDto) {
    return (await this.kpis.quarterly(p, q.quarter)).ret;
  }

  @Get('kpis/quarterly-return.csv')
  @ApiOperation({ summary: 'The quarterly MARAC return as CSV (attachment).' })
  async quarterlyCsv(@CurrentPrincipal() p: Principal, @Query() q: QuarterQueryDto, @Res({ passthrough: true }) res: Response) {
    const { csv } = await this.kpis.quarterly(p, q.quarter);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="marac-return-${q.quarter}.csv"`);
    return csv;
  }

  @Get('kpis/export.csv')
  @ApiOperation({ summary: 'The KPIs as CSV (overall, by pathway, agency and quarter; one line per measure).' })
  async exportCsv(@CurrentPrincipal() p: Principal, @Query() q: KpiQueryDto, @Res({ passthrough: true }) res: Response) {
    const csv = await this.kpis.exportCsv(p, q);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="kpis.csv"');
    return csv;
  }
}
