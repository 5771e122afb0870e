/**
 * Archives a case whose pathway reached its end (the MARAC template's `archive-case` service
 * task, after the "12 months passed" notice): the case is closed, which starts its retention
 * clock (`CaseRetention` anonymises it once the partnership's retention period has passed).
 * Idempotent: a case already closed or transferred out is left as it is.
 */
import type { Database } from '@app/persistence';

export interface ArchiveOutcome {
  caseId: string | null;
  archived: boolean;
}

export async function archiveCase(db: Database, instanceId: number, now: Date): Promise<ArchiveOutcome> {
  const r = await db.query(
    `SELECT c.id FROM instances i JOIN cases c ON c.partnership_id = i.partnership_id AND c.reference = i.business_key WHERE i.id = $1`,
    [instanceId],
  );
  const caseId = (r[0]?.id as string | undefined) ?? null;
  if (!caseId) return { caseId: null, archived: false };
  const done = await db.query(`UPDATE cases SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id`, [caseId, now]);
  return { caseId, archived: done.length > 0 };
}
