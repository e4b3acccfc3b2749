import { useEffect, useState } from 'react';

/** A page the app can show, parsed from the URL hash. */
export type Route =
  | { readonly page: 'map' }
  | { readonly page: 'nations' }
  | { readonly page: 'nation'; readonly iso3: string }
  | { readonly page: 'not-found'; readonly path: string };

/** `#/nations/FRA` → { page: 'nation', iso3: 'FRA' }. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/map') return { page: 'map' };
  if (path === '/nations') return { page: 'nations' };
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
