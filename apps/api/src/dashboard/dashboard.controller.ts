import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RUNTIME, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Principal } from '@app/identity';
import { Allow, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT } from '../security/security.tokens';

/** Managers and the steering group: aggregates only, never a case or a person. */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices, @Inject(AUDIT) private readonly audit: AuditLog) {}

  @Get('summary')
  @Allow('manager', 'steering-group', 'partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'Open and overdue tasks per agency, cases by status: counts only.' })
  async summary(@CurrentPrincipal() p: Principal) {
    const now = this.rt.clock.now();
    const workload = await this.rt.db.query(
      `SELECT a.name AS agency, count(t.id) FILTER (WHERE t.status = 'open') AS open, count(t.id) FILTER (WHERE t.status = 'open' AND t.due_at < $2) AS overdue
       FROM agencies a LEFT JOIN user_tasks t ON t.agency_id = a.id WHERE a.partnership_id = $1 GROUP BY a.name ORDER BY a.name`,
      [p.partnershipId, now],
    );
    const cases = await this.rt.db.query('SELECT status, count(*) AS n, count(*) FILTER (WHERE has_children) AS with_children FROM cases WHERE partnership_id = $1 GROUP BY status ORDER BY status', [p.partnershipId]);
    await this.audit.record({ who: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null }, action: 'dashboard.read', outcome: 'allowed' });
    return {
      workload: workload.map((w) => ({ agency: String(w.agency), open: Number(w.open), overdue: Number(w.overdue) })),
      cases: cases.map((c) => ({ status: String(c.status), count: Number(c.n), withChildren: Number(c.with_children) })),
      breachRate: [], completion: [], kpis: [],
    };
  }
}
