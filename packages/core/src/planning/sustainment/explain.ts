/**
 * Why a requirement is short in some months, offer by offer, and the mandate cliffs: the months
 * where coverage falls because a nation's mandate ends (or would, if an expected renewal does
 * not come), its rotations run out or its offer's duration ends, with the next-best fill.
 */
import { indexCatalogue, quantityInWords, SHIPPED_CATALOGUE } from '../../coalition/index.ts';
import { nationName } from '../../reference/nations.ts';
import type { Requirement } from '../types.ts';
import { type MonthlyUnits, offerUse } from './evaluate.ts';
import { lastMandateMonth, monthInWords, monthKey } from './months.ts';
import type { SustainmentPrepared } from './prepare.ts';
import {
  type Cliff,
  type CliffCause,
  type Fill,
  MAX_CANDIDATES,
  type SustainmentCandidate,
  type SustainmentReason,
  type UncoveredSpan,
} from './types.ts';

const EPS = 1e-6;

/** "Monitoring team in Kyiv (R-02)". */
export function requirementInWords(p: SustainmentPrepared, r: Requirement): string {
  const index = indexCatalogue(p.input.base.catalogue ?? SHIPPED_CATALOGUE);
  const what = index.capability.get(r.capability)?.name ?? r.capability.replaceAll('_', ' ');
  const where = index.region.get(r.region)?.name ?? r.region;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} in ${where} (${r.id})`;
}

const nation = (iso3: string) => nationName(iso3) ?? iso3;
const unitOf = (p: SustainmentPrepared, capability: string) =>
  indexCatalogue(p.input.base.catalogue ?? SHIPPED_CATALOGUE).capability.get(capability)?.unit ?? 'unit';

/** Helpers over one allocation: offers' use per month and their rotation headroom. */
function ledger(p: SustainmentPrepared, x: MonthlyUnits) {
  const use = offerUse(p, x);
  /** The fullest rotation window holding month t, or null when none binds. */
  const fullest = (o: number, t: number) => {
    const limit = p.limits[o]!;
    if (!limit.binding) return null;
    let best = { used: 0, a: 0, b: 0 };
    const lastStart = Math.max(0, p.months - limit.window);
    for (let a = Math.max(0, t - limit.window + 1); a <= Math.min(t, lastStart); a++) {
      const b = Math.min(p.months - 1, a + limit.window - 1);
      let used = 0;
      for (let s = a; s <= b; s++) used += use[o]![s]!;
      if (used > best.used) best = { used, a, b };
    }
    return best;
  };
  /** Whole units offer o could still add in month t (posts and rotation). */
  const spare = (o: number, t: number) => {
    let free = p.cap[o]![t]! - use[o]![t]!;
    const w = fullest(o, t);
    if (w) free = Math.min(free, p.limits[o]!.budget - w.used);
    return Math.max(0, Math.floor(free + EPS));
  };
  return { use, fullest, spare };
}

/** One span per requirement and run of months short of units for the same reasons. */
export function uncoveredSpans(
  p: SustainmentPrepared,
  x: MonthlyUnits,
  given: readonly (readonly number[])[],
): UncoveredSpan[] {
  const { use, fullest, spare } = ledger(p, x);
  const offersOf = new Map<string, number[]>();
  p.offers.forEach((o, i) => {
    offersOf.set(o.capability, [...(offersOf.get(o.capability) ?? []), i]);
  });
  const pairOf = new Map<string, number>();
  p.pairs.forEach(({ o, r }, k) => {
    pairOf.set(`${o}|${r}`, k);
  });
  const result: UncoveredSpan[] = [];
  p.requirements.forEach((req, r) => {
    let open: {
      from: number;
      to: number;
      key: string;
      span: Omit<UncoveredSpan, 'from' | 'to' | 'summary'> & { all: Map<string, number> };
    } | null = null;
    const close = () => {
      if (!open) return;
      const { all, ...span } = open.span;
      result.push({
        ...span,
        counts: Object.fromEntries(all),
        from: monthKey(p.h0 + open.from),
        to: monthKey(p.h0 + open.to),
        summary: summaryOf(p, req, open.span, open.from, open.to),
      });
      open = null;
    };
    for (let t = 0; t < p.months; t++) {
      const needed = p.need[r]![t]!;
      if (needed === 0 || given[r]![t]! >= needed) {
        close();
        continue;
      }
      const candidates: SustainmentCandidate[] = (offersOf.get(req.capability) ?? []).map((o) => {
        const offer = p.offers[o]!;
        const reason = ((): SustainmentReason => {
          const away = p.unavailable(o, t);
          if (away) return away;
          const refused = p.refusalAt(o, r, t);
          if (refused) return refused;
          const k = pairOf.get(`${o}|${r}`);
          const givenHere = k === undefined ? 0 : x[k]![t]!;
          if (use[o]![t]! >= p.cap[o]![t]! - EPS || givenHere > 0) {
            const takenBy = p.pairsOfOffer[o]!.filter((j) => j !== k && x[j]![t]! > 0)
              .map((j) => ({
                requirementId: p.requirements[p.pairs[j]!.r]!.id,
                priority: p.requirements[p.pairs[j]!.r]!.priority,
                quantity: x[j]![t]!,
              }))
              .sort((a, b) => a.priority - b.priority || a.requirementId.localeCompare(b.requirementId));
            if (use[o]![t]! >= p.cap[o]![t]! - EPS || takenBy.length > 0)
              return {
                kind: 'capacity',
                givenHere,
                takenBy,
                message: `offer ${offer.id} has all its units in use in ${monthKey(p.h0 + t)}`,
              };
          }
          const w = fullest(o, t);
          if (w && spare(o, t) === 0)
            return {
              kind: 'rotation',
              used: Math.round(w.used * 100) / 100,
              budget: p.limits[o]!.budget,
              windowMonths: p.limits[o]!.window,
              message: `offer ${offer.id}'s contingents have served ${w.used.toFixed(1)} of the ${p.limits[o]!.budget} unit-months its rotation allows in ${monthKey(p.h0 + w.a)} to ${monthKey(p.h0 + w.b)}`,
            };
          return {
            kind: 'unused',
            spare: spare(o, t),
            message: `offer ${offer.id} has ${spare(o, t)} units spare in ${monthKey(p.h0 + t)}`,
          };
        })();
        return { offerId: offer.id, nation: offer.nation, reason };
      });
      const rank = (c: SustainmentCandidate) => RANK.indexOf(c.reason.kind);
      const kept = [...candidates].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_CANDIDATES);
      const span = {
        requirementId: req.id,
        required: needed,
        allocated: given[r]![t]!,
        candidates: kept,
        omitted: candidates.length - kept.length,
        all: summaryCounts(candidates),
      };
      const key = JSON.stringify({ ...span, all: [...span.all] });
      if (open && open.key === key && open.to === t - 1) open.to = t;
      else {
        close();
        open = { from: t, to: t, key, span };
      }
    }
    close();
  });
  return result;
}

