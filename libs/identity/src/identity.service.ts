import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { requiresSecondFactor, isAgencyType } from '@app/access';
import type { AuditLog } from '@app/audit';
import type { Clock } from '@app/clock';
import type { Database } from '@app/persistence';
import { FieldCipher } from './field-cipher';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import { InvalidTokenError, TokenService } from './token.service';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

export interface IdentitySettings {
  refreshTtlSeconds: number;
  statusCacheMs: number;
  issuerName: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** The roles need a second factor the session has not passed yet: enrol (or verify) first. */
  mfaEnrolmentRequired: boolean;
}

export type LoginResult = ({ mfaRequired: false } & TokenPair) | { mfaRequired: true; mfaToken: string };

interface UserRow {
  id: string;
  partnership_id: string;
  agency_id: string | null;
  email: string;
  display_name: string;
  roles: string[];
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  status: string;
  agency_status: string | null;
  agency_type: string | null;
  agency_code: string | null;
}

const USER_SELECT = `SELECT u.id, u.partnership_id, u.agency_id, u.email, u.display_name, u.roles, u.password_hash, u.totp_secret, u.totp_enabled,
  u.totp_last_step, u.status, a.status AS agency_status, a.type AS agency_type, a.code AS agency_code
  FROM users u LEFT JOIN agencies a ON a.id = u.agency_id`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * libs/identity: password and TOTP login, sessions with rotating refresh tokens (a reused
 * refresh token revokes its whole family), and the per-request principal with a short cache.
 */
