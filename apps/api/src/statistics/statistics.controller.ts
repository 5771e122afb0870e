import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { dashboardCsv, PathwayStatisticsUseCase, type StatisticsFilter } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Principal } from '@app/identity';
import { Allow, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT } from '../security/security.tokens';
import { PathwayKeyParamDto, StatisticsQueryDto } from './statistics.dto';

/** Managers, the steering group and the partnership's coordinators: aggregates only. */
const STATISTICS_READERS = ['manager', 'steering-group', 'partnership-coordinator', 'marac-coordinator'] as const;

const who = (p: Principal) => ({ userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null });

function filterOf(q: StatisticsQueryDto): StatisticsFilter {
  return { from: q.from, to: q.to, ...(q.pathway ? { pathway: q.pathway } : {}), ...(q.agency ? { agency: q.agency } : {}) };
}

/**
 * Issue 6's dashboard figures: open and overdue work by agency, the SLA breach rate over time,
 * time to complete (p50, p90), per-element waiting times for the heat-map, and the CSV export.
 * Computed over case tasks, so every read is audited (the filter, never a case).
 */
@ApiTags('statistics')
@Allow(...STATISTICS_READERS)
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly stats: PathwayStatisticsUseCase,
    @Inject(AUDIT) private readonly audit: AuditLog,
  ) {}

  @Get('pathways')
  @ApiOperation({ summary: 'The partnership\'s pathways (definition keys, latest name and version), for the filters.' })
  pathways(@CurrentPrincipal() p: Principal) {
    return this.stats.pathways(p);
  }

  @Get('dashboard')
  @ApiOperation({ summary: 'Open and overdue tasks by agency (now), breach rate by week or month, breaches by agency, time to complete p50/p90: counts and hours only.' })
  async dashboard(@CurrentPrincipal() p: Principal, @Query() q: StatisticsQueryDto) {
    const f = filterOf(q);
    const d = await this.stats.dashboard(p, f);
    await this.audit.record({ who: who(p), action: 'statistics.read', outcome: 'allowed', target: 'dashboard', detail: { ...f } });
    return d;
  }

  @Get('pathways/:key/element-waits')
  @ApiOperation({ summary: 'Per element of a pathway: activations, still open, mean/p50/p90 hours from activated to completed (the heat-map).' })
  async elementWaits(@CurrentPrincipal() p: Principal, @Param() a: PathwayKeyParamDto, @Query() q: StatisticsQueryDto) {
    const f = filterOf(q);
    const rows = await this.stats.elementWaits(p, a.key, f);
    await this.audit.record({ who: who(p), action: 'statistics.read', outcome: 'allowed', target: `pathway:${a.key}`, detail: { ...f } });
    return rows;
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The dashboard as CSV (one row per figure: metric, period, agency, element, value, unit).' })
  async exportCsv(@CurrentPrincipal() p: Principal, @Query() q: StatisticsQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const f = filterOf(q);
    const d = await this.stats.dashboard(p, f);
    await this.audit.record({ who: who(p), action: 'statistics.export', outcome: 'allowed', target: 'dashboard.csv', detail: { ...f } });
    res.setHeader('Content-Disposition', `attachment; filename="dashboard-${f.from}-to-${f.to}.csv"`);
    return dashboardCsv(d);
  }
}
