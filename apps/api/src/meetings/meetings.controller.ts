import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Principal } from '@app/identity';
import type { MeetingSchedule } from '@app/pathways';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { MeetingsService } from './meetings.service';

const UUID = /^[0-9a-f-]{36}$/;
const PATHWAY = /^[A-Za-z_][\w.-]{0,200}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MEETING_STAFF = ['partnership-coordinator', 'marac-coordinator', 'marac-chair'] as const;

export class MeetingIdParamDto {
  @ApiProperty() @Matches(UUID) id!: string;
}
export class MeetingCaseParamDto {
  @ApiProperty() @Matches(UUID) id!: string;
  @ApiProperty() @Matches(UUID) caseId!: string;
}
export class PathwayParamDto {
  @ApiProperty({ example: 'marac-safelives' }) @Matches(PATHWAY) pathway!: string;
}
export class ListMeetingsQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(PATHWAY) pathway?: string;
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-05-31' }) @IsOptional() @Matches(DATE) to?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean() upcoming?: boolean;
}
export class MeetingScheduleDto implements MeetingSchedule {
  @ApiProperty({ enum: ['weekly', 'fortnightly', 'monthly'] }) @IsIn(['weekly', 'fortnightly', 'monthly']) frequency!: MeetingSchedule['frequency'];
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday (1 = Monday)' }) @IsInt() @Min(1) @Max(7) weekday!: number;
  @ApiPropertyOptional({ description: 'Monthly: 1–4, or -1 for the last' }) @IsOptional() @IsInt() @Min(-1) @Max(4) weekOfMonth?: number;
  @ApiPropertyOptional({ description: 'Fortnightly: one meeting date that fixes the rhythm' }) @IsOptional() @Matches(DATE) anchorDate?: string;
  @ApiProperty({ example: '10:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) startTime!: string;
  @ApiProperty({ enum: ['skip', 'next-working-day'] }) @IsIn(['skip', 'next-working-day']) onHoliday!: MeetingSchedule['onHoliday'];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(DATE, { each: true }) cancelledDates?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(DATE, { each: true }) extraDates?: string[];
}
export class EmergencyMeetingDto {
  @ApiProperty() @Matches(PATHWAY) pathway!: string;
  @ApiProperty() @Matches(DATE) date!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) startTime?: string;
}
export class ListCaseDto {
  @ApiProperty() @Matches(UUID) caseId!: string;
  @ApiPropertyOptional({ description: 'Imminent risk: an emergency meeting when the next one is too far away' }) @IsOptional() @IsBoolean() imminentRisk?: boolean;
  @ApiPropertyOptional() @IsOptional() @Matches(PATHWAY) pathway?: string;
}
export class AddActionDto {
  @ApiProperty() @Matches(UUID) caseId!: string;
  @ApiProperty({ description: 'The action (SMART); stored encrypted, shown to the MARAC\'s staff and the owner agency only.' }) @IsString() @Length(1, 2000) description!: string;
  @ApiProperty({ description: 'Owner agency (id or code)' }) @Matches(/^[A-Za-z0-9_.:-]{1,100}$/) agency!: string;
  @ApiPropertyOptional({ description: 'Due date (default: actionDueDefault working days after the meeting)' }) @IsOptional() @IsDateString() dueAt?: string;
}
export class ConcludeCaseDto {
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() riskAnalysisRecorded?: boolean;
  @ApiPropertyOptional({ description: 'Default: the next scheduled meeting' }) @IsOptional() @Matches(DATE) nextMeetingDate?: string;
}
export class MinutesEntryDto {
  @ApiPropertyOptional({ description: 'The case the entry is about (none: the meeting\'s general minutes)' }) @IsOptional() @Matches(UUID) caseId?: string;
  @ApiProperty() @IsString() @Length(1, 20_000) text!: string;
}
export class ActionIdParamDto {
  @ApiProperty() @Matches(UUID) actionId!: string;
}

/** MARAC meetings: calendar, listing, agenda (children first), action plan into the instance, minutes apart from case files. */
@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(@Inject(MeetingsService) private readonly meetings: MeetingsService) {}

