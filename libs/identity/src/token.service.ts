import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '@app/clock';
import type { SigningKey } from './key-store';

/**
 * Signs and checks the tokens the API accepts: EdDSA (Ed25519) only, issuer, audience, type and
 * expiry checked against the clock port. Anything else — `alg: none`, another key, another
 * audience, an expired token — is refused.
 */
export interface AccessClaims {
  sub: string;
  sid: string;
  pid: string;
  mfa: boolean;
  amr: string[];
}

export interface TokenSettings {
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

export type TokenKind = 'access' | 'mfa' | 'oidc-state';

const TYP: Record<TokenKind, string> = { access: 'at+jwt', mfa: 'mfa+jwt', 'oidc-state': 'oidc-state+jwt' };

export class TokenService {
  constructor(
    private readonly key: SigningKey,
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {}

  get accessTtlSeconds(): number {
    return this.settings.accessTtlSeconds;
  }

  private audienceOf(kind: TokenKind): string {
    return kind === 'access' ? this.settings.audience : `${this.settings.audience}:${kind}`;
  }

  async sign(kind: TokenKind, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: TYP[kind], kid: this.key.kid })
      .setIssuer(this.settings.issuer)
      .setAudience(this.audienceOf(kind))
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
  }

  signAccess(claims: AccessClaims): Promise<string> {
    return this.sign('access', { ...claims }, this.settings.accessTtlSeconds);
  }

  /** Checks a token of a kind; throws `InvalidTokenError` for anything not exactly right. */
  async verify<T extends Record<string, unknown>>(kind: TokenKind, token: string): Promise<T & { exp: number; jti: string }> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: ['EdDSA'],
        issuer: this.settings.issuer,
        audience: this.audienceOf(kind),
        typ: TYP[kind],
        currentDate: this.clock.now(),
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      });
      return payload as T & { exp: number; jti: string };
    } catch (err) {
      throw new InvalidTokenError(err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
    }
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const p = await this.verify<Record<string, unknown>>('access', token);
    if (typeof p.sid !== 'string' || typeof p.pid !== 'string' || typeof p.mfa !== 'boolean') throw new InvalidTokenError('invalid');
    return { sub: String(p.sub), sid: p.sid, pid: p.pid, mfa: p.mfa, amr: Array.isArray(p.amr) ? (p.amr as string[]) : [] };
  }
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(`token ${reason}`);
    this.name = 'InvalidTokenError';
  }
}
