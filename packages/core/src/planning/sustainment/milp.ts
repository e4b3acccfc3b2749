/**
 * The multi-period plan as one MILP, solved with HiGHS under a time limit.
 *
 * Columns: x[k,t], whole units of pair k (offer, requirement) in month t, only where the pair
 * may serve that month (caveats checked per month, the offer available, the requirement needed);
 * s[k,t] ≥ 0, units of pair k arriving in month t on a requirement already needed the month
 * before (a relief in place).
 *
 * Rows: a requirement gets no more than it needs each month; an offer has no more units in a
 * month than its posts, counting the `overlap` share of a unit-month each incoming contingent
 * spends beside the one it relieves, the month before its arrival (or in it, in the offer's
 * first month); s[k,t] ≥ x[k,t] − x[k,t−1];
 * and in every window of a tour plus its recovery, the offer's unit-months (reliefs included)
 * stay within its rotation budget (`prepare.ts`), a row only where the budget can bind.
 *
 * Objective (maximised): priority-weighted coverage, each unit-month worth 1000·w/need, less 1
 * per arriving unit (so the plan keeps a contingent where it is unless coverage needs the move),
 * plus 0.1 per unit-month from a nation the requirement prefers. A handover never outweighs a
 * unit-month of coverage: the smallest coverage term, 1000/need, exceeds every handover a unit
 * can cause. Leads are then chosen on the allocation (see `stableLeads`).
 *
 * The rolling-horizon plan starts the solve, so a solve stopped by its limit still returns a
 * plan at least as good; a failed solve returns the rolling-horizon plan itself, marked.
 */
import { type Column, createModel, loadHighs, type Row } from '../highs.ts';
import {
  arrivals,
  checkAllocation,
  coverageOf,
  givenUnits,
  type MonthlyUnits,
  overlapMonth,
} from './evaluate.ts';
import { rollingHorizonUnits } from './greedy.ts';
import type { SustainmentPrepared } from './prepare.ts';
import { rotationWindows } from './prepare.ts';

/** What the solve gave: the units, how it ended, and what it proves. */
export interface MilpOutcome {
  readonly status: 'optimal' | 'time_limited' | 'failed';
  readonly x?: MonthlyUnits;
  readonly gap?: number;
  /** The plan the MIP started from (the rolling-horizon plan, or the LP-guided one when better). */
  readonly start?: MonthlyUnits;
  readonly note: string;
}

const COVERAGE = 1000;
const HANDOVER = 1;
const PREFERRED = 0.1;

