/**
 * What the issue 5 controllers share: the partnership context provider of the process, the audit
 * "who" of a principal, and the roles of the pathway features.
 */
import { PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditWho } from '@app/audit';
import type { Principal } from '@app/identity';

export const PATHWAY_CONTEXTS = Symbol('PATHWAY_CONTEXTS');

/** The runtime's context provider (one per process), or a private one when the runtime has none. */
export function contextsOf(rt: RuntimeServices): PartnershipContextProvider {
  const own = (rt as RuntimeServices & { contexts?: PartnershipContextProvider }).contexts;
  return own ?? new PartnershipContextProvider(rt.db.pool, rt.log);
}

export const who = (p: Principal): AuditWho => ({ userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null });

/** The MARAC's own staff, who run meetings and handle escalations. */
export const COORDINATORS = ['partnership-coordinator', 'marac-coordinator', 'marac-chair'] as const;
/** Aggregates only (KPIs, flags): managers and the steering group, with the coordinators. */
export const KPI_READERS = ['manager', 'steering-group', 'partnership-coordinator', 'marac-coordinator'] as const;

export const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : d ? new Date(String(d)).toISOString() : null);
export const day = (d: unknown): string | null => {
  if (!d) return null;
  if (d instanceof Date) return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return String(d).slice(0, 10);
};
