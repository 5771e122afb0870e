import type { Clock } from '@app/clock';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  readonly rate = 1;
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  realDelayMs(due: Date): number {
    return Math.max(0, due.getTime() - this.t);
  }
}
