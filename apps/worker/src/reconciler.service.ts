import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Reconciler, RUNTIME, type RuntimeServices } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * Runs the reconciler in the worker: once at start (timers that fell due while the service
 * was down, rows left unsent, a queue that lost its data), then every RECONCILE_INTERVAL_MS.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  readonly reconciler: Reconciler;

  constructor(@Inject(RUNTIME) rt: RuntimeServices, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.reconciler = new Reconciler(rt.db, rt.queues, rt.relay, rt.clock, rt.log, {
      graceMs: config.RECONCILE_GRACE_MS * rt.clock.rate,
      overdueMs: Math.max(config.RECONCILE_OVERDUE_MS, config.QUEUE_STALLED_INTERVAL_MS * 2) * rt.clock.rate,
      batch: 1000,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const r = await this.reconciler.tick(true);
    this.logger.log(`start-up: re-armed ${r.rearmed} due timer(s), sent ${r.resent} unsent job(s)`);
    this.reconciler.start(this.config.RECONCILE_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reconciler.stop();
  }
}
