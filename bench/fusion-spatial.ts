/**
 * The pure-spatial comparison of bench/fusion.ts alone (engine against kdbush batch single
 * linkage, no turf, no full fusion): `node --expose-gc --import tsx bench/fusion-spatial.ts`.
 * Per size, each peer runs untimed until V8 has settled, then RUNS timed runs each (default
 * 15 at 10k, 9 at 50k, 5 above), kdbush first (bench/timing.ts, `race`); medians of wall and CPU time, and the cold
 * first runs.
 */
import { createIndexedFusionEngine } from '../packages/core/src/monitoring/index.ts';
import { EPS_M, SPATIAL, spatialCase } from './fusion-data.ts';
import { kdbushSingleLinkage } from './fusion-kdbush.ts';
import { race, type Timing } from './timing.ts';

/** Timed runs per size: more for the small sizes, whose runs last milliseconds (as bench/fusion.ts). */
const runsFor = (n: number) => Number(process.env['RUNS'] ?? (n <= 10_000 ? 15 : n <= 50_000 ? 9 : 5));
const sizes = process.argv.slice(2).map(Number).filter(Boolean);

for (const n of sizes.length ? sizes : [10_000, 50_000, 100_000]) {
  const { points, list } = spatialCase(n);
  const engine = () => {
    const e = createIndexedFusionEngine({ tolerances: SPATIAL });
    for (const o of list) e.add(o);
    // The engine comes back with its partition, so that race() can keep it alive.
    return [e, e.partition()] as const;
  };
  const [e, k] = race(runsFor(n), engine, () => kdbushSingleLinkage(points, EPS_M));
  const ratio = (a: Timing, b: Timing) =>
    `${(a.wallMs / b.wallMs).toFixed(2)}x wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU`;
  console.log(
    `${n.toLocaleString('en')}: engine ${e.warm.wallMs.toFixed(0)} ms (CPU ${e.warm.cpuMs.toFixed(0)}), ` +
      `kdbush ${k.warm.wallMs.toFixed(0)} ms (CPU ${k.warm.cpuMs.toFixed(0)}); engine/kdbush ${ratio(e.warm, k.warm)}; ` +
      `cold first runs ${e.cold.wallMs.toFixed(0)} / ${k.cold.wallMs.toFixed(0)} ms (${ratio(e.cold, k.cold)})`,
  );
}
