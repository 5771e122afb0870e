import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DeployDefinitionUseCase, systemActor } from '@app/application';
import { QueueName } from '@app/queue';
import { eventually, startTestRuntime, type Backend, type TestRuntime } from '../../runtime/support/test-runtime';
import { seedAgency, seedUser, signIn, signInAgain } from '../../support/sign-in';
import type { SteppedClock } from './stepped.clock';

/**
 * A synthetic partnership for the pathway tests: the partnership row with its calendar
 * (jurisdiction, due hour) and parameters, one agency of each kind the templates name, one
 * person per role (signed in through the API with a second factor where the role needs one),
 * and the templates of workflows/ (or fixtures) deployed. Synthetic data only.
 */
export const WORKFLOWS = join(__dirname, '..', '..', '..', 'workflows');
export const FIXTURES = join(__dirname, '..', 'fixtures');

export const AGENCIES = [
  { code: 'police', type: 'police' }, { code: 'idva', type: 'idva' }, { code: 'childrens-services', type: 'children-social-work' },
  { code: 'health', type: 'health' }, { code: 'housing', type: 'housing' }, { code: 'refuge', type: 'ngo-refuge' },
  { code: 'probation', type: 'probation' }, { code: 'marac', type: 'other' },
] as const;

export const PEOPLE: { key: string; roles: string[]; agency?: string }[] = [
  { key: 'partnership-coordinator', roles: ['partnership-coordinator'] },
  { key: 'marac-coordinator', roles: ['marac-coordinator'] },
  { key: 'marac-chair', roles: ['marac-chair'] },
  { key: 'manager', roles: ['manager'] },
  { key: 'steering-group', roles: ['steering-group'] },
  { key: 'administrator', roles: ['administrator'] },
  { key: 'police-worker', roles: ['agency-worker'], agency: 'police' },
  { key: 'police-spoc', roles: ['agency-spoc'], agency: 'police' },
  { key: 'idva', roles: ['idva'], agency: 'idva' },
  { key: 'idva-spoc', roles: ['agency-spoc'], agency: 'idva' },
  { key: 'housing-worker', roles: ['agency-worker'], agency: 'housing' },
  { key: 'housing-spoc', roles: ['agency-spoc'], agency: 'housing' },
  { key: 'health-worker', roles: ['agency-worker'], agency: 'health' },
  { key: 'childrens-worker', roles: ['agency-worker'], agency: 'childrens-services' },
];

export interface Person {
  key: string;
  id: string;
  email: string;
  secret?: string;
  auth: { Authorization: string };
}

export interface PartnershipSetup {
  id: string;
  timeZone: string;
  calendar?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  population?: Record<string, unknown>;
  /** Templates of workflows/ (file names without .bpmn) and fixtures (`fixture:name`). */
  deploy: string[];
  /** Sign people in (default true). */
  people?: boolean;
}

export interface PathwayPartnership {
  id: string;
  agencies: Record<string, string>;
  people: Record<string, Person>;
}

export function bpmn(name: string): string {
  return name.startsWith('fixture:') ? readFileSync(join(FIXTURES, `${name.slice(8)}.bpmn`), 'utf8') : readFileSync(join(WORKFLOWS, `${name}.bpmn`), 'utf8');
}

export async function startPathwayRuntime(backend: Backend, clock: SteppedClock): Promise<TestRuntime> {
  return startTestRuntime({ backend, clock, env: { AUTH_LOGIN_LIMIT: '1000' } });
}

