import { useEffect, useState } from 'react';

/** A page the app can show, parsed from the URL hash. */
export type Route =
  | { readonly page: 'map' }
  | { readonly page: 'nations' }
  | { readonly page: 'nation'; readonly iso3: string }
  | { readonly page: 'requirements' }
  | { readonly page: 'lead-matrix' }
  | { readonly page: 'plans' }
  | { readonly page: 'plan'; readonly id: string }
  | { readonly page: 'phases' }
  | { readonly page: 'compliance' }
  | { readonly page: 'orders' }
  | { readonly page: 'deployment-gate' }
  | { readonly page: 'monitoring' }
  | { readonly page: 'incident'; readonly id: string }
  | { readonly page: 'daily-report'; readonly date: string | null }
  | { readonly page: 'accounts' }
  | { readonly page: 'not-found'; readonly path: string };

/** `#/nations/FRA` → { page: 'nation', iso3: 'FRA' }. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/map') return { page: 'map' };
  if (path === '/nations') return { page: 'nations' };
  if (path === '/phases') return { page: 'phases' };
  if (path === '/phases/sectors') return { page: 'compliance' };
  if (path === '/phases/gate') return { page: 'deployment-gate' };
  if (path === '/orders') return { page: 'orders' };
  if (path === '/monitoring') return { page: 'monitoring' };
  if (path === '/accounts') return { page: 'accounts' };
  const incident = /^\/incidents\/([^/]{1,300})$/.exec(path);
  if (incident) return { page: 'incident', id: decodeURIComponent(incident[1]!) };
  const report = /^\/reports\/daily(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(path);
  if (report) return { page: 'daily-report', date: report[1] ?? null };
  if (path === '/requirements') return { page: 'requirements' };
  if (path === '/lead-matrix') return { page: 'lead-matrix' };
  if (path === '/plans') return { page: 'plans' };
  const plan = /^\/plans\/([A-Za-z0-9-]{1,40})$/.exec(path);
  if (plan) return { page: 'plan', id: plan[1]! };
  const nation = /^\/nations\/([A-Za-z]{3})$/.exec(path);
  if (nation) return { page: 'nation', iso3: nation[1]!.toUpperCase() };
  return { page: 'not-found', path };
}

/** The href of a route, for links. */
export function href(route: Route): string {
  switch (route.page) {
    case 'map':
      return '#/map';
    case 'nations':
      return '#/nations';
    case 'nation':
      return `#/nations/${route.iso3}`;
    case 'requirements':
    case 'lead-matrix':
    case 'plans':
      return `#/${route.page}`;
    case 'plan':
      return `#/plans/${route.id}`;
    case 'phases':
      return '#/phases';
    case 'compliance':
      return '#/phases/sectors';
    case 'deployment-gate':
      return '#/phases/gate';
    case 'orders':
      return '#/orders';
    case 'monitoring':
      return '#/monitoring';
    case 'accounts':
      return '#/accounts';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'daily-report':
      return route.date ? `#/reports/daily/${route.date}` : '#/reports/daily';
    case 'not-found':
      return `#${route.path}`;
  }
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
