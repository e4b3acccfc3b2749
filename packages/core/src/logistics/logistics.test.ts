import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrasing } from '../i18n/words/index.ts';
import { corridorWindowProblem, flagCorridorWindow } from './corridors.ts';
import { arcDistanceM, type LngLat, lineDistanceM, sphereDistanceM } from './geo.ts';
import { describeNetworkReport, importRouteLayer } from './network.ts';
import { type PlanSegment, planConvoy, routeGraph, shortestPath } from './planner.ts';
import { DEFAULT_RISK_RULE, type RiskIncident, segmentRisks } from './risk.ts';

const line = (coordinates: number[][], properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});
const layer = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('the route-layer importer', () => {
  it('snaps ends within the tolerance into shared nodes and reports each snap', () => {
    const r = importRouteLayer(
      layer(
        line(
          [
            [30, 50],
            [31, 50],
          ],
          { name: 'M-06' },
        ),
        // Starts 55 m from the first line's end: joins it at 100 m tolerance.
        line([
          [31.0005, 50.0003],
          [32, 50.5],
        ]),
      ),
      { toleranceM: 100 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nodes).toHaveLength(3);
    expect(r.segments.map((s) => [s.from, s.to, s.name])).toEqual([
      [0, 1, 'M-06'],
      [1, 2, null],
    ]);
    expect(r.report.snapped).toHaveLength(1);
    expect(r.report.snapped[0]).toMatchObject({ feature: 1, end: 'start', node: 1 });
    expect(r.report.snapped[0]!.distanceM).toBeGreaterThan(40);
    expect(r.report.snapped[0]!.distanceM).toBeLessThan(70);
    // The snapped segment starts exactly on the node.
    expect(r.segments[1]!.coordinates[0]).toEqual(r.nodes[1]!.position);
    expect(r.report.pieces).toEqual([{ nodes: 3, segments: 2, features: [0, 1] }]);
  });

  it('keeps pieces it cannot join, reports them as disconnected, and drops elevations with a report', () => {
    const r = importRouteLayer(
      layer(
        line([
          [30, 50, 120],
          [31, 50, 130],
        ]),
        line([
          [35, 48],
          [36, 48],
        ]),
      ),
      { toleranceM: 100 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.segments).toHaveLength(2);
    expect(r.report.dropped3d).toEqual([{ feature: 0, positions: 2 }]);
    expect(r.report.pieces).toHaveLength(2);
    expect(describeNetworkReport(r.report).join('\n')).toMatch(/Disconnected: features 1 \(1 segments\)/);
  });

  it('skips what is not a route, naming the feature and the field', () => {
    const r = importRouteLayer(
      layer(
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [30, 50] } },
        line([
          [50, 30],
          [200, 50],
        ]),
        line([[30, 50]]),
        line([
          [30, 50],
          [30.0001, 50],
        ]),
        { type: 'Feature', properties: {}, geometry: null },
      ),
      { toleranceM: 50 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.segments).toHaveLength(0);
    expect(r.report.skipped.map((s) => [s.feature, s.field])).toEqual([
      [0, 'geometry.type'],
      [1, 'geometry.coordinates[1]'],
      [2, 'geometry.coordinates'],
      [3, 'geometry.coordinates'],
      [4, 'geometry'],
    ]);
    expect(r.report.skipped[1]!.reason).toMatch(/longitude .* first/);
    expect(r.report.skipped[3]!.reason).toMatch(/loop/);
  });

  it('refuses what is not a line layer at all', () => {
    const r = importRouteLayer({ type: 'Topology' }, { toleranceM: 10 });
    expect(r).toMatchObject({ ok: false, problem: { field: 'type' } });
  });

  it('is order-independent in what it connects (property)', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(pt, pt), { minLength: 1, maxLength: 12 }), (pairs) => {
        const lines = pairs
          .filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1])
          .map(([a, b]) =>
            line([
              [30 + a[0] * 0.1, 48 + a[1] * 0.1],
              [30 + b[0] * 0.1, 48 + b[1] * 0.1],
            ]),
          );
        const one = importRouteLayer(layer(...lines), { toleranceM: 10 });
        const two = importRouteLayer(layer(...[...lines].reverse()), { toleranceM: 10 });
        if (!one.ok || !two.ok) return false;
        const sizes = (r: typeof one) => r.report.pieces.map((p) => `${p.nodes}/${p.segments}`).sort();
        return one.nodes.length === two.nodes.length && sizes(one).join() === sizes(two).join();
      }),
    );
  });
});

