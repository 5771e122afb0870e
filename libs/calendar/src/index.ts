/**
 * libs/calendar: partnership working-day calendars as data for the engine (public holidays
 * from `date-holidays`, local holidays, time zone, due hour). Pure; the engine does the arithmetic.
 */
export * from './calendar.types';
export { buildCalendarData, buildCalendars, listHolidays, CalendarSpecError } from './build-calendar-data.util';
export { jurisdictionCalendar, TEMPLATE_JURISDICTIONS, type TemplateJurisdictionCode } from './jurisdictions.data';
