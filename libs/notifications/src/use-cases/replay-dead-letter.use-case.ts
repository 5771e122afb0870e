/**
 * An operator replays a dead letter: the delivery gets a fresh budget of tries, and its next try
 * goes on the queue through the outbox (with the same delivery id, so the receiver can tell).
 */
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type RuntimeServices } from '@app/application';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { DeliverNotificationUseCase } from './deliver-notification.use-case';

export type ReplayOutcome = 'replayed' | 'not-found' | 'already-replayed';

@Injectable()
export class ReplayDeadLetterUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly deliver: DeliverNotificationUseCase,
  ) {}

  async execute(cmd: { partnershipId: string; deadLetterId: number; by: string }): Promise<ReplayOutcome> {
    return this.rt.tx.run(async (uow) => {
      const q = uow.client;
      const r = await q.query(
        `SELECT l.replayed_at, d.id, d.channel, d.attempts FROM notification_dead_letters l JOIN notification_deliveries d ON d.id = l.delivery_id
         WHERE l.id = $1 AND l.partnership_id = $2 FOR UPDATE`,
        [cmd.deadLetterId, cmd.partnershipId],
      );
      const row = r.rows[0] as { replayed_at: Date | null; id: number; channel: string; attempts: number } | undefined;
      if (!row) return 'not-found';
      if (row.replayed_at) return 'already-replayed';
      const now = this.rt.clock.now();
      await q.query('UPDATE notification_dead_letters SET replayed_at = $2, replayed_by = $3 WHERE id = $1', [cmd.deadLetterId, now, cmd.by]);
      await q.query(`UPDATE notification_deliveries SET status = 'pending', max_attempts = attempts + $2 WHERE id = $1`, [row.id, this.config.maxAttempts]);
      this.deliver.schedule(uow, row, row.attempts + 1, now, now);
      return 'replayed';
    });
  }
}
