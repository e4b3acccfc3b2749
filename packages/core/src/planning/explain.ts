/**
 * Why a requirement is not met: for each offer of the right capability, the caveat that
 * forbids it (with the checker's reason), the readiness that is too slow, or the requirements
 * that took its capacity, most urgent first.
 */
import { indexCatalogue } from '../coalition/index.ts';
import { type Prepared, refusal } from './feasibility.ts';
import type { Allocation, CandidateExplanation, CandidateReason, Shortfall } from './types.ts';

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

  const result: Shortfall[] = [];
  for (const r of p.requirements) {
    const allocated = given.get(r.id) ?? 0;
    if (allocated >= r.quantity) continue;
    const candidates: CandidateExplanation[] = (offersByCapability.get(r.capability) ?? []).map((o) => {
      const mine = byOffer.get(o.id) ?? [];
      const givenHere = mine.filter((a) => a.requirementId === r.id).reduce((s, a) => s + a.quantity, 0);
      const used = mine.reduce((s, a) => s + a.quantity, 0);
      const reason: CandidateReason =
        refusal(o, r, p.input) ?? capacityReason(o.id, r.id, givenHere, used, o.quantity, mine, priority);
      return { offerId: o.id, nation: o.nation, reason };
    });
    const count = (kind: CandidateReason['kind']) => candidates.filter((c) => c.reason.kind === kind).length;
    const parts = [
      [count('caveat'), 'refused by caveats'],
      [count('readiness'), 'not ready in time'],
      [count('capacity'), 'used elsewhere'],
      [count('unused'), 'left unused'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${n} ${what}`);
    const name = capabilities.get(r.capability)?.name ?? r.capability;
    result.push({
      requirementId: r.id,
      required: r.quantity,
      allocated,
      candidates,
      summary: `${r.id}: ${allocated} of ${r.quantity} ${name} in ${r.region} (${r.lineOfEffort}); ${
        candidates.length === 0 ? 'no offer of this capability exists' : `offers: ${parts.join(', ')}`
      }`,
    });
  }
  return result;
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
