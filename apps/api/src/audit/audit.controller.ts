import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditLog } from '@app/audit';
import type { CasesService } from '@app/cases';
import type { Principal } from '@app/identity';
import { Allow, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT, CASES } from '../security/security.tokens';
import { AuditQueryDto, BreakGlassQueryDto, NumericIdParamDto, SubjectAccessQueryDto } from './audit.dto';

/** The data-protection officer's tools: audit search, break-glass review, subject access export. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AUDIT) private readonly audit: AuditLog, @Inject(CASES) private readonly cases: CasesService) {}

  @Get()
  @Allow('dpo')
  @ApiOperation({ summary: 'Search the audit log of the partnership (newest first).' })
  async search(@CurrentPrincipal() p: Principal, @Query() q: AuditQueryDto) {
    const page = await this.audit.search({
      partnershipId: p.partnershipId, userId: q.user, caseReference: q.caseReference, caseId: q.caseId, action: q.action, outcome: q.outcome,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, before: q.cursor, limit: q.limit,
    });
    await this.audit.record({ who: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null }, action: 'dpo.audit.search', outcome: 'allowed', detail: { filters: Object.keys(q).filter((k) => (q as unknown as Record<string, unknown>)[k] !== undefined) } });
    return { items: page.items.map((r) => ({ ...r, user: r.userId, role: r.roles.join(','), agency: r.agencyId, reason: r.purpose })), ...(page.next ? { next: String(page.next) } : {}) };
  }

  @Get('break-glass')
  @Allow('dpo')
  @ApiOperation({ summary: 'Break-glass grants flagged for review.' })
  breakGlass(@CurrentPrincipal() p: Principal, @Query() q: BreakGlassQueryDto) {
    return this.cases.breakGlassQueue(p.partnershipId, q.reviewed === 'true');
  }

  @Post('break-glass/:id/review')
  @HttpCode(204)
  @Allow('dpo')
  @ApiOperation({ summary: 'Mark a break-glass grant as reviewed.' })
  review(@CurrentPrincipal() p: Principal, @Param() a: NumericIdParamDto) {
    return this.cases.reviewBreakGlass(p, a.id);
  }

  @Get('subject-access-export')
  @Allow('dpo')
  @ApiOperation({ summary: 'Everything held about the victim of a case, as a JSON download.' })
  async export(@CurrentPrincipal() p: Principal, @Query() q: SubjectAccessQueryDto, @Res({ passthrough: true }) res: Response) {
    const doc = await this.cases.subjectAccessExport(p, q.caseReference, q.purpose);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="subject-access-${q.caseReference}.json"`);
    return doc;
  }
}
