/**
 * Distances on the sphere PostGIS uses for geography when told not to use the spheroid
 * (`ST_DWithin(a, b, d, false)`), so that the route-risk rule gives the same incidents in core
 * and in the database.
 */

/** Longitude, latitude in degrees (GeoJSON order). */
export type LngLat = readonly [lng: number, lat: number];

/** PostGIS's sphere for geography: the WGS 84 mean radius (2a + b) / 3, in metres. */
export const POSTGIS_SPHERE_RADIUS_M = 6_371_008.771_415_06;

const RAD = Math.PI / 180;

/** Central angle between two positions (radians), haversine. */
function angle([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b (radians). */
function bearing([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lng2 - lng1) * RAD;
  return Math.atan2(
    Math.sin(dl) * Math.cos(p2),
    Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl),
  );
}

/** Great-circle distance in metres. */
export function sphereDistanceM(a: LngLat, b: LngLat): number {
  return angle(a, b) * POSTGIS_SPHERE_RADIUS_M;
}

/** Length of a line along great circles, in metres. */
export function lineLengthM(line: readonly LngLat[]): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) sum += sphereDistanceM(line[i - 1]!, line[i]!);
  return sum;
}

/** Shortest distance from a point to the great-circle arc a→b, in metres. */
export function arcDistanceM(p: LngLat, a: LngLat, b: LngLat): number {
  const d12 = angle(a, b);
  const d13 = angle(a, p);
  if (d12 === 0) return d13 * POSTGIS_SPHERE_RADIUS_M;
  const diff = bearing(a, p) - bearing(a, b);
  // Behind a: the nearest point is a.
  if (Math.cos(diff) < 0) return d13 * POSTGIS_SPHERE_RADIUS_M;
  const xt = Math.asin(Math.max(-1, Math.min(1, Math.sin(d13) * Math.sin(diff))));
  const along = Math.acos(Math.max(-1, Math.min(1, Math.cos(d13) / Math.cos(xt))));
  // Past b: the nearest point is b.
  if (along > d12) return angle(b, p) * POSTGIS_SPHERE_RADIUS_M;
  return Math.abs(xt) * POSTGIS_SPHERE_RADIUS_M;
}

/** Shortest distance from a point to a line (great-circle arcs between its positions), in metres. */
export function lineDistanceM(p: LngLat, line: readonly LngLat[]): number {
  if (line.length === 1) return sphereDistanceM(p, line[0]!);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) best = Math.min(best, arcDistanceM(p, line[i - 1]!, line[i]!));
  return best;
}
