import type { Ready, User } from '@guarantor/core/api';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from './api.ts';
import { intlLocale } from './i18n/format.ts';
import { LanguagePicker } from './i18n/LanguagePicker.tsx';
import { nationName } from './labels.ts';
import { navigation, type Route } from './router.ts';
import { roleName } from './words.ts';

/** Sections of the app, each with its pages (from the route table); the header shows sections, the bar below their pages. */
const NAVIGATION = navigation();

/** How often the header asks /readyz how far fusion is behind, and the lag worth saying. */
const FUSION_POLL_MS = 10_000;
const FUSION_LAG_SHOWN_MS = 5_000;

/** "40 s", "3 min", "2 h": the lag in the unit a reader takes in at a glance, in the reader's language (Intl). */
function lagWords(ms: number, locale: string): string {
  const s = Math.round(ms / 1000);
  const [value, unit] =
    s < 120 ? [s, 'second'] : s < 7200 ? [Math.round(s / 60), 'minute'] : [Math.round(s / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/**
 * Fusion's lag behind intake (GET /readyz), polled while the page is open: the map and the
 * incident lists show what fusion has written, so when it falls behind the reader should know.
 */
function useFusionLagMs(): number {
  const [lagMs, setLagMs] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const poll = () =>
      request<Ready>('GET', '/readyz', undefined, controller.signal).then(
        (ready) => setLagMs(ready.fusion?.lagMs ?? 0),
        () => undefined,
      );
    void poll();
    const timer = setInterval(poll, FUSION_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);
  return lagMs;
}

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
  const fusionLagMs = useFusionLagMs();
  const { t } = useTranslation('common');
  const nation = nationName(user.nation);
  return (
    <>
      <header className="app-header">
        <a className="brand" href="#/map">
          <span className="brand-mark">GUARANTOR</span>
          <span className="brand-sub">{t('header.brandSub')}</span>
        </a>
        <nav className="main-nav" aria-label={t('header.sections')}>
          {NAVIGATION.map((section) => (
            <a
              key={section.section}
              href={section.items[0]!.href}
              aria-current={section === current ? 'page' : undefined}
            >
              {t(`nav.section.${section.section}`)}
            </a>
          ))}
          {user.roles.includes('admin') && (
            <a href="#/accounts" aria-current={route.page === 'accounts' ? 'page' : undefined}>
              {t('nav.page.accounts')}
            </a>
          )}
          <a href="/docs" target="_blank" rel="noreferrer">
            {t('header.apiDocs')}
          </a>
        </nav>
        {fusionLagMs >= FUSION_LAG_SHOWN_MS && (
          <output className="fusion-lag" data-testid="fusion-lag" title={t('header.fusionLagTitle')}>
            {t('header.fusionLag', { lag: lagWords(fusionLagMs, intlLocale()) })}
          </output>
        )}
        <div className="who" data-testid="who">
          <span
            className="who-name"
            title={`${user.displayName}, ${nation} (${user.nation}): ${user.roles.map(roleName).join(', ')}`}
          >
            {user.username}
          </span>
          <span className="who-nation" title={nation}>
            {nation} ({user.nation})
          </span>
          {/* Two roles by name, the rest counted: six chips would push "Log out" off a 1440 px screen. */}
          <span className="who-roles">
            {user.roles.slice(0, 2).map((role) => (
              <span key={role} className="chip">
                {roleName(role)}
              </span>
            ))}
            {user.roles.length > 2 && (
              <span className="chip" title={user.roles.slice(2).map(roleName).join(', ')}>
                {t('header.moreRoles', { count: user.roles.length - 2 })}
              </span>
            )}
          </span>
          <LanguagePicker signedIn />
          <button type="button" className="link-button" onClick={onLogout}>
            {t('header.logOut')}
          </button>
        </div>
      </header>
      {current && current.items.length > 1 && (
        <nav className="sub-nav" aria-label={t(`nav.section.${current.section}`)}>
          {current.items.map((item) => (
            <a
              key={item.href}
              href={item.href}
              aria-current={item.pages.includes(route.page) ? 'page' : undefined}
            >
              {t(`nav.page.${item.pages[0]!}` as 'nav.page.map')}
            </a>
          ))}
        </nav>
      )}
    </>
  );
}