export async function setUpPartnership(t: TestRuntime, s: PartnershipSetup): Promise<PathwayPartnership> {
  const db = t.runtime.db.pool;
  await db.query('INSERT INTO partnerships (id, name, time_zone, calendar, parameters, population) VALUES ($1, $2, $3, $4, $5, $6)', [
    s.id, `Synthetic partnership ${s.id}`, s.timeZone, JSON.stringify(s.calendar ?? {}), JSON.stringify(s.parameters ?? {}), JSON.stringify(s.population ?? {}),
  ]);
  const agencies: Record<string, string> = {};
  for (const a of AGENCIES) agencies[a.code] = await seedAgency(db, s.id, a.code, a.type);
  const people: Record<string, Person> = {};
  if (s.people !== false) {
    await Promise.all(PEOPLE.map(async (p) => {
      const email = `${p.key}.${s.id}@example.test`;
      const u = await seedUser(db, { partnershipId: s.id, agencyId: p.agency ? agencies[p.agency]! : null, roles: p.roles, email });
      const signed = await signIn(t.app, email, () => t.runtime.clock.now());
      people[p.key] = { key: p.key, id: u.id, email, ...(signed.secret ? { secret: signed.secret } : {}), auth: signed.auth };
    }));
    const spocs = PEOPLE.filter((p) => p.roles.includes('agency-spoc'));
    for (const sp of spocs) await db.query('UPDATE agencies SET spoc_user_id = $2 WHERE id = $1', [agencies[sp.agency!], people[sp.key]!.id]);
  }
  const deploy = t.app.get(DeployDefinitionUseCase);
  for (const name of s.deploy) await deploy.execute({ actor: systemActor(s.id), xml: bpmn(name), source: name });
  return { id: s.id, agencies, people };
}

export const http = (t: TestRuntime) => request(t.app.getHttpServer());

/** Signs everyone in again (access tokens last minutes of the clock, which the tests move by days). */
export async function signInAgainAll(t: TestRuntime, w: PathwayPartnership): Promise<void> {
  await Promise.all(Object.values(w.people).map(async (p) => {
    const s = p.secret ? await signInAgain(t.app, p.email, p.secret, () => t.runtime.clock.now()) : await signIn(t.app, p.email, () => t.runtime.clock.now());
    p.auth = s.auth;
  }));
}

/**
 * Promotes the delayed timer jobs that are due on the (jumped) clock, so the worker fires them
 * now, as it would have when their time came; waits until the timers have fired. A job's due
 * time is read from what it carries (a wake-up second, or the timer's row), never from the
 * queue's own delay, which was computed on the clock before the jump.
 */
export async function fireDueTimers(t: TestRuntime, instanceIds?: number[]): Promise<number> {
  const now = t.runtime.clock.now();
  const rows = await t.runtime.db.query<{ instance_id: number; timer_id: number; due_at: Date }>(
    `SELECT instance_id, timer_id, due_at FROM timers WHERE status = 'pending' AND due_at <= $1 AND instance_id IS NOT NULL AND ($2::bigint[] IS NULL OR instance_id = ANY($2)) ORDER BY due_at, id`,
    [now, instanceIds ?? null],
  );
  const queue = t.runtime.queues.queues.get(QueueName.Runtime)!;
  for (const job of await queue.getDelayed()) {
    const data = (job.data ?? {}) as { second?: number; instanceId?: number; timerId?: number };
    let dueMs: number | undefined;
    if (typeof data.second === 'number' && data.second > 0) dueMs = data.second * 1000;
    else if (data.instanceId !== undefined && data.timerId !== undefined) {
      const r = (await t.runtime.db.query<{ due_at: Date }>('SELECT due_at FROM timers WHERE instance_id = $1 AND timer_id = $2', [data.instanceId, data.timerId]))[0];
      dueMs = r?.due_at.getTime();
    }
    if (dueMs !== undefined && dueMs <= now.getTime()) await job.promote().catch(() => undefined);
  }
  if (rows.length > 0) {
    await eventually(async () => {
      const left = await t.runtime.db.query(
        `SELECT count(*)::int AS n FROM timers WHERE status = 'pending' AND due_at <= $1 AND instance_id = ANY($2)`,
        [now, rows.map((r) => r.instance_id)],
      );
      return Number(left[0]!.n) === 0;
    }, 20_000);
  }
  return rows.length;
}

/** The open task of an element of a case (waits for it). */
export async function openTask(t: TestRuntime, caseId: string, elementId: string): Promise<{ id: number; agency_id: string | null }> {
  return eventually(async () => (await t.runtime.db.query<{ id: number; agency_id: string | null }>(
    `SELECT id, agency_id FROM user_tasks WHERE case_id = $1 AND element_id = $2 AND status = 'open' ORDER BY id LIMIT 1`, [caseId, elementId],
  ))[0]);
}
