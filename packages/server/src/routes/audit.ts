import type * as Api from '@guarantor/core/api';
import { type AuditRecord, asReader, listAuditEntries, verifyAudit, visibleAuditFacts } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Audit entries of users and API tokens: only admins read these. */
const IDENTITY_ENTITIES = ['app_user', 'api_token'];

const AuditEntryView = matches<Api.AuditEntryView>()(
  z.object({
    at: z.string(),
    actor: z.string().nullable(),
    nation: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  }),
);

/** A zone's geometry can be megabytes: the list names its type; the record itself holds it. */
function withoutGeometry(state: unknown): unknown {
  if (typeof state !== 'object' || state === null || !('geometry' in state)) return state;
  const { geometry, ...rest } = state as { geometry: unknown };
  const type = (geometry as { type?: unknown } | null)?.type;
  return { ...rest, geometry: typeof type === 'string' ? type : null };
}

const presentEntry = ({ seq: _, ...e }: AuditRecord): Api.AuditEntryView => ({
  ...e,
  at: e.at.toISOString(),
  before: withoutGeometry(e.before),
  after: withoutGeometry(e.after),
});

/**
 * The audit log for people: the newest entries a reader may read (row-level security by the
 * audited record's label), narrowed to a kind of record or one record; chain verification for
 * admins (the CLI's `guarantor audit verify` does the same).
 */
export const auditRoutes =
  ({ database }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary:
            'The newest audit entries you may read, newest first; entries about users and API tokens for admins only',
          querystring: z.strictObject({
            entity: z
              .string()
              .regex(
                /^[a-z_]{1,40}(,[a-z_]{1,40}){0,9}$/,
                'must be record kinds separated by commas, e.g. zone,incident',
              )
              .optional()
              .describe('comma-separated record kinds: app_user, api_token, zone, incident, offer, plan, …'),
            entityId: z.string().min(1).max(300).optional().describe("one record's id"),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().optional().describe('the `next` of the previous page'),
          }),
          response: {
            200: matches<Api.AuditEntriesResponse>()(
              z.object({ entries: z.array(AuditEntryView), next: z.string().nullable() }),
            ),
          },
        },
      },
      async (request) => {
        const principal = requireUser(request);
        const admin = principal.user.roles.includes('admin');
        const entities = request.query.entity?.split(',');
        if (!admin && entities?.some((e) => IDENTITY_ENTITIES.includes(e)))
          throw new AppError('auth.forbidden', { key: 'audit.needsAdmin' }, 'query.entity');
        const beforeSeq =
          request.query.cursor === undefined
            ? undefined
            : decodeCursor('audit', request.query.cursor, ([seq, ...rest]) =>
                rest.length === 0 && Number.isSafeInteger(seq) && (seq as number) > 0
                  ? (seq as number)
                  : undefined,
              );
        const limit = request.query.limit;
        const entries = await asReader(database.db, principal.reader, (trx) =>
          listAuditEntries(trx, {
            ...(entities ? { entities } : {}),
            ...(admin ? {} : { excludeEntities: IDENTITY_ENTITIES }),
            ...(request.query.entityId ? { entityId: request.query.entityId } : {}),
            ...(beforeSeq === undefined ? {} : { beforeSeq }),
            limit: limit + 1,
          }),
        );
        const shown = entries.slice(0, limit);
        const last = shown.at(-1);
        return {
          entries: shown.map(presentEntry),
          next: entries.length > limit && last ? encodeCursor('audit', [last.seq]) : null,
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
        const visible = await asReader(database.db, reader, (trx) =>
          visibleAuditFacts(trx, verdict.ok ? undefined : verdict.brokenAtSeq),
        );
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
