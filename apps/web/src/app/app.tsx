// Routes. The modeller (bpmn-js, properties panel, linting) and the dashboard (echarts, the
// heat-map viewer) are separate chunks, so the inbox never downloads them. Nothing but the
// sign-in page is shown until someone is signed in; each page checks the roles it is for.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/api.types';
import { AppShell } from './app-shell';
import { LiveProvider } from './live';
import { CASE_WORKERS, NAV_ITEMS } from './nav-items';
import { hasRole, SessionProvider, useSession } from './session';
import { HomePage } from '../pages/home-page';
import { InboxPage } from '../pages/inbox/inbox-page';
import { CasePage } from '../pages/case/case-page';
import { CoordinatorPage } from '../pages/coordinator/coordinator-page';
import { AdminPage } from '../pages/admin/admin-page';
import { AuditPage } from '../pages/audit/audit-page';
import { NotFoundPage } from '../pages/not-found-page';
import { SignInPage } from '../pages/sign-in-page';
import { Loading } from '../components/api-status';
import { PageHeader } from '../components/page-header';

const ModellerPage = lazy(() => import('../modeller/modeller-page'));
const DashboardPage = lazy(() => import('../pages/dashboard/dashboard-page'));

const rolesOf = (path: string): readonly Role[] => NAV_ITEMS.find((i) => i.path === path)?.roles ?? [];

function ForRoles({ roles, title, children }: { roles: readonly Role[]; title: string; children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'signed-in' || !hasRole(state.me, roles)) {
    return (
      <>
        <PageHeader title={title} />
        <p role="alert" className="note note-error">
          Your role may not use this page.
        </p>
      </>
    );
  }
  return <>{children}</>;
}

function Routed() {
  const { state } = useSession();
  if (state.status === 'loading') {
    return (
      <main id="main" className="app-main">
        <Loading what="your session" />
      </main>
    );
  }
  if (state.status === 'signed-out' || state.me.mfaEnrolmentRequired) {
    return (
      <main id="main" className="app-main sign-in-main">
        <SignInPage enrolOnly={state.status === 'signed-in'} />
      </main>
    );
  }
  const caseWorker = hasRole(state.me, CASE_WORKERS);
  return (
    <LiveProvider enabled={caseWorker}>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<HomePage />} />
          <Route
            path="modeller"
            element={
              <ForRoles roles={rolesOf('/modeller')} title="Modeller">
                <Suspense fallback={<Loading what="the modeller" />}>
                  <ModellerPage />
                </Suspense>
              </ForRoles>
            }
          />
          <Route path="inbox" element={<ForRoles roles={rolesOf('/inbox')} title="Inbox"><InboxPage /></ForRoles>} />
          <Route path="cases/:caseId" element={<ForRoles roles={CASE_WORKERS} title="Case"><CasePage /></ForRoles>} />
          <Route path="coordinator" element={<ForRoles roles={rolesOf('/coordinator')} title="Coordinator"><CoordinatorPage /></ForRoles>} />
          <Route
            path="dashboard"
            element={
              <ForRoles roles={rolesOf('/dashboard')} title="Dashboard">
                <Suspense fallback={<Loading what="the dashboard" />}>
                  <DashboardPage />
                </Suspense>
              </ForRoles>
            }
          />
          <Route path="admin" element={<ForRoles roles={rolesOf('/admin')} title="Administration"><AdminPage /></ForRoles>} />
          <Route path="audit" element={<ForRoles roles={rolesOf('/audit')} title="Audit"><AuditPage /></ForRoles>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </LiveProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </BrowserRouter>
  );
}
