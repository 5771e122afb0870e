import type { Clock } from './clock.port';

/**
 * A clock for tests and demos: starts at real time + `offsetMs` and runs `rate` times faster
 * than real time. `realDelayMs` divides by the rate, so queue delays follow it.
 */
export class OffsetRateClock implements Clock {
  private readonly realStart: number;
  private readonly clockStart: number;

  constructor(
    offsetMs = 0,
    readonly rate = 1,
    private readonly realNow: () => number = () => Date.now(),
  ) {
    if (!(rate > 0)) throw new Error('clock rate must be positive');
    this.realStart = this.realNow();
    this.clockStart = this.realStart + offsetMs;
  }

  now(): Date {
    return new Date(Math.floor(this.clockStart + (this.realNow() - this.realStart) * this.rate));
  }

  realDelayMs(due: Date): number {
    return Math.max(0, Math.ceil((due.getTime() - this.now().getTime()) / this.rate));
  }
}
