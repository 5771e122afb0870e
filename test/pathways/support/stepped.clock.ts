import type { Clock } from '@app/clock';

/**
 * An offset clock the test moves forward: real time plus an offset that `jumpTo` changes. Queue
 * delays follow it (`realDelayMs`); a delayed job armed before a jump is promoted by the test
 * (see `fireDueTimers`), as a worker would run it once its time came.
 */
export class SteppedClock implements Clock {
  readonly rate = 1;
  private offset: number;

  constructor(start: Date | string) {
    this.offset = new Date(start).getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  jumpTo(at: Date | string): void {
    const t = new Date(at).getTime();
    if (t < this.now().getTime()) throw new Error('the clock only moves forward');
    this.offset = t - Date.now();
  }

  realDelayMs(due: Date): number {
    return Math.max(0, due.getTime() - this.now().getTime());
  }
}
