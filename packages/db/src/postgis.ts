/**
 * The PostGIS expressions that queries built with Kysely use where a geometry is made, read or
 * compared: the builder has no words for them, so each is a small raw fragment typed at its edge.
 * Geometries are WGS 84 (SRID 4326), GeoJSON order: longitude, latitude.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** A point from longitude and latitude. */
export function pointGeom(lng: number, lat: number): RawBuilder<string> {
  return sql<string>`st_setsrid(st_makepoint(${lng}, ${lat}), 4326)`;
}

/** A geometry from GeoJSON text. */
export function geomFromGeoJson(geojson: string): RawBuilder<string> {
  return sql<string>`st_setsrid(st_geomfromgeojson(${geojson}), 4326)`;
}

/** A point column's longitude. */
export function lngOf(column: string): RawBuilder<number> {
  return sql<number>`st_x(${sql.ref(column)})`;
}

/** A point column's latitude. */
export function latOf(column: string): RawBuilder<number> {
  return sql<number>`st_y(${sql.ref(column)})`;
}

/** A geometry column as GeoJSON text, with `digits` decimals when given. */
export function geoJsonOf(column: string, digits?: number): RawBuilder<string> {
  return digits === undefined
    ? sql<string>`st_asgeojson(${sql.ref(column)})`
    : sql<string>`st_asgeojson(${sql.ref(column)}, ${sql.lit(digits)})`;
}

/** Whether the `area` geometry covers the `geom` one, boundary included (`ST_Covers`). */
export function covers(area: string, geom: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`st_covers(${sql.ref(area)}, ${sql.ref(geom)})`;
}

/** Whether a geometry column's bounding box meets a [west, south, east, north] box (`&&`). */
export function boxOverlaps(
  column: string,
  [w, s, e, n]: readonly [number, number, number, number],
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} && st_makeenvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
}

/** Whether a geometry column is spatially equal to a geometry (`ST_Equals`). */
export function geomEquals(column: string, geometry: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`st_equals(${sql.ref(column)}, ${geometry})`;
}
