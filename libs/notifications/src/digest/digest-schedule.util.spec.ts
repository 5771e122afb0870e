import { retryDelayMs } from '../delivery/retry-delay.util';
import { localDay, nextDigestSlot, slotAfter } from './digest-schedule.util';

describe('digest schedule', () => {
  it('runs at the local hour of the partnership, today if still ahead, else tomorrow', () => {
    expect(nextDigestSlot(new Date('2026-03-02T05:00:00Z'), 'Europe/London', 7)).toEqual({ day: '2026-03-02', at: new Date('2026-03-02T07:00:00Z') });
    expect(nextDigestSlot(new Date('2026-03-02T07:00:00Z'), 'Europe/London', 7)).toEqual({ day: '2026-03-03', at: new Date('2026-03-03T07:00:00Z') });
    expect(nextDigestSlot(new Date('2026-07-01T12:00:00Z'), 'Europe/Vienna', 7)).toEqual({ day: '2026-07-02', at: new Date('2026-07-02T05:00:00Z') });
  });

  it('follows clock changes (the day after the spring change is still 07:00 local)', () => {
    expect(slotAfter('2026-03-28', 'Europe/London', 7)).toEqual({ day: '2026-03-29', at: new Date('2026-03-29T06:00:00Z') });
    expect(localDay(new Date('2026-03-28T23:30:00Z'), 'Europe/London')).toBe('2026-03-28');
    expect(localDay(new Date('2026-03-28T23:30:00Z'), 'Europe/Helsinki')).toBe('2026-03-29');
  });

  it('backs off exponentially, capped at a day', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40, 30_000)).toBe(24 * 3600_000);
  });
});
