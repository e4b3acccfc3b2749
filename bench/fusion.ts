/**
 * Fusion benchmark: `npx tsx bench/fusion.ts` (add `--quick` to skip the 1M runs).
 *
 * 1. Full fusion (points and bearings, categories, time) of 100k and 1M synthetic reports
 *    along the line of contact, streamed one add() at a time: observations per second, peak memory.
 * 2. The pure-spatial case (points, radius 0, one instant, one category, so incidents are
 *    single-linkage clusters under one haversine distance = DBSCAN with minPoints 1) against
 *    two peers on the same points: @turf/clusters-dbscan as published, and batch single
 *    linkage over kdbush (bench/fusion-kdbush.ts). The three partitions must be identical.
 */
import { clustersDbscan, featureCollection, point } from '@turf/turf';
import {
  CATEGORIES,
  createIndexedFusionEngine,
  type LngLat,
  type Observation,
  type ToleranceTable,
} from '../packages/core/src/monitoring/index.ts';
import { observations } from './fusion-data.ts';
import { kdbushSingleLinkage } from './fusion-kdbush.ts';

const quick = process.argv.includes('--quick');
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} obs/s`;

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function fullFusion(n: number): void {
  const data = observations(n, 42);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const engine = createIndexedFusionEngine();
  const [, addMs] = time(() => {
    data.forEach((o, i) => {
      engine.add(o);
      if (i % 50_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    });
  });
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const [partition, partitionMs] = time(() => engine.partition());
  console.log(
    `full fusion ${n.toLocaleString('en')}: add ${(addMs / 1000).toFixed(2)} s (${rate(n, addMs)}), ` +
      `partition ${partitionMs.toFixed(0)} ms, ${partition.length.toLocaleString('en')} incidents, ` +
      `largest ${partition.reduce((m, g) => Math.max(m, g.length), 0)}; heap peak ${mb(peakHeap)} ` +
      `(+${mb(peakHeap - heapBefore)} over the input), process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  if (n <= 100_000) {
    const [incidents, summaryMs] = time(() => engine.incidents());
    const corroborated = incidents.filter((i) => i.state === 'corroborated').length;
    console.log(
      `  incidents() with summaries and join trees: ${(summaryMs / 1000).toFixed(2)} s; ${corroborated} corroborated, ` +
        `${incidents.filter((i) => i.location.method === 'triangulated').length} triangulated`,
    );
  }
}

const EPS_M = 250;
const SPATIAL: ToleranceTable = Object.fromEntries(
  CATEGORIES.map((c) => [c, { distanceM: EPS_M, timeMs: 0 }]),
) as ToleranceTable;

/** Labels each point with the smallest index in its cluster: equal arrays = equal partitions. */
function engineLabels(points: readonly LngLat[]): Int32Array {
  const list: Observation[] = points.map((position, i) => ({
    uid: String(i).padStart(8, '0'),
    source: { kind: 'patrol', id: `p${i}`, nation: 'FRA' },
    time: { startMs: 0, endMs: 0 },
    category: 'other',
    count: 1,
    location: { kind: 'point', position, radiusM: 0 },
    reportedAtMs: 0,
  }));
  const engine = createIndexedFusionEngine({ tolerances: SPATIAL });
  const [labels, ms] = time(() => {
    for (const o of list) engine.add(o);
    const out = new Int32Array(points.length);
    for (const group of engine.partition()) for (const uid of group) out[Number(uid)] = Number(group[0]);
    return out;
  });
  timings.set('engine', ms);
  return labels;
}

function turfLabels(points: readonly LngLat[]): Int32Array {
  const collection = featureCollection(points.map((p) => point([p[0], p[1]])));
  const [clustered, ms] = time(() => clustersDbscan(collection, EPS_M, { units: 'meters', minPoints: 1 }));
  timings.set('turf', ms);
  const first = new Map<number, number>();
  return Int32Array.from(clustered.features, (f, i) => {
    const c = f.properties.cluster!;
    if (!first.has(c)) first.set(c, i);
    return first.get(c)!;
  });
}

const timings = new Map<string, number>();
const same = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

function spatial(n: number, withTurf: boolean): void {
  const points = observations(n, 7).map((o) =>
    o.location.kind === 'point' ? o.location.position : o.location.observer,
  );
  timings.clear();
  const engine = engineLabels(points);
  const [kd, kdMs] = time(() => kdbushSingleLinkage(points, EPS_M));
  const turf = withTurf ? turfLabels(points) : undefined;
  const clusters = new Set(engine).size;
  const engineMs = timings.get('engine')!;
  const parts = [
    `spatial ${n.toLocaleString('en')} (${clusters.toLocaleString('en')} clusters at ${EPS_M} m)`,
    `engine ${engineMs.toFixed(0)} ms (${rate(n, engineMs)})`,
    `kdbush batch ${kdMs.toFixed(0)} ms (engine/kdbush ${(engineMs / kdMs).toFixed(2)}x)`,
  ];
  if (turf) {
    const turfMs = timings.get('turf')!;
    parts.push(`turf ${(turfMs / 1000).toFixed(2)} s (turf/engine ${(turfMs / engineMs).toFixed(0)}x)`);
  }
  const identical = same(engine, kd) && (!turf || same(engine, turf));
  parts.push(
    `partitions identical: ${identical ? 'yes' : 'NO'}${turf ? ' (engine, kdbush, turf)' : ' (engine, kdbush)'}`,
  );
  console.log(parts.join('; '));
  if (!identical) process.exitCode = 1;
}

console.log(
  `node ${process.version}; one thread; ${gc ? 'gc exposed' : 'no --expose-gc: heap figures include garbage'}`,
);
fullFusion(100_000);
if (!quick) fullFusion(1_000_000);
// turf 7.4.0 builds its RBush with maxEntries = n, so each query scans every point: O(n²).
// At 50k it takes tens of seconds, so it runs at 10k and 50k only.
spatial(10_000, true);
spatial(50_000, true);
spatial(100_000, false);
if (!quick) spatial(1_000_000, false);
