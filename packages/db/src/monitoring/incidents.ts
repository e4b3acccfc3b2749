/**
 * Reading incidents: the one filter that lists, counts and tiles share, the incident record, and
 * the observations an incident page lists. Every function here runs inside asReader, so
 * row-level security filters; the label reader `incidentsLabel` runs as the owner.
 */
import { meetLabels, type Releasability } from '@guarantor/core/access';
import type { IncidentObservationFields } from '@guarantor/core/api';
import type { IncidentStateName } from '@guarantor/core/monitoring';
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { labelOf, labelText } from '../access.ts';
import { boxOverlaps, covers, latOf, lngOf } from '../postgis.ts';
import type { Database, IncidentTable, Labelled } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The tables an incident query sees: the schema, and the incident as `i`. */
export type IncidentScope = Database & { i: IncidentTable };

/**
 * Rows (claims, state changes) of an incident and of the incidents fusion joined into it, for
 * `.where(ofIncidentOrJoined(id))`.
 */
export function ofIncidentOrJoined(incidentId: string) {
  return (eb: ExpressionBuilder<Database, 'incident_claim' | 'incident_state_change'>) =>
    eb.or([
      eb('incident_id', '=', incidentId),
      eb(
        'incident_id',
        'in',
        eb.selectFrom('incident').select('incident.id').where('incident.merged_into', '=', incidentId),
      ),
    ]);
}

/** The filters the list, the counts and the tiles share. */
export interface IncidentFilter {
  readonly categories?: readonly string[];
  readonly states?: readonly IncidentStateName[];
  /** Incidents whose time window overlaps [from, to]. */
  readonly from?: Date;
  readonly to?: Date;
  /** [west, south, east, north] in degrees. */
  readonly bbox?: readonly [number, number, number, number];
  /** A sector zone's id (0003_zones.sql, kind 'sector'): incidents its polygon covers, boundary included. */
  readonly sector?: string;
  /** Only these incidents (a live feed re-checks one changed incident against its filter). */
  readonly ids?: readonly string[];
}

/**
 * The one WHERE clause for incident lists, counts and tiles (over `incident as i`), so the
 * counts a user reads agree with the features the map draws under the same filters.
 */
export function incidentFilter(filter: IncidentFilter) {
  return (eb: ExpressionBuilder<IncidentScope, 'i'>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb('i.merged_into', 'is', null)];
    if (filter.categories && filter.categories.length > 0)
      parts.push(eb('i.category', '=', eb.fn.any(eb.val([...filter.categories]))));
    if (filter.states && filter.states.length > 0)
      parts.push(eb('i.state', '=', eb.fn.any(eb.val([...filter.states]))));
    if (filter.from) parts.push(eb('i.end_at', '>=', filter.from));
    if (filter.to) parts.push(eb('i.start_at', '<=', filter.to));
    if (filter.bbox) parts.push(boxOverlaps('i.geom', filter.bbox), lngLatWithin(eb, filter.bbox));
    if (filter.ids) parts.push(eb('i.id', '=', eb.fn.any(eb.val([...filter.ids]))));
    if (filter.sector !== undefined) {
      parts.push(
        eb.exists(
          eb
            .selectFrom('zone as z')
            .select(eb.lit(1).as('one'))
            .where('z.id', '=', filter.sector)
            .where('z.kind', '=', 'sector')
            .where(covers('z.geom', 'i.geom')),
        ),
      );
    }
    return eb.and(parts);
  };
}

// PostGIS compares points by their float4 bounding boxes: a margin of ~1 m keeps the column
// bounds a superset of what `geom &&` admits, so they narrow the scan and never decide.
const LNG_LAT_MARGIN_DEG = 1e-5;

/**
 * The incident's stored lng/lat columns within a box (0006_monitoring_perf.sql): comparisons
 * of float8 are leakproof, so row-level security lets this use an index where `geom &&`
 * cannot. Always paired with the exact `geom &&`.
 */
export function lngLatWithin(
  eb: ExpressionBuilder<IncidentScope, 'i'>,
  [w, s, e, n]: readonly [number, number, number, number],
): Expression<SqlBool> {
  const m = LNG_LAT_MARGIN_DEG;
  const float8 = (v: number) => eb.cast<number>(eb.val(v), 'float8');
  return eb.and([
    eb.between('i.lng', float8(w - m), float8(e + m)),
    eb.between('i.lat', float8(s - m), float8(n + m)),
  ]);
}

