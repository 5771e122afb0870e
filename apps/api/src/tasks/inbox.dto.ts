import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListTasksQueryDto } from './tasks.dto';

/** The inbox: the agency's queue, or the tasks the person holds. */
export class InboxQueryDto extends ListTasksQueryDto {
  @ApiPropertyOptional({ enum: ['agency', 'mine'] })
  @IsOptional() @IsIn(['agency', 'mine'])
  queue?: 'agency' | 'mine';
}

export class ReassignTaskDto {
  @ApiPropertyOptional({ description: 'Another agency of the partnership (coordinators only).' })
  @IsOptional() @IsString() @Length(1, 100)
  agencyId?: string;

  @ApiPropertyOptional({ description: 'A person of the task\'s agency (its SPOC or a worker).' })
  @IsOptional() @IsString() @Length(1, 100)
  assignee?: string;
}