describe('distances on the sphere', () => {
  it('measures a point to an arc as across-track, or to the nearer end beyond it', () => {
    const a: LngLat = [30, 0];
    const b: LngLat = [31, 0];
    // Along the equator, 1° of latitude off the middle.
    expect(arcDistanceM([30.5, 1], a, b)).toBeCloseTo(sphereDistanceM([30.5, 0], [30.5, 1]), 3);
    expect(arcDistanceM([29, 0], a, b)).toBeCloseTo(sphereDistanceM([29, 0], a), 3);
    expect(arcDistanceM([32, 0.5], a, b)).toBeCloseTo(sphereDistanceM([32, 0.5], b), 3);
    expect(lineDistanceM([30.5, 0], [a, b])).toBeLessThan(1e-6);
  });
});

describe('the route-risk rule', () => {
  const seg = { id: 's1', coordinates: [[30, 50] as LngLat, [31, 50] as LngLat] };
  const asOf = Date.parse('2026-12-01T00:00:00Z');
  const day = 86_400_000;
  const incident = (over: Partial<RiskIncident>): RiskIncident => ({
    id: 'i1',
    category: 'explosion_impact',
    state: 'verified',
    position: [30.5, 50.05],
    startMs: asOf - day,
    endMs: asOf - day,
    ...over,
  });

  it('adds category × state weights of recent incidents within the radius, and lists them', () => {
    const [risk] = segmentRisks(
      [seg],
      [
        incident({ id: 'near-verified' }),
        incident({ id: 'near-reported', state: 'reported', category: 'uav_overflight' }),
        incident({ id: 'dismissed', state: 'dismissed' }),
        incident({ id: 'far', position: [30.5, 50.5] }),
        incident({ id: 'old', startMs: asOf - 40 * day, endMs: asOf - 40 * day }),
        incident({ id: 'future', startMs: asOf + day, endMs: asOf + day }),
      ],
      DEFAULT_RISK_RULE,
      asOf,
    );
    expect(risk!.incidents.map((i) => [i.incidentId, i.weight])).toEqual([
      ['near-verified', 3],
      ['near-reported', 0.75],
    ]);
    expect(risk!.score).toBe(3.75);
    // The great circle from 30°E to 31°E along 50°N bows north of the parallel: nearer than 0.05°.
    expect(risk!.incidents[0]!.distanceM).toBe(Math.round(lineDistanceM([30.5, 50.05], seg.coordinates)));
    expect(risk!.incidents[0]!.distanceM).toBeLessThan(
      Math.round(sphereDistanceM([30.5, 50], [30.5, 50.05])),
    );
  });
});

/** A ladder: two parallel rails from a to b joined by rungs, with risk on the upper rail. */
function ladder(n: number, risk: (i: number) => number) {
  const nodes = [];
  const segments: PlanSegment[] = [];
  for (let i = 0; i <= n; i++) {
    nodes.push({ id: `u${i}`, position: [30 + i * 0.1, 50.05] as LngLat });
    nodes.push({ id: `l${i}`, position: [30 + i * 0.1, 49.95] as LngLat });
  }
  for (let i = 0; i < n; i++) {
    segments.push({ id: `U${i}`, from: `u${i}`, to: `u${i + 1}`, lengthM: 7000, risk: risk(i) });
    segments.push({ id: `L${i}`, from: `l${i}`, to: `l${i + 1}`, lengthM: 7500, risk: 0 });
  }
  for (let i = 0; i <= n; i++)
    segments.push({ id: `R${i}`, from: `u${i}`, to: `l${i}`, lengthM: 11200, risk: 0 });
  return routeGraph(nodes, segments);
}

