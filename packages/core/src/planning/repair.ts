/**
 * Repair of leads: after steering, a small MIP that moves few units so that cells still without a
 * lead get one, or a claimant the cell it claimed, coverage staying optimal (ADR 0059). Steering's
 * LPs keep each lead's units by bounds on its pairs, which keeps their matrix whole (so each
 * vertex is whole) but blocks moves that a share row would allow; the repair has share rows, at
 * the price of a MIP.
 */
import { cellKey } from '../coalition/index.ts';
import { type Column, createModel, type HighsRuntime, type Row } from './highs.ts';
import { leadMeasures, type SteerInput } from './steer.ts';
import type { LeadChoice } from './types.ts';

/** The allocation a repair starts from, with the leads it supports. */
export interface Repairable {
  readonly x: readonly number[];
  readonly leads: readonly LeadChoice[];
}

/**
 * What a moved unit costs against one more lead (1) or honoured claim (11, as in steering's score):
 * a tie-break that keeps the repair close to the start, so steering's cohesion is mostly kept.
 */
const MOVE_COST = 1e-4;

/** Steps in the class–requirement graph around the LP's seeds that the MIP may also move. */
const NEIGHBOURHOOD_STEPS = 2;

/** What {@link searchMoreLeads} found, with the time of its LP and its MIP. */
export interface RepairResult {
  /** The repaired allocation, or undefined when the repair found nothing. */
  readonly x?: readonly number[];
  readonly lpSeconds: number;
  readonly mipSeconds: number;
  readonly note: string;
}

/**
 * More leads and claims by relaxation-induced neighbourhood search, from `start`:
 *
 * 1. An LP over every free pair of stage 2, written as moves away from `start` (x = start + up −
 *    down), keeps the optimal face (so coverage) and every lead of `start` at its share (the
 *    capped share row stage 2 uses), and gives each candidate a lead in fractions: a candidate of
 *    a leaderless cell (worth 1, or 11 if it claimed the cell, as in steering's score), or a
 *    claimant of a cell led by a nation that did not claim it (worth 10, and the lead it replaces
 *    is released). Each moved unit costs MOVE_COST.
 * 2. The pairs it moves, those of every candidate it gives part of a lead, and every pair within
 *    NEIGHBOURHOOD_STEPS of those in the graph of classes and requirements stay free, whole, in a
 *    MIP with the same rows and whole leads; every other pair keeps its units. The MIP starts from
 *    `start` (always feasible: nothing moves, no new lead) and stops when no whole lead more is
 *    possible in that neighbourhood.
 *
 * Every point of the MIP keeps coverage and every cell's lead (its nation, or a claimant); the
 * caller ({@link repairLeads}) checks that it has more leads or claims. With `tier`, the whole lead
 * tier instead: every lead column is a candidate, no lead's share row is kept, and the MIP starts
 * from `start`'s leads.
 */
