/**
 * Types of libs/calendar: how a partnership describes its working-day calendar (a jurisdiction
 * from the holidays library plus local days), before it becomes the engine's `CalendarData`.
 */

/** Holiday types of the `date-holidays` data; `public` days are statutory days off. */
export type HolidayType = 'public' | 'bank' | 'optional' | 'school' | 'observance';

/** A jurisdiction the holidays library knows: ISO 3166 country, optional subdivision. */
export interface Jurisdiction {
  /** ISO 3166-1 alpha-2 country code, e.g. `GB`, `AT`, `DE`. */
  country: string;
  /** Subdivision code as the holidays library spells it, e.g. `SCT`, `ENG`, `WLS`, `BY`. */
  state?: string;
  /** A region below the state, where the library has one. */
  region?: string;
}

/** A local holiday added as data: a fixed date or a recurring rule in the holidays library grammar. */
export type LocalHoliday =
  | { date: string; name: string }
  /** e.g. `{ rule: '05-24', name: … }`, `{ rule: 'monday before 05-25', name: … }`. */
  | { rule: string; name: string };

export interface PartnershipCalendarSpec {
  /** Calendar name as the templates reference it (`calendar="partnership"`). */
  name: string;
  jurisdiction: Jurisdiction;
  /** IANA time zone in which working days and due hours are counted. */
  timeZone: string;
  /** Hour (0–23) at which a working-day deadline falls due. */
  dueHour: number;
  /** ISO weekdays that are not worked (1 = Monday … 7 = Sunday); default Saturday and Sunday. */
  weekend?: number[];
  /** Which holiday types of the library count as days off; default `['public']`. */
  holidayTypes?: HolidayType[];
  /** Local days off (council holidays, a partnership's closure days). */
  localHolidays?: LocalHoliday[];
  /** Library holidays the partnership works on anyway (`YYYY-MM-DD`). */
  workedDates?: string[];
}

/** One day off with where it came from, for display and audit. */
export interface HolidayEntry {
  date: string;
  name: string;
  source: 'library' | 'local';
  substitute: boolean;
}
