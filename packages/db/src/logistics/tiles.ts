/**
 * A route network as Mapbox vector tiles (layer `routes`), each segment with its risk score, for
 * networks too large to send whole. PostGIS clips the segments to the tile (with a margin, so
 * lines do not end at tile edges); the tile is encoded in JS (`encodeLineTile`) on both engines,
 * since PGlite's PostGIS has no ST_AsMVT.
 */
import type { RiskRule } from '@guarantor/core/logistics';
import { type Kysely, sql, type Transaction } from 'kysely';
import { encodeLineTile } from '../mvt.ts';
import type { Database } from '../schema.ts';
import { rowIdOf, segmentRisksSql } from './networks.ts';

type Db = Kysely<Database> | Transaction<Database>;

const EXTENT = 4096;
/** The margin around a tile, in tile units, as ST_AsMVTGeom's default buffer. */
const MARGIN = 256;

/** The tile, or undefined when the network is hidden or absent. */
export async function routeTile(
  db: Db,
  networkId: string,
  tile: { z: number; x: number; y: number },
  rule: RiskRule,
  asOf: Date,
): Promise<Uint8Array | undefined> {
  const row = rowIdOf('net', networkId);
  if (row === undefined) return undefined;
  const exists = await db.selectFrom('route_network').select('id').where('id', '=', row).executeTakeFirst();
  if (!exists) return undefined;
  const rows = await sql<{
    id: number | string;
    name: string | null;
    g: string;
    xmin: number;
    ymin: number;
    xmax: number;
    ymax: number;
  }>`
    with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env),
    area as (select env, st_expand(env, (st_xmax(env) - st_xmin(env)) * ${MARGIN / EXTENT}) as wide from bounds)
    select s.id, s.name, st_asgeojson(st_intersection(st_transform(s.geom, 3857), area.wide)) as g,
           st_xmin(area.env) as xmin, st_ymin(area.env) as ymin, st_xmax(area.env) as xmax, st_ymax(area.env) as ymax
    from route_segment s, area
    where s.network_id = ${row} and s.geom && st_transform(area.wide, 4326)
      and st_intersects(st_transform(s.geom, 3857), area.wide)`.execute(db);
  if (rows.rows.length === 0) return new Uint8Array();
  // Scores for the segments of this tile only (its margin included), not the whole network.
  const bbox = await sql<{ w: number; s: number; e: number; n: number }>`
    with b as (select st_transform(st_expand(st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}),
                 (st_xmax(st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y})) - st_xmin(st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}))) * ${MARGIN / EXTENT}), 4326) as g)
    select st_xmin(g) as w, st_ymin(g) as s, st_xmax(g) as e, st_ymax(g) as n from b`.execute(db);
  const b = bbox.rows[0]!;
  const risk = await segmentRisksSql(db, networkId, rule, asOf, [
    Number(b.w),
    Number(b.s),
    Number(b.e),
    Number(b.n),
  ]);
  return encodeLineTile(
    'routes',
    rows.rows.map((r) => {
      const g = JSON.parse(r.g) as { type: string; coordinates: unknown };
      // A clip can leave a point where a segment only touches the margin: no line to draw.
      const parts = (
        g.type === 'LineString'
          ? [g.coordinates]
          : g.type === 'MultiLineString'
            ? (g.coordinates as unknown[])
            : []
      ) as [number, number][][];
      const sx = EXTENT / (Number(r.xmax) - Number(r.xmin));
      const sy = EXTENT / (Number(r.ymax) - Number(r.ymin));
      return {
        parts: parts.map((p) =>
          p.map(
            ([x, y]) =>
              [Math.round((x - Number(r.xmin)) * sx), Math.round((Number(r.ymax) - y) * sy)] as const,
          ),
        ),
        properties: { id: `seg-${r.id}`, name: r.name, risk: risk?.scores.get(`seg-${r.id}`) ?? 0 },
      };
    }),
    EXTENT,
  );
}
