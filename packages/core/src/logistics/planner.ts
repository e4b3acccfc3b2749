/**
 * Convoy planning: the shortest route from A to B on a route network that avoids segments whose
 * risk is above a threshold, passes checkpoints while they are open and manned, and uses
 * corridor segments only inside a corridor window. Shortest paths come from ngraph.path (A*
 * with a great-circle heuristic, which never overestimates, so the costs equal Dijkstra's).
 * A route that breaks a time rule is rejected with its reasons, the segment at fault is set
 * aside, and the search runs again. See docs/adr/0037-convoy-planning.md.
 */
import createGraph, { type Graph } from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { type Phrasing, phrasing } from '../i18n/words/index.ts';
import { type LngLat, sphereDistanceM } from './geo.ts';

/** A node of the graph the planner reads. */
export interface PlanNode {
  readonly id: string;
  readonly position: LngLat;
  readonly name?: string | null;
}

/** A segment: usable both ways. */
export interface PlanSegment {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly lengthM: number;
  readonly risk: number;
  readonly name?: string | null;
}

/** A daily shift in UTC minutes since midnight; a shift with end ≤ start runs past midnight. */
export interface Shift {
  readonly startMin: number;
  readonly endMin: number;
  readonly nation: string;
}

/** A checkpoint on a node. */
export interface PlanCheckpoint {
  readonly id: string;
  readonly name: string;
  readonly nodeId: string;
  readonly status: 'open' | 'closed' | 'suspended';
  readonly shifts: readonly Shift[];
}

/** A window of a corridor. */
export interface PlanCorridorWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly status: 'planned' | 'open' | 'closed' | 'suspended' | 'cancelled';
}

/** A corridor: its segments may be used only inside a planned or open window. */
export interface PlanCorridor {
  readonly id: string;
  readonly name: string;
  readonly segmentIds: readonly string[];
  readonly windows: readonly PlanCorridorWindow[];
}

/** What to plan. */
export interface PlanRequest {
  readonly from: string;
  readonly to: string;
  /** Segments with a risk above this are avoided. */
  readonly maxRisk: number;
  readonly departMs: number;
  /** Average convoy speed. */
  readonly speedKmh: number;
  readonly checkpoints?: readonly PlanCheckpoint[];
  readonly corridors?: readonly PlanCorridor[];
  /** How many routes to try before giving up. */
  readonly maxAttempts?: number;
  /**
   * Risk per segment id, read instead of the graph's own (a cached graph is built once with
   * risk 0 and each plan brings the reader's scores, ADR 0048).
   */
  readonly risks?: ReadonlyMap<string, number>;
  /**
   * The longest the convoy may wait, in all, at checkpoints it reaches outside their shifts
   * (minutes); 0 (the default) never waits: such a route is rejected and the next one tried.
   */
  readonly maxWaitMin?: number;
}

/** A wait at a checkpoint reached outside its shifts, until it opens. */
export interface CheckpointWait {
  readonly checkpointId: string;
  readonly name: string;
  readonly nodeId: string;
  readonly arriveMs: number;
  readonly leaveMs: number;
}

/** One segment of a route, with when the convoy is on it. */
export interface RouteLeg {
  readonly segmentId: string;
  readonly from: string;
  readonly to: string;
  readonly lengthM: number;
  readonly risk: number;
  readonly enterMs: number;
  readonly leaveMs: number;
}

/** A route tried or chosen. */
export interface PlannedRoute {
  readonly nodes: readonly string[];
  readonly legs: readonly RouteLeg[];
  readonly lengthM: number;
  readonly arriveMs: number;
  readonly maxRisk: number;
  /** Waits at checkpoints, in the order reached (none unless the request allows waiting). */
  readonly waits: readonly CheckpointWait[];
}

/** A route rejected, and why. */
export interface RejectedRoute {
  readonly route: PlannedRoute;
  readonly reasons: readonly string[];
  /** The segment set aside before the next search. */
  readonly avoid: string;
}

