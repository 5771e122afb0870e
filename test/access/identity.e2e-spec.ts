import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import request from 'supertest';
import { loadSigningKey, totp } from '@app/identity';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ManualClock } from '../runtime/support/manual.clock';
import { startTestRuntime, type Backend, type TestRuntime } from '../runtime/support/test-runtime';
import { seedAgency, seedPartnership, seedUser, signIn, TEST_PASSWORD } from '../support/sign-in';

/**
 * Issue 4 identity: the token suite (every bad token refused), TOTP, refresh-token rotation and
 * reuse, disabling and offboarding within 60 s on an injected clock (no sleeping), the second
 * factor gate, and login rate limits shared between api processes on both stores.
 */
describe('identity and tokens', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let t: TestRuntime;
  const http = () => request(t.app.getHttpServer());
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestRuntime({ backend: 'postgres', clock, env: { AUTH_LOGIN_LIMIT: '1000' } });
    await seedPartnership(t.runtime.db.pool, 'p1');
    agencyId = await seedAgency(t.runtime.db.pool, 'p1', 'police', 'police');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function person(roles: string[] = ['agency-worker']) {
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', agencyId, roles });
    const s = await signIn(t.app, u.email, () => clock.now());
    return { ...u, ...s };
  }

  const ok = async (token: string) => (await http().get('/api/me').set('Authorization', `Bearer ${token}`)).status;

  it('refuses every bad token (alg none, wrong key, expired, wrong audience or issuer, tampered, wrong type, revoked, disabled user, offboarded agency)', async () => {
    const key = loadSigningKey({ signingKeyPem: t.config.AUTH_SIGNING_KEY, dataKeys: '', dataKeyId: '', dataDir: t.config.DATA_DIR });
    const p = await person();
    expect(await ok(p.accessToken)).toBe(200);
    const claims = JSON.parse(Buffer.from(p.accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(clock.now().getTime() / 1000);
    const sign = (c: Record<string, unknown>, header: Record<string, unknown> = { alg: 'EdDSA', typ: 'at+jwt', kid: key.kid }, k = key.privateKey) =>
      new SignJWT(c).setProtectedHeader(header as { alg: string }).sign(k);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const cases: [string, () => Promise<string>][] = [
      ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`],
      ['alg none, empty signature dropped', async () => `${b64({ alg: 'none' })}.${b64(claims)}`],
      ['HS256 with the public key as secret', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(key.publicKey.export({ type: 'spki', format: 'der' }))],
      ['wrong key', async () => sign(claims, undefined, generateKeyPairSync('ed25519').privateKey)],
      ['wrong audience', async () => sign({ ...claims, aud: 'urn:someone-else' })],
      ['wrong issuer', async () => sign({ ...claims, iss: 'urn:evil' })],
      ['expired', async () => sign({ ...claims, iat: now - 3600, nbf: now - 3600, exp: now - 600 })],
      ['not yet valid', async () => sign({ ...claims, iat: now + 3600, nbf: now + 3600, exp: now + 7200 })],
      ['tampered payload', async () => `${p.accessToken.split('.')[0]}.${b64({ ...claims, sub: randomUUID() })}.${p.accessToken.split('.')[2]}`],
      ['another person in a valid session', async () => sign({ ...claims, sub: randomUUID() })],
      ['wrong type (a second-factor token)', async () => sign({ ...claims, aud: `${t.config.AUTH_AUDIENCE}:mfa` }, { alg: 'EdDSA', typ: 'mfa+jwt', kid: key.kid })],
      ['garbage', async () => 'not.a.token'],
    ];
    const refused: string[] = [];
    for (const [name, make] of cases) if ((await ok(await make())) === 401) refused.push(name);

    // Revoked: signed out; and a session whose refresh token was reused.
    const revoked = await person();
    expect((await http().post('/api/auth/logout').set(revoked.auth)).status).toBe(204);
    if ((await ok(revoked.accessToken)) === 401) refused.push('revoked (signed out)');
    const stolen = await person();
    const rotated = await http().post('/api/auth/refresh').send({ refreshToken: stolen.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await http().post('/api/auth/refresh').send({ refreshToken: stolen.refreshToken })).status).toBe(401);
    if ((await ok(rotated.body.accessToken)) === 401) refused.push('revoked (refresh token reused: family revoked)');
    expect((await http().post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken })).status).toBe(401);

    // Disabled user and offboarded agency, changed by "another process" (straight in the database):
    // still served from the status cache, then refused once it expires — well within 60 s.
    const disabled = await person();
    expect(await ok(disabled.accessToken)).toBe(200);
    await t.runtime.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.id]);
    clock.advance(t.config.AUTH_STATUS_CACHE_MS + 1);
    if ((await ok(disabled.accessToken)) === 401) refused.push('disabled user');
    const offAgency = await seedAgency(t.runtime.db.pool, 'p1', `gone-${randomUUID().slice(0, 6)}`, 'housing');
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', agencyId: offAgency, roles: ['agency-worker'] });
    const off = await signIn(t.app, u.email, () => clock.now());
    expect(await ok(off.accessToken)).toBe(200);
    await t.runtime.db.query(`UPDATE agencies SET status = 'offboarded' WHERE id = $1`, [offAgency]);
    clock.advance(t.config.AUTH_STATUS_CACHE_MS + 1);
    if ((await ok(off.accessToken)) === 401) refused.push('offboarded agency');
    expect(t.config.AUTH_STATUS_CACHE_MS + 1).toBeLessThan(60_000);

    // Expiry of a real token, on the injected clock.
    const late = await person();
    clock.advance((t.config.AUTH_ACCESS_TTL_SECONDS + 10) * 1000);
    if ((await ok(late.accessToken)) === 401) refused.push('expired (real token, clock moved)');

    const total = cases.length + 5;
    const expectedNames = [...cases.map(([n]) => n), 'revoked (signed out)', 'revoked (refresh token reused: family revoked)', 'disabled user', 'offboarded agency', 'expired (real token, clock moved)'];
    expect(expectedNames.filter((n) => !refused.includes(n))).toEqual([]);
    process.stdout.write(`token suite: ${refused.length}/${total} refused (${Math.round((refused.length / total) * 100)} %)\n`);
    expect(refused.length).toBe(total);
  });

  it('disabling through the administration API takes effect at once; the account cannot sign in again', async () => {
    const admin = await person(['administrator']);
    const p = await person();
    expect((await http().post(`/api/admin/users/${p.id}/disable`).set(admin.auth)).status).toBe(200);
    expect(await ok(p.accessToken)).toBe(401);
    expect((await http().post('/api/auth/login').send({ email: p.email, password: TEST_PASSWORD })).status).toBe(401);
  });

  it('offboarding an agency through the administration API signs its people out and ends its shares', async () => {
    const admin = await person(['administrator']);
    const a = await seedAgency(t.runtime.db.pool, 'p1', `off-${randomUUID().slice(0, 6)}`, 'probation');
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', agencyId: a, roles: ['agency-spoc'] });
    const s = await signIn(t.app, u.email, () => clock.now());
    expect(await ok(s.accessToken)).toBe(200);
    expect((await http().post(`/api/admin/agencies/${a}/offboard`).set(admin.auth)).status).toBe(204);
    expect(await ok(s.accessToken)).toBe(401);
  });

  it('requires the second factor for roles that see personal data, and checks TOTP codes (no replay)', async () => {
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', agencyId, roles: ['agency-worker'] });
    const first = await http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD });
    expect(first.body).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: true });
    const pending = { Authorization: `Bearer ${first.body.accessToken}` };
    expect((await http().get('/api/cases').set(pending)).status).toBe(403);
    expect((await http().get('/api/me').set(pending)).body).toMatchObject({ mfaEnrolmentRequired: true });
    const enrol = await http().post('/api/auth/totp/enrol').set(pending).send({});
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect((await http().post('/api/auth/totp/verify').set(pending).send({ code: '000000' === totp(enrol.body.secret, clock.now()) ? '111111' : '000000' })).status).toBe(403);
    const verified = await http().post('/api/auth/totp/verify').set(pending).send({ code: totp(enrol.body.secret, clock.now()) });
    expect(verified.status).toBe(200);
    expect((await http().get('/api/cases').set('Authorization', `Bearer ${verified.body.accessToken}`)).status).toBe(200);
    // The unverified session was replaced.
    expect(await ok(first.body.accessToken)).toBe(401);

    // From now on: password, then a code; the same code twice is refused.
    clock.advance(30_000);
    const step1 = await http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD });
    expect(step1.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    const code = totp(enrol.body.secret, clock.now());
    expect((await http().post('/api/auth/login/totp').send({ mfaToken: step1.body.mfaToken, code: code === '123456' ? '654321' : '123456' })).status).toBe(403);
    const step2 = await http().post('/api/auth/login/totp').send({ mfaToken: step1.body.mfaToken, code });
    expect(step2.status).toBe(200);
    expect(await ok(step2.body.accessToken)).toBe(200);
    expect((await http().post('/api/auth/login/totp').send({ mfaToken: step1.body.mfaToken, code })).status).toBe(403);
    // A wrong password says nothing about whether the account exists.
    const wrong = await http().post('/api/auth/login').send({ email: u.email, password: 'not the password at all' });
    const nobody = await http().post('/api/auth/login').send({ email: 'nobody@example.test', password: 'not the password at all' });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(nobody.body.detail);
  });

  it('lets managers (aggregates only) work without a second factor, but never see a case', async () => {
    const u = await seedUser(t.runtime.db.pool, { partnershipId: 'p1', roles: ['manager'] });
    const s = await signIn(t.app, u.email, () => clock.now());
    expect(s.secret).toBeUndefined();
    expect((await http().get('/api/dashboard/summary').set(s.auth)).status).toBe(200);
    expect((await http().get('/api/cases').set(s.auth)).status).toBe(403);
    expect((await http().get('/api/tasks').set(s.auth)).status).toBe(403);
  });

  it('sends security headers, no caching, and refuses unknown properties and oversized bodies', async () => {
    const res = await http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const extra = await http().post('/api/auth/login').send({ email: 'a@example.test', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    const big = await http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.text).not.toMatch(/at \w+ \(/);
  });
});

describe.each<Backend>(['postgres', 'redis'])('login rate limit shared by two api processes (%s store)', (backend) => {
  jest.setTimeout(60_000);
  let t: TestRuntime;
  let second: INestApplication;

  beforeAll(async () => {
    t = await startTestRuntime({ backend, env: { AUTH_LOGIN_LIMIT: '3', AUTH_LOGIN_WINDOW_MS: '60000', CORS_ORIGINS: 'https://marac.example.test' } });
    second = await createApiApp(t.runtime, t.config, { withWorker: false });
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('counts attempts on one account across both processes and refuses the fourth with 429', async () => {
    const email = `target-${randomUUID()}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? t.app : second;
      statuses.push((await request(app.getHttpServer()).post('/api/auth/login').send({ email, password: 'guessing the password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another account from the same client still gets its own attempts.
    expect((await request(second.getHttpServer()).post('/api/auth/login').send({ email: `other-${randomUUID()}@example.test`, password: 'guessing the password' })).status).toBe(401);
  });

  it('answers CORS only for the configured origins', async () => {
    const good = await request(t.app.getHttpServer()).options('/api/me').set('Origin', 'https://marac.example.test').set('Access-Control-Request-Method', 'GET');
    expect(good.headers['access-control-allow-origin']).toBe('https://marac.example.test');
    const bad = await request(t.app.getHttpServer()).options('/api/me').set('Origin', 'https://evil.example.test').set('Access-Control-Request-Method', 'GET');
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
  });
});
