import { AgencyType, PARTNERSHIP_WIDE_CASE_ROLES, Role } from './roles';

/**
 * The need-to-know matrix (domain brief §5.2, a proposal [I]): which case-data scopes each
 * agency type and partnership role sees by default. A task adds the scopes it declares; the
 * victim's "not safe to talk to" list overrides everything.
 */
export const DATA_SCOPES = ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'health', 'minutes'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Reduced views that stand in for a scope an agency may not see in full (the matrix's "summary", "flag only", "household size"). */
export const SUMMARY_VIEWS = ['dash-summary', 'perpetrator-flag', 'children-count'] as const;
export type SummaryView = (typeof SUMMARY_VIEWS)[number];

export type View = DataScope | SummaryView;

/** A condition on a matrix cell, read from the case's non-personal flags. */
export type Condition = 'always' | 'if-children' | 'if-refuge' | 'if-assigned' | 'if-contact-conditions';

export type MatrixRow = Partial<Record<View, Condition>>;

export type MatrixRowName = AgencyType | 'marac-coordinator' | 'marac-chair' | 'partnership-coordinator';

const SUMMARIES: MatrixRow = { 'dash-summary': 'always', 'perpetrator-flag': 'always', 'children-count': 'always' };

export const NEED_TO_KNOW: Record<MatrixRowName, MatrixRow> = {
  police: { ...SUMMARIES, identity: 'always', address: 'always', dash: 'always', perpetrator: 'always', children: 'always' },
  idva: { ...SUMMARIES, identity: 'always', address: 'always', 'safe-contact': 'always', dash: 'always', perpetrator: 'always', children: 'always', minutes: 'always' },
  'children-social-work': { ...SUMMARIES, identity: 'if-children', address: 'if-children', perpetrator: 'always', children: 'always', minutes: 'if-children' },
  health: { ...SUMMARIES, identity: 'always', address: 'always', children: 'always', health: 'always', minutes: 'always' },
  housing: { ...SUMMARIES, identity: 'always', address: 'always', minutes: 'always' },
  'ngo-refuge': { 'dash-summary': 'always', 'children-count': 'always', identity: 'always', address: 'if-refuge', 'safe-contact': 'if-assigned', children: 'if-refuge', minutes: 'always' },
  probation: { ...SUMMARIES, perpetrator: 'always', children: 'if-contact-conditions', minutes: 'always' },
  other: { 'dash-summary': 'always' },
  'marac-coordinator': { ...SUMMARIES, identity: 'always', address: 'always', dash: 'always', perpetrator: 'always', children: 'always', minutes: 'always' },
  'marac-chair': { ...SUMMARIES, identity: 'always', dash: 'always', perpetrator: 'always', children: 'always', minutes: 'always' },
  'partnership-coordinator': { ...SUMMARIES, identity: 'always', address: 'always', perpetrator: 'always', children: 'always', minutes: 'always' },
};

/** What the policy needs to know about a case (non-personal flags). */
export interface CaseFacts {
  hasChildren: boolean;
  refugePlacement: boolean;
  childContactConditions: boolean;
}

/** Who asks, as the policy sees them. */
export interface AccessSubject {
  roles: readonly string[];
  agencyType?: AgencyType | null;
}

/** The matrix rows that apply to a person: their partnership roles, and their agency's type if they work for it. */
export function matrixRows(subject: AccessSubject): MatrixRowName[] {
  const rows: MatrixRowName[] = [];
  for (const r of PARTNERSHIP_WIDE_CASE_ROLES) if (subject.roles.includes(r)) rows.push(r as MatrixRowName);
  const works = subject.roles.some((r) => r === 'agency-spoc' || r === 'agency-worker' || r === 'idva');
  if (works) rows.push(subject.roles.includes('idva') ? 'idva' : (subject.agencyType ?? 'other'));
  return rows;
}

function holds(cond: Condition, facts: CaseFacts, assigned: boolean): boolean {
  switch (cond) {
    case 'always': return true;
    case 'if-children': return facts.hasChildren;
    case 'if-refuge': return facts.refugePlacement;
    case 'if-assigned': return assigned;
    case 'if-contact-conditions': return facts.childContactConditions;
  }
}

/**
 * The views a person sees on a case: the matrix rows' defaults plus the scopes of the open
 * tasks their agency holds on it (`taskScopes`). A full scope replaces its summary view.
 */
export function visibleViews(subject: AccessSubject, facts: CaseFacts, taskScopes: readonly string[]): Set<View> {
  const out = new Set<View>();
  const assigned = taskScopes.length > 0;
  for (const row of matrixRows(subject)) {
    for (const [view, cond] of Object.entries(NEED_TO_KNOW[row]) as [View, Condition][]) if (holds(cond, facts, assigned)) out.add(view);
  }
  for (const s of taskScopes) if ((DATA_SCOPES as readonly string[]).includes(s)) out.add(s as DataScope);
  if (out.has('dash')) out.delete('dash-summary');
  if (out.has('perpetrator')) out.delete('perpetrator-flag');
  if (out.has('children')) out.delete('children-count');
  return out;
}

/** Whether a person's agency type may hold the case at all (children's services: children's cases only). */
export function agencyMayHoldCase(agencyType: AgencyType | null | undefined, facts: CaseFacts): boolean {
  if (agencyType === 'children-social-work') return facts.hasChildren;
  return true;
}

/** Role labels of task roles (pathway roles in the templates) that only a partnership role may work. */
export const TASK_ROLE_TO_PARTNERSHIP_ROLE: Record<string, Role> = {
  coordinator: 'marac-coordinator',
  'pathway-coordinator': 'marac-coordinator',
  chair: 'marac-chair',
  'partnership-coordinator': 'partnership-coordinator',
};

export function isScopeName(s: string): s is DataScope {
  return (DATA_SCOPES as readonly string[]).includes(s);
}

export type { Role };
