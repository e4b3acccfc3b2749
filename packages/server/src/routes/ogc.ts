/**
 * OGC API – Features, Part 1 (Core, GeoJSON) at /ogc (issue 20): the layers Guarantor holds, for
 * QGIS, ArcGIS and GDAL with no glue code. A Bearer token or a session reads what its nation may
 * read; a request with neither reads PUBLIC records only, through the same row-level security
 * as every other route. Errors are OGC exceptions ({ code, description }) naming the parameter.
 *
 * Collections: incidents (keyset-paged like /api/incidents), observations (by uid), zones and
 * sectors (the monitoring zones), hubs, and units (Ukraine's 27 first-level units, reference data);
 * control areas, land options, route segments, checkpoints and corridors, filtered and keyset-paged
 * in SQL (packages/db/src/ogc-layers.ts).
 * Part 3's queryables: each collection lists the properties it filters by as query parameters
 * (`?category=explosion_impact,burst_and_shots&state=verified`); CQL2 is not offered
 * (docs/adr/0029-ogc-api-features.md; what was tried: 0045-ogc-layers-from-sql-and-still-no-cql2.md).
 */
import { CATEGORIES, INCIDENT_STATES } from '@guarantor/core/monitoring';
import { ZONE_KINDS } from '@guarantor/core/zones';
import {
  asReader,
  getIncident,
  getObservation,
  type HubRecord,
  type IncidentFilter,
  type IncidentRecord,
  listHubs,
  listIncidents,
  listObservations,
  listZones,
  type ObservationListRecord,
  OGC_SQL_LAYERS,
  type OgcSqlLayer,
  ogcLayerItem,
  ogcLayerPage,
  PUBLIC_READER,
  type ReaderContext,
  type ZoneRecord,
} from '@guarantor/db';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { AppError } from '../errors.ts';
import { shippedUnits } from '../places.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { documentedAs, featuresOf, GeometryShape } from './documented.ts';
import { presentIncident } from './monitoring/views.ts';

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
/** Ukraine and its neighbours' border areas, for the collections' extent. */
const AREA: [number, number, number, number] = [22.0, 44.3, 40.3, 52.4];

const Link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string(),
  title: z.string().optional(),
});
const CollectionShape = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  itemType: z.string(),
  crs: z.array(z.string()),
  extent: z.object({
    spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }),
    temporal: z.object({ interval: z.array(z.array(z.string().nullable())) }).optional(),
  }),
  links: z.array(Link),
});
/** A feature's fields, as in the app's own API (incidents: category, state, start, …; zones: kind, name, …). */
const Properties = documentedAs(
  z.record(z.string(), z.unknown()),
  z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]))
    .describe("the record's fields, as in the app's own API"),
);
const CollectionParams = z.object({
  collection: z
    .string()
    .describe(
      'incidents, observations, zones, sectors, hubs, units, control-areas, land-options, route-segments, checkpoints or corridors',
    ),
});

