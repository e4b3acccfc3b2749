/**
 * Route networks (migration 0023): an imported line layer is read and snapped in core
 * (`importRouteLayer`), lines that come nowhere near Ukraine are set aside by PostGIS, and the
 * rest is stored whole in the caller's transaction with its report and an audit entry.
 */

import type { Releasability } from '@guarantor/core/access';
import { reasoned, said } from '@guarantor/core/i18n/reasons';
import {
  importRouteLayer,
  type LngLat,
  type NetworkProblem,
  type NetworkReport,
  type RiskPair,
  type RiskRule,
  scoreRiskPairs,
} from '@guarantor/core/logistics';
import type { Category, IncidentStateName } from '@guarantor/core/monitoring';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database, Labelled } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * How far from Ukraine's land (in degrees, planar: about 200–330 km here) a route may lie and
 * still be taken: staging routes start abroad, in Poland or Romania.
 */
export const ROUTE_REACH_DEG = 3;

/** A stored network without its geometry. */
export interface RouteNetworkSummary {
  /** `net-3`. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'import' | 'demo';
  readonly illustrative: boolean;
  readonly toleranceM: number;
  readonly report: NetworkReport;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly releasability: string;
}

/** A node of a stored network. */
export interface RouteNodeRecord {
  readonly id: string;
  readonly position: LngLat;
  readonly name: string | null;
}

/** A segment of a stored network. */
export interface RouteSegmentRecord {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly coordinates: readonly LngLat[];
  readonly lengthM: number;
  readonly name: string | null;
  readonly sourceFeature: number | null;
}

/** The row number of a public id (`net-12` with prefix `net`), or undefined. */
export function rowIdOf(prefix: string, id: string): number | undefined {
  const m = new RegExp(`^${prefix}-([0-9]{1,15})$`).exec(id);
  return m ? Number(m[1]) : undefined;
}

interface NetworkRow extends Labelled {
  id: number | string;
  name: string;
  kind: 'import' | 'demo';
  illustrative: boolean;
  tolerance_m: number;
  report: unknown;
  created_by: string;
  created_at: Date;
}

function summary(r: NetworkRow): RouteNetworkSummary {
  return {
    id: `net-${r.id}`,
    name: r.name,
    kind: r.kind,
    illustrative: r.illustrative,
    toleranceM: Number(r.tolerance_m),
    report: (typeof r.report === 'string' ? JSON.parse(r.report) : r.report) as NetworkReport,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    releasability: labelText(r),
  };
}

/** How one network is saved. */
export interface RouteNetworkSaveOptions {
  readonly name: string;
  readonly toleranceM: number;
  /** Split lines crossing without a shared end (default true). */
  readonly splitCrossings?: boolean;
  /** Told how many features are read (the file is read twice when lines far away are set aside). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly kind: 'import' | 'demo';
  readonly illustrative: boolean;
  readonly places?: readonly { readonly name: string; readonly position: LngLat }[];
  /** How far a place may be from the node it names (the tolerance by default). */
  readonly placeRadiusM?: number;
  readonly label: Releasability;
  readonly actor: { readonly username: string; readonly nation: string | null };
  readonly at: Date;
}

/** A saved network, or the one problem that refused the file (nothing stored then). */
export type RouteNetworkSaveResult =
  | { readonly ok: true; readonly network: RouteNetworkSummary }
  | { readonly ok: false; readonly problem: NetworkProblem };

const lineWkt = (coords: readonly LngLat[]) =>
  `SRID=4326;LINESTRING(${coords.map(([x, y]) => `${x} ${y}`).join(',')})`;

/**
 * Imports a line layer as a new network. Lines more than {@link ROUTE_REACH_DEG}° from
 * Ukraine's land are skipped and reported; a file with no usable line is refused whole.
 */
export async function saveRouteNetwork(
  trx: Transaction<Database>,
  input: unknown,
  options: RouteNetworkSaveOptions,
): Promise<RouteNetworkSaveResult> {
  const naming = {
    places: options.places ?? [],
    ...(options.splitCrossings === undefined ? {} : { splitCrossings: options.splitCrossings }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.placeRadiusM === undefined ? {} : { placeRadiusM: options.placeRadiusM }),
  };
  const first = importRouteLayer(input, { toleranceM: options.toleranceM, ...naming });
  if (!first.ok) return first;
  // Which features reach Ukraine: one query over every segment the first pass took.
  const features = [...new Set(first.segments.map((s) => s.feature))];
  const wkts = features.map((f) =>
    first.segments
      .filter((s) => s.feature === f)
      .map((s) => lineWkt(s.coordinates))
      .join('|'),
  );
  const far =
    features.length === 0
      ? []
      : (
          await sql<{ feature: number }>`
            with f as (
              select unnest(${features}::int[]) as feature, unnest(${wkts}::text[]) as wkts
            )
            select f.feature from f
            where not exists (
              select 1 from territory_outline t, unnest(string_to_array(f.wkts, '|')) w
              where t.name = 'ukraine_land'
                and st_dwithin(t.geom, st_geomfromewkt(w), ${ROUTE_REACH_DEG}::float8)
            )`.execute(trx)
        ).rows.map((r) => Number(r.feature));
  const exclude = new Map<number, NetworkProblem>(
    far.map((f) => [
      f,
      reasoned(
        { feature: f, field: 'geometry.coordinates' },
        said('logisticsChecks.farFromUkraine', { degrees: ROUTE_REACH_DEG }),
      ),
    ]),
  );
  const read =
    exclude.size === 0
      ? first
      : importRouteLayer(input, { toleranceM: options.toleranceM, ...naming, exclude });
  if (!read.ok) return read;
  if (read.segments.length === 0) {
    const why = read.report.skipped[0];
    return {
      ok: false,
      problem: why ?? reasoned({ feature: -1, field: 'features' }, said('logisticsChecks.noLine')),
    };
  }
  const label = labelColumns(options.label);
  const network = await trx
    .insertInto('route_network')
    .values({
      name: options.name,
      kind: options.kind,
      illustrative: options.illustrative,
      tolerance_m: options.toleranceM,
      // A skipped feature keeps its refusal (not enumerable in core) so readers get it in their words.
      report: JSON.stringify({
        ...read.report,
        skipped: read.report.skipped.map((p) => ({ ...p, ...(p.refusal ? { refusal: p.refusal } : {}) })),
      }),
      created_by: options.actor.username,
      created_at: options.at,
      ...label,
    })
    .returning([
      'id',
      'name',
      'kind',
      'illustrative',
      'tolerance_m',
      'report',
      'created_by',
      'created_at',
      'rel_kind',
      'rel_nations',
    ])
    .executeTakeFirstOrThrow();
  const networkId = Number(network.id);
  // Ids taken first, so that segments can name their nodes without reading them back.
  const ids = (
    await sql<{ id: number | string }>`
      select nextval(pg_get_serial_sequence('route_node', 'id')) as id from generate_series(1, ${read.nodes.length})`.execute(
      trx,
    )
  ).rows.map((r) => Number(r.id));
  await sql`
    insert into route_node (id, network_id, name, geom, rel_kind, rel_nations)
    overriding system value
    select id, ${networkId}, name, st_setsrid(st_makepoint(lng, lat), 4326), ${label.rel_kind}, ${label.rel_nations}::text[]
    from unnest(${ids}::bigint[], ${read.nodes.map((n) => n.name)}::text[],
                ${read.nodes.map((n) => n.position[0])}::float8[], ${read.nodes.map((n) => n.position[1])}::float8[])
      as t(id, name, lng, lat)`.execute(trx);
  await sql`
    insert into route_segment (network_id, from_node, to_node, name, geom, length_m, source_feature, rel_kind, rel_nations)
    select ${networkId}, f, t, name, st_geomfromewkt(wkt), len, feature, ${label.rel_kind}, ${label.rel_nations}::text[]
    from unnest(${read.segments.map((s) => ids[s.from]!)}::bigint[], ${read.segments.map((s) => ids[s.to]!)}::bigint[],
                ${read.segments.map((s) => s.name)}::text[], ${read.segments.map((s) => lineWkt(s.coordinates))}::text[],
                ${read.segments.map((s) => s.lengthM)}::float8[], ${read.segments.map((s) => s.feature)}::int[])
      as x(f, t, name, wkt, len, feature)`.execute(trx);
  const stored = summary(network as NetworkRow);
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'route_network.import',
    entity: 'route_network',
    entityId: stored.id,
    before: null,
    after: {
      name: stored.name,
      kind: stored.kind,
      illustrative: stored.illustrative,
      toleranceM: stored.toleranceM,
      nodes: read.nodes.length,
      segments: read.segments.length,
      skipped: read.report.skipped.length,
      pieces: read.report.pieces.length,
      crossings: read.report.crossings?.length ?? 0,
    },
    label,
    at: options.at,
  });
  return { ok: true, network: stored };
}

