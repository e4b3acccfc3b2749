/**
 * The optimal plan, solved with HiGHS in two lexicographic stages.
 *
 * Stage 1 maximises priority-weighted coverage. With only capacity and requirement rows the
 * constraint matrix is a bipartite incidence matrix, hence totally unimodular: the LP's vertex
 * solution is integral, so stage 1 is an LP, not a MIP.
 *
 * Stage 2 keeps coverage at that optimum and minimises the second objective: reward a lead per
 * cell (binary y[nation, cell], at most one per cell, and only if the lead delivers
 * `leadMinShare` of the cell's priority-weighted requirement), charge each nation present in a
 * region (binary z[nation, region], cohesion), reward preferred nations and charge unit-days.
 *
 * Coverage is held at its optimum by complementary slackness rather than by a coverage row:
 * every optimal allocation keeps a column with a non-zero reduced cost, and a row with a
 * non-zero dual, where stage 1 left it; conversely any allocation that does so has stage 1's
 * coverage (c·x = yᵀAx + dᵀx is then constant). With whole weights the coefficients are scaled
 * to integers, the matrix is TU and the duals are integers, so the test "non-zero" is exact.
 * Fixing those columns and rows shrinks stage 2 to the allocations that are genuinely free.
 *
 * Variables exist only for pairs that pass caveats and readiness (see `feasibility.ts`), and
 * interchangeable offers are pooled into classes; y exists only where the nation could reach
 * the share. Stage 1's plan, with the leads it already supports, starts stage 2, so a stage 2
 * that hits its time limit still returns a plan with optimal coverage.
 */
import { cellKey } from '../coalition/index.ts';
import {
  assemblePlan,
  cellsOf,
  chooseLeads,
  disaggregate,
  leadsOf,
  pairShares,
  resolveOptions,
} from './evaluate.ts';
import { type Prepared, prepare } from './feasibility.ts';
import { solveTransport } from './flow.ts';
import { greedyUnits } from './greedy.ts';
import { leadReach } from './reach.ts';
import type { LeadChoice, Plan, PlanInput, PlanOptions } from './types.ts';

type HighsRuntime = Awaited<ReturnType<typeof import('highs')['default']>>;
let runtime: Promise<HighsRuntime> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
function loadHighs(): Promise<HighsRuntime> {
  runtime ??= import('highs').then((m) => m.default());
  return runtime;
}

interface Column {
  readonly cost: number;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
  readonly rows: readonly number[];
  readonly values: readonly number[];
}

interface Row {
  readonly lower: number;
  readonly upper: number;
}

interface StageResult {
  readonly status: 'optimal' | 'limited' | 'failed';
  readonly colValue?: Float64Array;
  readonly colDual?: Float64Array;
  readonly rowValue?: Float64Array;
  readonly rowDual?: Float64Array;
  readonly note: string;
}

/** A HiGHS model of `columns` and `rows`; the caller disposes of it. */
function createModel(
  highs: HighsRuntime,
  columns: readonly Column[],
  rows: readonly Row[],
  sense: 'minimize' | 'maximize',
) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const c of columns) {
    for (let i = 0; i < c.rows.length; i++) {
      indices.push(c.rows[i]!);
      values.push(c.values[i]!);
    }
    starts.push(indices.length);
  }
  const integer = columns.some((c) => c.integer);
  return highs.createModel({
    numCols: columns.length,
    numRows: rows.length,
    sense: highs.constants.objectiveSense[sense],
    colCost: columns.map((c) => c.cost),
    colLower: columns.map((c) => c.lower),
    colUpper: columns.map((c) => c.upper),
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csc', numRows: rows.length, numCols: columns.length, starts, indices, values },
    ...(integer ? { integrality: columns.map((c) => (c.integer ? 1 : 0)) } : {}),
  });
}

