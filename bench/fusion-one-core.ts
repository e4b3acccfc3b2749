/**
 * 1M reports fused on one core: `taskset -c 0 node --single-threaded --expose-gc --import tsx
 * bench/fusion-one-core.ts streamed|held` (bench/fusion.ts runs both this way). `taskset` pins
 * the process to one CPU and `--single-threaded` keeps V8's collector and compiler on the main
 * thread, so the wall clock is all the work, done by one core.
 *
 * - streamed: the reports are made in batches of 1,000 and each batch is dropped once added, as
 *   an intake receives them; only the add() calls are timed.
 * - held: all 1M reports are made first and kept, as bench/fusion.ts's other runs do; every major
 *   collection then also marks the 410 MB of input.
 *
 * Both first fuse 100k other reports, untimed, so that V8 has compiled the engine.
 */
import { createIndexedFusionEngine, type Observation } from '../packages/core/src/monitoring/index.ts';
import { observationStream, observations } from './fusion-data.ts';

const N = 1_000_000;
const BATCH = 1_000;
const mode = process.argv[2] === 'held' ? 'held' : 'streamed';
const gc = (globalThis as { gc?: () => void }).gc;

{
  const warm = createIndexedFusionEngine();
  for (const o of observationStream(100_000, 7)) warm.add(o);
}
const held = mode === 'held' ? observations(N, 42) : undefined;
gc?.();

const engine = createIndexedFusionEngine();
let wallMs = 0;
let cpuMs = 0;
const add = (reports: readonly Observation[]) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const o of reports) engine.add(o);
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  wallMs += end - start;
  cpuMs += (used.user + used.system) / 1000;
};
if (held) add(held);
else {
  const stream = observationStream(N, 42);
  const batch: Observation[] = [];
  for (let done = false; !done; ) {
    batch.length = 0;
    for (let next = stream.next(); ; next = stream.next()) {
      if (next.done) {
        done = true;
        break;
      }
      batch.push(next.value);
      if (batch.length === BATCH) break;
    }
    add(batch);
  }
}
console.log(
  `1M on one core, ${mode === 'held' ? 'input held in memory' : `streamed in batches of ${BATCH}`}: ` +
    `add ${(wallMs / 1000).toFixed(2)} s wall, CPU ${(cpuMs / 1000).toFixed(2)} s ` +
    `(${Math.round((N / wallMs) * 1000).toLocaleString('en')} obs/s); ` +
    `${engine.size.toLocaleString('en')} observations, ${engine.partition().length.toLocaleString('en')} incidents`,
);
