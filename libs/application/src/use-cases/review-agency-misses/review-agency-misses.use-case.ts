import type { Clock } from '@app/clock';
import type { PoolClient } from 'pg';
import type { Database } from '@app/persistence';
import { localDate } from '@app/pathways';
import type { PartnershipContextProvider } from '../../pathways/partnership-context.provider';

/**
 * The pattern of misses: an agency that missed `missesPerQuarterToSteeringGroup` (default 3) or
 * more deadlines in a quarter of the partnership's calendar is flagged to the steering group
 * (domain §7 T1 step 9: concept [F], threshold [I], a parameter of the MARAC template). A miss is
 * a task of the agency whose SLA was breached in the quarter, or an action of a meeting's plan
 * closed as "agency did not act" in the quarter. Idempotent: one flag per agency and quarter,
 * its count kept up to date.
 */
export interface AgencyMissFlag {
  id: number;
  agencyId: string;
  quarter: string;
  misses: number;
  threshold: number;
  flaggedAt: string;
  acknowledgedAt: string | null;
}

export const MISSES_PARAMETER_PATHWAY = 'marac-safelives';

export function quarterOfDate(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** The first day of a quarter and of the next one (`YYYY-MM-DD`). */
export function quarterBounds(quarter: string): { from: string; toExclusive: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`quarter must look like 2026-Q1, got ${quarter}`);
  const y = Number(m[1]);
  const q = Number(m[2]);
  const from = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const toExclusive = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { from, toExclusive };
}

export class ReviewAgencyMissesUseCase {
  constructor(
    private readonly db: Database,
    private readonly contexts: PartnershipContextProvider,
    private readonly clock: Clock,
  ) {}

  /** Reviews one partnership's quarter (default: the current one in its time zone); returns its flags. */
  async execute(partnershipId: string, quarter?: string): Promise<AgencyMissFlag[]> {
    const now = this.clock.now();
    const settings = await this.contexts.settings(partnershipId);
    if (!settings) return [];
    const tz = settings.timeZone;
    const q = quarter ?? quarterOfDate(localDate(now, tz));
    const { from, toExclusive } = quarterBounds(q);
    const params = await this.contexts.params(partnershipId, MISSES_PARAMETER_PATHWAY, now);
    const threshold = Number(params.missesPerQuarterToSteeringGroup ?? 3) || 3;
    const misses = await this.db.query<{ agency_id: string; misses: number }>(
      `WITH m AS (
         SELECT agency_id, 'task:' || COALESCE(task_id::text, instance_id || '/' || element_instance_id) AS what FROM sla_escalations
          WHERE partnership_id = $1 AND kind = 'breach' AND agency_id IS NOT NULL
            AND (raised_at AT TIME ZONE $2)::date >= $3::date AND (raised_at AT TIME ZONE $2)::date < $4::date
         UNION
         SELECT agency_id, 'action:' || id FROM meeting_actions
          WHERE partnership_id = $1 AND outcome = 'agency-did-not-act' AND closed_at IS NOT NULL
            AND (closed_at AT TIME ZONE $2)::date >= $3::date AND (closed_at AT TIME ZONE $2)::date < $4::date
       )
       SELECT agency_id, count(*)::int AS misses FROM m GROUP BY agency_id`,
      [partnershipId, tz, from, toExclusive],
    );
    for (const m of misses) {
      if (m.misses < threshold) continue;
      await this.db.tx(async (c) => {
        const r = await c.query(
          `INSERT INTO agency_miss_flags (partnership_id, agency_id, quarter, misses, threshold, flagged_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (partnership_id, agency_id, quarter) DO UPDATE SET misses = EXCLUDED.misses, threshold = EXCLUDED.threshold, updated_at = EXCLUDED.updated_at
           WHERE agency_miss_flags.misses <> EXCLUDED.misses OR agency_miss_flags.threshold <> EXCLUDED.threshold
           RETURNING id, (xmax = 0) AS inserted`,
          [partnershipId, m.agency_id, q, m.misses, threshold, now],
        );
        const row = r.rows[0] as { id: number; inserted: boolean } | undefined;
        if (row?.inserted) await this.notifySteeringGroup(c, partnershipId, Number(row.id), m.agency_id, q, m.misses, threshold, now);
      });
    }
    return this.flags(partnershipId, q);
  }

  /**
   * Tells the partnership's steering group of a new flag in the app (an in-app notification in
   * each member's stream; the agency's name and the counts only), with the flag in the same
   * transaction. Live streams pick it up from the table within their sweep.
   */
  private async notifySteeringGroup(c: PoolClient, partnershipId: string, flagId: number, agencyId: string, quarter: string, misses: number, threshold: number, now: Date): Promise<void> {
    const agency = (await c.query('SELECT name FROM agencies WHERE id = $1', [agencyId])).rows[0] as { name: string } | undefined;
    const text = `Pattern of misses: ${agency?.name ?? 'an agency'} missed ${misses} deadlines in ${quarter} (flagged from ${threshold}). For the steering group.`;
    const members = await c.query(`SELECT id FROM users WHERE partnership_id = $1 AND status = 'active' AND 'steering-group' = ANY(roles) ORDER BY id`, [partnershipId]);
    for (const u of members.rows as { id: string }[]) {
      const cursor = await c.query(
        `INSERT INTO notification_cursors (user_id, last_seq) VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE SET last_seq = notification_cursors.last_seq + 1 RETURNING last_seq`,
        [u.id],
      );
      await c.query(
        `INSERT INTO notifications (source_key, user_id, partnership_id, kind, in_app, seq, text, link, created_at) VALUES ($1, $2, $3, 'task-escalated', true, $4, $5, '/dashboard', $6)
         ON CONFLICT (source_key, user_id) DO NOTHING`,
        [`agency-miss-flag-${flagId}`, u.id, partnershipId, Number((cursor.rows[0] as { last_seq: number }).last_seq), text, now],
      );
    }
  }

  async flags(partnershipId: string, quarter?: string): Promise<AgencyMissFlag[]> {
    const rows = await this.db.query(
      `SELECT id, agency_id, quarter, misses, threshold, flagged_at, acknowledged_at FROM agency_miss_flags
        WHERE partnership_id = $1 AND ($2::text IS NULL OR quarter = $2) ORDER BY quarter DESC, misses DESC, agency_id`,
      [partnershipId, quarter ?? null],
    );
    return rows.map((r) => ({
      id: Number(r.id), agencyId: String(r.agency_id), quarter: String(r.quarter), misses: Number(r.misses), threshold: Number(r.threshold),
      flaggedAt: (r.flagged_at as Date).toISOString(), acknowledgedAt: r.acknowledged_at ? (r.acknowledged_at as Date).toISOString() : null,
    }));
  }

  /** Every partnership with an escalation or a missed action in the current quarter (the worker's sweep). */
  async reviewAll(): Promise<number> {
    const rows = await this.db.query(`SELECT DISTINCT partnership_id FROM sla_escalations WHERE kind = 'breach' UNION SELECT DISTINCT partnership_id FROM meeting_actions WHERE outcome = 'agency-did-not-act'`);
    let flags = 0;
    for (const r of rows) flags += (await this.execute(String(r.partnership_id))).length;
    return flags;
  }
}
