/**
 * Builds the engine's `CalendarData` for a partnership from the `date-holidays` library (public
 * holidays of the jurisdiction, including substitute days) plus local days added as data. Pure:
 * the library's rules are data shipped with the package; nothing here reads the clock.
 */
import Holidays from 'date-holidays';
import type { CalendarData } from '@app/engine';
import type { HolidayEntry, LocalHoliday, PartnershipCalendarSpec } from './calendar.types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarSpecError extends Error {}

function validate(spec: PartnershipCalendarSpec, fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new CalendarSpecError(`invalid year range ${fromYear}–${toYear}`);
  }
  if (!Number.isInteger(spec.dueHour) || spec.dueHour < 0 || spec.dueHour > 23) {
    throw new CalendarSpecError(`dueHour must be an integer 0–23, got ${spec.dueHour}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: spec.timeZone });
  } catch {
    throw new CalendarSpecError(`unknown time zone ${spec.timeZone}`);
  }
  for (const d of spec.weekend ?? []) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new CalendarSpecError(`weekend day must be 1–7, got ${d}`);
  }
  for (const d of spec.workedDates ?? []) {
    if (!ISO_DATE.test(d)) throw new CalendarSpecError(`worked date must be YYYY-MM-DD, got ${d}`);
  }
}

function newLibrary(spec: PartnershipCalendarSpec): Holidays {
  const { country, state, region } = spec.jurisdiction;
  const hd = new Holidays();
  // `init` accepts unknown subdivisions silently (falling back to the country): check first.
  if (!hd.getCountries()[country]) throw new CalendarSpecError(`unknown country ${country}`);
  if (state && !(state in (hd.getStates(country) ?? {}))) throw new CalendarSpecError(`unknown subdivision ${country}-${state}`);
  if (region && !(region in (hd.getRegions(country, state ?? '') ?? {}))) {
    throw new CalendarSpecError(`unknown region ${country}-${state ?? ''}-${region}`);
  }
  hd.init(country, state ?? '', region ?? '');
  return hd;
}

function addLocalRules(hd: Holidays, locals: LocalHoliday[]): void {
  for (const local of locals) {
    if ('rule' in local) {
      const ok = hd.setHoliday(local.rule, { name: local.name, type: 'public', local: true });
      if (!ok) throw new CalendarSpecError(`local holiday rule not understood: ${local.rule}`);
    }
  }
}

/** Every day off of the calendar in the year range, sorted, one entry per date. */
export function listHolidays(spec: PartnershipCalendarSpec, fromYear: number, toYear: number): HolidayEntry[] {
  validate(spec, fromYear, toYear);
  const hd = newLibrary(spec);
  const locals = spec.localHolidays ?? [];
  addLocalRules(hd, locals);
  const types = new Set(spec.holidayTypes ?? ['public']);
  const worked = new Set(spec.workedDates ?? []);
  const byDate = new Map<string, HolidayEntry>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of hd.getHolidays(year, 'en')) {
      const isLocal = (h as { local?: boolean }).local === true;
      if (!isLocal && !types.has(h.type)) continue;
      // `date` is "YYYY-MM-DD hh:mm:ss" in the jurisdiction's own local time.
      const date = h.date.slice(0, 10);
      if (worked.has(date) || byDate.has(date)) continue;
      byDate.set(date, { date, name: h.name, source: isLocal ? 'local' : 'library', substitute: h.substitute === true });
    }
  }
  for (const local of locals) {
    if ('date' in local) {
      if (!ISO_DATE.test(local.date)) throw new CalendarSpecError(`local holiday date must be YYYY-MM-DD, got ${local.date}`);
      const year = Number(local.date.slice(0, 4));
      if (year < fromYear || year > toYear || worked.has(local.date)) continue;
      byDate.set(local.date, { date: local.date, name: local.name, source: 'local', substitute: false });
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The engine's calendar data for the years `fromYear`–`toYear` (inclusive). */
export function buildCalendarData(spec: PartnershipCalendarSpec, fromYear: number, toYear: number): CalendarData {
  const holidays = listHolidays(spec, fromYear, toYear).map((h) => h.date);
  return {
    timeZone: spec.timeZone,
    weekend: [...(spec.weekend ?? [6, 7])].sort((a, b) => a - b),
    holidays,
    dueHour: spec.dueHour,
  };
}

/** Builds every calendar of a partnership, keyed by name, as `EngineContext.calendars` wants them. */
export function buildCalendars(
  specs: PartnershipCalendarSpec[],
  fromYear: number,
  toYear: number,
): Record<string, CalendarData> {
  const out: Record<string, CalendarData> = {};
  for (const spec of specs) {
    if (out[spec.name]) throw new CalendarSpecError(`duplicate calendar name ${spec.name}`);
    out[spec.name] = buildCalendarData(spec, fromYear, toYear);
  }
  return out;
}
