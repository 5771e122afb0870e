/**
 * The engine context of a partnership: its working-day calendar (libs/calendar: public holidays
 * of its jurisdiction from date-holidays, local holidays, its time zone and due hour) as the
 * calendar named `partnership` (also the default calendar), and the template's parameters as
 * `params` (defaults, then the partnership's variant, then its overrides, via
 * `resolveTemplateParams`). Built from the `partnerships` row, cached per partnership and
 * dropped when the row changes (a trigger NOTIFYs every process; a TTL is the safety net).
 */
import { Client } from 'pg';
import { buildCalendarData, CalendarSpecError, type PartnershipCalendarSpec } from '@app/calendar';
import type { CalendarData, EngineContext, Variables } from '@app/engine';
import type { Queryable } from '@app/persistence';
import { findTemplate, resolveTemplateParams, TemplateParameterError } from '@app/pathways';

/** The `partnerships.calendar` column: the jurisdiction and local days of libs/calendar. */
export interface PartnershipCalendarColumn {
  country?: string;
  state?: string;
  region?: string;
  dueHour?: number;
  weekend?: number[];
  holidayTypes?: PartnershipCalendarSpec['holidayTypes'];
  localHolidays?: PartnershipCalendarSpec['localHolidays'];
  workedDates?: string[];
}

/** The `partnerships.parameters` column: per pathway (process id), a variant and overrides. */
export type PartnershipParametersColumn = Record<string, { variant?: string; values?: Variables } | undefined>;

export interface PartnershipSettings {
  id: string;
  timeZone: string;
  calendar: PartnershipCalendarColumn;
  parameters: PartnershipParametersColumn;
  population: Record<string, unknown>;
}

export const PARTNERSHIP_CHANGED_CHANNEL = 'rp_partnership_changed';
const DEFAULT_DUE_HOUR = 17;

/** The calendar spec of a partnership row (a calendar with weekends only when no country is set). */
export function calendarSpecOf(s: Pick<PartnershipSettings, 'timeZone' | 'calendar'>): PartnershipCalendarSpec | undefined {
  const c = s.calendar ?? {};
  if (!c.country) return undefined;
  return {
    name: 'partnership',
    jurisdiction: { country: c.country, ...(c.state ? { state: c.state } : {}), ...(c.region ? { region: c.region } : {}) },
    timeZone: s.timeZone,
    dueHour: c.dueHour ?? DEFAULT_DUE_HOUR,
    ...(c.weekend ? { weekend: c.weekend } : {}),
    ...(c.holidayTypes ? { holidayTypes: c.holidayTypes } : {}),
    ...(c.localHolidays ? { localHolidays: c.localHolidays } : {}),
    ...(c.workedDates ? { workedDates: c.workedDates } : {}),
  };
}

/** The partnership's working-day calendar for the years given (pure). */
export function partnershipCalendar(s: Pick<PartnershipSettings, 'timeZone' | 'calendar'>, fromYear: number, toYear: number): CalendarData {
  const spec = calendarSpecOf(s);
  if (!spec) return { timeZone: s.timeZone, weekend: [...(s.calendar?.weekend ?? [6, 7])].sort(), holidays: [], dueHour: s.calendar?.dueHour ?? DEFAULT_DUE_HOUR };
  return buildCalendarData(spec, fromYear, toYear);
}

/** The parameters a pathway sees in a partnership (pure); throws on an unknown variant or a bad value. */
export function pathwayParams(parameters: PartnershipParametersColumn, processId: string | undefined): Variables | undefined {
  if (!processId) return undefined;
  const entry = parameters?.[processId];
  let known = true;
  try {
    findTemplate(processId);
  } catch {
    known = false;
  }
  if (!known) return entry?.values ? { ...entry.values } : undefined;
  return resolveTemplateParams(processId, entry?.variant, entry?.values ?? {});
}

interface CacheEntry {
  settings: PartnershipSettings | null;
  loadedAt: number;
  /** Calendar data by the first year of its 4-year window. */
  calendars: Map<number, CalendarData>;
  params: Map<string, Variables | undefined>;
}

export interface ContextLogger {
  warn(m: string): void;
  debug?(m: string): void;
}

/**
 * Caches partnership settings and the calendars and parameters derived from them. `provide` is
 * the runtime's `EngineContextProvider`. `listen` subscribes to the change channel so every
 * process drops its copy when a partnership row changes.
 */
export class PartnershipContextProvider {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly loading = new Map<string, Promise<CacheEntry>>();
  private listener?: Client;
  private closed = false;

  constructor(
    private readonly db: Queryable,
    private readonly log: ContextLogger,
    private readonly ttlMs = 60_000,
    private readonly realNow: () => number = () => Date.now(),
  ) {}

