/**
 * Plan figures, lead shares and plan assembly, computed from an allocation alone so that the
 * MILP, the greedy allocator and any stored plan are measured by the same ruler.
 */
import { type Cell, cellKey } from '../coalition/index.ts';
import { claimOutcomes, shortfalls } from './explain.ts';
import type { Prepared } from './feasibility.ts';
import type {
  Allocation,
  LeadChoice,
  Plan,
  PlanMetrics,
  PlanOptions,
  PlanStatus,
  Requirement,
  SecondaryWeights,
} from './types.ts';

/** Defaults of {@link PlanOptions}. */
export const DEFAULT_PLAN_OPTIONS = {
  timeLimitS: 10,
  mipRelGap: 1e-4,
  leadMinShare: 0.25,
  weights: { lead: 1000, claimedLead: 10_000, nationInRegion: 10, preferredUnit: 1, unitDay: 0.01 },
} as const satisfies Required<Omit<PlanOptions, 'exportModel' | 'clock'>>;

/** Options with every default filled in. */
export function resolveOptions(options: PlanOptions = {}): {
  readonly timeLimitS: number;
  readonly mipRelGap: number;
  readonly leadMinShare: number;
  readonly weights: SecondaryWeights;
  readonly clock: () => number;
} {
  return {
    clock: options.clock ?? (() => 0),
    timeLimitS: options.timeLimitS ?? DEFAULT_PLAN_OPTIONS.timeLimitS,
    mipRelGap: options.mipRelGap ?? DEFAULT_PLAN_OPTIONS.mipRelGap,
    leadMinShare: options.leadMinShare ?? DEFAULT_PLAN_OPTIONS.leadMinShare,
    weights: { ...DEFAULT_PLAN_OPTIONS.weights, ...options.weights },
  };
}

/** Requirements grouped by cell, with each cell's total priority weight. */
export function cellsOf(
  p: Prepared,
): ReadonlyMap<string, { readonly cell: Cell; readonly weight: number; readonly reqs: readonly number[] }> {
  const cells = new Map<string, { cell: Cell; weight: number; reqs: number[] }>();
  p.requirements.forEach((r, i) => {
    const key = cellKey(r);
    const entry = cells.get(key) ?? {
      cell: { region: r.region, lineOfEffort: r.lineOfEffort },
      weight: 0,
      reqs: [],
    };
    entry.weight += p.weights[i]!;
    entry.reqs.push(i);
    cells.set(key, entry);
  });
  return cells;
}

/** Each nation's share of each cell's priority-weighted requirement: cell key → nation → share. */
export function cellShares(
  p: Prepared,
  allocations: readonly Allocation[],
): ReadonlyMap<string, ReadonlyMap<string, number>> {
  const reqIndex = new Map(p.requirements.map((r, i) => [r.id, i]));
  const nationOf = new Map(p.offers.map((o) => [o.id, o.nation]));
  const shares = shareSums(p);
  for (const a of allocations) {
    const i = reqIndex.get(a.requirementId);
    const nation = nationOf.get(a.offerId);
    if (i !== undefined && nation !== undefined) shares.add(i, nation, a.quantity);
  }
  return shares.byCell;
}

/**
 * The same shares from units per (class, requirement) pair, without splitting them into offers
 * first: a class belongs to one nation, so the sums are the same.
 */
export function pairShares(
  p: Prepared,
  units: ArrayLike<number>,
): ReadonlyMap<string, ReadonlyMap<string, number>> {
  const shares = shareSums(p);
  for (let k = 0; k < units.length; k++) {
    const { cls, req } = p.pairs[k]!;
    if (units[k]! > 0) shares.add(req, p.classes[cls]!.nation, units[k]!);
  }
  return shares.byCell;
}

/** Sums of shares per cell and nation, added to one (requirement, nation, units) at a time. */
function shareSums(p: Prepared) {
  const cells = cellsOf(p);
  const byCell = new Map<string, Map<string, number>>();
  const add = (req: number, nation: string, units: number) => {
    const r = p.requirements[req]!;
    const key = cellKey(r);
    const byNation = byCell.get(key) ?? new Map<string, number>();
    const share = (p.weights[req]! * Math.min(units, r.quantity)) / r.quantity / cells.get(key)!.weight;
    byNation.set(nation, (byNation.get(nation) ?? 0) + share);
    byCell.set(key, byNation);
  };
  return { byCell, add };
}

/** Picks, per cell, the claimant if it delivers the minimum share, else the largest contributor that does. */
export function chooseLeads(
  p: Prepared,
  allocations: readonly Allocation[],
  minShare: number,
): readonly LeadChoice[] {
  return leadsOf(p, cellShares(p, allocations), minShare);
}

