import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination.dto';

export class ListTasksQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'] })
  @IsOptional() @IsIn(['open', 'completed', 'cancelled'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  instanceId?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  agency?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  candidateGroup?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ description: 'The task output, checked against the form the task declares.', type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;
}
