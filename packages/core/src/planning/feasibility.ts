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
  const pairs: FeasiblePair[] = [];
  requirements.forEach((r, req) => {
    for (const cls of classesByCapability.get(r.capability) ?? [])
      if (refusal(classes[cls]!.offers[0]!, r, input) === null) pairs.push({ cls, req });
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
  };
}
