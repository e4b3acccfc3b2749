/**
 * The caveat checker. It is deliberately independent of the planner: plan tests, deployment
 * orders and the web form all ask it, so a solver bug cannot hide a broken caveat.
 */

import { type Catalogue, indexCatalogue, type Role, SHIPPED_CATALOGUE } from './catalogue.ts';
import { type Caveat, endOfIsoDateMs, explainCaveat, type MandateStatus } from './caveats.ts';
import type { Offer } from './offer.ts';

/** Where and as what an offer would be used, and when. */
export interface CaveatTarget {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly role: Role;
  readonly atMs: number;
}

/** What the checker needs to know about the world; missing facts count against the offer. */
export interface CaveatFacts {
  /** Region code → distance from the line of contact, in km. */
  readonly distanceToContactKm: Readonly<Record<string, number>>;
  readonly participatingNations: ReadonlySet<string>;
  /** Nation → current mandate status; overrides the status recorded on the caveat. */
  readonly mandates: Readonly<Record<string, MandateStatus>>;
}

/** One caveat that forbids the target, and why. */
export interface CaveatViolation {
  readonly index: number;
  readonly caveat: Caveat;
  /** The fact that breaks it, e.g. "region is 12 km away". */
  readonly reason: string;
  /** The whole sentence, naming offer, target, caveat and reason. */
  readonly message: string;
}

/** The checker's verdict. */
export type CaveatCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly violations: readonly CaveatViolation[] };

/** Why caveat `c` forbids `target`, or null when it allows it. */
function breach(
  c: Caveat,
  offer: Offer,
  target: CaveatTarget,
  facts: CaveatFacts,
  catalogue: Catalogue,
): string | null {
  switch (c.kind) {
    case 'allowed_regions':
      return c.regions.includes(target.region) ? null : `${target.region} is not among them`;
    case 'excluded_regions':
      return c.regions.includes(target.region) ? `${target.region} is excluded` : null;
    case 'outside_ukraine_only': {
      const region = indexCatalogue(catalogue).region.get(target.region);
      if (!region) return `region ${target.region} is unknown`;
      return region.insideUkraine ? `${region.name} lies inside Ukraine` : null;
    }
    case 'min_distance_from_contact': {
      const km = facts.distanceToContactKm[target.region];
      if (km === undefined) return `the distance of ${target.region} from the line of contact is unknown`;
      // Distances come measured to the metre; a sentence needs whole kilometres (tenths below 10).
      const shown = km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
      return km >= c.minDistanceKm ? null : `region is ${shown} km away`;
    }
    case 'roles_allowed':
      return c.roles.includes(target.role) ? null : `the role would be ${target.role}`;
    case 'national_mandate': {
      const status = facts.mandates[offer.nation] ?? c.status;
      return status === 'granted' ? null : `the mandate is ${status}`;
    }
    case 'conditional_on_participation':
      return facts.participatingNations.has(c.nation) ? null : `${c.nation} is not taking part`;
    case 'valid_until': {
      const endMs = endOfIsoDateMs(c.date);
      if (Number.isNaN(endMs)) return `'${c.date}' is not a date`;
      return target.atMs < endMs ? null : `the offer expired on ${c.date}`;
    }
  }
}

/** Checks every caveat of `offer` against `target`; lists each one broken, with the reason. */
export function checkCaveats(
  offer: Offer,
  target: CaveatTarget,
  facts: CaveatFacts,
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): CaveatCheck {
  const violations: CaveatViolation[] = [];
  offer.caveats.forEach((caveat, index) => {
    const reason = breach(caveat, offer, target, facts, catalogue);
    if (reason !== null)
      violations.push({
        index,
        caveat,
        reason,
        message: `offer ${offer.id} cannot serve ${target.region} (${target.lineOfEffort}, ${target.role}): caveat '${explainCaveat(caveat)}', ${reason}`,
      });
  });
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

/**
 * A violation in the words of a staff officer, as a predicate for "offer NOR-1 …": catalogue
 * names instead of codes ("serves only in Black Sea, not in Poltava Oblast"). The engine's
 * `message` stays as it is for logs, exports and the detail one click away.
 */
export function violationInWords(
  v: CaveatViolation,
  target: Pick<CaveatTarget, 'region' | 'role'>,
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): string {
  const index = indexCatalogue(catalogue);
  const region = (code: string) => index.region.get(code)?.name ?? code;
  const here = region(target.region);
  const c = v.caveat;
  switch (c.kind) {
    case 'allowed_regions':
      return `serves only in ${c.regions.map(region).join(', ')}, not in ${here}`;
    case 'excluded_regions':
      return `may not serve in ${here}`;
    case 'outside_ukraine_only':
      return `serves only outside Ukraine, and ${here} is inside`;
    case 'min_distance_from_contact': {
      const km = /(\S+) km away$/.exec(v.reason)?.[1];
      return km
        ? `keeps at least ${c.minDistanceKm} km from the line of contact, and ${here} is ${km} km from it`
        : `keeps at least ${c.minDistanceKm} km from the line of contact, and the distance of ${here} is not known`;
    }
    case 'roles_allowed':
      return `serves only as ${c.roles.join(' or ')}, not as ${target.role}`;
    case 'national_mandate':
      return `needs a national mandate${c.body ? ` (${c.body})` : ''}, which is ${v.reason.replace(/^the mandate is /, '')}`;
    case 'conditional_on_participation':
      return `serves only while ${c.nation} takes part, and ${c.nation} does not`;
    case 'valid_until':
      return `was offered until ${c.date}`;
  }
}
