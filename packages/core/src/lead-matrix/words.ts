/**
 * The lead matrix's flags as a staff officer reads them: nations, regions, lines of effort and
 * capabilities by name, offers by what they are ("Monitoring team, 4 teams (Norway)"). The
 * engine's own `message` (codes) stays on the flag for logs and for those who need the ids.
 */
import {
  type Catalogue,
  indexCatalogue,
  type Offer,
  quantityInWords,
  type Role,
  SHIPPED_CATALOGUE,
  violationInWords,
} from '../coalition/index.ts';
import type { CandidateReason, Requirement } from '../planning/index.ts';
import { nationName } from '../reference/nations.ts';
import type { LeadFlag } from './matrix.ts';

/** The names a sentence needs; the shipped catalogue and ISO nation names unless given. */
export interface FlagNames {
  readonly catalogue?: Catalogue;
  /** An offer by what it is; the offer's id when unknown to the reader. */
  readonly offer?: (offerId: string) => string;
}

/** "Monitoring team, 4 teams (Norway)": what an offer is, how much, and whose. */
export function offerInWords(offer: Offer, catalogue: Catalogue = SHIPPED_CATALOGUE): string {
  const capability = indexCatalogue(catalogue).capability.get(offer.capability);
  const name = capability?.name ?? offer.capability.replaceAll('_', ' ');
  const amount = quantityInWords(offer.quantity, capability?.unit ?? 'unit');
  return `${capitalise(name)}, ${amount} (${nationName(offer.nation) ?? offer.nation})`;
}

/** One flag as a sentence in names, ending with a full stop. */
export function flagInWords(flag: LeadFlag, names: FlagNames = {}): string {
  const index = indexCatalogue(names.catalogue ?? SHIPPED_CATALOGUE);
  const region = index.region.get(flag.region)?.name ?? flag.region;
  const line = index.lineOfEffort.get(flag.lineOfEffort)?.name ?? flag.lineOfEffort.replaceAll('_', ' ');
  const where = `${line} in ${region}`;
  const nation = (iso3: string) => nationName(iso3) ?? iso3;
  switch (flag.kind) {
    case 'gap': {
      const capability = index.capability.get(flag.capability);
      const what = capability?.name ?? flag.capability.replaceAll('_', ' ');
      const unit = capability?.unit ?? 'unit';
      // "2 monitoring teams" where the capability names its unit; else "2 detachments of UAV reconnaissance".
      const amount = (n: number) =>
        what.endsWith(unit) ? quantityInWords(n, what) : `${quantityInWords(n, unit)} of ${what}`;
      const has = flag.allocated === 0 ? 'none' : quantityInWords(flag.allocated, unit);
      return `${capitalise(where)} needs ${amount(flag.required)} and has ${has} (requirement ${flag.requirementId}).`;
    }
    case 'no_lead':
      return `No nation claims the lead of ${where}.`;
    case 'conflict':
      return `${list(flag.nations.map(nation))} each claim the lead of ${where}; the cell staff choose one.`;
    case 'lead_forbidden': {
      const first = flag.violations[0];
      const why = first
        ? `${names.offer?.(first.offerId) ?? `offer ${first.offerId}`} ${violationInWords(
            first.violation,
            { region: flag.region, role: first.role as Role },
            names.catalogue,
          )}`
        : (flag.reasons[0] ?? 'no reason was recorded');
      const others = new Set(flag.violations.map((v) => v.offerId)).size - 1;
      const more =
        others > 0 ? `; ${others} other ${others === 1 ? 'offer is' : 'offers are'} forbidden too` : '';
      return `${nation(flag.nation)} claims the lead of ${where}, but its caveats forbid every offer it made there: ${why}${more}.`;
    }
    case 'lead_contributes_nothing':
      return `${nation(flag.nation)} claims the lead of ${where} but contributes no units to it in the plan.`;
  }
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** "France", "France and Poland", "France, Poland and Norway". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Why an offer did not (fully) serve a requirement, in names, as a phrase that follows the
 * offer: "serves only in Lviv Oblast, not in Kharkiv Oblast", "needs 60 days to deploy; this
 * requirement needs it within 45"; for capacity, where the units went: "Monitoring team in
 * Kyiv (R-02), priority 1: 3 teams".
 */
export function refusalInWords(
  reason: CandidateReason,
  offer: Offer,
  requirement: Requirement,
  names: {
    readonly catalogue?: Catalogue;
    /** A requirement by what it is: "Monitoring team in Kyiv (R-02)"; its id when not given. */
    readonly requirement?: (id: string) => string;
  } = {},
): string {
  const unit =
    indexCatalogue(names.catalogue ?? SHIPPED_CATALOGUE).capability.get(offer.capability)?.unit ?? 'unit';
  switch (reason.kind) {
    case 'caveat':
      return reason.violations.map((v) => violationInWords(v, requirement, names.catalogue)).join('; ');
    case 'readiness':
      if (offer.lifecycle === 'withdrawn') return 'has been withdrawn';
      if (offer.daysToDeploy > requirement.maxDaysToDeploy)
        return `needs ${offer.daysToDeploy} days to deploy; this requirement needs it within ${requirement.maxDaysToDeploy}`;
      return `is only ${offer.readiness.replaceAll('_', ' ')}, below the readiness the plan needs`;
    case 'capacity': {
      const name = names.requirement ?? ((id: string) => id);
      const went = reason.takenBy
        .map((t) => `${name(t.requirementId)}, priority ${t.priority}: ${quantityInWords(t.quantity, unit)}`)
        .join('; ');
      if (reason.givenHere > 0)
        return reason.takenBy.length === 0
          ? `gave all it has here (${quantityInWords(reason.givenHere, unit)})`
          : `gave ${quantityInWords(reason.givenHere, unit)} here; the rest went to ${went}`;
      return went;
    }
    case 'unused':
      return `${quantityInWords(reason.spare, unit)} that could serve here (a plan cut short by its time limit can leave some)`;
  }
}
