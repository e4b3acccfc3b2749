/**
 * What an allocation by month amounts to, computed from the allocation alone so that the MILP,
 * the rolling-horizon planner and a stored plan are measured by one ruler: the checks every
 * plan must pass, coverage per month, commitment spans, handovers and stable leads.
 */
import { cellKey } from '../../coalition/index.ts';
import { monthKey } from './months.ts';
import type { SustainmentPrepared } from './prepare.ts';
import { rotationWindows } from './prepare.ts';
import type { CommitmentSpan, Handover, LeadSpan, MonthCoverage, SustainmentMetrics } from './types.ts';

/** Units per pair (index into `p.pairs`) and month: x[k][t]. */
export type MonthlyUnits = readonly (readonly number[])[];

const EPS = 1e-6;

/**
 * Units of pair k arriving in month t: more than it had the month before on a requirement that
 * was already needed then. Each arrival is a relief in place, so the incoming contingent spends
 * `p.overlap` of a unit-month beside the outgoing one (see {@link overlapMonth}).
 */
export function arrivals(p: SustainmentPrepared, x: MonthlyUnits, k: number, t: number): number {
  if (t === 0) return 0;
  const { r } = p.pairs[k]!;
  if (p.need[r]![t - 1]! === 0) return 0;
  return Math.max(0, x[k]![t]! - x[k]![t - 1]!);
}

/**
 * The month in which a contingent of offer o arriving in month t overlaps the one it relieves:
 * the month before when the offer has units then, else its arrival month (an offer's first
 * month starts with the overlap inside it).
 */
export function overlapMonth(p: SustainmentPrepared, o: number, t: number): number {
  return p.cap[o]![t - 1]! > 0 ? t - 1 : t;
}

/** use[o][t]: unit-months offer o spends in month t, in posts and in reliefs in place. */
export function offerUse(p: SustainmentPrepared, x: MonthlyUnits): number[][] {
  const use = p.offers.map(() => new Array<number>(p.months).fill(0));
  p.pairs.forEach(({ o }, k) => {
    for (let t = 0; t < p.months; t++) {
      use[o]![t]! += x[k]![t]!;
      const a = arrivals(p, x, k, t);
      if (a > 0) use[o]![overlapMonth(p, o, t)]! += p.overlap * a;
    }
  });
  return use;
}

/**
 * Every rule an allocation breaks, in words (an empty list for a sound plan): units only where
 * the pair may serve, no more than a requirement needs, no more than an offer has in a month
 * (reliefs in place included), and no more than its rotation allows in any window.
 */
export function checkAllocation(p: SustainmentPrepared, x: MonthlyUnits): readonly string[] {
  const problems: string[] = [];
  const given = p.requirements.map(() => new Array<number>(p.months).fill(0));
  p.pairs.forEach(({ o, r, ok }, k) => {
    for (let t = 0; t < p.months; t++) {
      const units = x[k]![t]!;
      if (!Number.isInteger(units) || units < 0)
        problems.push(
          `${p.offers[o]!.id} on ${p.requirements[r]!.id} in ${monthKey(p.h0 + t)}: ${units} is not a whole number of units`,
        );
      if (units > 0 && !ok[t])
        problems.push(`${p.offers[o]!.id} may not serve ${p.requirements[r]!.id} in ${monthKey(p.h0 + t)}`);
      given[r]![t]! += units;
    }
  });
  given.forEach((row, r) => {
    row.forEach((g, t) => {
      if (g > p.need[r]![t]!)
        problems.push(
          `${p.requirements[r]!.id} gets ${g} units in ${monthKey(p.h0 + t)}, needs ${p.need[r]![t]}`,
        );
    });
  });
  const use = offerUse(p, x);
  use.forEach((row, o) => {
    row.forEach((u, t) => {
      if (u > p.cap[o]![t]! + EPS)
        problems.push(
          `${p.offers[o]!.id} uses ${u.toFixed(2)} units in ${monthKey(p.h0 + t)}, has ${p.cap[o]![t]}`,
        );
    });
    for (const [a, b] of rotationWindows(p, o)) {
      let sum = 0;
      for (let t = a; t <= b; t++) sum += row[t]!;
      if (sum > p.limits[o]!.budget + EPS)
        problems.push(
          `${p.offers[o]!.id} serves ${sum.toFixed(2)} unit-months in ${monthKey(p.h0 + a)} to ${monthKey(p.h0 + b)}; its rotation allows ${p.limits[o]!.budget}`,
        );
    }
  });
  return problems;
}

/** given[r][t]: units requirement r gets in month t. */
export function givenUnits(p: SustainmentPrepared, x: MonthlyUnits): number[][] {
  const given = p.requirements.map(() => new Array<number>(p.months).fill(0));
  p.pairs.forEach(({ r }, k) => {
    for (let t = 0; t < p.months; t++) given[r]![t]! += x[k]![t]!;
  });
  return given;
}

