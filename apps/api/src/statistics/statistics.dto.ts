import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { KEY_PATTERN } from '../modelling/modelling.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class StatisticsQueryDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsString() @Matches(DAY)
  from!: string;

  @ApiProperty({ example: '2026-03-31', description: 'Included.' })
  @IsString() @Matches(DAY)
  to!: string;

  @ApiPropertyOptional({ description: 'A pathway (definition key).' })
  @IsOptional() @IsString() @Matches(KEY_PATTERN)
  pathway?: string;

  @ApiPropertyOptional({ description: 'An agency id of the partnership.' })
  @IsOptional() @IsString() @Length(1, 100)
  agency?: string;
}

export class PathwayKeyParamDto {
  @IsString() @Matches(KEY_PATTERN)
  key!: string;
}