export function searchMoreLeads(
  highs: HighsRuntime,
  s: SteerInput,
  start: Repairable,
  timeLimitS: number,
  tier = false,
): RepairResult {
  // Each led cell's lead; its share row is kept, unless a claimant takes the cell over.
  const leadOf = new Map(start.leads.map((l) => [cellKey(l), `${cellKey(l)}|${l.nation}`]));
  const current = new Set(leadOf.values());
  const keep = tier ? [] : [...leadOf.values()];
  // Candidates: those of a leaderless cell, and claimants of a cell led by a nation that did not
  // claim it.
  const candidates = s.leadColumns.filter((l) => {
    const lead = leadOf.get(l.cell);
    return tier || lead === undefined || (s.claims.has(l.key) && !s.claims.has(lead));
  });
  const nothing = (why: string): RepairResult => ({ lpSeconds: 0, mipSeconds: 0, note: why });
  if (candidates.length === 0)
    return nothing('no leaderless cell has a candidate, and no claimant is left out');
  if (!(timeLimitS > 0)) return nothing('no time was left');
  const needed = new Map(s.leadColumns.map((l) => [l.key, l.needed]));

  const weight = (key: string) => (s.claims.has(key) ? 11 : 1);
  const free = s.active.filter((k) => !s.fixed[k]);
  const capped = (k: number, key: string) =>
    Math.min(s.coef[s.p.pairs[k]!.req]!, needed.get(key) ?? Number.POSITIVE_INFINITY);
  // Row activities and lead deliveries at the start, over every active pair.
  const classUsed = new Map<number, number>();
  const requirementUsed = new Map<number, number>();
  const delivered = new Map<string, number>();
  for (const k of s.active) {
    const { cls, req } = s.p.pairs[k]!;
    const x = start.x[k]!;
    classUsed.set(cls, (classUsed.get(cls) ?? 0) + x);
    requirementUsed.set(req, (requirementUsed.get(req) ?? 0) + x);
    const key = `${s.cellOf(k)}|${s.nationOf(k)}`;
    if (needed.has(key)) delivered.set(key, (delivered.get(key) ?? 0) + x * capped(k, key));
  }

  const build = (movable: readonly number[], integer: boolean) => {
    const rows: Row[] = [];
    const classRow = new Map<number, number>();
    const requirementRow = new Map<number, number>();
    const shareRow = new Map<string, number>();
    for (const k of movable) {
      const { cls, req } = s.p.pairs[k]!;
      if (!classRow.has(cls)) {
        const r = s.rows[s.capRow.get(cls)!]!;
        const used = classUsed.get(cls) ?? 0;
        classRow.set(cls, rows.push({ lower: r.lower - used, upper: r.upper - used }) - 1);
      }
      if (!requirementRow.has(req)) {
        const r = s.rows[s.reqRow.get(req)!]!;
        const used = requirementUsed.get(req) ?? 0;
        requirementRow.set(req, rows.push({ lower: r.lower - used, upper: r.upper - used }) - 1);
      }
    }
    // Kept leads: Σ capped·(up − down) ≥ needed − delivered (at most 0: the start reaches it).
    for (const key of keep)
      shareRow.set(
        key,
        rows.push({
          lower: (needed.get(key) ?? 0) - (delivered.get(key) ?? 0),
          upper: Number.POSITIVE_INFINITY,
        }) - 1,
      );
    // Candidates: Σ capped·(up − down) − needed·y ≥ −delivered.
    for (const l of candidates)
      shareRow.set(
        l.key,
        rows.push({ lower: -(delivered.get(l.key) ?? 0), upper: Number.POSITIVE_INFINITY }) - 1,
      );
    const cellRow = new Map<string, number>();
    for (const l of candidates)
      if (!cellRow.has(l.cell)) cellRow.set(l.cell, rows.push({ lower: 0, upper: 1 }) - 1);
    const columns: Column[] = [];
    for (const k of movable) {
      const { cls, req } = s.p.pairs[k]!;
      const key = `${s.cellOf(k)}|${s.nationOf(k)}`;
      const share = shareRow.get(key);
      const rowsOf = [classRow.get(cls)!, requirementRow.get(req)!];
      const one = [1, 1];
      if (share !== undefined) {
        rowsOf.push(share);
        one.push(capped(k, key));
      }
      const x = start.x[k]!;
      columns.push({
        cost: -MOVE_COST,
        lower: 0,
        upper: s.upper[k]! - x,
        integer,
        rows: rowsOf,
        values: one,
      });
      columns.push({
        cost: -MOVE_COST,
        lower: 0,
        upper: x,
        integer,
        rows: rowsOf,
        values: one.map((v) => -v),
      });
    }
    for (const l of candidates) {
      // A claimant taking over a led cell releases the lead it replaces from its share row
      // (Σ capped·moves ≥ needed·(1 − y) − delivered); the cell keeps a lead either way.
      const lead = tier ? undefined : leadOf.get(l.cell);
      const released = lead === undefined ? [] : [shareRow.get(lead)!];
      columns.push({
        cost: lead === undefined ? weight(l.key) : weight(l.key) - 1,
        lower: 0,
        upper: 1,
        integer,
        rows: [shareRow.get(l.key)!, cellRow.get(l.cell)!, ...released],
        values: [-l.needed, 1, ...released.map(() => needed.get(lead!)!)],
      });
    }
    return { rows, columns };
  };

  let lpSeconds = 0;
  const started = s.clock();
  const lp = build(free, false);
  const lpModel = createModel(highs, lp.columns, lp.rows, 'maximize');
  let moved: number[];
  let lpLeads: number;
  let lpGain: number;
  try {
    // As for steering: presolve barely shrinks a transportation LP.
    lpModel.options.set({ output_flag: false, presolve: 'off', time_limit: timeLimitS });
    const { modelStatus } = lpModel.run();
    lpSeconds = (s.clock() - started) / 1000;
    if (modelStatus !== highs.constants.modelStatus.optimal)
      return { ...nothing(`the repair LP stopped with HiGHS model status ${modelStatus}`), lpSeconds };
    const value = lpModel.getSolution().colValue;
    lpLeads = candidates.reduce(
      (sum, l, i) => sum + (leadOf.has(l.cell) && !tier ? 0 : value[2 * free.length + i]!),
      0,
    );
    // What the LP gains over `start` (claims counted): nothing to look for when it gains nothing.
    lpGain =
      lpModel.getObjectiveValue() -
      (tier ? candidates.reduce((sum, l) => sum + (current.has(l.key) ? weight(l.key) : 0), 0) : 0);
    if (tier) lpLeads -= current.size;
    // The pairs the LP moves, and those of every candidate it gives part of a lead: a candidate
    // that already delivers part of its share takes that part of a lead without any move (two
    // nations with half a cell each make one lead in fractions, and move nothing).
    const partLead = new Set(
      candidates
        .filter(
          (l, i) =>
            value[2 * free.length + i]! > 1e-9 &&
            (!tier || (!current.has(l.key) && (!leadOf.has(l.cell) || s.claims.has(l.key)))),
        )
        .map((l) => l.key),
    );
    moved = free.filter(
      (k, i) =>
        value[2 * i]! > 1e-9 || value[2 * i + 1]! > 1e-9 || partLead.has(`${s.cellOf(k)}|${s.nationOf(k)}`),
    );
  } finally {
    lpModel.dispose();
  }
  // These seeds are few (92 pairs on the stress instance) and the LP's moves fractional; whole
  // moves need other paths: the MIP also frees every pair within two steps of the seeds in the
  // graph of classes and requirements (6,087 of 24,199 pairs there). With one step it found no
  // lead (ADR 0059).
  const lpMoved = moved.length;
  for (let step = 0; step < NEIGHBOURHOOD_STEPS; step++) {
    const classes = new Set(moved.map((k) => s.p.pairs[k]!.cls));
    const requirements = new Set(moved.map((k) => s.p.pairs[k]!.req));
    moved = free.filter((k) => classes.has(s.p.pairs[k]!.cls) || requirements.has(s.p.pairs[k]!.req));
  }
  const lpNote = `LP: ${lpLeads.toFixed(2)} more leads in fractions; ${lpMoved} pairs moved by it or serving its candidates`;
  if (lpGain < 1e-6) return { ...nothing(lpNote), lpSeconds };
  if (timeLimitS - lpSeconds <= 0)
    return { ...nothing(`${lpNote}; no time was left for the MIP`), lpSeconds };

  const mipStarted = s.clock();
  const mip = build(moved, true);
  const mipModel = createModel(highs, mip.columns, mip.rows, 'maximize');
  try {
    mipModel.options.set({
      output_flag: false,
      time_limit: timeLimitS - lpSeconds,
      // Stop once no whole lead more is possible: a lead is worth at least 1, moves far less.
      mip_rel_gap: 0,
      mip_abs_gap: 0.99,
    });
    const startValue = new Float64Array(mip.columns.length);
    if (tier)
      candidates.forEach((l, i) => {
        if (current.has(l.key)) startValue[2 * moved.length + i] = 1;
      });
    mipModel.setSolution({ colValue: startValue });
    const { modelStatus } = mipModel.run();
    const mipSeconds = (s.clock() - mipStarted) / 1000;
    const sizes = `${lpNote}; MIP over ${moved.length} of ${free.length} free pairs, HiGHS model status ${modelStatus}`;
    const feasible =
      Number(mipModel.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!feasible) return { lpSeconds, mipSeconds, note: sizes };
    const value = mipModel.getSolution().colValue;
    const x = [...start.x];
    moved.forEach((k, i) => {
      x[k] = x[k]! + Math.round(value[2 * i]!) - Math.round(value[2 * i + 1]!);
    });
    return { x, lpSeconds, mipSeconds, note: sizes };
  } finally {
    mipModel.dispose();
  }
}

