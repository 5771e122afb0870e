import { DateTime } from 'luxon';
import type { CalendarData } from '../contract.types';
import { addWorkingDuration, isWorkingDay } from './calendar.util';
import { parseDuration } from './iso.util';

const england: CalendarData = { timeZone: 'Europe/London', holidays: ['2026-04-03', '2026-04-06', '2026-12-25', '2026-12-28'] };
const add = (start: string, duration: string, cal: CalendarData = england, sign: 1 | -1 = 1) => addWorkingDuration(new Date(start), parseDuration(duration)!, cal, sign).toISOString();

describe('working-day calendar arithmetic', () => {
  it('given weekends and holidays, when a day is checked, then only other days are working days', () => {
    const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
    expect(isWorkingDay(day('2026-04-02'), england)).toBe(true);
    expect(isWorkingDay(day('2026-04-03'), england)).toBe(false); // Good Friday
    expect(isWorkingDay(day('2026-04-04'), england)).toBe(false); // Saturday
    expect(isWorkingDay(day('2026-04-05'), { timeZone: 'Asia/Dubai', weekend: [5, 6] })).toBe(true); // Sunday is a working day there
    expect(isWorkingDay(day('2026-04-03'), { timeZone: 'Asia/Dubai', weekend: [5, 6] })).toBe(false); // Friday
  });

  it('given a referral on Saturday with P2D, when counted, then days start the day after and skip the weekend: due Tuesday', () => {
    expect(add('2026-03-07T10:00:00Z', 'P2D')).toBe('2026-03-10T10:00:00.000Z');
  });

  it('given P1W, when counted, then a week is five working days', () => {
    expect(add('2026-03-06T10:00:00Z', 'P1W')).toBe('2026-03-13T10:00:00.000Z');
  });

  it('given Easter bank holidays, when counted from Thursday, then Good Friday, the weekend and Easter Monday are skipped', () => {
    expect(add('2026-04-02T09:00:00Z', 'P1D')).toBe('2026-04-07T09:00:00.000Z');
    expect(add('2026-04-02T09:00:00Z', 'P2D')).toBe('2026-04-08T09:00:00.000Z');
  });

  it('given Christmas with the substitute Boxing Day, when counted from Christmas Eve, then the next working day is the 29th', () => {
    expect(add('2026-12-24T15:00:00Z', 'P1D')).toBe('2026-12-29T15:00:00.000Z');
  });

  it('given the spring and autumn DST changes, when days are counted, then the local hour is kept', () => {
    expect(add('2026-03-27T09:00:00Z', 'P1D')).toBe('2026-03-30T08:00:00.000Z'); // 09:00 GMT → 09:00 BST
    expect(add('2026-10-23T08:00:00Z', 'P1D')).toBe('2026-10-26T09:00:00.000Z'); // 09:00 BST → 09:00 GMT
  });

  it('given a due hour, when days are counted, then the deadline falls at that local hour of the last day, and hours are added after it', () => {
    const cal = { ...england, dueHour: 17 };
    expect(add('2026-03-06T10:00:00Z', 'P1D', cal)).toBe('2026-03-09T17:00:00.000Z');
    expect(add('2026-06-05T10:00:00Z', 'P1D', cal)).toBe('2026-06-08T16:00:00.000Z'); // 17:00 BST
    expect(add('2026-03-06T10:00:00Z', 'P1DT2H', cal)).toBe('2026-03-09T19:00:00.000Z');
    expect(add('2026-03-06T10:00:00Z', 'PT4H', cal)).toBe('2026-03-06T14:00:00.000Z'); // no days: no due hour
  });

  it('given hours only, when added, then they are clock hours (no working-day logic)', () => {
    expect(add('2026-03-06T22:00:00Z', 'PT4H')).toBe('2026-03-07T02:00:00.000Z');
  });

  it('given months, when added, then the date moves on the calendar and then forward to a working day', () => {
    expect(add('2026-03-03T10:00:00Z', 'P1M')).toBe('2026-04-07T09:00:00.000Z'); // 3 April is Good Friday; 10:00 local kept
  });

  it('given sign -1, when counted, then it goes back over non-working days (a reminder before a due time)', () => {
    expect(add('2026-04-07T16:00:00Z', 'P1D', england, -1)).toBe('2026-04-02T16:00:00.000Z');
    expect(add('2026-03-10T10:00:00Z', 'P2D', england, -1)).toBe('2026-03-06T10:00:00.000Z');
  });

  it('given PT0S, when added, then the time is unchanged, even on a weekend', () => {
    expect(add('2026-03-07T10:00:00Z', 'PT0S')).toBe('2026-03-07T10:00:00.000Z');
  });

  it('given a calendar with no working days, when counted, then it fails with a message instead of looping forever', () => {
    expect(() => add('2026-03-07T10:00:00Z', 'P1D', { timeZone: 'UTC', weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrow('the calendar has no working days');
  });

  it('given an unknown time zone, when counted, then it fails naming the zone', () => {
    expect(() => add('2026-03-07T10:00:00Z', 'P1D', { timeZone: 'Mars/Base' })).toThrow('the calendar\'s time zone "Mars/Base" is not valid');
  });
});
