import { verifyAudit } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole } from '../auth/context.ts';

/** Audit chain verification for admins (the CLI's `guarantor audit verify` does the same). */
export const auditRoutes =
  ({ database }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Check the hash chain of the audit log (admin)',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number(),
              brokenAtSeq: z.number().optional(),
              reason: z.string().optional(),
            }),
          },
        },
      },
      async (request) => {
        requireRole(request, 'admin');
        return verifyAudit(database.db);
      },
    );
  };
