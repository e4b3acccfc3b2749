import type { Session, User } from '@guarantor/core/api';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AccountsPage } from './access/AccountsPage.tsx';
import { LoginPage } from './access/LoginPage.tsx';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import {
  ActionsPage,
  DecisionPage,
  DecisionsPage,
  MeetingPage,
  MeetingsPage,
} from './cellwork/CellPages.tsx';
import { NationPage } from './coalition/NationPage.tsx';
import { NationsPage } from './coalition/NationsPage.tsx';
import { FinancePage } from './finance/FinancePage.tsx';
import { SecurityPage } from './finance/SecurityPage.tsx';
import { Header } from './Header.tsx';
import { currentLanguage, setLanguage, supportedLanguage } from './i18n/index.ts';
import { saveLanguage, takeSignedOutChoice } from './i18n/LanguagePicker.tsx';
import { DailyReportPage } from './monitoring/DailyReportPage.tsx';
import { IncidentPage } from './monitoring/IncidentPage.tsx';
import { BreachesPage } from './phases/BreachesPage.tsx';
import { CompliancePage } from './phases/CompliancePage.tsx';
import { GatePage } from './phases/GatePage.tsx';
import { OrdersPage } from './phases/OrdersPage.tsx';
import { PhasesPage } from './phases/PhasesPage.tsx';
import { RulesPage } from './phases/RulesPage.tsx';
import { TrucesPage } from './phases/TrucesPage.tsx';
import { LeadMatrixPage } from './planning/LeadMatrixPage.tsx';
import { PlanPage, PlansPage } from './planning/PlansPage.tsx';
import { RequirementsPage } from './planning/RequirementsPage.tsx';
import { SustainmentPage, SustainmentPlanPage } from './planning/SustainmentPage.tsx';
import { type PageName, type Route, useRoute } from './router.ts';
import { ViolationRulesPage } from './zones/ViolationRulesPage.tsx';
import { ZonePage } from './zones/ZonePage.tsx';
import { ZonesPage } from './zones/ZonesPage.tsx';

// MapLibre is most of the bundle; the login page should not wait for it.
const MapPage = lazy(() => import('./map/MapPage.tsx'));
const MonitoringPage = lazy(() => import('./monitoring/MonitoringPage.tsx'));
const TerritoryPage = lazy(() => import('./territory/TerritoryPage.tsx'));
const LandOptionsPage = lazy(() => import('./territory/LandOptionsPage.tsx'));
const LogisticsPage = lazy(() => import('./logistics/LogisticsPage.tsx'));

/**
 * What each page shows. Every page of `Route` must have a view here (the type says so); its
 * URL and its place in the header are in the route table (`router.ts`, `PAGES`).
 */
/** The fallback while a lazily loaded page's chunk arrives. */
function LoadingMap() {
  const { t } = useTranslation('common');
  return <p className="page-status">{t('app.loadingMap')}</p>;
}

/** A path the route table does not know. */
function NotFound({ path }: { readonly path: string }) {
  const { t } = useTranslation('common');
  return (
    <main className="page">
      <h1>{t('app.notFound.title')}</h1>
      <p>
        <Trans
          t={t}
          i18nKey="app.notFound.text"
          values={{ path }}
          components={{
            code: <code />,
            // The translation's words replace these placeholders' text.
            map: <a href="#/map">map</a>,
            nations: <a href="#/nations">nations</a>,
          }}
        />
      </p>
    </main>
  );
}