function runStage(
  highs: HighsRuntime,
  name: string,
  columns: readonly Column[],
  rows: readonly Row[],
  sense: 'minimize' | 'maximize',
  options: Readonly<Record<string, number | boolean | string>>,
  start?: readonly number[],
  exportModel?: PlanOptions['exportModel'],
): StageResult {
  const integer = columns.some((c) => c.integer);
  const model = createModel(highs, columns, rows, sense);
  try {
    model.options.set({ output_flag: false, ...options });
    exportModel?.(name, model.exportModel('mps'), start);
    if (start) model.setSolution({ colValue: start });
    const { modelStatus } = model.run();
    const gap = integer ? `, gap ${Number(model.info.get('mip_gap')).toExponential(1)}` : '';
    const note = `${name}: ${columns.length} columns, ${rows.length} rows, HiGHS model status ${modelStatus}${gap}, ${model.getRunTime().toFixed(3)} s`;
    const feasible =
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!feasible) return { status: 'failed', note };
    const solution = model.getSolution();
    return {
      status: modelStatus === highs.constants.modelStatus.optimal ? 'optimal' : 'limited',
      ...solution,
      note,
    };
  } catch (error) {
    return { status: 'failed', note: `${name}: HiGHS failed: ${(error as Error).message}` };
  } finally {
    model.dispose();
  }
}

/**
 * Stage 1 as an exact transportation flow (see `flow.ts`), with its solution and duals laid
 * out as HiGHS would return them for the stage-1 LP; null when the flow does not apply (or
 * its optimality certificate fails), in which case HiGHS solves the LP.
 */
function solveStage1ByFlow(
  p: Prepared,
  coef: readonly number[],
  upper: readonly number[],
  capRow: ReadonlyMap<number, number>,
  reqRow: ReadonlyMap<number, number>,
  rowCount: number,
): StageResult | null {
  const started = performance.now();
  let solution: ReturnType<typeof solveTransport>;
  try {
    solution = solveTransport({
      supplies: p.classes.length,
      demands: p.requirements.length,
      from: p.pairs.map((pair) => pair.cls),
      to: p.pairs.map((pair) => pair.req),
      upper,
      supply: p.classes.map((c) => c.capacity),
      demand: p.requirements.map((r) => r.quantity),
      value: coef,
    });
  } catch {
    return null;
  }
  if (!solution) return null;
  const rowDual = new Float64Array(rowCount);
  const rowValue = new Float64Array(rowCount);
  for (const [cls, row] of capRow) {
    rowDual[row] = solution.rowDual[cls]!;
    rowValue[row] = solution.rowValue[cls]!;
  }
  for (const [req, row] of reqRow) {
    rowDual[row] = solution.rowDual[p.classes.length + req]!;
    rowValue[row] = solution.rowValue[p.classes.length + req]!;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    status: 'optimal',
    colValue: Float64Array.from(solution.flow),
    colDual: solution.colDual,
    rowDual,
    rowValue,
    note: `stage 1 (coverage, exact transportation flow, optimality certificate checked): ${p.pairs.length} columns, ${rowCount} rows, ${seconds.toFixed(3)} s`,
  };
}

interface SteerInput {
  readonly p: Prepared;
  /** Pairs that stay in stage 2; the others keep stage 1's value. */
  readonly active: readonly number[];
  readonly fixed: readonly boolean[];
  readonly x1: readonly number[];
  readonly upper: readonly number[];
  readonly coef: readonly number[];
  /**
   * The capacity and requirement rows, with stage 1's fixings applied (they hold the optimal
   * face); stage 2 adds its own rows after them.
   */
  readonly rows: readonly Row[];
  readonly capRow: ReadonlyMap<number, number>;
  readonly reqRow: ReadonlyMap<number, number>;
  readonly leadColumns: readonly {
    readonly key: string;
    readonly cell: string;
    readonly nation: string;
    /** Coverage-weighted units the lead must deliver (the share row's right-hand side). */
    readonly needed: number;
  }[];
  /** Most a nation could deliver to a cell, by `cell|nation`. */
  readonly reach: ReadonlyMap<string, number>;
  /** Claimed leads, by `cell|nation`. */
  readonly claims: ReadonlySet<string>;
  readonly cellOf: (k: number) => string;
  readonly nationOf: (k: number) => string;
  readonly leadMinShare: number;
  readonly options: Readonly<Record<string, number | boolean | string>>;
}

