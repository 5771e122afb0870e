import { StartInstanceUseCase, systemActor } from '@app/application';
import { localDate } from '@app/pathways';
import type { TestRuntime } from '../runtime/support/test-runtime';
import { fireDueTimers, setUpPartnership, startPathwayRuntime } from './support/pathway-world';
import { SteppedClock } from './support/stepped.clock';

/**
 * Issue 5 "done when": an SLA that falls due over a bank-holiday weekend or a daylight-saving
 * change escalates on the right working day and hour, one test per template country, through the
 * runtime (api + worker on PostgreSQL and Redis, the partnership's calendar from its row via the
 * engine context provider, timers through the queue) on an offset clock the test moves forward.
 *
 * The task is the MARAC template's IDVA contact: 2 working days on the partnership calendar, due
 * at 17:00 local, a reminder 1 working day before, then agency SPOC at once, pathway coordinator
 * 1 working day later. Each partnership starts the task at 10:00 local on the day given; the
 * expected days were worked out by hand from the national calendars (2026):
 *
 * - AT: Fri 27 Mar (CET) → Mon 30, Tue 31 → due Tue 31 Mar 17:00 CEST (clocks went forward on
 *   Sun 29 Mar: 15:00Z, not 16:00Z); coordinator Wed 1 Apr.
 * - PT: Fri 27 Mar (WET) → due Tue 31 Mar 17:00 WEST = 16:00Z (daylight saving from 29 Mar).
 * - GB-ENG: Thu 2 Apr → Good Friday 3 Apr and Easter Monday 6 Apr off → Tue 7, Wed 8 → due Wed 8 Apr 17:00 BST.
 * - GB-SCT: Thu 2 Apr → Good Friday off, Easter Monday worked in Scotland → Mon 6, Tue 7 → due Tue 7 Apr.
 * - DE (Lower Saxony): as England → due Wed 8 Apr 17:00 CEST.
 * - FR: Wed 13 May → Ascension Thu 14 off → Fri 15, Mon 18 → due Mon 18 May; reminder Fri 15.
 * - FI: Wed 13 May → Ascension (Helatorstai) off → due Mon 18 May 17:00 EEST = 14:00Z.
 * - HU: Fri 22 May → Whit Monday 25 off → Tue 26, Wed 27 → due Wed 27 May.
 * - SI: Wed 24 Jun → Statehood Day Thu 25 off → Fri 26, Mon 29 → due Mon 29 Jun; coordinator Tue 30.
 */
interface Country {
  code: string;
  timeZone: string;
  calendar: Record<string, unknown>;
  start: string;
  reminder: string;
  due: string;
  coordinator: string;
}

const COUNTRIES: Country[] = [
  { code: 'AT', timeZone: 'Europe/Vienna', calendar: { country: 'AT' }, start: '2026-03-27T09:00:00Z', reminder: '2026-03-30T15:00:00Z', due: '2026-03-31T15:00:00Z', coordinator: '2026-04-01T15:00:00Z' },
  { code: 'PT', timeZone: 'Europe/Lisbon', calendar: { country: 'PT' }, start: '2026-03-27T09:00:00Z', reminder: '2026-03-30T16:00:00Z', due: '2026-03-31T16:00:00Z', coordinator: '2026-04-01T16:00:00Z' },
  { code: 'GB-ENG', timeZone: 'Europe/London', calendar: { country: 'GB', state: 'ENG' }, start: '2026-04-02T09:00:00Z', reminder: '2026-04-07T16:00:00Z', due: '2026-04-08T16:00:00Z', coordinator: '2026-04-09T16:00:00Z' },
  { code: 'GB-SCT', timeZone: 'Europe/London', calendar: { country: 'GB', state: 'SCT' }, start: '2026-04-02T09:00:00Z', reminder: '2026-04-06T16:00:00Z', due: '2026-04-07T16:00:00Z', coordinator: '2026-04-08T16:00:00Z' },
  { code: 'DE', timeZone: 'Europe/Berlin', calendar: { country: 'DE', state: 'NI' }, start: '2026-04-02T09:00:00Z', reminder: '2026-04-07T15:00:00Z', due: '2026-04-08T15:00:00Z', coordinator: '2026-04-09T15:00:00Z' },
  { code: 'FR', timeZone: 'Europe/Paris', calendar: { country: 'FR' }, start: '2026-05-13T07:00:00Z', reminder: '2026-05-15T15:00:00Z', due: '2026-05-18T15:00:00Z', coordinator: '2026-05-19T15:00:00Z' },
  { code: 'FI', timeZone: 'Europe/Helsinki', calendar: { country: 'FI' }, start: '2026-05-13T07:00:00Z', reminder: '2026-05-15T14:00:00Z', due: '2026-05-18T14:00:00Z', coordinator: '2026-05-19T14:00:00Z' },
  { code: 'HU', timeZone: 'Europe/Budapest', calendar: { country: 'HU' }, start: '2026-05-22T08:00:00Z', reminder: '2026-05-26T15:00:00Z', due: '2026-05-27T15:00:00Z', coordinator: '2026-05-28T15:00:00Z' },
  { code: 'SI', timeZone: 'Europe/Ljubljana', calendar: { country: 'SI' }, start: '2026-06-24T08:00:00Z', reminder: '2026-06-26T15:00:00Z', due: '2026-06-29T15:00:00Z', coordinator: '2026-06-30T15:00:00Z' },
];

