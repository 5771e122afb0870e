/**
 * One try of an e-mail or webhook delivery. The delivery row is locked while the try runs, so
 * two copies of the job never send together; the try, its outcome and the job's outbox row are
 * settled in one transaction. A failed try schedules the next one as a new delayed job (the try
 * count lives in PostgreSQL, so a lost queue loses no retry); after the last, the delivery is
 * dead-lettered for an operator to replay. At most one send per delivery, except when a worker
 * dies between the send and its COMMIT (then the receiver sees the same Message-ID/delivery id).
 */
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type RuntimeServices, type UnitOfWork } from '@app/application';
import { JobName, jobIds, QueueName } from '@app/queue';
import { retryDelayMs } from '../delivery/retry-delay.util';
import { MAILER, type Mailer } from '../email/mailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import type { NotificationKind } from '../notifications.types';
import { CASE_DIRECTORY, RECIPIENT_DIRECTORY, type CaseDirectory, type RecipientDirectory } from '../ports/recipient-directory.port';
import { emailBody, emailSubject } from '../texts/notification-text.util';
import { WEBHOOK_SENDER, type WebhookSender } from '../webhook/webhook-sender';

export interface DeliverCommand {
  deliveryId: number;
  attempt: number;
}

interface DeliveryRow {
  id: number; channel: 'email' | 'webhook'; recipient: string; partnership_id: string; status: string; attempts: number; max_attempts: number;
  webhook_id: number | null; body: unknown; user_id: string | null; kind: NotificationKind | null; text: string | null; link: string | null;
  case_reference: string | null; instance_id: number | null;
}

const SELECT_DELIVERY = `SELECT d.id, d.channel, d.recipient, d.partnership_id, d.status, d.attempts, d.max_attempts, d.webhook_id, d.body,
         n.user_id, n.kind, n.text, n.link, n.case_reference, n.instance_id
  FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id`;

type TryResult = { ok: true; statusCode?: number } | { ok: false; statusCode?: number; error: string } | { skip: 'suppressed' | 'skipped'; reason: string };

export type DeliverOutcome = 'sent' | 'retry' | 'dead' | 'suppressed' | 'skipped' | 'noop';

