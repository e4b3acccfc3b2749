/**
 * Planning: requirements (cell staff), the lead matrix, plan runs with their explanations, plan
 * history, diffs and the explicit adoption, and the "who does what where" exports (HXL CSV,
 * XLSX). Everything is computed from what the caller may see; row-level security has already
 * dropped the rest, so a NATIONAL offer of another nation never enters a plan or an export.
 * One file per resource; this file wires them.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../app.ts';
import type { PlanningContext } from './context.ts';
import { leadClaimRoutes } from './lead-claims.ts';
import { leadMatrixRoutes } from './lead-matrix.ts';
import { planRoutes } from './plans.ts';
import { requirementRoutes } from './requirements.ts';
import { sustainmentRoutes } from './sustainment.ts';

/** Requirements, the lead matrix and claims, and plans. */
export const planningRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const context: PlanningContext = {
      r: app.withTypeProvider<ZodTypeProvider>(),
      database,
      clock,
      actor: (p) => ({ username: p.user.username, nation: p.user.nation, at: clock.now() }),
    };
    requirementRoutes(context);
    leadMatrixRoutes(context);
    planRoutes(context);
    leadClaimRoutes(context);
    sustainmentRoutes(context);
  };