/**
 * How far a time-limited plan's leads could be from the best, in words a reader can check: no
 * plan can have more leads than there are cells with a candidate able to reach the share, nor
 * honour more claims than there are claimants able to (each cell taken alone, so a ceiling, not
 * a promise).
 */
function leadCeiling(
  leadColumns: readonly { readonly key: string; readonly cell: string }[],
  claims: ReadonlySet<string>,
  leads: readonly LeadChoice[],
): string {
  const cells = new Set(leadColumns.map((l) => l.cell)).size;
  const claimable = leadColumns.filter((l) => claims.has(l.key)).length;
  const honoured = leads.filter((l) => claims.has(`${cellKey(l)}|${l.nation}`)).length;
  return (
    `stage 2 stopped at its time limit: this plan has ${leads.length} leads and honours ${honoured} claims; ` +
    `no plan can have more than ${cells} leads (cells where some nation could reach the lead share) ` +
    `or honour more than ${claimable} claims (claimants that could reach it), each cell taken alone`
  );
}

/**
 * What a lead already found earns per unit in later steering rounds, against 1 for a leaderless
 * cell's designated nation: its share is held by lower bounds, and a small reward still keeps
 * its nation's units together. With 0 the stress plan's nation-regions rose from 793 to 918; with
 * 1 it had 429 leads instead of 434 (0.02 and 0.2 gave 434 and 795).
 */
const KEPT_LEAD_WEIGHT = 0.1;

/** Steering LPs at most; each after the first starts from the best allocation so far. */
const MAX_STEERING_ROUNDS = 16;

/** Steering stops after this many rounds in a row without more leads or claims. */
const STEERING_PATIENCE = 4;

/**
 * A better start for stage 2. Stage 1 leaves the allocation among coverage-optimal ones to
 * chance, and HiGHS, on the stress instance, does not improve on the start it is given within
 * its time limit: the plan kept stage 1's leads (369 of the 443 cells that could have one, 8 of
 * 26 claims that could be honoured). Each steering LP stays on the optimal face (the pairs and
 * rows that stage 1's duals fix, so coverage cannot change; it is checked too) and maximises
 * the priority-weighted units that claimants send to the cells they claim (ten times over) and
 * that one designated nation per other cell sends to it: first each cell's likeliest lead (the
 * candidate with the largest reach, see `reach.ts`). In later rounds each lead found keeps, as
 * lower bounds, the units that reach its share and earns only KEPT_LEAD_WEIGHT for more, and a
 * cell still without a lead designates its next candidate. Bounds leave the constraint matrix
 * bipartite, hence totally unimodular, so the simplex vertex is whole. Rounds stop after
 * STEERING_PATIENCE without more leads or claims, after MAX_STEERING_ROUNDS, or when the
 * stage's time limit is spent (the rounds share it with the MIP that follows). Leads are chosen on the best
 * allocation as before; when no round beats stage 1's own allocation, or the first fails,
 * stage 1's is kept.
 */
