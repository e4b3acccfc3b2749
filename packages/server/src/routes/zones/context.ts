/** What every zone route file is given. */
import type { RouteDeps } from '../../app.ts';
import type { Router } from '../router.ts';

export interface ZoneContext {
  readonly r: Router;
  readonly database: RouteDeps['database'];
  readonly clock: RouteDeps['clock'];
}
