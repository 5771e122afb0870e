import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ROLES } from '@app/access';
import { eventually, type TestRuntime } from '../../runtime/support/test-runtime';
import { seedAgency, seedPartnership, seedUser, signIn } from '../../support/sign-in';

/**
 * A synthetic world for the access tests: two partnerships, each with one agency of every type
 * (plus the MARAC team and a "sink" agency nobody works for), one person per role and agency,
 * all signed in with a second factor; cases referred through the API with a canary string in
 * every personal field, so a leak of any scope shows up in any response.
 */
export const AGENCY_KINDS = [
  { code: 'police', type: 'police' },
  { code: 'idva', type: 'idva' },
  { code: 'childrens-services', type: 'children-social-work' },
  { code: 'health', type: 'health' },
  { code: 'housing', type: 'housing' },
  { code: 'refuge', type: 'ngo-refuge' },
  { code: 'probation', type: 'probation' },
  { code: 'marac', type: 'other' },
] as const;

export const PARTNERSHIP_ROLES = ['partnership-coordinator', 'marac-coordinator', 'marac-chair', 'manager', 'steering-group', 'dpo', 'administrator'] as const;

export interface Actor {
  key: string;
  userId: string;
  email: string;
  partnershipId: string;
  agencyId: string | null;
  agencyCode: string | null;
  agencyType: string | null;
  roles: string[];
  auth: { Authorization: string };
  /** The TOTP secret enrolled at first sign-in (roles that need a second factor). */
  secret?: string;
}

export interface WorldCase {
  key: string;
  id: string;
  reference: string;
  partnershipId: string;
  instanceId: number;
  hasChildren: boolean;
  referrerKey: string;
}

export interface World {
  partnerships: string[];
  agencies: Record<string, Record<string, string>>;
  actors: Actor[];
  cases: WorldCase[];
  definitionIds: Record<string, number>;
  sinkAgency: Record<string, string>;
  sinkUser: Record<string, string>;
  actor(partnershipId: string, key: string): Actor;
  caseOf(key: string): WorldCase;
}

export const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', `${name}.bpmn`), 'utf8');

export function canary(caseKey: string, scope: string): string {
  return `CANARY-${caseKey}-${scope}`;
}

/** The personal fields of a referral, each scope carrying its canary. */
export function referralBody(caseKey: string, opts: { children: boolean; consent?: 'given' | 'refused' | 'not-sought'; safeToCall?: boolean; safeChannels?: string[]; ownerAgency?: string; pathway?: string; notSafe?: string[]; variables?: Record<string, unknown> }) {
  const consent = opts.consent ?? 'given';
  return {
    idempotencyKey: `idem-${caseKey}-0001`,
    pathway: opts.pathway ?? 'access_pathway',
    consent,
    lawfulBasis: consent === 'given' ? 'consent' : 'UK GDPR 6(1)(e) public task; DPA 2018 Sch 1 para 18 safeguarding',
    ...(consent === 'given' ? {} : { sharingPurpose: 'MARAC risk management', adequateRelevantLimited: true }),
    victim: {
      identity: { name: canary(caseKey, 'identity'), dateOfBirth: '1990-01-01' },
      address: { line1: canary(caseKey, 'address'), postcode: 'ZZ1 1ZZ' },
      safeContact: { phone: canary(caseKey, 'safe-contact'), safeChannels: opts.safeChannels ?? ['phone', 'in-person', 'letter'] },
      health: { notes: canary(caseKey, 'health') },
    },
    perpetrators: [{ name: canary(caseKey, 'perpetrator'), relationship: 'ex-partner' }],
    children: opts.children ? [{ name: canary(caseKey, 'children'), dateOfBirth: '2018-05-05' }] : [],
    dash: { answers: { q1: true, q2: true }, comments: canary(caseKey, 'dash') },
    dashScore: 15,
    safeToCall: opts.safeToCall ?? true,
    ...(opts.notSafe ? { notSafeToTalkToUserIds: opts.notSafe } : {}),
    variables: { ...(opts.ownerAgency ? { ownerAgency: opts.ownerAgency } : {}), ...(opts.variables ?? {}) },
  };
}

