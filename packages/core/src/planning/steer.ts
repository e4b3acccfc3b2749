/**
 * Steering: a better start for stage 2, found with linear programs only.
 */
import { cellKey } from '../coalition/index.ts';
import { leadsOf, pairShares } from './evaluate.ts';
import type { Prepared } from './feasibility.ts';
import { createModel, type HighsRuntime, type Row } from './highs.ts';
import type { LeadChoice } from './types.ts';

export interface SteerInput {
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
  /** Milliseconds, monotonic (PlanOptions.clock). */
  readonly clock: () => number;
  readonly regionOf: (k: number) => string;
  /** Per pair, stage 2's cost of one unit (days to deploy, preferred nations). */
  readonly pairCost: (k: number) => number;
  readonly nationInRegion: number;
}

/**
 * What a lead already found earns per unit in later steering rounds, against 1 for a leaderless
 * cell's designated nation: its share is held by lower bounds, and a small reward still keeps
 * its nation's units together. With 0 the stress plan's nation-regions rose from 793 to 918; with
 * 1 it had 429 leads instead of 434 (0.02 and 0.2 gave 434 and 795).
 */
const KEPT_LEAD_WEIGHT = 0.1;

/** Lead rounds at most; each after the first starts from the best allocation so far. */
const MAX_LEAD_ROUNDS = 16;

/** Lead rounds stop after this many in a row without more leads or claims. */
const LEAD_PATIENCE = 4;

/**
 * Consolidation rounds at most. On the stress instance nation-regions went 782, 565, 539, 526,
 * 522, 520, 518, 517 and then stayed.
 */
const MAX_CONSOLIDATION_ROUNDS = 8;

/** The best allocation found, with the leads it supports. */
interface Best {
  readonly x: readonly number[];
  readonly leads: readonly LeadChoice[];
}

/**
 * A better start for stage 2, found with linear programs only. Stage 1 leaves the allocation
 * among coverage-optimal ones to chance, and HiGHS, on the stress instance, does not improve on
 * the start it is given within its time limit: the plan kept stage 1's leads (369 of the 443
 * cells that could have one, 8 of 26 claims that could be honoured) and its 920 nation-regions.
 *
 * Every LP here stays on the optimal face: the pairs and rows that stage 1's duals fix keep
 * their values, so coverage cannot change (it is checked too). Only costs and lower bounds
 * change between rounds, so the constraint matrix stays bipartite, hence totally unimodular, and
 * each simplex vertex is whole; one HiGHS model serves every round, each starting from the last
 * round's basis. The rounds share the stage's time limit with the MIP that follows.
 *
 * 1. **Leads.** Maximise the priority-weighted units that claimants send to the cells they
 *    claim (ten times over) and that one designated nation per other cell sends to it: first
 *    each cell's likeliest lead (the candidate with the largest reach, see `reach.ts`). In later
 *    rounds each lead found keeps, as lower bounds, the units that reach its share and earns
 *    only KEPT_LEAD_WEIGHT for more, and a cell still without a lead designates its next
 *    candidate. Stops after LEAD_PATIENCE rounds without more leads or claims.
 * 2. **Cohesion.** With every lead and claim kept by lower bounds, each pair costs what stage 2
 *    charges per unit plus the charge for a nation in a region divided by the units that nation
 *    already has there (plus one): small contributions become dear and move to nations already
 *    present. This is the usual iteratively reweighted heuristic for a charge per group. A
 *    round is kept only while it lowers the sum of what stage 2 charges for nation-regions and
 *    per unit.
 *
 * Leads are chosen on the best allocation as before. When no round beats stage 1's own
 * allocation, or the first fails, stage 1's is kept.
 */