const NETWORK_COLUMNS = [
  'id',
  'name',
  'kind',
  'illustrative',
  'tolerance_m',
  'report',
  'created_by',
  'created_at',
  'rel_kind',
  'rel_nations',
] as const;

/** The networks the reader may see, newest first. */
export async function listRouteNetworks(db: Db): Promise<readonly RouteNetworkSummary[]> {
  const rows = await db.selectFrom('route_network').select(NETWORK_COLUMNS).orderBy('id', 'desc').execute();
  return rows.map((r) => summary(r as NetworkRow));
}

/** One network, or undefined when hidden or absent. */
export async function routeNetwork(db: Db, id: string): Promise<RouteNetworkSummary | undefined> {
  const row = rowIdOf('net', id);
  if (row === undefined) return undefined;
  const r = await db
    .selectFrom('route_network')
    .select(NETWORK_COLUMNS)
    .where('id', '=', row)
    .executeTakeFirst();
  return r && summary(r as NetworkRow);
}

/** A network's nodes and segments as the reader may see them. */
export async function routeNetworkParts(
  db: Db,
  id: string,
): Promise<{ nodes: RouteNodeRecord[]; segments: RouteSegmentRecord[] } | undefined> {
  const row = rowIdOf('net', id);
  if (row === undefined) return undefined;
  const nodes = await sql<{ id: number | string; name: string | null; lng: number; lat: number }>`
    select id, name, st_x(geom) as lng, st_y(geom) as lat from route_node where network_id = ${row} order by id`.execute(
    db,
  );
  const segments = await sql<{
    id: number | string;
    from_node: number | string;
    to_node: number | string;
    name: string | null;
    geojson: string;
    length_m: number;
    source_feature: number | null;
  }>`
    select id, from_node, to_node, name, st_asgeojson(geom) as geojson, length_m, source_feature
    from route_segment where network_id = ${row} order by id`.execute(db);
  return {
    nodes: nodes.rows.map((n) => ({
      id: `node-${n.id}`,
      position: [Number(n.lng), Number(n.lat)],
      name: n.name,
    })),
    segments: segments.rows.map((s) => ({
      id: `seg-${s.id}`,
      from: `node-${s.from_node}`,
      to: `node-${s.to_node}`,
      coordinates: JSON.parse(s.geojson).coordinates as LngLat[],
      lengthM: Number(s.length_m),
      name: s.name,
      sourceFeature: s.source_feature,
    })),
  };
}

