/**
 * A MARAC partnership for the coordinator and KPI browser tests, seeded through the API only:
 * the partnership's calendar and population (administrator), a MARAC agency, the MARAC template
 * deployed with a short list cut-off and a weekly meeting (coordinator), and referrals made
 * through intake by a housing worker and walked to a meeting (the referrer's manager sign-off,
 * the coordinator's repeat check, the listing). Synthetic people and data only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Product } from './product';
import type { PersonName } from './world';

const WORKFLOWS = path.resolve(__dirname, '../../../workflows');

export interface SeededCase {
  key: string;
  id: string;
  reference: string;
  instanceId: number;
}

export interface OpenTask {
  id: number;
  elementId: string;
  name: string | null;
  agencyId: string | null;
  caseId: string | null;
  caseReference: string | null;
  dueAt: string | null;
}

/** `2026-03-17` of an instant (UTC; the tests use it only to pick a weekday and a due date). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function ok<T>(what: string, r: Promise<{ status: number; body: T; text: string }>, statuses = [200, 201]): Promise<T> {
  const res = await r;
  assert.ok(statuses.includes(res.status), `${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.body;
}

/** The first weekday (Monday–Friday) at least two days after `now`, as an ISO weekday (1 = Monday). */
export function meetingWeekday(now: Date): number {
  const d = new Date(now.getTime() + 2 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDay();
}

export async function setUpMarac(product: Product): Promise<void> {
  await ok('partnership settings', product.api('admin', 'PATCH', '/api/admin/partnerships/default', {
    calendar: { country: 'GB', state: 'ENG', dueHour: 17 },
    population: { adultFemales: 50_000 },
  }));
  await ok('MARAC agency', product.api('admin', 'POST', '/api/admin/agencies', { code: 'marac', name: 'Northshire MARAC (synthetic)', type: 'other' }));
  const xml = readFileSync(path.join(WORKFLOWS, 'marac-safelives.bpmn'), 'utf8');
  await ok('deploy the MARAC template', product.api('coordinator', 'POST', '/api/definitions/deploy', { xml, note: 'MARAC for the coordinator tests' }));
  await ok('parameters', product.api('coordinator', 'PUT', '/api/pathways/marac-safelives/parameters', {
    variant: 'england-wales',
    values: { referralCutOffWorkingDays: 1, circulationWorkingDays: 1, missesPerQuarterToSteeringGroup: 2 },
  }));
  await ok('meeting calendar', product.api('coordinator', 'PUT', '/api/meetings/schedule/marac-safelives', {
    frequency: 'weekly', weekday: meetingWeekday(await product.now()), startTime: '10:00', onHoliday: 'next-working-day',
  }));
}

const yes = (n: number) => Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i < n ? 'yes' : 'no']));

export interface ReferralOptions {
  victim: { givenNames: string[]; surname: string; dateOfBirth: string };
  perpetrator: { givenNames: string[]; surname: string; dateOfBirth: string };
  children?: boolean;
  dash?: number;
  monitoring?: Record<string, unknown>;
}

let n = 0;
/** A referral through intake by the housing worker (DASH answers, monitoring; the checklist submitted with it). */
export async function refer(product: Product, key: string, o: ReferralOptions): Promise<SeededCase & { repeatProposals: number }> {
  n++;
  const body = await ok<{ id: string; reference: string; instanceId: number; repeatProposals: number }>(`referral ${key}`, product.api('housing', 'POST', '/api/intake/referrals', {
    idempotencyKey: `browser-marac-${key}-${n}-${Date.now()}`,
    pathway: 'marac-safelives',
    consent: 'given',
    lawfulBasis: 'consent',
    victim: { identity: o.victim },
    perpetrators: [o.perpetrator],
    children: o.children ? [{ givenNames: ['Kit'], surname: o.victim.surname, dateOfBirth: '2019-01-01' }] : [],
    dashAnswers: yes(o.dash ?? 15),
    safeToCall: true,
    monitoring: { victimGender: 'female', victimAge: 34, ...o.monitoring },
  }));
  return { key, id: body.id, reference: body.reference, instanceId: body.instanceId, repeatProposals: body.repeatProposals };
}

/** The open task of an element of a case, as the person's inbox lists it (waits for it). */
export async function openTask(product: Product, person: PersonName, caseId: string, elementId: string, timeoutMs = 30_000): Promise<OpenTask> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await product.api<{ items: OpenTask[] }>(person, 'GET', '/api/tasks?status=open&limit=200');
    const t = r.status === 200 ? r.body.items.find((x) => x.caseId === caseId && x.elementId === elementId) : undefined;
    if (t) return t;
    if (Date.now() > until) throw new Error(`no open ${elementId} for ${person} on case ${caseId}: ${r.status} ${r.text.slice(0, 300)}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

export async function complete(product: Product, person: PersonName, c: SeededCase, elementId: string, variables: Record<string, unknown>): Promise<void> {
  const t = await openTask(product, person, c.id, elementId);
  await ok(`${elementId} of ${c.key}`, product.api(person, 'POST', `/api/tasks/${t.id}/complete`, { variables }));
}

export interface Listing {
  meetingId: string;
  meetingDate: string;
  emergency: boolean;
  cutOffDate: string;
  reasons: string[];
}

/** Manager sign-off (housing), the repeat check (coordinator, unless a confirmed proposal did it), then listed on a meeting. */
export async function walkToMeeting(product: Product, c: SeededCase, o: { repeatCheck?: boolean } = {}): Promise<Listing> {
  await complete(product, 'housing', c, 'SubmitMaracReferral', { managerSignOff: true, secureChannel: 'cjsm' });
  if (o.repeatCheck !== false) await complete(product, 'coordinator', c, 'DedupeAndRepeatCheck', { isRepeat: false });
  await openTask(product, 'coordinator', c.id, 'ScheduleToNextMeeting');
  return ok<Listing>(`listing ${c.key}`, product.api('coordinator', 'POST', '/api/meetings/listings', { caseId: c.id }));
}
