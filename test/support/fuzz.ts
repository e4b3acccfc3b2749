import { createApiToken, type UserRole, verifyAudit } from '@guarantor/db';
import { ERRORS } from '@guarantor/server';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ApiHarness } from './api.ts';
import { anyJson, type Hints, invalid, type JsonSchema, text, valid } from './json-schema-arbitrary.ts';
import { listRoutes, openApiSchemas, type RouteSchemas } from './routes.ts';

/** The fuzzing user: every role, so requests get past the role checks to the code behind them. */
export const FUZZER = [
  'fuzzer',
  'FRA',
  ['admin', 'cell_staff', 'liaison', 'monitor', 'analyst', 'finance'],
] as const satisfies readonly [string, string, readonly UserRole[]];

/** One generated request. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  /** A JSON value, or raw text sent with `contentType`; undefined sends no body. */
  readonly body?: unknown;
  readonly raw?: string;
  readonly contentType?: string;
  /** Sent with the fuzzer's bearer token instead of its session cookie and CSRF token. */
  readonly viaToken: boolean;
}

/** A write route and the requests to throw at it. */
export interface FuzzTarget {
  readonly key: string;
  readonly requests: fc.Arbitrary<FuzzRequest>;
}

const ISO3 = ['DEU', 'FRA', 'GBR', 'USA', 'POL', 'UKR', 'ITA', 'CHE', 'QQQ'];
const DAY = fc
  .integer({ min: Date.parse('2026-10-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const LABEL = fc.constantFrom(
  'PUBLIC',
  'COALITION',
  'REL TO DEU, FRA',
  'REL TO FRA',
  'REL TO DEU',
  'NATIONAL FRA',
  'NATIONAL DEU',
  'REL TO',
  'NATIONAL',
  'rel to fra, usa',
);
const POSITION = fc.tuple(
  fc.double({ min: 22, max: 41, noNaN: true }),
  fc.double({ min: 44, max: 53, noNaN: true }),
);

/** A GeoJSON geometry: a small polygon, a line or a point near Ukraine, or something broken. */
const GEOMETRY = fc.oneof(
  POSITION.map(([x, y]) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  })),
  POSITION.map(([x, y]) => ({
    type: 'LineString',
    coordinates: [
      [x, y],
      [x + 0.2, y + 0.1],
    ],
  })),
  POSITION.map((p) => ({ type: 'Point', coordinates: p })),
  anyJson,
);

const ZONE_PROPERTIES = fc.record(
  {
    kind: fc.constantFrom('line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector', 'moat'),
    name: text({ minLength: 1, maxLength: 30 }),
    id: fc.oneof(fc.constantFrom('fz-zone-1', 'fz-zone-2', 'sector-donetsk-south'), text({ maxLength: 20 })),
    releasability: LABEL,
    weaponClasses: fc.array(fc.constantFrom('artillery', 'mortar', 'mlrs', 'tank', 'x'), { maxLength: 2 }),
    validFrom: fc.constantFrom('2026-11-01', '2026-11-01T00:00:00Z', 'yesterday'),
  },
  { requiredKeys: ['kind', 'name'] },
);

/** A zone import: a FeatureCollection of plausible zones, now and then not one. */
const ZONE_IMPORT = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.record({ type: fc.constant('Feature'), properties: ZONE_PROPERTIES, geometry: GEOMETRY }), {
        maxLength: 3,
      })
      .map((features) => ({ type: 'FeatureCollection', features })),
  },
  { weight: 1, arbitrary: anyJson },
);

/** An observation, mostly well formed, its fields now and then replaced by anything. */
const OBSERVATION = fc
  .record({
    uid: fc.oneof(fc.constantFrom('fz-1', 'fz-2', 'fz-3'), text({ minLength: 1, maxLength: 40 })),
    source: fc.record({
      kind: fc.constantFrom('patrol', 'camera', 'uav', 'sensor', 'other'),
      id: fc.constantFrom('p-1', 'c-2'),
      nation: fc.constantFrom(...ISO3),
    }),
    time: fc
      .tuple(fc.integer({ min: Date.parse('2026-11-01'), max: Date.parse('2026-11-27') }), fc.nat(3_600_000))
      .map(([start, d]) => ({ startMs: start, endMs: start + d })),
    category: fc.constantFrom(
      'explosion_impact',
      'explosion_undetermined',
      'burst_and_shots',
      'other',
      'shelling',
    ),
    count: fc.integer({ min: 0, max: 50 }),
    location: POSITION.map((position) => ({ kind: 'point', position, radiusM: 200 })),
    reportedAtMs: fc.integer({ min: Date.parse('2026-11-01'), max: Date.parse('2026-11-28') }),
  })
  .chain((o) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(o as Record<string, unknown>) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...Object.keys(o)), anyJson)
          .map(([k, v]) => ({ ...o, [k]: v }) as Record<string, unknown>),
      },
    ),
  );

