import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty() @IsEmail() @MaxLength(200)
  email!: string;

  @ApiProperty() @IsString() @Length(1, 256)
  password!: string;
}

export class LoginTotpDto {
  @ApiProperty({ description: 'The token the password step returned.' }) @IsString() @MaxLength(2000)
  mfaToken!: string;

  @ApiProperty({ example: '123456' }) @Matches(/^\d{6}$/)
  code!: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' }) @Matches(/^\d{6}$/)
  code!: string;
}

export class RefreshDto {
  @ApiProperty({ required: false, description: 'The refresh token (or the rp_refresh cookie).' }) @IsString() @MaxLength(200)
  refreshToken?: string;
}
