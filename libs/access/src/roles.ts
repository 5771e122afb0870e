/** The roles a person can hold in a partnership (issue 4), and the agency types. */
export const ROLES = [
  'partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'agency-worker', 'idva',
  'manager', 'steering-group', 'dpo', 'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_TYPES = ['police', 'idva', 'children-social-work', 'health', 'housing', 'ngo-refuge', 'probation', 'other'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** Roles that see a partnership's cases whatever agency holds them (the MARAC's own staff). */
export const PARTNERSHIP_WIDE_CASE_ROLES: readonly Role[] = ['partnership-coordinator', 'marac-coordinator', 'marac-chair'];

/** Roles that work an agency's tasks. */
export const AGENCY_WORK_ROLES: readonly Role[] = ['agency-spoc', 'agency-worker', 'idva'];

/** Roles that never see case-level personal data (aggregates, administration, audit only). */
export const NO_CASE_DATA_ROLES: readonly Role[] = ['manager', 'steering-group', 'administrator', 'dpo'];

/** Every role that sees personal data must use a second factor. */
export function requiresSecondFactor(roles: readonly string[]): boolean {
  return roles.some((r) => r !== 'manager' && r !== 'steering-group');
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

export function isAgencyType(x: string): x is AgencyType {
  return (AGENCY_TYPES as readonly string[]).includes(x);
}