export async function buildWorld(t: TestRuntime, opts: { partnerships?: string[] } = {}): Promise<World> {
  const db = t.runtime.db.pool;
  const app: INestApplication = t.app;
  const http = () => request(app.getHttpServer());
  const partnerships = opts.partnerships ?? ['p1', 'p2'];
  const agencies: World['agencies'] = {};
  const sinkAgency: Record<string, string> = {};
  const sinkUser: Record<string, string> = {};
  const actors: Actor[] = [];
  const pending: Promise<void>[] = [];
  for (const pid of partnerships) {
    await seedPartnership(db, pid);
    agencies[pid] = {};
    for (const a of AGENCY_KINDS) agencies[pid]![a.code] = await seedAgency(db, pid, a.code, a.type);
    sinkAgency[pid] = await seedAgency(db, pid, 'sink', 'other');
    sinkUser[pid] = (await seedUser(db, { partnershipId: pid, roles: ['manager'], email: `sink-${pid}@example.test` })).id;
    const add = (key: string, roles: string[], agency?: (typeof AGENCY_KINDS)[number]) => {
      pending.push((async () => {
        const email = `${key}.${pid}@example.test`;
        const agencyId = agency ? agencies[pid]![agency.code]! : null;
        const u = await seedUser(db, { partnershipId: pid, agencyId, roles, email });
        const s = await signIn(app, email, () => t.runtime.clock.now());
        actors.push({ key, userId: u.id, email, partnershipId: pid, agencyId, agencyCode: agency?.code ?? null, agencyType: agency?.type ?? null, roles, auth: s.auth, ...(s.secret ? { secret: s.secret } : {}) });
      })());
    };
    for (const r of PARTNERSHIP_ROLES) add(r, [r]);
    for (const a of AGENCY_KINDS) {
      add(`${a.code}-spoc`, ['agency-spoc'], a);
      add(`${a.code}-worker`, ['agency-worker'], a);
    }
    add('idva-idva', ['idva'], AGENCY_KINDS[1]);
  }
  await Promise.all(pending);
  expect(actors.length).toBe(partnerships.length * (PARTNERSHIP_ROLES.length + AGENCY_KINDS.length * 2 + 1));
  expect(ROLES.length).toBe(10);
  const actor = (pid: string, key: string) => {
    const a = actors.find((x) => x.partnershipId === pid && x.key === key);
    if (!a) throw new Error(`no actor ${key} in ${pid}`);
    return a;
  };

  const definitionIds: Record<string, number> = {};
  for (const pid of partnerships) {
    const admin = actor(pid, 'administrator');
    for (const f of ['access-pathway', 'proactive-consent']) {
      const res = await http().post('/api/definitions').set(admin.auth).set('Content-Type', 'application/xml').send(fixture(f));
      if (res.status !== 201) throw new Error(`deploy ${f}: ${res.status} ${JSON.stringify(res.body)}`);
      definitionIds[`${pid}:${f}`] = res.body.id;
    }
  }

  const cases: WorldCase[] = [];
  const refer = async (key: string, pid: string, referrerKey: string, body: ReturnType<typeof referralBody>) => {
    const res = await http().post('/api/referrals').set(actor(pid, referrerKey).auth).send(body);
    if (res.status !== 201) throw new Error(`refer ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    cases.push({ key, id: res.body.id, reference: res.body.reference, partnershipId: pid, instanceId: res.body.instanceId, hasChildren: body.children.length > 0, referrerKey });
  };
  // p1: an adult-only police referral whose action goes to housing; a housing referral with children whose action goes to probation.
  await refer('A', 'p1', 'police-worker', referralBody('A', { children: false, ownerAgency: 'housing' }));
  await refer('B', 'p1', 'housing-worker', referralBody('B', { children: true, consent: 'not-sought', ownerAgency: 'probation' }));
  if (partnerships.includes('p2')) await refer('C', 'p2', 'police-worker', referralBody('C', { children: true, ownerAgency: 'health' }));
  // Minutes on every case, by the coordinator of its partnership.
  for (const c of cases) {
    const r = await http().post(`/api/cases/${c.id}/minutes`).set(actor(c.partnershipId, 'marac-coordinator').auth).send({ meetingDate: '2026-03-02', text: canary(c.key, 'minutes') });
    if (r.status !== 204) throw new Error(`minutes ${c.key}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  // Every case's three tasks exist (routed by the database trigger in the same transaction as the start).
  await eventually(async () => {
    const n = await t.runtime.db.query(`SELECT count(*)::int AS n FROM user_tasks WHERE case_id = ANY($1)`, [cases.map((c) => c.id)]);
    return Number(n[0]!.n) === cases.length * 3;
  });
  return {
    partnerships, agencies, actors, cases, definitionIds, sinkAgency, sinkUser, actor,
    caseOf: (key) => cases.find((c) => c.key === key)!,
  };
}
