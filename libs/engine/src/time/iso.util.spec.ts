import { addDuration, isCron, isZeroDuration, nextCron, parseDateTime, parseDuration, parseRepeating } from './iso.util';

const d = (iso: string) => new Date(iso);
const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('ISO 8601 utilities', () => {
  describe('parseDuration', () => {
    it.each([
      ['P1D', { days: 1 }],
      ['PT36H', { hours: 36 }],
      ['P1W', { weeks: 1 }],
      ['P1Y2M3W4DT5H6M7S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
      ['P1.5D', { days: 1.5 }],
      ['P1,5D', { days: 1.5 }],
      ['PT0S', {}],
      [' P2D ', { days: 2 }],
    ])('given %s, when parsed, then its parts are read', (text, parts) => {
      expect(parseDuration(text)).toEqual({ ...zero, ...parts });
    });

    it.each(['P', 'PT', 'P1DT', '-P1D', 'p1d', '1D', 'P1H', 'PT1D', 'P1D2H', '', 'two days'])('given "%s", when parsed, then it is not a duration', (text) => {
      expect(parseDuration(text)).toBeUndefined();
    });

    it('given durations, when checked for zero, then only all-zero ones are', () => {
      expect(isZeroDuration(parseDuration('PT0S')!)).toBe(true);
      expect(isZeroDuration(parseDuration('PT1S')!)).toBe(false);
    });
  });

  describe('addDuration', () => {
    it('given a day across the spring DST change in a zone, when added, then it follows the wall clock (23 hours), while PT24H is 24 hours', () => {
      expect(addDuration(d('2026-03-28T12:00:00Z'), parseDuration('P1D')!, 'Europe/London').toISOString()).toBe('2026-03-29T11:00:00.000Z');
      expect(addDuration(d('2026-03-28T12:00:00Z'), parseDuration('PT24H')!, 'Europe/London').toISOString()).toBe('2026-03-29T12:00:00.000Z');
    });

    it('given a month from the 31st, when added, then it clamps to the end of the shorter month', () => {
      expect(addDuration(d('2026-01-31T12:00:00Z'), parseDuration('P1M')!).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    });

    it('given sign -1, when added, then it subtracts', () => {
      expect(addDuration(d('2026-03-02T12:00:00Z'), parseDuration('P1DT1H')!, 'UTC', -1).toISOString()).toBe('2026-03-01T11:00:00.000Z');
    });
  });

  describe('parseDateTime', () => {
    it.each([
      ['2026-05-01T09:00:00Z', '2026-05-01T09:00:00.000Z', '2026-05-01T09:00:00.000Z'],
      ['2026-05-01T09:00:00+01:00', '2026-05-01T08:00:00.000Z', '2026-05-01T08:00:00.000Z'],
      ['2026-05-01T09:00:00+0100', '2026-05-01T08:00:00.000Z', '2026-05-01T08:00:00.000Z'],
      ['2026-05-01T09:00:00.123Z', '2026-05-01T09:00:00.123Z', '2026-05-01T09:00:00.123Z'],
      ['2026-05-01T09:00:00', '2026-05-01T09:00:00.000Z', '2026-05-01T08:00:00.000Z'],
      ['2026-05-01T09:00', '2026-05-01T09:00:00.000Z', '2026-05-01T08:00:00.000Z'],
      ['2026-05-01', '2026-05-01T00:00:00.000Z', '2026-04-30T23:00:00.000Z'],
      ['2026-05-01T09:00:00[Europe/London]', '2026-05-01T08:00:00.000Z', '2026-05-01T08:00:00.000Z'],
    ])('given %s, when parsed in UTC and with Europe/London as the default zone, then it is the right instant', (text, utc, london) => {
      expect(parseDateTime(text)?.toISOString()).toBe(utc);
      expect(parseDateTime(text, 'Europe/London')?.toISOString()).toBe(london);
    });

    it.each(['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', 'tomorrow', '01/05/2026', '2026-05-01 09:00', '2026-05-01T25:00:00Z', ''])('given "%s", when parsed, then it is not a date-time', (text) => {
      expect(parseDateTime(text)).toBeUndefined();
    });
  });

  describe('parseRepeating', () => {
    it('given repeating intervals, when parsed, then the count (-1 unbounded), start and interval are read', () => {
      expect(parseRepeating('R5/PT10S')).toEqual({ repetitions: 5, interval: { ...zero, seconds: 10 } });
      expect(parseRepeating('R/P1D')).toEqual({ repetitions: -1, interval: { ...zero, days: 1 } });
      expect(parseRepeating('R3/2026-01-05T09:00:00Z/P1D')).toEqual({ repetitions: 3, start: d('2026-01-05T09:00:00Z'), interval: { ...zero, days: 1 } });
      expect(parseRepeating('R0/PT1H')).toEqual({ repetitions: 0, interval: { ...zero, hours: 1 } });
    });

    it.each(['R/PT0S', 'R-1/PT1H', 'R3/PT1H/2026-01-01T00:00:00Z', 'R3', 'PT1H', 'R3/P1D/P1D', 'X3/PT1H', 'R3/nonsense'])('given "%s", when parsed, then it is not a repeating interval', (text) => {
      expect(parseRepeating(text)).toBeUndefined();
    });
  });

  describe('cron', () => {
    it.each([
      ['0 8 * * 1-5', true],
      ['0 0 8 * * MON', true],
      ['* * * *', false],
      ['0 0 8 * * * *', false],
      ['61 * * * *', false],
      ['every day', false],
      ['@daily', false],
    ])('given "%s", when checked, then isCron is %s', (text, expected) => {
      expect(isCron(text)).toBe(expected);
    });

    it('given a daily 09:00 cron in Europe/London, when the clocks change, then the next match keeps 09:00 local time', () => {
      expect(nextCron('0 9 * * *', d('2026-03-28T12:00:00Z'), 'Europe/London').toISOString()).toBe('2026-03-29T08:00:00.000Z');
      expect(nextCron('0 9 * * *', d('2026-03-27T12:00:00Z'), 'Europe/London').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    });
  });
});
