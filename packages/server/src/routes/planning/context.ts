/** What every planning route file is given: the typed router and what the routes share. */
import type { PlanningActor } from '@guarantor/db';
import type { RouteDeps } from '../../app.ts';
import type { Principal } from '../../auth/context.ts';
import type { Router } from '../router.ts';

export interface PlanningContext {
  readonly r: Router;
  readonly database: RouteDeps['database'];
  readonly clock: RouteDeps['clock'];
  /** The acting user, as planning's audit entries name them, at the clock's now. */
  readonly actor: (p: Principal) => PlanningActor;
}