  @Get()
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'Meetings in a range (default: the next 90 days), with cut-off and circulation dates and the number of cases listed.' })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListMeetingsQueryDto) {
    return this.meetings.list(p, { pathway: q.pathway, from: q.from, to: q.to, upcoming: q.upcoming ?? true });
  }

  @Get('schedule/:pathway')
  @Allow(...CASE_WORKERS, 'administrator')
  @ApiOperation({ summary: 'The meeting calendar of a pathway (weekly, fortnightly or monthly; holidays; cancelled and extra dates).' })
  schedule(@CurrentPrincipal() p: Principal, @Param() a: PathwayParamDto) {
    return this.meetings.schedule(p, a.pathway);
  }

  @Put('schedule/:pathway')
  @Allow('partnership-coordinator', 'marac-coordinator', 'administrator')
  @ApiOperation({ summary: 'Set the meeting calendar of a pathway.' })
  setSchedule(@CurrentPrincipal() p: Principal, @Param() a: PathwayParamDto, @Body() dto: MeetingScheduleDto) {
    return this.meetings.setSchedule(p, a.pathway, { ...dto });
  }

  @Post('emergency')
  @Allow(...MEETING_STAFF)
  @ApiOperation({ summary: 'Call an emergency meeting.' })
  emergency(@CurrentPrincipal() p: Principal, @Body() dto: EmergencyMeetingDto) {
    return this.meetings.emergency(p, dto);
  }

  @Post('listings')
  @HttpCode(200)
  @Allow(...MEETING_STAFF)
  @ApiOperation({ summary: 'List a case on the meeting its referral goes to (cut-off, full meeting, imminent risk → emergency) and complete its scheduling task.' })
  listCase(@CurrentPrincipal() p: Principal, @Body() dto: ListCaseDto) {
    return this.meetings.listCase(p, dto);
  }

  @Get('actions/:actionId')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'One action of a plan with its description (the MARAC\'s staff or the owner agency).' })
  action(@CurrentPrincipal() p: Principal, @Param() a: ActionIdParamDto) {
    return this.meetings.action(p, a.actionId);
  }

  @Get(':id/agenda')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'The agenda: confidentiality, incomplete actions, cases with children first, adult cases, 12-month notices (an agency sees the cases it holds).' })
  agenda(@CurrentPrincipal() p: Principal, @Param() a: MeetingIdParamDto) {
    return this.meetings.agenda(p, a.id);
  }

  @Post(':id/actions')
  @Allow(...MEETING_STAFF)
  @ApiOperation({ summary: 'Add an action to a listed case\'s plan (owner agency, SMART description, due date); issued when the case is concluded.' })
  addAction(@CurrentPrincipal() p: Principal, @Param() a: MeetingIdParamDto, @Body() dto: AddActionDto) {
    return this.meetings.addAction(p, a.id, dto);
  }

  @Post(':id/cases/:caseId/conclude')
  @HttpCode(200)
  @Allow(...MEETING_STAFF)
  @ApiOperation({ summary: 'Conclude a case at the meeting: its action plan goes into the running instance (one task per action, owned by its agency).' })
  conclude(@CurrentPrincipal() p: Principal, @Param() a: MeetingCaseParamDto, @Body() dto: ConcludeCaseDto) {
    return this.meetings.conclude(p, a.id, a.caseId, dto);
  }

  @Post(':id/minutes')
  @Allow(...MEETING_STAFF)
  @ApiOperation({ summary: 'Record minutes (kept apart from case files, encrypted).' })
  recordMinutes(@CurrentPrincipal() p: Principal, @Param() a: MeetingIdParamDto, @Body() dto: MinutesEntryDto) {
    return this.meetings.recordMinutes(p, a.id, dto);
  }

  @Get(':id/minutes')
  @Allow(...CASE_WORKERS)
  @ApiOperation({ summary: 'The minutes the person may read (the minutes scope of each case; never police accounts).' })
  minutes(@CurrentPrincipal() p: Principal, @Param() a: MeetingIdParamDto) {
    return this.meetings.minutes(p, a.id);
  }
}


