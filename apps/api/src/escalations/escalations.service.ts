import { DomainError, ErrorCode, ReviewAgencyMissesUseCase, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Principal } from '@app/identity';
import { localDate, workingDaysBetween } from '@app/pathways';
import { COORDINATORS, iso, who } from '../pathways/pathway-support';

/**
 * SLA escalations as coordinators handle them: every breach and escalation step the engine
 * reported (recorded by a trigger from `sla_events` with its reason and time), seen by the
 * MARAC's staff (all), an agency's SPOC (its own agency's) and the steering group (without case
 * references), acknowledged and resolved by coordinators; and the pattern-of-misses flags.
 */
export interface EscalationView {
  id: number;
  kind: 'breach' | 'escalation';
  taskId: number | null;
  taskName: string;
  elementId: string;
  pathway: string | null;
  caseId: string | null;
  caseReference: string | null;
  agency: string | null;
  step: number | null;
  to: string | null;
  reason: string;
  dueAt: string;
  raisedAt: string;
  /** The working-day clock: working days of the partnership calendar between the due time and the step. */
  workingDaysOverdue: number;
  status: 'open' | 'acknowledged' | 'resolved';
  taskStatus: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export const RESOLUTIONS = ['chased', 'reassigned', 'completed-late', 'not-possible', 'referred-to-steering-group', 'other'] as const;

const SELECT = `SELECT e.*, c.reference AS case_reference, t.status AS task_status FROM sla_escalations e
  LEFT JOIN cases c ON c.id = e.case_id LEFT JOIN user_tasks t ON t.id = e.task_id`;

export class EscalationsService {
  readonly misses: ReviewAgencyMissesUseCase;

  constructor(
    private readonly rt: RuntimeServices,
    private readonly contexts: PartnershipContextProvider,
    private readonly audit: AuditLog,
  ) {
    this.misses = new ReviewAgencyMissesUseCase(rt.db, contexts, rt.clock);
  }

  private scope(p: Principal, values: unknown[]): string {
    if (p.roles.some((r) => (COORDINATORS as readonly string[]).includes(r) || r === 'steering-group' || r === 'manager')) return 'TRUE';
    if (p.roles.includes('agency-spoc') && p.agencyId) {
      values.push(p.agencyId);
      return `e.agency_id = $${values.length}`;
    }
    return 'FALSE';
  }

  private async toView(p: Principal, rows: Record<string, unknown>[]): Promise<EscalationView[]> {
    if (rows.length === 0) return [];
    const cal = await this.contexts.calendar(p.partnershipId, this.rt.clock.now());
    const seesCases = p.roles.some((r) => (COORDINATORS as readonly string[]).includes(r) || r === 'agency-spoc');
    return rows.map((r) => {
      const due = r.due_at as Date;
      const raised = r.raised_at as Date;
      return {
        id: Number(r.id), kind: r.kind as EscalationView['kind'], taskId: r.task_id === null ? null : Number(r.task_id), taskName: String(r.task_name ?? r.element_id),
        elementId: String(r.element_id), pathway: (r.process_id as string | null) ?? null,
        caseId: seesCases ? ((r.case_id as string | null) ?? null) : null, caseReference: seesCases ? ((r.case_reference as string | null) ?? null) : null,
        agency: (r.agency_id as string | null) ?? null, step: r.step === null ? null : Number(r.step), to: (r.escalate_to as string | null) ?? null, reason: String(r.reason),
        dueAt: due.toISOString(), raisedAt: raised.toISOString(),
        workingDaysOverdue: workingDaysBetween(localDate(due, cal.timeZone), localDate(raised, cal.timeZone), cal),
        status: r.status as EscalationView['status'], taskStatus: (r.task_status as string | null) ?? null,
        acknowledgedBy: (r.acknowledged_by as string | null) ?? null, acknowledgedAt: iso(r.acknowledged_at),
        resolvedBy: (r.resolved_by as string | null) ?? null, resolvedAt: iso(r.resolved_at), resolution: (r.resolution as string | null) ?? null,
      };
    });
  }