/** The order in which candidates are kept: what the cell can act on first, caveats last. */
const RANK = ['unused', 'rotation', 'mandate', 'duration', 'not_yet', 'capacity', 'readiness', 'caveat'];

function summaryCounts(candidates: readonly SustainmentCandidate[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.reason.kind, (counts.get(c.reason.kind) ?? 0) + 1);
  return counts;
}

function summaryOf(
  p: SustainmentPrepared,
  req: Requirement,
  span: Omit<UncoveredSpan, 'from' | 'to' | 'summary'> & { all: Map<string, number> },
  from: number,
  to: number,
): string {
  const unit = unitOf(p, req.capability);
  const when =
    from === to
      ? `in ${monthInWords(p.h0 + from)}`
      : `from ${monthInWords(p.h0 + from)} to ${monthInWords(p.h0 + to)}`;
  const counts = span.all;
  const words: Record<string, string> = {
    caveat: 'forbidden by caveats',
    readiness: 'not ready in time',
    capacity: 'fully used elsewhere',
    unused: 'left with units spare',
    not_yet: 'not yet available',
    mandate: 'past their mandate',
    duration: 'past their committed duration',
    rotation: 'out of rotations',
  };
  const why =
    counts.size === 0
      ? 'no nation offers this capability'
      : [...counts].map(([kind, n]) => `${n} ${n === 1 ? 'offer' : 'offers'} ${words[kind]}`).join(', ');
  return `${requirementInWords(p, req)} has ${quantityInWords(span.allocated, unit)} of ${span.required} ${when}: ${why}.`;
}

