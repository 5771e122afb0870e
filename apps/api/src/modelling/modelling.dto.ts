import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export const KEY_PATTERN = /^[A-Za-z_][\w.-]{0,200}$/;

export class DeployWithNoteDto {
  @ApiProperty({ description: 'The BPMN XML.' })
  @IsString() @Length(1, 1_000_000)
  xml!: string;

  @ApiProperty({ description: 'What changed and why (1–500 characters; no personal data).' })
  @IsString() @MaxLength(500)
  note!: string;
}

export class SimulationDto {
  @ApiProperty({ description: 'The BPMN XML to dry-run.' })
  @IsString() @Length(1, 1_000_000)
  xml!: string;

  @ApiPropertyOptional({ description: 'Start variables: decision data only (scores, flags, dates), never personal data.' })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Outputs for user tasks by element id, used in order: `{ "triage": [{ "level": "high" }] }`.' })
  @IsOptional() @IsObject()
  completions?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'How far the virtual clock may run (ISO 8601 duration, at most P2Y); default P1Y.' })
  @IsOptional() @IsString() @Matches(/^P[\dYMWD]+$/)
  until?: string;
}

export class DefinitionKeyParamDto {
  @IsString() @Matches(KEY_PATTERN)
  key!: string;
}

export class DefinitionVersionParamDto extends DefinitionKeyParamDto {
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  version!: number;
}

export class TemplateIdParamDto {
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,100}$/)
  id!: string;
}
