import { useEffect, useState } from 'react';

/** A page the app can show, parsed from the URL hash. */
export type Route =
  | { readonly page: 'map' }
  | { readonly page: 'territory' }
  | { readonly page: 'land-options' }
  | { readonly page: 'logistics' }
  | { readonly page: 'nations' }
  | { readonly page: 'nation'; readonly iso3: string }
  | { readonly page: 'requirements' }
  | { readonly page: 'lead-matrix' }
  | { readonly page: 'plans' }
  | { readonly page: 'plan'; readonly id: string }
  | { readonly page: 'sustainment' }
  | { readonly page: 'sustainment-plan'; readonly id: string }
  | { readonly page: 'phases' }
  | { readonly page: 'compliance' }
  | { readonly page: 'orders' }
  | { readonly page: 'deployment-gate' }
  | { readonly page: 'rules' }
  | { readonly page: 'breaches' }
  | { readonly page: 'truces' }
  | { readonly page: 'monitoring' }
  | { readonly page: 'incident'; readonly id: string }
  | { readonly page: 'daily-report'; readonly date: string | null }
  | { readonly page: 'zones' }
  | { readonly page: 'zone'; readonly id: string }
  | { readonly page: 'violation-rules' }
  | { readonly page: 'finance' }
  | { readonly page: 'finance-security' }
  | { readonly page: 'decisions' }
  | { readonly page: 'decision'; readonly id: string }
  | { readonly page: 'actions' }
  | { readonly page: 'meetings' }
  | { readonly page: 'meeting'; readonly id: string }
  | { readonly page: 'accounts' }
  | { readonly page: 'not-found'; readonly path: string };

export type PageName = Route['page'];
type RouteOf<P extends PageName> = Extract<Route, { page: P }>;

/** The header's sections, in the order shown. */
export const SECTIONS = ['Map', 'Coalition', 'Monitoring', 'Ceasefire', 'Finance'] as const;
export type Section = (typeof SECTIONS)[number];

/** Where a page sits in the navigation. */
export interface NavEntry {
  readonly section: Section;
  /** The link's words. */
  readonly label: string;
  /** Other pages the link stands for (a list's detail pages), so it shows as current there. */
  readonly alsoFor?: readonly PageName[];
}

/** One page of the app: how its URL reads and is written, and where the header links to it. */
export interface PageEntry<P extends PageName = PageName> {
  readonly page: P;
  /** The route a hash path stands for, or undefined when it is not this page's. */
  match(path: string): RouteOf<P> | undefined;
  /** The page's hash link (a method, so a page's entry serves where any page's is wanted). */
  href(route: RouteOf<P>): string;
  readonly nav?: NavEntry;
}

/** An entry of any one page (a union, so each entry keeps its own route type). */
export type AnyPageEntry = { [P in PageName]: PageEntry<P> }[PageName];

/** A page without parameters at one path (more paths may lead to it). */
function fixed<P extends PageName>(
  page: P,
  path: string,
  nav?: NavEntry,
  also: readonly string[] = [],
): PageEntry<P> {
  const route = { page } as RouteOf<P>;
  return {
    page,
    match: (p) => (p === path || also.includes(p) ? route : undefined),
    href: () => `#${path}`,
    ...(nav ? { nav } : {}),
  };
}

/** A page with one parameter taken from the path by `pattern`'s first group. */
function withParam<P extends PageName>(
  page: P,
  pattern: RegExp,
  make: (value: string) => RouteOf<P>,
  href: (route: RouteOf<P>) => string,
): PageEntry<P> {
  return {
    page,
    match: (p) => {
      const m = pattern.exec(p);
      return m ? make(m[1]!) : undefined;
    },
    href,
  };
}

/**
 * Every page, in the order the header lists them within a section. The router, the links and
 * the header read this table; `App.tsx` says what each page shows (its `VIEWS` must name every
 * page, which the type checker holds). Adding a page: a member of `Route`, an entry here, a
 * view there (docs/architecture.md, "Where things go").
 */
