import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import type { Principal } from '@app/identity';
import { IdParamDto, PaginationQueryDto } from '../common/pagination.dto';
import { ReferralDto } from '../cases/cases.dto';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { IntakeService } from './intake.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MonitoringDto {
  @ApiPropertyOptional({ description: 'SafeLives referring-agency category (default: from the referrer\'s agency type)' }) @IsOptional() @IsString()
  referringAgencyType?: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'other', 'unknown'] }) @IsOptional() @IsIn(['female', 'male', 'other', 'unknown'])
  victimGender?: 'female' | 'male' | 'other' | 'unknown';
  @ApiPropertyOptional({ description: 'Used for the age band only; the age is not stored' }) @IsOptional() @IsInt() @Min(0) @Max(120)
  victimAge?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() bme?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() lgbt?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disability?: boolean;
  @ApiPropertyOptional({ type: [Number], description: 'Used to count perpetrators under 18 only' }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsInt({ each: true })
  perpetratorAges?: number[];
}

export class IntakeReferralDto extends ReferralDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', enum: ['yes', 'no', 'not-known'] }, description: 'DASH answers by question number 1–24 (scored here; stored in the dash scope).' })
  @IsOptional() @IsObject()
  dashAnswers?: Record<string, 'yes' | 'no' | 'not-known'>;

  @ApiPropertyOptional({ description: 'Date of the referral (default: today in the partnership\'s time zone)' }) @IsOptional() @Matches(DATE)
  referralDate?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() professionalJudgement?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Coded reasons (non-fatal-strangulation, stalking, threats-to-kill, victim-perception-of-risk, cluster-of-three, honour-based-abuse, forced-marriage, other-stated-on-form)' })
  @IsOptional() @IsArray() @ArrayMaxSize(8) @IsString({ each: true })
  professionalJudgementReasons?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Dates of incidents reported to the police' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(DATE, { each: true })
  policeIncidentDates?: string[];

  @ApiPropertyOptional() @IsOptional() @Matches(DATE) lastMaracReferralDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimSelfHarmRisk?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() imminentRisk?: boolean;
  @ApiPropertyOptional({ enum: ['yes', 'no-not-safe', 'no-other-reason'] }) @IsOptional() @IsIn(['yes', 'no-not-safe', 'no-other-reason'])
  victimInformed?: 'yes' | 'no-not-safe' | 'no-other-reason';
  @ApiPropertyOptional({ default: true, description: 'Submit the referrer\'s checklist task with this form (no double keying)' }) @IsOptional() @IsBoolean()
  submitChecklist?: boolean;

  @ApiPropertyOptional({ type: MonitoringDto }) @IsOptional() @ValidateNested() @Type(() => MonitoringDto)
  monitoring?: MonitoringDto;
}

export class ProposalsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['proposed', 'confirmed', 'rejected', 'all'], default: 'proposed' }) @IsOptional() @IsIn(['proposed', 'confirmed', 'rejected', 'all'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-f-]{36}$/) caseId?: string;
}

export class CaseLinksParamDto {
  @ApiProperty() @Matches(/^[0-9a-f-]{36}$/) caseId!: string;
}

/** Referral intake into the pathway (DASH, criteria, decision data only) and repeat proposals a coordinator decides. */
@ApiTags('intake')
@Controller('intake')
export class IntakeController {
  constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

  @Post('referrals')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Refer with the DASH answers and criteria inputs: scored and decided with the partnership\'s parameters, case recorded, pathway started with decision data, checklist submitted, repeats proposed. Idempotent (201 new, 200 repeated).' })
  async refer(@CurrentPrincipal() p: Principal, @Body() dto: IntakeReferralDto, @Res({ passthrough: true }) res: Response) {
    const r = await this.intake.refer(p, dto);
    res.status(r.created ? 201 : 200);
    return r;
  }

  @Get('repeat-proposals')
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'Proposed repeat matches (case references, score, coded reasons) for the coordinator to confirm or reject.' })
  proposals(@CurrentPrincipal() p: Principal, @Query() q: ProposalsQueryDto) {
    return this.intake.proposals(p, { status: q.status ?? 'proposed', caseId: q.caseId, limit: q.limit, offset: q.offset });
  }

  @Post('repeat-proposals/:id/confirm')
  @HttpCode(200)
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'Confirm a match: the cases are linked (a repeat within the window) and the case\'s repeat check completes when nothing is left to decide.' })
  confirm(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    return this.intake.decide(p, a.id, true);
  }

  @Post('repeat-proposals/:id/reject')
  @HttpCode(200)
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'Reject a match: nothing is linked.' })
  reject(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    return this.intake.decide(p, a.id, false);
  }

  @Get('matac-candidates')
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'MATAC candidates: cases that appear to share one perpetrator with two or more different victims (references only; the coordinator confirms).' })
  matac(@CurrentPrincipal() p: Principal) {
    return this.intake.matac(p);
  }

  @Get('links/:caseId')
  @Allow('partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'The cases confirmed as linked to a case.' })
  links(@CurrentPrincipal() p: Principal, @Param() a: CaseLinksParamDto) {
    return this.intake.links(p, a.caseId);
  }
}
