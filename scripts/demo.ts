/**
 * `npm run demo`: a synthetic partnership and a few hundred synthetic referrals driven through
 * the pathway templates on an accelerated clock, so that every screen and KPI has data; then the
 * product itself on the same data, with the demo accounts printed.
 *
 * Phase 1 runs api + worker in this process on an offset/rate clock (CLOCK_MODE=offset) that
 * starts `--days` ago and reaches today after about `--seconds` real seconds: referrals arrive
 * through the intake (DASH scored, criteria, decision data only, repeats proposed), agencies work
 * their tasks (most in time, some late, so SLAs breach and escalate through the queue), the
 * coordinator decides repeat proposals, lists cases on the fortnightly meetings, the chair
 * records the action plans and minutes, and actions are completed, not possible or not acted on.
 * Phase 2 starts the product on the normal clock (embedded PostgreSQL unless DATABASE_URL is set)
 * and keeps it running.
 *
 *   npm run demo [-- --referrals 240 --days 49 --seconds 240 --port 3000 --no-serve --keep]
 *
 * Synthetic data only: names are generated from made-up syllables, nothing real.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { CompleteTaskUseCase, createLogger, createRuntime, DeployWorkflowsUseCase, loadConfigOrExit, onShutdownSignals, systemActor, type Runtime } from '@app/application';
import type { FormField, Variables } from '@app/engine';
import { FieldCipher, hashPassword, newTotpSecret, type Principal } from '@app/identity';
import { localDate } from '@app/pathways';
import { createApiApp } from '../apps/api/src/create-api-app';
import { IntakeService } from '../apps/api/src/intake/intake.service';
import { MeetingsService } from '../apps/api/src/meetings/meetings.service';
import { CIPHER } from '../apps/api/src/security/security.tokens';

// ---------------------------------------------------------------------------------------------
// Options

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const REFERRALS = arg('referrals', 240);
const DAYS = arg('days', 49);
const SECONDS = arg('seconds', 240);
const PORT = arg('port', Number(process.env.PORT ?? 3000));
const DATA_DIR = process.env.DATA_DIR ?? '.data/demo';
export const DEMO_PASSWORD = 'synthetic-demo-password';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (a seeded generator, so a demo run is reproducible)

let seed = 20260501;
function rnd(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
/** A stable fraction in [0, 1) for a key (a task's fate does not depend on the polling order). */
function hashFraction(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ze', 'ru', 'vo', 'ta', 'ne', 'qui', 'sa', 'bo', 'xe', 'fi', 'da', 'gu', 'ye'];
const synthName = (prefix: string) => `${prefix}${pick(SYLLABLES)}${pick(SYLLABLES)}`;
function person(): { givenNames: string[]; surname: string; dateOfBirth: string } {
  const y = 1960 + Math.floor(rnd() * 45);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  return { givenNames: [synthName('Demo')], surname: synthName('Synth'), dateOfBirth: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
/** A recording variant of a person: a spelling change or a day/month swap, as agencies record them. */
function variant(p: { givenNames: string[]; surname: string; dateOfBirth: string }) {
  if (chance(0.5)) {
    const s = p.surname;
    const i = 5 + Math.floor(rnd() * (s.length - 5));
    return { ...p, surname: `${s.slice(0, i)}${s[i] === 'a' ? 'e' : 'a'}${s.slice(i + 1)}` };
  }
  const [y, m, d] = p.dateOfBirth.split('-');
  return Number(d) <= 12 ? { ...p, dateOfBirth: `${y}-${d}-${m}` } : { ...p, givenNames: [p.givenNames[0]!.toUpperCase()] };
}

// ---------------------------------------------------------------------------------------------
// The partnership

const PID = 'default';
const AGENCIES = [
  { code: 'police', type: 'police', name: 'Synthetic Police' },
  { code: 'idva', type: 'idva', name: 'Synthetic IDVA Service' },
  { code: 'childrens-services', type: 'children-social-work', name: 'Synthetic Children\'s Services' },
  { code: 'health', type: 'health', name: 'Synthetic Health Trust' },
  { code: 'housing', type: 'housing', name: 'Synthetic Housing' },
  { code: 'refuge', type: 'ngo-refuge', name: 'Synthetic Refuge' },
  { code: 'probation', type: 'probation', name: 'Synthetic Probation' },
  { code: 'marac', type: 'other', name: 'Synthetic MARAC team' },
  { code: 'gewaltschutzzentrum', type: 'ngo-refuge', name: 'Synthetic violence-protection centre' },
  { code: 'child-welfare', type: 'children-social-work', name: 'Synthetic child welfare' },
  { code: 'security-authority', type: 'police', name: 'Synthetic security authority' },
  { code: 'violence-prevention-counselling', type: 'other', name: 'Synthetic violence-prevention counselling' },
  { code: 'iscg', type: 'other', name: 'Synthetic station social worker' },
  { code: 'victim-support', type: 'ngo-refuge', name: 'Synthetic victim support' },
] as const;

interface DemoUser {
  email: string;
  name: string;
  roles: string[];
  agency?: string;
}
const USERS: DemoUser[] = [
  { email: 'admin@demo.invalid', name: 'Demo administrator', roles: ['administrator'] },
  { email: 'partnership.coordinator@demo.invalid', name: 'Demo partnership coordinator', roles: ['partnership-coordinator'] },
  { email: 'marac.coordinator@demo.invalid', name: 'Demo MARAC coordinator', roles: ['marac-coordinator'] },
  { email: 'chair@demo.invalid', name: 'Demo MARAC chair', roles: ['marac-chair'] },
  { email: 'manager@demo.invalid', name: 'Demo manager', roles: ['manager'] },
  { email: 'steering@demo.invalid', name: 'Demo steering group member', roles: ['steering-group'] },
  { email: 'dpo@demo.invalid', name: 'Demo data protection officer', roles: ['dpo'] },
  ...AGENCIES.flatMap((a): DemoUser[] => [
    { email: `${a.code}.spoc@demo.invalid`, name: `Demo ${a.code} SPOC`, roles: ['agency-spoc'], agency: a.code },
    { email: `${a.code}.worker@demo.invalid`, name: `Demo ${a.code} worker`, roles: [a.type === 'idva' ? 'idva' : 'agency-worker'], agency: a.code },
  ]),
];

interface Seeded {
  agencies: Record<string, { id: string; type: string }>;
  users: Record<string, Principal & { totp: string }>;
}

async function seedPartnership(rt: Runtime, app: INestApplication, start: Date): Promise<Seeded> {
  const db = rt.db.pool;
  await db.query(
    `INSERT INTO partnerships (id, name, time_zone, calendar, parameters, population) VALUES ($1, $2, 'Europe/London', $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, calendar = EXCLUDED.calendar, parameters = EXCLUDED.parameters, population = EXCLUDED.population`,
    [PID, 'Synthetic MARAC area (demo)', JSON.stringify({ country: 'GB', state: 'ENG', dueHour: 17 }),
      JSON.stringify({ 'marac-safelives': { variant: 'england-wales' }, 'protective-order-proactive': { variant: 'AT' } }), JSON.stringify({ adultFemales: 60_000 })],
  );
  const cipher = app.get<FieldCipher>(CIPHER);
  const hash = await hashPassword(DEMO_PASSWORD);
  const agencies: Seeded['agencies'] = {};
  for (const a of AGENCIES) {
    const id = `demo-${a.code}`;
    await db.query(`INSERT INTO agencies (id, partnership_id, code, name, type) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [id, PID, a.code, a.name, a.type]);
    agencies[a.code] = { id, type: a.type };
  }
  const users: Seeded['users'] = {};
  for (const u of USERS) {
    const id = `demo-${u.email.split('@')[0]!.replace(/\./g, '-')}`;
    const totp = newTotpSecret();
    const needsFactor = u.roles.some((r) => r !== 'manager' && r !== 'steering-group');
    await db.query(
      `INSERT INTO users (id, partnership_id, agency_id, email, display_name, roles, password_hash, totp_secret, totp_enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash, totp_secret = EXCLUDED.totp_secret, totp_enabled = EXCLUDED.totp_enabled, totp_last_step = NULL`,
      [id, PID, u.agency ? agencies[u.agency]!.id : null, u.email, u.name, u.roles, hash, needsFactor ? cipher.encrypt(totp, `users.totp_secret:${id}`) : null, needsFactor, start],
    );
    const agency = u.agency ? agencies[u.agency]! : undefined;
    users[u.email] = {
      userId: id, partnershipId: PID, ...(agency ? { agencyId: agency.id } : {}), agencyType: (agency?.type ?? null) as Principal['agencyType'], agencyCode: u.agency ?? null, roles: u.roles,
      displayName: u.name, sessionId: 'demo', mfa: true, mfaPending: false, method: 'demo', totp: needsFactor ? totp : '',
    };
  }
  for (const a of AGENCIES) await db.query('UPDATE agencies SET spoc_user_id = $2 WHERE id = $1', [agencies[a.code]!.id, users[`${a.code}.spoc@demo.invalid`]!.userId]);
  // Bootstrap of a first administrator is not wanted: the demo has its own.
  const anchor = new Date(start);
  while (anchor.getUTCDay() !== 2) anchor.setUTCDate(anchor.getUTCDate() + 1);
  await db.query(
    `INSERT INTO meeting_schedules (partnership_id, pathway, schedule, updated_by, updated_at) VALUES ($1, 'marac-safelives', $2, 'demo', $3) ON CONFLICT (partnership_id, pathway) DO UPDATE SET schedule = EXCLUDED.schedule`,
    [PID, JSON.stringify({ frequency: 'fortnightly', weekday: 2, anchorDate: anchor.toISOString().slice(0, 10), startTime: '10:00', onHoliday: 'next-working-day' }), start],
  );
  return { agencies, users };
}

// ---------------------------------------------------------------------------------------------
// Referrals

const REFERRERS: [string, number][] = [['police', 0.58], ['idva', 0.1], ['health', 0.1], ['housing', 0.09], ['childrens-services', 0.08], ['refuge', 0.05]];
const OTHER_PATHWAYS = ['protective-order-proactive', 'embedded-social-worker-fr', 'risk-first-pt'];

function weighted(xs: [string, number][]): string {
  let r = rnd();
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1]![0];
}

interface Planned {
  at: number;
  n: number;
}

const earlier: { victim: ReturnType<typeof person>; perpetrator: ReturnType<typeof person> }[] = [];

function referralBody(n: number, today: string) {
  const repeat = earlier.length > 5 && chance(0.15);
  const base = repeat ? pick(earlier) : { victim: person(), perpetrator: person() };
  const victim = repeat ? variant(base.victim) : base.victim;
  const perpetrator = repeat ? variant(base.perpetrator) : base.perpetrator;
  if (!repeat) earlier.push(base);
  const pathway = chance(0.82) ? 'marac-safelives' : pick(OTHER_PATHWAYS);
  const r = rnd();
  const score = r < 0.68 ? 14 + Math.floor(rnd() * 8) : r < 0.85 ? 10 + Math.floor(rnd() * 4) : 3 + Math.floor(rnd() * 6);
  const answers = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i < score ? 'yes' : chance(0.2) ? 'not-known' : 'no']));
  const pj = score >= 10 && score < 14 && chance(0.6);
  const children = chance(0.45) ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ givenNames: [synthName('Kid')], surname: victim.surname, dateOfBirth: `20${10 + Math.floor(rnd() * 14)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` })) : [];
  const incidents = score < 10 ? ['2025-11-02', '2026-01-15', today].slice(0, chance(0.7) ? 3 : 1) : [];
  const age = chance(0.02) ? 16 + Math.floor(rnd() * 2) : 18 + Math.floor(rnd() * 50);
  return {
    idempotencyKey: `demo-referral-${String(n).padStart(5, '0')}`,
    pathway,
    consent: chance(0.8) ? 'given' : 'not-sought',
    lawfulBasis: 'UK GDPR 6(1)(e) public task; DPA 2018 Sch 1 para 18 safeguarding',
    sharingPurpose: 'MARAC risk management',
    adequateRelevantLimited: true,
    victim: { identity: victim, address: { line1: `${Math.floor(rnd() * 200)} Synthetic Row`, postcode: 'ZZ9 9ZZ' }, safeContact: { safeChannels: ['in-person', 'letter', 'phone'] } },
    perpetrators: [perpetrator],
    children,
    dashAnswers: answers,
    professionalJudgement: pj,
    ...(pj ? { professionalJudgementReasons: [pick(['stalking', 'threats-to-kill', 'non-fatal-strangulation', 'victim-perception-of-risk'])] } : {}),
    policeIncidentDates: incidents,
    imminentRisk: chance(0.05),
    safeToCall: chance(0.85),
    referralDate: today,
    monitoring: {
      victimGender: (chance(0.93) ? 'female' : chance(0.85) ? 'male' : 'other') as 'female' | 'male' | 'other',
      victimAge: age,
      bme: chance(0.14), lgbt: chance(0.02), disability: chance(0.1),
      perpetratorAges: [chance(0.01) ? 17 : 20 + Math.floor(rnd() * 40)],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The agencies at work

const ACTION_OUTCOMES: [string, number][] = [['completed', 0.76], ['not-possible-change-in-circumstance', 0.1], ['agency-did-not-act', 0.14]];

function fill(form: FormField[], taskKey: string, today: string): Variables {
  const out: Variables = {};
  const f = (salt: string) => hashFraction(`${taskKey}:${salt}`);
  for (const field of form) {
    if (!field.required) continue;
    switch (field.name) {
      case 'contactMade': out.contactMade = f('contact') < 0.85; continue;
      case 'actionOutcome': {
        let r = f('outcome');
        out.actionOutcome = ACTION_OUTCOMES.find(([, w]) => (r -= w) < 0)?.[0] ?? 'completed';
        continue;
      }
      case 'researchAgencies': out.researchAgencies = ['police', 'housing', 'health', 'idva'].filter((_, i) => i < 2 || f(`r${i}`) < 0.5); continue;
      case 'riskScore': out.riskScore = 8 + Math.floor(f('risk') * 14); continue;
      case 'newPoliceReport': out.newPoliceReport = f('report') < 0.3; continue;
      default: break;
    }
    switch (field.type) {
      case 'boolean': out[field.name] = true; break;
      case 'enum': out[field.name] = (field.options ?? [''])[Math.floor(f(field.name) * (field.options?.length ?? 1))]!; break;
      case 'integer': case 'number': out[field.name] = 0; break;
      case 'date': out[field.name] = today; break;
      case 'list': out[field.name] = []; break;
      default: out[field.name] = 'synthetic-demo'; break;
    }
  }
  return out;
}

class Driver {
  referrals = 0;
  completed = 0;
  meetingsConcluded = 0;
  errors = 0;
  private readonly handled = new Set<number>();

  constructor(private readonly rt: Runtime, private readonly app: INestApplication, private readonly s: Seeded) {}

  private who(email: string): Principal {
    return this.s.users[email]!;
  }

  async refer(n: number): Promise<void> {
    const today = localDate(this.rt.clock.now(), 'Europe/London');
    const body = referralBody(n, today);
    const referrer = weighted(REFERRERS);
    try {
      await this.app.get(IntakeService).refer(this.who(`${referrer}.worker@demo.invalid`), body as never);
      this.referrals++;
    } catch {
      this.errors++;
    }
  }

  /** Works the open tasks whose (per-task) time has come: most in time, some late. */
  async work(): Promise<void> {
    const now = this.rt.clock.now();
    const today = localDate(now, 'Europe/London');
    const rows = await this.rt.db.query(
      `SELECT t.id, t.element_id, t.created_at, t.due_at, t.case_id, t.agency_id, t.assignment->'form' AS form FROM user_tasks t
        WHERE t.partnership_id = $1 AND t.status = 'open' ORDER BY t.id LIMIT 400`,
      [PID],
    );
    const due = rows.filter((r) => {
      const id = Number(r.id);
      if (this.handled.has(id)) return false;
      const created = (r.created_at as Date).getTime();
      const span = r.due_at ? Math.max(3600_000, (r.due_at as Date).getTime() - created) : 86_400_000;
      const fate = hashFraction(`task-${id}`);
      const factor = fate < 0.84 ? 0.1 + fate : 1.1 + (fate - 0.84) * 12;
      return now.getTime() >= created + span * factor;
    });
    // A few agencies at once; one case's tasks one after another (they share an instance).
    const byCase = new Map<string, typeof due>();
    for (const r of due) byCase.set(String(r.case_id ?? r.id), [...(byCase.get(String(r.case_id ?? r.id)) ?? []), r]);
    const queues = [...byCase.values()];
    const worker = async () => {
      for (let q = queues.shift(); q; q = queues.shift()) {
        for (const r of q) {
          const id = Number(r.id);
          this.handled.add(id);
          try {
            await this.act(id, String(r.element_id), (r.case_id as string | null) ?? null, (r.form as FormField[] | null) ?? [], today);
            this.completed++;
          } catch {
            this.errors++;
            this.handled.delete(id);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }

  private async act(id: number, element: string, caseId: string | null, form: FormField[], today: string): Promise<void> {
    const coordinator = this.who('marac.coordinator@demo.invalid');
    const meetings = this.app.get(MeetingsService);
    if (element === 'ScheduleToNextMeeting' && caseId) {
      await meetings.listCase(coordinator, { caseId, imminentRisk: hashFraction(`imminent-${caseId}`) < 0.05 });
      return;
    }
    if (element === 'DedupeAndRepeatCheck' && caseId) {
      const intake = this.app.get(IntakeService);
      const pending = await this.rt.db.query(`SELECT id, score FROM repeat_proposals WHERE case_id = $1 AND status = 'proposed'`, [caseId]);
      for (const p of pending) await intake.decide(coordinator, Number(p.id), Number(p.score) >= 0.85);
      const still = await this.rt.db.query(`SELECT status FROM user_tasks WHERE id = $1`, [id]);
      if (still[0]?.status !== 'open') return;
    }
    if (element === 'HoldMeeting' && caseId) {
      const chair = this.who('chair@demo.invalid');
      const m = await this.rt.db.query(`SELECT mc.meeting_id FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = $1 AND mc.heard_at IS NULL ORDER BY m.date LIMIT 1`, [caseId]);
      if (m[0]) {
        const meetingId = String(m[0].meeting_id);
        const hasChildren = (await this.rt.db.query('SELECT has_children FROM cases WHERE id = $1', [caseId]))[0]?.has_children === true;
        const owners = ['police', 'housing', 'health', 'idva', ...(hasChildren ? ['childrens-services'] : [])];
        const n = 1 + Math.floor(hashFraction(`actions-${caseId}`) * 3);
        for (let i = 0; i < n; i++) {
          await meetings.addAction(chair, meetingId, { caseId, agency: owners[Math.floor(hashFraction(`owner-${caseId}-${i}`) * owners.length)]!, description: `Synthetic action ${i + 1}: agreed at the demo meeting` });
        }
        await meetings.recordMinutes(chair, meetingId, { caseId, text: 'Synthetic minutes: risk discussed, information shared, actions agreed.' });
        await meetings.conclude(chair, meetingId, caseId, {});
        this.meetingsConcluded++;
        return;
      }
    }
    const actor = { userId: 'demo-worker', partnershipId: PID, roles: ['agency-worker'] };
    await this.app.get(CompleteTaskUseCase).execute({ actor, taskId: id, variables: fill(form, `task-${id}`, today) });
  }
}

// ---------------------------------------------------------------------------------------------
// Progress

function bar(done: number, total: number, width = 30): string {
  const n = Math.min(width, Math.round((done / Math.max(1, total)) * width));
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}] ${String(Math.min(100, Math.round((done / Math.max(1, total)) * 100))).padStart(3)}%`;
}

async function counts(rt: Runtime): Promise<{ escalations: number; meetings: number; actions: number }> {
  const r = (await rt.db.query(`SELECT (SELECT count(*) FROM sla_escalations WHERE partnership_id = $1)::int AS e, (SELECT count(*) FROM meetings WHERE partnership_id = $1 AND status = 'held')::int AS m,
    (SELECT count(*) FROM meeting_actions WHERE partnership_id = $1 AND status = 'issued')::int AS a`, [PID]))[0]!;
  return { escalations: Number(r.e), meetings: Number(r.m), actions: Number(r.a) };
}

// ---------------------------------------------------------------------------------------------

async function simulate(): Promise<Seeded> {
  const end = Date.now();
  const start = end - DAYS * 86_400_000;
  const rate = (DAYS * 86_400) / SECONDS;
  if (!process.env.DATABASE_URL && !flag('keep')) rmSync(resolve(DATA_DIR), { recursive: true, force: true });
  const config = loadConfigOrExit({
    ...process.env, DATA_DIR, CLOCK_MODE: 'offset', CLOCK_OFFSET_MS: String(start - Date.now()), CLOCK_RATE: String(rate), WORKFLOWS_DIR: '', LOG_LEVEL: 'error', ROLE: 'all',
    RECONCILE_GRACE_MS: '100', NOTIFY_RETRY_BASE_MS: '1000', DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '24', WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '16',
  });
  const log = createLogger(config, 'demo');
  process.stderr.write(`demo: a synthetic partnership, ${REFERRALS} synthetic referrals over ${DAYS} days on a clock running ${Math.round(rate)}× real time (about ${SECONDS} s)\n`);
  const rt = await createRuntime(config, { log });
  const app = await createApiApp(rt, config, { withWorker: true }, log);
  await app.init();
  try {
    const seeded = await seedPartnership(rt, app, new Date(rt.clock.now()));
    await app.get(DeployWorkflowsUseCase).execute(systemActor(PID), resolve(__dirname, '..', 'workflows'));
    const t0 = rt.clock.now().getTime();
    const lastReferral = end - 4 * 86_400_000;
    const plan: Planned[] = Array.from({ length: REFERRALS }, (_, n) => ({ at: t0 + rnd() * (lastReferral - t0), n })).sort((a, b) => a.at - b.at);
    const driver = new Driver(rt, app, seeded);
    const tty = process.stderr.isTTY;
    let lastPrinted = -1;
    let next = 0;
    for (;;) {
      const now = rt.clock.now().getTime();
      while (next < plan.length && plan[next]!.at <= now) await driver.refer(plan[next++]!.n);
      await driver.work();
      const c = await counts(rt);
      const pct = Math.floor(((now - t0) / (end - t0)) * 100);
      const line = `${bar(now - t0, end - t0)} ${new Date(Math.min(now, end)).toISOString().slice(0, 10)}  referrals ${driver.referrals}/${REFERRALS}  tasks worked ${driver.completed}  meetings ${c.meetings}  actions ${c.actions}  escalations ${c.escalations}`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (pct >= lastPrinted + 10) {
        process.stderr.write(`${line}\n`);
        lastPrinted = pct;
      }
      if (now >= end && next >= plan.length) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    if (tty) process.stderr.write('\n');
    const c = await counts(rt);
    process.stderr.write(`demo: ${driver.referrals} referrals, ${driver.completed} tasks worked, ${c.meetings} meetings held, ${c.actions} actions, ${c.escalations} SLA breaches and escalation steps${driver.errors ? `, ${driver.errors} retried steps` : ''}\n`);
    return seeded;
  } finally {
    await app.close().catch(() => undefined);
    await rt.close();
  }
}

async function serve(seeded: Seeded): Promise<void> {
  const config = loadConfigOrExit({ LOG_LEVEL: 'warn', ...process.env, DATA_DIR, PORT: String(PORT), ROLE: 'all' });
  const log = createLogger(config, 'demo');
  const rt = await createRuntime(config, { log });
  const app = await createApiApp(rt, config, { withWorker: true }, log);
  onShutdownSignals(async () => {
    await app.close();
    await rt.close();
  }, log);
  await app.init();
  await app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `Referral pathways demo: ${url}  (API docs: ${url}/api/docs)`,
    `Every demo account's password: ${DEMO_PASSWORD}`,
    'Roles that see case data sign in with a second factor: add the secret below to an authenticator app',
    '(or print the current code: npx tsx scripts/demo-totp.ts SECRET). Managers and the steering group need none.',
    '',
    ...USERS.filter((u) => !u.email.includes('.spoc@') || ['police', 'idva', 'housing'].some((a) => u.email.startsWith(a)))
      .filter((u) => !u.agency || ['police', 'idva', 'housing', 'childrens-services', 'health'].includes(u.agency))
      .map((u) => `  ${u.email.padEnd(40)} ${u.roles.join(', ').padEnd(26)} ${seeded.users[u.email]!.totp ? `TOTP secret ${seeded.users[u.email]!.totp}` : '(no second factor)'}`),
    '',
    `All accounts: ${USERS.length} (every agency has a SPOC and a worker: <agency>.spoc@demo.invalid, <agency>.worker@demo.invalid). Ctrl-C stops the demo.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const seeded = await simulate();
  if (flag('no-serve')) return;
  await serve(seeded);
}

main().catch((err) => {
  process.stderr.write(`\ndemo failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
