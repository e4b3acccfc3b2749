import type { User } from './api.ts';
import { humanise } from './coalition/labels.ts';
import type { Route } from './router.ts';

/** A page in the navigation: its link, label, and the route pages it stands for. */
interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly pages: readonly Route['page'][];
}

/** Sections of the app, each with its pages; the header shows sections, the bar below their pages. */
const SECTIONS: readonly { readonly label: string; readonly items: readonly NavItem[] }[] = [
  { label: 'Map', items: [{ href: '#/map', label: 'Lead map', pages: ['map'] }] },
  {
    label: 'Coalition',
    items: [
      { href: '#/nations', label: 'Nations', pages: ['nations', 'nation'] },
      { href: '#/requirements', label: 'Requirements', pages: ['requirements'] },
      { href: '#/lead-matrix', label: 'Lead matrix', pages: ['lead-matrix'] },
      { href: '#/plans', label: 'Plans', pages: ['plans', 'plan'] },
    ],
  },
  {
    label: 'Monitoring',
    items: [
      { href: '#/monitoring', label: 'Incident map', pages: ['monitoring', 'incident'] },
      { href: '#/reports/daily', label: 'Daily report', pages: ['daily-report'] },
    ],
  },
  {
    label: 'Ceasefire',
    items: [
      { href: '#/phases', label: 'Phases', pages: ['phases'] },
      { href: '#/phases/sectors', label: 'Sector compliance', pages: ['compliance'] },
      { href: '#/orders', label: 'Orders', pages: ['orders'] },
      { href: '#/phases/gate', label: 'Deployment gate', pages: ['deployment-gate'] },
    ],
  },
];

/** Top bar: the app's sections, who you are, and the way out; below it, the current section's pages. */
export function Header({
  user,
  route,
  onLogout,
}: {
  readonly user: User;
  readonly route: Route;
  readonly onLogout: () => void;
}) {
  const current = SECTIONS.find((s) => s.items.some((i) => i.pages.includes(route.page)));
  return (
    <>
      <header className="app-header">
        <a className="brand" href="#/map">
          <span className="brand-mark">GUARANTOR</span>
          <span className="brand-sub">Coordination cell</span>
        </a>
        <nav className="main-nav" aria-label="Sections">
          {SECTIONS.map((section) => (
            <a
              key={section.label}
              href={section.items[0]!.href}
              aria-current={section === current ? 'page' : undefined}
            >
              {section.label}
            </a>
          ))}
          {user.roles.includes('admin') && (
            <a href="#/accounts" aria-current={route.page === 'accounts' ? 'page' : undefined}>
              Accounts
            </a>
          )}
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
      {current && current.items.length > 1 && (
        <nav className="sub-nav" aria-label={current.label}>
          {current.items.map((item) => (
            <a
              key={item.href}
              href={item.href}
              aria-current={item.pages.includes(route.page) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
      )}
    </>
  );
}
