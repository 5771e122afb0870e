import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { startTestRuntime, type TestRuntime } from '../runtime/support/test-runtime';
import { seedAgency, seedPartnership, seedUser } from '../support/sign-in';

/**
 * Single sign-on for a partner agency, end to end against a real OpenID provider (the
 * `oidc-provider` package) started by the test on 127.0.0.1: authorisation code with PKCE,
 * state and nonce; the account is the one an administrator provisioned in the agency, linked by
 * verified e-mail on first sign-in and by subject after that.
 */
const CLIENT = { id: 'referral-pathways', secret: 'a-test-client-secret-not-real' };
const REDIRECT = 'http://127.0.0.1:3999/api/auth/oidc/police-idp/callback';

async function startProvider(subject: string, email: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'oidc-provider.mjs'), CLIENT.id, CLIENT.secret, REDIRECT, subject, email], { stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code})`)));
  });
  return { issuer: (JSON.parse(line) as { issuer: string }).issuer, child };
}

/** A browser's part: follow the provider's redirects with its cookies until it sends us back. */
async function throughProvider(url: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 12; hop++) {
    if (next.startsWith(REDIRECT.split('?')[0]!)) return next;
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${next} with ${res.status}: ${(await res.text()).slice(0, 200)}`);
    next = new URL(location, next).href;
  }
  throw new Error('too many redirects');
}

describe('OpenID Connect single sign-on for a partner agency', () => {
  jest.setTimeout(60_000);
  let t: TestRuntime;
  let idp: { issuer: string; child: ChildProcess };
  let police: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    idp = await startProvider('police-sub-42', 'officer.sso@police.example.test');
    t = await startTestRuntime({ backend: 'postgres', env: { OIDC_PROVIDERS: JSON.stringify([{ id: 'police-idp', issuer: idp.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUri: REDIRECT, partnershipId: 'p1', agencyId: 'police-agency-p1' }]) } });
    await seedPartnership(t.runtime.db.pool, 'p1');
    police = await seedAgency(t.runtime.db.pool, 'p1', 'police', 'police', 'police-agency-p1');
  });

  afterAll(async () => {
    await t?.close();
    idp?.child.kill('SIGTERM');
  });

  async function signInWithSso(): Promise<{ status: number; body: Record<string, unknown> }> {
    const start = await http().get('/api/auth/oidc/police-idp/login');
    expect(start.status).toBe(302);
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rp_oidc='))!.split(';')[0]!;
    const back = new URL(await throughProvider(start.headers.location as string));
    const done = await http().get(`/api/auth/oidc/police-idp/callback${back.search}`).set('Cookie', cookie);
    return { status: done.status, body: done.body as Record<string, unknown> };
  }

  it('lists the provider and refuses a person the agency has not provisioned', async () => {
    expect((await http().get('/api/auth/oidc/providers')).body).toEqual([{ id: 'police-idp', issuer: idp.issuer }]);
    const r = await signInWithSso();
    expect(r.status).toBe(401);
  });

  it('signs the provisioned person in (linked by verified e-mail, then by subject), with a session that needs no second TOTP', async () => {
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', agencyId: police, roles: ['agency-worker'], email: 'officer.sso@police.example.test' });
    const first = await signInWithSso();
    expect(first.status).toBe(200);
    const me = await http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`);
    expect(me.body).toMatchObject({ id: u.id, agency: { id: police }, mfa: true, mfaEnrolmentRequired: false });
    expect((await http().get('/api/tasks').set('Authorization', `Bearer ${first.body.accessToken}`)).status).toBe(200);
    const linked = await t.runtime.db.query('SELECT oidc_issuer, oidc_subject FROM users WHERE id = $1', [u.id]);
    expect(linked[0]).toEqual({ oidc_issuer: idp.issuer, oidc_subject: 'police-sub-42' });
    // The e-mail changes at the agency: the subject still finds the account.
    await t.runtime.db.query(`UPDATE users SET email = 'renamed@police.example.test' WHERE id = $1`, [u.id]);
    const second = await signInWithSso();
    expect(second.status).toBe(200);
    // A disabled account cannot sign in by SSO either.
    await t.runtime.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [u.id]);
    expect((await signInWithSso()).status).toBe(401);
  });

  it('refuses a callback without the sign-in cookie or with a forged state', async () => {
    expect((await http().get('/api/auth/oidc/police-idp/callback?code=x&state=y')).status).toBe(401);
    const start = await http().get('/api/auth/oidc/police-idp/login');
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rp_oidc='))!.split(';')[0]!;
    const back = new URL(await throughProvider(start.headers.location as string));
    back.searchParams.set('state', 'forged-state');
    expect((await http().get(`/api/auth/oidc/police-idp/callback${back.search}`).set('Cookie', cookie)).status).toBe(401);
    expect((await http().get('/api/auth/oidc/nobody/login')).status).toBe(401);
  });
});