export function steerTowardsLeads(
  highs: HighsRuntime,
  s: SteerInput,
): { x: readonly number[]; leads: readonly LeadChoice[]; note: string } {
  const { leadsAt, honoured, score } = leadMeasures(s);
  const before: Best = { x: s.x1, leads: leadsAt(s.x1) };
  const kept = (why: string) => ({
    ...before,
    note: `stage 2 starts from stage 1's allocation (${why}): ${before.leads.length} leads, ${honoured(before.leads)} claims honoured`,
  });
  let lp: SteeringLp;
  try {
    lp = steeringLp(highs, s);
  } catch (error) {
    return kept(`the steering LP failed: ${(error as Error).message}`);
  }
  const keep = leadKeeper(s);
  let best = before;
  let leadRounds = 0;
  let cohesion: ReturnType<typeof cohesionPhase> | undefined;
  try {
    const steering: Steering = { s, lp, keep, leadsAt, score };
    ({ best, rounds: leadRounds } = leadPhase(steering, before));
    cohesion = cohesionPhase(steering, best);
    best = cohesion.best;
  } catch (error) {
    lp.failure ??= `the steering LP failed: ${(error as Error).message}`;
  } finally {
    lp.dispose();
  }
  const stopped = lp.failure ? `; the last stopped: ${lp.failure}` : lp.stopped ? `; ${lp.stopped}` : '';
  if (best.x === s.x1) return kept(lp.failure ?? lp.stopped ?? 'steering found nothing better');
  return {
    ...best,
    note:
      `stage 2 starts from stage 1's allocation steered towards claimants and likely leads, then towards nations already present ` +
      `(${leadRounds} lead and ${cohesion?.solved ?? 0} cohesion LPs, ${lp.seconds.toFixed(3)} s${stopped}): ` +
      `${best.leads.length} leads, ${honoured(best.leads)} claims honoured` +
      ` (stage 1's own: ${before.leads.length} leads, ${honoured(before.leads)} claims)` +
      (cohesion && cohesion.nationRegionsAfter < cohesion.nationRegionsBefore
        ? `; nation-regions ${cohesion.nationRegionsBefore} → ${cohesion.nationRegionsAfter}`
        : ''),
  };
}

/**
 * How steering and the repair weigh an allocation: its leads, the claims they honour, and the
 * score both maximise (a claim counts ten leads).
 */
export function leadMeasures(s: SteerInput): {
  readonly leadsAt: (x: readonly number[]) => readonly LeadChoice[];
  readonly honoured: (leads: readonly LeadChoice[]) => number;
  readonly score: (leads: readonly LeadChoice[]) => number;
} {
  const leadsAt = (x: readonly number[]) => leadsOf(s.p, pairShares(s.p, x), s.leadMinShare);
  const honoured = (leads: readonly LeadChoice[]) =>
    leads.filter((l) => s.claims.has(`${cellKey(l)}|${l.nation}`)).length;
  const score = (leads: readonly LeadChoice[]) => leads.length + 10 * honoured(leads);
  return { leadsAt, honoured, score };
}

/**
 * Cohesion rounds alone (phase 2 of {@link steerTowardsLeads}) from `start`, which keeps every
 * lead and claim: for an allocation found after steering, such as a repair's (`repair.ts`).
 */
export function consolidate(
  highs: HighsRuntime,
  s: SteerInput,
  start: Best,
): { x: readonly number[]; leads: readonly LeadChoice[]; note: string } {
  const { leadsAt, score } = leadMeasures(s);
  let lp: SteeringLp;
  try {
    lp = steeringLp(highs, s);
  } catch (error) {
    return { ...start, note: `no cohesion rounds: the steering LP failed: ${(error as Error).message}` };
  }
  try {
    const cohesion = cohesionPhase({ s, lp, keep: leadKeeper(s), leadsAt, score }, start);
    return {
      ...cohesion.best,
      note: `${cohesion.solved} cohesion LPs (${lp.seconds.toFixed(3)} s): nation-regions ${cohesion.nationRegionsBefore} → ${cohesion.nationRegionsAfter}`,
    };
  } catch (error) {
    return { ...start, note: `the cohesion rounds failed: ${(error as Error).message}` };
  } finally {
    lp.dispose();
  }
}

/** The steering LP: one HiGHS model whose costs and lower bounds each round sets. */
interface SteeringLp {
  readonly n: number;
  readonly cost: Float64Array;
  readonly lower: Float64Array;
  /** Solves with the current costs and bounds: the whole allocation, or undefined. */
  solve(): number[] | undefined;
  dispose(): void;
  seconds: number;
  failure: string | undefined;
  stopped: string | undefined;
}

