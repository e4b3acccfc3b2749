/**
 * Timing helpers shared by the fusion benchmarks: wall-clock and CPU time of a run, medians,
 * and `race`, which warms two peers up to V8's settled speed and then times them alternately.
 */

const gc = (globalThis as { gc?: () => void }).gc;

/** Wall-clock and CPU time of one run; CPU time is steadier on a shared, busy machine. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export function time<T>(run: () => T): [T, Timing] {
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [result, { wallMs, cpuMs: (used.user + used.system) / 1000 }];
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One untimed warm-up run (when asked), then `runs` timed ones; the median of each clock. */
export function measure<T>(runs: number, warmUp: boolean, run: () => T): [T, Timing] {
  if (warmUp) run();
  const results: [T, Timing][] = Array.from({ length: runs }, () => time(run));
  return [
    results[0]![0],
    {
      wallMs: median(results.map(([, t]) => t.wallMs)),
      cpuMs: median(results.map(([, t]) => t.cpuMs)),
    },
  ];
}

/** Untimed runs per peer before timing: at least this many, and at least WARM_MS of work. */
const WARM_RUNS = 5;
const WARM_MS = 1500;

export interface Raced<T> {
  readonly result: T;
  /** The very first run: JIT compilation included. */
  readonly cold: Timing;
  /** Median of the timed runs, after the warm-up. */
  readonly warm: Timing;
}

/**
 * Times two peers on the same input. Each first runs untimed until V8 has settled (WARM_RUNS
 * runs and WARM_MS of work): a large code base like the engine tiers up later than a 30-line
 * loop, so after a single warm-up run a small size measures the engine's compilation, not its
 * speed, and a long-running service sees the settled speed. The timed runs then alternate
 * between the peers, so that a change in machine load hits both alike. The cold first run is
 * reported too.
 */
export function race<A, B>(runs: number, a: () => A, b: () => B): [Raced<A>, Raced<B>] {
  const [resultA, coldA] = time(a);
  const [resultB, coldB] = time(b);
  for (const run of [a, b]) {
    const start = performance.now();
    for (let i = 1; i < WARM_RUNS || performance.now() - start < WARM_MS; i++) run();
  }
  const timesA: Timing[] = [];
  const timesB: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    timesA.push(time(a)[1]);
    timesB.push(time(b)[1]);
  }
  const mid = (ts: Timing[]): Timing => ({
    wallMs: median(ts.map((t) => t.wallMs)),
    cpuMs: median(ts.map((t) => t.cpuMs)),
  });
  return [
    { result: resultA, cold: coldA, warm: mid(timesA) },
    { result: resultB, cold: coldB, warm: mid(timesB) },
  ];
}