const localHour = (at: Date, timeZone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));

describe('SLA escalation on the partnership calendar, per template country (api + worker, PostgreSQL + Redis, offset clock)', () => {
  jest.setTimeout(240_000);
  const clock = new SteppedClock('2026-03-26T12:00:00Z');
  let t: TestRuntime;
  const instances = new Map<string, number>();

  beforeAll(async () => {
    t = await startPathwayRuntime('redis', clock);
    for (const c of COUNTRIES) {
      await setUpPartnership(t, { id: `sla-${c.code.toLowerCase()}`, timeZone: c.timeZone, calendar: { ...c.calendar, dueHour: 17 }, deploy: ['fixture:sla-probe'], people: false });
    }
    // Countries that start together are walked together, their SLA points in time order.
    const groups = [...new Set(COUNTRIES.map((c) => c.start))].sort();
    for (const start of groups) {
      const group = COUNTRIES.filter((c) => c.start === start);
      clock.jumpTo(start);
      for (const c of group) {
        const pid = `sla-${c.code.toLowerCase()}`;
        const started = await t.app.get(StartInstanceUseCase).execute({ actor: systemActor(pid), key: 'sla-probe', businessKey: `SLA-${c.code}` });
        instances.set(c.code, started.id);
      }
      const ids = group.map((c) => instances.get(c.code)!);
      const points = [...new Set(group.flatMap((c) => [c.reminder, c.due, c.coordinator]))].sort();
      for (const at of points) {
        clock.jumpTo(new Date(Date.parse(at) + 1_000));
        await fireDueTimers(t, ids);
      }
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(COUNTRIES.map((c) => [c.code, c] as const))('%s: due, reminder, breach and escalation steps on the right working day and hour', async (_code, c) => {
    const iid = instances.get(c.code)!;
    const task = (await t.runtime.db.query('SELECT due_at, agency_id, partnership_id FROM user_tasks WHERE instance_id = $1', [iid]))[0]!;
    expect((task.due_at as Date).toISOString()).toBe(new Date(c.due).toISOString());
    expect(localHour(task.due_at as Date, c.timeZone)).toBe(17);
    expect(task.agency_id).not.toBeNull(); // routed to the partnership's IDVA service

    const reminder = (await t.runtime.db.query(`SELECT created_at FROM sla_events WHERE instance_id = $1 AND kind = 'reminder'`, [iid]))[0]!;
    const reminderAt = reminder.created_at as Date;
    expect(localDate(reminderAt, c.timeZone)).toBe(localDate(new Date(c.reminder), c.timeZone));
    expect(reminderAt.getTime() - Date.parse(c.reminder)).toBeGreaterThanOrEqual(0);
    expect(reminderAt.getTime() - Date.parse(c.reminder)).toBeLessThan(60_000);

    const rows = await t.runtime.db.query(`SELECT kind, step, escalate_to, raised_at, due_at, reason, agency_id FROM sla_escalations WHERE instance_id = $1 ORDER BY COALESCE(step, -1), id`, [iid]);
    // (Walking a group to its last point may also reach a later step of a country whose steps come earlier.)
    expect(rows.slice(0, 3).map((r) => `${r.kind}:${r.escalate_to ?? '-'}`)).toEqual(['breach:-', 'escalation:agency-spoc', 'escalation:pathway-coordinator']);
    for (const later of rows.slice(3)) expect((later.raised_at as Date).getTime()).toBeGreaterThan(Date.parse(c.coordinator) + 60_000);
    const [breach, spoc, coordinator] = rows as { raised_at: Date; due_at: Date; reason: string; agency_id: string }[];
    for (const [row, expected] of [[breach!, c.due], [spoc!, c.due], [coordinator!, c.coordinator]] as const) {
      expect(localDate(row.raised_at, c.timeZone)).toBe(localDate(new Date(expected), c.timeZone));
      expect(localHour(row.raised_at, c.timeZone)).toBe(17);
      expect(row.raised_at.getTime() - Date.parse(expected)).toBeGreaterThanOrEqual(0);
      expect(row.raised_at.getTime() - Date.parse(expected)).toBeLessThan(60_000);
      expect(row.due_at.toISOString()).toBe(new Date(c.due).toISOString());
      expect(row.agency_id).toBe(task.agency_id);
    }
    expect(breach!.reason).toBe('SLA breached: "Contact the victim (safe channels only)" was not completed by its due time (P2D on the partnership calendar)');
    expect(coordinator!.reason).toBe('Escalation step 2 to pathway-coordinator: "Contact the victim (safe channels only)" still not completed P1D after its due time');
  });
});
