/**
 * The contract every FusionEngine meets, run by each engine's own test file (the pattern of
 * hono's router common.case.test.ts), plus the fast-check arbitraries the property tests share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FusionEngine } from './engine.ts';
import { DEFAULT_VAGUENESS, type FusionOptions, type VaguenessTable } from './rules.ts';
import type { Category, LngLat, Observation, ObservationLocation, SourceKind } from './types.ts';
import { ObservationError, validateObservation } from './validate.ts';

export const T0 = Date.UTC(2025, 5, 1, 12);
const MIN = 60_000;

/** A patrol's point report at T0 near Avdiivka, with whatever the test overrides. */
export function obs(
  uid: string,
  over: Partial<Observation> & { at?: LngLat; sourceId?: string; kind?: SourceKind } = {},
) {
  const { at = [37.75, 48.14], sourceId = `patrol-${uid}`, kind = 'patrol', ...rest } = over;
  const observation: Observation = {
    uid,
    source: { kind, id: sourceId, nation: kind === 'party_claim' ? 'RUS' : 'FRA' },
    time: { startMs: T0, endMs: T0 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: at, radiusM: 200 },
    reportedAtMs: T0,
    ...rest,
  };
  return observation;
}

/** Metres east/north of a point, for readable fixtures. */
export function offset(at: LngLat, eastM: number, northM: number): LngLat {
  return [at[0] + eastM / (111_195 * Math.cos((at[1] * Math.PI) / 180)), at[1] + northM / 111_195];
}

const categories: readonly Category[] = [
  'explosion_impact',
  'explosion_undetermined',
  'explosion_outgoing',
  'muzzle_flash',
  'civilian_harm',
  'other',
];

const location: fc.Arbitrary<ObservationLocation> = fc.oneof(
  fc.record({
    kind: fc.constant('point' as const),
    position: fc.tuple(
      fc.double({ min: 37.0, max: 37.15, noNaN: true }),
      fc.double({ min: 48.0, max: 48.1, noNaN: true }),
    ),
    // Most discs are precise; some (2–20 km) are vague for every category here.
    radiusM: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1500 }) },
      { weight: 1, arbitrary: fc.integer({ min: 2000, max: 20_000 }) },
    ),
  }),
  fc
    .record({
      kind: fc.constant('bearing' as const),
      observer: fc.tuple(
        fc.double({ min: 37.0, max: 37.15, noNaN: true }),
        fc.double({ min: 48.0, max: 48.1, noNaN: true }),
      ),
      bearingDeg: fc.double({ min: 0, max: 359.9, noNaN: true }),
      spreadDeg: fc.integer({ min: 0, max: 20 }),
      minDistanceM: fc.integer({ min: 0, max: 3000 }),
      extraM: fc.integer({ min: 0, max: 6000 }),
    })
    .map(({ extraM, ...b }) => ({ ...b, maxDistanceM: b.minDistanceM + extraM })),
);

/**
 * Random observations packed into a 11 × 11 km, 2 h box so that joins, chains and splits
 * happen, with vague ones (wide discs, long windows) that would bridge incidents under plain
 * single linkage.
 */
export const observationArb: fc.Arbitrary<Observation> = fc
  .record({
    uid: fc.integer({ min: 0, max: 59 }).map((i) => `o${String(i).padStart(2, '0')}`),
    source: fc.oneof(
      fc.record({
        kind: fc.constantFrom<SourceKind>('patrol', 'uav', 'acoustic'),
        id: fc.constantFrom('p1', 'p2', 'p3', 'u1', 'a1'),
        nation: fc.constant('FRA'),
      }),
      fc.record({
        kind: fc.constant<SourceKind>('party_claim'),
        id: fc.constantFrom('mod', 'press'),
        nation: fc.constantFrom('RUS', 'UKR'),
      }),
    ),
    startMin: fc.integer({ min: 0, max: 120 }),
    // Windows of 1–4 h are vague for explosions (limit 1 h), flashes (40 min) and `other` (2 h).
    durationMin: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 60, max: 240 })),
    category: fc.constantFrom(...categories),
    count: fc.integer({ min: 1, max: 50 }),
    location,
    reportedMin: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ startMin, durationMin, reportedMin, ...o }) => ({
    ...o,
    time: { startMs: T0 + startMin * MIN, endMs: T0 + (startMin + durationMin) * MIN },
    reportedAtMs: T0 + reportedMin * MIN,
  }));