/** Coverage per month and over the horizon (priority-weighted, as the single-period plan's). */
export function coverageOf(
  p: SustainmentPrepared,
  given: readonly (readonly number[])[],
): { byMonth: MonthCoverage[]; total: number; required: number; allocated: number } {
  const byMonth: MonthCoverage[] = [];
  let num = 0;
  let den = 0;
  let required = 0;
  let allocated = 0;
  for (let t = 0; t < p.months; t++) {
    let n = 0;
    let d = 0;
    let req = 0;
    let all = 0;
    p.requirements.forEach((_, r) => {
      const needed = p.need[r]![t]!;
      if (needed === 0) return;
      const w = p.weights[r]!;
      n += w * Math.min(1, given[r]![t]! / needed);
      d += w;
      req += needed;
      all += Math.min(needed, given[r]![t]!);
    });
    byMonth.push({
      month: monthKey(p.h0 + t),
      coverage: d === 0 ? 1 : n / d,
      unitsRequired: req,
      unitsAllocated: all,
    });
    num += n;
    den += d;
    required += req;
    allocated += all;
  }
  return { byMonth, total: den === 0 ? 1 : num / den, required, allocated };
}

/** The allocation as spans of consecutive months at one quantity. */
export function commitmentSpans(p: SustainmentPrepared, x: MonthlyUnits): CommitmentSpan[] {
  const spans: CommitmentSpan[] = [];
  p.pairs.forEach(({ o, r }, k) => {
    let t = 0;
    while (t < p.months) {
      const q = x[k]![t]!;
      if (q === 0) {
        t++;
        continue;
      }
      let end = t;
      while (end + 1 < p.months && x[k]![end + 1] === q) end++;
      spans.push({
        offerId: p.offers[o]!.id,
        nation: p.offers[o]!.nation,
        requirementId: p.requirements[r]!.id,
        from: monthKey(p.h0 + t),
        to: monthKey(p.h0 + end),
        quantity: q,
      });
      t = end + 1;
    }
  });
  return spans.sort(
    (a, b) =>
      a.requirementId.localeCompare(b.requirementId) ||
      a.from.localeCompare(b.from) ||
      a.offerId.localeCompare(b.offerId),
  );
}

/**
 * Reliefs in place (units of one offer leave a requirement and another's arrive the same
 * month) and rotations (an offer holds a post past a tour, so its next contingent takes over).
 */
export function handoversOf(p: SustainmentPrepared, x: MonthlyUnits): Handover[] {
  const handovers: Handover[] = [];
  p.requirements.forEach((req, r) => {
    const ks = p.pairsOfReq[r]!;
    const run = new Map<number, number>();
    for (let t = 0; t < p.months; t++) {
      if (t > 0 && p.need[r]![t - 1]! > 0 && p.need[r]![t]! > 0) {
        const leaving = ks.filter((k) => x[k]![t]! < x[k]![t - 1]!);
        const coming = ks.filter((k) => x[k]![t]! > x[k]![t - 1]!);
        if (leaving.length > 0 && coming.length > 0)
          handovers.push({
            requirementId: req.id,
            month: monthKey(p.h0 + t),
            kind: 'relief_in_place',
            fromNations: [...new Set(leaving.map((k) => p.offers[p.pairs[k]!.o]!.nation))].sort(),
            toNations: [...new Set(coming.map((k) => p.offers[p.pairs[k]!.o]!.nation))].sort(),
            units: coming.reduce((s, k) => s + x[k]![t]! - x[k]![t - 1]!, 0),
          });
      }
      for (const k of ks) {
        const length = x[k]![t]! > 0 ? (run.get(k) ?? 0) + 1 : 0;
        run.set(k, length);
        const tour = p.limits[p.pairs[k]!.o]!.monthsDeployed;
        if (length > tour && (length - 1) % tour === 0) {
          const nation = p.offers[p.pairs[k]!.o]!.nation;
          handovers.push({
            requirementId: req.id,
            month: monthKey(p.h0 + t),
            kind: 'rotation',
            fromNations: [nation],
            toNations: [nation],
            units: Math.min(x[k]![t]!, x[k]![t - 1]!),
          });
        }
      }
    }
  });
  return handovers.sort(
    (a, b) => a.month.localeCompare(b.month) || a.requirementId.localeCompare(b.requirementId),
  );
}

/**
 * The lead of each cell month by month: a nation may lead where it delivers `leadMinShare` of
 * the cell's priority-weighted need that month. Among those, a dynamic programme over the months
 * keeps the most months with a lead, less `leadChangeCost` months for each change of lead
 * nation, and prefers a nation that claimed the cell; so a lead stays unless it must go.
 */