/** One incident's share of a segment's score, as PostGIS finds it. */
export interface SqlRiskContribution {
  readonly segmentId: string;
  readonly incidentId: string;
  readonly category: string;
  readonly state: string;
  readonly distanceM: number;
  readonly weight: number;
}

/**
 * The incidents within `radiusKm` of each segment of a network whose time ends at or after
 * `sinceMs` (and starts at or before `untilMs` when given), unweighed: core's
 * `scoreRiskPairs` applies the rule to them. The incidents of the period come first (their time
 * index), and each probes the segment index (GiST) with its point widened by the radius in
 * degrees (a degree of latitude is at least 110 km; of longitude, up to 60° N, at least 55 km);
 * the exact great-circle test on PostGIS's sphere then keeps those within the radius. Driving
 * from the segments instead would test every incident of any date near them. Runs as the
 * reader: a hidden incident is never a pair.
 */
export async function segmentRiskPairsSql(
  db: Db,
  networkId: string,
  radiusKm: number,
  sinceMs: number,
  untilMs: number | null,
  /** Only the segments meeting this box (west, south, east, north; degrees): a tile's. */
  within?: readonly [number, number, number, number],
): Promise<{ segmentIds: string[]; pairs: RiskPair[] } | undefined> {
  const row = rowIdOf('net', networkId);
  if (row === undefined) return undefined;
  const [west, south, east, north] = within ?? [null, null, null, null];
  // Row-level security is applied inside the function (migration 0032): under the policies
  // PostgreSQL would not use the segment index for this join.
  const rows = await sql<PairRow>`
    select * from guarantor_segment_risk_pairs(${row}::bigint, ${radiusKm}::float8, ${new Date(sinceMs)}::timestamptz,
      ${untilMs === null ? null : new Date(untilMs)}::timestamptz,
      ${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8)`.execute(db);
  const ids = await sql<{ id: number | string }>`
    select id from route_segment where network_id = ${row} order by id`.execute(db);
  return { segmentIds: ids.rows.map((r) => `seg-${r.id}`), pairs: rows.rows.map(pairOfRow) };
}