function steeringLp(highs: HighsRuntime, s: SteerInput): SteeringLp {
  const n = s.active.length;
  const all = { kind: 'range', from: 0, to: n - 1 } as const;
  const upper = Float64Array.from(s.active, (k) => (s.fixed[k] ? s.x1[k]! : s.upper[k]!));
  const coverage = (v: readonly number[]) =>
    v.reduce((sum, xk, k) => sum + xk * s.coef[s.p.pairs[k]!.req]!, 0);
  const model = createModel(
    highs,
    s.active.map((k, i) => {
      const { cls, req } = s.p.pairs[k]!;
      return {
        cost: 0,
        lower: s.fixed[k] ? s.x1[k]! : 0,
        upper: upper[i]!,
        integer: false,
        rows: [s.capRow.get(cls)!, s.reqRow.get(req)!],
        values: [1, 1],
      };
    }),
    s.rows,
    'minimize',
  );
  // As in stage 1: presolve barely shrinks a transportation LP and costs more than it saves.
  model.options.set({ output_flag: false, ...s.options, presolve: 'off' });
  const lp: SteeringLp = {
    n,
    cost: new Float64Array(n),
    lower: new Float64Array(n),
    seconds: 0,
    failure: undefined,
    stopped: undefined,
    dispose: () => model.dispose(),
    solve() {
      const started = s.clock();
      model.changeColsCost(all, lp.cost);
      model.changeColsBounds(all, lp.lower, upper);
      const { modelStatus } = model.run();
      lp.seconds += (s.clock() - started) / 1000;
      if (modelStatus === highs.constants.modelStatus.timeLimit) {
        lp.stopped = 'the time limit was reached';
        return undefined;
      }
      if (modelStatus !== highs.constants.modelStatus.optimal) {
        lp.failure = `the steering LP failed: HiGHS model status ${modelStatus}`;
        return undefined;
      }
      const colValue = model.getSolution().colValue;
      const x = [...s.x1];
      for (let i = 0; i < n; i++) {
        const v = colValue[i]!;
        if (Math.abs(v - Math.round(v)) > 1e-6) {
          lp.failure = 'the steering LP returned a fractional vertex';
          return undefined;
        }
        x[s.active[i]!] = Math.round(v);
      }
      if (Math.abs(coverage(x) - coverage(s.x1)) > 1e-6 * Math.max(1, coverage(s.x1))) {
        lp.failure = 'the steered allocation changed coverage';
        return undefined;
      }
      return x;
    },
  };
  return lp;
}

/** The units each lead of an allocation keeps in the next round (see {@link keptUnits}). */
function leadKeeper(s: SteerInput): (best: Best) => Map<number, number> {
  const needed = new Map(s.leadColumns.map((l) => [l.key, l.needed]));
  const pairsOf = new Map<string, number[]>();
  for (const k of s.active) {
    const key = `${s.cellOf(k)}|${s.nationOf(k)}`;
    const list = pairsOf.get(key);
    if (list) list.push(k);
    else pairsOf.set(key, [k]);
  }
  // Most valuable first, the order in which keptUnits keeps units.
  const unitValue = (k: number) => s.coef[s.p.pairs[k]!.req]!;
  for (const list of pairsOf.values()) list.sort((a, b) => unitValue(b) - unitValue(a));
  return (best) => keptUnits(best, pairsOf, needed, unitValue);
}

/** What both phases work with: the input, the LP, and how leads are kept, found and scored. */
interface Steering {
  readonly s: SteerInput;
  readonly lp: SteeringLp;
  readonly keep: (best: Best) => Map<number, number>;
  readonly leadsAt: (x: readonly number[]) => readonly LeadChoice[];
  readonly score: (leads: readonly LeadChoice[]) => number;
}

