/**
 * POST /api/observations/import: a file laid out by others (an ACLED export, an NGO spreadsheet,
 * a GeoJSON file) read through a preset or a mapping in the query, as `guarantor import` reads
 * it. Every row of the user's file is reported; a rejected row refuses the whole file unless
 * acceptPartial. The user's nation is every row's nation unless the file names one (and then a
 * row of another nation is refused): a nation reports only for itself.
 */
import type * as Api from '@guarantor/core/api';
import type { Words } from '@guarantor/core/i18n';
import { joined, reasoned, reasonIn, reasonValue } from '@guarantor/core/i18n/reasons';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import {
  CSV_DELIMITERS,
  type CsvDelimiter,
  type ImportMapping,
  type ImportOptions,
  type ImportRowResult,
  inlineValueTable,
  mappingFromFlags,
  readCsvObservations,
  readGeoJsonObservations,
  readTableObservations,
  readUcdpObservations,
} from '@guarantor/core/imports';
import { z } from 'zod';
import { requireRole, submitterKey } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { wordsFor } from '../../i18n.ts';
import { loadPreset, PresetError, presetNames } from '../../imports/presets.ts';
import { xlsxRecords } from '../../imports/xlsx.ts';
import { ingestObservations } from '../../monitoring/intake.ts';
import { readerWords } from '../../words.ts';
import { matches } from '../contract.ts';
import type { MonitoringContext } from './context.ts';
import { labelOrDefault, MAX_BATCH } from './views.ts';

/** Bytes of one imported file. */
const FILE_BODY_LIMIT = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMATS = ['csv', 'xlsx', 'geojson', 'ucdp'] as const;

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const RejectionView = z.object({
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
  code: z
    .string()
    .optional()
    .describe(
      "the reason's stable code (its catalogue key), where the reason has one; `reason` is in the reader's language",
    ),
});
const FileImportView = matches<Api.FileImportResponse>()(
  z.object({
    rowsRead: z.number().int(),
    stored: z.number().int(),
    replaced: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(RejectionView),
    notices: z.array(z.string()),
  }),
);

