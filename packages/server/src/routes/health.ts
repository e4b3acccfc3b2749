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
          summary: 'The database is reachable and migrated',
          response: {
            200: matches<Api.Ready>()(
              z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }),
            ),
          },
        },
      },
      async () => {
        try {
          await assertMigrated(database.db);
        } catch (error) {
          throw new AppError(
            'database.unavailable',
            `the database does not answer: ${(error as Error).message}`,
          );
        }
        return { status: 'ready' as const, engine: database.engine };
      },
    );
  };