/** A repaired allocation with its leads, whether any pass found more, and what each pass did. */
export type Repaired = Repairable & { readonly repaired: boolean; readonly note: string };

/**
 * The repair's passes, each in REPAIR_SHARE of what is left of the time (`secondsLeft`), each from
 * the last one's allocation, with steering's cohesion rounds after every pass that finds more:
 *
 * 1. {@link searchMoreLeads} keeping every lead's nation (its MIP is the smaller one);
 * 2. then, until a pass finds nothing (at most MAX_TIER_PASSES), the whole lead tier: every lead
 *    column is a candidate, and a lead may pass to another nation or go when that makes room for
 *    more leads or claims. Run first, this pass found 440 leads on the stress instance twice and
 *    nothing in three runs on a busier machine (ADR 0059); after the first it needs a quarter of
 *    the time.
 *
 * A pass's result is kept only when it keeps coverage and has more leads or honoured claims (a
 * claim counting ten leads, as in steering), with leads chosen on it as on any start.
 */
export function repairLeads(
  highs: HighsRuntime,
  s: SteerInput,
  start: Repairable,
  secondsLeft: () => number,
  consolidate: (from: Repairable) => Repairable & { readonly note: string },
): Repaired {
  let best: Repaired = { ...start, repaired: false, note: '' };
  const notes: string[] = [];
  for (let pass = 0; pass <= MAX_TIER_PASSES; pass++) {
    const r = checked(highs, s, best, REPAIR_SHARE * secondsLeft(), pass > 0);
    if (!r.repaired) {
      notes.push(r.note);
      // The first pass cannot swap leads between nations; the whole tier can.
      if (pass === 0) continue;
      break;
    }
    const after = consolidate(r);
    notes.push(`${r.note}; then ${after.note}`);
    best = { ...after, repaired: true, note: '' };
  }
  return { ...best, note: notes.join('; ') };
}

