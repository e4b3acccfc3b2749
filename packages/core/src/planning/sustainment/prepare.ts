/**
 * The sustainment input checked and laid out by month: each requirement's need per month,
 * each offer's units per month (from its start, its mandate and its duration caveat), its
 * rotation budget, and which (offer, requirement) pairs may serve in which month. The MILP,
 * the rolling-horizon planner, the checker and the explanations all read this one layout.
 */
import type { Offer } from '../../coalition/index.ts';
import { prepare as prepareSingle, type RefusalMemo, refusalMemo } from '../feasibility.ts';
import type { CandidateReason, RejectedInput, Requirement } from '../types.ts';
import { lastMandateMonth, monthKey, monthNumber, monthStartMs } from './months.ts';
import type { OfferRotation, SustainmentInput, SustainmentOptions, SustainmentReason } from './types.ts';
import { validateRotation, validateTimeline } from './validate.ts';
import { offerRotation } from './words.ts';

/** Defaults of {@link SustainmentOptions}. */
export const DEFAULT_SUSTAINMENT_OPTIONS = {
  overlapDays: 14,
  assumeRenewal: true,
  timeLimitS: 10,
  mipRelGap: 1e-3,
  leadMinShare: 0.25,
  leadChangeCost: 3,
} as const;

/** Options with every default filled in. */
export type ResolvedSustainmentOptions = Required<Omit<SustainmentOptions, 'clock'>> & {
  readonly clock: () => number;
};

/** {@link SustainmentOptions} with defaults. */
export function resolveSustainmentOptions(o: SustainmentOptions = {}): ResolvedSustainmentOptions {
  return {
    overlapDays: o.overlapDays ?? DEFAULT_SUSTAINMENT_OPTIONS.overlapDays,
    assumeRenewal: o.assumeRenewal ?? DEFAULT_SUSTAINMENT_OPTIONS.assumeRenewal,
    timeLimitS: o.timeLimitS ?? DEFAULT_SUSTAINMENT_OPTIONS.timeLimitS,
    mipRelGap: o.mipRelGap ?? DEFAULT_SUSTAINMENT_OPTIONS.mipRelGap,
    leadMinShare: o.leadMinShare ?? DEFAULT_SUSTAINMENT_OPTIONS.leadMinShare,
    leadChangeCost: o.leadChangeCost ?? DEFAULT_SUSTAINMENT_OPTIONS.leadChangeCost,
    clock: o.clock ?? (() => 0),
  };
}

/**
 * An offer's rotation as the planner uses it. In any `window` consecutive months (a tour plus
 * its recovery) the offer's contingents can fill at most `budget` unit-months: each of its
 * `quantity` posts is backed by 1 + rotationalUnits contingents, each deployable for one tour
 * per window. With enough contingents (the rule of three: 6 months deployed, 12 recovering,
 * three contingents) the budget never binds and the posts are held without a break.
 */
export interface RotationLimit {
  readonly window: number;
  readonly budget: number;
  /** False when the budget can never bind (continuous presence is possible). */
  readonly binding: boolean;
  readonly monthsDeployed: number;
}

/** The input laid out by month. Month index t is horizon month `h0 + t`. */
export interface SustainmentPrepared {
  readonly input: SustainmentInput;
  readonly options: ResolvedSustainmentOptions;
  readonly h0: number;
  readonly months: number;
  readonly offers: readonly Offer[];
  readonly requirements: readonly Requirement[];
  readonly weights: readonly number[];
  /** need[r][t]: units requirement r needs in month t (0 when not needed then). */
  readonly need: readonly (readonly number[])[];
  /** cap[o][t]: units offer o may have in theatre in month t (0 before its start, after its mandate or duration). */
  readonly cap: readonly (readonly number[])[];
  readonly rotations: readonly OfferRotation[];
  readonly limits: readonly RotationLimit[];
  /** Share of a unit-month an incoming contingent spends overlapping the outgoing one. */
  readonly overlap: number;
  /** Pairs (offer, requirement) of the same capability that may serve in at least one month. */
  readonly pairs: readonly SustainmentPair[];
  /** Pair indices by requirement, and by offer. */
  readonly pairsOfReq: readonly (readonly number[])[];
  readonly pairsOfOffer: readonly (readonly number[])[];
  readonly rejected: readonly RejectedInput[];
  /** Why offer o may not serve requirement r in month t (caveat, readiness), or null. */
  readonly refusalAt: (o: number, r: number, t: number) => CandidateReason | null;
  /** Why offer o has no units in month t (not yet, mandate, duration), or null. */
  readonly unavailable: (o: number, t: number) => SustainmentReason | null;
}

