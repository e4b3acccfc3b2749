import type { User } from '@guarantor/core/api';
import { navigation, type Route } from './router.ts';
import { roleName } from './words.ts';

/** Sections of the app, each with its pages (from the route table); the header shows sections, the bar below their pages. */
const NAVIGATION = navigation();

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
  const current = NAVIGATION.find((s) => s.items.some((i) => i.pages.includes(route.page)));
  return (
    <>
      <header className="app-header">
        <a className="brand" href="#/map">
          <span className="brand-mark">GUARANTOR</span>
          <span className="brand-sub">Coordination cell</span>
        </a>
        <nav className="main-nav" aria-label="Sections">
          {NAVIGATION.map((section) => (
            <a
              key={section.section}
              href={section.items[0]!.href}
              aria-current={section === current ? 'page' : undefined}
            >
              {section.section}
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
          <span className="who-name" title={`${user.displayName}: ${user.roles.map(roleName).join(', ')}`}>
            {user.username}
          </span>
          <span className="who-nation" title={user.nationName}>
            {user.nationName} ({user.nation})
          </span>
          <span className="who-roles">
            {user.roles.map((role) => (
              <span key={role} className="chip">
                {roleName(role)}
              </span>
            ))}
          </span>
          <button type="button" className="link-button" onClick={onLogout}>
            Log out
          </button>
        </div>
      </header>
      {current && current.items.length > 1 && (
        <nav className="sub-nav" aria-label={current.section}>
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
