/**
 * What the OpenAPI document adds to each route's own schemas: an operationId a generated client
 * can name its methods by, and the error body every route may answer with (4XX, 5XX).
 */
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ERRORS } from './errors.ts';
import { EXPORT_TYPES, formatsOf, LISTS } from './exports/lists.ts';

/** The error body of every 4xx and 5xx answer (errors.ts). */
const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERRORS), description: 'stable; a client may act on it' },
        message: { type: 'string', description: 'what was wrong and what to do, in words' },
        field: { type: 'string', description: 'the request field at fault, e.g. body.observations[3].time' },
        details: {
          type: 'object',
          description: 'particulars a client can act on (every problem of a refused file)',
        },
        requestId: {
          type: 'string',
          description: 'the x-request-id header; quote it when reporting a fault',
        },
      },
    },
  },
} as const;

/** `GET /api/phases/rules/:id` → `getPhasesRulesById`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .map((s) => (s.startsWith(':') ? `by-${s.slice(1)}` : s));
  const camel = words
    .join('-')
    .split(/[-_.]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${method.toLowerCase()}${camel}`;
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * The answers of routes that do not answer JSON (files, tiles, streams) or answer nothing, by
 * route: their media type and what they hold, for the document.
 */
const OTHER_ANSWERS: Readonly<Record<string, { status: string; type?: string; description: string }>> = {
  '/api/auth/logout': {
    status: '204',
    description: 'Signed out: the session is ended and its cookie cleared',
  },
  // The exports of every list (ADR 0038): GET <list route>.csv|.xlsx|.geojson|.gpkg.
  ...Object.fromEntries(
    LISTS.flatMap((list) =>
      formatsOf(list).map((format) => [
        `${list.list}.${format}`,
        { status: '200', type: EXPORT_TYPES[format], description: `${list.title}, every row, as .${format}` },
      ]),
    ),
  ),
  '/api/lead-matrix.csv': {
    status: '200',
    type: 'text/csv',
    description: 'Who does what where: the lead matrix with HXL hashtags',
  },
  '/api/finance/summary.csv': {
    status: '200',
    type: 'text/csv',
    description: 'Promise to delivery per donor and category (and month), in euros',
  },
  '/ogc/collections/:collection/queryables': {
    status: '200',
    type: 'application/schema+json',
    description:
      'A JSON Schema (2020-12) whose properties are the query parameters the collection filters by, each with its values',
  },
  '/api/incidents.gpkg': {
    status: '200',
    type: 'application/geopackage+sqlite3',
    description: 'A GeoPackage with one point layer, incidents, under the filters given',
  },
  '/api/zones.gpkg': {
    status: '200',
    type: 'application/geopackage+sqlite3',
    description: 'A GeoPackage with two layers, zone_areas and zone_lines',
  },
  '/api/tak/package.zip': {
    status: '200',
    type: 'application/zip',
    description:
      'A TAK data package: MANIFEST/manifest.xml, each zone as a CoT shape, zones.kml, and optionally incidents and a feed connection',
  },
  '/api/finance/activities.xml': {
    status: '200',
    type: 'application/xml',
    description:
      'IATI 2.03 activities with their transactions (allocations left out, counted in X-IATI-Left-Out)',
  },
  '/api/finance/flows.csv': {
    status: '200',
    type: 'text/csv',
    description: 'Every flow you may see, with HXL hashtags in the second row',
  },
  '/api/finance/flows.xlsx': {
    status: '200',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    description: 'Every flow you may see as a workbook',
  },
  '/public': {
    status: '200',
    type: 'text/html',
    description: 'The public transparency page (PUBLIC records only)',
  },
  ...Object.fromEntries(
    ['donors', 'sectors', 'ceasefire', 'patrols'].map((chart) => [
      `/api/public/${chart}.csv`,
      { status: '200', type: 'text/csv', description: `The data behind the public ${chart} chart` },
    ]),
  ),
  '/api/territory/land-options/compare.csv': {
    status: '200',
    type: 'text/csv',
    description: 'Land options side by side, one row per option, names in words',
  },
  '/api/meetings/:id/record.pdf': {
    status: '200',
    type: 'application/pdf',
    description:
      "The meeting's record as PDF in the reader's language, marked with the meet of its contents' labels (also in X-Releasability)",
  },
  '/api/territory/land-options/compare.pdf': {
    status: '200',
    type: 'application/pdf',
    description: 'Land options side by side as a PDF brief, with the method',
  },
  '/api/territory/land-options/compare.xlsx': {
    status: '200',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    description: 'Land options side by side as a workbook, with the method',
  },
  '/api/lead-matrix.xlsx': {
    status: '200',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    description: 'The lead matrix as a workbook',
  },
  '/api/sustainment-plans/:id/export.xlsx': {
    status: '200',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    description: 'A sustainment plan as a workbook: timeline, cliffs, nations over time, shortfalls',
  },
  '/api/map/neighbours': {
    status: '200',
    type: 'application/geo+json',
    description:
      "Outlines of Ukraine's neighbours (Natural Earth via visionscarto): a FeatureCollection with name and iso3",
  },
  '/api/map/units': {
    status: '200',
    type: 'application/geo+json',
    description:
      "Outlines of Ukraine's 27 first-level units (geoBoundaries): a FeatureCollection with code, nameEn, nameUk and kind",
  },
  '/api/reports/daily': {
    status: '200',
    type: 'application/pdf',
    description: 'The daily report as PDF (or HTML with format=html)',
  },
  '/api/reports/spot/:incidentId': {
    status: '200',
    type: 'application/pdf',
    description: 'A spot report on one incident',
  },
  '/api/incidents.csv': {
    status: '200',
    type: 'text/csv',
    description:
      'Every incident under the filters, for spreadsheets: UTF-8 with a byte-order mark, names in words, ISO 8601 UTC, WGS 84',
  },
  '/api/incidents.geojson': {
    status: '200',
    type: 'application/geo+json',
    description: 'Every incident under the filters as a GeoJSON FeatureCollection (WGS 84)',
  },
  '/api/incidents.cot': {
    status: '200',
    type: 'application/xml',
    description: 'The incidents as Cursor on Target events',
  },
  '/tiles/incidents/:z/:x/:y.mvt': {
    status: '200',
    type: 'application/vnd.mapbox-vector-tile',
    description: 'A Mapbox vector tile of the incidents you may see (204 when empty)',
  },
  '/tiles/routes/:id/:z/:x/:y.mvt': {
    status: '200',
    type: 'application/vnd.mapbox-vector-tile',
    description: 'A Mapbox vector tile of a route network’s segments with their risk (empty when none)',
  },
  '/api/live': {
    status: '200',
    type: 'text/event-stream',
    description: 'Server-sent events: incidents as they change',
  },
  '/api/cell/live': {
    status: '200',
    type: 'text/event-stream',
    description: 'Server-sent events: the cell’s decisions, actions and meetings as they are recorded',
  },
  '/api/basemap/:z/:x/:tile': {
    status: '200',
    type: 'application/vnd.mapbox-vector-tile',
    description: 'A base-map tile from the PMTiles archive: MVT, or the image type the archive holds',
  },
  '/api/meetings/:id/record': {
    status: '200',
    type: 'text/html',
    description: 'The printable record of a meeting',
  },
};

/** fastify-type-provider-zod's transform, then an operationId and the error responses. */
export function documentTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown>;
  if (schema['hide']) return out;
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  const response = { ...((schema['response'] ?? {}) as Record<string, unknown>) };
  const other = OTHER_ANSWERS[input.url];
  if (other && !Object.keys(response).some((status) => status.startsWith('2'))) {
    response[other.status] = other.type
      ? {
          description: other.description,
          content: { [other.type]: { schema: { type: 'string', format: 'binary' } } },
        }
      : { description: other.description, type: 'null' };
  }
  return {
    ...out,
    schema: {
      ...schema,
      operationId: schema['operationId'] ?? operationIdOf(method, input.url),
      response: {
        ...response,
        '4XX': { description: 'Refused: the error says what was wrong, and the field', ...ERROR_BODY },
        '5XX': {
          description: 'A fault of ours, or the database is away: retry, or quote requestId',
          ...ERROR_BODY,
        },
      },
    },
  } as ReturnType<typeof jsonSchemaTransform>;
}
