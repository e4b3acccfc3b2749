import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { AccountsPage } from './access/AccountsPage.tsx';
import { LoginPage } from './access/LoginPage.tsx';
import { ApiError, api, type Session, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import { LeadMatrixPage } from './coalition/LeadMatrixPage.tsx';
import { NationPage } from './coalition/NationPage.tsx';
import { NationsPage } from './coalition/NationsPage.tsx';
import { PlanPage, PlansPage } from './coalition/PlansPage.tsx';
import { RequirementsPage } from './coalition/RequirementsPage.tsx';
import { Header } from './Header.tsx';
import { DailyReportPage } from './monitoring/DailyReportPage.tsx';
import { IncidentPage } from './monitoring/IncidentPage.tsx';
import { CompliancePage } from './phases/CompliancePage.tsx';
import { GatePage } from './phases/GatePage.tsx';
import { OrdersPage } from './phases/OrdersPage.tsx';
import { PhasesPage } from './phases/PhasesPage.tsx';
import { useRoute } from './router.ts';

// MapLibre is most of the bundle; the login page should not wait for it.
const MapPage = lazy(() => import('./map/MapPage.tsx'));
const MonitoringPage = lazy(() => import('./monitoring/MonitoringPage.tsx'));

type SessionState =
  | { readonly state: 'checking' }
  | { readonly state: 'signed-out'; readonly notice?: string }
  | { readonly state: 'signed-in'; readonly session: Session };

/** Session gate, header and page switch. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>({ state: 'checking' });

  const signIn = useCallback((next: Session) => {
    setCsrfToken(next.csrfToken);
    setSession({ state: 'signed-in', session: next });
  }, []);

  const signOut = useCallback((notice?: string) => {
    setCsrfToken(null);
    setSession(notice ? { state: 'signed-out', notice } : { state: 'signed-out' });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => signOut('Your session has ended. Sign in again.'));
    api.session().then(signIn, (error: unknown) => {
      const reachable = !(error instanceof ApiError) || error.status !== 0;
      signOut(reachable ? undefined : (error as ApiError).message);
    });
    return () => setUnauthorizedHandler(null);
  }, [signIn, signOut]);

  async function logout() {
    try {
      await api.logout();
    } catch {
      // The cookie may already be gone; the user still wants to be signed out here.
    }
    signOut();
  }

  if (session.state === 'checking') {
    return <p className="page-status">Checking session…</p>;
  }
  if (session.state === 'signed-out') {
    return (
      <>
        {session.notice && <p className="banner">{session.notice}</p>}
        <LoginPage onLogin={signIn} />
      </>
    );
  }

  return (
    <div className="app">
      <Header user={session.session.user} route={route} onLogout={logout} />
      {route.page === 'map' && (
        <Suspense fallback={<p className="page-status">Loading map…</p>}>
          <MapPage />
        </Suspense>
      )}
      {route.page === 'nations' && <NationsPage />}
      {route.page === 'nation' && <NationPage iso3={route.iso3} />}
      {route.page === 'requirements' && <RequirementsPage />}
      {route.page === 'lead-matrix' && <LeadMatrixPage />}
      {route.page === 'plans' && <PlansPage />}
      {route.page === 'plan' && <PlanPage id={route.id} />}
      {route.page === 'phases' && <PhasesPage />}
      {route.page === 'compliance' && <CompliancePage />}
      {route.page === 'orders' && <OrdersPage />}
      {route.page === 'deployment-gate' && <GatePage />}
      {route.page === 'monitoring' && (
        <Suspense fallback={<p className="page-status">Loading map…</p>}>
          <MonitoringPage />
        </Suspense>
      )}
      {route.page === 'incident' && <IncidentPage id={route.id} user={session.session.user} />}
      {route.page === 'daily-report' && <DailyReportPage date={route.date} />}
      {route.page === 'accounts' && <AccountsPage me={session.session.user.username} />}
      {route.page === 'not-found' && (
        <main className="page">
          <h1>Not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. Go to the <a href="#/map">map</a> or the{' '}
            <a href="#/nations">nations</a>.
          </p>
        </main>
      )}
    </div>
  );
}