  async list(p: Principal, q: { status?: string; agency?: string; to?: string; caseId?: string; limit: number; offset: number }) {
    const values: unknown[] = [p.partnershipId];
    const where = ['e.partnership_id = $1', this.scope(p, values)];
    if (q.status && q.status !== 'all') {
      values.push(q.status);
      where.push(`e.status = $${values.length}`);
    }
    if (q.agency) {
      values.push(q.agency);
      where.push(`e.agency_id = $${values.length}`);
    }
    if (q.to) {
      values.push(q.to);
      where.push(`e.escalate_to = $${values.length}`);
    }
    if (q.caseId) {
      values.push(q.caseId);
      where.push(`e.case_id = $${values.length}`);
    }
    const w = where.join(' AND ');
    const rows = await this.rt.db.query(`${SELECT} WHERE ${w} ORDER BY e.raised_at DESC, e.id DESC LIMIT ${Number(q.limit)} OFFSET ${Number(q.offset)}`, values);
    const total = await this.rt.db.query(`SELECT count(*)::int AS n FROM sla_escalations e WHERE ${w}`, values);
    await this.audit.record({ who: who(p), action: 'escalation.list', outcome: 'allowed', detail: { count: rows.length, status: q.status ?? null } });
    return { items: await this.toView(p, rows), total: Number(total[0]?.n ?? 0), limit: q.limit, offset: q.offset };
  }

  async get(p: Principal, id: number): Promise<EscalationView> {
    const values: unknown[] = [p.partnershipId, id];
    const rows = await this.rt.db.query(`${SELECT} WHERE e.partnership_id = $1 AND e.id = $2 AND ${this.scope(p, values)}`, values);
    if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `escalation ${id} not found`);
    return (await this.toView(p, rows))[0]!;
  }

  async acknowledge(p: Principal, id: number): Promise<EscalationView> {
    const now = this.rt.clock.now();
    const r = await this.rt.db.query(
      `UPDATE sla_escalations SET status = 'acknowledged', acknowledged_by = $3, acknowledged_at = $4 WHERE id = $1 AND partnership_id = $2 AND status = 'open' RETURNING case_id`,
      [id, p.partnershipId, p.userId, now],
    );
    if (!r[0]) {
      const exists = await this.rt.db.query('SELECT status FROM sla_escalations WHERE id = $1 AND partnership_id = $2', [id, p.partnershipId]);
      if (!exists[0]) throw new DomainError(ErrorCode.NotFound, `escalation ${id} not found`);
      throw new DomainError(ErrorCode.Conflict, `escalation ${id} is ${String(exists[0].status)}`);
    }
    await this.audit.record({ who: who(p), action: 'escalation.acknowledge', outcome: 'allowed', caseId: (r[0].case_id as string | null) ?? null, target: `escalation:${id}` });
    return this.get(p, id);
  }

  async resolve(p: Principal, id: number, body: { resolution?: string; note?: string }): Promise<EscalationView> {
    const now = this.rt.clock.now();
    const r = await this.rt.db.query(
      `UPDATE sla_escalations SET status = 'resolved', resolved_by = $3, resolved_at = $4, resolution = $5, note = $6,
         acknowledged_by = COALESCE(acknowledged_by, $3), acknowledged_at = COALESCE(acknowledged_at, $4)
       WHERE id = $1 AND partnership_id = $2 AND status <> 'resolved' RETURNING case_id`,
      [id, p.partnershipId, p.userId, now, body.resolution ?? 'other', body.note ?? null],
    );
    if (!r[0]) {
      const exists = await this.rt.db.query('SELECT status FROM sla_escalations WHERE id = $1 AND partnership_id = $2', [id, p.partnershipId]);
      if (!exists[0]) throw new DomainError(ErrorCode.NotFound, `escalation ${id} not found`);
      throw new DomainError(ErrorCode.Conflict, `escalation ${id} is already resolved`);
    }
    await this.audit.record({ who: who(p), action: 'escalation.resolve', outcome: 'allowed', caseId: (r[0].case_id as string | null) ?? null, target: `escalation:${id}`, detail: { resolution: body.resolution ?? 'other' } });
    return this.get(p, id);
  }

  /** Flags of the quarter (reviewed first, so a flag is never behind the escalations it counts). */
  async flags(p: Principal, quarter?: string) {
    await this.misses.execute(p.partnershipId, quarter);
    const flags = await this.misses.flags(p.partnershipId, quarter);
    await this.audit.record({ who: who(p), action: 'escalation.flags.read', outcome: 'allowed', detail: { count: flags.length, quarter: quarter ?? null } });
    return flags;
  }

  async acknowledgeFlag(p: Principal, id: number) {
    const r = await this.rt.db.query(
      'UPDATE agency_miss_flags SET acknowledged_by = $3, acknowledged_at = $4 WHERE id = $1 AND partnership_id = $2 AND acknowledged_at IS NULL RETURNING id',
      [id, p.partnershipId, p.userId, this.rt.clock.now()],
    );
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `open flag ${id} not found`);
    await this.audit.record({ who: who(p), action: 'escalation.flag.acknowledge', outcome: 'allowed', target: `flag:${id}` });
    return (await this.misses.flags(p.partnershipId)).find((f) => f.id === id);
  }
}