/** A slippy-map tile's bounds as [west, south, east, north] degrees. */
export function tileBoundsDeg(tile: {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}): [number, number, number, number] {
  const n = 2 ** tile.z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(tile.x / n) * 360 - 180, lat(tile.y + 1), ((tile.x + 1) / n) * 360 - 180, lat(tile.y)];
}

/**
 * The meet of the labels of the incidents with these ids: the label a record derived from them
 * (a breach, a sector status, a notification) may carry. Ids with no incident (imported sector
 * facts) add nothing; no ids gives COALITION. Read as the owner, it sees every incident.
 */
export async function incidentsLabel(db: Db, ids: readonly string[]): Promise<Releasability> {
  let label: Releasability = { kind: 'COALITION' };
  if (ids.length === 0) return label;
  const rows = await db
    .selectFrom('incident')
    .select(['rel_kind', 'rel_nations'])
    .distinct()
    .where((eb) => eb('id', '=', eb.fn.any(eb.val([...new Set(ids)]))))
    .execute();
  for (const row of rows) label = meetLabels(label, labelOf(row));
  return label;
}

/** An incident as stored. */
export interface IncidentRecord {
  readonly id: string;
  readonly category: string;
  readonly categories: readonly string[];
  readonly fusionState: 'reported' | 'corroborated';
  readonly state: IncidentStateName;
  readonly attributedParty: string | null;
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly locationMethod: string;
  readonly start: Date;
  readonly end: Date;
  readonly count: { readonly low: number; readonly best: number; readonly high: number };
  readonly confidence: number;
  readonly independentSources: number;
  readonly partyClaimNations: readonly string[];
  readonly observationCount: number;
  readonly explanation: readonly string[];
  readonly mergedInto: string | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly releasability: string;
  readonly label: Labelled;
}

/** Incidents as `i`, with the columns an IncidentRecord is made of. */
function selectIncidents(db: Db) {
  return db
    .selectFrom('incident as i')
    .select([
      'i.id',
      'i.category',
      'i.categories',
      'i.fusion_state',
      'i.state',
      'i.attributed_party',
      lngOf('i.geom').as('lng'),
      latOf('i.geom').as('lat'),
      'i.radius_m',
      'i.location_method',
      'i.start_at',
      'i.end_at',
      'i.count_low',
      'i.count_best',
      'i.count_high',
      'i.confidence',
      'i.independent_sources',
      'i.party_claim_nations',
      'i.observation_count',
      'i.explanation',
      'i.merged_into',
      'i.version',
      'i.updated_at',
      'i.rel_kind',
      'i.rel_nations',
    ]);
}

type IncidentRow = Awaited<ReturnType<ReturnType<typeof selectIncidents>['executeTakeFirstOrThrow']>>;

function incidentOfRow(r: IncidentRow): IncidentRecord {
  const label = { rel_kind: r.rel_kind, rel_nations: r.rel_nations };
  return {
    id: r.id,
    category: r.category,
    categories: r.categories,
    fusionState: r.fusion_state,
    state: r.state,
    attributedParty: r.attributed_party,
    position: [r.lng, r.lat],
    radiusM: r.radius_m,
    locationMethod: r.location_method,
    start: r.start_at,
    end: r.end_at,
    count: { low: Number(r.count_low), best: Number(r.count_best), high: Number(r.count_high) },
    confidence: r.confidence,
    independentSources: r.independent_sources,
    partyClaimNations: r.party_claim_nations,
    observationCount: r.observation_count,
    explanation: r.explanation,
    mergedInto: r.merged_into,
    version: Number(r.version),
    updatedAt: r.updated_at,
    releasability: labelText(label),
    label,
  };
}

/** Where an incident list's page starts: after this incident in the list's order. */
export interface IncidentListKey {
  /** The incident's start as ISO 8601 UTC with microseconds, exactly as stored. */
  readonly start: string;
  readonly id: string;
}

/** One page of incidents and where the next one starts (null on the last page). */
export interface IncidentPage {
  readonly incidents: IncidentRecord[];
  readonly next: IncidentListKey | null;
}

/**
 * Incidents matching the filter, most recent first ((start_at, id) descending, the id breaking
 * ties), `limit` of them after `after`. Keyset paging: a page costs the same however deep it
 * is (incident_list_idx), and an incident stored meanwhile neither repeats nor hides another.
 */
