/** What every cell-work route file is given. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import type { CellworkService } from '../../cellwork/service.ts';
import type { Router } from '../router.ts';

export interface CellworkContext {
  /** The plugin's instance, for what zod does not type (the SSE stream, the print view). */
  readonly app: FastifyInstance;
  readonly r: Router;
  readonly database: RouteDeps['database'];
  readonly clock: RouteDeps['clock'];
  readonly service: CellworkService;
}
