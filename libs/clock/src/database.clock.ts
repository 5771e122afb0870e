import type { Clock } from './clock.port';

/**
 * PostgreSQL's clock. Reading it for every event would cost a round trip, so the clock keeps the
 * skew between the database and this host, measured at start and re-measured periodically
 * (`calibrate`), and answers from the host's monotonic-ish clock plus that skew.
 */
export class DatabaseClock implements Clock {
  readonly rate = 1;
  private skewMs = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly readDbTime: () => Promise<Date>) {}

  async calibrate(): Promise<void> {
    const before = Date.now();
    const db = await this.readDbTime();
    const after = Date.now();
    this.skewMs = db.getTime() - (before + after) / 2;
  }

  /** Re-measures the skew every `intervalMs` (errors are ignored: the last skew stays). */
  startCalibrating(intervalMs = 30_000): void {
    this.timer = setInterval(() => void this.calibrate().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get skew(): number {
    return this.skewMs;
  }

  now(): Date {
    return new Date(Math.round(Date.now() + this.skewMs));
  }

  realDelayMs(due: Date): number {
    return Math.max(0, due.getTime() - this.now().getTime());
  }
}