function steerTowardsLeads(
  highs: HighsRuntime,
  s: SteerInput,
): { x: readonly number[]; leads: readonly LeadChoice[]; note: string } {
  const leadsAt = (x: readonly number[]) => leadsOf(s.p, pairShares(s.p, x), s.leadMinShare);
  const honoured = (leads: readonly LeadChoice[]) =>
    leads.filter((l) => s.claims.has(`${cellKey(l)}|${l.nation}`)).length;
  const before = leadsAt(s.x1);
  const keep = (why: string) => ({
    x: s.x1,
    leads: before,
    note: `stage 2 starts from stage 1's allocation (${why}): ${before.length} leads, ${honoured(before)} claims honoured`,
  });
  // Each cell's lead candidates, likeliest (largest reach) first.
  const candidates = new Map<string, string[]>();
  for (const l of [...s.leadColumns].sort((u, v) => s.reach.get(v.key)! - s.reach.get(u.key)!)) {
    const list = candidates.get(l.cell);
    if (list) list.push(l.nation);
    else candidates.set(l.cell, [l.nation]);
  }
  const score = (leads: readonly LeadChoice[]) => leads.length + 10 * honoured(leads);
  const coverage = (v: readonly number[]) =>
    v.reduce((sum, xk, k) => sum + xk * s.coef[s.p.pairs[k]!.req]!, 0);
  let best: { x: readonly number[]; leads: readonly LeadChoice[] } = { x: s.x1, leads: before };
  let designated = new Map([...candidates].map(([cell, list]) => [cell, list[0]!]));
  const next = new Map([...candidates].map(([cell]) => [cell, 1]));
  const needed = new Map(s.leadColumns.map((l) => [l.key, l.needed]));
  const pairsOf = new Map<string, number[]>();
  for (const k of s.active) {
    const key = `${s.cellOf(k)}|${s.nationOf(k)}`;
    const list = pairsOf.get(key);
    if (list) list.push(k);
    else pairsOf.set(key, [k]);
  }
  // Per steering column (one per active pair), what does not change between rounds.
  const cellAt = s.active.map((k) => s.cellOf(k));
  const nationAt = s.active.map((k) => s.nationOf(k));
  const claimAt = s.active.map((_, i) => s.claims.has(`${cellAt[i]}|${nationAt[i]}`));
  const valueAt = s.active.map((k) => s.coef[s.p.pairs[k]!.req]!);
  const fixedAt = s.active.map((k) => s.fixed[k]!);
  const n = s.active.length;
  const all = { kind: 'range', from: 0, to: n - 1 } as const;
  // One model for every round: only costs and bounds change, so each round starts from the
  // last round's basis.
  const model = createModel(
    highs,
    s.active.map((k) => {
      const { cls, req } = s.p.pairs[k]!;
      return {
        cost: 0,
        lower: s.fixed[k] ? s.x1[k]! : 0,
        upper: s.fixed[k] ? s.x1[k]! : s.upper[k]!,
        integer: false,
        rows: [s.capRow.get(cls)!, s.reqRow.get(req)!],
        values: [1, 1],
      };
    }),
    s.rows,
    'minimize',
  );
  let rounds = 0;
  let seconds = 0;
  let failure: string | undefined;
  let stopped: string | undefined;
  try {
    // As in stage 1: presolve barely shrinks a transportation LP and costs more than it saves.
    model.options.set({ output_flag: false, ...s.options, presolve: 'off' });
    const cost = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = Float64Array.from(s.active, (k) => (s.fixed[k] ? s.x1[k]! : s.upper[k]!));
    for (let stalled = 0; rounds < MAX_STEERING_ROUNDS && stalled < STEERING_PATIENCE; rounds++) {
      // From the second round on, each lead of the best allocation keeps, as lower bounds on its
      // pairs, just the units that reach its share (most valuable first) and earns only
      // KEPT_LEAD_WEIGHT for more: its surplus is free for leaderless cells, and no round can
      // lose a lead an earlier round found (the best allocation satisfies the bounds, so the LP
      // stays feasible, and bounds keep the matrix bipartite).
      const kept = rounds === 0 ? new Map<number, number>() : keptUnits(best, pairsOf, needed, s.coef, s.p);
      const keptCells = new Set(rounds === 0 ? [] : best.leads.map((l) => cellKey(l)));
      for (let i = 0; i < n; i++) {
        const k = s.active[i]!;
        const designatedHere = designated.get(cellAt[i]!) === nationAt[i];
        const isLead = designatedHere && keptCells.has(cellAt[i]!);
        const weight = (claimAt[i] ? 10 : designatedHere ? 1 : 0) * (isLead ? KEPT_LEAD_WEIGHT : 1);
        cost[i] = -weight * valueAt[i]!;
        lower[i] = fixedAt[i] ? s.x1[k]! : (kept.get(k) ?? 0);
      }
      const started = performance.now();
      model.changeColsCost(all, cost);
      model.changeColsBounds(all, lower, upper);
      const { modelStatus } = model.run();
      seconds += (performance.now() - started) / 1000;
      if (modelStatus === highs.constants.modelStatus.timeLimit) {
        stopped = 'the time limit was reached';
        break;
      }
      if (modelStatus !== highs.constants.modelStatus.optimal) {
        failure = `the steering LP failed: HiGHS model status ${modelStatus}`;
        break;
      }
      const colValue = model.getSolution().colValue;
      const x = [...s.x1];
      for (let i = 0; i < n && !failure; i++) {
        const v = colValue[i]!;
        if (Math.abs(v - Math.round(v)) > 1e-6) failure = 'the steering LP returned a fractional vertex';
        x[s.active[i]!] = Math.round(v);
      }
      if (!failure && Math.abs(coverage(x) - coverage(s.x1)) > 1e-6 * Math.max(1, coverage(s.x1)))
        failure = 'the steered allocation changed coverage';
      if (failure) break;
      const leads = leadsAt(x);
      if (score(leads) > score(best.leads)) {
        best = { x, leads };
        stalled = 0;
      } else stalled++;
      // The next round keeps every lead of the best allocation and tries each leaderless cell's
      // next candidate.
      const led = new Map(best.leads.map((l) => [cellKey(l), l.nation]));
      designated = new Map(
        [...candidates].map(([cell, list]) => {
          const lead = led.get(cell);
          if (lead) return [cell, lead];
          const i = next.get(cell)!;
          next.set(cell, i + 1);
          return [cell, list[i % list.length]!];
        }),
      );
    }
  } catch (error) {
    failure = `the steering LP failed: ${(error as Error).message}`;
  } finally {
    model.dispose();
  }
  if (best.x === s.x1) return keep(failure ?? stopped ?? 'steering found no more leads or claims');
  const { x, leads } = best;
  const lp = {
    note: `${rounds} steering LPs, ${seconds.toFixed(3)} s${failure ? `; the last stopped: ${failure}` : ''}${stopped ? `; ${stopped}` : ''}`,
  };
  return {
    x,
    leads,
    note:
      `stage 2 starts from stage 1's allocation steered towards claimants and likely leads (${lp.note}): ` +
      `${leads.length} leads, ${honoured(leads)} claims honoured (stage 1's own: ${before.length} leads, ${honoured(before)} claims)`,
  };
}