describe('the convoy planner', () => {
  const depart = Date.parse('2026-12-08T06:00:00Z');

  it('takes the shortest route within the threshold and lists the segments too risky', () => {
    const g = ladder(4, (i) => (i === 2 ? 5 : 0));
    const plan = planConvoy(g, { from: 'u0', to: 'u4', maxRisk: 2, departMs: depart, speedKmh: 40 });
    expect(plan.problem).toBeNull();
    expect(plan.route!.legs.map((l) => l.segmentId)).toEqual(['U0', 'U1', 'R2', 'L2', 'R3', 'U3']);
    expect(plan.tooRisky).toEqual([{ segmentId: 'U2', risk: 5 }]);
    const loose = planConvoy(g, { from: 'u0', to: 'u4', maxRisk: 10, departMs: depart, speedKmh: 40 });
    expect(loose.route!.lengthM).toBe(28_000);
    expect(loose.route!.arriveMs - depart).toBe(Math.round((28 / 40) * 3_600_000));
  });

  it('rejects a route that reaches a checkpoint outside its shifts, saying why, and takes the next', () => {
    const g = ladder(2, () => 0);
    const plan = planConvoy(g, {
      from: 'u0',
      to: 'u2',
      maxRisk: 1,
      departMs: depart,
      speedKmh: 40,
      checkpoints: [
        {
          id: 'cp-1',
          name: 'Upper bridge',
          nodeId: 'u1',
          status: 'open',
          shifts: [{ startMin: 8 * 60, endMin: 18 * 60, nation: 'FRA' }],
        },
      ],
    });
    // Every route through u1 reaches it before 08:00, so each is rejected in turn.
    expect(plan.rejected.length).toBeGreaterThanOrEqual(1);
    expect(plan.rejected[0]!.reasons[0]).toMatch(
      /reaches checkpoint "Upper bridge" at 2026-12-08 06:10 UTC, outside its shifts \(08:00–18:00 FRA\)/,
    );
    expect(plan.route!.nodes).not.toContain('u1');
  });

  it('uses corridor segments only inside a planned or open window', () => {
    const g = ladder(1, () => 0);
    const corridor = (status: 'open' | 'suspended') => ({
      id: 'cor-1',
      name: 'Medical corridor',
      segmentIds: ['U0'],
      windows: [{ startMs: depart, endMs: depart + 3_600_000, status }],
    });
    const open = planConvoy(g, {
      from: 'u0',
      to: 'u1',
      maxRisk: 1,
      departMs: depart,
      speedKmh: 40,
      corridors: [corridor('open')],
    });
    expect(open.route!.legs.map((l) => l.segmentId)).toEqual(['U0']);
    const shut = planConvoy(g, {
      from: 'u0',
      to: 'u1',
      maxRisk: 1,
      departMs: depart,
      speedKmh: 40,
      corridors: [corridor('suspended')],
    });
    expect(shut.rejected[0]!.reasons[0]).toMatch(
      /corridor "Medical corridor" .* outside its windows \(none planned or open\)/,
    );
    expect(shut.route!.legs.map((l) => l.segmentId)).toEqual(['R0', 'L0', 'R1']);
  });

  it('says why there is no route', () => {
    const g = routeGraph(
      [
        { id: 'a', position: [30, 50] },
        { id: 'b', position: [31, 50] },
      ],
      [{ id: 'S', from: 'a', to: 'b', lengthM: 72_000, risk: 9 }],
    );
    const plan = planConvoy(g, { from: 'a', to: 'b', maxRisk: 1, departMs: depart, speedKmh: 40 });
    expect(plan.route).toBeNull();
    expect(plan.problem).toMatch(/no route from a to b avoids the 1 segments with a risk above 1/);
  });

  it('finds Dijkstra’s costs, and raising the threshold never lengthens the best route (property)', () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 7 }),
      risks: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 8, maxLength: 8 }),
      t1: fc.integer({ min: 0, max: 5 }),
      t2: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(arb, ({ n, risks, t1, t2 }) => {
        const g = ladder(n, (i) => risks[i % risks.length]!);
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = shortestPath(g, 'u0', `u${n}`, { blocked: (s) => s.risk > lo });
        const b = shortestPath(g, 'u0', `u${n}`, { blocked: (s) => s.risk > hi });
        const d = shortestPath(g, 'u0', `u${n}`, { blocked: (s) => s.risk > lo, heuristic: 'none' });
        if (a === undefined) return d === undefined;
        return b !== undefined && b.cost <= a.cost && Math.abs(d!.cost - a.cost) < 1e-6;
      }),
    );
  });
});