/** The part of the time left that each pass of the repair may take; the MIP gets the rest. */
const REPAIR_SHARE = 0.85;

/** Whole-tier passes at most after the first (on the stress instance the third found nothing). */
const MAX_TIER_PASSES = 2;

/** One pass of {@link searchMoreLeads}, checked (see {@link repairLeads}). */
function checked(
  highs: HighsRuntime,
  s: SteerInput,
  start: Repairable,
  timeLimitS: number,
  tier: boolean,
): Repaired {
  const r = searchMoreLeads(highs, s, start, timeLimitS, tier);
  const times = `LP ${r.lpSeconds.toFixed(3)} s, MIP ${r.mipSeconds.toFixed(3)} s`;
  const pass = tier ? 'the repair of leads, whole tier' : 'the repair of leads';
  const { leadsAt, honoured, score } = leadMeasures(s);
  const coverage = (x: readonly number[]) =>
    s.active.reduce((sum, k) => sum + x[k]! * s.coef[s.p.pairs[k]!.req]!, 0);
  const same =
    r.x !== undefined && Math.abs(coverage(r.x) - coverage(start.x)) <= 1e-6 * Math.max(1, coverage(start.x));
  const leads = r.x && same ? leadsAt(r.x) : start.leads;
  if (!r.x || !same || score(leads) <= score(start.leads))
    return { ...start, repaired: false, note: `${pass} found nothing (${r.note}; ${times})` };
  return {
    x: r.x,
    leads,
    repaired: true,
    note:
      `${pass}: ${start.leads.length} → ${leads.length} leads, ` +
      `${honoured(start.leads)} → ${honoured(leads)} claims honoured (${r.note}; ${times})`,
  };
}
