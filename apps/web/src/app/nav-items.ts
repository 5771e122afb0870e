/** The pages of the app, in navigation order. Paths are also the API-free routes the server must fall back for. */
export interface NavItem {
  path: string;
  label: string;
  /** Who the page is for (shown on the start page). */
  audience: string;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/modeller', label: 'Modeller', audience: 'Coordinators draw and deploy pathways' },
  { path: '/inbox', label: 'Inbox', audience: 'Agency staff work their queue' },
  { path: '/coordinator', label: 'Coordinator', audience: 'Escalations, meeting agenda and action plan' },
  { path: '/dashboard', label: 'Dashboard', audience: 'Managers watch SLAs and partnership KPIs' },
  { path: '/admin', label: 'Administration', audience: 'Users, agencies, calendars, incidents, retention' },
  { path: '/audit', label: 'Audit', audience: 'The data-protection officer searches the audit log' },
];
