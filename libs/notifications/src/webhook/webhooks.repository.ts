/**
 * Webhooks of a partnership (optionally of one agency) and the dead letters of failed
 * deliveries. Secrets are shown once, when created; lists never return them.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '@app/persistence';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications.types';

export interface WebhookView {
  id: string;
  agency: string | null;
  url: string;
  kinds: NotificationKind[];
  active: boolean;
  createdAt: string;
}

export interface DeadLetterView {
  id: string;
  deliveryId: string;
  channel: string;
  attempts: number;
  reason: string;
  createdAt: string;
  replayedAt: string | null;
  target: string;
}

export class WebhookUrlError extends Error {}

export function checkWebhookUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WebhookUrlError('the webhook URL is not a URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new WebhookUrlError('a webhook URL must be http(s)');
  if (u.username || u.password) throw new WebhookUrlError('a webhook URL may not carry credentials; the signature authenticates');
}

export class WebhooksRepository {
  async create(q: Queryable, w: { partnershipId: string; agency: string | null; url: string; kinds: NotificationKind[]; createdBy: string; now: Date }): Promise<WebhookView & { secret: string }> {
    checkWebhookUrl(w.url);
    const kinds = w.kinds.filter((k) => NOTIFICATION_KINDS.includes(k));
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const r = await q.query(
      `INSERT INTO webhooks (partnership_id, agency, url, secret, kinds, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, agency, url, kinds, active, created_at`,
      [w.partnershipId, w.agency, w.url, secret, kinds, w.createdBy, w.now],
    );
    return { ...view(r.rows[0] as WebhookRow), secret };
  }

  async list(q: Queryable, partnershipId: string): Promise<WebhookView[]> {
    const r = await q.query('SELECT id, agency, url, kinds, active, created_at FROM webhooks WHERE partnership_id = $1 AND active ORDER BY id', [partnershipId]);
    return (r.rows as WebhookRow[]).map(view);
  }

  async deactivate(q: Queryable, partnershipId: string, id: number): Promise<boolean> {
    const r = await q.query('UPDATE webhooks SET active = false WHERE id = $1 AND partnership_id = $2 AND active RETURNING 1', [id, partnershipId]);
    return (r.rowCount ?? 0) > 0;
  }

  async deadLetters(q: Queryable, partnershipId: string, open: boolean, limit: number): Promise<DeadLetterView[]> {
    const r = await q.query(
      `SELECT l.id, l.delivery_id, l.channel, l.attempts, l.reason, l.created_at, l.replayed_at, d.recipient
       FROM notification_dead_letters l JOIN notification_deliveries d ON d.id = l.delivery_id
       WHERE l.partnership_id = $1 AND ($2::boolean IS FALSE OR l.replayed_at IS NULL) ORDER BY l.id DESC LIMIT $3`,
      [partnershipId, open, limit],
    );
    return (r.rows as { id: number; delivery_id: number; channel: string; attempts: number; reason: string; created_at: Date; replayed_at: Date | null; recipient: string }[]).map((x) => ({
      id: String(x.id), deliveryId: String(x.delivery_id), channel: x.channel, attempts: x.attempts, reason: x.reason,
      createdAt: new Date(x.created_at).toISOString(), replayedAt: x.replayed_at ? new Date(x.replayed_at).toISOString() : null,
      // Webhooks by id; e-mail by user id (never the address).
      target: x.recipient,
    }));
  }
}

interface WebhookRow { id: number; agency: string | null; url: string; kinds: NotificationKind[]; active: boolean; created_at: Date }

function view(r: WebhookRow): WebhookView {
  return { id: String(r.id), agency: r.agency, url: r.url, kinds: r.kinds, active: r.active, createdAt: new Date(r.created_at).toISOString() };
}