const VIEWS: { readonly [P in PageName]: (route: Extract<Route, { page: P }>, user: User) => ReactNode } = {
  map: () => (
    <Suspense fallback={<LoadingMap />}>
      <MapPage />
    </Suspense>
  ),
  territory: (_, user) => (
    <Suspense fallback={<LoadingMap />}>
      <TerritoryPage user={user} />
    </Suspense>
  ),
  'land-options': (_, user) => (
    <Suspense fallback={<LoadingMap />}>
      <LandOptionsPage user={user} />
    </Suspense>
  ),
  logistics: (_, user) => (
    <Suspense fallback={<p className="page-status">Loading map…</p>}>
      <LogisticsPage user={user} />
    </Suspense>
  ),
  nations: () => <NationsPage />,
  nation: (r) => <NationPage iso3={r.iso3} />,
  requirements: () => <RequirementsPage />,
  'lead-matrix': () => <LeadMatrixPage />,
  plans: () => <PlansPage />,
  plan: (r) => <PlanPage id={r.id} />,
  sustainment: () => <SustainmentPage />,
  'sustainment-plan': (r) => <SustainmentPlanPage id={r.id} />,
  phases: (_, user) => <PhasesPage user={user} />,
  compliance: () => <CompliancePage />,
  orders: (_, user) => <OrdersPage user={user} />,
  'deployment-gate': () => <GatePage />,
  rules: (_, user) => <RulesPage user={user} />,
  breaches: (_, user) => <BreachesPage user={user} />,
  truces: (_, user) => <TrucesPage user={user} />,
  monitoring: () => (
    <Suspense fallback={<LoadingMap />}>
      <MonitoringPage />
    </Suspense>
  ),
  incident: (r, user) => <IncidentPage id={r.id} user={user} />,
  'daily-report': (r) => <DailyReportPage date={r.date} />,
  zones: (_, user) => <ZonesPage user={user} />,
  zone: (r, user) => <ZonePage id={r.id} user={user} />,
  'violation-rules': (_, user) => <ViolationRulesPage user={user} />,
  finance: () => <FinancePage />,
  'finance-security': (_, user) => <SecurityPage user={user} />,
  decisions: (_, user) => <DecisionsPage user={user} />,
  decision: (r) => <DecisionPage id={r.id} />,
  actions: (_, user) => <ActionsPage user={user} />,
  meetings: (_, user) => <MeetingsPage user={user} />,
  meeting: (r, user) => <MeetingPage id={r.id} user={user} />,
  accounts: (_, user) => <AccountsPage me={user.username} />,
  'not-found': (r) => <NotFound path={r.path} />,
};

function renderPage(route: Route, user: User): ReactNode {
  return (VIEWS[route.page] as (route: Route, user: User) => ReactNode)(route, user);
}

type SessionState =
  | { readonly state: 'checking' }
  | { readonly state: 'signed-out'; readonly notice?: string }
  | { readonly state: 'signed-in'; readonly session: Session };

/** Session gate, header and page switch. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>({ state: 'checking' });

  // Subscribes the whole app to the language: a change re-renders every page, so the Intl
  // formatters (plain functions) follow it too.
  const { t } = useTranslation('common');

  const signIn = useCallback((next: Session) => {
    setCsrfToken(next.csrfToken);
    // A language just picked on the sign-in page goes to the account; otherwise the account's
    // language (chosen on another device) wins over this browser's.
    const picked = takeSignedOutChoice();
    const saved = supportedLanguage((next as { readonly language?: string | null }).language);
    if (picked) void saveLanguage(picked);
    else if (saved && saved !== currentLanguage()) void setLanguage(saved, { remember: true });
    setSession({ state: 'signed-in', session: next });
  }, []);

  const signOut = useCallback((notice?: string) => {
    setCsrfToken(null);
    setSession(notice ? { state: 'signed-out', notice } : { state: 'signed-out' });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => signOut(t('app.sessionEnded')));
    api.session().then(signIn, (error: unknown) => {
      const reachable = !(error instanceof ApiError) || error.status !== 0;
      signOut(reachable ? undefined : (error as ApiError).message);
    });
    return () => setUnauthorizedHandler(null);
  }, [signIn, signOut, t]);

  async function logout() {
    try {
      await api.logout();
    } catch {
      // The cookie may already be gone; the user still wants to be signed out here.
    }
    signOut();
  }

  if (session.state === 'checking') {
    return <p className="page-status">{t('app.checkingSession')}</p>;
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
      {renderPage(route, session.session.user)}
    </div>
  );
}
