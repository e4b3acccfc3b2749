/**
 * The rolling-horizon planner: month by month, requirements in order of coverage value per unit
 * (priority weight ÷ units needed that month), each first from the offers that held it the month
 * before (no handover), then from the preferred, then the fastest. It never looks ahead, so it
 * spends a rotation's budget as soon as it can: the peer the MILP is measured against, and its
 * fallback and starting point.
 */
import { arrivals, type MonthlyUnits, overlapMonth } from './evaluate.ts';
import type { SustainmentPrepared } from './prepare.ts';

const EPS = 1e-9;

/**
 * Units per pair and month chosen period by period. With a `guide` (units per pair and month,
 * e.g. an LP solution rounded down), each requirement first takes the guide's units where the
 * rules allow them, then fills the rest as without one.
 */
export function rollingHorizonUnits(p: SustainmentPrepared, guide?: MonthlyUnits): MonthlyUnits {
  const x = p.pairs.map(() => new Array<number>(p.months).fill(0));
  const use = p.offers.map(() => new Array<number>(p.months).fill(0));
  const windowUse = (o: number, last: number) => {
    const limit = p.limits[o]!;
    let sum = 0;
    for (let t = Math.max(0, last - limit.window + 1); t <= last; t++) sum += use[o]![t]!;
    return sum;
  };
  const fits = (k: number, t: number, units: number): boolean => {
    const { o, r } = p.pairs[k]!;
    const prev = t > 0 ? x[k]![t - 1]! : 0;
    const arriving = t > 0 && p.need[r]![t - 1]! > 0 ? Math.max(0, units - prev) : 0;
    const overlap = arriving > 0 ? p.overlap * arriving : 0;
    const before = overlap > 0 && overlapMonth(p, o, t) === t - 1;
    if (use[o]![t]! + units + (before ? 0 : overlap) > p.cap[o]![t]! + EPS) return false;
    if (before && use[o]![t - 1]! + overlap > p.cap[o]![t - 1]! + EPS) return false;
    const limit = p.limits[o]!;
    if (!limit.binding) return true;
    if (windowUse(o, t) + units + overlap > limit.budget + EPS) return false;
    if (before && windowUse(o, t - 1) + overlap > limit.budget + EPS) return false;
    return true;
  };
  const apply = (k: number, t: number, units: number) => {
    const { o } = p.pairs[k]!;
    x[k]![t] = units;
    use[o]![t]! += units;
    const a = arrivals(p, x, k, t);
    if (a > 0) use[o]![overlapMonth(p, o, t)]! += p.overlap * a;
  };
  for (let t = 0; t < p.months; t++) {
    const order = p.requirements
      .map((_, r) => r)
      .filter((r) => p.need[r]![t]! > 0)
      .sort((a, b) => p.weights[b]! / p.need[b]![t]! - p.weights[a]! / p.need[a]![t]! || a - b);
    for (const r of order) {
      const req = p.requirements[r]!;
      const candidates = p.pairsOfReq[r]!.filter((k) => p.pairs[k]!.ok[t]);
      const before = (k: number) => (t > 0 ? x[k]![t - 1]! : 0);
      const incumbents = new Set(
        candidates.filter((k) => before(k) > 0).map((k) => p.offers[p.pairs[k]!.o]!.nation),
      );
      const preferred = (k: number) =>
        Number(req.preferredNations?.includes(p.offers[p.pairs[k]!.o]!.nation) ?? false);
      candidates.sort(
        (a, b) =>
          before(b) - before(a) ||
          Number(incumbents.has(p.offers[p.pairs[b]!.o]!.nation)) -
            Number(incumbents.has(p.offers[p.pairs[a]!.o]!.nation)) ||
          preferred(b) - preferred(a) ||
          p.offers[p.pairs[a]!.o]!.daysToDeploy - p.offers[p.pairs[b]!.o]!.daysToDeploy ||
          a - b,
      );
      let left = p.need[r]![t]!;
      if (guide)
        for (const k of [...candidates].sort((a, b) => guide[b]![t]! - guide[a]![t]! || a - b)) {
          let units = Math.min(left, Math.floor(guide[k]![t]! + EPS));
          if (units <= 0) break;
          while (units > 0 && !fits(k, t, units)) units--;
          if (units === 0) continue;
          apply(k, t, units);
          left -= units;
        }
      for (const k of candidates) {
        if (guide && x[k]![t]! > 0) continue;
        if (left === 0) break;
        let units = Math.min(left, p.cap[p.pairs[k]!.o]![t]!);
        while (units > 0 && !fits(k, t, units)) units--;
        if (units === 0) continue;
        apply(k, t, units);
        left -= units;
      }
    }
  }
  return x;
}
