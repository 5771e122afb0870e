import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { AGENCY_TYPES, ROLES } from '@app/access';
import { PaginationQueryDto } from '../common/pagination.dto';

export class StringIdParamDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9_.:-]{1,100}$/)
  id!: string;
}

export class UpdatePartnershipDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London' }) @IsOptional() @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/)
  timeZone?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '{ country, region?, localHolidays?: ISO dates[], dueHour? } for libs/calendar.' })
  @IsOptional() @IsObject()
  calendar?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Pathway parameters (visible to FEEL as params).' })
  @IsOptional() @IsObject()
  parameters?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Population for KPIs, e.g. { adultFemales }.' })
  @IsOptional() @IsObject()
  population?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 }) @IsOptional() @IsInt() @Min(1) @Max(600)
  retentionMonths?: number;
}

export class CreateAgencyDto {
  @ApiProperty({ description: 'The code tasks name (e.g. police, idva, marac).' }) @Matches(/^[a-z][a-z0-9-]{0,60}$/)
  code!: string;

  @ApiProperty() @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: AGENCY_TYPES }) @IsIn([...AGENCY_TYPES])
  type!: string;
}

export class SpocDto {
  @ApiProperty() @IsString() @Length(1, 100)
  userId!: string;
}

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(200)
  email!: string;

  @ApiProperty() @IsString() @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  agencyId?: string;

  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMaxSize(10) @IsIn([...ROLES], { each: true })
  roles!: string[];

  @ApiPropertyOptional({ description: 'An initial password (12+ characters); omit for single sign-on only.' }) @IsOptional() @IsString() @Length(12, 256)
  password?: string;
}

export class RolesDto {
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMaxSize(10) @IsIn([...ROLES], { each: true })
  roles!: string[];
}

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  agencyId?: string;
}
