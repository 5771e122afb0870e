import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination.dto';

export class StartInstanceDto {
  @ApiPropertyOptional({ description: 'The definition version to start; or give `key` for its latest version.' })
  @ValidateIf((o: StartInstanceDto) => o.key === undefined) @Type(() => Number) @IsInt() @Min(1)
  definitionId?: number;

  @ApiPropertyOptional({ description: 'Definition key (main process id): its latest version is started.' })
  @ValidateIf((o: StartInstanceDto) => o.definitionId === undefined) @IsString() @Matches(/^[A-Za-z_][\w.-]{0,200}$/)
  key?: string;

  @ApiPropertyOptional({ description: 'Which process of the definition (default: its main process).' })
  @IsOptional() @IsString() @MaxLength(200)
  processId?: string;

  @ApiPropertyOptional({ description: 'Start variables: references and non-personal decision data only.', type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A non-personal reference (e.g. a case reference).' })
  @IsOptional() @IsString() @MaxLength(200)
  businessKey?: string;
}

export class ListInstancesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'completed', 'terminated'] })
  @IsOptional() @IsIn(['active', 'completed', 'terminated'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  definitionId?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  processId?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  businessKey?: string;
}

export class CancelInstanceDto {
  @ApiPropertyOptional({ description: 'Why (non-personal).' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}