/** A pair and the months in which it may serve (needed, available, allowed). */
export interface SustainmentPair {
  readonly o: number;
  readonly r: number;
  /** ok[t] is true when offer o may serve requirement r in month t. */
  readonly ok: readonly boolean[];
}

/** Checks and lays out the input (see {@link SustainmentPrepared}). */
export function prepareSustainment(
  input: SustainmentInput,
  options?: SustainmentOptions,
): SustainmentPrepared {
  const opts = resolveSustainmentOptions(options);
  const h0 = monthNumber(input.horizon.start);
  const months = input.horizon.months;
  if (Number.isNaN(h0) || !Number.isInteger(months) || months < 1 || months > 120)
    throw new RangeError(`the horizon must start at a YYYY-MM month and last 1 to 120 months`);
  const single = prepareSingle(input.base);
  const rejected: RejectedInput[] = [...single.rejected];

  // Requirements: need per month from the timeline (the whole horizon without one).
  const requirements: Requirement[] = [];
  const need: number[][] = [];
  for (const r of single.requirements) {
    const timeline = input.timelines[r.id];
    const row = new Array<number>(months).fill(timeline ? 0 : r.quantity);
    if (timeline) {
      const problem = validateTimeline(timeline)[0];
      if (problem) {
        rejected.push({ kind: 'requirement', id: r.id, reason: `${problem.field}: ${problem.message}` });
        continue;
      }
      const start = monthNumber(timeline.start);
      const end = timeline.end === null ? h0 + months - 1 : monthNumber(timeline.end);
      for (let t = 0; t < months; t++) if (h0 + t >= start && h0 + t <= end) row[t] = r.quantity;
      for (const c of timeline.sizeChanges) {
        const from = monthNumber(c.from);
        const to = c.to === null ? end : monthNumber(c.to);
        for (let t = 0; t < months; t++) if (h0 + t >= from && h0 + t <= to) row[t] = c.quantity;
      }
      if (row.every((q) => q === 0)) {
        rejected.push({
          kind: 'requirement',
          id: r.id,
          reason: `it is not needed in any month of the horizon (${monthKey(h0)} to ${monthKey(h0 + months - 1)})`,
        });
        continue;
      }
    }
    requirements.push(r);
    need.push(row);
  }
  const weights = requirements.map((r) => r.weight ?? 2 ** (5 - r.priority));

  // Offers: units per month, rotation limits.
  const offers: Offer[] = [];
  const rotations: OfferRotation[] = [];
  for (const o of single.offers) {
    const stated = input.rotations[o.id];
    const rotation: OfferRotation = offerRotation(o, stated, h0);
    const problem = stated ? validateRotation(stated)[0] : undefined;
    if (problem) {
      rejected.push({ kind: 'offer', id: o.id, reason: `${problem.field}: ${problem.message}` });
      continue;
    }
    offers.push(o);
    rotations.push(rotation);
  }
  const lastMonthOf = rotations.map((rot) => {
    const start = monthNumber(rot.availableFrom);
    let last = Number.POSITIVE_INFINITY;
    if (rot.maxMonths !== null) last = Math.min(last, start + rot.maxMonths - 1);
    if (rot.mandateEnds !== null && !(opts.assumeRenewal && rot.renewalExpected))
      last = Math.min(last, lastMandateMonth(rot.mandateEnds));
    return last;
  });
  const unavailable = (o: number, t: number): SustainmentReason | null => {
    const rot = rotations[o]!;
    const m = h0 + t;
    const start = monthNumber(rot.availableFrom);
    if (m < start)
      return {
        kind: 'not_yet',
        availableFrom: rot.availableFrom,
        message: `offer ${offers[o]!.id} is available from ${rot.availableFrom}`,
      };
    if (rot.maxMonths !== null && m > start + rot.maxMonths - 1)
      return {
        kind: 'duration',
        lastMonth: monthKey(start + rot.maxMonths - 1),
        message: `offer ${offers[o]!.id} is committed for ${rot.maxMonths} months, to ${monthKey(start + rot.maxMonths - 1)}`,
      };
    if (m > lastMonthOf[o]! && rot.mandateEnds !== null)
      return {
        kind: 'mandate',
        mandateEnds: rot.mandateEnds,
        renewalExpected: rot.renewalExpected,
        message: `the national mandate of offer ${offers[o]!.id} ends on ${rot.mandateEnds}`,
      };
    return null;
  };
  const cap = offers.map((o, i) =>
    Array.from({ length: months }, (_, t) => (unavailable(i, t) === null ? o.quantity : 0)),
  );
  const limits: RotationLimit[] = offers.map((o, i) => {
    const rot = rotations[i]!;
    const window = rot.monthsDeployed + rot.monthsRecovering;
    const contingents = 1 + rot.rotationalUnits;
    return {
      window,
      budget: o.quantity * contingents * rot.monthsDeployed,
      binding: contingents * rot.monthsDeployed < window,
      monthsDeployed: rot.monthsDeployed,
    };
  });

  // Caveats per month: an offer with a `valid_until` caveat is checked month by month, the
  // others once (no other caveat depends on the date).
  const memos = new Map<number, RefusalMemo>();
  const memoAt = (t: number) => {
    let memo = memos.get(t);
    if (!memo) {
      memo = refusalMemo({ ...input.base, atMs: monthStartMs(h0 + t) });
      memos.set(t, memo);
    }
    return memo;
  };
  const dated = offers.map((o) => o.caveats.some((c) => c.kind === 'valid_until'));
  const refusalAt = (o: number, r: number, t: number) =>
    memoAt(dated[o] ? t : 0).reason(offers[o]!, requirements[r]!);
  const allows = (o: number, r: number, t: number) =>
    memoAt(dated[o] ? t : 0).allows(offers[o]!, requirements[r]!);

  const offersOfCapability = new Map<string, number[]>();
  offers.forEach((o, i) => {
    offersOfCapability.set(o.capability, [...(offersOfCapability.get(o.capability) ?? []), i]);
  });
  const pairs: SustainmentPair[] = [];
  const pairsOfReq: number[][] = requirements.map(() => []);
  const pairsOfOffer: number[][] = offers.map(() => []);
  requirements.forEach((req, r) => {
    for (const o of offersOfCapability.get(req.capability) ?? []) {
      const ok = Array.from(
        { length: months },
        (_, t) => need[r]![t]! > 0 && cap[o]![t]! > 0 && allows(o, r, t),
      );
      if (!ok.some(Boolean)) continue;
      const k = pairs.push({ o, r, ok }) - 1;
      pairsOfReq[r]!.push(k);
      pairsOfOffer[o]!.push(k);
    }
  });

  return {
    input,
    options: opts,
    h0,
    months,
    offers,
    requirements,
    weights,
    need,
    cap,
    rotations,
    limits,
    overlap: opts.overlapDays / 30.4375,
    pairs,
    pairsOfReq,
    pairsOfOffer,
    rejected,
    refusalAt,
    unavailable,
  };
}

/**
 * The rotation windows of offer o as [first, last] month indices inside the horizon: every
 * window of `limit.window` months that starts in the horizon (windows reaching past its end
 * hold nothing beyond it), none when the limit cannot bind.
 */
export function rotationWindows(p: SustainmentPrepared, o: number): readonly [number, number][] {
  const limit = p.limits[o]!;
  if (!limit.binding) return [];
  const windows: [number, number][] = [];
  const lastStart = Math.max(0, p.months - limit.window);
  for (let w = 0; w <= lastStart; w++) windows.push([w, Math.min(p.months - 1, w + limit.window - 1)]);
  return windows;
}
