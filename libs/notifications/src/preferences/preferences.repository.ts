import type { Queryable } from '@app/persistence';
import { DEFAULT_PREFERENCE, PREFERENCE_KINDS, type EmailMode, type Preference, type PreferenceKind } from '../notifications.types';

/** Per-user channel choices by kind; a kind with no stored row takes the default. */
export class PreferencesRepository {
  async forUsers(q: Queryable, userIds: string[]): Promise<Map<string, Map<PreferenceKind, Preference>>> {
    const out = new Map<string, Map<PreferenceKind, Preference>>();
    if (userIds.length === 0) return out;
    const r = await q.query({
      name: 'rp_ntf_prefs_v1',
      text: 'SELECT user_id, kind, in_app, email FROM notification_preferences WHERE user_id = ANY($1::text[])',
      values: [userIds],
    });
    for (const row of r.rows as { user_id: string; kind: PreferenceKind; in_app: boolean; email: EmailMode }[]) {
      const m = out.get(row.user_id) ?? new Map<PreferenceKind, Preference>();
      m.set(row.kind, { kind: row.kind, inApp: row.in_app, email: row.email });
      out.set(row.user_id, m);
    }
    return out;
  }

  async get(q: Queryable, userId: string): Promise<Preference[]> {
    const stored = (await this.forUsers(q, [userId])).get(userId);
    return PREFERENCE_KINDS.map((kind) => stored?.get(kind) ?? { kind, ...DEFAULT_PREFERENCE });
  }

  async set(q: Queryable, userId: string, prefs: Preference[], now: Date): Promise<void> {
    for (const p of prefs) {
      await q.query(
        `INSERT INTO notification_preferences (user_id, kind, in_app, email, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
        [userId, p.kind, p.inApp, p.email, now],
      );
    }
  }
}
