/**
 * The sustainment plan: the MILP (HiGHS, started from the rolling-horizon plan) or the
 * rolling-horizon planner alone, assembled with its figures, handovers, leads, cliffs and
 * explanations. It never throws on a solver outcome: a time-limited solve returns its best plan
 * (`time_limited`, with its gap), a failed one the rolling-horizon plan (`heuristic`).
 */
import {
  checkAllocation,
  commitmentSpans,
  coverageCeiling,
  type MonthlyUnits,
  sustainmentMetrics,
} from './evaluate.ts';
import { cliffsOf, uncoveredSpans } from './explain.ts';
import { rollingHorizonUnits } from './greedy.ts';
import { solveSustainmentMilp } from './milp.ts';
import { prepareSustainment, type SustainmentPrepared } from './prepare.ts';
import type { SustainmentInput, SustainmentOptions, SustainmentPlan, SustainmentStatus } from './types.ts';

function assemble(
  p: SustainmentPrepared,
  x: MonthlyUnits,
  status: SustainmentStatus,
  method: 'optimal' | 'greedy',
  notes: readonly string[],
  gap: number | undefined,
): SustainmentPlan {
  const { metrics, coverageByMonth, handovers, leads, given } = sustainmentMetrics(p, x);
  const ceiling = coverageCeiling(p);
  return {
    status,
    method,
    horizon: { start: p.input.horizon.start, months: p.months },
    overlapDays: p.options.overlapDays,
    commitments: commitmentSpans(p, x),
    needs: p.requirements.map((r, i) => ({ requirementId: r.id, byMonth: [...p.need[i]!] })),
    handovers,
    leads,
    coverageByMonth,
    metrics,
    cliffs: cliffsOf(p, x, given),
    uncovered: uncoveredSpans(p, x, given),
    rejected: p.rejected,
    proof: { coverageCeiling: ceiling, ...(gap === undefined ? {} : { gap }) },
    notes: [
      ...notes,
      `no plan covers more than ${(ceiling * 100).toFixed(1)}% (each requirement-month alone, with every unit that may serve it); this plan covers ${(metrics.coverage * 100).toFixed(1)}%`,
    ],
  };
}

/** The rolling-horizon plan (period by period, no look-ahead). */
export function planSustainmentGreedy(
  input: SustainmentInput,
  options?: SustainmentOptions,
): SustainmentPlan {
  const p = prepareSustainment(input, options);
  const started = p.options.clock();
  const x = rollingHorizonUnits(p);
  const seconds = (p.options.clock() - started) / 1000;
  return assemble(
    p,
    x,
    'greedy',
    'greedy',
    [
      `rolling horizon: ${p.pairs.length} (offer, requirement) pairs over ${p.months} months, ${seconds.toFixed(3)} s`,
    ],
    undefined,
  );
}

/** The multi-period plan by HiGHS, with the rolling-horizon plan as its start and fallback. */
export async function planSustainment(
  input: SustainmentInput,
  options?: SustainmentOptions,
): Promise<SustainmentPlan> {
  const p = prepareSustainment(input, options);
  const started = p.options.clock();
  const start = rollingHorizonUnits(p);
  const greedySeconds = (p.options.clock() - started) / 1000;
  const startProblems = checkAllocation(p, start);
  const notes = [
    `rolling horizon (start and fallback): ${p.pairs.length} (offer, requirement) pairs over ${p.months} months, ${greedySeconds.toFixed(3)} s${startProblems.length > 0 ? `; breaks ${startProblems.length} rules` : ''}`,
  ];
  const outcome = await solveSustainmentMilp(p, start);
  notes.push(outcome.note);
  if (outcome.status === 'failed' || !outcome.x)
    return assemble(
      p,
      start,
      'heuristic',
      'optimal',
      [...notes, 'the solver gave no plan: this is the rolling-horizon plan'],
      undefined,
    );
  const coverageOf = (x: MonthlyUnits) => sustainmentMetrics(p, x).metrics.coverage;
  if (
    outcome.status === 'time_limited' &&
    coverageOf(outcome.x) <= coverageOf(outcome.start ?? start) + 1e-12
  )
    notes.push('HiGHS found no plan covering more than its start within the limit');
  if (outcome.status === 'time_limited')
    notes.push(
      `stopped at the ${p.options.timeLimitS} s limit with a relative gap of ${outcome.gap === undefined ? 'unknown size' : outcome.gap.toExponential(1)}: the best plan found, not proven best`,
    );
  return assemble(p, outcome.x, outcome.status, 'optimal', notes, outcome.gap);
}