/** Solves the multi-period model from `start` (the rolling-horizon plan); never throws. */
export async function solveSustainmentMilp(
  p: SustainmentPrepared,
  start: MonthlyUnits,
): Promise<MilpOutcome> {
  const columns: Column[] = [];
  const rows: Row[] = [];
  // Row indices.
  const reqRow = p.requirements.map(() => new Array<number>(p.months).fill(-1));
  const capRow = p.offers.map(() => new Array<number>(p.months).fill(-1));
  for (let r = 0; r < p.requirements.length; r++)
    for (let t = 0; t < p.months; t++)
      if (p.need[r]![t]! > 0 && p.pairsOfReq[r]!.some((k) => p.pairs[k]!.ok[t]))
        reqRow[r]![t] = rows.push({ lower: 0, upper: p.need[r]![t]! }) - 1;
  for (let o = 0; o < p.offers.length; o++)
    for (let t = 0; t < p.months; t++)
      if (p.cap[o]![t]! > 0 && p.pairsOfOffer[o]!.length > 0)
        capRow[o]![t] = rows.push({ lower: Number.NEGATIVE_INFINITY, upper: p.cap[o]![t]! }) - 1;
  const windowRows = p.offers.map((_, o) =>
    p.pairsOfOffer[o]!.length === 0
      ? []
      : rotationWindows(p, o).map(([a, b]) => ({
          a,
          b,
          row: rows.push({ lower: Number.NEGATIVE_INFINITY, upper: p.limits[o]!.budget }) - 1,
        })),
  );
  const windowsOf = (o: number, t: number) =>
    windowRows[o]!.filter((w) => w.a <= t && t <= w.b).map((w) => w.row);

  // x columns, then s columns with their arrival rows.
  const xCol = p.pairs.map(() => new Array<number>(p.months).fill(-1));
  const sCol = p.pairs.map(() => new Array<number>(p.months).fill(-1));
  p.pairs.forEach(({ o, r, ok }, k) => {
    const preferred = p.requirements[r]!.preferredNations?.includes(p.offers[o]!.nation) ?? false;
    for (let t = 0; t < p.months; t++) {
      if (!ok[t]) continue;
      const rowsOf = [reqRow[r]![t]!, capRow[o]![t]!, ...windowsOf(o, t)];
      xCol[k]![t] =
        columns.push({
          cost: (COVERAGE * p.weights[r]!) / p.need[r]![t]! + (preferred ? PREFERRED : 0),
          lower: 0,
          upper: Math.min(p.need[r]![t]!, p.cap[o]![t]!),
          integer: true,
          rows: rowsOf,
          values: rowsOf.map(() => 1),
        }) - 1;
    }
  });
  const arrivalRows: { k: number; t: number; row: number }[] = [];
  p.pairs.forEach(({ o, r }, k) => {
    for (let t = 1; t < p.months; t++) {
      if (xCol[k]![t]! < 0 || p.need[r]![t - 1]! === 0) continue;
      const row = rows.push({ lower: 0, upper: Number.POSITIVE_INFINITY }) - 1;
      arrivalRows.push({ k, t, row });
      const rowsOf = [row];
      const values = [1];
      // The overlap is spent in month t − 1 when the offer has units then, else in month t.
      const m = overlapMonth(p, o, t);
      if (p.overlap > 0)
        for (const w of [capRow[o]![m]!, ...windowsOf(o, m)]) {
          rowsOf.push(w);
          values.push(p.overlap);
        }
      sCol[k]![t] =
        columns.push({
          cost: -HANDOVER,
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
          integer: false,
          rows: rowsOf,
          values,
        }) - 1;
    }
  });
  // x[k,t] enters its arrival row with −1 and the next month's with +1.
  const extra = new Map<number, { rows: number[]; values: number[] }>();
  for (const { k, t, row } of arrivalRows) {
    for (const [col, value] of [
      [xCol[k]![t]!, -1],
      [xCol[k]![t - 1]!, 1],
    ] as const) {
      if (col < 0) continue;
      const e = extra.get(col) ?? { rows: [], values: [] };
      e.rows.push(row);
      e.values.push(value);
      extra.set(col, e);
    }
  }
  for (const [col, e] of extra) {
    const c = columns[col]!;
    columns[col] = { ...c, rows: [...c.rows, ...e.rows], values: [...c.values, ...e.values] };
  }
  // Each column's rows in order, as a compressed sparse column matrix should have them.
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c]!;
    const order = col.rows.map((_, i) => i).sort((a, b) => col.rows[a]! - col.rows[b]!);
    columns[c] = { ...col, rows: order.map((i) => col.rows[i]!), values: order.map((i) => col.values[i]!) };
  }
  const size = `${columns.length} columns, ${rows.length} rows`;
  if (columns.length === 0)
    return {
      status: 'optimal',
      x: p.pairs.map(() => new Array(p.months).fill(0)),
      gap: 0,
      note: 'HiGHS: nothing to decide (no offer may serve any requirement in any month)',
    };

  const startValues = new Array<number>(columns.length).fill(0);

  let highs: Awaited<ReturnType<typeof loadHighs>>;
  try {
    highs = await loadHighs();
  } catch (error) {
    return { status: 'failed', note: `HiGHS could not be loaded: ${(error as Error).message}` };
  }
  // The LP relaxation, to guide a second start.
  let guided: MonthlyUnits | undefined;
  let lpNote = '';
  let lpSeconds = 0;
  let lp: ReturnType<typeof createModel> | undefined;
  try {
    lp = createModel(
      highs,
      columns.map((c) => ({ ...c, integer: false })),
      rows,
      'maximize',
    );
    lp.options.set({ output_flag: false, time_limit: Math.max(0.1, p.options.timeLimitS / 4) });
    lp.run();
    lpSeconds = lp.getRunTime();
    if (Number(lp.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible) {
      const { colValue } = lp.getSolution();
      const guide = p.pairs.map((_, k) =>
        Array.from({ length: p.months }, (_, t) => (xCol[k]![t]! >= 0 ? colValue[xCol[k]![t]!]! : 0)),
      );
      guided = rollingHorizonUnits(p, guide);
      lpNote = `; LP relaxation ${lpSeconds.toFixed(3)} s`;
    } else lpNote = `; LP relaxation unsolved after ${lpSeconds.toFixed(1)} s`;
  } catch {
    lpNote = '; LP relaxation failed';
  } finally {
    lp?.dispose();
  }
  const worth = (x: MonthlyUnits) => coverageOf(p, givenUnits(p, x)).total;
  const better = guided && worth(guided) > worth(start) + 1e-12 ? guided : start;
  if (better === guided) lpNote += ', its rounded plan guided a better start';
  p.pairs.forEach((_, k) => {
    for (let t = 0; t < p.months; t++) {
      if (xCol[k]![t]! >= 0) startValues[xCol[k]![t]!] = better[k]![t]!;
      if (sCol[k]![t]! >= 0) startValues[sCol[k]![t]!] = arrivals(p, better, k, t);
    }
  });

  let model: ReturnType<typeof createModel> | undefined;
  try {
    model = createModel(highs, columns, rows, 'maximize');
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.1, p.options.timeLimitS - lpSeconds),
      mip_rel_gap: p.options.mipRelGap,
    });
    model.setSolution({ colValue: startValues });
    const { modelStatus } = model.run();
    const gap = Number(model.info.get('mip_gap'));
    const seconds = model.getRunTime();
    const note = `HiGHS multi-period MILP: ${size}, model status ${modelStatus}, gap ${Number.isFinite(gap) ? gap.toExponential(1) : 'unknown'}, ${seconds.toFixed(3)} s${lpNote}`;
    const feasible =
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!feasible) return { status: 'failed', note: `${note}; no plan found` };
    const { colValue } = model.getSolution();
    const x = p.pairs.map((_, k) =>
      Array.from({ length: p.months }, (_, t) =>
        xCol[k]![t]! >= 0 ? Math.round(colValue[xCol[k]![t]!]!) : 0,
      ),
    );
    const problems = checkAllocation(p, x);
    if (problems.length > 0)
      return {
        status: 'failed',
        note: `${note}; its rounded plan breaks ${problems.length} rules (first: ${problems[0]})`,
      };
    // A solve stopped by its limit with the gap already within the tolerance is proven as
    // well as an optimal one.
    const proven =
      modelStatus === highs.constants.modelStatus.optimal ||
      (Number.isFinite(gap) && gap <= p.options.mipRelGap);
    return {
      status: proven ? 'optimal' : 'time_limited',
      x,
      gap: Number.isFinite(gap) ? gap : undefined,
      start: better,
      note,
    };
  } catch (error) {
    return {
      status: 'failed',
      note: `HiGHS multi-period MILP (${size}) failed: ${(error as Error).message}`,
    };
  } finally {
    model?.dispose();
  }
}