/** {@link chooseLeads} on shares already summed per cell and nation. */
export function leadsOf(
  p: Prepared,
  shares: ReadonlyMap<string, ReadonlyMap<string, number>>,
  minShare: number,
): readonly LeadChoice[] {
  const claims = new Set((p.input.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`));
  const leads: LeadChoice[] = [];
  for (const [key, byNation] of shares) {
    const eligible = [...byNation].filter(([, share]) => share >= minShare - 1e-9);
    eligible.sort(
      ([na, a], [nb, b]) =>
        Number(claims.has(`${key}|${nb}`)) - Number(claims.has(`${key}|${na}`)) ||
        // Equal shares summed in another order may differ in the last bit: the name decides.
        (Math.abs(b - a) > 1e-9 ? b - a : 0) ||
        (na < nb ? -1 : 1),
    );
    const best = eligible[0];
    if (!best) continue;
    const [region = '', lineOfEffort = ''] = key.split('|');
    leads.push({ region, lineOfEffort, nation: best[0], share: best[1] });
  }
  return leads;
}

/** The figures of an allocation and lead choice (see {@link PlanMetrics}). */
export function planMetrics(
  p: Prepared,
  allocations: readonly Allocation[],
  leads: readonly LeadChoice[],
  weights: SecondaryWeights,
): PlanMetrics {
  const reqById = new Map<string, Requirement>(p.requirements.map((r) => [r.id, r]));
  const weightById = new Map(p.requirements.map((r, i) => [r.id, p.weights[i]!]));
  const offerById = new Map(p.offers.map((o) => [o.id, o]));
  const given = new Map<string, number>();
  const pairs = new Set<string>();
  let units = 0;
  let unitDays = 0;
  let preferred = 0;
  for (const a of allocations) {
    const r = reqById.get(a.requirementId);
    const o = offerById.get(a.offerId);
    if (!r || !o || a.quantity <= 0) continue;
    given.set(r.id, (given.get(r.id) ?? 0) + a.quantity);
    pairs.add(`${o.nation}|${r.region}`);
    units += a.quantity;
    unitDays += a.quantity * o.daysToDeploy;
    if (r.preferredNations?.includes(o.nation)) preferred += a.quantity;
  }
  let covered = 0;
  let total = 0;
  for (const r of p.requirements) {
    const w = weightById.get(r.id)!;
    total += w;
    covered += w * Math.min(1, (given.get(r.id) ?? 0) / r.quantity);
  }
  const claims = new Set((p.input.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`));
  const claimed = leads.filter((l) => claims.has(`${cellKey(l)}|${l.nation}`)).length;
  return {
    coverage: total === 0 ? 1 : covered / total,
    unitsRequired: p.requirements.reduce((sum, r) => sum + r.quantity, 0),
    unitsAllocated: units,
    meanDaysToDeploy: units === 0 ? 0 : unitDays / units,
    nationRegionPairs: pairs.size,
    activeCells: cellsOf(p).size,
    cellsWithLead: leads.length,
    preferredUnits: preferred,
    secondaryObjective:
      -weights.lead * leads.length -
      weights.claimedLead * claimed +
      weights.nationInRegion * pairs.size -
      weights.preferredUnit * preferred +
      weights.unitDay * unitDays,
  };
}

/** Puts a plan together: figures and shortfall explanations from the allocation. */
export function assemblePlan(
  p: Prepared,
  status: PlanStatus,
  allocations: readonly Allocation[],
  leads: readonly LeadChoice[],
  weights: SecondaryWeights,
  minShare: number,
  notes: readonly string[],
): Plan {
  return {
    status,
    allocations,
    leads,
    metrics: planMetrics(p, allocations, leads, weights),
    shortfalls: shortfalls(p, allocations),
    claims: claimOutcomes(p, allocations, leads, minShare),
    rejected: p.rejected,
    notes,
  };
}

/** Hands each class's units, requirement by requirement, to its offers in id order. */
export function disaggregate(p: Prepared, units: ReadonlyMap<number, number>): readonly Allocation[] {
  const left = new Map<string, number>();
  const allocations: Allocation[] = [];
  p.pairs.forEach((pair, k) => {
    let need = units.get(k) ?? 0;
    for (const o of p.classes[pair.cls]!.offers) {
      if (need <= 0) break;
      const spare = left.get(o.id) ?? o.quantity;
      const take = Math.min(spare, need);
      if (take <= 0) continue;
      left.set(o.id, spare - take);
      need -= take;
      allocations.push({ offerId: o.id, requirementId: p.requirements[pair.req]!.id, quantity: take });
    }
  });
  return allocations;
}
