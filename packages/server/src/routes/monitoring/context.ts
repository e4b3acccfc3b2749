/** What every monitoring route file is given. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import type { MonitoringService } from '../../monitoring/service.ts';
import type { Router } from '../router.ts';

export interface MonitoringContext {
  /** The plugin's instance, for what zod does not type (a content type parser, the SSE stream). */
  readonly app: FastifyInstance;
  readonly r: Router;
  readonly database: RouteDeps['database'];
  readonly clock: RouteDeps['clock'];
  /** This instance's fusion worker and live hub. */
  readonly service: MonitoringService;
}
