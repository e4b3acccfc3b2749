import { fromPlane, type PlaneXY, toPlane } from './geo.ts';
import type { FusionNode } from './join.ts';
import type { FusionRules } from './rules.ts';
import { type Fix, triangulate } from './triangulate.ts';
import {
  type BearingLocation,
  CATEGORIES,
  type Category,
  type CountEstimate,
  type Incident,
  type IncidentLocation,
  type Join,
  type JoinEdge,
  type Observation,
} from './types.ts';

/**
 * The largest incident whose join tree (Incident.joins, the minimum spanning tree) is computed:
 * beyond it, joins are empty. A dense burst joins nearly every pair, so the tree's edges grow
 * as n² (docs/adr/0022-no-join-tree-for-huge-incidents.md).
 */
export const JOIN_TREE_LIMIT = 500;

/** Code-unit order, as `<` compares strings; never locale dependent. */
export function compareUids(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The incident id for a component whose smallest uid is `rootUid`. */
export function incidentId(rootUid: string): string {
  return `inc-${rootUid}`;
}

/**
 * Reports with the same key are not independent: one party's nation, one submitter (whatever
 * sources its reports name), or, for reports with no recorded submitter, one source id.
 */
export function independenceKey(o: Observation): string {
  if (o.source.kind === 'party_claim') return `party:${o.source.nation}`;
  return o.submitter === undefined ? `source:${o.source.id}` : `submitter:${o.submitter}`;
}

// Components can hold a million observations: Math.max(...array) would overflow the stack.
function maxOf<T>(items: readonly T[], value: (t: T, i: number) => number): number {
  return items.reduce((m, t, i) => Math.max(m, value(t, i)), -Infinity);
}

function minOf<T>(items: readonly T[], value: (t: T) => number): number {
  return items.reduce((m, t) => Math.min(m, value(t)), Infinity);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): readonly (readonly T[])[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** What the count rule reads of a report, read once (a burst's incident holds tens of thousands). */
interface Counted {
  readonly key: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
}

/**
 * Splits reports, sorted by start, into runs of overlapping time windows; different runs cannot
 * share an event. A run of a sorted list, and a group taken from it in order, stay sorted.
 */
function timeRuns(sorted: readonly Counted[]): readonly (readonly Counted[])[] {
  const runs: Counted[][] = [];
  let end = -Infinity;
  for (const c of sorted) {
    if (c.startMs > end) runs.push([]);
    runs[runs.length - 1]!.push(c);
    end = Math.max(end, c.endMs);
  }
  return runs;
}

/** One source's account: its reports at overlapping times repeat each other, at disjoint times add up. */
function sourceTotal(sorted: readonly Counted[]): number {
  return timeRuns(sorted).reduce((sum, run) => sum + maxOf(run, (c) => c.count), 0);
}

/**
 * The count rule. Each independent source's total is the sum over its own disjoint time runs
 * of its largest report in the run. best = the largest source total (sources that heard the
 * same event are not added); low = the smallest source total; high = over the incident's
 * disjoint time runs, the sum of the largest source total within each run, since reports at
 * disjoint times cannot describe the same explosions.
 */
export function estimateCount(obs: readonly Observation[]): CountEstimate {
  return countOf(
    obs.map((o) => ({
      key: independenceKey(o),
      startMs: o.time.startMs,
      endMs: o.time.endMs,
      count: o.count,
    })),
  );
}

/** The count rule over reports made for it; sorts them in place. */
function countOf(reports: Counted[]): CountEstimate {
  // Sorted by start once (stable): every run and source group below is a sorted sub-list.
  const sorted = reports.sort((a, b) => a.startMs - b.startMs);
  const byKey = (c: Counted) => c.key;
  const totals = groupBy(sorted, byKey).map(sourceTotal);
  const high = timeRuns(sorted).reduce((sum, run) => sum + maxOf(groupBy(run, byKey), sourceTotal), 0);
  return { low: minOf(totals, (t) => t), best: maxOf(totals, (t) => t), high };
}

function sectorFix(node: FusionNode): Fix {
  return { position: node.region.centre, radiusM: node.reachM };
}

/**
 * Where the incident is: bearings from different observers are triangulated when that beats
 * every single sector; all fixes (points, the triangulation or lone sectors) are then averaged
 * with weights 1/r², and the radius is the larger of the combined 1/√Σw and the distance needed
 * to reach every fix's own disc (so disagreeing reports widen it instead of narrowing it).
 */
export function estimateLocation(nodes: readonly FusionNode[]): IncidentLocation {
  const points = nodes.filter((n) => n.region.kind === 'disc');
  const sectors = nodes.filter((n) => n.region.kind === 'sector');
  const fixes: Fix[] = points.map((n) => ({ position: n.region.centre, radiusM: Math.max(1, n.reachM) }));
  const crossing =
    sectors.length >= 2
      ? triangulate(sectors.map((n) => n.observation.location as BearingLocation))
      : undefined;
  const triangulated = crossing !== undefined && crossing.radiusM < minOf(sectors, (n) => n.reachM);
  if (triangulated) fixes.push(crossing);
  else fixes.push(...sectors.map(sectorFix));
  const method =
    points.length === 0
      ? triangulated
        ? 'triangulated'
        : 'sector'
      : sectors.length === 0
        ? 'point'
        : 'combined';
  if (fixes.length === 1) return { ...fixes[0]!, method };
  const origin = fixes[0]!.position;
  const xy = fixes.map((f) => toPlane(f.position, origin));
  const weights = fixes.map((f) => 1 / Math.max(1, f.radiusM) ** 2);
  const total = weights.reduce((s, w) => s + w, 0);
  const mean: PlaneXY = [
    xy.reduce((s, p, i) => s + weights[i]! * p[0], 0) / total,
    xy.reduce((s, p, i) => s + weights[i]! * p[1], 0) / total,
  ];
  const reach = maxOf(fixes, (f, i) => Math.hypot(xy[i]![0] - mean[0], xy[i]![1] - mean[1]) - f.radiusM);
  return { position: fromPlane(mean, origin), radiusM: Math.max(1 / Math.sqrt(total), reach), method };
}

function compareEdges(x: JoinEdge, y: JoinEdge): number {
  return x.distanceM - y.distanceM || x.gapMs - y.gapMs || compareUids(x.a, y.a) || compareUids(x.b, y.b);
}

/**
 * The join that admitted each observation: the minimum spanning tree of the component's join
 * graph (shortest distance, then gap, then uids: a total order, so the tree is unique), read
 * outward from the smallest uid.
 */
export function spanningJoins(rootUid: string, edges: readonly JoinEdge[]): readonly Join[] {
  const parent = new Map<string, string>();
  const find = (u: string): string => {
    let r = u;
    while (parent.has(r)) r = parent.get(r)!;
    if (r !== u) parent.set(u, r);
    return r;
  };
  const tree = new Map<string, JoinEdge[]>();
  const link = (u: string, e: JoinEdge) => {
    const list = tree.get(u);
    if (list) list.push(e);
    else tree.set(u, [e]);
  };
  for (const e of [...edges].sort(compareEdges)) {
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) continue;
    parent.set(ra, rb);
    link(e.a, e);
    link(e.b, e);
  }
  const joins: Join[] = [];
  const seen = new Set([rootUid]);
  const queue = [rootUid];
  for (let i = 0; i < queue.length; i++) {
    const via = queue[i]!;
    for (const edge of tree.get(via) ?? []) {
      const uid = edge.a === via ? edge.b : edge.a;
      if (seen.has(uid)) continue;
      seen.add(uid);
      queue.push(uid);
      joins.push({ uid, via, edge });
    }
  }
  return joins;
}

/**
 * Summarises one connected component of the join graph as an Incident. Party claims stay in
 * the incident but count, locate and corroborate only when nothing else does.
 */
export function summarizeIncident(
  component: readonly FusionNode[],
  edges: readonly JoinEdge[],
  rules: FusionRules,
): Incident {
  const nodes = [...component].sort((a, b) => compareUids(a.uid, b.uid));
  // Fields are read from the nodes (the engine's column store): a burst's incident holds tens
  // of thousands of reports, and making each one's observation costs more than the summary.
  const neutral = nodes.filter((n) => n.sourceKind !== 'party_claim');
  const counted = neutral.length > 0 ? neutral : nodes;
  const sources = groupBy(neutral, (n) => n.independenceKey);
  const confidence =
    1 - sources.reduce((p, reports) => p * (1 - maxOf(reports, (n) => rules.reliability[n.sourceKind])), 1);
  const tally = new Map<Category, number>();
  for (const n of nodes) {
    const category = CATEGORIES[n.category]!;
    tally.set(category, (tally.get(category) ?? 0) + 1);
  }
  const categories = CATEGORIES.filter((c) => tally.has(c));
  const category = categories.reduce((best, c) => (tally.get(c)! > tally.get(best)! ? c : best));
  return {
    id: incidentId(nodes[0]!.uid),
    state: sources.length >= 2 ? 'corroborated' : 'reported',
    category,
    categories,
    time: {
      startMs: minOf(nodes, (n) => n.startMs),
      endMs: maxOf(nodes, (n) => n.endMs),
    },
    location: estimateLocation(counted),
    count: countOf(
      counted.map((n) => ({ key: n.independenceKey, startMs: n.startMs, endMs: n.endMs, count: n.count })),
    ),
    confidence,
    independentSourceCount: sources.length,
    partyClaimNations: [
      ...new Set(nodes.filter((n) => n.sourceKind === 'party_claim').map((n) => n.sourceNation)),
    ].sort(),
    observationUids: nodes.map((n) => n.uid),
    joins: spanningJoins(nodes[0]!.uid, edges),
  };
}
