/**
 * libs/notifications: telling people that work reached them. From the step's outbox rows (a task
 * arrived, an SLA reminder, breach or escalation) to recipients chosen through the access layer,
 * minus the case's "not safe to talk to" list, by their preferences: in-app (a live SSE stream
 * per user, replayable by Last-Event-ID), e-mail (immediate or a daily digest) and signed
 * webhooks with retries and dead letters. Texts carry no personal data.
 */
export * from './notifications.types';
export * from './notifications.config';
export * from './notifications.module';
export * from './ports/recipient-directory.port';
export * from './ports/static-directory';
export * from './ports/sql-directory';
export * from './texts/notification-text.util';
export * from './webhook/webhook-signature.util';
export * from './webhook/webhook-sender';
export * from './webhook/webhooks.repository';
export * from './digest/digest-schedule.util';
export * from './delivery/retry-delay.util';
export * from './email/mailer';
export * from './inbox/inbox.repository';
export * from './preferences/preferences.repository';
export * from './live/live-fanout';
export * from './live/live-hub';
export * from './planning/recipients.util';
export * from './use-cases/plan-notifications.use-case';
export * from './use-cases/deliver-notification.use-case';
export * from './use-cases/digest.use-case';
export * from './use-cases/replay-dead-letter.use-case';
