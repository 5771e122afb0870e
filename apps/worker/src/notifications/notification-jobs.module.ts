/**
 * The worker's side of notifications: handlers for the notifications queue's jobs (registered on
 * the worker's JOB_HANDLERS registry) and the digest scheduler (arms each partnership's next
 * daily tick at start and hourly). Brings libs/notifications' module into the process.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { DeliverNotificationUseCase, DigestUseCase, NotificationsModule, PlanNotificationsUseCase } from '@app/notifications';
import { JobHandlerRegistry, JobName } from '@app/queue';
import { JOB_HANDLERS } from '../processors/queue.processor';

@Injectable()
export class NotificationJobHandlers implements OnModuleInit {
  constructor(
    @Inject(JOB_HANDLERS) private readonly registry: JobHandlerRegistry,
    private readonly plan: PlanNotificationsUseCase,
    private readonly deliver: DeliverNotificationUseCase,
    private readonly digest: DigestUseCase,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.register(JobName.NotificationPlan, async (data, meta) => void (await this.plan.execute(data, meta)));
    r.register(JobName.NotificationEmail, async (data, meta) => void (await this.deliver.execute(data, meta)));
    r.register(JobName.NotificationWebhook, async (data, meta) => void (await this.deliver.execute(data, meta)));
    r.register(JobName.NotificationDigestTick, async (data, meta) => void (await this.digest.tick(data, meta)));
    r.register(JobName.NotificationDigest, async (data, meta) => void (await this.digest.send(data, meta)));
  }
}

@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationDigest');
  private timer?: NodeJS.Timeout;

  constructor(private readonly digest: DigestUseCase) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.arm();
    // New partnerships get their first tick within the hour.
    this.timer = setInterval(() => void this.arm(), 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async arm(): Promise<void> {
    try {
      const n = await this.digest.ensureTicks();
      this.logger.debug(`daily digests armed for ${n} partnership(s)`);
    } catch (err) {
      this.logger.warn(`could not arm the daily digests: ${(err as Error).message}`);
    }
  }
}

@Module({})
export class NotificationJobsModule {
  static forRuntime(runtime: RuntimeServices, config: AppConfig): DynamicModule {
    return {
      module: NotificationJobsModule,
      imports: [NotificationsModule.forRuntime(runtime, config)],
      providers: [NotificationJobHandlers, DigestScheduler],
    };
  }
}
