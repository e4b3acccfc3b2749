/**
 * Geodesic area on the WGS 84 ellipsoid, pure. PostGIS measures `geography` areas on the
 * spheroid (GeographicLib's polygon area); the server's figures come from there and this is
 * the same measure for core and tests: on the two DeepStateMap polygons (about 112,000 and
 * 117,000 km²) the two agree to within 0.001 km² (docs/adr/0028-control-areas.md).
 *
 * Why not `@turf/area` (installed, with @turf/turf): it measures on a sphere of the equatorial
 * radius (6,378,137 m) and reads those polygons 0.27% small, outside the 0.1% the issue asks
 * for. GeographicLib's JavaScript port is not installed. The method here is exact for areas: the ellipsoid
 * is mapped to its authalic sphere (equal area, latitude → authalic latitude), where a polygon
 * with great-circle edges has the area R_q² × its spherical excess. Edges become great circles
 * of that sphere instead of ellipsoid geodesics, a difference far below a metre for edges of
 * the few kilometres these files hold.
 */
import type { AreaGeometry, Position } from './types.ts';

const A = 6_378_137; // WGS 84 semi-major axis, m
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);

/** q(φ) of the authalic latitude (Snyder, Map Projections: A Working Manual, eq. 3-12). */
function q(sinPhi: number): number {
  return (
    (1 - E2) *
    (sinPhi / (1 - E2 * sinPhi * sinPhi) - (1 / (2 * E)) * Math.log((1 - E * sinPhi) / (1 + E * sinPhi)))
  );
}

const QP = q(1);
/** Radius of the sphere with the ellipsoid's area. */
const RQ = A * Math.sqrt(QP / 2);

const RAD = Math.PI / 180;

/** Authalic latitude (radians) of a geodetic latitude in degrees. */
function authalic(latDeg: number): number {
  const ratio = q(Math.sin(latDeg * RAD)) / QP;
  return Math.asin(Math.max(-1, Math.min(1, ratio)));
}

/** Signed area of a closed ring in m² (counter-clockwise positive). */
export function ringAreaM2(ring: readonly Position[]): number {
  let excess = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [l1, p1] = ring[i]!;
    const [l2, p2] = ring[i + 1]!;
    let dl = (l2 - l1) * RAD;
    if (dl > Math.PI) dl -= 2 * Math.PI;
    if (dl < -Math.PI) dl += 2 * Math.PI;
    const t1 = Math.tan(authalic(p1) / 2);
    const t2 = Math.tan(authalic(p2) / 2);
    // The signed excess of the triangle (pole, v1, v2): exact for a great-circle edge.
    excess += 2 * Math.atan2(Math.tan(dl / 2) * (t1 + t2), 1 + t1 * t2);
  }
  // The sum runs clockwise-positive; negated so that a counter-clockwise ring (RFC 7946) is positive.
  return -excess * RQ * RQ;
}

/** Geodesic area of a (Multi)Polygon in km²: outer rings less their holes, orientation ignored. */
export function geodesicAreaKm2(
  geometry:
    | AreaGeometry
    | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] },
): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const a = Math.abs(ringAreaM2(ring));
      m2 += i === 0 ? a : -a;
    });
  }
  return m2 / 1e6;
}
