import type { FastifyInstance } from 'fastify';

/** One registered route: its method and URL pattern (`/api/offers/:id`). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Records every route registered on the app from here on, so that tests can go through the
 * whole route table (a new route is covered without anyone adding it to a list).
 */
export function recordRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method, url: route.url });
  });
}

/** The routes recorded on the app (empty when recordRoutes was not called on it). */
export function routesOf(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}
