import { quarterBounds, quarterOfDate } from './review-agency-misses.use-case';

describe('quarters of the pattern-of-misses review', () => {
  it('maps dates to quarters and quarters to their first day and the next quarter\'s', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOfDate)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
    expect(quarterBounds('2026-Q1')).toEqual({ from: '2026-01-01', toExclusive: '2026-04-01' });
    expect(quarterBounds('2026-Q4')).toEqual({ from: '2026-10-01', toExclusive: '2027-01-01' });
    expect(() => quarterBounds('2026-Q5')).toThrow(RangeError);
  });
});
