import {
  haversineM,
  midpoint,
  pointPolygonM,
  polygonPolygonM,
  sectorCentroid,
  sectorPolygon,
  toPlane,
} from './geo.ts';
import type { FusionRules } from './rules.ts';
import { CATEGORIES, type JoinEdge, type LngLat, type Observation } from './types.ts';

/** Where an observation may be: its uncertainty disc, or its bearing sector as a polygon. */
export type Region =
  | { readonly kind: 'disc'; readonly centre: LngLat; readonly radiusM: number }
  | { readonly kind: 'sector'; readonly centre: LngLat; readonly ring: readonly LngLat[] };

/** An observation with the geometry both engines need, computed once on arrival. */
export interface FusionNode {
  /** Engine-assigned slot, unique among live nodes; the indexed engine's array index. */
  readonly key: number;
  readonly observation: Observation;
  readonly uid: string;
  readonly category: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly region: Region;
  /** A circle around `region.centre` that contains the whole region. */
  readonly reachM: number;
}

/** Builds the node for an already validated observation. */
export function makeNode(observation: Observation, key: number, rules: FusionRules): FusionNode {
  const loc = observation.location;
  let region: Region;
  let reachM: number;
  if (loc.kind === 'point') {
    region = { kind: 'disc', centre: loc.position, radiusM: loc.radiusM };
    reachM = loc.radiusM;
  } else {
    const centre = sectorCentroid(loc);
    const ring = sectorPolygon(loc);
    region = { kind: 'sector', centre, ring };
    // The polygon's farthest point from any point is a vertex.
    reachM = Math.max(...ring.map((v) => haversineM(centre, v)));
  }
  return {
    key,
    observation,
    uid: observation.uid,
    category: rules.categoryIndex.get(observation.category)!,
    startMs: observation.time.startMs,
    endMs: observation.time.endMs,
    region,
    reachM,
  };
}

/** Gap between two regions, metres (0 when they overlap). Symmetric for a fixed argument order. */
function regionGapM(a: Region, b: Region): number {
  if (a.kind === 'disc' && b.kind === 'disc')
    return Math.max(0, haversineM(a.centre, b.centre) - a.radiusM - b.radiusM);
  const origin = midpoint(a.centre, b.centre);
  const plane = (ring: readonly LngLat[]) => ring.map((v) => toPlane(v, origin));
  if (a.kind === 'sector' && b.kind === 'sector') return polygonPolygonM(plane(a.ring), plane(b.ring));
  const [disc, sector] =
    a.kind === 'disc' ? [a, b as Region & { kind: 'sector' }] : [b as Region & { kind: 'disc' }, a];
  return Math.max(0, pointPolygonM(toPlane(disc.centre, origin), plane(sector.ring)) - disc.radiusM);
}

const N = CATEGORIES.length;

/**
 * The join relation: the edge between two observations when their categories are compatible
 * and both their time windows and their regions come within the pair's tolerance; otherwise
 * undefined. It depends on the two observations only (never on what else is known), and the
 * pair is put in uid order first, so both engines compute the same numbers bit for bit.
 */
export function joinEdge(p: FusionNode, q: FusionNode, rules: FusionRules): JoinEdge | undefined {
  const [a, b] = p.uid < q.uid ? [p, q] : [q, p];
  const pair = a.category * N + b.category;
  if (!rules.compatible[pair]) return undefined;
  const tolerance = rules.pairTolerance[pair]!;
  const gapMs = Math.max(0, Math.max(a.startMs, b.startMs) - Math.min(a.endMs, b.endMs));
  if (gapMs > tolerance.timeMs) return undefined;
  const distanceM = regionGapM(a.region, b.region);
  if (distanceM > tolerance.distanceM) return undefined;
  return {
    a: a.uid,
    b: b.uid,
    rule: a.category === b.category ? 'same_category' : 'compatible_category',
    geometry:
      a.region.kind !== b.region.kind
        ? 'disc-sector'
        : a.region.kind === 'disc'
          ? 'disc-disc'
          : 'sector-sector',
    distanceM,
    gapMs,
    tolerance,
  };
}
