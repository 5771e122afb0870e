import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination.dto';

export class ListDefinitionsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only the versions of this key (the main process id).' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z_][\w.-]{0,200}$/)
  key?: string;

  @ApiPropertyOptional({ description: 'Only the latest version of each key.' })
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean()
  latest?: boolean;
}