/** An OGC API exception: status, an OGC exception code, and what to do. */
class OgcError extends Error {
  readonly status: 400 | 404;
  readonly code: 'InvalidParameterValue' | 'NotFound';
  constructor(status: 400 | 404, code: 'InvalidParameterValue' | 'NotFound', description: string) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

interface Collection {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Whether the collection has a time dimension (incidents, zones' validity). */
  readonly temporal: boolean;
}

const COLLECTIONS: readonly Collection[] = [
  {
    id: 'incidents',
    title: 'Incidents',
    description:
      'Fused ceasefire incidents (points), newest first, with category, state, time window, count, confidence and releasability label.',
    temporal: true,
  },
  {
    id: 'observations',
    title: 'Observations',
    description:
      "Each source's report (patrols, cameras, UAVs, CoT, …) as received, in uid order: source, category, count, time window, location uncertainty and releasability label.",
    temporal: true,
  },
  {
    id: 'zones',
    title: 'Monitoring zones',
    description:
      'Every monitoring zone (buffer, withdrawal, exclusion, sectors, corridors) with its kind, version and validity; zones marked illustrative are not agreed lines.',
    temporal: true,
  },
  {
    id: 'sectors',
    title: 'Monitoring sectors',
    description: 'The sectors the ceasefire is judged in, one polygon each.',
    temporal: true,
  },
  {
    id: 'hubs',
    title: 'Hubs and staging sites',
    description:
      'Equipment-protection hubs, staging, logistics and medical sites, with the nations that run them, a MIL-STD-2525C symbol code and releasability label; sites marked illustrative are made up for the demo.',
    temporal: false,
  },
  {
    id: 'units',
    title: "Ukraine's first-level units",
    description:
      "Ukraine's 27 oblasts, cities with special status and the Autonomous Republic of Crimea (ISO 3166-2 code, English and Ukrainian names; geoBoundaries, CC BY 4.0).",
    temporal: false,
  },
  {
    id: 'control-areas',
    title: 'Control areas',
    description:
      'The area each side held on a date, one MultiPolygon per imported version, with its source, geodesic area (km²) and releasability label; datetime selects versions by the date they describe.',
    temporal: true,
  },
  {
    id: 'land-options',
    title: 'Land options',
    description:
      'Alternative demarcations under discussion, the newest version of each you may read: a line (with the side the occupying force would hold) or an area.',
    temporal: false,
  },
  {
    id: 'route-segments',
    title: 'Route segments',
    description:
      'The segments of the logistics route networks (lines), with their network, length in metres and releasability label.',
    temporal: false,
  },
  {
    id: 'checkpoints',
    title: 'Checkpoints',
    description: 'Checkpoints with the nations that man them, their daily shifts (UTC) and status.',
    temporal: false,
  },
  {
    id: 'corridors',
    title: 'Humanitarian corridors',
    description:
      'Each corridor as its route (its segments, in order) with the guarantor nations and its windows; datetime selects corridors with a window (not cancelled) in the interval.',
    temporal: true,
  },
];

const SQL_LAYERS: ReadonlySet<string> = new Set(OGC_SQL_LAYERS);

/** A property a collection filters by, as a query parameter taking one value or several (comma-separated). */
interface Queryable {
  readonly name: string;
  readonly title: string;
  /** The values it takes; absent: any text. */
  readonly values?: readonly string[];
  /** The form each value must have, and that form in words for the refusal. */
  readonly pattern?: { readonly source: string; readonly words: string };
}

export const HUB_KINDS = ['equipment_protection', 'staging', 'logistics', 'medical'] as const;

const QUERYABLES: Readonly<Record<string, readonly Queryable[]>> = {
  incidents: [
    { name: 'category', title: 'Category', values: CATEGORIES },
    { name: 'state', title: 'Verification state', values: INCIDENT_STATES },
    { name: 'sector', title: 'Sector (a sector zone id): incidents its polygon covers' },
  ],
  observations: [],
  zones: [{ name: 'kind', title: 'Kind of zone', values: ZONE_KINDS }],
  sectors: [],
  hubs: [
    { name: 'kind', title: 'Kind of site', values: HUB_KINDS },
    { name: 'nation', title: 'A nation at the site (ISO 3166-1 alpha-3)' },
  ],
  units: [{ name: 'code', title: 'ISO 3166-2 code, e.g. UA-14' }],
  'control-areas': [
    { name: 'side', title: 'Which side held the area', values: ['occupied', 'government'] },
    {
      name: 'date',
      title: 'The date the area was held (YYYY-MM-DD)',
      pattern: { source: '^\\d{4}-\\d{2}-\\d{2}$', words: 'a date YYYY-MM-DD' },
    },
  ],
  'land-options': [{ name: 'kind', title: 'A line or an area', values: ['line', 'area'] }],
  'route-segments': [
    {
      name: 'network',
      title: 'The route network (its id, e.g. net-3)',
      pattern: { source: '^net-\\d{1,15}$', words: 'a network id such as net-3' },
    },
  ],
  checkpoints: [
    { name: 'status', title: 'Status', values: ['open', 'closed', 'suspended'] },
    { name: 'nation', title: 'A nation that mans it (ISO 3166-1 alpha-3)' },
  ],
  corridors: [
    {
      name: 'status',
      title: 'The status of a window (in the datetime interval, when given)',
      values: ['planned', 'open', 'closed', 'suspended', 'cancelled'],
    },
  ],
};

/** The collection's property filters from the query: each value checked, or an exception naming it. */
export function propertyFilters(collection: string, query: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const q of QUERYABLES[collection] ?? []) {
    const raw = query[q.name];
    if (raw === undefined) continue;
    const values = String(raw)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0)
      throw new OgcError(
        400,
        'InvalidParameterValue',
        `${q.name} is empty; give one value or several, comma-separated`,
      );
    const wrong = q.values ? values.filter((v) => !q.values!.includes(v)) : [];
    if (wrong.length > 0)
      throw new OgcError(
        400,
        'InvalidParameterValue',
        `${q.name}=${wrong.join(',')} is not a value of ${q.name}; use one of ${q.values!.join(', ')}`,
      );
    const malformed = q.pattern ? values.filter((v) => !new RegExp(q.pattern!.source).test(v)) : [];
    if (malformed.length > 0)
      throw new OgcError(
        400,
        'InvalidParameterValue',
        `${q.name}=${malformed.join(',')} is not ${q.pattern!.words}`,
      );
    out.set(q.name, values);
  }
  return out;
}