/** Realistic values by field name, so valid-looking requests reach the domain code. */
function hintsFor(ids: readonly string[]): Hints {
  const known = ids.length > 0 ? fc.constantFrom(...ids) : fc.constant('DEU-1');
  return {
    nation: fc.constantFrom(...ISO3),
    nations: fc.array(fc.constantFrom(...ISO3), { minLength: 1, maxLength: 3 }),
    preferredNations: fc.array(fc.constantFrom(...ISO3), { maxLength: 3 }),
    capability: fc.constantFrom(
      'monitoring_team',
      'infantry_battalion',
      'air_policing_flight',
      'mcm_vessel',
      'x',
    ),
    region: fc.constantFrom('UA-14', 'UA-09', 'UA-30', 'UA-99'),
    regionCode: fc.constantFrom('UA-14', 'UA-09', 'UA-30', 'UA-99'),
    lineOfEffort: fc.constantFrom('truce_monitoring', 'reassurance_force', 'training', 'nope'),
    releasability: LABEL,
    day: DAY,
    date: DAY,
    asOf: DAY,
    offerId: fc.oneof(fc.constantFrom('DEU-1', 'FRA-1', 'USA-2', 'GBR-2'), known),
    sector: fc.constantFrom('S-1', 'sector-donetsk-south', 'sector-north-kharkiv', 'nowhere'),
    rungId: fc.constantFrom('joint-inspection', 'nope'),
    rules: fc.array(fc.constantFrom('quiet-14', 'quiet-7', 'coverage-80', 'nope'), { maxLength: 3 }),
    version: fc.integer({ min: 1, max: 4 }),
    geometry: GEOMETRY,
    observations: fc.array(OBSERVATION, { maxLength: 4 }),
    username: fc.constantFrom('fuzzer', 'nobody', 'fra-liaison'),
    password: fc.constantFrom('correct horse battery staple', 'wrong password!'),
    location: POSITION,
    phase: fc.constantFrom(
      'ceasefire_agreed',
      'ceasefire_holding',
      'force_deploying',
      'sustainment',
      'hostilities',
    ),
    properties: ZONE_PROPERTIES,
  };
}

/** Which body to send when a route declares none in JSON (CoT takes XML). */
const COT_XML = fc
  .tuple(fc.constantFrom('a-h-G', 'b-d', 'a-f-G-U-C', ''), POSITION, text({ maxLength: 30 }), fc.boolean())
  .map(
    ([type, [lon, lat], uid, complete]) =>
      `<?xml version="1.0"?><event version="2.0" uid="${uid.replace(/[<&"]/g, '')}" type="${type}" how="m-g" time="2026-11-26T06:00:00Z" start="2026-11-26T06:00:00Z" stale="2026-11-26T07:00:00Z"><point lat="${lat}" lon="${lon}" hae="0" ce="50" le="50"/>${complete ? '<detail><remarks>fz</remarks></detail>' : ''}</event>`,
  );

function paramArbitrary(
  p: RouteSchemas['params'][number],
  ids: readonly string[],
  hints: Hints,
): fc.Arbitrary<string | undefined> {
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const options: fc.Arbitrary<string | undefined>[] = [
    valid(p.schema, hints).map(asText),
    invalid(p.schema).map(asText),
  ];
  if (p.in === 'path' && ids.length > 0) options.unshift(fc.constantFrom(...ids));
  if (hints[p.name]) options.unshift(hints[p.name]!.map(asText));
  if (!p.required) options.push(fc.constant(undefined));
  return fc.oneof(...options);
}

/**
 * Every write route the router holds, with requests derived from its OpenAPI schemas: bodies
 * the schema accepts (with realistic values beside the schema's own), bodies it refuses, raw
 * text that is not JSON, and path and query parameters both known and arbitrary.
 */
