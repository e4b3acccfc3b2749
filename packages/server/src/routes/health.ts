import type * as Api from '@guarantor/core/api';
import { assertMigrated } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';

/** Liveness (the process answers) and readiness (the database answers). */
export const healthRoutes =
  ({ database }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'The process is alive',
          response: { 200: matches<Api.Live>()(z.object({ status: z.literal('ok') })) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    r.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database is reachable and migrated; how far fusion is behind intake',
          response: {
            200: matches<Api.Ready>()(
              z.object({
                status: z.literal('ready'),
                engine: z.enum(['pglite', 'postgres']),
                fusion: z
                  .object({ role: z.enum(['leader', 'standby', 'stopped']), lagMs: z.number().int().min(0) })
                  .optional(),
              }),
            ),
          },
        },
      },
      async (request) => {
        try {
          await assertMigrated(database.db);
        } catch (error) {
          throw new AppError('database.unavailable', {
            key: 'database.noAnswer',
            params: { reason: (error as Error).message },
          });
        }
        // Decorated by the monitoring routes (registered after these), absent in a bare app.
        const worker = (request.server as Partial<Pick<typeof request.server, 'monitoring'>>).monitoring
          ?.worker;
        const fusion = worker && { role: worker.status.role, lagMs: worker.status.lagMs };
        return { status: 'ready' as const, engine: database.engine, ...(fusion && { fusion }) };
      },
    );
  };
