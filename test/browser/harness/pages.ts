/** The app's pages as the browser tests visit them (the case page with a sample id). */
export const PAGES = [
  { name: 'home', path: '/', heading: 'Referral pathways' },
  { name: 'modeller', path: '/modeller', heading: 'Modeller' },
  { name: 'inbox', path: '/inbox', heading: 'Inbox' },
  { name: 'case', path: '/cases/case-1', heading: 'Case' },
  { name: 'coordinator', path: '/coordinator', heading: 'Coordinator' },
  { name: 'dashboard', path: '/dashboard', heading: 'Dashboard' },
  { name: 'admin', path: '/admin', heading: 'Administration' },
  { name: 'audit', path: '/audit', heading: 'Audit' },
  { name: 'not-found', path: '/no-such-page', heading: 'Page not found' },
];
