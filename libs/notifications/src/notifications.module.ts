/**
 * libs/notifications as a Nest module: the ports (directory over the access layer's tables),
 * the live fan-out (Redis pub/sub with REDIS_URL, PostgreSQL LISTEN/NOTIFY without), the mailer
 * (when SMTP_URL is set), the webhook sender, the repositories and the use cases. Global, and
 * imported once per process (by the worker module, or by the api when it runs without one).
 */
import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { MAILER, SmtpMailer, type Mailer } from './email/mailer';
import { InboxRepository } from './inbox/inbox.repository';
import { LIVE_FANOUT, type LiveFanout } from './live/live-fanout';
import { PgLiveFanout } from './live/pg-live-fanout';
import { RedisLiveFanout } from './live/redis-live-fanout';
import { NOTIFICATIONS_CONFIG, notificationsConfig, type NotificationsConfig } from './notifications.config';
import { CASE_DIRECTORY, RECIPIENT_DIRECTORY } from './ports/recipient-directory.port';
import { SqlCaseDirectory, SqlRecipientDirectory } from './ports/sql-directory';
import { PreferencesRepository } from './preferences/preferences.repository';
import { DeliverNotificationUseCase } from './use-cases/deliver-notification.use-case';
import { DigestUseCase } from './use-cases/digest.use-case';
import { PlanNotificationsUseCase } from './use-cases/plan-notifications.use-case';
import { ReplayDeadLetterUseCase } from './use-cases/replay-dead-letter.use-case';
import { FetchWebhookSender, WEBHOOK_SENDER } from './webhook/webhook-sender';
import { WebhooksRepository } from './webhook/webhooks.repository';

/** Makes the fan-out a process uses; a factory so the live hub can have its own subscriber. */
export function createLiveFanout(config: NotificationsConfig, databaseUrl: string): LiveFanout {
  const log = new Logger('LiveNotifications');
  return config.redisUrl
    ? new RedisLiveFanout(config.redisUrl, `${config.channelPrefix}:notifications:live`, log)
    : new PgLiveFanout(databaseUrl, `rp_ntf_${config.channelPrefix}`, log);
}

export const LIVE_FANOUT_FACTORY = Symbol('LIVE_FANOUT_FACTORY');

/** Closes the publisher connection and the SMTP transport when the process stops. */
@Injectable()
export class NotificationsShutdown implements OnApplicationShutdown {
  constructor(@Inject(LIVE_FANOUT) private readonly fanout: LiveFanout, @Inject(MAILER) private readonly mailer: Mailer | null) {}

  async onApplicationShutdown(): Promise<void> {
    this.mailer?.close();
    await this.fanout.close();
  }
}

@Global()
@Module({})
export class NotificationsModule {
  static forRuntime(runtime: RuntimeServices, appConfig: AppConfig): DynamicModule {
    const config = notificationsConfig(appConfig);
    const databaseUrl = runtime.db.options.url;
    const providers: Provider[] = [
      { provide: NOTIFICATIONS_CONFIG, useValue: config },
      { provide: RECIPIENT_DIRECTORY, useFactory: () => new SqlRecipientDirectory(runtime.db, config.defaultTimeZone) },
      { provide: CASE_DIRECTORY, useFactory: () => new SqlCaseDirectory(runtime.db) },
      { provide: LIVE_FANOUT_FACTORY, useValue: () => createLiveFanout(config, databaseUrl) },
      { provide: LIVE_FANOUT, useFactory: () => createLiveFanout(config, databaseUrl) },
      { provide: MAILER, useFactory: () => (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : null) },
      { provide: WEBHOOK_SENDER, useFactory: () => new FetchWebhookSender(config.webhookTimeoutMs) },
      PreferencesRepository, InboxRepository, WebhooksRepository,
      PlanNotificationsUseCase, DeliverNotificationUseCase, DigestUseCase, ReplayDeadLetterUseCase, NotificationsShutdown,
    ];
    return { module: NotificationsModule, providers, exports: providers };
  }
}
