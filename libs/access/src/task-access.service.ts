import { DomainError, ErrorCode, TASK_COLUMNS, TaskView, toTaskView, type Page } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Clock } from '@app/clock';
import type { Queryable } from '@app/persistence';
import { AccessPrincipal, hasAnyRole, worksForAgency } from './case-access.service';
import { TASK_ROLE_TO_PARTNERSHIP_ROLE } from './need-to-know';
import { PARTNERSHIP_WIDE_CASE_ROLES } from './roles';

/** A task as the inbox shows it: the runtime's view plus where it is routed and which case it serves. */
export interface RoutedTaskView extends TaskView {
  agencyId: string | null;
  caseId: string | null;
  caseReference: string | null;
}

interface TaskRoute {
  id: number;
  partnership_id: string;
  agency_id: string | null;
  case_id: string | null;
  role: string | null;
  status: string;
  assignee: string | null;
}

const REASSIGN_ACROSS: readonly string[] = ['partnership-coordinator', 'marac-coordinator'];

/**
 * Tasks reach agencies, not people. A task is in its agency's queue; the agency's SPOC and
 * workers see, claim, hand back and reassign it within the agency; the MARAC's own roles see
 * the partnership's tasks and a coordinator may move a task to another agency. Tasks of a case
 * whose victim named the person as not safe to talk to are invisible to them.
 */
export class TaskAccessService {
  constructor(
    private readonly db: Queryable,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** TEST ONLY (the access sweep's bite test): leaves the agency filter out. */
    private readonly unsafe: { skipAgencyFilter?: boolean } = {},
  ) {}

  /** The SQL condition (and values) for the tasks a person may see; `$1` is the partnership. */
  private visibility(p: AccessPrincipal, values: unknown[]): string {
    values.push(p.userId);
    const me = `$${values.length}`;
    const notExcluded = `(t.case_id IS NULL OR NOT EXISTS (SELECT 1 FROM case_exclusions x WHERE x.case_id = t.case_id AND x.user_id = ${me}))`;
    if (this.unsafe.skipAgencyFilter) return notExcluded;
    if (hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES)) return notExcluded;
    const ors: string[] = [];
    if (worksForAgency(p)) {
      values.push(p.agencyId);
      const agency = `$${values.length}`;
      const reserved = Object.entries(TASK_ROLE_TO_PARTNERSHIP_ROLE).filter(([, role]) => !p.roles.includes(role)).map(([taskRole]) => taskRole);
      values.push(reserved);
      ors.push(`(t.agency_id = ${agency} AND (t.role IS NULL OR NOT (t.role = ANY($${values.length}))))`);
    }
    if (ors.length === 0) return 'false';
    return `(${ors.join(' OR ')}) AND ${notExcluded}`;
  }

  async list(p: AccessPrincipal, q: { status?: string; instanceId?: number; queue?: 'agency' | 'mine'; limit: number; offset: number }): Promise<Page<RoutedTaskView>> {
    const values: unknown[] = [p.partnershipId];
    const where = ['t.partnership_id = $1', this.visibility(p, values)];
    const add = (sql: (n: number) => string, v: unknown) => {
      values.push(v);
      where.push(sql(values.length));
    };
    if (q.status) add((n) => `t.status = $${n}`, q.status);
    if (q.instanceId !== undefined) add((n) => `t.instance_id = $${n}`, q.instanceId);
    if (q.queue === 'mine') add((n) => `t.assignee = $${n}`, p.userId);
    if (q.queue === 'agency') add((n) => `t.agency_id = $${n}`, p.agencyId ?? '');
    const w = where.join(' AND ');
    const cols = TASK_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ');
    const [rows, count] = await Promise.all([
      this.db.query(`SELECT ${cols}, t.agency_id, t.case_id, c.reference AS case_reference FROM user_tasks t LEFT JOIN cases c ON c.id = t.case_id WHERE ${w} ORDER BY t.due_at NULLS LAST, t.id LIMIT ${Number(q.limit)} OFFSET ${Number(q.offset)}`, values),
      this.db.query(`SELECT count(*) AS total FROM user_tasks t WHERE ${w}`, values),
    ]);
    return { items: rows.rows.map(toRouted), total: Number(count.rows[0]?.total ?? 0), limit: q.limit, offset: q.offset };
  }

  private async route(id: number): Promise<TaskRoute | undefined> {
    const r = await this.db.query('SELECT id, partnership_id, agency_id, case_id, role, status, assignee FROM user_tasks WHERE id = $1', [id]);
    return r.rows[0] as TaskRoute | undefined;
  }

  /** Whether the person may see the task (the same rule as the list). */
  async canSee(p: AccessPrincipal, id: number): Promise<boolean> {
    const values: unknown[] = [p.partnershipId, id];
    const r = await this.db.query(`SELECT 1 FROM user_tasks t WHERE t.partnership_id = $1 AND t.id = $2 AND ${this.visibility(p, values)}`, values);
    return (r.rowCount ?? 0) > 0;
  }