/** Observations with distinct uids. */
export const distinctArb = fc.uniqueArray(observationArb, { selector: (o) => o.uid, maxLength: 40 });

/** Observations where uids repeat, as resends do. */
export const resendArb = fc.array(observationArb, { maxLength: 40 });

/** What each uid should end up as: its newest version (on a tie, the larger canonical JSON). */
export function newestByUid(list: readonly Observation[]): readonly Observation[] {
  const newest = new Map<string, Observation>();
  for (const o of list.map(validateObservation)) {
    const old = newest.get(o.uid);
    const newer = !old || old.reportedAtMs < o.reportedAtMs;
    if (newer || (old.reportedAtMs === o.reportedAtMs && JSON.stringify(o) > JSON.stringify(old)))
      newest.set(o.uid, o);
  }
  return [...newest.values()];
}

/** Every observable thing about an engine's result, for equality checks. */
export function snapshot(engine: FusionEngine): string {
  return JSON.stringify(engine.incidents());
}

const RUNS = 60;

/** The FusionEngine contract: run it once per implementation. */
export function runFusionContract(name: string, make: (options?: FusionOptions) => FusionEngine): void {
  const fused = (list: readonly Observation[], options?: FusionOptions) => {
    const engine = make(options);
    for (const o of list) engine.add(o);
    return engine;
  };

  describe(`${name}: joining`, () => {
    it('puts two patrols hearing one explosion in one corroborated incident without doubling the count', () => {
      const engine = fused([
        obs('a', { count: 48 }),
        obs('b', {
          count: 48,
          at: offset([37.75, 48.14], 600, 0),
          time: { startMs: T0 + 2 * MIN, endMs: T0 + 2 * MIN },
        }),
      ]);
      const [incident, ...rest] = engine.incidents();
      expect(rest).toEqual([]);
      expect(incident).toMatchObject({
        id: 'inc-a',
        state: 'corroborated',
        independentSourceCount: 2,
        observationUids: ['a', 'b'],
      });
      expect(incident!.count.best).toBe(48);
      expect(incident!.count.low).toBe(48);
    });

    it('joins the explosion sub-kinds but not unrelated categories', () => {
      const engine = fused([
        obs('a', { category: 'explosion_impact' }),
        obs('b', { category: 'explosion_undetermined' }),
        obs('c', { category: 'uav_overflight' }),
      ]);
      expect(engine.partition()).toEqual([['a', 'b'], ['c']]);
    });

    it('keeps reports apart beyond the time or distance tolerance and chains through a middle report', () => {
      const base: LngLat = [37.75, 48.14];
      const engine = fused([
        obs('late', { time: { startMs: T0 + 16 * MIN, endMs: T0 + 16 * MIN } }),
        obs('a'),
        obs('far', { at: offset(base, 0, 2500) }), // 2.1 km between discs: past 2 km
        obs('b', { at: offset(base, 2000, 0) }),
        obs('c', { at: offset(base, 4000, 0) }), // 3.6 km from a, 1.6 km from b
      ]);
      expect(engine.partition()).toEqual([['a', 'b', 'c'], ['far'], ['late']]);
    });

    it('does not count the same source twice, nor one party twice', () => {
      const engine = fused([
        obs('a', { sourceId: 'patrol-1' }),
        obs('b', { sourceId: 'patrol-1' }),
        obs('c', { kind: 'party_claim', sourceId: 'mod' }),
        obs('d', { kind: 'party_claim', sourceId: 'press-office' }),
      ]);
      const [incident] = engine.incidents();
      expect(incident).toMatchObject({
        state: 'reported',
        independentSourceCount: 1,
        partyClaimNations: ['RUS'],
      });
      expect(engine.explain('inc-a')!.lines.join('\n')).toMatch(/counted once[\s\S]*not corroborating/);
    });

    it('judges independence on who submitted, not on the sources a body names', () => {
      // One account posting as "USA camera" and "GBR UAV" is one source (issue 12, finding 3).
      const spoofed = fused([
        obs('a', {
          submitter: 'user:usa-monitor',
          source: { kind: 'camera', id: 'usa-camera', nation: 'USA' },
        }),
        obs('b', { submitter: 'user:usa-monitor', source: { kind: 'uav', id: 'gbr-uav', nation: 'GBR' } }),
      ]);
      expect(spoofed.incidents()[0]).toMatchObject({ state: 'reported', independentSourceCount: 1 });
      expect(spoofed.explain('inc-a')!.lines.join('\n')).toMatch(/one submitter \(user:usa-monitor\)/);
      const two = fused([
        obs('a', { submitter: 'user:usa-monitor', source: { kind: 'camera', id: 'cam', nation: 'USA' } }),
        obs('b', { submitter: 'user:gbr-monitor', source: { kind: 'camera', id: 'cam', nation: 'GBR' } }),
      ]);
      expect(two.incidents()[0]).toMatchObject({ state: 'corroborated', independentSourceCount: 2 });
      // A body cannot set it: validation drops it, and the server sets it from authentication.
      expect(validateObservation({ ...obs('x'), submitter: 'user:someone-else' }).submitter).toBeUndefined();
    });

    it('lets party claims stand alone but never corroborate', () => {
      const claims = fused([
        obs('a', { kind: 'party_claim', count: 5 }),
        obs('b', { kind: 'party_claim', sourceId: 'other', count: 9 }),
      ]);
      expect(claims.incidents()[0]).toMatchObject({
        state: 'reported',
        independentSourceCount: 0,
        confidence: 0,
      });
      expect(claims.incidents()[0]!.count.best).toBe(9);
      const mixed = fused([obs('a'), obs('b'), obs('c', { kind: 'party_claim', count: 100 })]);
      expect(mixed.incidents()[0]).toMatchObject({
        state: 'corroborated',
        count: { low: 1, best: 1, high: 1 },
      });
    });

    it('adds counts of one source at disjoint times into high, never across overlapping sources', () => {
      const engine = fused([
        obs('a', { sourceId: 'p1', count: 10, time: { startMs: T0, endMs: T0 + 5 * MIN } }),
        obs('b', { sourceId: 'p1', count: 4, time: { startMs: T0 + 10 * MIN, endMs: T0 + 12 * MIN } }),
        obs('c', { sourceId: 'p2', count: 12, time: { startMs: T0, endMs: T0 + 5 * MIN } }),
      ]);
      expect(engine.incidents()[0]!.count).toEqual({ low: 12, best: 14, high: 16 });
    });

    it('triangulates two crossing bearings tighter than either, and takes a lone sector centroid', () => {
      const target: LngLat = [37.75, 48.14];
      const west = offset(target, -5000, 0);
      const south = offset(target, 0, -5000);
      const engine = fused([
        obs('w', {
          location: {
            kind: 'bearing',
            observer: west,
            bearingDeg: 90,
            spreadDeg: 3,
            minDistanceM: 2000,
            maxDistanceM: 8000,
          },
        }),
        obs('s', {
          location: {
            kind: 'bearing',
            observer: south,
            bearingDeg: 0,
            spreadDeg: 3,
            minDistanceM: 2000,
            maxDistanceM: 8000,
          },
        }),
        obs('x', {
          category: 'muzzle_flash',
          location: {
            kind: 'bearing',
            observer: west,
            bearingDeg: 180,
            spreadDeg: 10,
            minDistanceM: 1000,
            maxDistanceM: 3000,
          },
        }),
      ]);
      const [crossed, lone] = engine.incidents();
      expect(crossed!.location.method).toBe('triangulated');
      expect(crossed!.location.radiusM).toBeLessThan(500);
      expect(crossed!.location.radiusM).toBeGreaterThan(0);
      const [dx, dy] = [
        (crossed!.location.position[0] - target[0]) * 74_000,
        (crossed!.location.position[1] - target[1]) * 111_000,
      ];
      expect(Math.hypot(dx, dy)).toBeLessThan(crossed!.location.radiusM);
      expect(lone!.location.method).toBe('sector');
      expect(lone!.location.radiusM).toBeGreaterThan(1000);
    });
  });

  describe(`${name}: vague observations`, () => {
    const base: LngLat = [37.75, 48.14];
    const threeHours = { startMs: T0, endMs: T0 + 180 * MIN };

    it('attaches a vague report to the closest precise incident instead of bridging two, and re-attaches it on removal', () => {
      const engine = fused([
        obs('a'),
        obs('b', { at: offset(base, 4000, 0) }), // 3.6 km from a: apart
        // A 3-hour window is vague for explosions (limit 1 h); 600 m from a, 1 km from b.
        obs('v', { time: threeHours, at: offset(base, 1800, 0), sourceId: 'p2' }),
      ]);
      expect(engine.partition()).toEqual([['a', 'v'], ['b']]);
      const explanation = engine.explain('inc-a')!;
      expect(explanation.incident.joins).toMatchObject([{ uid: 'v', via: 'a', edge: { vague: 'attached' } }]);
      expect(explanation.lines.join('\n')).toMatch(
        /v joined a: .*vague report, attached to its closest precise/,
      );
      engine.remove('a');
      expect(engine.partition()).toEqual([['b', 'v']]);
      engine.add(obs('a'));
      expect(engine.partition()).toEqual([['a', 'v'], ['b']]);
    });

    it('groups vague reports without a precise neighbour only where they nearly coincide', () => {
      const wide = (uid: string, radiusM: number, at: LngLat = base) =>
        obs(uid, { location: { kind: 'point', position: at, radiusM }, sourceId: `s-${uid}` });
      const engine = fused([
        wide('x1', 30_000),
        wide('x2', 35_000), // extents within 1.5×: coincides with x1
        wide('x3', 60_000), // twice as wide: does not
        wide('x4', 30_000, offset(base, 5000, 0)), // centre 5 km away (tolerance 2 km): does not
      ]);
      expect(engine.partition()).toEqual([['x1', 'x2'], ['x3'], ['x4']]);
      expect(engine.explain('inc-x1')!.incident.joins).toMatchObject([
        { uid: 'x2', edge: { vague: 'coincident' } },
      ]);
      // A precise report inside them all gathers every one of them, and lets go on removal.
      engine.add(obs('p', { at: offset(base, 2000, 0) }));
      expect(engine.partition()).toEqual([['p', 'x1', 'x2', 'x3', 'x4']]);
      engine.remove('p');
      expect(engine.partition()).toEqual([['x1', 'x2'], ['x3'], ['x4']]);
    });

    it('treats every report as precise when the vagueness limits are infinite (plain single linkage)', () => {
      const infinite = Object.fromEntries(
        Object.keys(DEFAULT_VAGUENESS).map((c) => [c, { extentM: Infinity, durationMs: Infinity }]),
      ) as unknown as VaguenessTable;
      const engine = fused(
        [
          obs('a'),
          obs('b', { at: offset(base, 4000, 0) }),
          obs('v', { time: threeHours, at: offset(base, 1800, 0) }),
        ],
        { vagueness: infinite },
      );
      expect(engine.partition()).toEqual([['a', 'b', 'v']]);
    });
  });

  describe(`${name}: resends, removal and bad input`, () => {
    it('lets a newer resend move an observation out (splitting the incident) and ignores older copies', () => {
      const engine = fused([
        obs('a'),
        obs('b', { at: offset([37.75, 48.14], 1500, 0) }),
        obs('c', { at: offset([37.75, 48.14], 3000, 0) }),
      ]);
      expect(engine.partition()).toEqual([['a', 'b', 'c']]);
      expect(engine.add(obs('b', { at: offset([37.75, 48.14], 1500, 20_000), reportedAtMs: T0 + MIN }))).toBe(
        'replaced',
      );
      expect(engine.partition()).toEqual([['a'], ['b'], ['c']]);
      expect(engine.add(obs('b', { reportedAtMs: T0 + MIN }))).toBe('ignored');
      expect(engine.add(obs('b', { reportedAtMs: T0 }))).toBe('ignored');
      expect(engine.partition()).toEqual([['a'], ['b'], ['c']]);
      expect(engine.remove('a')).toBe(true);
      expect(engine.remove('a')).toBe(false);
      expect(engine.size).toBe(2);
    });

    it.each([
      ['location.position[1]', { location: { kind: 'point', position: [37, 91], radiusM: 1 } }],
      [
        'location.bearingDeg',
        {
          location: {
            kind: 'bearing',
            observer: [37, 48],
            bearingDeg: 360,
            spreadDeg: 1,
            minDistanceM: 0,
            maxDistanceM: 1,
          },
        },
      ],
      [
        'location.minDistanceM',
        {
          location: {
            kind: 'bearing',
            observer: [37, 48],
            bearingDeg: 1,
            spreadDeg: 1,
            minDistanceM: -5,
            maxDistanceM: 1,
          },
        },
      ],
      [
        'location.maxDistanceM',
        {
          location: {
            kind: 'bearing',
            observer: [37, 48],
            bearingDeg: 1,
            spreadDeg: 1,
            minDistanceM: 9,
            maxDistanceM: 1,
          },
        },
      ],
      ['time.endMs', { time: { startMs: T0, endMs: T0 - 1 } }],
      ['category', { category: 'shelling' }],
      ['count', { count: 0 }],
    ])('rejects a bad %s with a typed error and leaves the state untouched', (field, bad) => {
      const engine = fused([obs('a'), obs('b')]);
      const before = snapshot(engine);
      const attempt = () => engine.add({ ...obs('b', { reportedAtMs: T0 + MIN }), ...(bad as object) });
      expect(attempt).toThrow(ObservationError);
      try {
        attempt();
      } catch (error) {
        expect((error as ObservationError).field).toBe(field);
      }
      expect(snapshot(engine)).toBe(before);
      expect(engine.size).toBe(2);
    });

    it('reports bad items of a batch and adds the good ones', () => {
      const engine = make();
      const result = engine.addBatch([obs('a'), { ...obs('b'), count: -1 }, obs('a'), 'nonsense']);
      expect(result).toMatchObject({ read: 4, added: 1, replaced: 0, ignored: 1 });
      expect(result.rejected.map((r) => [r.index, r.error.field])).toEqual([
        [1, 'count'],
        [3, 'observation'],
      ]);
    });

    it('explains each join by rule, distance and time gap, and knows only current incident ids', () => {
      const engine = fused([
        obs('a'),
        obs('b', { category: 'explosion_airburst', at: offset([37.75, 48.14], 900, 0) }),
      ]);
      const explanation = engine.explain('inc-a')!;
      expect(explanation.incident.joins).toHaveLength(1);
      expect(explanation.incident.joins[0]).toMatchObject({
        uid: 'b',
        via: 'a',
        edge: { rule: 'compatible_category', gapMs: 0 },
      });
      expect(explanation.incident.joins[0]!.edge.distanceM).toBeCloseTo(500, -1);
      expect(explanation.lines[1]).toMatch(
        /^b joined a: compatible category .* 500 m apart \(tolerance 2\.0 km\)/,
      );
      expect(engine.explain('inc-b')).toBeUndefined();
      expect(engine.explain('nope')).toBeUndefined();
    });
  });

  describe(`${name}: properties`, () => {
    it('gives the same incidents in any order, one at a time or in one batch', () => {
      fc.assert(
        fc.property(resendArb, fc.integer(), (list, seed) => {
          const shuffled = fc.sample(fc.shuffledSubarray(list, { minLength: list.length }), {
            numRuns: 1,
            seed,
          })[0]!;
          const batch = make();
          batch.addBatch(shuffled);
          expect(snapshot(fused(list))).toBe(snapshot(batch));
          // Resends: the result is the newest version of each uid, whatever order they came in.
          expect(snapshot(fused(list))).toBe(snapshot(fused(newestByUid(list))));
        }),
        { numRuns: RUNS },
      );
    });

    it('is idempotent: adding everything again changes nothing', () => {
      fc.assert(
        fc.property(resendArb, (list) => {
          const engine = fused(list);
          const once = snapshot(engine);
          for (const o of list) engine.add(o);
          expect(snapshot(engine)).toBe(once);
        }),
        { numRuns: RUNS },
      );
    });

    it('never doubles a count when a second source reports the same thing', () => {
      fc.assert(
        fc.property(distinctArb, fc.nat(), (list, pick) => {
          fc.pre(list.length > 0);
          const original = list[pick % list.length]!;
          const engine = fused(list);
          const before = engine.incidentOf(original.uid)!;
          engine.add({
            ...original,
            uid: 'zz-second',
            source: { kind: 'camera', id: 'second', nation: 'POL' },
          });
          const after = engine.incidentOf(original.uid)!;
          expect(after.observationUids).toHaveLength(before.observationUids.length + 1);
          if (original.source.kind === 'party_claim') {
            expect(after.count.best).toBeLessThanOrEqual(Math.max(before.count.best, original.count));
          } else {
            expect([after.count.best, after.count.high]).toEqual([before.count.best, before.count.high]);
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('explains every observation but the first, each by a real join edge within tolerance', () => {
      fc.assert(
        fc.property(distinctArb, (list) => {
          for (const incident of fused(list).incidents()) {
            expect(incident.joins.map((j) => j.uid).sort()).toEqual(incident.observationUids.slice(1));
            for (const { edge } of incident.joins) {
              expect(edge.distanceM).toBeLessThanOrEqual(edge.tolerance.distanceM);
              expect(edge.gapMs).toBeLessThanOrEqual(edge.tolerance.timeMs);
            }
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
}
