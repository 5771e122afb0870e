import { DEFAULT_RETRY, parseDurationMs, parseRetryCycle } from './retry-cycle.util';

describe('parseRetryCycle', () => {
  it('reads tries and interval', () => {
    expect(parseRetryCycle('R3/PT10S')).toEqual({ attempts: 3, delayMs: 10_000 });
    expect(parseRetryCycle('R5/PT1M')).toEqual({ attempts: 5, delayMs: 60_000 });
    expect(parseRetryCycle('R1/P1DT2H')).toEqual({ attempts: 1, delayMs: 26 * 3600_000 });
  });
  it('falls back to 3 tries 10 s apart', () => {
    expect(parseRetryCycle(undefined)).toEqual(DEFAULT_RETRY);
    expect(parseRetryCycle('nonsense')).toEqual(DEFAULT_RETRY);
    expect(parseRetryCycle('R0/PT1S')).toEqual(DEFAULT_RETRY);
    expect(parseRetryCycle('R2/P')).toEqual(DEFAULT_RETRY);
  });
  it('parses durations', () => {
    expect(parseDurationMs('PT0.5S')).toBe(500);
    expect(parseDurationMs('P1W')).toBe(7 * 24 * 3600_000);
    expect(parseDurationMs('X')).toBeUndefined();
  });
});
