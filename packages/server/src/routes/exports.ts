/**
 * The exports of every list (issue 20, ADR 0038): `GET <list route>.csv|.xlsx|.geojson|.gpkg`
 * with the list's own query. The export asks the list route for its answer with the caller's own
 * credentials, walking every page of a paged list, so its rows are the screen's rows: the same
 * filters (the list validates them), the same releasability, the same count.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { type ExportFormat, formatsOf, LISTS, type ListExport } from '../exports/lists.ts';
import {
  CSV_TYPE,
  GEOJSON_TYPE,
  GPKG_TYPE,
  toCsv,
  toGeoJson,
  toGpkg,
  toXlsx,
  XLSX_TYPE,
} from '../exports/table.ts';

const TYPES: Record<ExportFormat, string> = {
  csv: CSV_TYPE,
  xlsx: XLSX_TYPE,
  geojson: GEOJSON_TYPE,
  gpkg: GPKG_TYPE,
};

/** The export route of a list in one format: the list's URL with the format's ending. */
export const exportUrl = (list: ListExport, format: ExportFormat): string => `${list.list}.${format}`;

/** The answer of a list route that was not a page of rows: passed on as it is (400, 403, 404…). */
class ListRefused extends Error {
  readonly statusCode: number;
  readonly contentType: string;
  readonly payload: Buffer;
  constructor(statusCode: number, contentType: string, payload: Buffer) {
    super(`the list answered ${statusCode}`);
    this.statusCode = statusCode;
    this.contentType = contentType;
    this.payload = payload;
  }
}

/** Every row of the list under the request's query, as the caller may see them. */
async function listRows(
  app: FastifyInstance,
  request: FastifyRequest,
  list: ListExport,
  maxRows: number,
): Promise<unknown[]> {
  const params = request.params as Record<string, string>;
  const path = list.list.replaceAll(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const query = new URLSearchParams(request.raw.url?.split('?')[1] ?? '');
  if (list.pageLimit) {
    query.delete('cursor');
    query.set('limit', String(list.pageLimit));
  }
  if (list.english) query.set('lang', 'en');
  const headers: Record<string, string> = {};
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  if (request.headers.authorization) headers.authorization = request.headers.authorization;
  const rows: unknown[] = [];
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `${path}?${query}`, headers });
    if (res.statusCode !== 200)
      throw new ListRefused(
        res.statusCode,
        String(res.headers['content-type'] ?? 'application/json'),
        res.rawPayload,
      );
    const answer = res.json() as { next?: string | null };
    rows.push(...list.rows(answer));
    // Checked before anything is sent: a refused export sends no partial file.
    if (rows.length > maxRows)
      throw new AppError('export.too_large', {
        key: 'exports.tooLarge',
        params: { max: maxRows, list: list.list },
      });
    if (!list.pageLimit || !answer.next) return rows;
    query.set('cursor', answer.next);
  }
}

export const exportRoutes =
  ({ clock, config }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const maxRows = config.EXPORT_MAX_ROWS;
    const r = app.withTypeProvider<ZodTypeProvider>();
    for (const list of LISTS) {
      const params = [...list.list.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const format of formatsOf(list)) {
        r.get(
          exportUrl(list, format),
          {
            schema: {
              tags: ['exports'],
              summary: `${list.summary}, as ${FORMAT_WORDS[format]}`,
              description: `Takes the query parameters of GET ${list.list} (paging aside: every row is given, at most ${maxRows.toLocaleString('en-GB')}); columns in words, times ISO 8601 with their offset, coordinates WGS 84.`,
              ...(params.length > 0
                ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string().min(1).max(300)]))) }
                : {}),
              querystring: z.looseObject({}).describe(`the filters of GET ${list.list}`),
              produces: [TYPES[format].split(';')[0]!],
            },
          },
          async (request, reply) => {
            requireUser(request);
            let rows: unknown[];
            try {
              rows = await listRows(app, request, list, maxRows);
            } catch (error) {
              if (!(error instanceof ListRefused)) throw error;
              return reply.status(error.statusCode).type(error.contentType).send(error.payload);
            }
            reply
              .type(TYPES[format])
              .header('content-disposition', `attachment; filename="${list.name}.${format}"`);
            if (format === 'csv') return toCsv(list, rows);
            if (format === 'xlsx') return reply.send(await toXlsx(list, rows, clock.now()));
            if (format === 'geojson') return toGeoJson(list, rows);
            return reply.send(toGpkg(list, rows, clock.now()));
          },
        );
      }
    }
  };

const FORMAT_WORDS: Record<ExportFormat, string> = {
  csv: 'CSV (UTF-8 with BOM, RFC 4180, formula-safe)',
  xlsx: 'an XLSX workbook',
  geojson: 'a GeoJSON FeatureCollection (WGS 84)',
  gpkg: 'a GeoPackage (WGS 84)',
};
