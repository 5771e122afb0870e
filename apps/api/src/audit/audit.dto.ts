import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  user?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,60}$/)
  caseReference?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-f-]{36}$/)
  caseId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z.-]{1,60}$/)
  action?: string;

  @ApiPropertyOptional({ enum: ['allowed', 'denied'] }) @IsOptional() @IsIn(['allowed', 'denied'])
  outcome?: 'allowed' | 'denied';

  @ApiPropertyOptional() @IsOptional() @IsDateString()
  from?: string;

  @ApiPropertyOptional() @IsOptional() @IsDateString()
  to?: string;

  @ApiPropertyOptional({ description: 'Paging: the `next` of the previous page.' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 100;
}

export class SubjectAccessQueryDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9_-]{1,60}$/)
  caseReference!: string;

  @ApiProperty({ description: 'The request being answered (e.g. its reference).' }) @IsString() @Length(3, 300)
  purpose!: string;
}

export class BreakGlassQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' }) @IsOptional() @IsIn(['true', 'false'])
  reviewed?: 'true' | 'false';
}

export class NumericIdParamDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1)
  id!: number;
}
