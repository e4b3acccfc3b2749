import type { BearingLocation, LngLat } from './types.ts';

/** Mean Earth radius, metres; the value turf uses, so distances agree with turf to the bit. */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** A position in a local tangent plane: metres east, metres north of the plane's origin. */
export type PlaneXY = readonly [x: number, y: number];

/** Great-circle distance, metres. The arithmetic mirrors @turf/distance so benchmarks compare equal. */
export function haversineM(a: LngLat, b: LngLat): number {
  return haversineLngLat(a[0], a[1], b[0], b[1]);
}

/** haversineM for two positions given as numbers, with the same arithmetic. */
export function haversineLngLat(lngA: number, latA: number, lngB: number, latB: number): number {
  const dLat = (((latB - latA) % 360) * Math.PI) / 180;
  const dLon = (((lngB - lngA) % 360) * Math.PI) / 180;
  const lat1 = ((latA % 360) * Math.PI) / 180;
  const lat2 = ((latB % 360) * Math.PI) / 180;
  const h = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(lat1) * Math.cos(lat2);
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * EARTH_RADIUS_M;
}

/** The point reached from `origin` along a great circle at `bearingDeg` (clockwise from north). */
export function destination(origin: LngLat, bearingDeg: number, distanceM: number): LngLat {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearingDeg * RAD;
  const lat1 = origin[1] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const dLng = Math.atan2(
    Math.sin(b) * Math.sin(d) * Math.cos(lat1),
    Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
  );
  return [wrapLng(origin[0] + dLng / RAD), lat2 / RAD];
}

function wrapLng(lng: number): number {
  return lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
}

/**
 * Equirectangular projection about `origin`. Good to about 0.1 % over tens of kilometres at
 * Ukraine's latitudes, which is the scale of a join; never used for the index's filter.
 */
export function toPlane(p: LngLat, origin: LngLat): PlaneXY {
  return planeXY(p[0], p[1], origin);
}

/** toPlane for a position given as two numbers (a vertex of a flat ring), with the same arithmetic. */
export function planeXY(lng: number, lat: number, origin: LngLat): PlaneXY {
  return [
    wrapLng(lng - origin[0]) * RAD * Math.cos(origin[1] * RAD) * EARTH_RADIUS_M,
    (lat - origin[1]) * RAD * EARTH_RADIUS_M,
  ];
}

/** Inverse of toPlane. */
export function fromPlane(xy: PlaneXY, origin: LngLat): LngLat {
  return [
    wrapLng(origin[0] + xy[0] / (EARTH_RADIUS_M * Math.cos(origin[1] * RAD)) / RAD),
    origin[1] + xy[1] / EARTH_RADIUS_M / RAD,
  ];
}

/** Midpoint in degrees; symmetric in its arguments (float addition commutes). */
export function midpoint(a: LngLat, b: LngLat): LngLat {
  return Math.abs(a[0] - b[0]) > 180
    ? [wrapLng((a[0] + b[0]) / 2 + 180), (a[1] + b[1]) / 2]
    : [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/** Arcs of a sector are sampled at least this often, so a chord strays under 0.1 % of the radius. */
const ARC_STEP_DEG = 5;

/**
 * The annular sector of a bearing report as a polygon (lng/lat ring, not closed): the outer
 * arc clockwise, then the inner arc back (or the observer when the range starts at 0).
 */
export function sectorPolygon(s: BearingLocation): readonly LngLat[] {
  const steps = Math.max(1, Math.ceil((2 * s.spreadDeg) / ARC_STEP_DEG));
  const ring: LngLat[] = [];
  for (let i = 0; i <= steps; i++) {
    ring.push(
      destination(s.observer, s.bearingDeg - s.spreadDeg + (2 * s.spreadDeg * i) / steps, s.maxDistanceM),
    );
  }
  if (s.minDistanceM === 0) ring.push(s.observer);
  else {
    for (let i = steps; i >= 0; i--) {
      ring.push(
        destination(s.observer, s.bearingDeg - s.spreadDeg + (2 * s.spreadDeg * i) / steps, s.minDistanceM),
      );
    }
  }
  return ring;
}

/** The area centroid of an annular sector (exact formula for the true arcs). */
export function sectorCentroid(s: BearingLocation): LngLat {
  const a = s.spreadDeg * RAD;
  const r1 = s.minDistanceM;
  const r2 = s.maxDistanceM;
  const radial = r2 === r1 ? r2 : ((2 / 3) * (r2 ** 3 - r1 ** 3)) / (r2 ** 2 - r1 ** 2);
  return destination(s.observer, s.bearingDeg, a === 0 ? radial : (radial * Math.sin(a)) / a);
}

function pointSegmentM(p: PlaneXY, a: PlaneXY, b: PlaneXY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function cross(o: PlaneXY, a: PlaneXY, b: PlaneXY): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsCross(a: PlaneXY, b: PlaneXY, c: PlaneXY, d: PlaneXY): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function inside(p: PlaneXY, ring: readonly PlaneXY[]): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0])
      odd = !odd;
  }
  return odd;
}

/** Distance from a point to a polygon's area (0 inside), metres, in one tangent plane. */
export function pointPolygonM(p: PlaneXY, ring: readonly PlaneXY[]): number {
  if (inside(p, ring)) return 0;
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    best = Math.min(best, pointSegmentM(p, ring[j]!, ring[i]!));
  return best;
}

/** Distance between two polygons' areas (0 when they touch or overlap), metres. */
export function polygonPolygonM(p: readonly PlaneXY[], q: readonly PlaneXY[]): number {
  if (inside(p[0]!, q) || inside(q[0]!, p)) return 0;
  let best = Infinity;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    for (let k = 0, l = q.length - 1; k < q.length; l = k++) {
      const a = p[j]!;
      const b = p[i]!;
      const c = q[l]!;
      const d = q[k]!;
      if (segmentsCross(a, b, c, d)) return 0;
      best = Math.min(
        best,
        pointSegmentM(a, c, d),
        pointSegmentM(b, c, d),
        pointSegmentM(c, a, b),
        pointSegmentM(d, a, b),
      );
    }
  }
  return best;
}
