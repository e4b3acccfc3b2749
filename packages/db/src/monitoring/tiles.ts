/**
 * Incidents as Mapbox vector tiles, under the same filter as the lists and counts. The queries
 * stay SQL: PostGIS builds the tile (ST_AsMVT, ST_TileEnvelope) and the builder has no words
 * for it; each is typed at its edge.
 */
import { expressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
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
 * Incidents as one Mapbox vector tile (layer `incidents`) under the same filter as the counts.
 * Features carry id, category, state, counts and times. PostGIS writes the tile with
 * ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y))); where its build
 * cannot, PostGIS computes the same tile coordinates and encodePointTile writes the protobuf.
 */
export async function incidentTile(
  db: Db,
  tile: { readonly z: number; readonly x: number; readonly y: number },
  filter: IncidentFilter,
  encoder: TileEncoder = 'postgis',
): Promise<Uint8Array> {
  const eb = expressionBuilder<IncidentScope, 'i'>();
  const where = eb.and([incidentFilter(filter)(eb), lngLatWithin(eb, tileBoundsDeg(tile))]);
  if (encoder === 'postgis') {
    const rows = await sql<MvtRow>`
      with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env),
      features as (
        select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
          extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
          st_asmvtgeom(st_transform(i.geom, 3857), bounds.env, ${TILE_EXTENT}) as geom
        from incident i, bounds
        where ${where} and i.geom && st_transform(bounds.env, 4326)
        limit ${MAX_TILE_FEATURES}
      )
      select st_asmvt(features.*, 'incidents', ${TILE_EXTENT}, 'geom') as mvt from features where geom is not null`.execute(
      db,
    );
    const mvt = rows.rows[0]?.mvt;
    return mvt ? new Uint8Array(mvt) : new Uint8Array();
  }
  const rows = await sql<TilePointRow>`
    with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env)
    select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
      extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
      round((st_x(p.m) - st_xmin(bounds.env)) * ${TILE_EXTENT} / (st_xmax(bounds.env) - st_xmin(bounds.env))) as tx,
      round((st_ymax(bounds.env) - st_y(p.m)) * ${TILE_EXTENT} / (st_ymax(bounds.env) - st_ymin(bounds.env))) as ty
    from incident i cross join bounds cross join lateral (select st_transform(i.geom, 3857) as m) p
    where ${where} and i.geom && st_transform(bounds.env, 4326)
    limit ${MAX_TILE_FEATURES}`.execute(db);
  return encodePointTile(
    'incidents',
    rows.rows.map(({ tx, ty, ...properties }) => ({
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
