import type { PersonName } from './world';

/** The app's pages as the browser tests visit them, each as a person whose role it is for. */
export const PAGES: { name: string; path: string; heading: string; as: PersonName }[] = [
  { name: 'home', path: '/', heading: 'Referral pathways', as: 'coordinator' },
  { name: 'modeller', path: '/modeller', heading: 'Modeller', as: 'coordinator' },
  { name: 'inbox', path: '/inbox', heading: 'Inbox', as: 'worker' },
  { name: 'case', path: '/cases/:case', heading: 'Case', as: 'worker' },
  { name: 'coordinator', path: '/coordinator', heading: 'Coordinator', as: 'coordinator' },
  { name: 'dashboard', path: '/dashboard', heading: 'Dashboard', as: 'manager' },
  { name: 'admin', path: '/admin', heading: 'Administration', as: 'admin' },
  { name: 'audit', path: '/audit', heading: 'Audit', as: 'dpo' },
  { name: 'not-found', path: '/no-such-page', heading: 'Page not found', as: 'worker' },
  { name: 'not-for-role', path: '/admin', heading: 'Administration', as: 'worker' },
];