describe('lines that cross without a shared end', () => {
  it('splits both where they cross, joins them at a node, and reports it', () => {
    const r = importRouteLayer(
      layer(
        line(
          [
            [30, 50],
            [30.2, 50.2],
          ],
          { name: 'SW-NE' },
        ),
        line(
          [
            [30, 50.2],
            [30.2, 50],
          ],
          { name: 'NW-SE' },
        ),
      ),
      { toleranceM: 50 },
    );
    if (!r.ok) throw new Error(r.problem.reason);
    expect(r.segments).toHaveLength(4);
    expect(r.nodes).toHaveLength(5);
    expect(r.report.pieces).toHaveLength(1);
    expect(r.report.crossings).toHaveLength(1);
    const c = r.report.crossings![0]!;
    expect(c).toMatchObject({ features: [0, 1], kind: 'cross' });
    expect(c.position[0]).toBeCloseTo(30.1, 9);
    expect(c.position[1]).toBeCloseTo(50.1, 9);
    // Every piece ends at the crossing's node, keeps its name, and the lengths add up.
    expect(r.segments.every((s) => s.from === c.node || s.to === c.node)).toBe(true);
    expect(r.segments.filter((s) => s.name === 'SW-NE')).toHaveLength(2);
    const whole = sphereDistanceM([30, 50], [30.2, 50.2]);
    const halves = r.segments.filter((s) => s.feature === 0).reduce((sum, s) => sum + s.lengthM, 0);
    expect(Math.abs(halves - whole)).toBeLessThan(1);
    expect(describeNetworkReport(r.report).join('\n')).toMatch(
      /Features 0 and 1 crossed without a shared end: both split at \[30\.10000, 50\.10000\] and joined there/,
    );
    // Turned off (a bridge over a road), the lines stay apart.
    const apart = importRouteLayer(
      layer(
        line([
          [30, 50],
          [30.2, 50.2],
        ]),
        line([
          [30, 50.2],
          [30.2, 50],
        ]),
      ),
      { toleranceM: 50, splitCrossings: false },
    );
    if (!apart.ok) throw new Error(apart.problem.reason);
    expect(apart.segments).toHaveLength(2);
    expect(apart.report.pieces).toHaveLength(2);
  });

  it('joins a line ending on another one, and splits a real-ish grid of long polylines at every crossing', () => {
    const t = importRouteLayer(
      layer(
        line([
          [30, 50],
          [30.4, 50],
        ]),
        // Ends on the first line, in its middle.
        line([
          [30.2, 50.3],
          [30.2, 50.1],
          [30.2, 50],
        ]),
      ),
      { toleranceM: 50 },
    );
    if (!t.ok) throw new Error(t.problem.reason);
    expect(t.segments).toHaveLength(3);
    expect(t.report.crossings).toMatchObject([{ features: [0, 1], kind: 'touch' }]);
    expect(t.report.pieces).toHaveLength(1);

    // Four east–west roads and four north–south roads, each a polyline of many vertices with a
    // little wobble, crossing at 16 points none of which is a vertex; two roads share an end.
    const wobble = (i: number) => (i % 2 === 0 ? 0.0004 : -0.0004);
    const ew = (row: number) =>
      line(
        Array.from({ length: 21 }, (_, i) => [30 + i * 0.05 + 0.001, 49.6 + row * 0.2 + wobble(i)]),
        { name: `EW${row}` },
      );
    const ns = (col: number) =>
      line(
        Array.from({ length: 21 }, (_, i) => [30.13 + col * 0.2 + wobble(i), 49.5 + i * 0.05 + 0.0013]),
        { name: `NS${col}` },
      );
    const grid = importRouteLayer(layer(ew(0), ew(1), ew(2), ew(3), ns(0), ns(1), ns(2), ns(3)), {
      toleranceM: 20,
    });
    if (!grid.ok) throw new Error(grid.problem.reason);
    expect(grid.report.crossings).toHaveLength(16);
    expect(grid.report.crossings!.every((c) => c.kind === 'cross')).toBe(true);
    // Each road is cut at 4 crossings into 5 pieces.
    expect(grid.segments).toHaveLength(8 * 5);
    expect(grid.report.pieces).toHaveLength(1);
    // Splitting keeps every metre: the pieces of each road add up to the road.
    for (let f = 0; f < 8; f++) {
      const road = (f < 4 ? ew(f) : ns(f - 4)).geometry.coordinates as unknown as LngLat[];
      let whole = 0;
      for (let i = 1; i < road.length; i++) whole += sphereDistanceM(road[i - 1]!, road[i]!);
      const pieces = grid.segments.filter((s) => s.feature === f).reduce((sum, s) => sum + s.lengthM, 0);
      expect(Math.abs(pieces - whole)).toBeLessThan(1);
    }
    // And a convoy can now turn at a crossing: from the west end of EW0 to the north end of NS3.
    const names = new Map(grid.nodes.map((n) => [`${n.position[0]},${n.position[1]}`, n.index]));
    const g = routeGraph(
      grid.nodes.map((n) => ({ id: String(n.index), position: n.position })),
      grid.segments.map((s, i) => ({
        id: `s${i}`,
        from: String(s.from),
        to: String(s.to),
        lengthM: s.lengthM,
        risk: 0,
      })),
    );
    const west = names.get(`${30.001},${49.6 + 0.0004}`)!;
    const north = names.get(`${30.73 + 0.0004},${49.5 + 20 * 0.05 + 0.0013}`)!;
    expect(shortestPath(g, String(west), String(north))).toBeDefined();
  });
});