export function stableLeads(
  p: SustainmentPrepared,
  x: MonthlyUnits,
): { spans: LeadSpan[]; changes: number; withLead: number; active: number } {
  const claims = new Set((p.input.base.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`));
  const cells = new Map<string, number[]>();
  p.requirements.forEach((req, r) => {
    cells.set(cellKey(req), [...(cells.get(cellKey(req)) ?? []), r]);
  });
  const spans: LeadSpan[] = [];
  let changes = 0;
  let withLead = 0;
  let active = 0;
  for (const [key, reqs] of [...cells].sort(([a], [b]) => a.localeCompare(b))) {
    const { region, lineOfEffort } = p.requirements[reqs[0]!]!;
    // share[t]: nation → share of the cell it delivers in month t.
    const share: Map<string, number>[] = [];
    for (let t = 0; t < p.months; t++) {
      const m = new Map<string, number>();
      let total = 0;
      for (const r of reqs) if (p.need[r]![t]! > 0) total += p.weights[r]!;
      if (total > 0) {
        active++;
        for (const r of reqs) {
          if (p.need[r]![t]! === 0) continue;
          for (const k of p.pairsOfReq[r]!) {
            const units = x[k]![t]!;
            if (units === 0) continue;
            const nation = p.offers[p.pairs[k]!.o]!.nation;
            m.set(nation, (m.get(nation) ?? 0) + (p.weights[r]! * units) / p.need[r]![t]! / total);
          }
        }
      }
      share.push(new Map([...m].filter(([, s]) => s >= p.options.leadMinShare - EPS)));
    }
    // Viterbi over states: '' (no lead yet), `n` (n leads this month) and `~n` (no lead this
    // month; n led last), so a change of lead costs the same across a month without one.
    const score: Map<string, number>[] = [];
    const back: Map<string, string>[] = [];
    const lastOf = (q: string) => (q.startsWith('~') ? q.slice(1) : q);
    for (let t = 0; t < p.months; t++) {
      const previous = t === 0 ? new Map([['', 0]]) : score[t - 1]!;
      const now = new Map<string, number>();
      const from = new Map<string, string>();
      const offer = (state: string, q: string, value: number) => {
        if (value > (now.get(state) ?? Number.NEGATIVE_INFINITY)) {
          now.set(state, value);
          from.set(state, q);
        }
      };
      for (const [q, v] of previous) {
        const last = lastOf(q);
        offer(last === '' ? '' : `~${last}`, q, v);
        for (const [n, sh] of share[t]!) {
          const cost = last !== '' && last !== n ? p.options.leadChangeCost : 0;
          offer(n, q, v - cost + 1 + (claims.has(`${key}|${n}`) ? 0.5 : 0) + sh * 1e-3);
        }
      }
      score.push(now);
      back.push(from);
    }
    const path = new Array<string>(p.months).fill('');
    let state = [...score[p.months - 1]!].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    for (let t = p.months - 1; t >= 0; t--) {
      path[t] = state.startsWith('~') ? '' : state;
      state = back[t]!.get(state)!;
    }
    // A change counts across months without a lead too: the cell's last lead differs.
    let lastLead = '';
    for (let t = 0; t < p.months; t++) {
      if (path[t] === '') continue;
      withLead++;
      if (lastLead !== '' && lastLead !== path[t]) changes++;
      lastLead = path[t]!;
      const last = spans.at(-1);
      if (
        last &&
        last.region === region &&
        last.lineOfEffort === lineOfEffort &&
        last.nation === path[t] &&
        path[t - 1] === path[t]
      )
        spans[spans.length - 1] = { ...last, to: monthKey(p.h0 + t) };
      else
        spans.push({
          region,
          lineOfEffort,
          nation: path[t]!,
          from: monthKey(p.h0 + t),
          to: monthKey(p.h0 + t),
        });
    }
  }
  return { spans, changes, withLead, active };
}

/** The figures of an allocation. */
export function sustainmentMetrics(
  p: SustainmentPrepared,
  x: MonthlyUnits,
): {
  metrics: SustainmentMetrics;
  coverageByMonth: MonthCoverage[];
  handovers: Handover[];
  leads: LeadSpan[];
  given: number[][];
} {
  const given = givenUnits(p, x);
  const coverage = coverageOf(p, given);
  const handovers = handoversOf(p, x);
  const leads = stableLeads(p, x);
  return {
    given,
    coverageByMonth: coverage.byMonth,
    handovers,
    leads: leads.spans,
    metrics: {
      coverage: coverage.total,
      unitMonthsRequired: coverage.required,
      unitMonthsAllocated: coverage.allocated,
      reliefsInPlace: handovers.filter((h) => h.kind === 'relief_in_place').length,
      rotations: handovers.filter((h) => h.kind === 'rotation').length,
      leadChanges: leads.changes,
      cellMonthsWithLead: leads.withLead,
      activeCellMonths: leads.active,
    },
  };
}

/** No plan covers more: each requirement-month alone, with every unit that may serve it. */
export function coverageCeiling(p: SustainmentPrepared): number {
  let num = 0;
  let den = 0;
  p.requirements.forEach((_, r) => {
    for (let t = 0; t < p.months; t++) {
      const needed = p.need[r]![t]!;
      if (needed === 0) continue;
      let could = 0;
      for (const k of p.pairsOfReq[r]!) if (p.pairs[k]!.ok[t]) could += p.cap[p.pairs[k]!.o]![t]!;
      num += p.weights[r]! * Math.min(1, could / needed);
      den += p.weights[r]!;
    }
  });
  return den === 0 ? 1 : num / den;
}