  /** The runtime's hook: the context of an instance of `processId` in the partnership at `now`. */
  readonly provide = async (partnershipId: string, now: Date, processId?: string): Promise<EngineContext> => {
    const entry = await this.entry(partnershipId);
    if (!entry.settings) return { now };
    const year = now.getUTCFullYear();
    let calendar = entry.calendars.get(year);
    if (!calendar) {
      try {
        calendar = partnershipCalendar(entry.settings, year - 1, year + 2);
      } catch (err) {
        if (!(err instanceof CalendarSpecError)) throw err;
        this.log.warn(`partnership ${partnershipId}: calendar not usable (${err.message}); counting weekends only`);
        calendar = { timeZone: entry.settings.timeZone, weekend: [6, 7], holidays: [], dueHour: entry.settings.calendar?.dueHour ?? DEFAULT_DUE_HOUR };
      }
      entry.calendars.set(year, calendar);
    }
    const key = processId ?? '';
    let params = entry.params.get(key);
    if (!entry.params.has(key)) {
      try {
        params = pathwayParams(entry.settings.parameters, processId);
      } catch (err) {
        if (!(err instanceof TemplateParameterError)) throw err;
        this.log.warn(`partnership ${partnershipId}: parameters of ${processId} not usable (${err.message}); using the template defaults`);
        params = pathwayParams({}, processId);
      }
      entry.params.set(key, params);
    }
    return { now, calendars: { partnership: calendar }, defaultCalendar: 'partnership', ...(params ? { params } : {}) };
  };

  /** The partnership's settings (cached). */
  async settings(partnershipId: string): Promise<PartnershipSettings | null> {
    return (await this.entry(partnershipId)).settings;
  }

  /** The partnership's calendar around `at`. */
  async calendar(partnershipId: string, at: Date): Promise<CalendarData> {
    const ctx = await this.provide(partnershipId, at);
    return ctx.calendars?.partnership ?? { timeZone: 'UTC', weekend: [6, 7], holidays: [], dueHour: DEFAULT_DUE_HOUR };
  }

  /** The parameters of a pathway in the partnership. */
  async params(partnershipId: string, processId: string, at: Date): Promise<Variables> {
    return (await this.provide(partnershipId, at, processId)).params ?? {};
  }

  invalidate(partnershipId?: string): void {
    if (partnershipId === undefined) this.cache.clear();
    else this.cache.delete(partnershipId);
  }

  /**
   * The cached entry. A change notification drops it (the next step loads the row again); an
   * entry past its TTL is still served while a fresh copy loads, so a step that holds an
   * instance lock only waits for a connection of the pool when nothing is cached at all.
   */
  private async entry(partnershipId: string): Promise<CacheEntry> {
    const hit = this.cache.get(partnershipId);
    if (hit && this.realNow() - hit.loadedAt < this.ttlMs) return hit;
    let pending = this.loading.get(partnershipId);
    if (!pending) {
      pending = this.load(partnershipId).finally(() => this.loading.delete(partnershipId));
      this.loading.set(partnershipId, pending);
    }
    if (hit) {
      pending.catch((err: Error) => this.log.warn(`partnership ${partnershipId}: settings not reloaded (${err.message})`));
      return hit;
    }
    return pending;
  }

  private async load(partnershipId: string): Promise<CacheEntry> {
    const r = await this.db.query('SELECT id, time_zone, calendar, parameters, population FROM partnerships WHERE id = $1', [partnershipId]);
    const row = r.rows[0] as { id: string; time_zone: string; calendar: PartnershipCalendarColumn | null; parameters: PartnershipParametersColumn | null; population: Record<string, unknown> | null } | undefined;
    const entry: CacheEntry = {
      settings: row ? { id: row.id, timeZone: row.time_zone, calendar: row.calendar ?? {}, parameters: row.parameters ?? {}, population: row.population ?? {} } : null,
      loadedAt: this.realNow(),
      calendars: new Map(),
      params: new Map(),
    };
    this.cache.set(partnershipId, entry);
    return entry;
  }

  /** Listens for changed partnerships on a connection of its own (reconnecting while not closed). */
  async listen(databaseUrl: string): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: databaseUrl, application_name: 'referral-partnership-listener' });
    client.on('notification', (n) => {
      if (n.channel === PARTNERSHIP_CHANGED_CHANNEL) this.invalidate(n.payload || undefined);
    });
    client.on('error', (err) => {
      this.log.warn(`partnership listener: ${err.message}`);
      this.cache.clear();
      if (this.listener === client) this.listener = undefined;
      if (!this.closed) setTimeout(() => void this.listen(databaseUrl).catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${PARTNERSHIP_CHANGED_CHANNEL}`);
    this.listener = client;
    // Whatever changed while nobody listened.
    this.cache.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }
}