describe('waiting at a closed checkpoint', () => {
  const depart = Date.parse('2026-12-08T06:00:00Z');
  // a — b — c: every route passes the checkpoint at b, which opens at 07:00.
  const line3 = () =>
    routeGraph(
      [
        { id: 'a', position: [30, 50] },
        { id: 'b', position: [30.1, 50] },
        { id: 'c', position: [30.2, 50] },
      ],
      [
        { id: 'S1', from: 'a', to: 'b', lengthM: 8000, risk: 0 },
        { id: 'S2', from: 'b', to: 'c', lengthM: 8000, risk: 0 },
      ],
    );
  const gate = {
    id: 'cp-1',
    name: 'Bridge',
    nodeId: 'b',
    status: 'open' as const,
    shifts: [{ startMin: 7 * 60, endMin: 19 * 60, nation: 'FRA' }],
  };

  it('waits until the checkpoint opens, within the allowed wait, and says so in the explanation', () => {
    const req = { from: 'a', to: 'c', maxRisk: 1, departMs: depart, speedKmh: 40, checkpoints: [gate] };
    expect(planConvoy(line3(), req).route).toBeNull();
    const plan = planConvoy(line3(), { ...req, maxWaitMin: 60 });
    expect(plan.problem).toBeNull();
    // 8 km at 40 km/h: at b at 06:12, waits 48 minutes, then 12 minutes to c.
    expect(plan.route!.waits).toEqual([
      {
        checkpointId: 'cp-1',
        name: 'Bridge',
        nodeId: 'b',
        arriveMs: depart + 12 * 60_000,
        leaveMs: Date.parse('2026-12-08T07:00:00Z'),
      },
    ]);
    expect(plan.route!.legs[1]!.enterMs).toBe(Date.parse('2026-12-08T07:00:00Z'));
    expect(plan.route!.arriveMs).toBe(Date.parse('2026-12-08T07:12:00Z'));
    expect(plan.explanation[0]).toBe(
      'Waits 48 min at checkpoint "Bridge": arrives 2026-12-08 06:12 UTC, passes when it opens at 2026-12-08 07:00 UTC.',
    );
    // A wait longer than allowed is not taken: the route is rejected as before.
    const short = planConvoy(line3(), { ...req, maxWaitMin: 30 });
    expect(short.route).toBeNull();
    expect(short.rejected[0]!.reasons[0]).toMatch(/reaches checkpoint "Bridge" at 2026-12-08 06:12 UTC/);
  });

  it('prefers a detour without waiting when it arrives earlier, and says why the wait lost', () => {
    const g = ladder(2, () => 0);
    const plan = planConvoy(g, {
      from: 'u0',
      to: 'u2',
      maxRisk: 1,
      departMs: depart,
      speedKmh: 40,
      maxWaitMin: 240,
      checkpoints: [
        { ...gate, nodeId: 'u1', shifts: [{ startMin: 8 * 60, endMin: 18 * 60, nation: 'FRA' }] },
      ],
    });
    expect(plan.route!.nodes).not.toContain('u1');
    expect(plan.route!.waits).toEqual([]);
    expect(plan.rejected[0]!.route.waits).toHaveLength(1);
    expect(plan.rejected[0]!.reasons[0]).toMatch(
      /keeps every rule after waiting 1 h 50 min, but arrives at 2026-12-08 08:10 UTC, later than the route chosen/,
    );
  });

  it('says its waits, rejections and problems in Ukrainian and French', () => {
    const req = { from: 'a', to: 'c', maxRisk: 1, departMs: depart, speedKmh: 40, checkpoints: [gate] };
    const uk = phrasing('uk');
    const plan = planConvoy(line3(), { ...req, maxWaitMin: 60 }, uk);
    expect(plan.explanation).toEqual([
      'Очікує 48 хв на контрольно-пропускному пункті «Bridge»: прибуває 2026-12-08 06:12 UTC, проходить, коли він відкривається о 2026-12-08 07:00 UTC.',
      'З очікуванням (48 хв загалом, дозволено не більше 1 год 00 хв) прибуває о 2026-12-08 07:12 UTC — найраніше з маршрутів, що дотримуються всіх правил (їх 1).',
    ]);
    const short = planConvoy(line3(), { ...req, maxWaitMin: 30 }, uk);
    expect(short.rejected[0]!.reasons[0]).toBe(
      'прибуває на контрольно-пропускний пункт «Bridge» о 2026-12-08 06:12 UTC, поза його змінами (07:00–19:00 FRA)',
    );
    const closed = planConvoy(
      line3(),
      { ...req, checkpoints: [{ ...gate, status: 'closed' }] },
      phrasing('fr'),
    );
    expect(closed.rejected[0]!.reasons[0]).toBe('le point de contrôle «\u00a0Bridge\u00a0» est fermé');
    expect(closed.problem).toBe(
      'aucun itinéraire de a à c ne reste une fois évité le défaut de l’itinéraire rejeté (1)',
    );
    // No English word of the templates is left in the Ukrainian sentences (names and codes aside).
    for (const text of [
      ...plan.explanation,
      ...short.rejected.flatMap((r) => r.reasons),
      short.problem ?? '',
    ])
      expect([text, text.match(/\b(?!UTC\b|FRA\b|Bridge\b)[A-Za-z]{2,}\b/g)]).toEqual([text, null]);
  });

  it('allowing waits never makes the best route arrive later (property)', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 5 }),
      risks: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
      gates: fc.array(
        fc.record({
          node: fc.integer({ min: 0, max: 11 }),
          start: fc.integer({ min: 0, max: 1439 }),
          length: fc.integer({ min: 10, max: 1200 }),
          status: fc.constantFrom('open' as const, 'open' as const, 'closed' as const),
        }),
        { maxLength: 4 },
      ),
      departMin: fc.integer({ min: 0, max: 1439 }),
      maxWaitMin: fc.integer({ min: 0, max: 24 * 60 }),
      speedKmh: fc.integer({ min: 5, max: 90 }),
    });
    fc.assert(
      fc.property(arb, ({ n, risks, gates, departMin, maxWaitMin, speedKmh }) => {
        const g = ladder(n, (i) => risks[i % risks.length]!);
        const ids = [...g.nodes.keys()];
        const checkpoints = gates.map((x, k) => ({
          id: `cp-${k}`,
          name: `Gate ${k}`,
          nodeId: ids[x.node % ids.length]!,
          status: x.status,
          shifts: [{ startMin: x.start, endMin: (x.start + x.length) % 1440, nation: 'FRA' }],
        }));
        const req = {
          from: 'u0',
          to: `l${n}`,
          maxRisk: 2,
          departMs: Date.parse('2026-12-08T00:00:00Z') + departMin * 60_000,
          speedKmh,
          checkpoints,
        };
        const strict = planConvoy(g, req);
        const waiting = planConvoy(g, { ...req, maxWaitMin });
        if (strict.route === null) return true;
        return waiting.route !== null && waiting.route.arriveMs <= strict.route.arriveMs;
      }),
      { numRuns: 300 },
    );
  });
});

