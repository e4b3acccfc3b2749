/**
 * The line of contact derived from a control area (issue 17, docs/adr/0032-land-options.md):
 * the part of the area's edge that faces land the other side holds, not the state border and
 * not the coast. The server computes it in PostGIS (`db/src/land-options/contact-line.ts`); this is
 * the same rule, pure, for tests and callers without a database. The two agree within 0.1% on
 * the real DeepStateMap areas (`packages/db/src/land-options/contact-line.test.ts`).
 *
 * The rule, segment by segment along every ring of the area: a segment belongs to the line when
 * its midpoint (in longitude and latitude, as PostGIS's `ST_LineInterpolatePoint(s, 0.5)`) lies
 * inside Ukraine's land outline and more than {@link CONTACT_EDGE_TOLERANCE_KM} from that
 * outline's edge. The outline is Natural Earth 1:50m (data/ukraine-land.geojson), within a few
 * kilometres of the real border and coast; the tolerance absorbs that, so an area that follows
 * the border or the coast adds nothing to the line. Lengths are geodesic on the WGS 84
 * ellipsoid (GeographicLib, the algorithm PostGIS uses for `geography`).
 */
import geographiclib from 'geographiclib-geodesic';
import type { AreaGeometry, PolygonRings, Position } from './types.ts';

const WGS84 = geographiclib.Geodesic.WGS84;

/** A segment whose midpoint is this close to the land outline's edge is border or coast, not front. */
export const CONTACT_EDGE_TOLERANCE_KM = 5;

/** Geodesic distance between two positions on the WGS 84 ellipsoid, metres. */
export function geodesicDistanceM(a: Position, b: Position): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0], geographiclib.Geodesic.DISTANCE).s12 ?? 0;
}

/** Geodesic length of a line (its segments are geodesics), km. */
export function geodesicLengthKm(line: readonly Position[]): number {
  let m = 0;
  for (let i = 0; i + 1 < line.length; i++) m += geodesicDistanceM(line[i]!, line[i + 1]!);
  return m / 1000;
}

/** Even-odd point in polygon over every ring (outer rings and holes), planar in degrees. */
export function insideArea(p: Position, area: AreaGeometry): boolean {
  let inside = false;
  for (const polygon of area.coordinates) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

const RAD = Math.PI / 180;
const A = 6_378_137;
const E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

/** Edges of an area's rings, with their bounding boxes, for distance queries. */
interface Edges {
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly x2: Float64Array;
  readonly y2: Float64Array;
}

function edgesOf(area: AreaGeometry): Edges {
  const list: number[][] = [];
  for (const polygon of area.coordinates)
    for (const ring of polygon)
      for (let i = 0; i + 1 < ring.length; i++) list.push([...ring[i]!, ...ring[i + 1]!]);
  return {
    x1: Float64Array.from(list, (e) => e[0]!),
    y1: Float64Array.from(list, (e) => e[1]!),
    x2: Float64Array.from(list, (e) => e[2]!),
    y2: Float64Array.from(list, (e) => e[3]!),
  };
}

/**
 * Whether `p` lies within `km` of any edge. Candidates are found in a local plane scaled by the
 * ellipsoid's radii of curvature at `p` (good to well under 0.1% within tens of km), and the
 * nearest candidate's distance is then measured as a geodesic.
 */
function withinKmOfEdges(p: Position, edges: Edges, km: number): boolean {
  const phi = p[1] * RAD;
  const w = Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const kx = ((A / w) * Math.cos(phi) * RAD) / 1000; // km per degree of longitude
  const ky = ((A * (1 - E2)) / w ** 3) * (RAD / 1000); // km per degree of latitude
  let best = Number.POSITIVE_INFINITY;
  let bestPoint: Position = p;
  const n = edges.x1.length;
  for (let i = 0; i < n; i++) {
    const ax = (edges.x1[i]! - p[0]) * kx;
    const ay = (edges.y1[i]! - p[1]) * ky;
    const bx = (edges.x2[i]! - p[0]) * kx;
    const by = (edges.y2[i]! - p[1]) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const cx = ax + t * dx;
    const cy = ay + t * dy;
    const d2 = cx * cx + cy * cy;
    if (d2 < best) {
      best = d2;
      bestPoint = [p[0] + cx / kx, p[1] + cy / ky];
    }
  }
  if (Math.sqrt(best) > km * 1.01) return false;
  if (Math.sqrt(best) < km * 0.99) return true;
  return geodesicDistanceM(p, bestPoint) / 1000 <= km;
}

/** The line of contact: its runs of consecutive segments, and their geodesic length. */
export interface ContactLine {
  /** Each run of consecutive segments on the line, as a LineString's positions. */
  readonly lines: readonly (readonly Position[])[];
  readonly lengthKm: number;
  /** Segments of the area's edge read, and taken as line of contact. */
  readonly segmentsRead: number;
  readonly segmentsTaken: number;
}

/**
 * The line of contact of `area` (the occupied area, or an option's) against Ukraine's land
 * outline `land`, by the rule in this file's comment.
 */
export function lineOfContact(
  area: AreaGeometry | { readonly type: 'Polygon'; readonly coordinates: PolygonRings },
  land: AreaGeometry,
  toleranceKm: number = CONTACT_EDGE_TOLERANCE_KM,
): ContactLine {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const edges = edgesOf(land);
  const lines: Position[][] = [];
  let lengthM = 0;
  let read = 0;
  let taken = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let run: Position[] | null = null;
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        read++;
        const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const on = insideArea(mid, land) && !withinKmOfEdges(mid, edges, toleranceKm);
        if (!on) {
          run = null;
          continue;
        }
        taken++;
        lengthM += geodesicDistanceM(a, b);
        if (run) run.push(b);
        else {
          run = [a, b];
          lines.push(run);
        }
      }
    }
  }
  return { lines, lengthKm: lengthM / 1000, segmentsRead: read, segmentsTaken: taken };
}
