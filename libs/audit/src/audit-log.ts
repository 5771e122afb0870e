import type { Clock } from '@app/clock';
import type { Queryable } from '@app/persistence';

/**
 * libs/audit: the append-only audit log. Every read of case data, every change and every
 * refusal is one row: who, role, agency, what, which case, why, when. Rows carry ids, codes and
 * stated purposes only — never personal data. The application's database role may insert and
 * select, never update or delete (see the migration), and a trigger refuses both as well.
 */
export type AuditOutcome = 'allowed' | 'denied';

export interface AuditWho {
  userId: string;
  partnershipId: string | null;
  roles: readonly string[];
  agencyId?: string | null;
}

export interface AuditEntry {
  who: AuditWho;
  /** What was done, as `area.verb` (e.g. `case.read`, `task.claim`, `auth.login`). */
  action: string;
  outcome: AuditOutcome;
  caseId?: string | null;
  caseReference?: string | null;
  /** The object acted on (`task:12`, `user:…`, `agency:…`). */
  target?: string | null;
  /** Why: the stated purpose, or the reason of a refusal. */
  purpose?: string | null;
  /** Non-personal detail (scopes shown, consent, lawful basis, error code). */
  detail?: Record<string, unknown> | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  partnershipId: string | null;
  userId: string | null;
  roles: string[];
  agencyId: string | null;
  action: string;
  outcome: AuditOutcome;
  caseId: string | null;
  caseReference: string | null;
  target: string | null;
  purpose: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  partnershipId: string;
  userId?: string;
  caseId?: string;
  caseReference?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Rows with an id below this (newest first paging). */
  before?: number;
  limit: number;
}

const INSERT = `INSERT INTO audit_log (at, partnership_id, user_id, roles, agency_id, action, outcome, case_id, case_reference, target, purpose, detail)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

export class AuditLog {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  /** Writes one row; `q` lets a caller write it inside its own transaction. */
  async record(e: AuditEntry, q: Queryable = this.db): Promise<void> {
    await q.query({
      name: 'rp_audit_insert_v1',
      text: INSERT,
      values: [
        this.clock.now(), e.who.partnershipId, e.who.userId, [...e.who.roles], e.who.agencyId ?? null, e.action, e.outcome,
        e.caseId ?? null, e.caseReference ?? null, e.target ?? null, e.purpose ? e.purpose.slice(0, 1000) : null, e.detail ? JSON.stringify(e.detail) : null,
      ],
    });
  }

  async search(qry: AuditQuery): Promise<{ items: AuditRecord[]; next?: number }> {
    const where = ['partnership_id = $1'];
    const values: unknown[] = [qry.partnershipId];
    const add = (sql: (n: number) => string, v: unknown) => {
      values.push(v);
      where.push(sql(values.length));
    };
    if (qry.userId) add((n) => `user_id = $${n}`, qry.userId);
    if (qry.caseId) add((n) => `case_id = $${n}`, qry.caseId);
    if (qry.caseReference) add((n) => `case_reference = $${n}`, qry.caseReference);
    if (qry.action) add((n) => `action = $${n}`, qry.action);
    if (qry.outcome) add((n) => `outcome = $${n}`, qry.outcome);
    if (qry.from) add((n) => `at >= $${n}`, qry.from);
    if (qry.to) add((n) => `at < $${n}`, qry.to);
    if (qry.before) add((n) => `id < $${n}`, qry.before);
    const r = await this.db.query(`SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${Number(qry.limit) + 1}`, values);
    const rows = r.rows.map(toRecord);
    const more = rows.length > qry.limit;
    const items = more ? rows.slice(0, qry.limit) : rows;
    return more ? { items, next: items[items.length - 1]!.id } : { items };
  }
}

export function toRecord(r: Record<string, unknown>): AuditRecord {
  return {
    id: Number(r.id), at: (r.at as Date).toISOString(), partnershipId: (r.partnership_id as string | null) ?? null, userId: (r.user_id as string | null) ?? null,
    roles: (r.roles as string[]) ?? [], agencyId: (r.agency_id as string | null) ?? null, action: String(r.action), outcome: r.outcome as AuditOutcome,
    caseId: (r.case_id as string | null) ?? null, caseReference: (r.case_reference as string | null) ?? null, target: (r.target as string | null) ?? null,
    purpose: (r.purpose as string | null) ?? null, detail: (r.detail as Record<string, unknown> | null) ?? null,
  };
}