function onlyOne(name: string, values: readonly string[]): string {
  if (values.length > 1)
    throw new OgcError(400, 'InvalidParameterValue', `${name} takes one value; got ${values.length}`);
  return values[0]!;
}

/** The query parameters of /items, as they arrive. */
interface ItemsQuery {
  readonly bbox?: string;
  readonly datetime?: string;
  readonly limit?: string;
  readonly cursor?: string;
  readonly f?: string;
}

/** `bbox`: four numbers, west,south,east,north in CRS84, in range and in order. */
export function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',');
  if (parts.length !== 4)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      `bbox has ${parts.length} number${parts.length === 1 ? '' : 's'}; give four: west,south,east,north in degrees (CRS84)`,
    );
  const [w, s, e, n] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (![w, s, e, n].every(Number.isFinite))
    throw new OgcError(
      400,
      'InvalidParameterValue',
      `bbox "${text}" is not four numbers: west,south,east,north in degrees`,
    );
  if (w! < -180 || e! > 180 || s! < -90 || n! > 90)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      'bbox is out of range: longitudes -180..180, latitudes -90..90',
    );
  if (s! > n!)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      'bbox south is north of its north: give west,south,east,north',
    );
  if (w! > e!)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      'bbox west is east of its east: boxes across the antimeridian are not supported',
    );
  return [w!, s!, e!, n!];
}

/** `datetime`: an instant, or an interval `start/end` with `..` (or nothing) for an open end. */
export function parseDatetime(text: string): { from?: Date; to?: Date } {
  const instant = (part: string, which: string): Date | undefined => {
    if (part === '..' || part === '') return undefined;
    const ms = Date.parse(part);
    if (!/^\d{4}-\d{2}-\d{2}/.test(part) || Number.isNaN(ms))
      throw new OgcError(
        400,
        'InvalidParameterValue',
        `datetime ${which} "${part}" is not an RFC 3339 date-time (e.g. 2026-11-26T06:00:00Z)`,
      );
    return new Date(ms);
  };
  const parts = text.split('/');
  if (parts.length > 2)
    throw new OgcError(400, 'InvalidParameterValue', 'datetime is an instant or one interval start/end');
  if (parts.length === 1) {
    const at = instant(parts[0]!, 'instant');
    if (!at) throw new OgcError(400, 'InvalidParameterValue', 'datetime ".." alone is not an instant');
    return { from: at, to: at };
  }
  const from = instant(parts[0]!, 'start');
  const to = instant(parts[1]!, 'end');
  if (from && to && from > to)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      `datetime interval ends (${parts[1]}) before it starts (${parts[0]})`,
    );
  return { ...(from && { from }), ...(to && { to }) };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_LIMIT)
    throw new OgcError(
      400,
      'InvalidParameterValue',
      `limit must be a whole number from 1 to ${MAX_LIMIT}; got "${text}"`,
    );
  return n;
}