export class IdentityService {
  private readonly cache = new Map<string, { at: number; principal?: Principal; error?: IdentityErrorCode }>();

  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
  ) {}

  private async userByEmail(email: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow & Record<string, unknown>>(`${USER_SELECT} WHERE lower(u.email) = lower($1)`, [email]))[0];
  }

  private async userById(id: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow & Record<string, unknown>>(`${USER_SELECT} WHERE u.id = $1`, [id]))[0];
  }

  private who(u: UserRow | undefined) {
    return { userId: u?.id ?? 'unknown', partnershipId: u?.partnership_id ?? null, roles: u?.roles ?? [], agencyId: u?.agency_id ?? null };
  }

  private refuseInactive(u: UserRow): IdentityErrorCode | undefined {
    if (u.status !== 'active') return IdentityErrorCode.AccountDisabled;
    if (u.agency_id && u.agency_status !== 'active') return IdentityErrorCode.AgencyOffboarded;
    return undefined;
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const u = await this.userByEmail(email);
    const ok = await verifyPassword(u?.password_hash ?? null, password);
    const inactive = u && ok ? this.refuseInactive(u) : undefined;
    if (!u || !ok || inactive) {
      await this.audit.record({ who: this.who(u), action: 'auth.login', outcome: 'denied', purpose: inactive ?? 'invalid credentials' });
      throw new IdentityError(IdentityErrorCode.InvalidCredentials, 'the e-mail address or password is not right');
    }
    if (u.totp_enabled) {
      const mfaToken = await this.tokens.sign('mfa', { sub: u.id }, 300);
      await this.audit.record({ who: this.who(u), action: 'auth.login.password', outcome: 'allowed', purpose: 'second factor required' });
      return { mfaRequired: true, mfaToken };
    }
    await this.audit.record({ who: this.who(u), action: 'auth.login', outcome: 'allowed', detail: { method: 'pwd', mfa: false } });
    return { mfaRequired: false, ...(await this.openSession(u, false, 'pwd')) };
  }

  async loginTotp(mfaToken: string, code: string): Promise<TokenPair> {
    let sub: string;
    try {
      sub = String((await this.tokens.verify('mfa', mfaToken)).sub);
    } catch {
      throw new IdentityError(IdentityErrorCode.InvalidToken);
    }
    const u = await this.userById(sub);
    if (!u || this.refuseInactive(u) || !u.totp_enabled || !u.totp_secret) throw new IdentityError(IdentityErrorCode.InvalidCredentials);
    if (!(await this.acceptCode(u, code))) {
      await this.audit.record({ who: this.who(u), action: 'auth.login.totp', outcome: 'denied', purpose: 'wrong or reused code' });
      throw new IdentityError(IdentityErrorCode.InvalidCode, 'the code is not right');
    }
    await this.audit.record({ who: this.who(u), action: 'auth.login', outcome: 'allowed', detail: { method: 'pwd+otp', mfa: true } });
    return this.openSession(u, true, 'pwd+otp');
  }

  /** Checks a TOTP code and records its step, so the same code cannot be used twice. */
  private async acceptCode(u: UserRow, code: string): Promise<boolean> {
    if (!u.totp_secret) return false;
    const secret = this.cipher.decrypt<string>(u.totp_secret, `users.totp_secret:${u.id}`);
    const step = verifyTotp(secret, code, this.clock.now(), u.totp_last_step);
    if (step === undefined) return false;
    const r = await this.db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [u.id, step]);
    return r.length === 1;
  }

  /** Starts TOTP enrolment: a new secret (stored encrypted, not yet active). */
  async enrolTotp(p: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const u = await this.userById(p.userId);
    if (!u) throw new IdentityError(IdentityErrorCode.InvalidToken);
    if (u.totp_enabled) throw new IdentityError(IdentityErrorCode.InvalidCode, 'a second factor is already enrolled');
    const secret = newTotpSecret();
    await this.db.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1', [u.id, this.cipher.encrypt(secret, `users.totp_secret:${u.id}`)]);
    await this.audit.record({ who: this.who(u), action: 'auth.totp.enrol', outcome: 'allowed' });
    return { secret, otpauthUri: otpauthUri(secret, u.email, this.settings.issuerName) };
  }

  /** Confirms enrolment with a first code; the session counts as verified from then on. */
  async confirmTotp(p: Principal, code: string): Promise<TokenPair> {
    const u = await this.userById(p.userId);
    if (!u || !u.totp_secret) throw new IdentityError(IdentityErrorCode.NotEnrolled, 'start enrolment first');
    if (!(await this.acceptCode(u, code))) {
      await this.audit.record({ who: this.who(u), action: 'auth.totp.verify', outcome: 'denied', purpose: 'wrong code' });
      throw new IdentityError(IdentityErrorCode.InvalidCode, 'the code is not right');
    }
    await this.db.query('UPDATE users SET totp_enabled = true WHERE id = $1', [u.id]);
    await this.audit.record({ who: this.who(u), action: 'auth.totp.verify', outcome: 'allowed' });
    // A fresh verified session replaces the unverified one.
    await this.revokeSession(p.sessionId, 'second factor enrolled');
    return this.openSession({ ...u, totp_enabled: true }, true, 'pwd+otp');
  }

  /** A session for a user signed in by single sign-on (their identity provider did the factors). */
  async ssoSession(userId: string, issuer: string): Promise<TokenPair> {
    const u = await this.userById(userId);
    if (!u) throw new IdentityError(IdentityErrorCode.SsoFailed);
    const inactive = this.refuseInactive(u);
    if (inactive) {
      await this.audit.record({ who: this.who(u), action: 'auth.login', outcome: 'denied', purpose: inactive, detail: { method: 'oidc', issuer } });
      throw new IdentityError(inactive);
    }
    await this.audit.record({ who: this.who(u), action: 'auth.login', outcome: 'allowed', detail: { method: 'oidc', issuer, mfa: true } });
    return this.openSession(u, true, 'oidc');
  }

  private async openSession(u: UserRow, mfa: boolean, method: string): Promise<TokenPair> {
    const sid = randomUUID();
    await this.db.query('INSERT INTO sessions (id, user_id, mfa, method, created_at) VALUES ($1, $2, $3, $4, $5)', [sid, u.id, mfa, method, this.clock.now()]);
    return this.issue(u, sid, mfa, method);
  }

  private async issue(u: Pick<UserRow, 'id' | 'partnership_id' | 'roles'>, sid: string, mfa: boolean, method: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.db.query('INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(refreshToken), sid, now, new Date(now.getTime() + this.settings.refreshTtlSeconds * 1000),
    ]);
    const accessToken = await this.tokens.signAccess({ sub: u.id, sid, pid: u.partnership_id, mfa, amr: method.split('+') });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.tokens.accessTtlSeconds, mfaEnrolmentRequired: !mfa && requiresSecondFactor(u.roles) };
  }

  /**
   * Rotates a refresh token. A token that was already rotated is a theft signal: its whole
   * family (the session) is revoked, and so are the access tokens of that session.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    const now = this.clock.now();
    const rows = await this.db.query(
      `SELECT r.session_id, r.expires_at, r.rotated_at, s.revoked_at, s.mfa, s.method, s.user_id FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = $1`,
      [hash],
    );
    const r = rows[0];
    if (!r) throw new IdentityError(IdentityErrorCode.InvalidToken);
    const u = await this.userById(String(r.user_id));
    if (!u) throw new IdentityError(IdentityErrorCode.InvalidToken);
    if (r.rotated_at || r.revoked_at) {
      if (!r.revoked_at) {
        await this.revokeSession(String(r.session_id), 'refresh token reused');
        await this.audit.record({ who: this.who(u), action: 'auth.refresh', outcome: 'denied', purpose: 'refresh token reused: session revoked' });
      }
      throw new IdentityError(IdentityErrorCode.SessionRevoked);
    }
    if ((r.expires_at as Date) <= now) throw new IdentityError(IdentityErrorCode.ExpiredToken);
    const inactive = this.refuseInactive(u);
    if (inactive) throw new IdentityError(inactive);
    const claimed = await this.db.query('UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL RETURNING token_hash', [hash, now]);
    if (claimed.length === 0) {
      await this.revokeSession(String(r.session_id), 'refresh token reused');
      throw new IdentityError(IdentityErrorCode.SessionRevoked);
    }
    return this.issue(u, String(r.session_id), Boolean(r.mfa), String(r.method));
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [sessionId, this.clock.now(), reason]);
    this.cache.delete(sessionId);
  }

  async revokeUserSessions(userId: string, reason: string): Promise<void> {
    const rows = await this.db.query('UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id', [userId, this.clock.now(), reason]);
    for (const r of rows) this.cache.delete(String(r.id));
  }

  /** Forgets cached principals (after an administrative change in this process). */
  forget(): void {
    this.cache.clear();
  }

  /**
   * The principal of an access token. The token proves who and which session; the database
   * says whether the account, its agency and the session are still good. Cached per session
   * for AUTH_STATUS_CACHE_MS, so a change elsewhere takes effect within that time.
   */
  async authenticate(accessToken: string): Promise<Principal> {
    let claims;
    try {
      claims = await this.tokens.verifyAccess(accessToken);
    } catch (err) {
      throw new IdentityError(err instanceof InvalidTokenError && err.reason === 'expired' ? IdentityErrorCode.ExpiredToken : IdentityErrorCode.InvalidToken);
    }
    const now = this.clock.now().getTime();
    const hit = this.cache.get(claims.sid);
    let entry = hit && now - hit.at < this.settings.statusCacheMs ? hit : undefined;
    if (!entry) {
      entry = { at: now, ...(await this.loadPrincipal(claims.sid)) };
      this.cache.set(claims.sid, entry);
      if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    }
    if (entry.error) throw new IdentityError(entry.error);
    const p = entry.principal!;
    if (p.userId !== claims.sub || p.partnershipId !== claims.pid) throw new IdentityError(IdentityErrorCode.InvalidToken);
    return p;
  }

  private async loadPrincipal(sid: string): Promise<{ principal?: Principal; error?: IdentityErrorCode }> {
    const rows = await this.db.query(
      `SELECT s.revoked_at, s.mfa, s.method, u.id, u.partnership_id, u.agency_id, u.display_name, u.roles, u.status, a.status AS agency_status, a.type AS agency_type, a.code AS agency_code
       FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN agencies a ON a.id = u.agency_id WHERE s.id = $1`,
      [sid],
      'rp_principal_v1',
    );
    const r = rows[0];
    if (!r || r.revoked_at) return { error: IdentityErrorCode.SessionRevoked };
    if (r.status !== 'active') return { error: IdentityErrorCode.AccountDisabled };
    if (r.agency_id && r.agency_status !== 'active') return { error: IdentityErrorCode.AgencyOffboarded };
    const roles = (r.roles as string[]) ?? [];
    const type = r.agency_type ? String(r.agency_type) : null;
    return {
      principal: {
        userId: String(r.id), partnershipId: String(r.partnership_id), ...(r.agency_id ? { agencyId: String(r.agency_id) } : {}),
        agencyType: type && isAgencyType(type) ? type : null, agencyCode: (r.agency_code as string | null) ?? null,
        roles, displayName: String(r.display_name), sessionId: sid, mfa: Boolean(r.mfa), mfaPending: !r.mfa && requiresSecondFactor(roles), method: String(r.method),
      },
    };
  }

  static hashPassword = hashPassword;
}