/** The plan: a route or none, the routes rejected on the way, and the segments too risky to use. */
export interface ConvoyPlan {
  readonly route: PlannedRoute | null;
  readonly rejected: readonly RejectedRoute[];
  readonly tooRisky: readonly { readonly segmentId: string; readonly risk: number }[];
  /** Why there is no route, when there is none. */
  readonly problem: string | null;
  /** The chosen route in sentences: its waits, and why it beat a route without them. */
  readonly explanation: readonly string[];
}

interface LinkData {
  readonly segment: PlanSegment;
}

/** A graph ready for repeated shortest-path queries. */
export interface RouteGraph {
  readonly graph: Graph<PlanNode, LinkData>;
  readonly nodes: ReadonlyMap<string, PlanNode>;
  readonly segments: ReadonlyMap<string, PlanSegment>;
}

/** Builds the graph once; plans and benchmarks reuse it. */
export function routeGraph(nodes: readonly PlanNode[], segments: readonly PlanSegment[]): RouteGraph {
  const graph = createGraph<PlanNode, LinkData>({ multigraph: true });
  for (const n of nodes) graph.addNode(n.id, n);
  for (const s of segments) graph.addLink(s.from, s.to, { segment: s });
  return {
    graph,
    nodes: new Map(nodes.map((n) => [n.id, n])),
    segments: new Map(segments.map((s) => [s.id, s])),
  };
}

/** A shortest path: its nodes and segments in order and its cost, or undefined when none. */
export interface ShortestPath {
  readonly nodes: readonly string[];
  readonly segments: readonly PlanSegment[];
  readonly cost: number;
}

/**
 * The shortest path by `cost` (default: length), skipping `blocked` segments. With
 * `heuristic: 'distance'` the search is A* towards the target, exact when every segment's cost
 * is at least the great-circle distance between its nodes (true of lengths); with 'none' it is
 * Dijkstra's algorithm, for any non-negative costs.
 */
export function shortestPath(
  g: RouteGraph,
  from: string,
  to: string,
  options: {
    readonly blocked?: (s: PlanSegment) => boolean;
    readonly cost?: (s: PlanSegment) => number;
    readonly heuristic?: 'distance' | 'none';
  } = {},
): ShortestPath | undefined {
  if (!g.nodes.has(from) || !g.nodes.has(to)) return undefined;
  if (from === to) return { nodes: [from], segments: [], cost: 0 };
  const cost = options.cost ?? ((s: PlanSegment) => s.lengthM);
  const blocked = options.blocked;
  // A multigraph can hold parallel segments: the search sees the cheapest usable one.
  const usable = (s: PlanSegment) => !blocked?.(s);
  const finder = ngraphPath.aStar(g.graph, {
    oriented: false,
    distance: (_a, _b, link) => cost(link.data.segment),
    blocked: (_a, _b, link) => !usable(link.data.segment),
    heuristic:
      options.heuristic === 'none' ? () => 0 : (a, b) => sphereDistanceM(a.data.position, b.data.position),
  });
  const found = finder.find(from, to);
  const nodes = found.map((n) => String(n.id)).reverse();
  // ngraph.path 1.6 queues a neighbour before asking whether its link is blocked, so a target
  // reached only by blocked links comes back as a one-node "path": check both ends.
  if (nodes.length < 2 || nodes[0] !== from || nodes[nodes.length - 1] !== to) return undefined;
  const segments: PlanSegment[] = [];
  let total = 0;
  for (let i = 1; i < nodes.length; i++) {
    let best: PlanSegment | undefined;
    g.graph.forEachLinkedNode(
      nodes[i - 1]!,
      (other, link) => {
        if (String(other.id) !== nodes[i]) return;
        const s = link.data.segment;
        if (usable(s) && (!best || cost(s) < cost(best))) best = s;
      },
      false,
    );
    if (!best) return undefined;
    segments.push(best);
    total += cost(best);
  }
  return { nodes, segments, cost: total };
}

const MINUTE_MS = 60_000;
const DAY_MIN = 1440;

/** Whether a UTC time of day (minutes) falls inside a shift. */
export function inShift(shift: Pick<Shift, 'startMin' | 'endMin'>, minute: number): boolean {
  if (shift.endMin > shift.startMin) return minute >= shift.startMin && minute < shift.endMin;
  return minute >= shift.startMin || minute < shift.endMin;
}

