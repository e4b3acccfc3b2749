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
import { type RelaxedCeiling, relaxedCeiling } from './ceiling.ts';
import { assemblePlan, cellsOf, chooseLeads, disaggregate, resolveOptions } from './evaluate.ts';
import { type Prepared, prepare } from './feasibility.ts';
import { solveTransport } from './flow.ts';
import { greedyUnits } from './greedy.ts';
import { type Column, loadHighs, type Row, runStage, type StageResult } from './highs.ts';
import { leadReach } from './reach.ts';
import { repairLeads } from './repair.ts';
import { consolidate, type SteerInput, steerTowardsLeads } from './steer.ts';
import type { LeadChoice, Plan, PlanCeiling, PlanInput, PlanOptions } from './types.ts';

/**
 * Stage 1 as an exact transportation flow (see `flow.ts`), with its solution and duals laid
 * out as HiGHS would return them for the stage-1 LP; null when the flow does not apply (or
 * its optimality certificate fails), in which case HiGHS solves the LP.
 */
function solveStage1ByFlow(
  clock: () => number,
  p: Prepared,
  coef: readonly number[],
  upper: readonly number[],
  capRow: ReadonlyMap<number, number>,
  reqRow: ReadonlyMap<number, number>,
  rowCount: number,
): StageResult | null {
  const started = clock();
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
  const seconds = (clock() - started) / 1000;
  return {
    status: 'optimal',
    colValue: Float64Array.from(solution.flow),
    colDual: solution.colDual,
    rowDual,
    rowValue,
    note: `stage 1 (coverage, exact transportation flow, optimality certificate checked): ${p.pairs.length} columns, ${rowCount} rows, ${seconds.toFixed(3)} s`,
  };
}

/**
 * How far a time-limited plan's leads could be from the best, in numbers a reader can check: no
 * plan can have more leads than there are cells with a candidate able to reach the share, nor
 * honour more claims than there are cells with a claimant able to (each cell taken alone); and
 * none can beat the linear relaxation of stage 2 without cohesion (`ceiling.ts`), which sees
 * nations share classes and requirements between cells. The smaller of each pair is stated.
 */
