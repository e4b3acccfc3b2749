/** The ceasefire routes, one file per resource; this file wires them. */
import { PHASES, type Phase } from '@guarantor/core/phases';
import { combinedSectorFacts } from '@guarantor/db/phases';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../app.ts';
import { dayOf } from '../../phases/gate.ts';
import { reevaluate } from '../../phases/service.ts';
import type { PhaseContext, PhaseRouteOptions } from './context.ts';
import { decisionRoutes } from './decisions.ts';
import { gateRoutes } from './gate.ts';
import { ladderRoutes } from './ladder.ts';
import { notificationRoutes } from './notifications.ts';
import { orderRoutes } from './orders.ts';
import { ruleRoutes } from './rules.ts';
import { sectorRoutes } from './sectors.ts';
import { sustainmentOrderRoutes } from './sustainment-orders.ts';
import { truceRoutes } from './truces.ts';

export type { PhaseRouteOptions } from './context.ts';

/** Ceasefire first: phases, rules, guards, sector board, breaches and ladder, truces, orders, notifications. */
export const phasesRoutes =
  ({ database, clock }: RouteDeps, options: PhaseRouteOptions = {}): FastifyPluginAsync =>
  async (app) => {
    const facts = options.facts ?? combinedSectorFacts;
    const db = database.db;
    const context: PhaseContext = {
      r: app.withTypeProvider<ZodTypeProvider>(),
      db,
      facts,
      clock,
      today: () => dayOf(clock.now()),
      runReevaluation: (asOf, actor) => reevaluate(db, facts, asOf, actor, clock.now()),
    };
    decisionRoutes(context);
    ruleRoutes(context);
    sectorRoutes(context);
    ladderRoutes(context);
    truceRoutes(context);
    orderRoutes(context);
    sustainmentOrderRoutes(context);
    notificationRoutes(context);
    gateRoutes(context);
  };

/** Whether a phase name is valid, for callers outside the routes. */
export const isPhase = (value: string): value is Phase => (PHASES as readonly string[]).includes(value);