/** "06:00" from minutes since midnight. */
export const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const DAY_MS = 86_400_000;
const msOfDay = (ms: number): number => ((ms % DAY_MS) + DAY_MS) % DAY_MS;
const minuteAt = (ms: number): number => Math.floor(msOfDay(ms) / MINUTE_MS) % DAY_MIN;

/** The first moment at or after `ms` inside one of the shifts, or undefined when none opens. */
export function nextOpening(
  shifts: readonly Pick<Shift, 'startMin' | 'endMin'>[],
  ms: number,
): number | undefined {
  if (shifts.some((s) => inShift(s, minuteAt(ms)))) return ms;
  let best: number | undefined;
  for (const s of shifts) {
    const dayStart = ms - msOfDay(ms);
    let at = dayStart + s.startMin * MINUTE_MS;
    if (at <= ms) at += DAY_MS;
    if (best === undefined || at < best) best = at;
  }
  return best;
}

/**
 * Times a path from the departure at the convoy's speed. With `maxWaitMs` > 0, a convoy reaching
 * open checkpoints outside their shifts waits there until every one of them is in a shift, as
 * long as its waits add up to no more than `maxWaitMs`; otherwise it goes on (and the route
 * breaks the checkpoint's hours).
 */
function timeRoute(
  path: ShortestPath,
  req: PlanRequest,
  riskOf: (s: PlanSegment) => number,
  checkpointsAt: ReadonlyMap<string, readonly PlanCheckpoint[]>,
  maxWaitMs: number,
): PlannedRoute {
  const speedMPerMs = (req.speedKmh * 1000) / 3_600_000;
  let t = req.departMs;
  let waited = 0;
  const legs: RouteLeg[] = [];
  const waits: CheckpointWait[] = [];
  path.segments.forEach((s, i) => {
    const leave = t + s.lengthM / speedMPerMs;
    legs.push({
      segmentId: s.id,
      from: path.nodes[i]!,
      to: path.nodes[i + 1]!,
      lengthM: s.lengthM,
      risk: riskOf(s),
      enterMs: Math.round(t),
      leaveMs: Math.round(leave),
    });
    t = leave;
    const here = (checkpointsAt.get(path.nodes[i + 1]!) ?? []).filter((c) => c.status === 'open');
    if (maxWaitMs <= 0 || here.length === 0) return;
    // Until every open checkpoint here is in a shift: a few rounds settle it (or none can).
    let at = Math.round(t);
    for (let round = 0; round < 2 * here.length + 1; round++) {
      const late = here.map((c) => nextOpening(c.shifts, at));
      if (late.some((x) => x === undefined)) return;
      const next = Math.max(...(late as number[]));
      if (next === at) break;
      at = next;
    }
    if (!here.every((c) => c.shifts.some((sh) => inShift(sh, minuteAt(at))))) return;
    const wait = at - Math.round(t);
    if (wait <= 0 || waited + wait > maxWaitMs) return;
    waited += wait;
    for (const c of here)
      if (!c.shifts.some((sh) => inShift(sh, minuteAt(Math.round(t)))))
        waits.push({
          checkpointId: c.id,
          name: c.name,
          nodeId: c.nodeId,
          arriveMs: Math.round(t),
          leaveMs: at,
        });
    t = at;
  });
  return {
    nodes: path.nodes,
    legs,
    lengthM: path.cost,
    arriveMs: Math.round(t),
    maxRisk: legs.reduce((m, l) => Math.max(m, l.risk), 0),
    waits,
  };
}

