/**
 * Why a requirement is not met: for each offer of the right capability, the caveat that
 * forbids it (with the checker's reason), the readiness that is too slow, or the requirements
 * that took its capacity, most urgent first.
 */
import { cellKey, indexCatalogue } from '../coalition/index.ts';
import { cellShares, cellsOf } from './evaluate.ts';
import type { Prepared } from './feasibility.ts';
import type {
  Allocation,
  CandidateExplanation,
  CandidateReason,
  ClaimOutcome,
  LeadChoice,
  Shortfall,
} from './types.ts';

/** One shortfall per requirement that the allocation does not fully meet. */
export function shortfalls(p: Prepared, allocations: readonly Allocation[]): readonly Shortfall[] {
  const byOffer = new Map<string, Allocation[]>();
  const given = new Map<string, number>();
  for (const a of allocations) {
    const list = byOffer.get(a.offerId);
    if (list) list.push(a);
    else byOffer.set(a.offerId, [a]);
    given.set(a.requirementId, (given.get(a.requirementId) ?? 0) + a.quantity);
  }
  const priority = new Map(p.requirements.map((r) => [r.id, r.priority]));
  const capabilities = indexCatalogue(p.catalogue).capability;
  const offersByCapability = new Map<string, (typeof p.offers)[number][]>();
  for (const o of p.offers) {
    const list = offersByCapability.get(o.capability);
    if (list) list.push(o);
    else offersByCapability.set(o.capability, [o]);
  }
  // Per offer: its allocations, units used, and (lazily) the reason when it gave nothing to the
  // requirement in question, which does not depend on that requirement when the offer is full.
  const usedOf = new Map<string, number>();
  for (const [id, mine] of byOffer)
    usedOf.set(
      id,
      mine.reduce((s, a) => s + a.quantity, 0),
    );
  const takenElsewhere = new Map<string, CandidateReason>();

  const reasonOf = (o: (typeof p.offers)[number], r: (typeof p.requirements)[number]): CandidateReason => {
    const refused = p.refusals.reason(o, r);
    if (refused) return refused;
    const mine = byOffer.get(o.id) ?? [];
    const used = usedOf.get(o.id) ?? 0;
    let givenHere = 0;
    for (const a of mine) if (a.requirementId === r.id) givenHere += a.quantity;
    if (givenHere > 0 || used < o.quantity)
      return capacityReason(o.id, r.id, givenHere, used, o.quantity, mine, priority);
    let reason = takenElsewhere.get(o.id);
    if (!reason) {
      reason = capacityReason(o.id, r.id, 0, used, o.quantity, mine, priority);
      takenElsewhere.set(o.id, reason);
    }
    return reason;
  };

  const result: Shortfall[] = [];
  for (const r of p.requirements) {
    const allocated = given.get(r.id) ?? 0;
    if (allocated >= r.quantity) continue;
    const offers = offersByCapability.get(r.capability) ?? [];
    // The counts of the summary come from verdicts and numbers alone; the candidates' sentences
    // are built when the list is first read (see `lazyCandidates`).
    let caveat = 0;
    let readiness = 0;
    let capacity = 0;
    let unused = 0;
    for (const o of offers) {
      const kind = p.refusals.kind(o, r);
      if (kind === 'caveat') caveat++;
      else if (kind === 'readiness') readiness++;
      else if ((usedOf.get(o.id) ?? 0) >= o.quantity) capacity++;
      else unused++;
    }
    const parts = [
      [caveat, 'refused by caveats'],
      [readiness, 'not ready in time'],
      [capacity, 'used elsewhere'],
      [unused, 'left unused'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${n} ${what}`);
    const name = capabilities.get(r.capability)?.name ?? r.capability;
    result.push(
      lazyCandidates(
        { requirementId: r.id, required: r.quantity, allocated },
        () => offers.map((o) => ({ offerId: o.id, nation: o.nation, reason: reasonOf(o, r) })),
        `${r.id}: ${allocated} of ${r.quantity} ${name} in ${r.region} (${r.lineOfEffort}); ${
          offers.length === 0 ? 'no offer of this capability exists' : `offers: ${parts.join(', ')}`
        }`,
      ),
    );
  }
  return result;
}

/**
 * A shortfall whose `candidates` are built on first read and then kept: an ordinary enumerable
 * property to every reader (spread, `JSON.stringify`, `structuredClone`), so the stored plan is
 * the same, but a plan nobody reads in full (a benchmark, a comparison of metrics) does not pay
 * for a hundred thousand sentences.
 */
function lazyCandidates(
  head: Pick<Shortfall, 'requirementId' | 'required' | 'allocated'>,
  build: () => readonly CandidateExplanation[],
  summary: string,
): Shortfall {
  const shortfall = { ...head } as Shortfall & { summary: string };
  let cached: readonly CandidateExplanation[] | undefined;
  Object.defineProperty(shortfall, 'candidates', {
    configurable: true,
    enumerable: true,
    get(this: Shortfall) {
      cached ??= build();
      // Becomes a plain data property; a frozen plan keeps the getter, which then returns the cache.
      if (Object.isExtensible(this))
        Object.defineProperty(this, 'candidates', { value: cached, enumerable: true, writable: false });
      return cached;
    },
  });
  shortfall.summary = summary;
  return shortfall;
}

function capacityReason(
  offerId: string,
  requirementId: string,
  givenHere: number,
  used: number,
  quantity: number,
  mine: readonly Allocation[],
  priority: ReadonlyMap<string, number>,
): CandidateReason {
  if (used < quantity) {
    const spare = quantity - used;
    // An optimal plan never leaves a usable unit idle beside a shortfall; a time-limited one can.
    return {
      kind: 'unused',
      spare,
      message: `offer ${offerId} could serve ${requirementId} and has ${spare} unit(s) left unused`,
    };
  }
  const takenBy = mine
    .filter((a) => a.requirementId !== requirementId)
    .map((a) => ({
      requirementId: a.requirementId,
      priority: priority.get(a.requirementId) ?? 5,
      quantity: a.quantity,
    }))
    .sort((a, b) => a.priority - b.priority || (a.requirementId < b.requirementId ? -1 : 1));
  const list = takenBy.map((t) => `${t.requirementId} (priority ${t.priority}) ×${t.quantity}`).join(', ');
  return {
    kind: 'capacity',
    givenHere,
    takenBy,
    message:
      givenHere > 0
        ? takenBy.length === 0
          ? `offer ${offerId} gave ${givenHere} to ${requirementId}, every unit it has`
          : `offer ${offerId} gave ${givenHere} to ${requirementId}; the rest went to ${list}`
        : `capacity of offer ${offerId} taken by ${list}`,
  };
}

/**
 * What became of each lead claim: honoured, forbidden by the claimant's caveats or readiness,
 * out of reach of the lead share, or outweighed (by another claimant or by coverage).
 */
export function claimOutcomes(
  p: Prepared,
  allocations: readonly Allocation[],
  leads: readonly LeadChoice[],
  minShare: number,
): readonly ClaimOutcome[] {
  const seen = new Set<string>();
  const claims = (p.input.leadClaims ?? []).filter((c) => {
    const key = `${cellKey(c)}|${c.nation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (claims.length === 0) return [];
  const cells = cellsOf(p);
  const shares = cellShares(p, allocations);
  const leadOf = new Map(leads.map((l) => [cellKey(l), l]));
  const claimants = new Map<string, string[]>();
  for (const c of claims) claimants.set(cellKey(c), [...(claimants.get(cellKey(c)) ?? []), c.nation]);
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const offersOf = new Map<string, (typeof p.offers)[number][]>();
  for (const o of p.offers) {
    const key = `${o.nation}|${o.capability}`;
    const list = offersOf.get(key);
    if (list) list.push(o);
    else offersOf.set(key, [o]);
  }

  return claims.map((c): ClaimOutcome => {
    const key = cellKey(c);
    const where = `${c.region} / ${c.lineOfEffort}`;
    const share = shares.get(key)?.get(c.nation) ?? 0;
    const base = { region: c.region, lineOfEffort: c.lineOfEffort, nation: c.nation, share };
    const lead = leadOf.get(key);
    const because = (reach: number, refusal: { offerId: string; requirementId: string } | null = null) => ({
      lead: lead ? { nation: lead.nation, share: lead.share } : null,
      reach,
      minShare,
      refusal,
    });
    if (lead?.nation === c.nation)
      return {
        ...base,
        because: because(share),
        outcome: 'honoured',
        message: `${c.nation} leads ${where} as it claimed, delivering ${pct(share)} of the cell`,
      };
    const cell = cells.get(key);
    if (!cell)
      return {
        ...base,
        outcome: 'unrequired',
        because: because(0),
        message: `${c.nation} claims ${where}, but no requirement asks for anything there yet: nothing to lead`,
      };
    // The most the claimant could deliver if all its usable units went to this cell.
    let reach = 0;
    let firstRefusal: string | undefined;
    let refusedPair: { offerId: string; requirementId: string } | null = null;
    for (const req of cell.reqs) {
      const r = p.requirements[req]!;
      let units = 0;
      for (const o of offersOf.get(`${c.nation}|${r.capability}`) ?? []) {
        const refused = p.refusals.reason(o, r);
        if (refused && firstRefusal === undefined) {
          firstRefusal = refused.message;
          refusedPair = { offerId: o.id, requirementId: r.id };
        } else units += o.quantity;
      }
      reach += (p.weights[req]! * Math.min(units, r.quantity)) / r.quantity;
    }
    reach /= cell.weight;
    const other = lead ? `; ${lead.nation} leads it with ${pct(lead.share)}` : '; the cell has no lead';
    if (reach === 0)
      return {
        ...base,
        outcome: 'forbidden',
        because: because(0, refusedPair),
        message: firstRefusal
          ? `${c.nation} claims ${where} but cannot lead it: ${firstRefusal}${other}`
          : `${c.nation} claims ${where} but offers none of the capabilities the cell requires${other}`,
      };
    if (reach < minShare - 1e-9)
      return {
        ...base,
        outcome: 'short',
        because: because(reach),
        message: `${c.nation} claims ${where} but could deliver at most ${pct(reach)} of it; a lead must deliver ${pct(minShare)}${other}`,
      };
    const rival = lead && (claimants.get(key) ?? []).includes(lead.nation);
    return {
      ...base,
      outcome: 'outweighed',
      because: { ...because(reach), rival: Boolean(rival) },
      message: rival
        ? `${c.nation} and ${lead.nation} both claim ${where}; the plan chose ${lead.nation}, which delivers ${pct(lead.share)} against ${c.nation}'s ${pct(share)}`
        : `${c.nation} claims ${where} and could reach ${pct(minShare)}, but at the plan's coverage it delivers ${pct(share)}: its units serve requirements or claimed leads that weigh more${other}`,
    };
  });
}