@Injectable()
export class DeliverNotificationUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    @Inject(RECIPIENT_DIRECTORY) private readonly directory: RecipientDirectory,
    @Inject(CASE_DIRECTORY) private readonly cases: CaseDirectory,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(WEBHOOK_SENDER) private readonly webhooks: WebhookSender,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(cmd: DeliverCommand, meta: { jobId: string }): Promise<DeliverOutcome> {
    // The e-mail's recipient is looked up before the transaction (own connections, not held by it).
    const peek = (await this.rt.db.query<DeliveryRow>(`${SELECT_DELIVERY} WHERE d.id = $1`, [cmd.deliveryId]))[0];
    const target = peek?.channel === 'email' && peek.status === 'pending' ? await this.emailTarget(peek) : undefined;
    return this.rt.tx.run(async (uow) => {
      const q = uow.client;
      const r = await q.query({
        name: 'rp_ntf_lock_delivery_v1',
        text: `${SELECT_DELIVERY} WHERE d.id = $1 FOR UPDATE OF d SKIP LOCKED`,
        values: [cmd.deliveryId],
      });
      const d = r.rows[0] as DeliveryRow | undefined;
      if (!d) {
        // Gone, or another copy holds it (that copy settles the outbox row when it commits).
        await q.query(`DELETE FROM outbox WHERE job_id = $1 AND NOT EXISTS (SELECT 1 FROM notification_deliveries WHERE id = $2)`, [meta.jobId, cmd.deliveryId]);
        return 'noop';
      }
      uow.dropJob(meta.jobId);
      if (d.status !== 'pending' || cmd.attempt <= d.attempts) return 'noop';
      const now = this.rt.clock.now();
      const result = d.channel === 'email' ? await this.tryEmail(d, target ?? (await this.emailTarget(d))) : await this.tryWebhook(q, d, cmd.attempt, now);
      if ('skip' in result) {
        await q.query('UPDATE notification_deliveries SET status = $2, last_error = $3 WHERE id = $1', [d.id, result.skip, result.reason]);
        return result.skip;
      }
      await q.query(
        'INSERT INTO notification_attempts (delivery_id, attempt, at, ok, status_code, error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [d.id, cmd.attempt, now, result.ok, result.statusCode ?? null, result.ok ? null : result.error],
      );
      if (result.ok) {
        await q.query(`UPDATE notification_deliveries SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1`, [d.id, cmd.attempt, now]);
        return 'sent';
      }
      if (cmd.attempt < d.max_attempts) {
        await q.query('UPDATE notification_deliveries SET attempts = $2, last_error = $3 WHERE id = $1', [d.id, cmd.attempt, result.error]);
        this.schedule(uow, d, cmd.attempt + 1, new Date(now.getTime() + retryDelayMs(cmd.attempt, this.config.retryBaseMs)), now);
        return 'retry';
      }
      await q.query(`UPDATE notification_deliveries SET status = 'dead', attempts = $2, last_error = $3 WHERE id = $1`, [d.id, cmd.attempt, result.error]);
      await q.query(
        `INSERT INTO notification_dead_letters (delivery_id, partnership_id, channel, attempts, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (delivery_id, attempts) DO NOTHING`,
        [d.id, d.partnership_id, d.channel, cmd.attempt, result.error, now],
      );
      return 'dead';
    });
  }

  /** Puts try `attempt` of a delivery on the queue (through the outbox) at `at`. */
  schedule(uow: UnitOfWork, d: { id: number; channel: string }, attempt: number, at: Date, now: Date): void {
    const email = d.channel === 'email';
    uow.addJob(
      {
        jobId: email ? jobIds.notificationEmail(d.id, attempt) : jobIds.notificationWebhook(d.id, attempt), queue: QueueName.Notifications,
        name: email ? JobName.NotificationEmail : JobName.NotificationWebhook, payload: { deliveryId: d.id, attempt }, availableAt: at,
      },
      null, null, now.toISOString(),
    );
  }

  /** Whom the e-mail goes to, or why it does not go: the exclusion list may have grown since planning. */
  private async emailTarget(d: DeliveryRow): Promise<{ to: string } | { skip: 'suppressed' | 'skipped'; reason: string }> {
    if (!this.mailer) return { skip: 'skipped', reason: 'no SMTP server configured' };
    if (!d.user_id || !d.kind || !d.text || !d.link) return { skip: 'skipped', reason: 'notification gone' };
    if (d.instance_id !== null && (await this.cases.excluded(d.instance_id, [d.user_id])).has(d.user_id)) return { skip: 'suppressed', reason: 'case exclusion list' };
    const [user] = await this.directory.users(d.partnership_id, [d.user_id]);
    return user?.email ? { to: user.email } : { skip: 'skipped', reason: 'no active user with an e-mail address' };
  }

  private async tryEmail(d: DeliveryRow, target: { to: string } | { skip: 'suppressed' | 'skipped'; reason: string }): Promise<TryResult> {
    if ('skip' in target) return target;
    if (!this.mailer || !d.kind || !d.text || !d.link) return { skip: 'skipped', reason: 'notification gone' };
    const user = { email: target.to };
    try {
      await this.mailer.send({
        to: user.email, subject: emailSubject(d.kind, d.case_reference), text: emailBody(d.text, d.link, this.config.publicBaseUrl), messageKey: `ntf-email-${d.id}`,
      });
      return { ok: true };
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      return { ok: false, ...(e.responseCode ? { statusCode: e.responseCode } : {}), error: (e.code ?? (e.responseCode ? `SMTP ${e.responseCode}` : 'send failed')).slice(0, 200) };
    }
  }

  private async tryWebhook(q: UnitOfWork['client'], d: DeliveryRow, attempt: number, now: Date): Promise<TryResult> {
    const hook = (await q.query('SELECT url, secret, active FROM webhooks WHERE id = $1', [d.webhook_id])).rows[0] as { url: string; secret: string; active: boolean } | undefined;
    if (!hook?.active) return { skip: 'skipped', reason: 'webhook removed' };
    const body = JSON.stringify(d.body);
    const res = await this.webhooks.post({ url: hook.url, secret: hook.secret, body, deliveryId: d.id, attempt, kind: (d.body as { kind?: string })?.kind ?? 'notification', timestamp: Math.floor(now.getTime() / 1000) });
    return res.ok ? { ok: true, ...(res.statusCode ? { statusCode: res.statusCode } : {}) } : { ok: false, ...(res.statusCode ? { statusCode: res.statusCode } : {}), error: res.error ?? 'failed' };
  }
}
