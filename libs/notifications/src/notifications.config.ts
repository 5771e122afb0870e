import type { AppConfig } from '@app/config';

/** What notifications take from the process configuration (validated once in libs/config). */
export interface NotificationsConfig {
  smtpUrl: string | null;
  mailFrom: string;
  publicBaseUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
  webhookTimeoutMs: number;
  digestHour: number;
  defaultTimeZone: string;
  /** Live fan-out: Redis pub/sub when set, PostgreSQL LISTEN/NOTIFY otherwise. */
  redisUrl: string | null;
  /** Namespaces the fan-out channel (the queue prefix), so test runs and deployments stay apart. */
  channelPrefix: string;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export function notificationsConfig(c: AppConfig): NotificationsConfig {
  return {
    smtpUrl: c.SMTP_URL || null,
    mailFrom: c.MAIL_FROM,
    publicBaseUrl: c.PUBLIC_BASE_URL,
    maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: c.NOTIFY_RETRY_BASE_MS,
    webhookTimeoutMs: c.NOTIFY_WEBHOOK_TIMEOUT_MS,
    digestHour: c.NOTIFY_DIGEST_HOUR,
    defaultTimeZone: c.NOTIFY_DEFAULT_TIME_ZONE,
    redisUrl: c.REDIS_URL ?? null,
    channelPrefix: c.QUEUE_PREFIX,
  };
}
