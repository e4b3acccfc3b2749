/**
 * Which offer may serve which requirement, shared by the MILP, the greedy allocator and the
 * explanations so that all three agree. Offers that the model cannot tell apart (same nation,
 * capability, days to deploy, caveats and readiness verdict) are pooled into one class: the
 * solver sees one column per (class, requirement) instead of one per (offer, requirement), and
 * the class's units are handed back to its offers in id order afterwards. That is exact, not
 * an approximation, because every term of the model depends only on what the class key holds.
 */
import {
  type Catalogue,
  type CaveatViolation,
  checkCaveats,
  indexCatalogue,
  isRole,
  type Offer,
  READINESS_STAGES,
  SHIPPED_CATALOGUE,
  validateOffer,
} from '../coalition/index.ts';
import {
  type CandidateReason,
  type PlanInput,
  type RejectedInput,
  type Requirement,
  requirementWeight,
} from './types.ts';

/** Offers the model treats as one pool. */
export interface OfferClass {
  readonly nation: string;
  readonly capability: string;
  readonly daysToDeploy: number;
  /** Members in id order; units are handed out in this order. */
  readonly offers: readonly Offer[];
  readonly capacity: number;
}

/** A (class, requirement) pair that passes caveats and readiness. */
export interface FeasiblePair {
  readonly cls: number;
  readonly req: number;
}

/** The input, checked and indexed for the allocators. */
export interface Prepared {
  readonly input: PlanInput;
  readonly catalogue: Catalogue;
  readonly offers: readonly Offer[];
  readonly requirements: readonly Requirement[];
  /** Priority weight of each requirement, by index. */
  readonly weights: readonly number[];
  readonly classes: readonly OfferClass[];
  /** Sorted by requirement, then class. */
  readonly pairs: readonly FeasiblePair[];
  readonly rejected: readonly RejectedInput[];
  /** {@link refusal}, memoised for this input (the same verdicts and sentences, computed once). */
  readonly refusals: RefusalMemo;
}

/** Why `offer` cannot serve any requirement (withdrawn, or below the plan's readiness), or null. */
function unready(offer: Offer, input: PlanInput): string | null {
  if (offer.lifecycle === 'withdrawn') return `offer ${offer.id} has been withdrawn`;
  const min = input.minReadiness;
  if (min && READINESS_STAGES.indexOf(offer.readiness) < READINESS_STAGES.indexOf(min))
    return `offer ${offer.id} is only ${offer.readiness}; the plan needs ${min}`;
  return null;
}

/** Why `offer` may not serve `r` at all (readiness or caveat), or null when it may. */
export function refusal(offer: Offer, r: Requirement, input: PlanInput): CandidateReason | null {
  const notReady = unready(offer, input);
  if (notReady) return { kind: 'readiness', message: notReady };
  if (offer.daysToDeploy > r.maxDaysToDeploy)
    return {
      kind: 'readiness',
      message: `readiness too slow: offer ${offer.id} needs ${offer.daysToDeploy} days to deploy, ${r.id} needs it within ${r.maxDaysToDeploy}`,
    };
  const check = checkCaveats(
    offer,
    { region: r.region, lineOfEffort: r.lineOfEffort, role: r.role, atMs: input.atMs },
    input.facts,
    input.catalogue ?? SHIPPED_CATALOGUE,
  );
  return check.ok
    ? null
    : {
        kind: 'caveat',
        violations: check.violations,
        message: check.violations.map((v) => v.message).join('; '),
      };
}

/** {@link refusal} for one input, memoised (see {@link refusalMemo}). */
export interface RefusalMemo {
  /** The same as `refusal(offer, r, input) === null`, without building the sentences. */
  readonly allows: (offer: Offer, r: Requirement) => boolean;
  /** The same value as `refusal(offer, r, input)`; equal reasons may be one shared object. */
  readonly reason: (offer: Offer, r: Requirement) => CandidateReason | null;
  /** The kind of `reason(offer, r)` (null when it may serve), without building the sentences. */
  readonly kind: (offer: Offer, r: Requirement) => 'readiness' | 'caveat' | null;
}

