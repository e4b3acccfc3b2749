/**
 * The pure-spatial comparison of bench/fusion.ts alone (engine against kdbush batch single
 * linkage, no turf, no full fusion): `node --expose-gc --import tsx bench/fusion-spatial.ts`.
 * Five timed runs after a warm-up per size; medians of wall and CPU time.
 */
import {
  CATEGORIES,
  createIndexedFusionEngine,
  type Observation,
  type ToleranceTable,
} from '../packages/core/src/monitoring/index.ts';
import { observations } from './fusion-data.ts';
import { kdbushSingleLinkage } from './fusion-kdbush.ts';

const EPS_M = 250;
const SPATIAL = Object.fromEntries(
  CATEGORIES.map((c) => [c, { distanceM: EPS_M, timeMs: 0 }]),
) as ToleranceTable;
const gc = (globalThis as { gc?: () => void }).gc;
const RUNS = Number(process.env['RUNS'] ?? 5);
const sizes = process.argv.slice(2).map(Number).filter(Boolean);

function time(run: () => unknown): [number, number] {
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
    return e.partition();
  };
  const kd = () => kdbushSingleLinkage(points, EPS_M);
  engine();
  kd();
  const e: [number, number][] = [];
  const k: [number, number][] = [];
  for (let r = 0; r < RUNS; r++) {
    e.push(time(engine));
    k.push(time(kd));
  }
  const [ew, ec, kw, kc] = [
    median(e.map((t) => t[0])),
    median(e.map((t) => t[1])),
    median(k.map((t) => t[0])),
    median(k.map((t) => t[1])),
  ];
  console.log(
    `${n.toLocaleString('en')}: engine ${ew.toFixed(0)} ms (CPU ${ec.toFixed(0)}), kdbush ${kw.toFixed(0)} ms (CPU ${kc.toFixed(0)}); ` +
      `engine/kdbush ${(ew / kw).toFixed(2)}x wall, ${(ec / kc).toFixed(2)}x CPU`,
  );
}
