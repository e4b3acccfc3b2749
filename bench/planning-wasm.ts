/**
 * The product's own HiGHS (WebAssembly, one thread) on a stage-2 model that
 * `npx tsx bench/planning.ts --export DIR` wrote, from the plan's start, with HiGHS's log and any
 * options: where the time goes (presolve, root LP, cuts, sub-MIPs, nodes) and what an option
 * changes, without building the plan again (ADR 0055). `bench/planning-native.py` asks the same of
 * native HiGHS.
 *
 *     npx tsx bench/planning.ts --export /tmp/models
 *     npx tsx bench/planning-wasm.ts --model /tmp/models/stress-stage2.mps --log \
 *       --options mip_pool_soft_limit=2000,mip_max_nodes=1
 *
 * It prints HiGHS's status, objective, bound, gap and nodes, with the solve's wall time and this
 * process's CPU time. A fresh process runs HiGHS on V8's baseline code while the optimising tier
 * compiles in the background: the same model solved later in a long-running process takes about
 * half the CPU time (ADR 0055), so compare runs of this script with each other, not with the sweep.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadHighs } from '../packages/core/src/planning/highs.ts';
import { benchFlags } from './args.ts';

const flags = benchFlags(
  'npx tsx bench/planning-wasm.ts --model FILE.mps',
  {
    model: { default: '', help: 'the MPS file bench/planning.ts --export wrote' },
    start: { default: '', help: 'the start (JSON array of column values); FILE.start.json when empty' },
    seconds: { default: '60', number: true, help: 'time limit (wall clock)' },
    options: { default: '', help: 'HiGHS options, name=value,name=value' },
  },
  { log: "print HiGHS's log", 'no-start': 'solve without a start' },
);
if (!flags.model) {
  console.error('--model is required (see --help)');
  process.exit(2);
}
const options: Record<string, number | string | boolean> = {
  output_flag: flags.switches.has('log'),
  time_limit: Number(flags.seconds),
  // The product's default (PlanOptions.mipRelGap).
  mip_rel_gap: 1e-4,
};
for (const pair of flags.options.split(',').filter(Boolean)) {
  const [name = '', value = ''] = pair.split('=');
  options[name] =
    value === 'true' ? true : value === 'false' ? false : Number.isNaN(Number(value)) ? value : Number(value);
}

const highs = await loadHighs();
const model = highs.createModel();
try {
  model.readModel({ format: 'mps', data: readFileSync(flags.model) });
  model.options.set(options);
  if (!flags.switches.has('no-start'))
    model.setSolution({
      colValue: JSON.parse(readFileSync(flags.start || flags.model.replace(/\.mps$/, '.start.json'), 'utf8')),
    });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { modelStatus } = flags.switches.has('log')
    ? model.run({
        [highs.constants.callbackType.logging](event) {
          process.stdout.write(event.message);
        },
      })
    : model.run();
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const info = (name: string) => Number(model.info.get(name));
  console.log(
    `${flags.model}: HiGHS model status ${modelStatus}, objective ${model.getObjectiveValue()}, bound ${info('mip_dual_bound')}, gap ${info('mip_gap').toExponential(2)}, ${info('mip_node_count')} nodes; ${wall.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, load ${loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  model.dispose();
}
