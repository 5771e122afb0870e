import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS, PREFERENCE_KINDS, type EmailMode, type NotificationKind, type PreferenceKind } from '@app/notifications';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications.' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'Opaque cursor from `next`.' })
  @IsOptional() @Matches(/^\d{1,15}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class NotificationIdParamDto {
  @Matches(/^\d{1,15}$/)
  id!: string;
}

export class ReadAllDto {
  @ApiPropertyOptional({ description: 'Mark read up to this stream position (the SSE id); default: everything.' })
  @IsOptional() @IsInt() @Min(0)
  upTo?: number;
}

export class PreferenceDto {
  @ApiProperty({ enum: PREFERENCE_KINDS })
  @IsIn(PREFERENCE_KINDS as unknown as string[])
  kind!: PreferenceKind;

  @ApiProperty()
  @IsBoolean()
  inApp!: boolean;

  @ApiProperty({ enum: ['off', 'immediate', 'digest'] })
  @IsIn(['off', 'immediate', 'digest'])
  email!: EmailMode;
}

export class UpdatePreferencesDto {
  @ApiProperty({ type: [PreferenceDto] })
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PreferenceDto)
  preferences!: PreferenceDto[];
}

export class CreateWebhookDto {
  @ApiProperty({ description: 'http(s) address that receives signed POSTs.' })
  @IsString() @MaxLength(2000) @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  url!: string;

  @ApiPropertyOptional({ description: "Only this agency's notifications (id or code); default: the whole partnership." })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  agency?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Default: every kind.' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsIn(NOTIFICATION_KINDS as unknown as string[], { each: true })
  kinds?: NotificationKind[];
}

export class DeadLettersQueryDto {
  @ApiPropertyOptional({ description: 'Only those not replayed yet (default true).' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  open?: boolean;
}
