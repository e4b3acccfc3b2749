/** What every phase route file is given: the typed router and the services the routes share. */

import type { GuarantorDatabase } from '@guarantor/db';
import type { Actor, SectorFacts } from '@guarantor/db/phases';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../../clock.ts';

/** The app with zod as its type provider (what `app.withTypeProvider<ZodTypeProvider>()` gives). */
export type Router = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Options for the phase routes; tests and the monitoring storage pass their own fact source. */
export interface PhaseRouteOptions {
  readonly facts?: SectorFacts;
}

export interface PhaseContext {
  readonly r: Router;
  readonly db: GuarantorDatabase['db'];
  readonly facts: SectorFacts;
  readonly clock: Clock;
  /** Today's UTC date by the clock. */
  readonly today: () => string;
  /** Re-evaluates the gate up to `asOf` (writes breaches, sector statuses, notifications). */
  readonly runReevaluation: (
    asOf: string,
    actor: Actor,
  ) => ReturnType<typeof import('../../phases/service.ts').reevaluate>;
}