export function fuzzTargets(app: FastifyInstance, ids: readonly string[]): readonly FuzzTarget[] {
  const schemas = openApiSchemas(app);
  const hints = hintsFor(ids);
  return listRoutes(app)
    .filter((r) => r.method !== 'GET')
    .map((route) => {
      const s = schemas.get(route.key) ?? { bodyContentTypes: [], params: [] };
      const params = s.params.map((p) => paramArbitrary(p, ids, hints).map((v) => [p, v] as const));
      const url = fc.tuple(...params).map((values) => {
        let path = route.url;
        const query: string[] = [];
        for (const [p, v] of values) {
          if (p.in === 'path') path = path.replace(`:${p.name}`, encodeURIComponent(v ?? ''));
          else if (v !== undefined) query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`);
        }
        return query.length > 0 ? `${path}?${query.join('&')}` : path;
      });
      const body: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'raw' | 'contentType'>> =
        route.key === 'POST /api/zones/import'
          ? ZONE_IMPORT.map((b) => ({ body: b }))
          : route.key === 'POST /api/cot'
            ? fc.oneof(
                { weight: 4, arbitrary: COT_XML.map((raw) => ({ raw, contentType: 'application/xml' })) },
                {
                  weight: 1,
                  arbitrary: text({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/xml' })),
                },
                { weight: 1, arbitrary: anyJson.map((b) => ({ body: b })) },
              )
            : fc.oneof(
                {
                  weight: 4,
                  arbitrary: valid(s.body as JsonSchema | undefined, hints).map((b) => ({ body: b })),
                },
                {
                  weight: 3,
                  arbitrary: invalid(s.body as JsonSchema | undefined, hints).map((b) => ({ body: b })),
                },
                {
                  weight: 1,
                  arbitrary: text({ maxLength: 100 }).map((raw) => ({
                    raw,
                    contentType: 'application/json',
                  })),
                },
                { weight: 1, arbitrary: fc.constant({}) },
              );
      return {
        key: route.key,
        requests: fc
          .record({ url, body, viaToken: fc.boolean() })
          .map(({ url, body, viaToken }) => ({ method: route.method, url, viaToken, ...body })),
      };
    });
}

/** The fuzzing session: the fuzzer's cookie, CSRF token and API token. */
export interface FuzzSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly token: string;
}

/** Signs the fuzzer in (it must be one of the harness's users) and gives it an API token. */
export async function fuzzSession(api: ApiHarness): Promise<FuzzSession> {
  const { id } = await api.database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', FUZZER[0])
    .executeTakeFirstOrThrow();
  const token = await createApiToken(api.database.db, id, 'fuzzer token', {
    actor: 'test',
    nation: null,
    at: api.now(),
  });
  return { ...api.session(FUZZER[0]), token };
}

/** Sends one request as the fuzzer. Sign-out is sent without credentials, so the session lives on. */
export function send(
  app: FastifyInstance,
  session: FuzzSession,
  r: FuzzRequest,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (r.url !== '/api/auth/logout') {
    if (r.viaToken) headers['authorization'] = `Bearer ${session.token}`;
    else {
      headers['cookie'] = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
  }
  let payload: string | undefined;
  if (r.raw !== undefined) {
    payload = r.raw;
    headers['content-type'] = r.contentType ?? 'application/json';
  } else if (r.body !== undefined) {
    payload = JSON.stringify(r.body);
    headers['content-type'] = 'application/json';
  }
  return app.inject({
    method: r.method as 'POST',
    url: r.url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Ids of records that exist, read as the fuzzer, for path parameters that reach real rows. */
export async function knownIds(api: ApiHarness): Promise<string[]> {
  const ids = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && (typeof x === 'string' || typeof x === 'number')) ids.add(String(x));
        else collect(x);
      }
  };
  for (const url of [
    '/api/offers',
    '/api/requirements',
    '/api/incidents',
    '/api/plans',
    '/api/orders',
    '/api/lead-claims',
    '/api/zones',
    '/api/phases/rules',
    '/api/phases/ladder',
    '/api/phases/breaches',
  ]) {
    const res = await api.get(FUZZER[0], url);
    if (res.statusCode === 200) collect(res.json());
  }
  return [...ids].slice(0, 200);
}

/** True when an error answer has the catalogue's shape: {error: {code, message, requestId}} with a known code. */
export function catalogueShaped(res: LightMyRequestResponse): boolean {
  try {
    const e = res.json().error;
    return (
      typeof e?.code === 'string' &&
      e.code in ERRORS &&
      typeof e.message === 'string' &&
      typeof e.requestId === 'string'
    );
  } catch {
    return false;
  }
}

/** A request and the 5xx (or off-catalogue error) it got. */
export interface ServerError {
  readonly route: string;
  readonly request: FuzzRequest;
  readonly status: number;
  readonly body: string;
}

/** The audit chain still verifies: nothing was written half. */
export async function auditIntact(api: ApiHarness): Promise<{ ok: boolean; reason?: string }> {
  const verdict = await verifyAudit(api.database.db);
  return verdict.ok ? { ok: true } : { ok: false, reason: `${verdict.reason} at seq ${verdict.brokenAtSeq}` };
}

/** Runs `cases` requests at a route; returns the 5xx answers and 4xx answers outside the catalogue. */
export async function fuzzRoute(
  app: FastifyInstance,
  session: FuzzSession,
  target: FuzzTarget,
  cases: number,
  seed: number,
): Promise<ServerError[]> {
  const errors: ServerError[] = [];
  const requests = fc.sample(target.requests, { numRuns: cases, seed });
  for (const request of requests) {
    const res = await send(app, session, request);
    if (res.statusCode >= 500 || (res.statusCode >= 400 && !catalogueShaped(res)))
      errors.push({ route: target.key, request, status: res.statusCode, body: res.body.slice(0, 500) });
  }
  return errors;
}
