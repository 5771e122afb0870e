import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME, type RuntimeServices } from '@app/application';
import { AuditLog } from '@app/audit';
import { CaseRetention } from '@app/cases';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * The retention job: every RETENTION_INTERVAL_MS the worker anonymises cases closed longer than
 * their partnership's retention period (one worker at a time, by an advisory lock).
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  readonly retention: CaseRetention;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(RUNTIME) rt: RuntimeServices, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.retention = new CaseRetention(rt.db, new AuditLog(rt.db.pool, rt.clock), rt.clock);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  async tick(): Promise<number> {
    const run = this.retention.run().catch((err: Error) => {
      this.logger.warn(`retention run failed: ${err.message}`);
      return 0;
    });
    this.running = run;
    const n = await run;
    if (n > 0) this.logger.log(`anonymised ${n} case(s) past their retention period`);
    return n;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