/** A row of the pair functions (migrations 0032, 0037) as core's pair. */
interface PairRow {
  segment_id: number | string;
  incident_id: string;
  category: string;
  state: string;
  distance_m: number;
  start_ms: number;
  end_ms: number;
}

const pairOfRow = (r: PairRow): RiskPair => ({
  segmentId: `seg-${r.segment_id}`,
  incidentId: r.incident_id,
  category: r.category as Category,
  state: r.state as IncidentStateName,
  distanceM: Number(r.distance_m),
  startMs: Number(r.start_ms),
  endMs: Number(r.end_ms),
});

/**
 * What changed in the pairs of {@link segmentRiskPairsSql} between two incident counts
 * (migration 0037): the ids of the incidents changed by the commits counted in (from, to] that
 * the reader may know of (it may see them now, or could before the change), whose old pairs are
 * to be dropped, and the pairs of those incidents now, as the reader sees them. Undefined when
 * the log no longer reaches back to `from` (or the network id is malformed): then the caller
 * computes afresh.
 */
export async function segmentRiskPairsDelta(
  db: Db,
  networkId: string,
  radiusKm: number,
  sinceMs: number,
  untilMs: number | null,
  from: number,
  to: number,
): Promise<{ changed: Set<string>; pairs: RiskPair[] } | undefined> {
  const row = rowIdOf('net', networkId);
  if (row === undefined) return undefined;
  const ids = (
    await sql<{
      ids: string[] | null;
    }>`select guarantor_incident_changes_seen(${from}::bigint, ${to}::bigint) as ids`.execute(db)
  ).rows[0]?.ids;
  if (!ids) return undefined;
  if (ids.length === 0) return { changed: new Set(), pairs: [] };
  const rows = await sql<PairRow>`
    select * from guarantor_segment_risk_delta(${row}::bigint, ${radiusKm}::float8, ${new Date(sinceMs)}::timestamptz,
      ${untilMs === null ? null : new Date(untilMs)}::timestamptz, ${from}::bigint, ${to}::bigint)`.execute(
    db,
  );
  return { changed: new Set(ids), pairs: rows.rows.map(pairOfRow) };
}

/**
 * The route-risk rule of core (`segmentRisks`) in PostGIS, computed afresh: the pairs of
 * {@link segmentRiskPairsSql} for the rule's period, weighed. Returns every contribution and
 * every segment's rounded score. Reads that may reuse a computation go through
 * `cachedSegmentRisks` (risk-cache.ts).
 */
export async function segmentRisksSql(
  db: Db,
  networkId: string,
  rule: RiskRule,
  asOf: Date,
  /** Only the segments meeting this box (west, south, east, north; degrees): a tile's. */
  within?: readonly [number, number, number, number],
): Promise<{ scores: Map<string, number>; contributions: SqlRiskContribution[] } | undefined> {
  const found = await segmentRiskPairsSql(
    db,
    networkId,
    rule.radiusKm,
    asOf.getTime() - rule.days * 86_400_000,
    asOf.getTime(),
    within,
  );
  return found && scoreRiskPairs(found.pairs, found.segmentIds, rule, asOf.getTime());
}
