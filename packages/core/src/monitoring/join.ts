import {
  haversineLngLat,
  midpoint,
  type PlaneXY,
  planeXY,
  pointPolygonM,
  polygonPolygonM,
  toPlane,
} from './geo.ts';
import type { FusionRules } from './rules.ts';
import { CATEGORIES, type JoinEdge, type LngLat, type Observation, type SourceKind } from './types.ts';

/** Where an observation may be: its uncertainty disc, or its bearing sector as a polygon. */
export type Region =
  | { readonly kind: 'disc'; readonly centre: LngLat; readonly radiusM: number }
  | {
      readonly kind: 'sector';
      readonly centre: LngLat;
      /**
       * The sector's polygon (sectorPolygon) flat, lng, lat, lng, lat…: one array of doubles,
       * not one array per vertex (nor a typed array, whose off-heap buffer costs far more to
       * allocate and collect than it saves).
       */
      readonly ring: readonly number[];
    };

/** An observation with the geometry both engines need, computed once on arrival. */
export interface FusionNode {
  /** Engine-assigned slot, unique among live nodes; the indexed engine's array index. */
  readonly key: number;
  readonly observation: Observation;
  readonly uid: string;
  readonly category: number;
  /** The region's centre, as numbers (`region.centre` is the same as an array). */
  readonly lng: number;
  readonly lat: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  readonly sourceKind: SourceKind;
  readonly sourceNation: string;
  /** independenceKey(observation), read without making the observation. */
  readonly independenceKey: string;
  readonly region: Region;
  /** A circle around `region.centre` that contains the whole region. */
  readonly reachM: number;
  /** The radius of the disc of equal area: a disc's radius, a sector's √(area / π). */
  readonly extentM: number;
  /**
   * Its extent or duration exceeds its category's vagueness limits: it may join one incident
   * (its closest precise neighbour's) but never bridges two.
   */
  readonly vague: boolean;
}

/** Gap between two regions, metres (0 when they overlap). Symmetric for a fixed argument order. */
function regionGapM(p: FusionNode, q: FusionNode): number {
  const a = p.region;
  const b = q.region;
  if (a.kind === 'disc' && b.kind === 'disc')
    return Math.max(0, haversineLngLat(p.lng, p.lat, q.lng, q.lat) - a.radiusM - b.radiusM);
  const origin = midpoint(a.centre, b.centre);
  const plane = (ring: readonly number[]) => {
    const out: PlaneXY[] = [];
    for (let i = 0; i < ring.length; i += 2) out.push(planeXY(ring[i]!, ring[i + 1]!, origin));
    return out;
  };
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
  const a = p.uid < q.uid ? p : q;
  const b = a === p ? q : p;
  const pair = a.category * N + b.category;
  if (!rules.compatible[pair]) return undefined;
  const tolerance = rules.pairTolerance[pair]!;
  const gapMs = Math.max(0, Math.max(a.startMs, b.startMs) - Math.min(a.endMs, b.endMs));
  if (!timeJoins(a.startMs, a.endMs, b.startMs, b.endMs, tolerance.timeMs)) return undefined;
  const distanceM = regionGapM(a, b);
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

/**
 * joinEdge(p, q, rules) !== undefined, without building the edge: the same arithmetic in the
 * same order, so the indexed engine's hot path decides exactly as the reference does.
 */
export function joins(p: FusionNode, q: FusionNode, rules: FusionRules): boolean {
  const a = p.uid < q.uid ? p : q;
  const b = a === p ? q : p;
  const pair = a.category * N + b.category;
  if (!rules.compatible[pair]) return false;
  const tolerance = rules.pairTolerance[pair]!;
  return (
    timeJoins(a.startMs, a.endMs, b.startMs, b.endMs, tolerance.timeMs) &&
    regionGapM(a, b) <= tolerance.distanceM
  );
}

/**
 * Whether two windows may join in time. The tolerance is slack for clocks that disagree, as the
 * distance tolerance is for positions; a window longer than it (a report dated to a day, for a
 * category whose slack is 15 minutes) already says how uncertain it is, so such a pair must
 * share time: touching windows of consecutive days do not join, and a day-precision report
 * never bridges two days on its own. Numbers, not nodes, so the indexed engine's fast path
 * decides with the same arithmetic.
 */
export function timeJoins(
  aStartMs: number,
  aEndMs: number,
  bStartMs: number,
  bEndMs: number,
  toleranceMs: number,
): boolean {
  const gapMs = Math.max(0, Math.max(aStartMs, bStartMs) - Math.min(aEndMs, bEndMs));
  if (gapMs > toleranceMs) return false;
  if (aEndMs - aStartMs <= toleranceMs && bEndMs - bStartMs <= toleranceMs) return true;
  return sharesTimeMs(aStartMs, aEndMs, bStartMs, bEndMs);
}

/**
 * The two windows overlap for some time, or one is an instant within the other; two windows
 * that only touch (one ends as the next starts, as day windows written [00:00, 24:00] do) do not.
 */
function sharesTimeMs(aStartMs: number, aEndMs: number, bStartMs: number, bEndMs: number): boolean {
  const overlapMs = Math.min(aEndMs, bEndMs) - Math.max(aStartMs, bStartMs);
  return overlapMs > 0 || (overlapMs === 0 && (aEndMs === aStartMs || bEndMs === bStartMs));
}

/** The two gaps of a join edge, by which a vague observation picks its precise neighbour. */
export type Gaps = Pick<JoinEdge, 'distanceM' | 'gapMs'>;

/**
 * Whether a vague observation should attach to the precise neighbour `uid` (joined with
 * `gaps`) rather than to `bestUid` (joined with `best`): the smaller region gap, then the
 * smaller time gap, then the smaller uid. A total order, so the choice does not depend on
 * which came first.
 */
export function closerAttachment(
  gaps: Gaps,
  uid: string,
  best: Gaps | undefined,
  bestUid: string | undefined,
): boolean {
  if (best === undefined || bestUid === undefined) return true;
  if (gaps.distanceM !== best.distanceM) return gaps.distanceM < best.distanceM;
  if (gaps.gapMs !== best.gapMs) return gaps.gapMs < best.gapMs;
  return uid < bestUid;
}

/** Larger ≤ ratio × smaller, or the two differ by at most the slack. */
function agree(x: number, y: number, ratio: number, slack: number): boolean {
  const [lo, hi] = x < y ? [x, y] : [y, x];
  return hi <= ratio * lo || hi - lo <= slack;
}

/**
 * Whether two vague observations joined by `edge` nearly coincide, so that they may form an
 * incident together when neither has a precise neighbour: their windows overlap (touching is
 * not enough: "3 June" and "4 June" written as [00:00, 24:00] do not coincide), their
 * centres lie within the pair's distance tolerance, and their extents and durations agree
 * within rules.coincidenceRatio (or differ by no more than the pair's tolerance).
 */
export function coincident(p: FusionNode, q: FusionNode, edge: JoinEdge, rules: FusionRules): boolean {
  const [a, b] = p.uid < q.uid ? [p, q] : [q, p];
  const t = edge.tolerance;
  const ratio = rules.coincidenceRatio;
  return (
    sharesTimeMs(a.startMs, a.endMs, b.startMs, b.endMs) &&
    haversineLngLat(a.lng, a.lat, b.lng, b.lat) <= t.distanceM &&
    agree(a.extentM, b.extentM, ratio, t.distanceM) &&
    agree(a.endMs - a.startMs, b.endMs - b.startMs, ratio, t.timeMs)
  );
}
