import type { Clock } from './clock.port';

/** The host's clock (used where no database is at hand, e.g. scripts). */
export class SystemClock implements Clock {
  readonly rate = 1;
  now(): Date {
    return new Date(Date.now());
  }
  realDelayMs(due: Date): number {
    return Math.max(0, due.getTime() - Date.now());
  }
}
