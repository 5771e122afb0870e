import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IdentityError, IdentityErrorCode, IdentityService, OidcService, Principal, TokenPair } from '@app/identity';
import { ACCESS_COOKIE } from '../security/auth.guard';
import { Allow, AllowMfaPending, CurrentPrincipal, Public } from '../security/access.decorators';
import { readCookie, setCookie } from '../security/cookies.util';
import { IDENTITY, OIDC } from '../security/security.tokens';
import { LoginDto, LoginTotpDto, RefreshDto, TotpCodeDto } from './auth.dto';

const REFRESH_COOKIE = 'rp_refresh';
const OIDC_COOKIE = 'rp_oidc';

function toHttp(err: unknown): never {
  if (err instanceof IdentityError) {
    if (err.code === IdentityErrorCode.InvalidCode || err.code === IdentityErrorCode.NotEnrolled) throw new ForbiddenException(err.message);
    throw new UnauthorizedException(err.message === err.code ? `not signed in (${err.code})` : err.message);
  }
  throw err;
}

/** Sign-in: password (argon2id) then TOTP, token refresh with rotation, sign-out, TOTP enrolment, and single sign-on. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY) private readonly identity: IdentityService,
    @Inject(OIDC) private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cookies(res: Response, t: TokenPair): TokenPair {
    const secure = this.config.AUTH_COOKIE_SECURE === 'true';
    setCookie(res, ACCESS_COOKIE, t.accessToken, { secure, path: '/api', maxAgeSeconds: t.expiresIn });
    setCookie(res, REFRESH_COOKIE, t.refreshToken, { secure, path: '/api/auth', maxAgeSeconds: this.config.AUTH_REFRESH_TTL_SECONDS });
    res.setHeader('Cache-Control', 'no-store');
    return t;
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password: tokens, or a second-factor challenge (rate-limited).' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    const r = await this.identity.login(dto.email, dto.password).catch(toHttp);
    return r.mfaRequired ? r : this.cookies(res, r);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login/totp')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second step of sign-in: the TOTP code (rate-limited).' })
  async loginTotp(@Body() dto: LoginTotpDto, @Res({ passthrough: true }) res: Response) {
    return this.cookies(res, await this.identity.loginTotp(dto.mfaToken, dto.code).catch(toHttp));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token (a reused one revokes the whole session).' })
  async refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = dto.refreshToken ?? readCookie(req, REFRESH_COOKIE);
    if (!token) throw new UnauthorizedException('no refresh token');
    return this.cookies(res, await this.identity.refresh(token).catch(toHttp));
  }

  @Allow('any')
  @AllowMfaPending()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session and its tokens stop working.' })
  async logout(@CurrentPrincipal() p: Principal, @Res({ passthrough: true }) res: Response) {
    await this.identity.revokeSession(p.sessionId, 'signed out');
    const secure = this.config.AUTH_COOKIE_SECURE === 'true';
    setCookie(res, ACCESS_COOKIE, '', { secure, path: '/api', maxAgeSeconds: 0 });
    setCookie(res, REFRESH_COOKIE, '', { secure, path: '/api/auth', maxAgeSeconds: 0 });
  }

  @Allow('any')
  @AllowMfaPending()
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start TOTP enrolment: the secret and an otpauth:// URI for an authenticator app.' })
  enrol(@CurrentPrincipal() p: Principal) {
    return this.identity.enrolTotp(p).catch(toHttp);
  }

  @Allow('any')
  @AllowMfaPending()
  @Post('totp/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish TOTP enrolment with a first code; returns tokens of a verified session.' })
  async verify(@CurrentPrincipal() p: Principal, @Body() dto: TotpCodeDto, @Res({ passthrough: true }) res: Response) {
    return this.cookies(res, await this.identity.confirmTotp(p, dto.code).catch(toHttp));
  }

  @Public()
  @Get('oidc/providers')
  @ApiOperation({ summary: 'The partner agencies\' identity providers for single sign-on.' })
  providers() {
    return this.oidc.list();
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Get('oidc/:provider/login')
  @ApiOperation({ summary: 'Start single sign-on: redirects to the agency\'s identity provider.' })
  async oidcLogin(@Param('provider') provider: string, @Res() res: Response) {
    const { url, stateToken } = await this.oidc.begin(provider).catch(toHttp);
    setCookie(res, OIDC_COOKIE, stateToken, { secure: this.config.AUTH_COOKIE_SECURE === 'true', path: '/api/auth/oidc', maxAgeSeconds: 600, sameSite: 'Lax' });
    res.redirect(302, url);
  }

  @Public()
  @Get('oidc/:provider/callback')
  @ApiOperation({ summary: 'Single sign-on callback: checks state, nonce and PKCE, then signs the person in.' })
  async oidcCallback(@Param('provider') provider: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const i = req.originalUrl.indexOf('?');
    const pair = await this.oidc.complete(provider, i >= 0 ? req.originalUrl.slice(i) : '', readCookie(req, OIDC_COOKIE)).catch(toHttp);
    setCookie(res, OIDC_COOKIE, '', { secure: this.config.AUTH_COOKIE_SECURE === 'true', path: '/api/auth/oidc', maxAgeSeconds: 0, sameSite: 'Lax' });
    return this.cookies(res, pair);
  }
}
