/** The monitoring routes, one file per resource; this file wires them and runs the service. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../app.ts';
import { MonitoringService } from '../../monitoring/service.ts';
import type { MonitoringContext } from './context.ts';
import { fileImportRoutes } from './imports.ts';
import { incidentRoutes } from './incidents.ts';
import { intakeRoutes } from './intake.ts';
import { liveRoutes } from './live.ts';
import { tileRoutes } from './tiles.ts';

/**
 * Monitoring: observation intake (JSON and CoT), incidents (list, counts, detail, CoT, vector
 * tiles, live updates), analysts' state changes and the dispute record. The plugin also runs
 * this instance's MonitoringService (fusion worker and live hub) for the app's lifetime.
 */
export const monitoringRoutes = (deps: RouteDeps): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (root) => {
    const service = new MonitoringService(deps.database, deps.clock, root.log);
    root.decorate('monitoring', service);
    root.addHook('onReady', () => service.start());
    root.addHook('onClose', () => service.stop());
    await root.register(routes(deps, service));
  };
  // Not encapsulated, so the decoration and hooks belong to the app; the routes below are.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};

/** The routes, one file per resource, sharing the instance's service. */
const routes =
  ({ database, clock }: RouteDeps, service: MonitoringService): FastifyPluginAsync =>
  async (app) => {
    const context: MonitoringContext = {
      app,
      r: app.withTypeProvider<ZodTypeProvider>(),
      database,
      clock,
      service,
    };
    intakeRoutes(context);
    fileImportRoutes(context);
    incidentRoutes(context);
    tileRoutes(context);
    liveRoutes(context);
  };
