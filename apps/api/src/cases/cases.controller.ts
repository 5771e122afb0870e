import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CasesService } from '@app/cases';
import type { Principal } from '@app/identity';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { CASES } from '../security/security.tokens';
import { CaseIdParamDto, ExclusionDto, ListCasesQueryDto, MinutesDto, PurposeQueryDto, ReadCaseQueryDto, ReasonDto, ReferralDto, ShareDto, TransferDto } from './cases.dto';

/** Referrals and cases: every response with case data passes the access layer and is audited. */
@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(@Inject(CASES) private readonly cases: CasesService) {}

  private noStore(res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
  }

  @Post('referrals')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Make a referral: the case and its people (encrypted), then its pathway starts. Idempotent on idempotencyKey (201 new, 200 repeated).' })
  async refer(@CurrentPrincipal() p: Principal, @Body() dto: ReferralDto, @Res({ passthrough: true }) res: Response) {
    const r = await this.cases.refer(p, dto);
    res.status(r.created ? 201 : 200);
    return r;
  }

  @Get('cases')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Cases the person may open (references and flags only), children\'s cases first.' })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListCasesQueryDto) {
    return this.cases.list(p, { status: q.status, limit: q.limit, offset: q.offset });
  }

  @Get('cases/:id')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'One case: only the scopes the person needs to know (the rest named in withheldScopes).' })
  get(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Query() q: ReadCaseQueryDto, @Res({ passthrough: true }) res: Response) {
    this.noStore(res);
    return this.cases.view(p, a.id, q.purpose);
  }

  @Get('cases/:id/shares')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Which agencies hold the case, with consent, lawful basis and purpose.' })
  shares(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto) {
    return this.cases.shares(p, a.id);
  }

  @Post('cases/:id/shares')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Share the case with an agency. Without consent: purpose, lawful basis and adequate/relevant/limited are required.' })
  share(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: ShareDto) {
    return this.cases.share(p, a.id, dto);
  }

  @Post('cases/:id/exclusions')
  @HttpCode(204)
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Add a person the victim named as not safe to talk to: they lose all access and notifications.' })
  exclude(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: ExclusionDto) {
    return this.cases.addExclusion(p, a.id, dto.userId);
  }

  @Post('cases/:id/break-glass')
  @Allow('agency-spoc', 'agency-worker', 'idva')
  @ApiOperation({ summary: 'Emergency access to a case not shared with the agency, for a stated reason; flagged to the DPO.' })
  breakGlass(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: ReasonDto) {
    return this.cases.breakGlass(p, a.id, dto.reason);
  }

  @Post('cases/:id/minutes')
  @HttpCode(204)
  @Allow('marac-coordinator', 'marac-chair')
  @ApiOperation({ summary: 'Record meeting minutes on the case (restricted scope).' })
  addMinutes(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: MinutesDto) {
    return this.cases.addMinutes(p, a.id, dto);
  }

  @Get('cases/:id/minutes/export')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'The minutes as a restricted document (never to police or criminal-file systems).' })
  async exportMinutes(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Query() q: PurposeQueryDto, @Res({ passthrough: true }) res: Response) {
    const doc = await this.cases.exportMinutes(p, a.id, q.purpose);
    this.noStore(res);
    res.setHeader('Content-Disposition', `attachment; filename="minutes-${doc.caseReference}.json"`);
    return doc;
  }

  @Post('cases/:id/close')
  @HttpCode(204)
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'Close a case (its retention period starts).' })
  close(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: ReasonDto) {
    return this.cases.close(p, a.id, dto.reason);
  }

  @Post('cases/:id/transfer')
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'MARAC-to-MARAC transfer to another partnership (audited on both sides).' })
  transfer(@CurrentPrincipal() p: Principal, @Param() a: CaseIdParamDto, @Body() dto: TransferDto) {
    return this.cases.transfer(p, a.id, dto.toPartnershipId, dto.reason);
  }
}
