import type { User } from './api.ts';
import { humanise } from './coalition/labels.ts';
import type { Route } from './router.ts';

/** Top bar: where you are, who you are, and the way out. */
export function Header({
  user,
  route,
  onLogout,
}: {
  readonly user: User;
  readonly route: Route;
  readonly onLogout: () => void;
}) {
  const section =
    route.page === 'nation'
      ? 'nations'
      : route.page === 'plan'
        ? 'plans'
        : route.page === 'incident'
          ? 'monitoring'
          : route.page;
  return (
    <header className="app-header">
      <a className="brand" href="#/map">
        <span className="brand-mark">GUARANTOR</span>
        <span className="brand-sub">Coordination cell</span>
      </a>
      <nav className="main-nav" aria-label="Main">
        <a href="#/map" aria-current={section === 'map' ? 'page' : undefined}>
          Map
        </a>
        <a href="#/nations" aria-current={section === 'nations' ? 'page' : undefined}>
          Nations
        </a>
        <a href="#/requirements" aria-current={section === 'requirements' ? 'page' : undefined}>
          Requirements
        </a>
        <a href="#/lead-matrix" aria-current={section === 'lead-matrix' ? 'page' : undefined}>
          Lead matrix
        </a>
        <a href="#/plans" aria-current={section === 'plans' ? 'page' : undefined}>
          Plans
        </a>
        <a href="#/phases" aria-current={section === 'phases' ? 'page' : undefined}>
          Phases
        </a>
        <a href="#/phases/sectors" aria-current={section === 'compliance' ? 'page' : undefined}>
          Compliance
        </a>
        <a href="#/orders" aria-current={section === 'orders' ? 'page' : undefined}>
          Orders
        </a>
        <a href="#/phases/gate" aria-current={section === 'deployment-gate' ? 'page' : undefined}>
          Deployment gate
        </a>
        <a href="#/monitoring" aria-current={section === 'monitoring' ? 'page' : undefined}>
          Monitoring
        </a>
        <a href="#/reports/daily" aria-current={section === 'daily-report' ? 'page' : undefined}>
          Daily report
        </a>
        <a href="/docs" target="_blank" rel="noreferrer">
          API docs
        </a>
      </nav>
      <div className="who" data-testid="who">
        <span className="who-name">{user.username}</span>
        <span className="who-nation" title={user.nationName}>
          {user.nationName} ({user.nation})
        </span>
        <span className="who-roles">
          {user.roles.map((role) => (
            <span key={role} className="chip">
              {humanise(role)}
            </span>
          ))}
        </span>
        <button type="button" className="link-button" onClick={onLogout}>
          Log out
        </button>
      </div>
    </header>
  );
}