function leadCeiling(
  leadColumns: readonly { readonly key: string; readonly cell: string }[],
  claims: ReadonlySet<string>,
  leads: readonly LeadChoice[],
  relaxed: RelaxedCeiling,
): { ceiling: PlanCeiling; note: string } {
  const ledCells = new Set(leadColumns.map((l) => l.cell)).size;
  // One lead per cell: two claimants of one cell count once.
  const claimedCells = new Set(leadColumns.filter((l) => claims.has(l.key)).map((l) => l.cell)).size;
  const ceiling = {
    leads: Math.min(ledCells, relaxed.leads ?? ledCells),
    claims: Math.min(claimedCells, relaxed.claims ?? claimedCells),
  };
  const honoured = leads.filter((l) => claims.has(`${cellKey(l)}|${l.nation}`)).length;
  const byRelaxation = (n: number | undefined) =>
    n === undefined ? '' : `; ${n} when they share classes and requirements, by a linear relaxation`;
  const note =
    `stage 2 stopped at its time limit: this plan has ${leads.length} leads and honours ${honoured} claims; ` +
    `no plan can have more than ${ceiling.leads} leads (${ledCells} cells where some nation could reach the lead share, each cell taken alone${byRelaxation(relaxed.leads)}) ` +
    `or honour more than ${ceiling.claims} claims (${claimedCells} cells with a claimant that could reach it, each cell taken alone${byRelaxation(relaxed.claims)}; ` +
    `bounds computed in ${relaxed.seconds.toFixed(3)} s)`;
  return { ceiling, note };
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
  const opts = resolveOptions(options);
  const laps: string[] = [];
  let lapStart = opts.clock();
  const lap = (name: string) => {
    const now = opts.clock();
    laps.push(`${name} ${((now - lapStart) / 1000).toFixed(3)} s`);
    lapStart = now;
  };
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
    (integral && solveStage1ByFlow(opts.clock, p, coef, upper, capRow, reqRow, rows.length)) ||
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
  // Aggregated links, valid and tighter than the pair rows alone: the units one class sends to a
  // region, and the units one requirement receives from a nation, are at most
  // min(the class's or requirement's room, the sum of the pairs' bounds)·z. On the sweep's
  // 400 + 400 instance they (with y ≤ z below) turned a time limit at gap 1.7e-4 into a proof
  // (ADR 0055).
  const groupRows = new Map<number, number[]>();
  const groups = new Map<string, number[]>();
  for (const k of active) {
    const { cls, req } = p.pairs[k]!;
    for (const g of [`c${cls}|${reqOf(k).region}`, `r${req}|${nationOf(k)}`]) {
      const members = groups.get(g);
      if (members) members.push(k);
      else groups.set(g, [k]);
    }
  }
  for (const [g, members] of groups) {
    if (members.length < 2) continue;
    const k0 = members[0]!;
    const room = g.startsWith('c')
      ? rows[capRow.get(p.pairs[k0]!.cls)!]!.upper
      : rows[reqRow.get(p.pairs[k0]!.req)!]!.upper;
    const sum = members.reduce((total, k) => total + (fixed[k] ? x1[k]! : upper[k]!), 0);
    if (room >= sum) continue; // no tighter than the pair rows
    const row = addRow(Number.NEGATIVE_INFINITY, 0);
    for (const k of members) groupRows.set(k, [...(groupRows.get(k) ?? []), row]);
    zRows[zIndex.get(`${nationOf(k0)}|${reqOf(k0).region}`)!]!.push({ row, bound: room });
  }

  // Leads: y[nation, cell] only where the nation could reach the share.
  const cells = cellsOf(p);
  const claims = new Set((input.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`));
  const leadOf = (k: number) => `${cellKey(reqOf(k))}|${nationOf(k)}`;
  // What the lead reach and the relaxed ceiling both read of stage 2's free pairs and rooms.
  const leadBasis = {
    pairs: p.pairs,
    active,
    fixed,
    x1,
    upper,
    classRoom: (cls: number) => rows[capRow.get(cls)!]!.upper,
    requirementRoom: (req: number) => rows[reqRow.get(req)!]!.upper,
    value: coef,
    keyOf: leadOf,
  };
  const reach = leadReach(leadBasis);
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
    // A lead is present in its region: y ≤ z (valid, and it tightens the relaxation).
    const leadRows = [row, oneLeadRow.get(cell)!];
    const leadValues = [-needed, 1];
    const presence = addRow(Number.NEGATIVE_INFINITY, 0);
    zRows[zIndex.get(`${nation}|${cells.get(cell)!.cell.region}`)!]!.push({ row: presence, bound: 1 });
    leadRows.push(presence);
    leadValues.push(1);
    const column: Column = {
      cost: -w.lead - (claims.has(key) ? w.claimedLead : 0),
      lower: 0,
      upper: 1,
      integer: true,
      rows: leadRows,
      values: leadValues,
    };
    leadColumns.push({ key, cell, nation, needed, column });
  }

  const neededOf = new Map(leadColumns.map((l) => [l.key, l.needed]));
  const columns: Column[] = active.map((k) => {
    const { cls, req } = p.pairs[k]!;
    const r = reqOf(k);
    const share = shareRow.get(leadOf(k));
    const rowsOf = [capRow.get(cls)!, reqRow.get(req)!, linkRow.get(k)!, ...(groupRows.get(k) ?? [])];
    const valuesOf = rowsOf.map(() => 1);
    if (share !== undefined) {
      // Capped at the share: one whole unit worth more than the share already reaches it, so on
      // whole allocations the row means the same, and its relaxation is tighter (ADR 0055).
      rowsOf.push(share);
      valuesOf.push(Math.min(coef[req]!, neededOf.get(leadOf(k))!));
    }
    if (coverageRow !== undefined) {
      rowsOf.push(coverageRow);
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
  const steeringStarted = opts.clock();
  const steerInput: SteerInput = {
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
    clock: opts.clock,
    regionOf: (k) => reqOf(k).region,
    pairCost: (k) =>
      w.unitDay * p.classes[p.pairs[k]!.cls]!.daysToDeploy -
      (reqOf(k).preferredNations?.includes(nationOf(k)) ? w.preferredUnit : 0),
    nationInRegion: w.nationInRegion,
  };
  const steered = steerTowardsLeads(highs, steerInput);
  // Then a repair of the cells it left without a lead and of the claims it left out (`repair.ts`),
  // in part of what steering left of the limit, with steering's cohesion rounds again after each
  // pass that moved units (stress instance: 3 LPs, 0.06 s, nation-regions 523 → 516 after the
  // first). Its allocation is not the MIP's start: from a repaired start the 400 + 400 sweep
  // instance took 4.6 s of CPU to prove instead of 3.5 s (the proof's margin there is tiny, ADR
  // 0055, ADR 0059). The plan takes it when the MIP stops at its limit with nothing better.
  const repaired = repairLeads(
    highs,
    steerInput,
    steered,
    () => opts.timeLimitS - (opts.clock() - steeringStarted) / 1000,
    (from) => consolidate(highs, steerInput, from),
  );
  const steeringSeconds = (opts.clock() - steeringStarted) / 1000;
  const zKeys = [...zIndex.keys()];
  zRows.forEach((member) => {
    columns.push({
      cost: w.nationInRegion,
      lower: 0,
      upper: 1,
      integer: true,
      rows: member.map((m) => m.row),
      values: member.map((m) => -m.bound),
    });
  });
  for (const l of leadColumns) columns.push(l.column);
  /** Stage 2's columns at an allocation with its leads: a feasible point of the MIP. */
  const pointOf = (from: { readonly x: readonly number[]; readonly leads: readonly LeadChoice[] }) => {
    const present = new Set(
      active.filter((k) => from.x[k]! > 0).map((k) => `${nationOf(k)}|${reqOf(k).region}`),
    );
    const led = new Set(from.leads.map((l) => `${cellKey(l)}|${l.nation}`));
    return [
      ...active.map((k) => from.x[k]!),
      ...zKeys.map((key) => (present.has(key) ? 1 : 0)),
      ...leadColumns.map((l) => (led.has(l.key) ? 1 : 0)),
    ];
  };
  const objectiveAt = (point: ArrayLike<number>) =>
    columns.reduce((sum, c, i) => sum + c.cost * point[i]!, 0);
  const start = pointOf(steered);

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
    repaired.note,
    stage2.note,
  ];
  // Only a time-limited plan states a ceiling.
  const relaxed = (): RelaxedCeiling =>
    relaxedCeiling(highs, {
      ...leadBasis,
      classFloor: (cls) => rows[capRow.get(cls)!]!.lower,
      requirementFloor: (req) => rows[reqRow.get(req)!]!.lower,
      leads: leadColumns,
      claims,
      // Its own limit: a plan cut short at a tiny limit still states its bounds (at most 1 s more).
      options: { time_limit: Math.max(1, opts.timeLimitS) },
      clock: opts.clock,
    });
  // A MIP stopped at its limit may hold a worse plan than the repair's (on the stress instance it
  // holds its start, or nothing): the better of the two by stage 2's objective stands.
  const repairedBetter =
    repaired.repaired &&
    stage2.status !== 'optimal' &&
    (!stage2.colValue || objectiveAt(pointOf(repaired)) < objectiveAt(stage2.colValue) - 1e-6);
  if (!stage2.colValue || repairedBetter) {
    const kept = repairedBetter ? repaired : steered;
    const allocations = disaggregate(p, new Map(kept.x.map((x, k) => [k, x])));
    notes.push(
      repairedBetter
        ? `the plan is the repaired allocation, with the leads chosen on it: its stage-2 objective ${objectiveAt(pointOf(repaired)).toFixed(1)} beats ${stage2.colValue ? `the MIP's best plan, ${objectiveAt(stage2.colValue).toFixed(1)} (the gap above is the MIP's own)` : 'stage 2, which found no plan in time'}`
        : 'stage 2 found no plan in time; its start is kept, with the leads chosen on it',
    );
    const { ceiling, note } = leadCeiling(leadColumns, claims, kept.leads, relaxed());
    notes.push(note);
    const plan = assemblePlan(
      p,
      'time_limited',
      allocations,
      kept.leads,
      opts.weights,
      opts.leadMinShare,
      notes,
    );
    lap('plan assembly');
    notes.push(`wall times: ${laps.join(', ')}`);
    return { ...plan, ceiling };
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
  const limited = status === 'time_limited' ? leadCeiling(leadColumns, claims, leads, relaxed()) : undefined;
  if (limited) notes.push(limited.note);
  const plan = assemblePlan(p, status, disaggregate(p, x2), leads, opts.weights, opts.leadMinShare, notes);
  lap('plan assembly');
  notes.push(`wall times: ${laps.join(', ')}`);
  return limited ? { ...plan, ceiling: limited.ceiling } : plan;
}
