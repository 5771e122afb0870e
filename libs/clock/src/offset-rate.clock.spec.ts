import { OffsetRateClock } from './offset-rate.clock';
import { DatabaseClock } from './database.clock';

describe('OffsetRateClock', () => {
  it('starts at real time plus the offset and runs at the rate', () => {
    let real = 1_000_000;
    const clock = new OffsetRateClock(60_000, 10, () => real);
    expect(clock.now().getTime()).toBe(1_060_000);
    real += 1_000;
    expect(clock.now().getTime()).toBe(1_070_000);
  });

  it('turns clock delays into real delays', () => {
    const real = 0;
    const clock = new OffsetRateClock(0, 100, () => real);
    expect(clock.realDelayMs(new Date(10_000))).toBe(100);
    expect(clock.realDelayMs(new Date(-5))).toBe(0);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new OffsetRateClock(0, 0)).toThrow();
  });
});

describe('DatabaseClock', () => {
  it('follows the database time measured at calibration', async () => {
    const clock = new DatabaseClock(async () => new Date(Date.now() + 3_600_000));
    await clock.calibrate();
    expect(Math.abs(clock.now().getTime() - Date.now() - 3_600_000)).toBeLessThan(1_000);
  });
});