  /** Whether the person may claim, hand back or complete it: their agency's task, or a MARAC task of their role. */
  async canWork(p: AccessPrincipal, id: number): Promise<boolean> {
    if (!(await this.canSee(p, id))) return false;
    if (this.unsafe.skipAgencyFilter) return true;
    const t = (await this.route(id))!;
    const reservedFor = t.role ? TASK_ROLE_TO_PARTNERSHIP_ROLE[t.role] : undefined;
    if (reservedFor) return p.roles.includes(reservedFor);
    if (t.agency_id) return worksForAgency(p) && p.agencyId === t.agency_id;
    return hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES);
  }

  private who(p: AccessPrincipal) {
    return { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null };
  }

  /** Throws a 404 (never revealing another agency's or partnership's task) and audits the refusal. */
  async assert(p: AccessPrincipal, id: number, action: string, work: boolean): Promise<void> {
    const ok = work ? await this.canWork(p, id) : await this.canSee(p, id);
    if (ok) return;
    const t = await this.route(id);
    const sameP = t && t.partnership_id === p.partnershipId;
    await this.audit.record({ who: this.who(p), action, outcome: 'denied', caseId: sameP ? t.case_id : null, target: `task:${id}`, purpose: work ? 'not a task of the person\'s agency or role' : 'task not visible' });
    if (sameP && work && (await this.canSee(p, id))) throw new DomainError(ErrorCode.Forbidden, `task ${id} is not yours to work`);
    throw new DomainError(ErrorCode.NotFound, `task ${id} not found`);
  }

  async get(p: AccessPrincipal, id: number): Promise<RoutedTaskView> {
    const cols = TASK_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ');
    const r = await this.db.query(`SELECT ${cols}, t.agency_id, t.case_id, c.reference AS case_reference FROM user_tasks t LEFT JOIN cases c ON c.id = t.case_id WHERE t.id = $1 AND t.partnership_id = $2`, [id, p.partnershipId]);
    if (!r.rows[0]) throw new DomainError(ErrorCode.NotFound, `task ${id} not found`);
    return toRouted(r.rows[0]);
  }

  /**
   * Reassigns an open task: to a person of the same agency (its SPOC or workers), or — for a
   * coordinator — to another agency of the partnership (which then holds the case on the case's
   * recorded consent and lawful basis).
   */
  async reassign(p: AccessPrincipal, id: number, to: { agencyId?: string; assignee?: string }): Promise<RoutedTaskView> {
    const t = await this.route(id);
    if (!t || t.partnership_id !== p.partnershipId || !(await this.canSee(p, id))) {
      await this.assert(p, id, 'task.reassign', false);
    }
    const task = t!;
    if (task.status !== 'open') throw new DomainError(ErrorCode.Conflict, `task ${id} is ${task.status}`);
    const across = to.agencyId !== undefined && to.agencyId !== task.agency_id;
    if (across) {
      if (!hasAnyRole(p, REASSIGN_ACROSS)) {
        await this.audit.record({ who: this.who(p), action: 'task.reassign', outcome: 'denied', caseId: task.case_id, target: `task:${id}`, purpose: 'only a coordinator reassigns across agencies' });
        throw new DomainError(ErrorCode.Forbidden, 'only a coordinator reassigns a task to another agency');
      }
      const a = await this.db.query(`SELECT id FROM agencies WHERE id = $1 AND partnership_id = $2 AND status = 'active'`, [to.agencyId, p.partnershipId]);
      if (!a.rows[0]) throw new DomainError(ErrorCode.InvalidInput, 'no such active agency in the partnership');
    } else if (!(await this.canWork(p, id)) && !hasAnyRole(p, REASSIGN_ACROSS)) {
      await this.assert(p, id, 'task.reassign', true);
    }
    const agencyId = across ? to.agencyId! : task.agency_id;
    let assignee: string | null = null;
    if (to.assignee) {
      const u = await this.db.query(`SELECT id FROM users WHERE id = $1 AND partnership_id = $2 AND status = 'active' AND agency_id IS NOT DISTINCT FROM $3
        AND roles && ARRAY['agency-spoc','agency-worker','idva']::text[]`, [to.assignee, p.partnershipId, agencyId]);
      if (!u.rows[0]) throw new DomainError(ErrorCode.InvalidInput, 'the assignee must be an active person of the task\'s agency');
      if (task.case_id) {
        const x = await this.db.query('SELECT 1 FROM case_exclusions WHERE case_id = $1 AND user_id = $2', [task.case_id, to.assignee]);
        if ((x.rowCount ?? 0) > 0) throw new DomainError(ErrorCode.InvalidInput, 'the assignee must be an active person of the task\'s agency');
      }
      assignee = to.assignee;
    }
    await this.db.query(`UPDATE user_tasks SET agency_id = $2, assignee = $3 WHERE id = $1 AND status = 'open'`, [id, agencyId, assignee]);
    if (across && task.case_id) {
      await this.db.query(`INSERT INTO case_shares (case_id, partnership_id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, via_task_id, shared_by, shared_at)
        SELECT c.id, c.partnership_id, $2, c.consent, COALESCE(c.lawful_basis, 'consent'), 'task reassigned: ' || $3::text, true, $3::bigint, $4, $5
        FROM cases c WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id = $2 AND s.revoked_at IS NULL)`, [task.case_id, agencyId, id, p.userId, this.clock.now()]);
    }
    await this.audit.record({ who: this.who(p), action: 'task.reassign', outcome: 'allowed', caseId: task.case_id, target: `task:${id}`, detail: { fromAgency: task.agency_id, toAgency: agencyId, assignee } });
    return this.get(p, id);
  }
}

function toRouted(r: Record<string, unknown>): RoutedTaskView {
  return { ...toTaskView(r), agencyId: (r.agency_id as string | null) ?? null, caseId: (r.case_id as string | null) ?? null, caseReference: (r.case_reference as string | null) ?? null };
}
