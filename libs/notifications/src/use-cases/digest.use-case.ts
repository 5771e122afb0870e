/**
 * The daily digest. Each partnership has one tick job a day, at NOTIFY_DIGEST_HOUR in its time
 * zone, scheduled through the outbox and the queue; the tick queues one digest job per user with
 * digest items waiting and schedules the next day's tick. A digest job sends one e-mail (counts
 * and links) and records (user, local day): a second copy of the job finds the day taken and
 * sends nothing. `ensureTicks` (worker start, then hourly) arms the next tick of every partnership;
 * its job id is the partnership and day, so arming twice is harmless.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { claimJob, RUNTIME, type RuntimeServices, type UnitOfWork } from '@app/application';
import { JobName, jobIds, QueueName } from '@app/queue';
import { nextDigestSlot, slotAfter } from '../digest/digest-schedule.util';
import { MAILER, type Mailer } from '../email/mailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import type { NotificationKind } from '../notifications.types';
import { CASE_DIRECTORY, RECIPIENT_DIRECTORY, type CaseDirectory, type RecipientDirectory } from '../ports/recipient-directory.port';
import { digestEmail } from '../texts/notification-text.util';

@Injectable()
export class DigestUseCase {
  private readonly logger = new Logger('NotificationDigest');

  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    @Inject(RECIPIENT_DIRECTORY) private readonly directory: RecipientDirectory,
    @Inject(CASE_DIRECTORY) private readonly cases: CaseDirectory,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Arms the next tick of every partnership (idempotent). Returns how many partnerships. */
  async ensureTicks(): Promise<number> {
    const partnerships = await this.directory.partnerships();
    if (partnerships.length === 0) return 0;
    const now = this.rt.clock.now();
    await this.rt.tx.run(async (uow) => {
      for (const p of partnerships) this.addTick(uow, p.id, nextDigestSlot(now, p.timeZone, this.config.digestHour), now);
    });
    return partnerships.length;
  }

  /** A partnership's digest time: a digest job per user with waiting items, and tomorrow's tick. */
  async tick(cmd: { partnershipId: string; day: string }, meta: { jobId: string }): Promise<number> {
    const p = await this.directory.partnership(cmd.partnershipId);
    return this.rt.tx.run(async (uow) => {
      if (!(await claimJob(uow, meta.jobId))) return 0;
      const now = this.rt.clock.now();
      const users = await uow.client.query(
        `SELECT DISTINCT recipient FROM notification_deliveries WHERE channel = 'digest' AND status = 'pending' AND partnership_id = $1 ORDER BY recipient`,
        [cmd.partnershipId],
      );
      for (const { recipient } of users.rows as { recipient: string }[]) {
        uow.addJob({ jobId: jobIds.digest(recipient, cmd.day), queue: QueueName.Notifications, name: JobName.NotificationDigest, payload: { userId: recipient, day: cmd.day }, availableAt: now }, null, null, now.toISOString());
      }
      this.addTick(uow, cmd.partnershipId, slotAfter(cmd.day, p.timeZone, this.config.digestHour), now);
      return users.rows.length;
    });
  }

  /** One user's digest for one local day: at most one e-mail, whatever the number of job copies. */
  async send(cmd: { userId: string; day: string }, meta: { jobId: string }): Promise<'sent' | 'empty' | 'already-sent'> {
    return this.rt.tx.run(async (uow) => {
      const q = uow.client;
      uow.dropJob(meta.jobId);
      const items = (await q.query(
        `SELECT d.id, d.partnership_id, n.kind, n.text, n.link, n.instance_id
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
         WHERE d.channel = 'digest' AND d.recipient = $1 AND d.status = 'pending' ORDER BY d.id FOR UPDATE OF d`,
        [cmd.userId],
      )).rows as { id: number; partnership_id: string; kind: NotificationKind; text: string; link: string; instance_id: number | null }[];
      const partnershipId = items[0]?.partnership_id ?? '';
      const claimed = await q.query(
        `INSERT INTO notification_digests (user_id, day, partnership_id, items, sent_at) VALUES ($1, $2, $3, 0, $4) ON CONFLICT (user_id, day) DO NOTHING RETURNING 1`,
        [cmd.userId, cmd.day, partnershipId, this.rt.clock.now()],
      );
      if (claimed.rows.length === 0) return 'already-sent';
      // Exclusion lists may have grown since these were planned.
      const keep: typeof items = [];
      const suppressed: number[] = [];
      for (const i of items) {
        if (i.instance_id !== null && (await this.cases.excluded(i.instance_id, [cmd.userId])).has(cmd.userId)) suppressed.push(i.id);
        else keep.push(i);
      }
      if (suppressed.length > 0) await q.query(`UPDATE notification_deliveries SET status = 'suppressed', last_error = 'case exclusion list' WHERE id = ANY($1::bigint[])`, [suppressed]);
      const [user] = keep.length > 0 ? await this.directory.users(partnershipId, [cmd.userId]) : [];
      if (keep.length === 0 || !user?.email || !this.mailer) {
        if (keep.length > 0) await q.query(`UPDATE notification_deliveries SET status = 'skipped', last_error = 'no e-mail' WHERE id = ANY($1::bigint[])`, [keep.map((i) => i.id)]);
        return 'empty';
      }
      const mail = digestEmail(cmd.day, keep, this.config.publicBaseUrl);
      // A failed send throws: the transaction (and the day's claim) rolls back and the job is retried.
      await this.mailer.send({ to: user.email, subject: mail.subject, text: mail.body, messageKey: `ntf-digest-${cmd.day}-${keep[0]!.id}` });
      const now = this.rt.clock.now();
      await q.query(`UPDATE notification_deliveries SET status = 'sent', digest_day = $2, sent_at = $3, attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [keep.map((i) => i.id), cmd.day, now]);
      await q.query('UPDATE notification_digests SET items = $3 WHERE user_id = $1 AND day = $2', [cmd.userId, cmd.day, keep.length]);
      this.logger.debug(`digest ${cmd.day}: ${keep.length} item(s) sent`);
      return 'sent';
    });
  }

  private addTick(uow: UnitOfWork, partnershipId: string, slot: { day: string; at: Date }, now: Date): void {
    uow.addJob(
      { jobId: jobIds.digestTick(partnershipId, slot.day), queue: QueueName.Notifications, name: JobName.NotificationDigestTick, payload: { partnershipId, day: slot.day }, availableAt: slot.at },
      null, null, now.toISOString(),
    );
  }
}
