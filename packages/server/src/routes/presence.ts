/**
 * Humanitarian presence (3W) from HXL tables: import one (cell staff, analysts) and read it per
 * region, beside the lead matrix: who leads a region, and which organisations are there.
 */
import type * as Api from '@guarantor/core/api';
import { indexCatalogue, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import type { CsvRecord } from '@guarantor/core/imports';
import {
  csvRecords,
  hxlJsonRecords,
  hxlPresence,
  ImportFileError,
  readHxlTable,
} from '@guarantor/core/imports';
import { asReader, listPresence, replacePresence } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';
import { labelFromRequest } from './inputs.ts';

const CATALOGUE = indexCatalogue(SHIPPED_CATALOGUE);

/** Bytes of one HXL table. */
const PRESENCE_BODY_LIMIT = 10 * 1024 * 1024;

const RegionPresenceView = matches<Api.RegionPresence>()(
  z.object({
    regionCode: z.string(),
    regionName: z.string(),
    organisations: z.array(z.string()),
    organisationCount: z.number().int(),
    sectors: z.array(z.string()),
    peopleReached: z.number().nullable(),
    sources: z.array(z.string()),
    releasability: z.string(),
  }),
);
const Problem = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
const ImportView = matches<Api.PresenceImportResponse>()(
  z.object({
    source: z.string(),
    regions: z.number().int(),
    hashtagRow: z.number().int(),
    renamed: z.array(z.string()),
    problems: z.array(Problem),
    unplaced: z.array(z.object({ unit: z.string(), reason: z.string() })),
  }),
);

export const presenceRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(
      ['text/csv', 'application/hxl+json'],
      { parseAs: 'buffer', bodyLimit: PRESENCE_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    r.get(
      '/api/presence',
      {
        schema: {
          tags: ['presence'],
          summary: 'Humanitarian presence (3W) per first-level unit, from the HXL tables you may see',
          response: { 200: z.object({ regions: z.array(RegionPresenceView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const regions = await asReader(database.db, reader, (trx) => listPresence(trx));
        return {
          regions: regions.map((p) => ({
            ...p,
            // The name every page gives the unit (the lead matrix's), not the store's transliteration.
            regionName: CATALOGUE.region.get(p.regionCode)?.name ?? p.regionName,
            organisations: [...p.organisations],
            sectors: [...p.sectors],
            sources: [...p.sources],
          })),
        };
      },
    );

    r.post(
      '/api/presence/import',
      {
        bodyLimit: PRESENCE_BODY_LIMIT,
        schema: {
          tags: ['presence'],
          summary:
            'Import an HXL table of presence (cell staff, analysts): CSV (text/csv) or HXL JSON; replaces what the same source said',
          description:
            'The hashtag row may sit under rows of headers. The unit comes from #adm1+code (an OCHA p-code such as UA71, or ISO 3166-2) or #adm1 as a name; organisations from #org or #org+count; sectors from #sector (+names: a comma-separated list); people reached from #reached. Pre-1.0 hashtags (#adm1_code) are read as their 1.0 form. The source lives in your namespace (ocha-3w@FRA).',
          querystring: z.strictObject({
            source: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a short name: a-z, 0-9, . _ -')
              .describe('the name of this table, e.g. ocha-3w-2022'),
            releasability: z.string().default('COALITION'),
          }),
          response: { 200: ImportView },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'analyst');
        const label = labelFromRequest(request.query.releasability, 'query.releasability');
        const body = request.body;
        let records: CsvRecord[] | undefined;
        if (body instanceof Uint8Array) {
          records = [];
          try {
            for await (const record of csvRecords([body], { bytesRead: 0 })) records.push(record);
          } catch (error) {
            if (!(error instanceof ImportFileError)) throw error;
            throw new AppError(
              'import.refused',
              { key: 'presence.refused', params: { reason: error.message } },
              'body',
            );
          }
        } else records = hxlJsonRecords(body);
        if (!records) {
          throw new AppError('import.refused', { key: 'presence.sendHxl' }, 'body');
        }
        const table = readHxlTable(records);
        if (!table) {
          throw new AppError('import.refused', { key: 'presence.noHashtags' }, 'body');
        }
        const presence = hxlPresence(table);
        if (!('units' in presence))
          throw new AppError(
            'import.refused',
            { key: 'presence.refused', params: { reason: presence.problem } },
            'body',
          );
        const summary = await asReader(database.db, principal.reader, (trx) =>
          replacePresence(trx, request.query.source, presence.units, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            label,
            at: clock.now(),
          }),
        );
        return {
          source: summary.source,
          regions: summary.regions,
          hashtagRow: table.hashtagRow,
          renamed: [...table.renamed],
          problems: [...presence.problems],
          unplaced: [...summary.unplaced],
        };
      },
    );
  };
