/**
 * Imported finance sources and who may see them, and announcing one (issue 18): a pledge kept
 * NATIONAL until announced is released whole to a wider label by the nation that imported it,
 * with one audit entry. Read and released as the reader: row-level security decides which
 * sources exist for them, so a hidden source and a missing one both answer 404.
 */
import type * as Api from '@guarantor/core/api';
import { asReader, financeSources, ReleaseRefusal, releaseFinanceSource, sourceOwner } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../app.ts';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';

const SourcesView = matches<Api.FinanceSourcesResponse>()(
  z.object({
    sources: z.array(
      z.object({
        source: z.string(),
        sourceDocument: z.string(),
        flows: z.number().int(),
        needs: z.number().int(),
        importedBy: z.string(),
        importedAt: z.string(),
        labels: z.array(z.string()),
        owner: z.string().nullable(),
      }),
    ),
  }),
);

const ReleaseView = matches<Api.FinanceReleaseResponse>()(
  z.object({
    source: z.string(),
    before: z.string(),
    after: z.string(),
    flows: z.number().int(),
    needs: z.number().int(),
  }),
);

export const financeReleaseRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/finance/sources',
      {
        schema: {
          tags: ['finance'],
          summary:
            'The imported finance sources you may see (flows and needs), each with its records’ labels and the nation that imported it',
          response: { 200: SourcesView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const sources = await asReader(database.db, reader, (trx) => financeSources(trx));
        return {
          sources: sources.map((s) => ({
            ...s,
            labels: [...s.labels],
            importedAt: s.importedAt.toISOString(),
            owner: sourceOwner(s.source),
          })),
        };
      },
    );
    r.put(
      '/api/finance/sources/:source/releasability',
      {
        schema: {
          tags: ['finance'],
          summary:
            'Release an imported source whole to a wider label, e.g. announce a NATIONAL pledge as PUBLIC (finance officers and cell staff of the importing nation)',
          description:
            'Every flow and need of the source takes the new label, which must admit every reader its label admits today (400 finance.release_narrows otherwise; import the file again to narrow it). A source already so labelled answers 409 finance.release_unchanged. One audit entry, under the source’s label before the release.',
          params: z.strictObject({ source: z.string().min(1).max(200) }),
          body: z.strictObject({
            releasability: z.string().min(1).max(200).describe('PUBLIC, COALITION, REL TO <ISO3, …>'),
          }),
          response: { 200: ReleaseView },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'finance', 'cell_staff');
        const label = labelFromRequest(request.body.releasability, 'body.releasability');
        try {
          return await asReader(database.db, principal.reader, (trx) =>
            releaseFinanceSource(trx, request.params.source, request.body.releasability, {
              username: principal.user.username,
              nation: principal.user.nation,
              at: clock.now(),
            }),
          );
        } catch (error) {
          if (!(error instanceof ReleaseRefusal)) throw error;
          if (error.kind === 'not_found') throw new AppError('not_found', error.refusal, 'params.source');
          if (error.kind === 'not_yours')
            throw new AppError('auth.forbidden', error.refusal, 'params.source');
          if (error.kind === 'unchanged')
            throw new AppError('finance.release_unchanged', error.refusal, 'body.releasability');
          throw new AppError('finance.release_narrows', error.refusal, 'body.releasability', {
            to: label.kind,
          });
        }
      },
    );
  };