export async function listIncidents(
  db: Db,
  filter: IncidentFilter,
  page: { readonly limit: number; readonly after?: IncidentListKey | undefined },
): Promise<IncidentPage> {
  const after = page.after;
  const rows = await selectIncidents(db)
    // The start to the microsecond, as text: a JS Date would round it, and the next page
    // would repeat or skip incidents that share the millisecond.
    .select(
      sql<string>`to_char(i.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('start_key'),
    )
    .where(incidentFilter(filter))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('i.start_at', 'i.id'),
          '<',
          eb.tuple(sql<Date>`cast(${after!.start} as timestamptz)`, after!.id),
        ),
      ),
    )
    .orderBy('i.start_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    incidents: shown.map(incidentOfRow),
    next: more && last ? { start: last.start_key, id: last.id } : null,
  };
}

/** Incidents by id (merged ones included); those the reader may not see are absent. */
export async function getIncidents(db: Db, ids: readonly string[]): Promise<IncidentRecord[]> {
  const rows = await selectIncidents(db)
    .where((eb) => eb('i.id', '=', eb.fn.any(eb.val([...ids]))))
    .orderBy('i.id')
    .execute();
  return rows.map(incidentOfRow);
}

/** One incident, or undefined when it does not exist or the reader may not see it. */
export async function getIncident(db: Db, id: string): Promise<IncidentRecord | undefined> {
  return (await getIncidents(db, [id]))[0];
}

/** Incident counts: the total, by category and by state. */
export interface IncidentCounts {
  total: number;
  byCategory: Record<string, number>;
  byState: Record<string, number>;
}

/** Counts under the same filter as the tiles: the total, by category and by state. */
export async function countIncidents(db: Db, filter: IncidentFilter): Promise<IncidentCounts> {
  return countsOf(
    await db
      .selectFrom('incident as i')
      .select((eb) => ['i.category', 'i.state', eb.fn.countAll().as('n')])
      .where(incidentFilter(filter))
      .groupBy(['i.category', 'i.state'])
      .execute(),
  );
}

/** Totals of (category, state, count) rows. */
export function countsOf(
  rows: readonly {
    readonly category: string;
    readonly state: string;
    readonly n: number | string | bigint;
  }[],
): IncidentCounts {
  const byCategory: Record<string, number> = {};
  const byState: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byCategory[r.category] = (byCategory[r.category] ?? 0) + n;
    byState[r.state] = (byState[r.state] ?? 0) + n;
  }
  return { total, byCategory, byState };
}

/** An observation as an incident page lists it. */
export interface IncidentObservationRecord extends IncidentObservationFields<Date> {
  readonly position: readonly [number, number];
}

/** How many observations of an incident the reader may see. */
export async function countIncidentObservations(db: Db, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('incident_observation as m')
    .innerJoin('observation as o', 'o.uid', 'm.observation_uid')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The observations of an incident the reader may see (the others stay hidden by row-level
 * security), in uid order; with `page`, at most `limit` of them after the uid `after`.
 */
export async function incidentObservations(
  db: Db,
  incidentId: string,
  page?: { readonly limit: number; readonly after?: string },
): Promise<IncidentObservationRecord[]> {
  let query = db
    .selectFrom('incident_observation as m')
    .innerJoin('observation as o', 'o.uid', 'm.observation_uid')
    .select([
      'o.uid',
      'o.source_kind',
      'o.source_id',
      'o.source_nation',
      'o.category',
      'o.count',
      'o.start_at',
      'o.end_at',
      lngOf('o.geom').as('lng'),
      latOf('o.geom').as('lat'),
      'o.radius_m',
      'o.location_kind',
      'o.remarks',
      'o.reported_at',
      'm.via_uid',
      'm.rule',
      'm.geometry',
      'm.distance_m',
      'm.gap_ms',
      'o.rel_kind',
      'o.rel_nations',
    ])
    .where('m.incident_id', '=', incidentId)
    .orderBy('o.uid');
  if (page?.after !== undefined) query = query.where('o.uid', '>', page.after);
  if (page) query = query.limit(page.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    uid: r.uid,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    nation: r.source_nation,
    category: r.category,
    count: Number(r.count),
    start: r.start_at,
    end: r.end_at,
    position: [r.lng, r.lat],
    radiusM: r.radius_m,
    locationKind: r.location_kind,
    remarks: r.remarks,
    reportedAt: r.reported_at,
    join:
      r.via_uid === null
        ? null
        : {
            via: r.via_uid,
            rule: r.rule ?? '',
            geometry: r.geometry ?? '',
            distanceM: r.distance_m ?? 0,
            gapMs: r.gap_ms ?? 0,
          },
    releasability: labelText(r),
  }));
}
