// Routes. The modeller (bpmn-js, properties panel, linting) is a separate chunk so that the
// inbox and the other pages never download it.
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppShell } from './app-shell';
import { HomePage } from '../pages/home-page';
import { InboxPage } from '../pages/inbox/inbox-page';
import { CasePage } from '../pages/case/case-page';
import { CoordinatorPage } from '../pages/coordinator/coordinator-page';
import { DashboardPage } from '../pages/dashboard/dashboard-page';
import { AdminPage } from '../pages/admin/admin-page';
import { AuditPage } from '../pages/audit/audit-page';
import { NotFoundPage } from '../pages/not-found-page';
import { Loading } from '../components/api-status';

const ModellerPage = lazy(() => import('../modeller/modeller-page'));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<HomePage />} />
          <Route
            path="modeller"
            element={
              <Suspense fallback={<Loading what="the modeller" />}>
                <ModellerPage />
              </Suspense>
            }
          />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="cases/:caseId" element={<CasePage />} />
          <Route path="coordinator" element={<CoordinatorPage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