/**
 * {@link refusal} for one input, memoised. The caveat checker reads only an offer's nation and
 * caveats (and its id, for the sentence), so its verdict is computed once per (nation and
 * caveats, region, line of effort, role) and each offer's sentences are the representative's
 * with the offer id swapped in. When a sentence does not start as expected the checker is
 * simply asked again, so the result is always exactly what `refusal` says.
 */
export function refusalMemo(input: PlanInput): RefusalMemo {
  const catalogue = input.catalogue ?? SHIPPED_CATALOGUE;
  const notReady = new Map<Offer, CandidateReason | null>();
  const groupOf = new Map<Offer, number>();
  const groupIds = new Map<string, number>();
  const representative: Offer[] = [];
  const targetOf = new Map<Requirement, number>();
  const targetIds = new Map<string, number>();
  /** (group, target) → the representative's violations, or null when it may serve. */
  const verdicts = new Map<number, readonly CaveatViolation[] | null>();
  /** (offer, target) → the reason handed out, so equal reasons are one object. */
  const reasons = new Map<Offer, Map<number, CandidateReason>>();

  const readiness = (offer: Offer): CandidateReason | null => {
    let ready = notReady.get(offer);
    if (ready === undefined) {
      const message = unready(offer, input);
      ready = message === null ? null : { kind: 'readiness', message };
      notReady.set(offer, ready);
    }
    return ready;
  };
  const group = (offer: Offer): number => {
    let g = groupOf.get(offer);
    if (g === undefined) {
      const key = JSON.stringify([offer.nation, offer.caveats]);
      g = groupIds.get(key);
      if (g === undefined) {
        g = representative.push(offer) - 1;
        groupIds.set(key, g);
      }
      groupOf.set(offer, g);
    }
    return g;
  };
  const target = (r: Requirement): number => {
    let t = targetOf.get(r);
    if (t === undefined) {
      const key = `${r.region}\u0000${r.lineOfEffort}\u0000${r.role}`;
      t = targetIds.get(key);
      if (t === undefined) {
        t = targetIds.size;
        targetIds.set(key, t);
      }
      targetOf.set(r, t);
    }
    return t;
  };
  const violationsOf = (g: number, t: number, r: Requirement): readonly CaveatViolation[] | null => {
    const key = g * 1_000_003 + t;
    let violations = verdicts.get(key);
    if (violations === undefined) {
      const check = checkCaveats(
        representative[g]!,
        { region: r.region, lineOfEffort: r.lineOfEffort, role: r.role, atMs: input.atMs },
        input.facts,
        catalogue,
      );
      violations = check.ok ? null : check.violations;
      verdicts.set(key, violations);
    }
    return violations;
  };

  return {
    kind: (offer, r) =>
      readiness(offer) !== null || offer.daysToDeploy > r.maxDaysToDeploy
        ? 'readiness'
        : offer.caveats.length === 0 || violationsOf(group(offer), target(r), r) === null
          ? null
          : 'caveat',
    allows: (offer, r) =>
      readiness(offer) === null &&
      offer.daysToDeploy <= r.maxDaysToDeploy &&
      (offer.caveats.length === 0 || violationsOf(group(offer), target(r), r) === null),
    reason: (offer, r) => {
      const ready = readiness(offer);
      if (ready) return ready;
      if (offer.daysToDeploy > r.maxDaysToDeploy)
        return {
          kind: 'readiness',
          message: `readiness too slow: offer ${offer.id} needs ${offer.daysToDeploy} days to deploy, ${r.id} needs it within ${r.maxDaysToDeploy}`,
        };
      if (offer.caveats.length === 0) return null;
      const g = group(offer);
      const t = target(r);
      const violations = violationsOf(g, t, r);
      if (violations === null) return null;
      let mine = reasons.get(offer);
      const known = mine?.get(t);
      if (known) return known;
      const rep = representative[g]!;
      const prefix = `offer ${rep.id} `;
      let own: readonly CaveatViolation[];
      if (offer === rep) own = violations;
      else if (violations.every((v) => v.message.startsWith(prefix)))
        own = violations.map((v) => ({
          ...v,
          message: `offer ${offer.id} ${v.message.slice(prefix.length)}`,
        }));
      else {
        const check = checkCaveats(
          offer,
          { region: r.region, lineOfEffort: r.lineOfEffort, role: r.role, atMs: input.atMs },
          input.facts,
          catalogue,
        );
        own = check.ok ? [] : check.violations;
      }
      const reason: CandidateReason = {
        kind: 'caveat',
        violations: own,
        message: own.map((v) => v.message).join('; '),
      };
      if (!mine) {
        mine = new Map();
        reasons.set(offer, mine);
      }
      mine.set(t, reason);
      return reason;
    },
  };
}

