import type { AuditLog } from '@app/audit';
import type { Clock } from '@app/clock';
import type { Queryable } from '@app/persistence';
import { AgencyType, NO_CASE_DATA_ROLES, PARTNERSHIP_WIDE_CASE_ROLES } from './roles';
import { agencyMayHoldCase, CaseFacts, TASK_ROLE_TO_PARTNERSHIP_ROLE, View, visibleViews } from './need-to-know';

/** The person asking, as the access layer needs them (a subset of the identity's principal). */
export interface AccessPrincipal {
  userId: string;
  partnershipId: string;
  agencyId?: string;
  agencyType: AgencyType | null;
  roles: string[];
}

export interface CaseRow extends CaseFacts {
  id: string;
  partnershipId: string;
  reference: string;
  status: string;
  referringAgencyId: string | null;
}

export type CaseDecision =
  | { allowed: true; case: CaseRow; views: Set<View>; via: 'partnership-role' | 'share' | 'break-glass'; taskScopes: string[] }
  /** `hide`: answer 404, as if the case did not exist (other partnership, or an excluded person). */
  | { allowed: false; reason: string; hide: boolean; case?: CaseRow };

const CASE_SELECT = `SELECT id, partnership_id, reference, status, referring_agency_id, has_children, refuge_placement, child_contact_conditions FROM cases`;

export function toCaseRow(r: Record<string, unknown>): CaseRow {
  return {
    id: String(r.id), partnershipId: String(r.partnership_id), reference: String(r.reference), status: String(r.status),
    referringAgencyId: (r.referring_agency_id as string | null) ?? null, hasChildren: Boolean(r.has_children),
    refugePlacement: Boolean(r.refuge_placement), childContactConditions: Boolean(r.child_contact_conditions),
  };
}

export const hasAnyRole = (p: { roles: readonly string[] }, roles: readonly string[]) => p.roles.some((r) => roles.includes(r));
export const worksForAgency = (p: AccessPrincipal) => Boolean(p.agencyId) && hasAnyRole(p, ['agency-spoc', 'agency-worker', 'idva']);

/**
 * The one access layer over case data (architecture invariant 9). It knows the person's
 * partnership, agency and roles, the case's shares, its exclusion list, the open tasks the
 * person's agency holds on it and any break-glass grant, and decides which views they see.
 * Every decision — allowed or refused — is written to the audit log by the caller's action.
 */
export class CaseAccessService {
  constructor(
    private readonly db: Queryable,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** True when the victim named this user as not safe to talk to: no access, no notifications. */
  async isExcluded(userId: string, caseId: string): Promise<boolean> {
    const r = await this.db.query('SELECT 1 FROM case_exclusions WHERE case_id = $1 AND user_id = $2', [caseId, userId]);
    return (r.rowCount ?? 0) > 0;
  }

  /** The recipients that may be told about a case: everyone given, less its excluded people. */
  async filterRecipients(caseId: string | null | undefined, userIds: readonly string[]): Promise<string[]> {
    if (!caseId || userIds.length === 0) return [...userIds];
    const r = await this.db.query('SELECT user_id FROM case_exclusions WHERE case_id = $1 AND user_id = ANY($2)', [caseId, [...userIds]]);
    const out = new Set(r.rows.map((x) => String(x.user_id)));
    return userIds.filter((u) => !out.has(u));
  }

  async loadCase(caseId: string): Promise<CaseRow | undefined> {
    const r = await this.db.query(`${CASE_SELECT} WHERE id = $1`, [caseId]);
    return r.rows[0] ? toCaseRow(r.rows[0]) : undefined;
  }

  async loadCaseByReference(partnershipId: string, reference: string): Promise<CaseRow | undefined> {
    const r = await this.db.query(`${CASE_SELECT} WHERE partnership_id = $1 AND reference = $2`, [partnershipId, reference]);
    return r.rows[0] ? toCaseRow(r.rows[0]) : undefined;
  }

  /** The scopes of the open tasks the person's agency holds on the case (that they may work). */
  async taskScopes(p: AccessPrincipal, caseId: string): Promise<string[]> {
    if (!worksForAgency(p)) return [];
    const r = await this.db.query(`SELECT role, assignment->'dataScopes' AS scopes FROM user_tasks WHERE case_id = $1 AND agency_id = $2 AND status = 'open'`, [caseId, p.agencyId]);
    const out = new Set<string>();
    for (const t of r.rows) {
      const needs = TASK_ROLE_TO_PARTNERSHIP_ROLE[String(t.role)];
      if (needs && !p.roles.includes(needs)) continue;
      for (const s of (t.scopes as string[] | null) ?? []) out.add(s);
    }
    return [...out];
  }

  /** Decides (without auditing) whether and how the person may see the case. */
  async decide(p: AccessPrincipal, caseId: string): Promise<CaseDecision> {
    const c = await this.loadCase(caseId);
    if (!c || c.partnershipId !== p.partnershipId) return { allowed: false, reason: 'no such case in the partnership', hide: true };
    if (await this.isExcluded(p.userId, c.id)) return { allowed: false, reason: 'named on the victim\'s not-safe-to-talk-to list', hide: true, case: c };
    const partnershipRole = hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES);
    if (!partnershipRole && !worksForAgency(p)) {
      return { allowed: false, reason: hasAnyRole(p, NO_CASE_DATA_ROLES) ? 'role sees aggregates only' : 'role has no case access', hide: false, case: c };
    }
    const taskScopes = await this.taskScopes(p, c.id);
    const views = visibleViews(p, c, taskScopes);
    if (partnershipRole) return { allowed: true, case: c, views, via: 'partnership-role', taskScopes };
    if (!agencyMayHoldCase(p.agencyType, c)) return { allowed: false, reason: 'agency type may not hold this case (adult-only case)', hide: true, case: c };
    const shared = await this.db.query('SELECT 1 FROM case_shares WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL', [c.id, p.agencyId]);
    if ((shared.rowCount ?? 0) > 0) return { allowed: true, case: c, views, via: 'share', taskScopes };
    const glass = await this.db.query('SELECT 1 FROM break_glass WHERE case_id = $1 AND user_id = $2 AND expires_at > $3', [c.id, p.userId, this.clock.now()]);
    if ((glass.rowCount ?? 0) > 0) return { allowed: true, case: c, views, via: 'break-glass', taskScopes };
    return { allowed: false, reason: 'case not shared with the agency', hide: true, case: c };
  }

  /** Decides and audits: the one entry point for a read or change of case data. */
  async check(p: AccessPrincipal, caseId: string, action: string, purpose?: string | null): Promise<CaseDecision> {
    const d = await this.decide(p, caseId);
    const caseRow = d.allowed ? d.case : d.case;
    const sameP = caseRow && caseRow.partnershipId === p.partnershipId;
    await this.audit.record({
      who: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null },
      action, outcome: d.allowed ? 'allowed' : 'denied',
      caseId: sameP ? caseRow.id : null, caseReference: sameP ? caseRow.reference : null,
      target: `case:${caseId}`,
      purpose: d.allowed ? (purpose ?? null) : d.reason,
      detail: d.allowed ? { views: [...d.views].sort(), via: d.via, ...(purpose ? {} : {}) } : null,
    });
    return d;
  }
}
