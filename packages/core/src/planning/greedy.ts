/**
 * The greedy allocator: the peer the benchmark measures the MILP against. Requirements are
 * served in order of coverage value per unit (priority weight ÷ quantity), each from the
 * preferred, then fastest, feasible offers.
 */
import { assemblePlan, chooseLeads, disaggregate, resolveOptions } from './evaluate.ts';
import { type Prepared, prepare } from './feasibility.ts';
import type { Plan, PlanInput, PlanOptions } from './types.ts';

/** Units per feasible pair (index into `p.pairs`) chosen greedily. */
export function greedyUnits(p: Prepared): ReadonlyMap<number, number> {
  const pairsOf = new Map<number, number[]>();
  p.pairs.forEach(({ req }, k) => {
    const list = pairsOf.get(req);
    if (list) list.push(k);
    else pairsOf.set(req, [k]);
  });
  const value = p.requirements.map((r, i) => p.weights[i]! / r.quantity);
  const order = p.requirements.map((_, i) => i).sort((a, b) => value[b]! - value[a]! || a - b);
  const left = p.classes.map((c) => c.capacity);
  const units = new Map<number, number>();
  for (const req of order) {
    const r = p.requirements[req]!;
    const preferred = (k: number) =>
      Number(r.preferredNations?.includes(p.classes[p.pairs[k]!.cls]!.nation) ?? false);
    const candidates = [...(pairsOf.get(req) ?? [])].sort(
      (a, b) =>
        preferred(b) - preferred(a) ||
        p.classes[p.pairs[a]!.cls]!.daysToDeploy - p.classes[p.pairs[b]!.cls]!.daysToDeploy ||
        a - b,
    );
    let need = r.quantity;
    for (const k of candidates) {
      if (need === 0) break;
      const cls = p.pairs[k]!.cls;
      const take = Math.min(need, left[cls]!);
      if (take === 0) continue;
      left[cls]! -= take;
      need -= take;
      units.set(k, take);
    }
  }
  return units;
}

/** The greedy plan for `input`, with leads chosen from what each nation ended up delivering. */
export function planGreedy(input: PlanInput, options?: PlanOptions): Plan {
  const opts = resolveOptions(options);
  const p = prepare(input);
  const allocations = disaggregate(p, greedyUnits(p));
  return assemblePlan(
    p,
    'greedy',
    allocations,
    chooseLeads(p, allocations, opts.leadMinShare),
    opts.weights,
    opts.leadMinShare,
    [`greedy: ${p.pairs.length} feasible (class, requirement) pairs`],
  );
}