/**
 * Per pair, the units each lead of `best` keeps in the next steering round: its pairs in falling
 * order of value, each up to what `best` sends on it, until the lead's share is reached.
 */
function keptUnits(
  best: { readonly x: readonly number[]; readonly leads: readonly LeadChoice[] },
  pairsOf: ReadonlyMap<string, readonly number[]>,
  needed: ReadonlyMap<string, number>,
  coef: readonly number[],
  p: Prepared,
): Map<number, number> {
  const kept = new Map<number, number>();
  for (const lead of best.leads) {
    const key = `${cellKey(lead)}|${lead.nation}`;
    let missing = needed.get(key) ?? 0;
    const pairs = [...(pairsOf.get(key) ?? [])].sort(
      (a, b) => coef[p.pairs[b]!.req]! - coef[p.pairs[a]!.req]!,
    );
    for (const k of pairs) {
      if (missing <= 1e-9) break;
      const value = coef[p.pairs[k]!.req]!;
      const units = Math.min(best.x[k]!, Math.ceil(missing / value - 1e-9));
      if (units > 0) kept.set(k, units);
      missing -= units * value;
    }
  }
  return kept;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The optimal plan for `input`. It never throws on a solver outcome: a time-limited stage 2
 * returns the best plan found (`time_limited`); a failed stage 1 returns the greedy plan
 * (`heuristic`).
 */
export async function planOptimal(input: PlanInput, options?: PlanOptions): Promise<Plan> {
  const laps: string[] = [];
  let lapStart = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    laps.push(`${name} ${((now - lapStart) / 1000).toFixed(3)} s`);
    lapStart = now;
  };
  const opts = resolveOptions(options);
  const p = prepare(input);
  lap('checks and pairs');
  const solverOptions = { time_limit: opts.timeLimitS, mip_rel_gap: opts.mipRelGap };
  const fallback = (notes: string[]): Plan => {
    const allocations = disaggregate(p, greedyUnits(p));
    return assemblePlan(
      p,
      'heuristic',
      allocations,
      chooseLeads(p, allocations, opts.leadMinShare),
      opts.weights,
      opts.leadMinShare,
      notes,
    );
  };
  if (p.pairs.length === 0) return fallback(['no offer can serve any requirement; nothing to solve']);
  const highs = await loadHighs();

  // Coverage coefficients scaled by the lcm of the quantities: whole weights give whole coefficients.
  const lcm = p.requirements.reduce((l, r) => (l > 1e6 ? l : (l * r.quantity) / gcd(l, r.quantity)), 1);
  const scale = lcm > 1e6 ? 1 : lcm;
  const coef = p.requirements.map((r, i) => (p.weights[i]! * scale) / r.quantity);
  const integral = coef.every(Number.isInteger);
  const upper = p.pairs.map(({ cls, req }) =>
    Math.min(p.classes[cls]!.capacity, p.requirements[req]!.quantity),
  );

  const rows: Row[] = [];
  const addRow = (lower: number, upper: number) => rows.push({ lower, upper }) - 1;
  const capRow = new Map<number, number>();
  const reqRow = new Map<number, number>();
  for (const { cls, req } of p.pairs) {
    if (!capRow.has(cls)) capRow.set(cls, addRow(0, p.classes[cls]!.capacity));
    if (!reqRow.has(req)) reqRow.set(req, addRow(0, p.requirements[req]!.quantity));
  }
  const stage1 =
    (integral && solveStage1ByFlow(p, coef, upper, capRow, reqRow, rows.length)) ||
    runStage(
      highs,
      'stage 1 (coverage, LP)',
      p.pairs.map(({ cls, req }, k) => ({
        cost: coef[req]!,
        lower: 0,
        upper: upper[k]!,
        integer: false,
        rows: [capRow.get(cls)!, reqRow.get(req)!],
        values: [1, 1],
      })),
      rows,
      'maximize',
      // Presolve barely shrinks this LP, and its postsolve re-solve costs more than it saved
      // (measured on the stress instance: 0.7-1.1 s without, 2-3 s with).
      { ...solverOptions, presolve: 'off' },
    );
  if (
    stage1.status !== 'optimal' ||
    !stage1.colValue ||
    !stage1.colDual ||
    !stage1.rowDual ||
    !stage1.rowValue
  )
    return fallback([stage1.note, 'stage 1 did not prove optimal coverage; the greedy plan stands in']);
  lap('stage 1');
  const x1 = Array.from(stage1.colValue, Math.round);

  // Complementary slackness (see the header): fix what every optimal allocation must keep.
  const tolerance = integral ? 0.5 : 1e-7 * Math.max(...coef);
  const fixed = p.pairs.map((_, k) => Math.abs(stage1.colDual![k]!) > tolerance);
  for (let i = 0; i < rows.length; i++)
    if (Math.abs(stage1.rowDual[i]!) > tolerance) {
      const activity = Math.round(stage1.rowValue[i]!);
      rows[i] = { lower: activity, upper: activity };
    }
  const active = p.pairs.map((_, k) => k).filter((k) => !fixed[k] || x1[k]! > 0);
  const w = opts.weights;
  const nationOf = (k: number) => p.classes[p.pairs[k]!.cls]!.nation;
  const reqOf = (k: number) => p.requirements[p.pairs[k]!.req]!;
  if (!integral) {
    // Fractional weights: duals are not exact integers, so also guard coverage with a row.
    const coverage1 = x1.reduce((s, x, k) => s + x * coef[p.pairs[k]!.req]!, 0);
    addRow(coverage1 - 1e-6 * Math.max(1, coverage1), Number.POSITIVE_INFINITY);
  }
  const coverageRow = integral ? undefined : rows.length - 1;

  // Cohesion: z[nation, region] with one row x <= upper·z per pair; this disaggregated form has
  // a far tighter LP relaxation than one big-M row per (nation, region).
  const zIndex = new Map<string, number>();
  const zRows: { row: number; bound: number }[][] = [];
  const linkRow = new Map<number, number>();
  for (const k of active) {
    const key = `${nationOf(k)}|${reqOf(k).region}`;
    let z = zIndex.get(key);
    if (z === undefined) {
      z = zRows.push([]) - 1;
      zIndex.set(key, z);
    }
    const row = addRow(Number.NEGATIVE_INFINITY, 0);
    linkRow.set(k, row);
    zRows[z]!.push({ row, bound: fixed[k] ? x1[k]! : upper[k]! });
  }

  // Leads: y[nation, cell] only where the nation could reach the share.
  const cells = cellsOf(p);
  const claims = new Set((input.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`));
  const leadOf = (k: number) => `${cellKey(reqOf(k))}|${nationOf(k)}`;
  const reach = leadReach({
    pairs: p.pairs,
    active,
    fixed,
    x1,
    upper,
    classRoom: (cls) => rows[capRow.get(cls)!]!.upper,
    requirementRoom: (req) => rows[reqRow.get(req)!]!.upper,
    value: coef,
    keyOf: leadOf,
  });
  const shareRow = new Map<string, number>();
  const oneLeadRow = new Map<string, number>();
  const leadColumns: { key: string; cell: string; nation: string; needed: number; column: Column }[] = [];
  for (const [key, most] of reach) {
    const nation = key.slice(key.lastIndexOf('|') + 1);
    const cell = key.slice(0, key.lastIndexOf('|'));
    const needed = opts.leadMinShare * cells.get(cell)!.weight * scale;
    if (most < needed - 1e-9) continue;
    if (!oneLeadRow.has(cell)) oneLeadRow.set(cell, addRow(0, 1));
    const row = addRow(0, Number.POSITIVE_INFINITY);
    shareRow.set(key, row);
    const column: Column = {
      cost: -w.lead - (claims.has(key) ? w.claimedLead : 0),
      lower: 0,
      upper: 1,
      integer: true,
      rows: [row, oneLeadRow.get(cell)!],
      values: [-needed, 1],
    };
    leadColumns.push({ key, cell, nation, needed, column });
  }

  const columns: Column[] = active.map((k) => {
    const { cls, req } = p.pairs[k]!;
    const r = reqOf(k);
    const share = shareRow.get(leadOf(k));
    const rowsOf = [capRow.get(cls)!, reqRow.get(req)!, linkRow.get(k)!];
    const valuesOf = [1, 1, 1];
    for (const row of [share, coverageRow])
      if (row !== undefined) {
        rowsOf.push(row);
        valuesOf.push(coef[req]!);
      }
    return {
      cost:
        w.unitDay * p.classes[cls]!.daysToDeploy -
        (r.preferredNations?.includes(nationOf(k)) ? w.preferredUnit : 0),
      lower: fixed[k] ? x1[k]! : 0,
      upper: fixed[k] ? x1[k]! : upper[k]!,
      integer: true,
      rows: rowsOf,
      values: valuesOf,
    };
  });
  // Stage 2 starts from stage 1's allocation steered towards claimants and likely leads (see
  // steerTowardsLeads); stage 1's own allocation when steering fails.
  const steeringStarted = performance.now();
  const steered = steerTowardsLeads(highs, {
    p,
    active,
    fixed,
    x1,
    upper,
    coef,
    // Capacity and requirement rows come first (added with stage 1's model); only they carry the
    // steering LP's columns.
    rows: rows.slice(0, capRow.size + reqRow.size),
    capRow,
    reqRow,
    leadColumns,
    reach,
    claims,
    cellOf: (k) => cellKey(reqOf(k)),
    nationOf,
    leadMinShare: opts.leadMinShare,
    options: solverOptions,
  });
  const steeringSeconds = (performance.now() - steeringStarted) / 1000;
  const xStart = steered.x;
  const start = active.map((k) => xStart[k]!);
  const present = new Set(
    active.filter((k) => xStart[k]! > 0).map((k) => `${nationOf(k)}|${reqOf(k).region}`),
  );
  const zKeys = [...zIndex.keys()];
  zRows.forEach((member, z) => {
    columns.push({
      cost: w.nationInRegion,
      lower: 0,
      upper: 1,
      integer: true,
      rows: member.map((m) => m.row),
      values: member.map((m) => -m.bound),
    });
    start.push(present.has(zKeys[z]!) ? 1 : 0);
  });
  const startLeads = new Set(steered.leads.map((l) => `${cellKey(l)}|${l.nation}`));
  for (const l of leadColumns) {
    columns.push(l.column);
    start.push(startLeads.has(l.key) ? 1 : 0);
  }

  lap('stage 2 model');
  const stage2 = runStage(
    highs,
    'stage 2 (leads, cohesion, speed; MIP)',
    columns,
    rows,
    'minimize',
    // Steering is part of stage 2: the MIP gets what its rounds left of the time limit.
    {
      ...solverOptions,
      time_limit: Math.max(Math.min(0.1, opts.timeLimitS), opts.timeLimitS - steeringSeconds),
    },
    start,
    options?.exportModel,
  );
  lap('stage 2 (HiGHS, with model transfer)');
  const notes = [
    `${input.offers.length} offers pooled into ${p.classes.length} classes; ${p.pairs.length} feasible (class, requirement) pairs`,
    stage1.note,
    `stage 1 duals fix ${fixed.filter(Boolean).length} of ${p.pairs.length} pairs; ${active.length} stay in stage 2`,
    steered.note,
    stage2.note,
  ];
  if (!stage2.colValue) {
    const allocations = disaggregate(p, new Map(xStart.map((x, k) => [k, x])));
    notes.push('stage 2 found no plan in time; its start is kept, with the leads chosen on it');
    notes.push(leadCeiling(leadColumns, claims, steered.leads));
    return assemblePlan(
      p,
      'time_limited',
      allocations,
      steered.leads,
      opts.weights,
      opts.leadMinShare,
      notes,
    );
  }
  const values = stage2.colValue;
  const x2 = new Map(active.map((k, i) => [k, Math.round(values[i]!)]));
  const delivered = new Map<string, number>();
  for (const [k, x] of x2)
    delivered.set(leadOf(k), (delivered.get(leadOf(k)) ?? 0) + x * coef[p.pairs[k]!.req]!);
  const leads: LeadChoice[] = leadColumns
    .filter((_, i) => values[active.length + zRows.length + i]! > 0.5)
    .map((l) => {
      const [region = '', lineOfEffort = ''] = l.cell.split('|');
      const share = (delivered.get(l.key) ?? 0) / (cells.get(l.cell)!.weight * scale);
      return { region, lineOfEffort, nation: l.nation, share };
    });
  const status = stage2.status === 'optimal' ? 'optimal' : 'time_limited';
  if (status === 'time_limited') notes.push(leadCeiling(leadColumns, claims, leads));
  const plan = assemblePlan(p, status, disaggregate(p, x2), leads, opts.weights, opts.leadMinShare, notes);
  lap('plan assembly');
  notes.push(`wall times: ${laps.join(', ')}`);
  return plan;
}