export const PAGES: readonly AnyPageEntry[] = [
  fixed('map', '/map', { section: 'Map', label: 'Lead map' }, ['/']),
  fixed('territory', '/territory', { section: 'Map', label: 'Territory' }),
  fixed('land-options', '/land-options', { section: 'Map', label: 'Land options' }),
  fixed('logistics', '/logistics', { section: 'Map', label: 'Logistics' }),
  fixed('nations', '/nations', { section: 'Coalition', label: 'Nations', alsoFor: ['nation'] }),
  withParam(
    'nation',
    /^\/nations\/([A-Za-z]{3})$/,
    (iso3) => ({ page: 'nation', iso3: iso3.toUpperCase() }),
    (r) => `#/nations/${r.iso3}`,
  ),
  fixed('requirements', '/requirements', { section: 'Coalition', label: 'Requirements' }),
  fixed('lead-matrix', '/lead-matrix', { section: 'Coalition', label: 'Lead matrix' }),
  fixed('plans', '/plans', {
    section: 'Coalition',
    label: 'Plans',
    alsoFor: ['plan', 'sustainment', 'sustainment-plan'],
  }),
  withParam(
    'plan',
    /^\/plans\/([A-Za-z0-9-]{1,40})$/,
    (id) => ({ page: 'plan', id }),
    (r) => `#/plans/${r.id}`,
  ),
  // Reached from the plans page (the header has no room for another link at 1024 px).
  fixed('sustainment', '/sustainment'),
  withParam(
    'sustainment-plan',
    /^\/sustainment\/([A-Za-z0-9-]{1,40})$/,
    (id) => ({ page: 'sustainment-plan', id }),
    (r) => `#/sustainment/${r.id}`,
  ),
  fixed('decisions', '/cell/decisions', { section: 'Coalition', label: 'Decisions', alsoFor: ['decision'] }),
  withParam(
    'decision',
    /^\/cell\/decisions\/([A-Z]{3}-[A-Z]{3}-\d{1,9})$/,
    (id) => ({ page: 'decision', id }),
    (r) => `#/cell/decisions/${r.id}`,
  ),
  fixed('actions', '/cell/actions', { section: 'Coalition', label: 'Actions' }),
  fixed('meetings', '/cell/meetings', { section: 'Coalition', label: 'Meetings', alsoFor: ['meeting'] }),
  withParam(
    'meeting',
    /^\/cell\/meetings\/([A-Z]{3}-[A-Z]{3}-\d{1,9})$/,
    (id) => ({ page: 'meeting', id }),
    (r) => `#/cell/meetings/${r.id}`,
  ),
  fixed('monitoring', '/monitoring', {
    section: 'Monitoring',
    label: 'Incident map',
    alsoFor: ['incident'],
  }),
  withParam(
    'incident',
    /^\/incidents\/([^/]{1,300})$/,
    (id) => ({ page: 'incident', id: decodeURIComponent(id) }),
    (r) => `#/incidents/${encodeURIComponent(r.id)}`,
  ),
  {
    page: 'daily-report',
    match: (p) => {
      const m = /^\/reports\/daily(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(p);
      return m ? { page: 'daily-report', date: m[1] ?? null } : undefined;
    },
    href: (r) => (r.date ? `#/reports/daily/${r.date}` : '#/reports/daily'),
    nav: { section: 'Monitoring', label: 'Daily report' },
  } satisfies PageEntry<'daily-report'>,
  fixed('zones', '/zones', { section: 'Monitoring', label: 'Zones', alsoFor: ['zone'] }),
  withParam(
    'zone',
    /^\/zones\/([^/]{1,200})$/,
    (id) => ({ page: 'zone', id: decodeURIComponent(id) }),
    (r) => `#/zones/${encodeURIComponent(r.id)}`,
  ),
  fixed('violation-rules', '/violation-rules', { section: 'Monitoring', label: 'Violation rules' }),
  fixed('phases', '/phases', { section: 'Ceasefire', label: 'Phases' }),
  fixed('compliance', '/phases/sectors', { section: 'Ceasefire', label: 'Sector compliance' }),
  fixed('orders', '/orders', { section: 'Ceasefire', label: 'Orders' }),
  fixed('deployment-gate', '/phases/gate', { section: 'Ceasefire', label: 'Deployment gate' }),
  fixed('rules', '/phases/rules', { section: 'Ceasefire', label: 'Trigger rules' }),
  fixed('breaches', '/phases/breaches', { section: 'Ceasefire', label: 'Breaches' }),
  fixed('truces', '/phases/truces', { section: 'Ceasefire', label: 'Truce windows' }),
  fixed('finance', '/finance', { section: 'Finance', label: 'Promise to delivery' }),
  fixed('finance-security', '/finance/security', { section: 'Finance', label: 'Security beside money' }),
  // Not in a section: the header shows it to admins beside the sections.
  fixed('accounts', '/accounts'),
];

const BY_PAGE = new Map(PAGES.map((entry) => [entry.page, entry]));

/** `#/nations/FRA` → { page: 'nation', iso3: 'FRA' }; an unknown path is `not-found`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  for (const entry of PAGES) {
    const route = entry.match(path);
    if (route) return route;
  }
  return { page: 'not-found', path };
}

/** The href of a route, for links. */
export function href(route: Route): string {
  if (route.page === 'not-found') return `#${route.path}`;
  const entry = BY_PAGE.get(route.page);
  if (!entry) throw new Error(`no page '${route.page}' in PAGES`);
  return entry.href(route as never);
}

/** A section's links, in table order, for the header. */
export function navigation(): readonly {
  readonly section: Section;
  readonly items: readonly {
    readonly href: string;
    readonly label: string;
    readonly pages: readonly PageName[];
  }[];
}[] {
  return SECTIONS.map((section) => ({
    section,
    items: PAGES.filter((e) => e.nav?.section === section).map((e) => ({
      href: e.href({ page: e.page } as never),
      label: e.nav!.label,
      pages: [e.page, ...(e.nav!.alsoFor ?? [])],
    })),
  }));
}

/** The current route; re-renders on hash changes. The hash keeps routing out of the server. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
