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
 * The latest result of `a` stays alive until the next one replaces it, as a service keeps its
 * one engine; `b` runs first. Until 2026-11-27 every result of `a` was kept, because collecting
 * a run's engine made V8 throw away optimised code that referred to it ("weak objects"
 * deoptimisations). Since the engine keeps its nodes in typed arrays (NodeStore), keeping them
 * all no longer prevents those (`node --trace-deopt-verbose bench/fusion-spatial.ts 10000`:
 * 119 with all kept, 106 with the latest), while the ten kept engines' maps and arrays made
 * every major collection during the engine's timed runs mark them all, which the batch
 * reference never paid for.
 */
export function race<A, B>(runs: number, a: () => A, b: () => B): [Raced<A>, Raced<B>] {
  const [resultB, coldB] = time(b);
  // The latest result of `a`, alive until the next replaces it.
  const kept: unknown[] = [];
  const [resultA, coldA] = time(a);
  kept[0] = resultA;
  const warmUp = (run: () => unknown, keep: boolean) => {
    const start = performance.now();
    for (let i = 1; i < WARM_RUNS || performance.now() - start < WARM_MS; i++) {
      const result = run();
      if (keep) kept[0] = result;
    }
  };
  warmUp(b, false);
  const timesB = Array.from({ length: runs }, () => time(b)[1]);
  warmUp(a, true);
  const timesA = Array.from({ length: runs }, () => {
    const [result, timing] = time(a);
    kept[0] = result;
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