/** The time rules a timed route breaks, with the first segment at fault. */
function breaches(
  route: PlannedRoute,
  checkpointsAt: ReadonlyMap<string, readonly PlanCheckpoint[]>,
  corridorOf: ReadonlyMap<string, readonly PlanCorridor[]>,
  ph: Phrasing,
): { reasons: string[]; avoid: string } | undefined {
  const reasons: string[] = [];
  let avoid: string | undefined;
  const waitedUntil = new Map(route.waits.map((w) => [w.nodeId, w.leaveMs]));
  for (const leg of route.legs) {
    for (const c of corridorOf.get(leg.segmentId) ?? []) {
      const inside = c.windows.some(
        (w) =>
          (w.status === 'planned' || w.status === 'open') &&
          w.startMs <= leg.enterMs &&
          w.endMs >= leg.leaveMs,
      );
      if (!inside) {
        const usable = c.windows.filter((w) => w.status === 'planned' || w.status === 'open');
        reasons.push(
          ph.say('convoy.corridor', {
            corridor: c.name,
            segment: leg.segmentId,
            from: utc(leg.enterMs),
            to: utc(leg.leaveMs),
            windows:
              usable.length === 0
                ? ph.say('convoy.noWindows')
                : usable.map((w) => `${utc(w.startMs)}–${utc(w.endMs)}`).join(ph.say('convoy.windowsJoiner')),
          }),
        );
        avoid ??= leg.segmentId;
      }
    }
    const passMs = waitedUntil.get(leg.to) ?? leg.leaveMs;
    const arriveMin = minuteAt(passMs);
    for (const cp of checkpointsAt.get(leg.to) ?? []) {
      if (cp.status !== 'open') {
        reasons.push(
          ph.say('convoy.checkpointStatus', {
            checkpoint: cp.name,
            status: ph.word('convoy.checkpointStatusWord', cp.status, cp.status),
          }),
        );
        avoid ??= leg.segmentId;
      } else if (!cp.shifts.some((s) => inShift(s, arriveMin))) {
        reasons.push(
          ph.say('convoy.checkpointShift', {
            checkpoint: cp.name,
            at: utc(passMs),
            shifts:
              cp.shifts.length === 0
                ? ph.say('convoy.noShifts')
                : cp.shifts
                    .map((s) => `${hhmm(s.startMin)}–${hhmm(s.endMin)} ${s.nation}`)
                    .join(ph.say('convoy.shiftsJoiner')),
          }),
        );
        avoid ??= leg.segmentId;
      }
    }
  }
  return avoid === undefined ? undefined : { reasons, avoid };
}

/** How long a route waits in all (several checkpoints on one node share one wait). */
export function totalWaitMs(route: PlannedRoute): number {
  const stops = new Map(route.waits.map((w) => [`${w.nodeId}@${w.arriveMs}`, w.leaveMs - w.arriveMs]));
  return [...stops.values()].reduce((a, b) => a + b, 0);
}

/** "2 h 05 min" ("2 год 05 хв") from milliseconds. */
const duration = (ms: number, ph: Phrasing): string => {
  const min = Math.round(ms / MINUTE_MS);
  return min < 60
    ? ph.say('convoy.minutes', { min })
    : ph.say('convoy.hours', { h: Math.floor(min / 60), min: String(min % 60).padStart(2, '0') });
};

/**
 * Plans a convoy. The first route is the shortest one within the risk threshold; each route
 * that breaks a checkpoint's hours or a corridor's windows is rejected, the first segment at
 * fault is set aside, and the next shortest is tried, up to `maxAttempts` routes. When waiting
 * is allowed (`maxWaitMin` > 0), a route that keeps every rule once the convoy waits at its
 * checkpoints is a candidate too, and the search goes on exactly as without waiting; the
 * earliest arrival among the candidates wins. The route the search would choose without waiting
 * is always a candidate, so allowing waits never makes the arrival later.
 */