describe('corridor windows', () => {
  const start = Date.parse('2026-12-08T06:00:00Z');
  it('flags incidents on the route during the window, like a truce window', () => {
    const flagged = flagCorridorWindow(
      [
        [
          [30, 50],
          [31, 50],
        ],
      ],
      { startMs: start, endMs: start + 6 * 3_600_000 },
      [
        {
          id: 'on',
          category: 'explosion_impact',
          position: [30.5, 50.005],
          radiusM: 100,
          startMs: start + 1000,
          endMs: start + 1000,
        },
        {
          id: 'after',
          category: 'explosion_impact',
          position: [30.5, 50],
          radiusM: 100,
          startMs: start + 7 * 3_600_000,
          endMs: start + 7 * 3_600_000,
        },
        {
          id: 'far',
          category: 'explosion_impact',
          position: [30.5, 50.5],
          radiusM: 100,
          startMs: start,
          endMs: start,
        },
      ],
    );
    expect(flagged.map((f) => [f.incidentId, f.certain])).toEqual([['on', true]]);
  });

  it('refuses a window that ends before it starts or overlaps another', () => {
    expect(corridorWindowProblem({ startMs: 10, endMs: 5 }, [])).toMatchObject({ field: 'end' });
    expect(
      corridorWindowProblem({ startMs: 10, endMs: 20 }, [
        { id: 'cw-1', startMs: 15, endMs: 30, status: 'planned' },
      ]),
    ).toMatchObject({ field: 'start', reason: expect.stringMatching(/overlaps window cw-1/) });
    expect(
      corridorWindowProblem({ startMs: 10, endMs: 20 }, [
        { id: 'cw-1', startMs: 15, endMs: 30, status: 'cancelled' },
      ]),
    ).toBeUndefined();
  });
});
