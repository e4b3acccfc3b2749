/**
 * Incidents as Mapbox vector tiles, under the same filter as the lists and counts. The queries
 * stay SQL: PostGIS builds the tile (ST_AsMVT, ST_TileEnvelope) and the builder has no words
 * for it; each is typed at its edge.
 */
import {
  type Expression,
  expressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import { encodePointTile } from '../mvt.ts';
import type { Database } from '../schema.ts';
import {
  type IncidentFilter,
  type IncidentScope,
  incidentFilter,
  lngLatWithin,
  tileBoundsDeg,
} from './incidents.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The largest number of features in one tile: beyond it the map should zoom in or filter. */
export const MAX_TILE_FEATURES = 50_000;

/** How a tile is encoded: by PostGIS (ST_AsMVT), or from PostGIS tile coordinates in JS. */
export type TileEncoder = 'postgis' | 'js';

/** Whether this PostGIS can write vector tiles (PGlite's build has no protobuf-c). */
export async function tileEncoder(db: Db): Promise<TileEncoder> {
  const row = await db
    .selectNoFrom((eb) => eb.fn<string | null>('postgis_libprotobuf_version', []).as('v'))
    .executeTakeFirst();
  return row?.v ? 'postgis' : 'js';
}

const TILE_EXTENT = 4096;

/** The tile PostGIS wrote. */
interface MvtRow {
  mvt: Uint8Array | null;
}

/** One incident with its tile coordinates, for encodePointTile. */
interface TilePointRow {
  id: string;
  category: string;
  state: string;
  count_best: number;
  radius_m: number;
  confidence: number;
  start_ms: number;
  end_ms: number;
  tx: number;
  ty: number;
}

/**
 * Below this zoom a tile carries bins, not incidents (docs/adr/0020-tiles-aggregate-below-z10.md):
 * at z9 one tile over the Donbas already holds tens of thousands of incidents at 1M, which no
 * browser can draw and no network should carry; z10 aggregates too since migration 0038 (a z10
 * tile there held ~7,000 incidents, 355 kB, 240 ms at p95; ADR 0053).
 */
export const AGGREGATE_BELOW_ZOOM = 11;

/** Bins per tile side when a tile aggregates: 16 × 16 cells, 32 screen pixels each at 512 px. */
export const BIN_GRID = 16;

/**
 * The bin zooms with stored counts (incident_bin, migration 0033): a tile at one of them reads
 * its own cells' rows; a tile below the first adds up the first zoom's cells under it.
 */
export const STORED_BIN_ZOOMS = { first: 6, last: 10 } as const;

const HOUR_MS = 3_600_000;

/** A slippy-map tile's address. */
export interface TileAddress {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** One bin as the tile query returns it: its global cell, its incident count, its mean position. */
interface BinRow {
  gx: number;
  gy: number;
  n: number | string | bigint;
  tx: number;
  ty: number;
}

/**
 * The one tile query: the SQL a tile is made of and how its rows become the tile's bytes.
 * The server runs it inside the reader's transaction (row-level security decides what is
 * counted, per request); `bench/tiles.ts` runs the very same query as its bare reference.
 */
export interface TileQuery<R = unknown> {
  /** `incidents` (one feature per incident) or `incident_bins` (one feature per cell with a count). */
  readonly layer: 'incidents' | 'incident_bins';
  readonly query: RawBuilder<R>;
  readonly encode: (rows: readonly R[]) => Uint8Array;
}

/**
 * The query for one incident tile under the filter. Below AGGREGATE_BELOW_ZOOM it counts
 * incidents per cell of a BIN_GRID × BIN_GRID grid (layer `incident_bins`, features with
 * `count` and `bin`, the cell's global `gx:gy` at zoom z × BIN_GRID); from it on, one feature per
 * incident (layer `incidents`, at most MAX_TILE_FEATURES).
 *
 * A bin holds the incidents whose Web Mercator position falls in its cell, computed from the
 * stored lng/lat as an integer cell number at this zoom: each incident lands in exactly one
 * cell of one tile, so the counts of a zoom's tiles add up to the filtered count (the same
 * `incidentFilter` as the list and the counts) with nothing on an edge counted twice.
 */
export function incidentTileQuery(
  tile: TileAddress,
  filter: IncidentFilter,
  encoder: TileEncoder,
): TileQuery {
  const eb = expressionBuilder<IncidentScope, 'i'>();
  const where = eb.and([incidentFilter(filter)(eb), lngLatWithin(eb, tileBoundsDeg(tile))]);
  if (tile.z < AGGREGATE_BELOW_ZOOM) {
    const cells = 2 ** tile.z * BIN_GRID;
    const x0 = tile.x * BIN_GRID;
    const y0 = tile.y * BIN_GRID;
    // Web Mercator in units of cells, from degrees (the functions of migration 0033, which the
    // stored counts use too): the same arithmetic for every tile, so a point's cell (and so its
    // tile) is one integer whichever tile asks.
    const cellOf = sql`
      cross join lateral (
        select guarantor_cell_fx(i.lng, ${cells}::float8) as fx, guarantor_cell_fy(i.lat, ${cells}::float8) as fy
      ) m`;
    const parts = cellCounts(tile, filter, where, cellOf);
    // The cell range is tested after grouping (a materialised CTE keeps the planner from pushing
    // it down): as a row filter its estimate of one row made PostgreSQL sort every row on disk,
    // where grouping first lets parallel workers each hash-aggregate their share.
    const counted = sql`
      with cells as materialized (${parts})
      select gx, gy, n, round((sfx / n - ${x0}) * ${TILE_EXTENT / BIN_GRID}) as tx,
        round((sfy / n - ${y0}) * ${TILE_EXTENT / BIN_GRID}) as ty
      from cells
      where n > 0 and gx between ${x0} and ${x0 + BIN_GRID - 1} and gy between ${y0} and ${y0 + BIN_GRID - 1}`;
    return {
      layer: 'incident_bins',
      query: counted as RawBuilder<unknown>,
      encode: (rows) =>
        encodePointTile(
          'incident_bins',
          (rows as BinRow[]).map((r) => ({
            x: Number(r.tx),
            y: Number(r.ty),
            properties: { count: Number(r.n), bin: `${r.gx}:${r.gy}` },
          })),
          TILE_EXTENT,
        ),
    };
  }
  if (encoder === 'postgis') {
    const query = sql<MvtRow>`
      with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env),
      features as (
        select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
          extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
          st_asmvtgeom(st_transform(i.geom, 3857), bounds.env, ${TILE_EXTENT}) as geom
        from incident i, bounds
        where ${where} and i.geom && st_transform(bounds.env, 4326)
        limit ${MAX_TILE_FEATURES}
      )
      select st_asmvt(features.*, 'incidents', ${TILE_EXTENT}, 'geom') as mvt from features where geom is not null`;
    return {
      layer: 'incidents',
      query: query as RawBuilder<unknown>,
      encode: (rows) => {
        const mvt = (rows as MvtRow[])[0]?.mvt;
        return mvt ? new Uint8Array(mvt) : new Uint8Array();
      },
    };
  }
  const query = sql<TilePointRow>`
    with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env)
    select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
      extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
      round((st_x(p.m) - st_xmin(bounds.env)) * ${TILE_EXTENT} / (st_xmax(bounds.env) - st_xmin(bounds.env))) as tx,
      round((st_ymax(bounds.env) - st_y(p.m)) * ${TILE_EXTENT} / (st_ymax(bounds.env) - st_ymin(bounds.env))) as ty
    from incident i cross join bounds cross join lateral (select st_transform(i.geom, 3857) as m) p
    where ${where} and i.geom && st_transform(bounds.env, 4326)
    limit ${MAX_TILE_FEATURES}`;
  return {
    layer: 'incidents',
    query: query as RawBuilder<unknown>,
    encode: (rows) => encodeIncidentPoints(rows as TilePointRow[]),
  };
}

/** Incidents with their tile coordinates as the `incidents` layer (the JS encoder). */
function encodeIncidentPoints(rows: readonly TilePointRow[]): Uint8Array {
  return encodePointTile(
    'incidents',
    rows.map(({ tx, ty, ...properties }) => ({
      x: Number(tx),
      y: Number(ty),
      properties: {
        ...properties,
        count_best: Number(properties.count_best),
        start_ms: Number(properties.start_ms),
        end_ms: Number(properties.end_ms),
      },
    })),
    TILE_EXTENT,
  );
}

/**
 * Per cell of the tile's BIN_GRID × BIN_GRID grid (and, for stored counts, the cells around it:
 * the caller keeps the tile's own): the filtered incidents' count and the sums of their cell
 * positions. From the stored counts where the filter allows, else from the incident table.
 */
function cellCounts(
  tile: TileAddress,
  filter: IncidentFilter,
  where: Expression<SqlBool>,
  cellOf: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const eb = expressionBuilder<IncidentScope, 'i'>();
  const x0 = tile.x * BIN_GRID;
  const y0 = tile.y * BIN_GRID;
  const stored =
    tile.z <= STORED_BIN_ZOOMS.last &&
    !filter.bbox &&
    filter.sector === undefined &&
    filter.ids === undefined;
  if (!stored) {
    return sql`
      select floor(m.fx)::int as gx, floor(m.fy)::int as gy, count(*) as n, sum(m.fx) as sfx, sum(m.fy) as sfy
      from incident i ${cellOf}
      where ${where}
      group by 1, 2`;
  }
  // Stored counts (rounded outwards to whole hours: start_h at or after start_at, end_h at
  // or before end_at) for the incidents whose hours decide the filter; the incidents ending
  // in the partial hour after `from`, or starting in the partial hour before `to`, are
  // counted from the incident table. The sets part the filtered incidents exactly
  // (docs/adr/0053-tile-counts-per-zoom-in-hours.md); a window from hour to hour has no
  // partial hours and reads stored counts only.
  const level = Math.max(tile.z, STORED_BIN_ZOOMS.first);
  const f = 2 ** (level - tile.z);
  // end_h ≥ fromH ⇒ end_at ≥ from; start_h ≤ toH ⇒ start_at ≤ to.
  const fromH = filter.from ? Math.ceil(filter.from.getTime() / HOUR_MS) : null;
  const toH = filter.to ? Math.floor(filter.to.getTime() / HOUR_MS) : null;
  const binWhere = [
    sql`b.zoom = ${level}`,
    sql`b.gx between ${x0 * f} and ${(x0 + BIN_GRID) * f - 1}`,
    sql`b.gy between ${y0 * f} and ${(y0 + BIN_GRID) * f - 1}`,
    ...(filter.categories && filter.categories.length > 0
      ? [sql`b.category = any(${[...filter.categories]})`]
      : []),
    ...(filter.states && filter.states.length > 0 ? [sql`b.state = any(${[...filter.states]})`] : []),
    ...(fromH !== null ? [sql`b.end_h >= ${fromH}`] : []),
    ...(toH !== null ? [sql`b.start_h <= ${toH}`] : []),
  ];
  // What the hours leave undecided, as two disjoint sets, each a range of one indexed
  // column (incident_end_idx, incident_time_idx): ending before the hour after `from`
  // (and so at or after `from`), or starting after the hour before `to` (and not ending
  // before the hour after `from`).
  const endsInFirstHour =
    fromH !== null && fromH * HOUR_MS !== filter.from?.getTime()
      ? eb('i.end_at', '<', new Date(fromH * HOUR_MS))
      : undefined;
  const edge = [
    ...(endsInFirstHour ? [endsInFirstHour] : []),
    ...(toH !== null && toH * HOUR_MS !== filter.to?.getTime()
      ? [
          eb.and([
            eb('i.start_at', '>', new Date(toH * HOUR_MS)),
            ...(endsInFirstHour ? [eb.not(endsInFirstHour)] : []),
          ]),
        ]
      : []),
  ];
  const counted = sql`
    select b.gx / ${f} as gx, b.gy / ${f} as gy, b.n, b.sum_fx / ${f} as sfx, b.sum_fy / ${f} as sfy
    from incident_bin b
    where ${sql.join(binWhere, sql` and `)}`;
  const parts =
    edge.length === 0
      ? counted
      : sql.join(
          [
            counted,
            ...edge.map(
              (e) => sql`
    select floor(m.fx)::int, floor(m.fy)::int, 1::bigint, m.fx, m.fy
    from incident i ${cellOf}
    where ${eb.and([where, e])}`,
            ),
          ],
          sql` union all `,
        );
  return sql`select gx, gy, sum(n) as n, sum(sfx) as sfx, sum(sfy) as sfy from (${parts}) p group by 1, 2`;
}

/**
 * Runs a tile query on this connection or transaction and encodes its rows. Without JIT for the
 * rest of the transaction: PostGIS functions carry high planner costs, so a tile's plan is
 * costed past `jit_above_cost` although it runs in milliseconds, and PostgreSQL then spent
 * ~130 ms compiling a z10 tile whose query took 25 ms (EXPLAIN ANALYZE at 1M). The setting is
 * local to the transaction (the reader's, in the route); outside one it changes nothing.
 */
export async function runTileQuery(db: Db, tile: TileQuery): Promise<Uint8Array> {
  if (db.isTransaction) await sql`select set_config('jit', 'off', true)`.execute(db);
  const result = await tile.query.execute(db);
  return tile.encode(result.rows);
}

/**
 * Incidents as one Mapbox vector tile under the same filter as the counts: bins with counts
 * below AGGREGATE_BELOW_ZOOM, incidents from it on (incidentTileQuery). PostGIS writes an
 * incident tile with ST_AsMVT where its build can; elsewhere, and for bins, PostGIS computes the
 * tile coordinates and encodePointTile writes the protobuf.
 */
export async function incidentTile(
  db: Db,
  tile: TileAddress,
  filter: IncidentFilter,
  encoder: TileEncoder = 'postgis',
): Promise<Uint8Array> {
  return runTileQuery(db, incidentTileQuery(tile, filter, encoder));
}