export function planConvoy(g: RouteGraph, req: PlanRequest, ph: Phrasing = phrasing()): ConvoyPlan {
  const riskOf = (s: PlanSegment): number => req.risks?.get(s.id) ?? s.risk;
  const tooRisky = [...g.segments.values()]
    .map((s) => ({ segmentId: s.id, risk: riskOf(s) }))
    .filter((s) => s.risk > req.maxRisk)
    .sort((a, b) => b.risk - a.risk || (a.segmentId < b.segmentId ? -1 : 1));
  const none = (problem: string, rejected: RejectedRoute[] = []): ConvoyPlan => ({
    route: null,
    rejected,
    tooRisky,
    problem,
    explanation: [],
  });
  if (!g.nodes.has(req.from)) return none(ph.say('convoy.noStart', { node: req.from }));
  if (!g.nodes.has(req.to)) return none(ph.say('convoy.noDestination', { node: req.to }));
  if (!(req.speedKmh > 0)) return none(ph.say('convoy.noSpeed'));
  const maxWaitMs = Math.max(0, req.maxWaitMin ?? 0) * MINUTE_MS;
  const checkpointsAt = new Map<string, PlanCheckpoint[]>();
  for (const c of req.checkpoints ?? [])
    checkpointsAt.set(c.nodeId, [...(checkpointsAt.get(c.nodeId) ?? []), c]);
  const corridorOf = new Map<string, PlanCorridor[]>();
  for (const c of req.corridors ?? [])
    for (const s of c.segmentIds) corridorOf.set(s, [...(corridorOf.get(s) ?? []), c]);
  const setAside = new Set<string>();
  // Every route tried, in order: its reasons when it breaks a rule even after waiting.
  const tried: { route: PlannedRoute; reasons: readonly string[]; avoid: string | null }[] = [];
  const candidates: PlannedRoute[] = [];
  const maxAttempts = req.maxAttempts ?? 10;
  let problem: string | null = null;
  for (let attempt = 0; ; attempt++) {
    if (attempt >= maxAttempts) {
      problem = ph.say('convoy.noRouteAttempts', { attempts: maxAttempts });
      break;
    }
    const path = shortestPath(g, req.from, req.to, {
      blocked: (s) => riskOf(s) > req.maxRisk || setAside.has(s.id),
    });
    if (!path) {
      problem =
        tried.length === 0
          ? ph.say('convoy.noRouteRisk', {
              from: req.from,
              to: req.to,
              count: tooRisky.length,
              risk: req.maxRisk,
            })
          : ph.say('convoy.noRouteLeft', { from: req.from, to: req.to, count: tried.length });
      break;
    }
    const strict = timeRoute(path, req, riskOf, checkpointsAt, 0);
    const broken = breaches(strict, checkpointsAt, corridorOf, ph);
    if (!broken) {
      candidates.push(strict);
      tried.push({ route: strict, reasons: [], avoid: null });
      break;
    }
    const waited = maxWaitMs > 0 ? timeRoute(path, req, riskOf, checkpointsAt, maxWaitMs) : undefined;
    if (waited && waited.waits.length > 0 && !breaches(waited, checkpointsAt, corridorOf, ph)) {
      candidates.push(waited);
      tried.push({ route: waited, reasons: [], avoid: broken.avoid });
    } else tried.push({ route: strict, reasons: broken.reasons, avoid: broken.avoid });
    setAside.add(broken.avoid);
  }
  const best = candidates.reduce<PlannedRoute | undefined>(
    (b, r) => (b === undefined || r.arriveMs < b.arriveMs ? r : b),
    undefined,
  );
  const rejected: RejectedRoute[] = [];
  for (const t of tried) {
    if (t.route === best) continue;
    const reasons =
      t.reasons.length > 0
        ? t.reasons
        : [
            t.route.waits.length > 0
              ? ph.say('convoy.laterAfterWait', {
                  wait: duration(totalWaitMs(t.route), ph),
                  at: utc(t.route.arriveMs),
                  best: utc(best!.arriveMs),
                })
              : ph.say('convoy.later', { at: utc(t.route.arriveMs), best: utc(best!.arriveMs) }),
          ];
    rejected.push({ route: t.route, reasons, avoid: t.avoid ?? '' });
  }
  if (!best) return none(problem ?? ph.say('convoy.noRoute'), rejected);
  const explanation = best.waits.map((w) =>
    ph.say('convoy.wait', {
      wait: duration(w.leaveMs - w.arriveMs, ph),
      checkpoint: w.name,
      at: utc(w.arriveMs),
      leave: utc(w.leaveMs),
    }),
  );
  if (best.waits.length > 0)
    explanation.push(
      ph.say('convoy.waiting', {
        wait: duration(totalWaitMs(best), ph),
        allowed: duration(maxWaitMs, ph),
        at: utc(best.arriveMs),
        count: candidates.length,
      }),
    );
  return { route: best, rejected, tooRisky, problem: null, explanation };
}