export function fileImportRoutes({ r, app, database, clock, service }: MonitoringContext): void {
  // The file's bytes as sent: its encoding is the reader's to find out (UTF-8, Windows-1251, …).
  app.addContentTypeParser(
    ['text/csv', 'application/geo+json', XLSX],
    { parseAs: 'buffer', bodyLimit: FILE_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  r.post(
    '/api/observations/import',
    {
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags: ['monitoring'],
        summary:
          'Import a file of events laid out by others (CSV, XLSX, GeoJSON, UCDP GED) through a preset or a column mapping; every row reported',
        description:
          'The body is the file itself: Content-Type text/csv, application/geo+json or the XLSX type. The query maps its columns to the fields of the generic layout (docs/import-csv.md): ' +
          '`preset` (a shipped one), `map=field=column`, `set=field=value`, `values=field=column:a=b;c=d`, `uidFrom`, `zone`, `dateOrder`. ' +
          "Your nation is every row's nation unless the file names one; a row naming another nation is refused. " +
          'A rejected row refuses the whole file (400 import.rows_rejected, every row in error.details.rejected) unless acceptPartial=true.',
        querystring: z.strictObject({
          format: z
            .enum(FORMATS)
            .optional()
            .describe("the file's layout; default: the preset's, else from the content type"),
          preset: z
            .string()
            .max(64)
            .optional()
            .describe(`a shipped preset: ${presetNames().join(', ')}`),
          map: many.describe('field=column (repeatable)'),
          set: many.describe('field=value (repeatable)'),
          values: many.describe('field=column:value=field value;…;*=default (repeatable)'),
          uidFrom: z
            .string()
            .max(500)
            .optional()
            .describe('comma-separated columns whose values make the uid'),
          zone: z.string().max(64).optional().describe('IANA zone for times without one, e.g. Europe/Kyiv'),
          dateOrder: z.enum(['dmy', 'mdy']).optional(),
          encoding: z.string().max(32).optional().describe('default: UTF-8, or Windows-1251 when not UTF-8'),
          delimiter: z.enum(['comma', 'semicolon', 'tab']).optional(),
          sheet: z.string().max(100).optional().describe('the XLSX worksheet (default: the first)'),
          acceptPartial: z
            .enum(['true', 'false'])
            .optional()
            .describe('store the accepted rows even when others are rejected'),
          releasability: z.string().optional().describe('label of the observations; default COALITION'),
        }),
        response: { 200: FileImportView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'monitor', 'analyst', 'admin');
      const query = request.query;
      const body = request.body;
      if (!(body instanceof Uint8Array) || body.byteLength === 0) {
        throw new AppError('request.invalid', { key: 'imports.sendTheFile' }, 'body');
      }
      const label = labelOrDefault(query.releasability, 'query.releasability', { kind: 'COALITION' });
      let preset: ReturnType<typeof loadPreset> | undefined;
      try {
        preset = query.preset ? loadPreset(query.preset, false) : undefined;
      } catch (error) {
        if (error instanceof PresetError)
          throw new AppError(
            'request.invalid',
            { key: 'imports.presetRefused', params: { reason: error.message } },
            'query.preset',
          );
        throw error;
      }
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      const format =
        query.format ??
        (preset === 'ucdp' ? 'ucdp' : preset?.format) ??
        (type === XLSX ? 'xlsx' : type === 'application/geo+json' ? 'geojson' : 'csv');
      const mapping =
        format === 'ucdp'
          ? undefined
          : mappingOf(preset === 'ucdp' ? undefined : preset?.mapping, query, principal.user.nation);
      const notices: string[] = [];
      const options: ImportOptions = {
        reportedAtMs: clock.now().getTime(),
        ...(mapping ? { mapping } : {}),
        ...(query.encoding ? { encoding: query.encoding } : {}),
        ...(query.delimiter ? { delimiter: DELIMITER[query.delimiter] } : {}),
        onNotice: (notice) => notices.push(notice),
      };
      const rows: AsyncIterable<ImportRowResult> =
        format === 'xlsx'
          ? readTableObservations(xlsxRecords(body, query.sheet), options)
          : (format === 'geojson'
              ? readGeoJsonObservations
              : format === 'ucdp'
                ? readUcdpObservations
                : readCsvObservations)([body], options);
      const accepted: { row: number; observation: unknown }[] = [];
      const rejected: (Api.ImportRejection & { readonly refusal?: Refusal })[] = [];
      let refused = false;
      for await (const result of rows) {
        // UCDP names no nation (XXX): the user's nation vouches for the file, as --nation does.
        if (result.ok)
          accepted.push({
            row: result.row,
            observation:
              format === 'ucdp'
                ? {
                    ...result.observation,
                    source: { ...result.observation.source, nation: principal.user.nation },
                  }
                : result.observation,
          });
        else {
          rejected.push(reasoned({ row: result.row, field: result.field }, result));
          refused ||= result.refused === true;
        }
      }
      // The reasons in the reader's words, each with its code; notices stay as the reader reads them in the CLI.
      const worded = (w: Words): Api.ImportRejection[] =>
        rejected.map((r) => ({
          row: r.row,
          field: r.field,
          reason: reasonIn(w, r),
          ...(r.refusal ? { code: r.refusal.key } : {}),
        }));
      if (refused) {
        throw new AppError(
          'import.refused',
          { key: 'imports.fileRefused', params: { reason: reasonValue(rejected[0]!) } },
          'body',
          (w: Words) => ({ rejected: worded(w), notices }),
        );
      }
      if (rejected.length > 0 && query.acceptPartial !== 'true') {
        const first = rejected[0]!;
        throw new AppError(
          'import.rows_rejected',
          {
            key: 'imports.rowsRejected',
            params: {
              rejected: rejected.length,
              rows: accepted.length + rejected.length,
              row: first.row,
              field: first.field,
              reason: reasonValue(first),
              accepted: accepted.length,
            },
          },
          'body',
          (w: Words) => ({ rejected: worded(w), notices }),
        );
      }
      const rowsRead = accepted.length + rejected.length;
      const tally = { stored: 0, replaced: 0, unchanged: 0 };
      const sender = {
        reader: principal.reader,
        username: principal.user.username,
        submitter: submitterKey(principal),
        source: principal.token?.source ?? null,
      };
      for (let at = 0; at < accepted.length; at += MAX_BATCH) {
        const chunk = accepted.slice(at, at + MAX_BATCH);
        const results = await ingestObservations(
          database,
          sender,
          chunk.map((a) => ({ value: a.observation, label })),
          service.worker.fresh,
        );
        results.forEach((result, i) => {
          if (result.status === 'rejected')
            rejected.push(
              reasoned(
                { row: chunk[i]!.row, field: result.field ?? 'row' },
                {
                  reason: result.message ?? 'rejected',
                  ...(result.refusal ? { refusal: result.refusal } : {}),
                },
              ),
            );
          else tally[result.status]++;
        });
      }
      service.worker.wake();
      const w = rejected.length > 0 ? await readerWords(database, request) : wordsFor('en');
      return { rowsRead, ...tally, rejected: worded(w), notices };
    },
  );
}

const DELIMITER: Readonly<Record<'comma' | 'semicolon' | 'tab', CsvDelimiter>> = {
  comma: CSV_DELIMITERS[0],
  semicolon: CSV_DELIMITERS[1],
  tab: CSV_DELIMITERS[2],
};

/** The preset's mapping with the query's flags over it, the user's nation every row's unless the file names one. */
function mappingOf(
  base: ImportMapping | undefined,
  query: {
    map: string[];
    set: string[];
    values: string[];
    uidFrom?: string | undefined;
    zone?: string | undefined;
    dateOrder?: 'dmy' | 'mdy' | undefined;
  },
  nation: string,
): ImportMapping | undefined {
  const values = query.values.map((spec) => {
    const colon = spec.indexOf(':');
    const table = colon > 0 ? inlineValueTable(spec.slice(colon + 1)) : undefined;
    if (!table) {
      throw new AppError(
        'request.invalid',
        { key: 'imports.valuesSyntax', params: { spec } },
        'query.values',
      );
    }
    return { spec: spec.slice(0, colon), table };
  });
  const built = mappingFromFlags(base, {
    map: query.map,
    set: query.set,
    values,
    ...(query.uidFrom ? { uidFrom: query.uidFrom.split(',').map((c) => c.trim()) } : {}),
    ...(query.zone ? { zone: query.zone } : {}),
    ...(query.dateOrder ? { dateOrder: query.dateOrder } : {}),
    defaultNation: nation,
  });
  if (!built.ok)
    throw new AppError(
      'request.invalid',
      {
        key: 'imports.queryRefused',
        params: { problems: { refusal: joined(built.reasons.map((r) => r.refusal)) } },
      },
      'query',
      {
        problems: built.problems,
      },
    );
  return built.mapping;
}
