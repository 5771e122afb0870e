import type { Database } from '@app/persistence';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import type { IdentityService, TokenPair } from './identity.service';
import type { TokenService } from './token.service';

/**
 * Single sign-on for partner agencies: OpenID Connect authorisation code flow with PKCE, state
 * and nonce, as a relying party (`openid-client`). A person signs in only to an account an
 * administrator provisioned in the provider's agency: first by verified e-mail, then by the
 * provider's subject, which is linked on the first sign-in.
 */
export interface OidcProviderConfig {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  partnershipId: string;
  agencyId: string;
}

export function parseOidcProviders(json: string): OidcProviderConfig[] {
  if (!json.trim()) return [];
  const list = JSON.parse(json) as OidcProviderConfig[];
  if (!Array.isArray(list)) throw new Error('OIDC_PROVIDERS must be a JSON array');
  for (const p of list) {
    for (const k of ['id', 'issuer', 'clientId', 'clientSecret', 'redirectUri', 'partnershipId', 'agencyId'] as const) {
      if (typeof p[k] !== 'string' || !p[k]) throw new Error(`OIDC_PROVIDERS: ${k} is required`);
    }
  }
  return list;
}

type OidcClient = typeof import('openid-client');
type Configuration = import('openid-client').Configuration;

const isLoopback = (u: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(u.endsWith('/') ? u : `${u}/`);

export class OidcService {
  private lib?: Promise<OidcClient>;
  private readonly configs = new Map<string, Promise<Configuration>>();

  constructor(
    private readonly providers: OidcProviderConfig[],
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
  ) {}

  list(): { id: string; issuer: string }[] {
    return this.providers.map((p) => ({ id: p.id, issuer: p.issuer }));
  }

  private client(): Promise<OidcClient> {
    this.lib ??= import('openid-client');
    return this.lib;
  }

  private provider(id: string): OidcProviderConfig {
    const p = this.providers.find((x) => x.id === id);
    if (!p) throw new IdentityError(IdentityErrorCode.SsoFailed, 'no such identity provider');
    return p;
  }

  private async config(p: OidcProviderConfig): Promise<Configuration> {
    let c = this.configs.get(p.id);
    if (!c) {
      c = this.client().then((oc) =>
        // Plain HTTP only for a provider on this machine (tests, local development).
        oc.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, isLoopback(p.issuer) ? { execute: [oc.allowInsecureRequests] } : undefined),
      );
      c.catch(() => this.configs.delete(p.id));
      this.configs.set(p.id, c);
    }
    return c;
  }

  /** The provider's authorisation URL and a signed, short-lived state to keep in a cookie. */
  async begin(providerId: string): Promise<{ url: string; stateToken: string }> {
    const p = this.provider(providerId);
    const oc = await this.client();
    const config = await this.config(p);
    const verifier = oc.randomPKCECodeVerifier();
    const state = oc.randomState();
    const nonce = oc.randomNonce();
    const url = oc.buildAuthorizationUrl(config, {
      redirect_uri: p.redirectUri, scope: 'openid email profile', code_challenge: await oc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce,
    });
    const stateToken = await this.tokens.sign('oidc-state', { sub: p.id, state, nonce, verifier }, 600);
    return { url: url.href, stateToken };
  }

  /** Completes the flow from the callback URL; returns a session for the linked account. */
  async complete(providerId: string, search: string, stateToken: string | undefined): Promise<TokenPair> {
    const p = this.provider(providerId);
    // The callback URL is the registered redirect URI plus the query the provider sent (never the Host header).
    const callbackUrl = new URL(p.redirectUri);
    callbackUrl.search = search;
    if (!stateToken) throw new IdentityError(IdentityErrorCode.SsoFailed, 'no sign-in in progress');
    let st: { sub: string; state: string; nonce: string; verifier: string };
    try {
      st = (await this.tokens.verify('oidc-state', stateToken)) as unknown as typeof st;
    } catch {
      throw new IdentityError(IdentityErrorCode.SsoFailed, 'the sign-in expired; start again');
    }
    if (st.sub !== p.id) throw new IdentityError(IdentityErrorCode.SsoFailed);
    const oc = await this.client();
    let claims: Record<string, unknown>;
    try {
      const config = await this.config(p);
      const tokens = await oc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: st.verifier, expectedState: st.state, expectedNonce: st.nonce, idTokenExpected: true });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      // Providers may keep the e-mail out of the ID token: ask the userinfo endpoint (checked against the same subject).
      if (claims.email === undefined) claims = { ...(await oc.fetchUserInfo(config, tokens.access_token, String(claims.sub))), sub: claims.sub };
    } catch {
      throw new IdentityError(IdentityErrorCode.SsoFailed, 'the identity provider did not confirm the sign-in');
    }
    const sub = String(claims.sub ?? '');
    let rows = await this.db.query('SELECT id FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 AND partnership_id = $3 AND agency_id = $4', [p.issuer, sub, p.partnershipId, p.agencyId]);
    if (!rows[0] && claims.email_verified === true && typeof claims.email === 'string') {
      rows = await this.db.query(
        'UPDATE users SET oidc_issuer = $1, oidc_subject = $2 WHERE lower(email) = lower($3) AND partnership_id = $4 AND agency_id = $5 AND oidc_subject IS NULL RETURNING id',
        [p.issuer, sub, claims.email, p.partnershipId, p.agencyId],
      );
    }
    if (!rows[0]) throw new IdentityError(IdentityErrorCode.SsoFailed, 'no account is provisioned for this person in the agency');
    return this.identity.ssoSession(String(rows[0].id), p.issuer);
  }
}
