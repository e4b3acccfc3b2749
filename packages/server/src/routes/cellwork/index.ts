/**
 * The cell's own work (issue 21): decisions linked to the records they rested on, actions
 * with owners and due dates, meetings, and notifications in the app and by e-mail. The plugin
 * also runs this instance's CellworkService (live streams and the mail worker).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../app.ts';
import { CellworkService } from '../../cellwork/service.ts';
import { actionRoutes } from './actions.ts';
import type { CellworkContext } from './context.ts';
import { decisionRoutes } from './decisions.ts';
import { meetingRoutes } from './meetings.ts';
import { cellNotificationRoutes } from './notifications.ts';

export const cellworkRoutes = (deps: RouteDeps): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (root) => {
    const service = new CellworkService(deps.database, deps.clock, deps.config, root.log);
    root.decorate('cellwork', service);
    root.addHook('onReady', () => service.start());
    root.addHook('onClose', () => service.stop());
    await root.register(async (app) => {
      const context: CellworkContext = {
        app,
        r: app.withTypeProvider<ZodTypeProvider>(),
        database: deps.database,
        clock: deps.clock,
        service,
      };
      decisionRoutes(context);
      actionRoutes(context);
      meetingRoutes(context);
      cellNotificationRoutes(context);
    });
  };
  // Not encapsulated, so the decoration and hooks belong to the app; the routes below are.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};
