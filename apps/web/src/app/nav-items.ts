import type { Role } from '../api/api.types';

/** The pages of the app, in navigation order, and the roles each is for (the server checks again). */
export interface NavItem {
  path: string;
  label: string;
  /** Who the page is for (shown on the start page). */
  audience: string;
  roles: readonly Role[];
}

export const CASE_WORKERS: readonly Role[] = ['partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'agency-worker', 'idva'];

export const NAV_ITEMS: NavItem[] = [
  { path: '/modeller', label: 'Modeller', audience: 'Coordinators draw and deploy pathways', roles: ['administrator', 'partnership-coordinator', 'marac-coordinator'] },
  { path: '/inbox', label: 'Inbox', audience: 'Agency staff work their queue', roles: CASE_WORKERS },
  { path: '/coordinator', label: 'Coordinator', audience: 'Escalations, meeting agenda and action plan', roles: ['partnership-coordinator', 'marac-coordinator', 'marac-chair'] },
  { path: '/dashboard', label: 'Dashboard', audience: 'Managers watch SLAs and partnership KPIs', roles: ['manager', 'steering-group', 'partnership-coordinator', 'marac-coordinator'] },
  { path: '/admin', label: 'Administration', audience: 'Users, agencies, calendars, incidents, retention', roles: ['administrator'] },
  { path: '/audit', label: 'Audit', audience: 'The data-protection officer searches the audit log', roles: ['dpo'] },
];
