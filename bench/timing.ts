/**
 * Timing helpers shared by the fusion benchmarks: wall-clock and CPU time of a run, medians,
 * and `race`, which warms two peers up to V8's settled speed and then times each in turn.
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
 * Times a streaming engine (`a`) against a batch reference (`b`) on the same input. Each first
 * runs untimed until V8 has settled (WARM_RUNS runs and WARM_MS of work): a large code base
 * like the engine tiers up later than a 30-line loop, so after a single warm-up run a small
 * size measures the engine's compilation, not its speed. Then `runs` timed runs of `b`, and
 * `runs` timed runs of `a`; the cold first run of each is reported too.
 *
 * Every result of `a` stays alive until its runs are over, as a service keeps its one engine
 * for its lifetime. When a run's engine is collected, V8 throws away the optimised code that
 * refers to it (`node --trace-deopt-verbose` shows about 160 "weak objects" deoptimisations
 * in 12 runs of 10k observations, none when the engines are kept) and the next run starts cold
 * again: a cost a service pays once, not per batch. `b` runs first, before anything is kept,
 * so that the kept engines cannot slow it down through the collector.
 */
export function race<A, B>(runs: number, a: () => A, b: () => B): [Raced<A>, Raced<B>] {
  const [resultB, coldB] = time(b);
  const kept: unknown[] = [];
  const [resultA, coldA] = time(a);
  kept.push(resultA);
  const warmUp = (run: () => unknown, keep: boolean) => {
    const start = performance.now();
    for (let i = 1; i < WARM_RUNS || performance.now() - start < WARM_MS; i++) {
      const result = run();
      if (keep) kept.push(result);
    }
  };
  warmUp(b, false);
  const timesB = Array.from({ length: runs }, () => time(b)[1]);
  warmUp(a, true);
  const timesA = Array.from({ length: runs }, () => {
    const [result, timing] = time(a);
    kept.push(result);
    return timing;
  });
  const mid = (ts: Timing[]): Timing => ({
    wallMs: median(ts.map((t) => t.wallMs)),
    cpuMs: median(ts.map((t) => t.cpuMs)),
  });
  kept.length = 0;
  return [
    { result: resultA, cold: coldA, warm: mid(timesA) },
    { result: resultB, cold: coldB, warm: mid(timesB) },
  ];
}
