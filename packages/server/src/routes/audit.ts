import type * as Api from '@guarantor/core/api';
import { asReader, verifyAudit } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole } from '../auth/context.ts';
import { matches } from './contract.ts';

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
          description:
            'The whole chain is checked; `entries` counts the entries your nation may read, and a break at an entry you may not read is reported without its number (run `guarantor audit verify` on the server for it).',
          response: {
            200: matches<Api.AuditVerdict>()(
              z.object({
                ok: z.boolean(),
                entries: z.number(),
                brokenAtSeq: z.number().optional(),
                reason: z.string().optional(),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireRole(request, 'admin');
        const verdict = await verifyAudit(database.db);
        // The chain covers every nation's entries; what an admin reads back must not count or
        // number the entries of records their nation may not read.
        const visible = await asReader(database.db, reader, async (trx) => {
          const count = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(trx);
          const broken =
            verdict.ok || verdict.brokenAtSeq === undefined
              ? false
              : (
                  await sql<{
                    n: number;
                  }>`select count(*)::int as n from audit_log where seq = ${verdict.brokenAtSeq}`.execute(trx)
                ).rows[0]!.n > 0;
          return { entries: Number(count.rows[0]!.n), broken };
        });
        if (verdict.ok) return { ok: true, entries: visible.entries };
        return visible.broken
          ? { ...verdict, entries: visible.entries }
          : {
              ok: false,
              entries: visible.entries,
              reason:
                'the chain is broken at an entry your nation may not read; run guarantor audit verify on the server to name it',
            };
      },
    );
  };
