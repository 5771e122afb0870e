import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class CorrelateMessageDto {
  @ApiProperty({ description: 'Message name.' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'Correlation key (a non-personal reference).' })
  @IsOptional() @IsString() @MaxLength(200)
  correlationKey?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  variables?: Record<string, unknown>;
}
