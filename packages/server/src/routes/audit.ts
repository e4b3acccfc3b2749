import type * as Api from '@guarantor/core/api';
import { asReader, verifyAudit } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { matches } from './contract.ts';

/**
 * Audit chain verification for admins (the CLI's `guarantor audit verify` does the same), and the
 * entries a reader may read, so a page can show what its action recorded.
 */
export const auditRoutes =
  ({ database }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit entries you may read, newest first, optionally of one kind of record or one record',
          description:
            'Row-level security keeps entries of records your nation may not read out; entries carry no chain number, which would count them.',
          querystring: z.strictObject({
            entity: z
              .string()
              .regex(/^[a-z_]{1,40}(,[a-z_]{1,40}){0,9}$/, 'one or more record kinds, comma-separated')
              .optional()
              .describe('record kinds, e.g. campaign_phase,phase_rule'),
            entityId: z.string().max(300).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: {
            200: matches<Api.AuditEntries>()(
              z.object({
                entries: z.array(
                  z.object({
                    at: z.string(),
                    actor: z.string().nullable(),
                    nation: z.string().nullable(),
                    action: z.string(),
                    entity: z.string(),
                    entityId: z.string(),
                    after: z.unknown(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { entity, entityId, limit } = request.query;
        const rows = await asReader(database.db, reader, (trx) => {
          let q = trx
            .selectFrom('audit_log')
            .select(['at', 'actor', 'nation', 'action', 'entity', 'entity_id', 'after']);
          if (entity) q = q.where('entity', 'in', entity.split(','));
          if (entityId) q = q.where('entity_id', '=', entityId);
          return q.orderBy('seq', 'desc').limit(limit).execute();
        });
        return {
          entries: rows.map((r) => ({
            at: r.at.toISOString(),
            actor: r.actor,
            nation: r.nation,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            after: r.after ?? null,
          })),
        };
      },
    );

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
