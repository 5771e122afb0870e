import type { AuditLog } from '@app/audit';
import type { Clock } from '@app/clock';
import type { Database } from '@app/persistence';

/**
 * Retention: cases closed (or transferred out) longer than their partnership's retention
 * period lose every personal field and person row. The case row keeps its reference, pathway,
 * flags and dates, so history and replay — which hold only references — still work. Run by the
 * worker on a schedule; safe to run twice or from two workers (one advisory lock, idempotent).
 */
export class CaseRetention {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Anonymises what is due; returns how many cases. */
  async run(batch = 500): Promise<number> {
    const client = await this.db.pool.connect();
    try {
      const lock = await client.query('SELECT pg_try_advisory_lock(7315004) AS ok');
      if (!lock.rows[0]?.ok) return 0;
      try {
        return await this.runLocked(batch);
      } finally {
        await client.query('SELECT pg_advisory_unlock(7315004)');
      }
    } finally {
      client.release();
    }
  }

  private async runLocked(batch: number): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.query(
      `SELECT c.id, c.partnership_id, c.reference FROM cases c JOIN partnerships p ON p.id = c.partnership_id
       WHERE c.status IN ('closed', 'transferred-out') AND c.anonymised_at IS NULL AND c.closed_at < $1::timestamptz - make_interval(months => p.retention_months)
       ORDER BY c.closed_at LIMIT ${Number(batch)}`,
      [now],
    );
    for (const r of due) {
      await this.db.tx(async (c) => {
        await c.query('DELETE FROM victims WHERE case_id = $1', [r.id]);
        await c.query('DELETE FROM perpetrators WHERE case_id = $1', [r.id]);
        await c.query('DELETE FROM children WHERE case_id = $1', [r.id]);
        await c.query('DELETE FROM case_exclusions WHERE case_id = $1', [r.id]);
        await c.query('UPDATE cases SET dash = NULL, minutes = NULL, idempotency_key = NULL, safe_to_call = NULL, anonymised_at = $2 WHERE id = $1', [r.id, now]);
        await this.audit.record({ who: { userId: 'system', partnershipId: String(r.partnership_id), roles: ['system'] }, action: 'case.anonymise', outcome: 'allowed', caseId: String(r.id), caseReference: String(r.reference), purpose: 'retention period passed' }, c);
      });
    }
    return due.length;
  }
}
