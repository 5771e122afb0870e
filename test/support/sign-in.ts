import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { hashPassword, totp } from '@app/identity';
import type { Queryable } from '@app/persistence';

/**
 * Test people and signing in through the real API: password, then TOTP enrolment (or the TOTP
 * step) — the same path a person takes. Synthetic data only.
 */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface SeedUser {
  id?: string;
  partnershipId: string;
  agencyId?: string | null;
  email?: string;
  displayName?: string;
  roles: string[];
}

export async function seedPartnership(db: Queryable, id: string, extra: { retentionMonths?: number; timeZone?: string } = {}): Promise<string> {
  await db.query('INSERT INTO partnerships (id, name, time_zone, retention_months) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [id, `Partnership ${id}`, extra.timeZone ?? 'Europe/London', extra.retentionMonths ?? 72]);
  return id;
}

export async function seedAgency(db: Queryable, partnershipId: string, code: string, type: string, id: string = randomUUID()): Promise<string> {
  await db.query('INSERT INTO agencies (id, partnership_id, code, name, type) VALUES ($1, $2, $3, $4, $5)', [id, partnershipId, code, `Agency ${code}`, type]);
  return id;
}

export async function seedUser(db: Queryable, u: SeedUser): Promise<{ id: string; email: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = u.id ?? randomUUID();
  const email = u.email ?? `${id}@example.test`;
  await db.query('INSERT INTO users (id, partnership_id, agency_id, email, display_name, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id, u.partnershipId, u.agencyId ?? null, email, u.displayName ?? `Test ${id.slice(0, 8)}`, u.roles, await passwordHash,
  ]);
  return { id, email };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  secret?: string;
  auth: { Authorization: string };
}

/** Signs in with the password and, where the roles need one, enrols a second factor; returns a verified session. */
export async function signIn(app: INestApplication, email: string, at: () => Date = () => new Date()): Promise<SignedIn> {
  const http = request(app.getHttpServer());
  const login = await http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
  if (login.body.mfaRequired) throw new Error('signIn: the account already has a second factor; use signInTotp');
  let t = login.body as { accessToken: string; refreshToken: string; mfaEnrolmentRequired: boolean };
  let secret: string | undefined;
  if (t.mfaEnrolmentRequired) {
    const enrol = await http.post('/api/auth/totp/enrol').set('Authorization', `Bearer ${t.accessToken}`).send({});
    if (enrol.status !== 200) throw new Error(`enrol ${email}: ${enrol.status} ${JSON.stringify(enrol.body)}`);
    secret = enrol.body.secret as string;
    const verify = await http.post('/api/auth/totp/verify').set('Authorization', `Bearer ${t.accessToken}`).send({ code: totp(secret, at()) });
    if (verify.status !== 200) throw new Error(`verify ${email}: ${verify.status} ${JSON.stringify(verify.body)}`);
    t = verify.body;
  }
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, ...(secret ? { secret } : {}), auth: { Authorization: `Bearer ${t.accessToken}` } };
}

/** Signs in again an account that has a second factor: password, then the current code. */
export async function signInAgain(app: INestApplication, email: string, secret: string, at: () => Date = () => new Date()): Promise<SignedIn> {
  const http = request(app.getHttpServer());
  const login = await http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
  if (login.status !== 200 || !login.body.mfaRequired) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
  const done = await http.post('/api/auth/login/totp').send({ mfaToken: login.body.mfaToken, code: totp(secret, at()) });
  if (done.status !== 200) throw new Error(`login/totp ${email}: ${done.status} ${JSON.stringify(done.body)}`);
  return { accessToken: done.body.accessToken, refreshToken: done.body.refreshToken, secret, auth: { Authorization: `Bearer ${done.body.accessToken}` } };
}
