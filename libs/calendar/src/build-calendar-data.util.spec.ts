import { buildCalendarData, buildCalendars, CalendarSpecError, listHolidays } from './build-calendar-data.util';
import { jurisdictionCalendar, TEMPLATE_JURISDICTIONS } from './jurisdictions.data';

const holidaysOf = (code: Parameters<typeof jurisdictionCalendar>[0], year: number, germanState?: string) =>
  new Set(buildCalendarData(jurisdictionCalendar(code, { germanState }), year, year).holidays);

describe('partnership calendars from date-holidays', () => {
  describe('Scotland', () => {
    it('keeps 2 January and gives substitute Mondays/Tuesdays when New Year falls at a weekend', () => {
      // 2022: 1 Jan Saturday, 2 Jan Sunday → Monday 3 and Tuesday 4 January off.
      const h2022 = holidaysOf('GB-SCT', 2022);
      expect(h2022.has('2022-01-03')).toBe(true);
      expect(h2022.has('2022-01-04')).toBe(true);
      // 2026: 2 January is a Friday and is a holiday in Scotland only.
      expect(holidaysOf('GB-SCT', 2026).has('2026-01-02')).toBe(true);
      expect(holidaysOf('GB-ENG', 2026).has('2026-01-02')).toBe(false);
    });

    it("moves St Andrew's Day to Monday when 30 November is a Sunday", () => {
      // 2025-11-30 is a Sunday.
      const sct = holidaysOf('GB-SCT', 2025);
      expect(sct.has('2025-12-01')).toBe(true);
      expect(holidaysOf('GB-ENG', 2025).has('2025-12-01')).toBe(false);
      expect(holidaysOf('GB-SCT', 2026).has('2026-11-30')).toBe(true);
    });

    it('has Easter Monday off in England and Wales but not in Scotland', () => {
      expect(holidaysOf('GB-ENG', 2026).has('2026-04-06')).toBe(true);
      expect(holidaysOf('GB-WLS', 2026).has('2026-04-06')).toBe(true);
      expect(holidaysOf('GB-SCT', 2026).has('2026-04-06')).toBe(false);
    });

    it('puts the summer bank holiday on the first Monday of August in Scotland, the last in England', () => {
      expect(holidaysOf('GB-SCT', 2026).has('2026-08-03')).toBe(true);
      expect(holidaysOf('GB-SCT', 2026).has('2026-08-31')).toBe(false);
      expect(holidaysOf('GB-ENG', 2026).has('2026-08-31')).toBe(true);
    });

    it('leaves out observances such as Mothering Sunday', () => {
      expect(holidaysOf('GB-ENG', 2026).has('2026-03-15')).toBe(false);
    });
  });

  it('has Whit Monday (2026-05-25) in AT, DE, FR and HU but not in GB or PT', () => {
    for (const code of ['AT', 'FR', 'HU'] as const) expect(holidaysOf(code, 2026).has('2026-05-25')).toBe(true);
    expect(holidaysOf('DE', 2026, 'BY').has('2026-05-25')).toBe(true);
    expect(holidaysOf('GB-ENG', 2026).has('2026-05-25')).toBe(true); // spring bank holiday falls on the same Monday in 2026
    expect(holidaysOf('GB-ENG', 2027).has('2027-05-17')).toBe(false); // Whit Monday 2027 is not a UK holiday
    expect(holidaysOf('AT', 2027).has('2027-05-17')).toBe(true);
    expect(holidaysOf('PT', 2026).has('2026-05-25')).toBe(false);
  });

  it('gives German states their own holidays (Corpus Christi in Bavaria, not in Berlin)', () => {
    expect(holidaysOf('DE', 2026, 'BY').has('2026-06-04')).toBe(true);
    expect(holidaysOf('DE', 2026, 'BE').has('2026-06-04')).toBe(false);
    // International Women's Day is a holiday in Berlin only.
    expect(holidaysOf('DE', 2026, 'BE').has('2026-03-09')).toBe(false); // 8 March 2026 is a Sunday, no substitute
    expect(holidaysOf('DE', 2027, 'BE').has('2027-03-08')).toBe(true);
    expect(holidaysOf('DE', 2027, 'BY').has('2027-03-08')).toBe(false);
  });

  it('knows the national days of the other template countries', () => {
    expect(holidaysOf('SI', 2026).has('2026-06-25')).toBe(true); // Statehood Day
    expect(holidaysOf('HU', 2026).has('2026-08-20')).toBe(true); // St Stephen's Day
    expect(holidaysOf('FR', 2026).has('2026-07-14')).toBe(true);
    expect(holidaysOf('FI', 2026).has('2026-12-06')).toBe(true); // Independence Day
    expect(holidaysOf('PT', 2026).has('2026-04-25')).toBe(true); // Freedom Day
    expect(holidaysOf('AT', 2026).has('2026-10-26')).toBe(true); // National Day
  });

  it('builds every template jurisdiction with a valid IANA zone, weekend and a plausible count of days off', () => {
    for (const code of TEMPLATE_JURISDICTIONS) {
      const data = buildCalendarData(jurisdictionCalendar(code, { germanState: 'NI' }), 2024, 2030);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: data.timeZone })).not.toThrow();
      expect(data.weekend).toEqual([6, 7]);
      expect(data.dueHour).toBe(17);
      const perYear = (data.holidays ?? []).length / 7;
      expect(perYear).toBeGreaterThanOrEqual(8);
      expect(perYear).toBeLessThanOrEqual(20);
      const sorted = [...(data.holidays ?? [])].sort();
      expect(data.holidays).toEqual(sorted);
      expect(new Set(data.holidays).size).toBe(data.holidays?.length);
      for (const d of data.holidays ?? []) expect(d).toMatch(/^(202[4-9]|2030)-\d{2}-\d{2}$/);
    }
  });

  it('adds local holidays as fixed dates or recurring rules, and drops worked dates', () => {
    const spec = {
      ...jurisdictionCalendar('GB-SCT'),
      localHolidays: [
        { date: '2026-09-21', name: 'Synthetic council holiday' },
        { rule: 'monday before 05-25', name: 'Synthetic Victoria Day' },
      ],
      workedDates: ['2026-11-30'],
    };
    const entries = listHolidays(spec, 2026, 2027);
    const dates = entries.map((e) => e.date);
    expect(dates).toContain('2026-09-21');
    expect(dates).toContain('2026-05-18'); // Monday before 25 May 2026
    expect(dates).toContain('2027-05-24'); // Monday before 25 May 2027
    expect(dates).not.toContain('2026-11-30');
    expect(dates).toContain('2027-11-30'); // worked only in 2026
    expect(entries.find((e) => e.date === '2026-09-21')?.source).toBe('local');
    expect(entries.find((e) => e.date === '2026-05-18')?.source).toBe('local');
    expect(entries.find((e) => e.date === '2026-01-01')?.source).toBe('library');
  });

  it('marks substitute days', () => {
    const entries = listHolidays(jurisdictionCalendar('GB-SCT'), 2025, 2025);
    expect(entries.find((e) => e.date === '2025-12-01')?.substitute).toBe(true);
    expect(entries.find((e) => e.date === '2025-12-25')?.substitute).toBe(false);
  });

  it('can count bank days (e.g. Christmas Eve in Austria) when the partnership asks for them', () => {
    const base = jurisdictionCalendar('AT');
    expect(buildCalendarData(base, 2026, 2026).holidays).not.toContain('2026-12-24');
    expect(buildCalendarData({ ...base, holidayTypes: ['public', 'bank'] }, 2026, 2026).holidays).toContain('2026-12-24');
  });

  it('supports a different weekend and due hour', () => {
    const data = buildCalendarData({ ...jurisdictionCalendar('PT'), weekend: [7, 6, 5], dueHour: 9 }, 2026, 2026);
    expect(data.weekend).toEqual([5, 6, 7]);
    expect(data.dueHour).toBe(9);
  });

  it('rejects bad specs', () => {
    const base = jurisdictionCalendar('GB-ENG');
    expect(() => buildCalendarData({ ...base, jurisdiction: { country: 'GB', state: 'XXX' } }, 2026, 2026)).toThrow(CalendarSpecError);
    expect(() => buildCalendarData({ ...base, jurisdiction: { country: 'ZZ' } }, 2026, 2026)).toThrow(CalendarSpecError);
    expect(() => buildCalendarData({ ...base, dueHour: 24 }, 2026, 2026)).toThrow(CalendarSpecError);
    expect(() => buildCalendarData({ ...base, timeZone: 'Mars/Olympus' }, 2026, 2026)).toThrow(CalendarSpecError);
    expect(() => buildCalendarData(base, 2027, 2026)).toThrow(CalendarSpecError);
    expect(() => buildCalendarData({ ...base, localHolidays: [{ date: '26-1-1', name: 'x' }] }, 2026, 2026)).toThrow(CalendarSpecError);
    expect(() => jurisdictionCalendar('DE')).toThrow(/state/);
    expect(() => buildCalendars([base, base], 2026, 2026)).toThrow(/duplicate/);
  });

  it('builds the calendars of a partnership by name', () => {
    const cals = buildCalendars(
      [jurisdictionCalendar('GB-SCT', { name: 'partnership' }), jurisdictionCalendar('GB-ENG', { name: 'cross-border' })],
      2026,
      2026,
    );
    expect(Object.keys(cals).sort()).toEqual(['cross-border', 'partnership']);
    expect(cals.partnership?.holidays).toContain('2026-01-02');
    expect(cals['cross-border']?.holidays).not.toContain('2026-01-02');
  });
});
