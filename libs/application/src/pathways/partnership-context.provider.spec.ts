import type { Queryable } from '@app/persistence';
import { calendarSpecOf, partnershipCalendar, PartnershipContextProvider, pathwayParams } from './partnership-context.provider';

/** A `partnerships` table of one row, counting its reads. */
function fakeDb(row: Record<string, unknown> | undefined) {
  const db = {
    reads: 0,
    row,
    async query() {
      db.reads++;
      return { rows: db.row ? [db.row] : [] };
    },
  };
  return db;
}

const ENGLAND = { id: 'p', time_zone: 'Europe/London', calendar: { country: 'GB', state: 'ENG', dueHour: 16 }, parameters: { 'marac-safelives': { variant: 'kent', values: { dashThreshold: 15 } } }, population: {} };

describe('partnership engine context', () => {
  it('builds the calendar from the row: holidays of the jurisdiction, the partnership\'s zone and due hour', () => {
    const cal = partnershipCalendar({ timeZone: 'Europe/London', calendar: { country: 'GB', state: 'SCT' } }, 2026, 2026);
    expect(cal).toMatchObject({ timeZone: 'Europe/London', dueHour: 17, weekend: [6, 7] });
    expect(cal.holidays).toContain('2026-01-02'); // Scotland only
    expect(partnershipCalendar({ timeZone: 'Europe/Vienna', calendar: {} }, 2026, 2026)).toEqual({ timeZone: 'Europe/Vienna', weekend: [6, 7], holidays: [], dueHour: 17 });
    expect(calendarSpecOf({ timeZone: 'Europe/Berlin', calendar: { country: 'DE', state: 'BY', localHolidays: [{ date: '2026-09-21', name: 'Synthetic day' }] } })).toMatchObject({
      jurisdiction: { country: 'DE', state: 'BY' }, timeZone: 'Europe/Berlin', localHolidays: [{ date: '2026-09-21', name: 'Synthetic day' }],
    });
  });

  it('resolves a template\'s parameters: defaults, then the variant, then the overrides', () => {
    const p = pathwayParams(ENGLAND.parameters, 'marac-safelives')!;
    expect(p).toMatchObject({ dashThreshold: 15, escalationWindowMonths: 6, selfHarmCriterion: true, missesPerQuarterToSteeringGroup: 3 });
    expect(pathwayParams({}, 'protective-order-proactive')).toMatchObject({ orderDuration: 'P14D' });
    expect(pathwayParams({ 'my-process': { values: { x: 1 } } }, 'my-process')).toEqual({ x: 1 });
    expect(pathwayParams({}, 'my-process')).toBeUndefined();
    expect(() => pathwayParams({ 'marac-safelives': { variant: 'atlantis' } }, 'marac-safelives')).toThrow(/variant/);
  });

  it('gives the engine the calendar as `partnership` (the default) and the pathway\'s params; caches the row until told it changed', async () => {
    const db = fakeDb(ENGLAND);
    const provider = new PartnershipContextProvider(db as unknown as Queryable, { warn: () => undefined });
    const now = new Date('2026-04-02T09:00:00Z');
    const ctx = await provider.provide('p', now, 'marac-safelives');
    expect(ctx.defaultCalendar).toBe('partnership');
    expect(ctx.calendars?.partnership).toMatchObject({ timeZone: 'Europe/London', dueHour: 16 });
    expect(ctx.calendars?.partnership?.holidays).toContain('2026-04-06'); // Easter Monday (England)
    expect(ctx.params).toMatchObject({ dashThreshold: 15 });
    await provider.provide('p', now, 'marac-safelives');
    expect(db.reads).toBe(1);
    db.row = { ...ENGLAND, parameters: {} };
    provider.invalidate('p');
    expect((await provider.provide('p', now, 'marac-safelives')).params).toMatchObject({ dashThreshold: 14 });
    expect(db.reads).toBe(2);
  });

  it('falls back to the template defaults when the partnership\'s parameters are unusable, and to `now` alone for an unknown partnership', async () => {
    const warnings: string[] = [];
    const provider = new PartnershipContextProvider(fakeDb({ ...ENGLAND, parameters: { 'marac-safelives': { values: { dashThreshold: 'high' } } } }) as unknown as Queryable, { warn: (m) => warnings.push(m) });
    expect((await provider.provide('p', new Date('2026-04-02T09:00:00Z'), 'marac-safelives')).params).toMatchObject({ dashThreshold: 14 });
    expect(warnings[0]).toMatch(/using the template defaults/);
    const none = new PartnershipContextProvider(fakeDb(undefined) as unknown as Queryable, { warn: () => undefined });
    const at = new Date('2026-04-02T09:00:00Z');
    expect(await none.provide('nobody', at, 'marac-safelives')).toEqual({ now: at });
  });

  it('serves a copy past its TTL while a fresh one loads', async () => {
    let real = 0;
    const db = fakeDb(ENGLAND);
    const provider = new PartnershipContextProvider(db as unknown as Queryable, { warn: () => undefined }, 1_000, () => real);
    const at = new Date('2026-04-02T09:00:00Z');
    await provider.provide('p', at);
    real = 5_000;
    db.row = { ...ENGLAND, time_zone: 'Europe/Dublin' };
    expect((await provider.provide('p', at)).calendars?.partnership?.timeZone).toBe('Europe/London');
    await new Promise((r) => setImmediate(r));
    expect((await provider.provide('p', at)).calendars?.partnership?.timeZone).toBe('Europe/Dublin');
  });
});