/** [west, south, east, north] of a GeoJSON geometry's coordinates. */
function boundsOf(geometry: unknown): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const inner of c) walk(inner);
  };
  const g = geometry as { coordinates?: unknown; geometries?: unknown[] } | null;
  walk(g?.coordinates);
  for (const part of g?.geometries ?? []) walk((part as { coordinates?: unknown }).coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

const overlaps = (a: readonly number[], b: readonly number[]) =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

function incidentFeature(i: IncidentRecord) {
  const p = presentIncident(i);
  const { position, ...properties } = p;
  return {
    type: 'Feature' as const,
    id: i.id,
    geometry: { type: 'Point' as const, coordinates: position },
    properties,
  };
}

function observationFeature(o: ObservationListRecord) {
  const { position, start, end, reportedAt, ...rest } = o;
  return {
    type: 'Feature' as const,
    id: o.uid,
    geometry: { type: 'Point' as const, coordinates: [position[0], position[1]] },
    properties: {
      ...rest,
      start: start.toISOString(),
      end: end.toISOString(),
      reportedAt: reportedAt.toISOString(),
    },
  };
}

function zoneFeature(z: ZoneRecord) {
  return {
    type: 'Feature' as const,
    id: z.id,
    geometry: z.geometry,
    properties: {
      kind: z.kind,
      name: z.name,
      weaponClasses: [...z.weaponClasses],
      version: z.version,
      validFrom: z.validFromMs === null ? null : new Date(z.validFromMs).toISOString(),
      validTo: z.validToMs === null ? null : new Date(z.validToMs).toISOString(),
      illustrative: z.illustrative,
      releasability: z.releasability,
    },
  };
}

function hubFeature(h: HubRecord) {
  return {
    type: 'Feature' as const,
    id: h.id,
    geometry: { type: 'Point' as const, coordinates: [h.location[0], h.location[1]] },
    properties: {
      name: h.name,
      kind: h.kind,
      nations: [...h.nations],
      sidc: h.sidc,
      description: h.description,
      illustrative: h.illustrative,
      releasability: h.releasability,
    },
  };
}

export const ogcRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const units = shippedUnits().features.map((f) => ({
      type: 'Feature' as const,
      id: f.properties.code,
      geometry: f.geometry,
      properties: { code: f.properties.code, nameEn: f.properties.nameEn, nameUk: f.properties.nameUk },
    }));

    // OGC exceptions, not the app's envelope: this part of the API speaks the standard.
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof OgcError)
        return reply
          .status(error.status)
          .type('application/json')
          .send({ code: error.code, description: error.message });
      // The app's own refusals (a cursor not made here, a bad credential) keep their status.
      if (error instanceof AppError)
        return reply
          .status(error.status)
          .type('application/json')
          .send({
            code:
              error.status === 404
                ? 'NotFound'
                : error.status === 401 || error.status === 403
                  ? 'NotAuthorized'
                  : error.status < 500
                    ? 'InvalidParameterValue'
                    : 'ServerError',
            description: `${error.field ? `${error.field}: ` : ''}${error.message}`,
          });
      request.log.error({ err: error }, 'OGC API request failed');
      return reply
        .status(500)
        .send({ code: 'ServerError', description: 'the server failed; the log has the details' });
    });

    /** The reader: the caller's, or the public's when the request carries no credential. */
    const readerOf = (request: FastifyRequest): ReaderContext => request.principal?.reader ?? PUBLIC_READER;
    /** Absolute URLs, as clients (GDAL) follow them. */
    const base = (request: FastifyRequest) => `${request.protocol}://${request.host}/ogc`;
    const json = (reply: FastifyReply, body: unknown, type = 'application/json') =>
      reply.type(type).send(body);
    const collectionOf = (id: string) => {
      const c = COLLECTIONS.find((x) => x.id === id);
      if (!c)
        throw new OgcError(
          404,
          'NotFound',
          `no collection "${id}"; the collections are ${COLLECTIONS.map((x) => x.id).join(', ')}`,
        );
      return c;
    };
    const describe = (request: FastifyRequest, c: Collection) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: {
        spatial: { bbox: [AREA], crs: CRS84 },
        ...(c.temporal && { temporal: { interval: [[null, null]] } }),
      },
      links: [
        {
          href: `${base(request)}/collections/${c.id}`,
          rel: 'self',
          type: 'application/json',
          title: c.title,
        },
        {
          href: `${base(request)}/collections/${c.id}/items`,
          rel: 'items',
          type: 'application/geo+json',
          title: c.title,
        },
        {
          href: `${base(request)}/collections/${c.id}/queryables`,
          rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
          type: 'application/schema+json',
          title: `what ${c.title.toLowerCase()} filter by`,
        },
      ],
    });
    const r = app.withTypeProvider<ZodTypeProvider>();
    const schema = { tags: ['ogc'] };

    r.get(
      '/ogc',
      {
        schema: {
          ...schema,
          summary: 'OGC API – Features landing page',
          response: { 200: z.object({ title: z.string(), description: z.string(), links: z.array(Link) }) },
        },
      },
      async (request, reply) =>
        json(reply, {
          title: 'Guarantor',
          description:
            'The coordination cell’s layers as OGC API – Features: incidents, observations, zones, sectors, hubs, Ukraine’s first-level units, control areas, land options, route segments, checkpoints and corridors. Without a token, PUBLIC records only.',
          links: [
            { href: base(request), rel: 'self', type: 'application/json', title: 'this document' },
            {
              href: `${request.protocol}://${request.host}/openapi.json`,
              rel: 'service-desc',
              type: 'application/vnd.oai.openapi+json;version=3.1',
              title: 'the API definition',
            },
            {
              href: `${base(request)}/conformance`,
              rel: 'conformance',
              type: 'application/json',
              title: 'conformance classes',
            },
            {
              href: `${base(request)}/collections`,
              rel: 'data',
              type: 'application/json',
              title: 'collections',
            },
          ],
        }),
    );

    r.get(
      '/ogc/conformance',
      {
        schema: {
          ...schema,
          summary: 'OGC API conformance classes',
          response: { 200: z.object({ conformsTo: z.array(z.string()) }) },
        },
      },
      async (_r, reply) => json(reply, { conformsTo: CONFORMANCE }),
    );

    r.get(
      '/ogc/collections',
      {
        schema: {
          ...schema,
          summary: 'OGC API collections',
          response: { 200: z.object({ links: z.array(Link), collections: z.array(CollectionShape) }) },
        },
      },
      async (request, reply) =>
        json(reply, {
          links: [
            {
              href: `${base(request)}/collections`,
              rel: 'self',
              type: 'application/json',
              title: 'collections',
            },
          ],
          collections: COLLECTIONS.map((c) => describe(request, c)),
        }),
    );

    r.get(
      '/ogc/collections/:collection',
      {
        schema: {
          ...schema,
          summary: 'One OGC API collection',
          params: CollectionParams,
          response: { 200: CollectionShape },
        },
      },
      async (request, reply) => json(reply, describe(request, collectionOf(request.params.collection))),
    );

    r.get(
      '/ogc/collections/:collection/queryables',
      {
        schema: {
          ...schema,
          summary: 'The properties a collection filters by, as query parameters of its items (a JSON Schema)',
          params: CollectionParams,
          produces: ['application/schema+json'],
        },
      },
      async (request, reply) => {
        const c = collectionOf(request.params.collection);
        return json(
          reply,
          {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            $id: `${base(request)}/collections/${c.id}/queryables`,
            type: 'object',
            title: c.title,
            properties: Object.fromEntries(
              (QUERYABLES[c.id] ?? []).map((q) => [
                q.name,
                {
                  title: q.title,
                  type: 'string',
                  ...(q.values && { enum: [...q.values] }),
                  ...(q.pattern && { pattern: q.pattern.source }),
                },
              ]),
            ),
            additionalProperties: false,
          },
          'application/schema+json',
        );
      },
    );

    r.get(
      '/ogc/collections/:collection/items',
      {
        schema: {
          ...schema,
          summary:
            'Features of a collection you may read, with bbox (CRS84), datetime (instant or interval) and limit; `next` links page on',
          params: CollectionParams,
          // Checked by the handler, so that a bad value is an OGC exception naming it.
          querystring: z.looseObject({
            bbox: z.string().optional().describe('west,south,east,north in degrees (CRS84)'),
            datetime: z
              .string()
              .optional()
              .describe('an RFC 3339 instant, or start/end with .. for an open end'),
            // Documented as the integer it is (GDAL's OAPIF driver reads the maximum and default
            // to size its pages); taken as text, so that a bad value is an OGC exception naming it.
            limit: documentedAs(
              z.string().optional(),
              z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
            ).describe(`1 to ${MAX_LIMIT}; default ${DEFAULT_LIMIT}`),
            cursor: z.string().optional().describe("from the previous page's next link"),
            f: z.string().optional().describe('json (GeoJSON), the only format'),
          }),
          response: {
            200: z.object({
              type: z.literal('FeatureCollection'),
              timeStamp: z.string(),
              numberReturned: z.number(),
              links: z.array(Link),
              features: documentedAs(z.array(z.unknown()), featuresOf(Properties)),
            }),
          },
        },
      },
      async (request, reply) => {
        const c = collectionOf(request.params.collection);
        const q = request.query as ItemsQuery;
        const queryables = QUERYABLES[c.id] ?? [];
        if ('filter' in q)
          throw new OgcError(
            400,
            'InvalidParameterValue',
            `filter (CQL2) is not offered; filter by the queryables as parameters${queryables.length > 0 ? `, e.g. ?${queryables[0]!.name}=…` : ''} (see ${base(request)}/collections/${c.id}/queryables)`,
          );
        const known = new Set(['bbox', 'datetime', 'limit', 'cursor', 'f', ...queryables.map((x) => x.name)]);
        const unknown = Object.keys(q).filter((k) => !known.has(k));
        if (unknown.length > 0)
          throw new OgcError(
            400,
            'InvalidParameterValue',
            `unknown parameter ${unknown.join(', ')}; items take bbox, datetime, limit, cursor${queryables.map((x) => `, ${x.name}`).join('')}`,
          );
        const props = propertyFilters(c.id, q as Record<string, unknown>);
        if (q.f !== undefined && !['json', 'geojson'].includes(q.f))
          throw new OgcError(400, 'InvalidParameterValue', `f=${q.f} is not offered; use f=json (GeoJSON)`);
        const bbox = q.bbox === undefined ? undefined : parseBbox(q.bbox);
        const when = q.datetime === undefined ? {} : parseDatetime(q.datetime);
        const limit = parseLimit(q.limit);
        const reader = readerOf(request);
        const selfQuery = new URLSearchParams(
          Object.entries({
            bbox: q.bbox,
            datetime: q.datetime,
            limit: q.limit,
            ...Object.fromEntries([...props].map(([k, v]) => [k, v.join(',')])),
            cursor: q.cursor,
          }).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const link = (params: URLSearchParams) =>
          `${base(request)}/collections/${c.id}/items${params.size > 0 ? `?${params}` : ''}`;

        let features: unknown[];
        let next: string | null = null;
        if (c.id === 'incidents') {
          const after =
            q.cursor === undefined
              ? undefined
              : decodeCursor('ogc-incidents', q.cursor, (key) =>
                  key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string'
                    ? { start: key[0], id: key[1] }
                    : undefined,
                );
          const filter: IncidentFilter = {
            ...(bbox && { bbox }),
            ...when,
            ...(props.has('category') && { categories: props.get('category')! }),
            ...(props.has('state') && { states: props.get('state') as IncidentFilter['states'] }),
            // One sector: the filter's SQL covers one polygon.
            ...(props.has('sector') && { sector: onlyOne('sector', props.get('sector')!) }),
          };
          const page = await asReader(database.db, reader, (trx) =>
            listIncidents(trx, filter, { limit, after }),
          );
          features = page.incidents.map(incidentFeature);
          next = page.next ? encodeCursor('ogc-incidents', [page.next.start, page.next.id]) : null;
        } else if (c.id === 'observations') {
          const after =
            q.cursor === undefined
              ? undefined
              : decodeCursor('ogc-observations', q.cursor, (key) =>
                  key.length === 1 && typeof key[0] === 'string' ? key[0] : undefined,
                );
          // One more than asked: whether a next page exists without counting.
          const rows = await asReader(database.db, reader, (trx) =>
            listObservations(
              trx,
              { ...(bbox && { bbox }), ...when },
              { limit: limit + 1, ...(after !== undefined && { after }) },
            ),
          );
          features = rows.slice(0, limit).map(observationFeature);
          if (rows.length > limit) next = encodeCursor('ogc-observations', [rows[limit - 1]!.uid]);
        } else if (SQL_LAYERS.has(c.id)) {
          const layer = c.id as OgcSqlLayer;
          const after =
            q.cursor === undefined
              ? undefined
              : decodeCursor(`ogc-${c.id}`, q.cursor, (key) =>
                  key.length === 1 && typeof key[0] === 'number' && Number.isSafeInteger(key[0])
                    ? key[0]
                    : undefined,
                );
          const page = await asReader(database.db, reader, (trx) =>
            ogcLayerPage(
              trx,
              layer,
              { ...(bbox && { bbox }), ...when, properties: props },
              { limit, ...(after !== undefined && { after }) },
            ),
          );
          features = page.features.map((f) => ({
            type: 'Feature' as const,
            id: f.id,
            geometry: f.geometry,
            properties: f.properties,
          }));
          if (page.next !== null) next = encodeCursor(`ogc-${c.id}`, [page.next]);
        } else {
          const all: { id: string; geometry: unknown; properties: Record<string, unknown> }[] =
            c.id === 'units'
              ? units
              : c.id === 'hubs'
                ? (await asReader(database.db, reader, (trx) => listHubs(trx))).map(hubFeature)
                : (
                    await asReader(database.db, reader, (trx) =>
                      listZones(trx, c.id === 'sectors' ? { kinds: ['sector'] } : {}),
                    )
                  ).map(zoneFeature);
          const chosen = all.filter((f) => {
            for (const [name, values] of props) {
              const field = name === 'nation' ? f.properties['nations'] : f.properties[name];
              const has = Array.isArray(field)
                ? field.some((v) => values.includes(String(v)))
                : values.includes(String(field));
              if (!has) return false;
            }
            if (bbox) {
              const b = boundsOf(f.geometry);
              if (!b || !overlaps(b, bbox)) return false;
            }
            if ('validFrom' in f.properties) {
              const from = f.properties['validFrom']
                ? Date.parse(String(f.properties['validFrom']))
                : -Infinity;
              const to = f.properties['validTo'] ? Date.parse(String(f.properties['validTo'])) : Infinity;
              if (when.to && from > when.to.getTime()) return false;
              if (when.from && to < when.from.getTime()) return false;
            }
            return true;
          });
          // Ordered by id; the cursor holds the last id shown.
          chosen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          const afterId =
            q.cursor === undefined
              ? undefined
              : decodeCursor(`ogc-${c.id}`, q.cursor, (key) =>
                  key.length === 1 && typeof key[0] === 'string' ? key[0] : undefined,
                );
          const rest = afterId === undefined ? chosen : chosen.filter((f) => f.id > afterId);
          features = rest.slice(0, limit);
          if (rest.length > limit) next = encodeCursor(`ogc-${c.id}`, [String(rest[limit - 1]!.id)]);
        }
        const links = [
          { href: link(selfQuery), rel: 'self', type: 'application/geo+json', title: 'this page' },
          {
            href: `${base(request)}/collections/${c.id}`,
            rel: 'collection',
            type: 'application/json',
            title: c.title,
          },
        ];
        if (next) {
          const params = new URLSearchParams(selfQuery);
          params.set('cursor', next);
          links.push({ href: link(params), rel: 'next', type: 'application/geo+json', title: 'next page' });
        }
        return json(
          reply,
          {
            type: 'FeatureCollection',
            timeStamp: clock.now().toISOString(),
            numberReturned: features.length,
            links,
            features,
          },
          'application/geo+json',
        );
      },
    );

    r.get(
      '/ogc/collections/:collection/items/:item',
      {
        schema: {
          ...schema,
          summary: 'One feature of a collection',
          params: CollectionParams.extend({ item: z.string().describe("the feature's id") }),
          response: {
            200: z.looseObject({
              type: z.literal('Feature'),
              id: z.string(),
              geometry: documentedAs(z.unknown(), GeometryShape),
              properties: Properties,
              links: z.array(Link),
            }),
          },
        },
      },
      async (request, reply) => {
        const c = collectionOf(request.params.collection);
        const id = request.params.item;
        const reader = readerOf(request);
        let feature: unknown;
        if (c.id === 'incidents') {
          const found = await asReader(database.db, reader, (trx) => getIncident(trx, id));
          feature = found && incidentFeature(found);
        } else if (c.id === 'observations') {
          const found = await asReader(database.db, reader, (trx) => getObservation(trx, id));
          feature = found && observationFeature(found);
        } else if (c.id === 'units') {
          feature = units.find((u) => u.id === id);
        } else if (SQL_LAYERS.has(c.id)) {
          const found = await asReader(database.db, reader, (trx) =>
            ogcLayerItem(trx, c.id as OgcSqlLayer, id),
          );
          feature = found && {
            type: 'Feature' as const,
            id: found.id,
            geometry: found.geometry,
            properties: found.properties,
          };
        } else if (c.id === 'hubs') {
          const hub = (await asReader(database.db, reader, (trx) => listHubs(trx))).find((h) => h.id === id);
          feature = hub && hubFeature(hub);
        } else {
          const zones = await asReader(database.db, reader, (trx) =>
            listZones(trx, { ids: [id], ...(c.id === 'sectors' && { kinds: ['sector' as const] }) }),
          );
          feature = zones[0] && zoneFeature(zones[0]);
        }
        // Hidden and absent answer alike.
        if (!feature)
          throw new OgcError(
            404,
            'NotFound',
            `no such feature in ${c.id} that you may read (hidden and absent features answer alike)`,
          );
        return json(
          reply,
          {
            ...(feature as object),
            links: [
              {
                href: `${base(request)}/collections/${c.id}/items/${encodeURIComponent(id)}`,
                rel: 'self',
                type: 'application/geo+json',
              },
              { href: `${base(request)}/collections/${c.id}`, rel: 'collection', type: 'application/json' },
            ],
          },
          'application/geo+json',
        );
      },
    );
  };
