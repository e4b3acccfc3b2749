/**
 * The pure-spatial comparison of bench/fusion.ts alone (engine against kdbush batch single
 * linkage, no turf, no full fusion): `node --expose-gc --import tsx bench/fusion-spatial.ts`.
 * Per size, each peer runs untimed until V8 has settled, then RUNS (default 5) timed runs
 * alternate between them (bench/timing.ts, `race`); medians of wall and CPU time, and the cold
 * first runs.
 */
import {
  CATEGORIES,
  createIndexedFusionEngine,
  type Observation,
  type ToleranceTable,
} from '../packages/core/src/monitoring/index.ts';
import { observations } from './fusion-data.ts';
import { kdbushSingleLinkage } from './fusion-kdbush.ts';
import { race, type Timing } from './timing.ts';

const EPS_M = 250;
const SPATIAL = Object.fromEntries(
  CATEGORIES.map((c) => [c, { distanceM: EPS_M, timeMs: 0 }]),
) as ToleranceTable;
const RUNS = Number(process.env['RUNS'] ?? 5);
const sizes = process.argv.slice(2).map(Number).filter(Boolean);

for (const n of sizes.length ? sizes : [10_000, 50_000, 100_000]) {
  const points = observations(n, 7).map((o) =>
    o.location.kind === 'point' ? o.location.position : o.location.observer,
  );
  const list: Observation[] = points.map((position, i) => ({
    uid: String(i).padStart(8, '0'),
    source: { kind: 'patrol', id: `p${i}`, nation: 'FRA' },
    time: { startMs: 0, endMs: 0 },
    category: 'other',
    count: 1,
    location: { kind: 'point', position, radiusM: 0 },
    reportedAtMs: 0,
  }));
  const engine = () => {
    const e = createIndexedFusionEngine({ tolerances: SPATIAL });
    for (const o of list) e.add(o);
    // The engine comes back with its partition, so that race() can keep it alive.
    return [e, e.partition()] as const;
  };
  const [e, k] = race(RUNS, engine, () => kdbushSingleLinkage(points, EPS_M));
  const ratio = (a: Timing, b: Timing) =>
    `${(a.wallMs / b.wallMs).toFixed(2)}x wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU`;
  console.log(
    `${n.toLocaleString('en')}: engine ${e.warm.wallMs.toFixed(0)} ms (CPU ${e.warm.cpuMs.toFixed(0)}), ` +
      `kdbush ${k.warm.wallMs.toFixed(0)} ms (CPU ${k.warm.cpuMs.toFixed(0)}); engine/kdbush ${ratio(e.warm, k.warm)}; ` +
      `cold first runs ${e.cold.wallMs.toFixed(0)} / ${k.cold.wallMs.toFixed(0)} ms (${ratio(e.cold, k.cold)})`,
  );
}
