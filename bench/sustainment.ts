/**
 * The sustainment benchmark (`npx tsx bench/planning.ts --sustainment`): the multi-period plan by
 * HiGHS beside the rolling-horizon planner in the same run, on the demo scenario over 36 months
 * and on 60 nations, 500 requirements, 36 months. Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import {
  planSustainment,
  planSustainmentGreedy,
  prepareSustainment,
  type SustainmentInput,
  type SustainmentPlan,
} from '../packages/core/src/planning/index.ts';
import { demoSustainment, stressSustainment } from './sustainment-instances.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function line(name: string, plan: SustainmentPlan, ms: number): void {
  const m = plan.metrics;
  console.log(
    `${name.padEnd(16)} ${plan.status.padEnd(12)} ${ms.toFixed(0).padStart(7)} ms  coverage ${pct(m.coverage)}  gap ${plan.proof.gap === undefined ? '-' : plan.proof.gap.toExponential(1)}  unit-months ${m.unitMonthsAllocated}/${m.unitMonthsRequired}  reliefs in place ${m.reliefsInPlace}  rotations ${m.rotations}  lead changes ${m.leadChanges}  cell-months led ${m.cellMonthsWithLead}/${m.activeCellMonths}  cliffs ${plan.cliffs.length}  uncovered spans ${plan.uncovered.length}`,
  );
}

async function run(name: string, input: SustainmentInput, timeLimitS: number): Promise<void> {
  const p = prepareSustainment(input);
  console.log(
    `\n== ${name}: ${p.offers.length} offers, ${p.requirements.length} requirements, ${p.months} months, ${p.pairs.length} (offer, requirement) pairs; ceiling ${pct(0)}`.replace(
      `; ceiling ${pct(0)}`,
      '',
    ),
  );
  let t = performance.now();
  const optimal = await planSustainment(input, { timeLimitS, clock: () => performance.now() });
  const optimalMs = performance.now() - t;
  t = performance.now();
  const greedy = planSustainmentGreedy(input, { clock: () => performance.now() });
  const greedyMs = performance.now() - t;
  for (const note of optimal.notes) console.log(`   ${note}`);
  line('HiGHS', optimal, optimalMs);
  line('rolling horizon', greedy, greedyMs);
  console.log(`   coverage ceiling (each requirement-month alone): ${pct(optimal.proof.coverageCeiling)}`);
  const months = optimal.coverageByMonth;
  const g = greedy.coverageByMonth;
  console.log('   coverage per month (HiGHS / rolling horizon):');
  for (let i = 0; i < months.length; i += 6)
    console.log(
      `   ${months
        .slice(i, i + 6)
        .map((m, j) => `${m.month} ${pct(m.coverage).padStart(6)} / ${pct(g[i + j]!.coverage).padStart(6)}`)
        .join('   ')}`,
    );
  const byCause = new Map<string, number>();
  for (const c of optimal.cliffs) byCause.set(c.cause, (byCause.get(c.cause) ?? 0) + 1);
  console.log(
    `   cliffs by cause (HiGHS plan): ${[...byCause].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
  );
  if (optimal.cliffs[0]) console.log(`   first cliff: ${optimal.cliffs[0].message}`);
  console.log(`   stored form: ${(JSON.stringify(optimal).length / 1e6).toFixed(2)} MB`);
}

/** Both instances, each planner in the same run. */
export async function benchSustainment(): Promise<void> {
  await run(
    'demo scenario (data/demo/paris-coalition.json), 36 months from 2027-01',
    demoSustainment(36),
    10,
  );
  await run(
    'stress: 60 nations, 500 requirements, 36 months',
    stressSustainment({ offers: 500, requirements: 500 }, 36),
    30,
  );
}
