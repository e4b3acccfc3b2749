/** What every phase route file is given: the typed router and the services the routes share. */

import type { GuarantorDatabase } from '@guarantor/db';
import type { Actor, SectorFacts } from '@guarantor/db/phases';
import type { Clock } from '../../clock.ts';
import type { ReevaluationResult } from '../../phases/service.ts';
import type { Router } from '../router.ts';

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
  readonly runReevaluation: (asOf: string, actor: Actor) => Promise<ReevaluationResult>;
}
