/**
 * Fusion benchmark: `node --expose-gc --import tsx bench/fusion.ts` (or `npx tsx bench/fusion.ts`;
 * add `--quick` to skip the 1M runs and turf at 100k). It takes about five minutes, two of them
 * turf at 100k.
 *
 * 1. Full fusion (points and bearings, categories, time) of 100k and 1M synthetic reports
 *    along the line of contact, streamed one add() at a time: observations per second, peak memory.
 *    Beside the 100k spread-out case, a dense burst: 100k reports of one place, all within 1 km
 *    and 1 h (fusion-data.ts, denseStream), timed the same way (goal: within 3× of spread-out),
 *    with the cost of summarising every incident, as the fusion worker does.
 *    Then 1M on one core (bench/fusion-one-core.ts, pinned with taskset, V8 single-threaded),
 *    once with the reports streamed in batches and once with all of them held in memory.
 * 2. The pure-spatial case (points, radius 0, one instant, one category, so incidents are
 *    single-linkage clusters under one haversine distance = DBSCAN with minPoints 1) against
 *    two peers on the same points: @turf/clusters-dbscan as published, and batch single
 *    linkage over kdbush (bench/fusion-kdbush.ts). The three partitions must be identical.
 *
 * Full fusion at 100k gets one untimed warm-up run and three timed ones. In the pure-spatial
 * case up to 100k, the engine and kdbush each run untimed until V8 has settled (five runs and
 * 1.5 s of work), then timed runs each (15 at 10k, 9 at 50k, 5 at 100k), kdbush first and the
 * latest engine kept alive (see bench/timing.ts, `race`); the median is printed, and the first
 * (cold) run beside it. turf and the 1M sizes run once.
 * Both wall-clock and CPU time are printed: on a shared machine the CPU time is the steadier.
 *
 * 0. First, accuracy beside speed: pairwise precision and recall of day-precision reports
 *    against their true events, the engine beside plain single linkage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { clustersDbscan, featureCollection, point } from '@turf/turf';
import {
  createIndexedFusionEngine,
  DEFAULT_TOLERANCES,
  type LngLat,
  type Observation,
  vaguenessFrom,
} from '../packages/core/src/monitoring/index.ts';
import { pairwiseScores } from '../packages/core/src/monitoring/scores.ts';
import { dayReports } from '../test/support/day-reports.ts';
import { benchFlags } from './args.ts';
import { denseObservations, EPS_M, observations, SPATIAL, spatialCase } from './fusion-data.ts';
import { kdbushSingleLinkage } from './fusion-kdbush.ts';
import { measure, race, type Timing, time } from './timing.ts';

const switches = benchFlags(
  'node --expose-gc --import tsx bench/fusion.ts',
  {},
  {
    quick: 'skip the 1M runs and turf at 100k',
    'skip-accuracy': 'skip the day-report accuracy runs (several minutes at full size)',
  },
).switches;
const quick = switches.has('quick');
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} obs/s`;
const seconds = (ms: number) => (ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Wall time of add() for each size and case, for the dense/spread ratio. */
const addMs = new Map<string, number>();

