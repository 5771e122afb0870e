import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { PaginationQueryDto } from '../common/pagination.dto';

const CONSENT = ['given', 'refused', 'not-sought'];

export class VictimDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Scope identity: name, aliases, date of birth, gender, diversity.' })
  @IsObject()
  identity!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Scope address.' })
  @IsOptional() @IsObject()
  address?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Scope safe-contact: phone, safe channels and times, who is not safe.' })
  @IsOptional() @IsObject()
  safeContact?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Scope health.' })
  @IsOptional() @IsObject()
  health?: Record<string, unknown>;
}

export class ReferralDto {
  @ApiProperty({ description: 'A key the client makes once per referral: a repeated submission returns the same case.' })
  @Matches(/^[A-Za-z0-9_.:-]{8,100}$/)
  idempotencyKey!: string;

  @ApiProperty({ description: 'The pathway (definition key) to start.' })
  @Matches(/^[A-Za-z_][\w.-]{0,200}$/)
  pathway!: string;

  @ApiProperty({ enum: CONSENT }) @IsIn(CONSENT)
  consent!: 'given' | 'refused' | 'not-sought';

  @ApiPropertyOptional({ description: 'Lawful basis (required without consent), e.g. "UK GDPR 6(1)(e) public task; DPA 2018 Sch 1 para 18".' })
  @IsOptional() @IsString() @MaxLength(300)
  lawfulBasis?: string;

  @ApiPropertyOptional({ description: 'Purpose of sharing (required without consent).' })
  @IsOptional() @IsString() @MaxLength(500)
  sharingPurpose?: string;

  @ApiPropertyOptional({ description: 'The data shared is adequate, relevant and limited (required true without consent).' })
  @IsOptional() @IsBoolean()
  adequateRelevantLimited?: boolean;

  @ApiProperty({ type: VictimDto }) @ValidateNested() @Type(() => VictimDto)
  victim!: VictimDto;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsObject({ each: true })
  perpetrators?: Record<string, unknown>[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true })
  children?: Record<string, unknown>[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Scope dash: the answers and comments.' })
  @IsOptional() @IsObject()
  dash?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(27)
  dashScore?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  safeToCall?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  refugePlacement?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  childContactConditions?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'People of the partnership the victim named as not safe to talk to.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  notSafeToTalkToUserIds?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Non-personal decision data for the pathway (codes, numbers, flags, dates).' })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;
}

export class CaseIdParamDto {
  @ApiProperty() @Matches(/^[0-9a-f-]{36}$/)
  id!: string;
}

export class ReadCaseQueryDto {
  @ApiPropertyOptional({ description: 'Why the case is opened (audited).' })
  @IsOptional() @IsString() @MaxLength(300)
  purpose?: string;
}

export class ListCasesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed', 'transferred-out'] })
  @IsOptional() @IsIn(['open', 'closed', 'transferred-out'])
  status?: string;
}

export class ShareDto {
  @ApiProperty() @IsString() @Length(1, 100)
  agencyId!: string;

  @ApiProperty({ enum: CONSENT }) @IsIn(CONSENT)
  consent!: 'given' | 'refused' | 'not-sought';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300)
  lawfulBasis?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  purpose?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  adequateRelevantLimited?: boolean;
}

export class ExclusionDto {
  @ApiProperty({ description: 'A person of the partnership the victim named as not safe to talk to.' }) @IsString() @Length(1, 100)
  userId!: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(500)
  reason!: string;
}

export class MinutesDto {
  @ApiProperty() @IsDateString()
  meetingDate!: string;

  @ApiProperty() @IsString() @Length(1, 20_000)
  text!: string;
}

export class PurposeQueryDto {
  @ApiProperty() @IsString() @Length(3, 300)
  purpose!: string;
}

export class TransferDto {
  @ApiProperty() @IsString() @Length(1, 100)
  toPartnershipId!: string;

  @ApiProperty() @IsString() @MinLength(10) @MaxLength(500)
  reason!: string;
}
