/** The zone routes, one file per resource; this file wires them. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../app.ts';
import { factRoutes } from './facts.ts';
import { violationRoutes } from './rules.ts';
import { ZONE_BODY_LIMIT } from './views.ts';
import { zoneRoutes } from './zones.ts';

/** Zones, violation rules, violation counts per sector and day, source status. */
export const zonesRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    // GeoJSON's own media type (RFC 7946) is read as JSON is.
    app.addContentTypeParser(
      'application/geo+json',
      { parseAs: 'string', bodyLimit: ZONE_BODY_LIMIT },
      app.getDefaultJsonParser('error', 'error'),
    );
    const context = { r: app.withTypeProvider<ZodTypeProvider>(), database, clock };
    zoneRoutes(context);
    violationRoutes(context);
    factRoutes(context);
  };