function fullFusion(n: number, runs: number, dense = false): void {
  const data = dense ? denseObservations(n, 42) : observations(n, 42);
  const fuse = () => {
    const engine = createIndexedFusionEngine();
    for (const o of data) engine.add(o);
    return engine;
  };
  const [, add] = measure(runs, runs > 1, fuse);
  // A last run for memory and the partition's cost, memory sampled as it grows: the JS heap
  // plus the typed arrays' buffers, which live outside it and hold most of the engine's state.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc?.();
  const before = used();
  let peak = before;
  const engine = createIndexedFusionEngine();
  data.forEach((o, i) => {
    engine.add(o);
    if (i % 50_000 === 0) peak = Math.max(peak, used());
  });
  peak = Math.max(peak, used());
  const [partition, partitionTime] = time(() => engine.partition());
  addMs.set(`${dense ? 'dense' : 'spread'} ${n}`, add.wallMs);
  console.log(
    `full fusion ${dense ? 'dense burst ' : ''}${n.toLocaleString('en')} (${runs === 1 ? '1 run' : `median of ${runs} after a warm-up`}): ` +
      `add ${seconds(add.wallMs)} (${rate(n, add.wallMs)}; CPU ${seconds(add.cpuMs)}), ` +
      `partition ${seconds(partitionTime.wallMs)}, ${partition.length.toLocaleString('en')} incidents, ` +
      `largest ${partition.reduce((m, g) => Math.max(m, g.length), 0)}; memory peak (JS heap and typed arrays) ` +
      `${mb(peak)} (+${mb(peak - before)} over the input), process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  if (n <= 100_000) {
    const [incidents, summary] = time(() => engine.incidents());
    const corroborated = incidents.filter((i) => i.state === 'corroborated').length;
    console.log(
      `  incidents() with summaries and join trees: ${seconds(summary.wallMs)}; ${corroborated} corroborated, ` +
        `${incidents.filter((i) => i.location.method === 'triangulated').length} triangulated`,
    );
  }
  const spread = addMs.get(`spread ${n}`);
  if (dense && spread !== undefined)
    console.log(
      `  dense burst / spread-out, add() of ${n.toLocaleString('en')}: ${(add.wallMs / spread).toFixed(2)}x wall (goal ≤ 3x)`,
    );
}

/**
 * Labels each point with the smallest index in its cluster: equal arrays = equal partitions.
 * The engine comes back too, so that race() can keep it alive (bench/timing.ts).
 */
function engineLabels(list: readonly Observation[]): { labels: Int32Array; engine: unknown } {
  const engine = createIndexedFusionEngine({ tolerances: SPATIAL });
  for (const o of list) engine.add(o);
  const out = new Int32Array(list.length);
  for (const group of engine.partition()) {
    const label = Number(group[0]);
    for (const uid of group) out[Number(uid)] = label;
  }
  return { labels: out, engine };
}

const collectionOf = (points: readonly LngLat[]) => featureCollection(points.map((p) => point([p[0], p[1]])));

function turfLabels(collection: ReturnType<typeof collectionOf>): Int32Array {
  const clustered = clustersDbscan(collection, EPS_M, { units: 'meters', minPoints: 1 });
  const first = new Map<number, number>();
  return Int32Array.from(clustered.features, (f, i) => {
    const c = f.properties.cluster!;
    if (!first.has(c)) first.set(c, i);
    return first.get(c)!;
  });
}

const same = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

interface Row {
  readonly n: number;
  readonly runs: string;
  readonly engine: Timing;
  readonly kdbush: Timing;
  readonly turf?: Timing;
  readonly cold?: readonly [Timing, Timing];
  readonly identical: boolean;
}
const rows: Row[] = [];

function spatial(n: number, runs: number, withTurf: boolean): void {
  // The inputs are built outside the timings: the engine gets Observations, kdbush coordinates.
  const { points, list } = spatialCase(n);
  let engine: Int32Array;
  let kd: Int32Array;
  let engineTime: Timing;
  let kdTime: Timing;
  let cold: [Timing, Timing] | undefined;
  if (runs > 1) {
    const [e, k] = race(
      runs,
      () => engineLabels(list),
      () => kdbushSingleLinkage(points, EPS_M),
    );
    [engine, engineTime, kd, kdTime] = [e.result.labels, e.warm, k.result, k.warm];
    cold = [e.cold, k.cold];
  } else {
    const [labelled, t] = time(() => engineLabels(list));
    [engine, engineTime] = [labelled.labels, t];
    [kd, kdTime] = time(() => kdbushSingleLinkage(points, EPS_M));
  }
  let turf: Int32Array | undefined;
  let turfTime: Timing | undefined;
  if (withTurf) {
    if (n >= 100_000)
      console.log(
        `  turf at ${n.toLocaleString('en')}: clustersDbscan 7.4.0 scans every point per query (O(n²)); ` +
          'this takes a minute or two…',
      );
    const collection = collectionOf(points);
    [turf, turfTime] = time(() => turfLabels(collection));
  }
  const identical = same(engine, kd) && (!turf || same(engine, turf));
  const parts = [
    `spatial ${n.toLocaleString('en')} (${new Set(engine).size.toLocaleString('en')} clusters at ${EPS_M} m)`,
    `engine ${seconds(engineTime.wallMs)} (${rate(n, engineTime.wallMs)})`,
    `kdbush batch ${seconds(kdTime.wallMs)} (engine/kdbush ${(engineTime.wallMs / kdTime.wallMs).toFixed(2)}x wall, ` +
      `${(engineTime.cpuMs / kdTime.cpuMs).toFixed(2)}x CPU)`,
  ];
  if (cold)
    parts.push(
      `first (cold) runs: engine ${seconds(cold[0].wallMs)}, kdbush ${seconds(cold[1].wallMs)} ` +
        `(${(cold[0].wallMs / cold[1].wallMs).toFixed(2)}x)`,
    );
  if (turfTime)
    parts.push(
      `turf ${seconds(turfTime.wallMs)} (turf/engine ${(turfTime.wallMs / engineTime.wallMs).toFixed(0)}x)`,
    );
  parts.push(
    `partitions identical: ${identical ? 'yes' : 'NO'}${turf ? ' (engine, kdbush, turf)' : ' (engine, kdbush)'}`,
  );
  console.log(parts.join('; '));
  rows.push({
    n,
    runs: runs === 1 ? '1 run' : `median of ${runs} (warmed)`,
    engine: engineTime,
    kdbush: kdTime,
    ...(turfTime && { turf: turfTime }),
    ...(cold && { cold }),
    identical,
  });
  if (!identical) process.exitCode = 1;
}

const [load1] = loadavg();
console.log(
  `node ${process.version}; one thread; ${gc ? 'gc exposed' : 'no --expose-gc: heap figures include garbage'}; ` +
    `${availableParallelism()} CPUs, load average ${load1!.toFixed(1)} (a busy machine slows wall clocks; CPU times are steadier)`,
);
/** bench/fusion-one-core.ts in a child pinned to one CPU, with V8 on its main thread only. */
function oneCore(mode: 'streamed' | 'held'): void {
  const script = new URL('./fusion-one-core.ts', import.meta.url).pathname;
  const node = [process.execPath, '--single-threaded', '--expose-gc', '--max-old-space-size=8000'];
  const args = [...node, '--import', 'tsx', script, mode];
  const pinned = existsSync('/usr/bin/taskset');
  const run = pinned
    ? spawnSync('/usr/bin/taskset', ['-c', '0', ...args], { encoding: 'utf8' })
    : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  const out = (run.stdout || run.stderr || `exit ${run.status}`).trim();
  console.log(pinned ? out : `${out} (no taskset here: V8 single-threaded, but not pinned to one CPU)`);
}

/**
 * Accuracy beside speed: multi-source reports dated to the day at exact places (towns hit on
 * consecutive days; test/support/day-reports.ts), scored pairwise against the true events.
 * The peer is plain single linkage (every report precise, no time rule for coarse windows),
 * what chained consecutive days before issue 15.
 */
function dayPrecision(): void {
  for (const writing of ['last-millisecond', 'next-midnight'] as const) {
    const set = dayReports(7, quick ? 300 : 1500, 30, writing);
    for (const [name, options] of [
      ['engine, default rules', undefined],
      [
        'single linkage, no vague rule',
        { vagueness: vaguenessFrom(DEFAULT_TOLERANCES, Number.POSITIVE_INFINITY) },
      ],
    ] as const) {
      const started = performance.now();
      const engine = createIndexedFusionEngine(options);
      engine.addBatch(set.observations);
      const ms = performance.now() - started;
      const s = pairwiseScores(engine.partition(), set.eventOf);
      console.log(
        `day reports (${writing}), ${name}: ${set.observations.length.toLocaleString('en')} observations of ` +
          `${set.events.toLocaleString('en')} events in ${seconds(ms)} (${rate(set.observations.length, ms)}); ` +
          `pairwise precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`,
      );
    }
  }
}

if (!switches.has('skip-accuracy')) dayPrecision();
fullFusion(100_000, 3);
fullFusion(100_000, 3, true);
if (!quick) {
  fullFusion(1_000_000, 1);
  oneCore('streamed');
  oneCore('held');
}
// Small sizes take more timed runs: a 10k run lasts about 10 ms, where a few milliseconds of
// noise move the ratio by a third.
spatial(10_000, 15, true);
spatial(50_000, 9, true);
spatial(100_000, 5, !quick);
if (!quick) spatial(1_000_000, 1, false);

console.log("\npure-spatial summary (wall clock; CPU time in brackets; cold = each peer's first run)");
console.log(
  '| points | runs | engine | kdbush batch | engine/kdbush | cold engine/kdbush | turf 7.4.0 | turf/engine | identical |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const t = (x: Timing) => `${seconds(x.wallMs)} (${seconds(x.cpuMs)})`;
  const ratio = (a: Timing, b: Timing) =>
    `${(a.wallMs / b.wallMs).toFixed(2)}x (${(a.cpuMs / b.cpuMs).toFixed(2)}x)`;
  console.log(
    `| ${r.n.toLocaleString('en')} | ${r.runs}${r.turf ? ' (turf 1 run)' : ''} | ${t(r.engine)} | ${t(r.kdbush)} | ` +
      `${ratio(r.engine, r.kdbush)} | ${r.cold ? ratio(r.cold[0], r.cold[1]) : ''} | ` +
      `${r.turf ? t(r.turf) : 'not run'} | ${r.turf ? `${(r.turf.wallMs / r.engine.wallMs).toFixed(0)}x` : ''} | ` +
      `${r.identical ? 'yes' : 'NO'} |`,
  );
}