/** Phase 1 (see {@link steerTowardsLeads}): more leads and honoured claims. */
function leadPhase({ s, lp, keep, leadsAt, score }: Steering, start: Best): { best: Best; rounds: number } {
  // Each cell's lead candidates, likeliest (largest reach) first.
  const candidates = new Map<string, string[]>();
  for (const l of [...s.leadColumns].sort((u, v) => s.reach.get(v.key)! - s.reach.get(u.key)!)) {
    const list = candidates.get(l.cell);
    if (list) list.push(l.nation);
    else candidates.set(l.cell, [l.nation]);
  }
  const cellAt = s.active.map((k) => s.cellOf(k));
  const nationAt = s.active.map((k) => s.nationOf(k));
  const claimAt = s.active.map((_, i) => s.claims.has(`${cellAt[i]}|${nationAt[i]}`));
  let best = start;
  let designated = new Map([...candidates].map(([cell, list]) => [cell, list[0]!]));
  const next = new Map([...candidates].map(([cell]) => [cell, 1]));
  let rounds = 0;
  for (let stalled = 0; rounds < MAX_LEAD_ROUNDS && stalled < LEAD_PATIENCE; rounds++) {
    // From the second round on, each lead of the best allocation keeps, as lower bounds on its
    // pairs, just the units that reach its share (most valuable first) and earns only
    // KEPT_LEAD_WEIGHT for more: its surplus is free for leaderless cells, and no round can lose
    // a lead an earlier round found (the best allocation satisfies the bounds, so the LP stays
    // feasible).
    const kept = rounds === 0 ? new Map<number, number>() : keep(best);
    const keptCells = new Set(rounds === 0 ? [] : best.leads.map((l) => cellKey(l)));
    for (let i = 0; i < lp.n; i++) {
      const k = s.active[i]!;
      const designatedHere = designated.get(cellAt[i]!) === nationAt[i];
      const isLead = designatedHere && keptCells.has(cellAt[i]!);
      const weight = (claimAt[i] ? 10 : designatedHere ? 1 : 0) * (isLead ? KEPT_LEAD_WEIGHT : 1);
      lp.cost[i] = -weight * s.coef[s.p.pairs[k]!.req]!;
      lp.lower[i] = s.fixed[k] ? s.x1[k]! : (kept.get(k) ?? 0);
    }
    const x = lp.solve();
    if (!x) break;
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
  return { best, rounds };
}

/** Phase 2 (see {@link steerTowardsLeads}): fewer nations per region, keeping every lead. */
function cohesionPhase(
  { s, lp, keep, leadsAt, score }: Steering,
  start: Best,
): { best: Best; solved: number; nationRegionsBefore: number; nationRegionsAfter: number } {
  const groupAt = s.active.map((k) => `${s.nationOf(k)}|${s.regionOf(k)}`);
  const pairCost = s.active.map((k) => s.pairCost(k));
  /** Nation-regions present and what stage 2 charges for them and per unit. */
  const charge = (x: readonly number[]) => {
    const present = new Set<string>();
    let perUnit = 0;
    s.active.forEach((k, i) => {
      if (x[k]! <= 0) return;
      present.add(groupAt[i]!);
      perUnit += pairCost[i]! * x[k]!;
    });
    return { nationRegions: present.size, total: perUnit + s.nationInRegion * present.size };
  };
  let best = start;
  let current = charge(best.x);
  const nationRegionsBefore = current.nationRegions;
  let solved = 0;
  if (lp.failure || lp.stopped)
    return { best, solved, nationRegionsBefore, nationRegionsAfter: nationRegionsBefore };
  for (let round = 0; round < MAX_CONSOLIDATION_ROUNDS; round++) {
    // Every claim and lead keeps the units that reach its share (claims count as leads here:
    // chooseLeads puts a claimant that reaches its share first).
    const kept = keep(best);
    const units = new Map<string, number>();
    s.active.forEach((k, i) => {
      units.set(groupAt[i]!, (units.get(groupAt[i]!) ?? 0) + best.x[k]!);
    });
    for (let i = 0; i < lp.n; i++) {
      const k = s.active[i]!;
      lp.cost[i] = pairCost[i]! + s.nationInRegion / ((units.get(groupAt[i]!) ?? 0) + 1);
      lp.lower[i] = s.fixed[k] ? s.x1[k]! : (kept.get(k) ?? 0);
    }
    const x = lp.solve();
    if (!x) break;
    solved++;
    const leads = leadsAt(x);
    const next = charge(x);
    if (score(leads) < score(best.leads) || next.total >= current.total - 1e-9) break;
    best = { x, leads };
    current = next;
  }
  return { best, solved, nationRegionsBefore, nationRegionsAfter: current.nationRegions };
}

/**
 * Per pair, the units each lead of `best` keeps in the next steering round: its pairs (sorted by
 * falling value), each up to what `best` sends on it, until the lead's share is reached.
 */
function keptUnits(
  best: Best,
  pairsOf: ReadonlyMap<string, readonly number[]>,
  needed: ReadonlyMap<string, number>,
  unitValue: (k: number) => number,
): Map<number, number> {
  const kept = new Map<number, number>();
  for (const lead of best.leads) {
    const key = `${cellKey(lead)}|${lead.nation}`;
    let missing = needed.get(key) ?? 0;
    for (const k of pairsOf.get(key) ?? []) {
      if (missing <= 1e-9) break;
      const value = unitValue(k);
      const units = Math.min(best.x[k]!, Math.ceil(missing / value - 1e-9));
      if (units > 0) kept.set(k, units);
      missing -= units * value;
    }
  }
  return kept;
}