function requirementProblem(r: Requirement, catalogue: Catalogue): string | null {
  const index = indexCatalogue(catalogue);
  const capability = index.capability.get(r.capability);
  if (!index.region.has(r.region)) return `unknown region '${r.region}'`;
  if (!index.lineOfEffort.has(r.lineOfEffort)) return `unknown line of effort '${r.lineOfEffort}'`;
  if (!capability) return `unknown capability '${r.capability}'`;
  if (!isRole(r.role) || !capability.roles.includes(r.role))
    return `a ${capability.name} cannot serve in the role '${r.role}' (it serves ${capability.roles.join(', ')})`;
  if (!Number.isInteger(r.quantity) || r.quantity < 1) return `quantity must be a whole number of at least 1`;
  if (![1, 2, 3, 4, 5].includes(r.priority)) return `priority must be 1 to 5`;
  if (!(requirementWeight(r) > 0)) return `weight must be above 0`;
  if (!(r.maxDaysToDeploy >= 0)) return `maximum days to deploy must be 0 or more`;
  return null;
}

/** Checks the input, drops what is invalid (saying why), pools offers and lists the feasible pairs. */
export function prepare(input: PlanInput): Prepared {
  const catalogue = input.catalogue ?? SHIPPED_CATALOGUE;
  const rejected: RejectedInput[] = [];
  const seen = new Set<string>();
  const offers = [...input.offers]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((o) => {
      const problem = seen.has(o.id) ? 'the id is used twice' : validateOffer(o, catalogue)[0]?.message;
      seen.add(o.id);
      if (problem) rejected.push({ kind: 'offer', id: o.id, reason: problem });
      return !problem;
    });
  seen.clear();
  const requirements = input.requirements.filter((r) => {
    const problem = seen.has(r.id) ? 'the id is used twice' : requirementProblem(r, catalogue);
    seen.add(r.id);
    if (problem) rejected.push({ kind: 'requirement', id: r.id, reason: problem });
    return !problem;
  });

  const byKey = new Map<string, Offer[]>();
  for (const o of offers) {
    // No requirement could take it, so it gets no column.
    if (unready(o, input)) continue;
    const key = JSON.stringify([o.nation, o.capability, o.daysToDeploy, o.caveats]);
    const members = byKey.get(key);
    if (members) members.push(o);
    else byKey.set(key, [o]);
  }
  const classes: OfferClass[] = [...byKey.values()].map((members) => ({
    nation: members[0]!.nation,
    capability: members[0]!.capability,
    daysToDeploy: members[0]!.daysToDeploy,
    offers: members,
    capacity: members.reduce((sum, o) => sum + o.quantity, 0),
  }));

  const classesByCapability = new Map<string, number[]>();
  classes.forEach((c, i) => {
    const list = classesByCapability.get(c.capability);
    if (list) list.push(i);
    else classesByCapability.set(c.capability, [i]);
  });
  // Every member of a class is ready (see above) and shares days and caveats, so the first
  // member speaks for the class; verdicts are kept per (nation and caveats, target).
  const refusals = refusalMemo(input);
  const pairs: FeasiblePair[] = [];
  requirements.forEach((r, req) => {
    for (const cls of classesByCapability.get(r.capability) ?? [])
      if (refusals.allows(classes[cls]!.offers[0]!, r)) pairs.push({ cls, req });
  });

  return {
    input,
    catalogue,
    offers,
    requirements,
    weights: requirements.map(requirementWeight),
    classes,
    pairs,
    rejected,
    refusals,
  };
}
