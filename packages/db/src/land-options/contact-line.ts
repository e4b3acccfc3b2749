/**
 * The line of contact of an area, in PostGIS: the same rule as core's `lineOfContact`
 * (packages/core/src/territory/contact-line.ts, docs/adr/0032-land-options.md). Every segment of
 * the area's edge whose midpoint lies inside Ukraine's land outline and more than the tolerance
 * from its edge (state border or coast) is line of contact; lengths are `geography` (WGS 84).
 */
import { CONTACT_EDGE_TOLERANCE_KM } from '@guarantor/core/territory';
import { type Expression, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A line of contact as PostGIS gives it. */
export interface ContactLineRow {
  /** GeoJSON MultiLineString text (6 decimals); null when the area has no line of contact. */
  readonly geometry: string | null;
  readonly lengthKm: number;
  readonly segmentsRead: number;
  readonly segmentsTaken: number;
}

/**
 * A SELECT giving the line of contact of `area` (an SQL expression of a (Multi)Polygon):
 * columns `line` (a MultiLineString geometry or null), `km`, `segments_read`, `segments_taken`.
 */
export function contactLineSql(
  area: RawBuilder<unknown> | Expression<unknown>,
  toleranceKm = CONTACT_EDGE_TOLERANCE_KM,
): RawBuilder<unknown> {
  return sql`
    with land as (
      select geom, st_boundary(geom)::geography as edge from territory_outline where name = 'ukraine_land'
    ), seg as (
      select d.path, d.geom as s from st_dumpsegments(st_boundary(${area})) as d
    ), taken as (
      select seg.path, seg.s from seg, land
      where st_within(st_lineinterpolatepoint(seg.s, 0.5), land.geom)
        and not st_dwithin(st_lineinterpolatepoint(seg.s, 0.5)::geography, land.edge, ${toleranceKm * 1000})
    )
    select (select st_multi(st_linemerge(st_collect(s order by path))) from taken) as line,
           coalesce((select sum(st_length(s::geography)) from taken), 0) / 1000 as km,
           (select count(*) from seg)::int as segments_read,
           (select count(*) from taken)::int as segments_taken`;
}

/** The line of contact of one stored control-area version (as the reader sees it), or undefined. */
export async function controlAreaContactLine(db: Db, rowId: number): Promise<ContactLineRow | undefined> {
  const r = await sql<{ geometry: string | null; km: number; segments_read: number; segments_taken: number }>`
    with area as (select geom from control_area_version where id = ${rowId}),
         c as (${contactLineSql(sql`(select geom from area)`)})
    select st_asgeojson(c.line, 6) as geometry, c.km, c.segments_read, c.segments_taken
    from c where exists (select 1 from area)`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    geometry: row.geometry,
    lengthKm: Number(row.km),
    segmentsRead: Number(row.segments_read),
    segmentsTaken: Number(row.segments_taken),
  };
}

/** Ukraine's land outline as GeoJSON text, for core's rule and the maps. */
export async function ukraineLandOutline(db: Db): Promise<string | undefined> {
  const r = await sql<{ g: string }>`
    select st_asgeojson(geom, 6) as g from territory_outline where name = 'ukraine_land'`.execute(db);
  return r.rows[0]?.g;
}

/** Geodesic area of Ukraine's land outline, km². */
export async function ukraineLandKm2(db: Db): Promise<number> {
  const r = await sql<{ km2: number | null }>`
    select st_area(geom::geography) / 1e6 as km2 from territory_outline where name = 'ukraine_land'`.execute(
    db,
  );
  return Number(r.rows[0]?.km2 ?? 0);
}