/** The mandate cliffs of an allocation, month by month. */
export function cliffsOf(
  p: SustainmentPrepared,
  x: MonthlyUnits,
  given: readonly (readonly number[])[],
): Cliff[] {
  const { fullest, spare } = ledger(p, x);
  type Hit = { requirementId: string; r: number; lost: number; after: number; needed: number };
  const groups = new Map<
    string,
    { t: number; cause: CliffCause; nation: string; offers: Set<number>; hits: Map<number, Hit> }
  >();
  const add = (t: number, cause: CliffCause, o: number, r: number, lost: number, after: number) => {
    const n = p.offers[o]!.nation;
    const key = `${t}|${cause}|${n}`;
    const g = groups.get(key) ?? {
      t,
      cause,
      nation: n,
      offers: new Set<number>(),
      hits: new Map<number, Hit>(),
    };
    g.offers.add(o);
    const hit = g.hits.get(r) ?? {
      requirementId: p.requirements[r]!.id,
      r,
      lost: 0,
      after,
      needed: p.need[r]![t]!,
    };
    hit.lost += lost;
    hit.after = Math.min(hit.after, after);
    g.hits.set(r, hit);
    groups.set(key, g);
  };
  p.pairs.forEach(({ o, r }, k) => {
    for (let t = 1; t < p.months; t++) {
      const before = x[k]![t - 1]!;
      const lost = before - x[k]![t]!;
      if (lost <= 0 || p.need[r]![t]! === 0) continue;
      // Only where the requirement ends up shorter than it was.
      const shortBefore = p.need[r]![t - 1]! - given[r]![t - 1]!;
      const shortNow = p.need[r]![t]! - given[r]![t]!;
      if (shortNow <= Math.max(0, shortBefore)) continue;
      const away = p.unavailable(o, t);
      const cause: CliffCause | null =
        away?.kind === 'mandate'
          ? 'mandate_end'
          : away?.kind === 'duration'
            ? 'duration'
            : (() => {
                const w = fullest(o, t);
                return w && w.used >= p.limits[o]!.budget - 1 + EPS ? 'rotation' : null;
              })();
      if (cause) add(t, cause, o, r, Math.min(lost, shortNow), given[r]![t]!);
    }
  });
  // Expected renewals the plan counts on: what falls if one does not come.
  if (p.options.assumeRenewal)
    p.rotations.forEach((rot, o) => {
      if (rot.mandateEnds === null || !rot.renewalExpected) return;
      const t = lastMandateMonth(rot.mandateEnds) + 1 - p.h0;
      if (t < 0 || t >= p.months) return;
      for (const k of p.pairsOfOffer[o]!) {
        const units = x[k]![t]!;
        if (units > 0) add(t, 'mandate_renewal', o, p.pairs[k]!.r, units, given[p.pairs[k]!.r]![t]! - units);
      }
    });

  const cliffs: Cliff[] = [];
  for (const g of groups.values()) {
    const hits = [...g.hits.values()].sort((a, b) => a.requirementId.localeCompare(b.requirementId));
    const fills = new Map<number, number>();
    for (const h of hits)
      for (const k of p.pairsOfReq[h.r]!) {
        const { o } = p.pairs[k]!;
        if (g.offers.has(o) || !p.pairs[k]!.ok[g.t]) continue;
        const units = Math.min(spare(o, g.t), h.lost);
        if (units > 0) fills.set(o, Math.max(fills.get(o) ?? 0, units));
      }
    const nextBestFill: Fill[] = [...fills]
      .sort(([a, ua], [b, ub]) => ub - ua || p.offers[a]!.daysToDeploy - p.offers[b]!.daysToDeploy || a - b)
      .slice(0, 5)
      .map(([o, units]) => ({ offerId: p.offers[o]!.id, nation: p.offers[o]!.nation, units }));
    cliffs.push({
      month: monthKey(p.h0 + g.t),
      cause: g.cause,
      nation: g.nation,
      offerIds: [...g.offers].map((o) => p.offers[o]!.id).sort(),
      requirements: hits.map(({ requirementId, lost, after, needed }) => ({
        requirementId,
        lost,
        after,
        needed,
      })),
      nextBestFill,
      message: cliffInWords(p, g.t, g.cause, g.nation, [...g.offers], hits, nextBestFill),
    });
  }
  return cliffs.sort(
    (a, b) =>
      a.month.localeCompare(b.month) || a.nation.localeCompare(b.nation) || a.cause.localeCompare(b.cause),
  );
}

function cliffInWords(
  p: SustainmentPrepared,
  t: number,
  cause: CliffCause,
  iso3: string,
  offers: readonly number[],
  hits: readonly { r: number; lost: number; after: number; needed: number }[],
  fills: readonly Fill[],
): string {
  const who = nation(iso3);
  const rot = p.rotations[offers[0]!]!;
  const why = {
    mandate_end: `the national mandate of ${who} ends (${rot.mandateEnds})${rot.renewalExpected ? ', and the plan does not count on its renewal' : ' with no renewal expected'}`,
    mandate_renewal: `the national mandate of ${who} ends (${rot.mandateEnds}); its renewal is expected, and if it does not come`,
    rotation: `the rotations of ${who} run out (${rot.rotationalUnits} rotational ${rot.rotationalUnits === 1 ? 'unit' : 'units'} behind each post, ${rot.monthsDeployed} months deployed, ${rot.monthsRecovering} to recover)`,
    duration: `the commitment of ${who} ends (${rot.maxMonths} months from ${rot.availableFrom})`,
  }[cause];
  const losses = hits
    .map((h) => {
      const req = p.requirements[h.r]!;
      return `${requirementInWords(p, req)} loses ${quantityInWords(h.lost, unitOf(p, req.capability))} and has ${h.after} of ${h.needed}`;
    })
    .join('; ');
  const fill =
    fills.length === 0
      ? 'no other offer has units to spare for it that month'
      : `the next-best fill is ${fills.map((f) => `${nation(f.nation)} (offer ${f.offerId}, ${f.units} spare)`).join(', ')}`;
  return `In ${monthInWords(p.h0 + t)} ${why}: ${losses}. ${fill.charAt(0).toUpperCase()}${fill.slice(1)}.`;
}
