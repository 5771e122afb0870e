/**
 * libs/clock: time is a port. Production reads PostgreSQL's clock; tests and demos may run a
 * clock with an offset or a rate. Queue delays follow the clock: a delay is converted from
 * clock time to real milliseconds by `realDelayMs`.
 */
export interface Clock {
  /** The current time on this clock. */
  now(): Date;
  /** Real milliseconds to wait until the clock shows `due` (0 if already due). */
  realDelayMs(due: Date): number;
  /** Clock milliseconds that pass in one real millisecond (1 except for a rate clock). */
  readonly rate: number;
}

export const CLOCK = Symbol('CLOCK');
