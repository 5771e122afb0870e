import type { Queryable } from '@app/persistence';
import type { LiveNotification, NotificationKind } from '../notifications.types';

export interface InboxItem extends LiveNotification {
  seq: number;
  readAt: string | null;
}

interface Row {
  id: number; seq: number; kind: NotificationKind; task_id: number | null; text: string; link: string; case_reference: string | null;
  due_at: Date | null; created_at: Date; read_at: Date | null;
}

const COLUMNS = 'id, seq, kind, task_id, text, link, case_reference, due_at, created_at, read_at';

export function toLive(r: Pick<Row, 'id' | 'kind' | 'task_id' | 'text' | 'link' | 'case_reference' | 'due_at' | 'created_at'>): LiveNotification {
  return {
    id: String(r.id), kind: r.kind, text: r.text, link: r.link, at: new Date(r.created_at).toISOString(),
    ...(r.task_id !== null ? { taskId: String(r.task_id) } : {}),
    ...(r.case_reference ? { caseReference: r.case_reference } : {}),
    ...(r.due_at ? { dueAt: new Date(r.due_at).toISOString() } : {}),
  };
}

function toItem(r: Row): InboxItem {
  return { ...toLive(r), seq: Number(r.seq), readAt: r.read_at ? new Date(r.read_at).toISOString() : null };
}

/** A user's in-app notifications: the list, the unread count, mark-read, and replay by sequence. */
export class InboxRepository {
  /** Newest first; `before` is the cursor (a sequence number). */
  async list(q: Queryable, userId: string, opts: { unreadOnly: boolean; before?: number; limit: number }): Promise<{ items: InboxItem[]; total: number; next?: string }> {
    const where = `user_id = $1 AND in_app${opts.unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const rows = await q.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where} AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
      [userId, opts.before ?? null, opts.limit + 1],
    );
    const total = await q.query(`SELECT count(*)::int AS n FROM notifications WHERE ${where}`, [userId]);
    const items = (rows.rows as Row[]).slice(0, opts.limit).map(toItem);
    const more = rows.rows.length > opts.limit;
    return { items, total: Number(total.rows[0]?.n ?? 0), ...(more && items.length > 0 ? { next: String(items[items.length - 1]!.seq) } : {}) };
  }

  async unreadCount(q: Queryable, userId: string): Promise<number> {
    const r = await q.query({ name: 'rp_ntf_unread_v1', text: 'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL', values: [userId] });
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Marks one notification read; false when it is not this user's. */
  async markRead(q: Queryable, userId: string, id: number, now: Date): Promise<boolean> {
    const r = await q.query('UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 AND in_app RETURNING 1', [id, userId, now]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Marks everything up to `upToSeq` (default: all) read; returns how many changed. */
  async markAllRead(q: Queryable, userId: string, now: Date, upToSeq?: number): Promise<number> {
    const r = await q.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND in_app AND read_at IS NULL AND ($3::bigint IS NULL OR seq <= $3)', [userId, now, upToSeq ?? null]);
    return r.rowCount ?? 0;
  }

  /** What a stream missed: the user's items after `afterSeq`, oldest first. */
  async since(q: Queryable, userId: string, afterSeq: number, limit: number): Promise<{ seq: number; event: LiveNotification }[]> {
    const r = await q.query({
      name: 'rp_ntf_since_v1',
      text: `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND in_app AND seq > $2 ORDER BY seq LIMIT $3`,
      values: [userId, afterSeq, limit],
    });
    return (r.rows as Row[]).map((row) => ({ seq: Number(row.seq), event: toLive(row) }));
  }

  /** The last sequence number given to each user (0 for none). */
  async cursors(q: Queryable, userIds: string[]): Promise<Map<string, number>> {
    const r = await q.query({ name: 'rp_ntf_cursors_v1', text: 'SELECT user_id, last_seq FROM notification_cursors WHERE user_id = ANY($1::text[])', values: [userIds] });
    const out = new Map<string, number>(userIds.map((u) => [u, 0]));
    for (const row of r.rows as { user_id: string; last_seq: number }[]) out.set(row.user_id, Number(row.last_seq));
    return out;
  }
}
