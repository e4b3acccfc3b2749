/**
 * The lead matrix's flags as a staff officer reads them: nations, regions, lines of effort and
 * capabilities by name, offers by what they are ("Monitoring team, 4 teams (Norway)"), in the
 * reader's language (a {@link Phrasing}; English when none is given, ADR 0052). The engine's
 * own `message` (codes) stays on the flag for logs and for those who need the ids.
 */
import type { CaveatTarget, CaveatViolation } from '../coalition/check.ts';
import {
  type Catalogue,
  type Caveat,
  caveatRefusal,
  explainCaveat,
  indexCatalogue,
  type Offer,
  SHIPPED_CATALOGUE,
} from '../coalition/index.ts';
import type { RefusalValue } from '../i18n/refusals/index.ts';
import { refusalText } from '../i18n/refusals/text.ts';
import { capitalise, type Phrasing, phrasing, template } from '../i18n/words/index.ts';
import type { CandidateReason, Requirement } from '../planning/index.ts';
import type { LeadFlag } from './matrix.ts';

/** The names a sentence needs; the shipped catalogue and ISO nation names unless given. */
export interface FlagNames {
  readonly catalogue?: Catalogue;
  /** An offer by what it is; the offer's id when unknown to the reader. */
  readonly offer?: (offerId: string) => string;
  /** The reader's language and names; English when not given. */
  readonly phrasing?: Phrasing;
}

const unitOf = (catalogue: Catalogue, capability: string) =>
  indexCatalogue(catalogue).capability.get(capability)?.unit ?? 'unit';

/** "Monitoring team, 4 teams (Norway)": what an offer is, how much, and whose. */
export function offerInWords(
  offer: Offer,
  catalogue: Catalogue = SHIPPED_CATALOGUE,
  ph: Phrasing = phrasing(),
): string {
  return ph.say('lead.offer', {
    what: capitalise(ph.capability(offer.capability, catalogue)),
    amount: ph.quantity(offer.quantity, unitOf(catalogue, offer.capability)),
    nation: ph.nation(offer.nation),
  });
}

/**
 * A broken caveat as a phrase about the offer ("serves only in Black Sea, not in Poltava
 * Oblast"), in the reader's language: coalition's violationInWords, which stays English for
 * the web's bundle, spoken by a {@link Phrasing}.
 */
export function caveatInWords(
  v: CaveatViolation,
  target: Pick<CaveatTarget, 'region' | 'role'>,
  catalogue: Catalogue = SHIPPED_CATALOGUE,
  ph: Phrasing = phrasing(),
): string {
  const region = (code: string) => ph.region(code, catalogue);
  const here = region(target.region);
  const c = v.caveat;
  switch (c.kind) {
    case 'allowed_regions':
      return ph.say('caveat.allowedRegions', { regions: c.regions.map(region).join(', '), here });
    case 'excluded_regions':
      return ph.say('caveat.excludedRegions', { here });
    case 'outside_ukraine_only':
      return ph.say('caveat.outsideUkraineOnly', { here });
    case 'min_distance_from_contact': {
      const km = /(\S+) km away$/.exec(v.reason)?.[1];
      const distance =
        km && ph.language !== 'en' && Number.isFinite(Number(km))
          ? ph.words.number(Number(km), km.includes('.') ? 1 : 0)
          : km;
      return km
        ? ph.say('caveat.minDistance', { km: c.minDistanceKm, here, distance })
        : ph.say('caveat.minDistanceUnknown', { km: c.minDistanceKm, here });
    }
    case 'roles_allowed':
      return ph.say('caveat.rolesAllowed', {
        roles: c.roles.map(ph.role).join(ph.say('caveat.or')),
        role: ph.role(target.role),
      });
    case 'national_mandate': {
      const raw = v.reason.replace(/^the mandate is /, '');
      const status = ph.word('mandate', raw, raw);
      return c.body
        ? ph.say('caveat.nationalMandateBody', { body: c.body, status })
        : ph.say('caveat.nationalMandate', { status });
    }
    case 'conditional_on_participation':
      return ph.say('caveat.participation', {
        nation: ph.language === 'en' ? c.nation : ph.nation(c.nation),
      });
    case 'valid_until':
      return ph.say('caveat.validUntil', {
        date: ph.language !== 'en' && /^\d{4}-\d\d-\d\d$/.test(c.date) ? ph.words.longDate(c.date) : c.date,
      });
  }
}

/**
 * An offer's caveat as the nation page shows it, in the reader's language with names for codes:
 * regions by the reference data's names, roles and mandate states by the catalogue's words,
 * nations and dates as the language writes them. English is coalition's explainCaveat, as stored
 * and as the API has always said it.
 */
export function caveatTextInWords(c: Caveat, ph: Phrasing, catalogue: Catalogue = SHIPPED_CATALOGUE): string {
  if (ph.language === 'en') return explainCaveat(c);
  // coalition's caveatRefusal says it with codes; its values are named here, its template kept.
  const refusal = caveatRefusal(c);
  const regions = (codes: readonly string[]) => ph.list(codes.map((code) => ph.region(code, catalogue)));
  const named: Record<string, RefusalValue> = { ...refusal.params };
  if (c.kind === 'allowed_regions' || c.kind === 'excluded_regions') named.regions = regions(c.regions);
  if (c.kind === 'min_distance_from_contact') named.km = ph.words.number(c.minDistanceKm, 0);
  if (c.kind === 'roles_allowed') named.roles = ph.list(c.roles.map(ph.role));
  if (c.kind === 'conditional_on_participation') named.nation = { nation: c.nation };
  if (c.kind === 'valid_until' && /^\d{4}-\d\d-\d\d$/.test(c.date)) named.date = ph.words.longDate(c.date);
  return refusalText(ph.words, { key: refusal.key, params: named });
}

/** One flag as a sentence in names, ending with a full stop. */
export function flagInWords(flag: LeadFlag, names: FlagNames = {}): string {
  const ph = names.phrasing ?? phrasing();
  const catalogue = names.catalogue ?? SHIPPED_CATALOGUE;
  const where = ph.say('lead.where', {
    line: ph.lineOfEffort(flag.lineOfEffort, catalogue),
    region: ph.region(flag.region, catalogue),
  });
  // A sentence that opens with the place writes it with a capital, in whichever language.
  const say = (key: string, values: Readonly<Record<string, unknown>>) =>
    ph.say(
      key,
      template(ph.language, key)?.startsWith('{{where}}')
        ? { ...values, where: capitalise(where) }
        : { ...values, where },
    );
  switch (flag.kind) {
    case 'gap': {
      const what = ph.capability(flag.capability, catalogue);
      const unit = unitOf(catalogue, flag.capability);
      // English: "2 monitoring teams" where the capability names its unit; else "2 detachments
      // of UAV reconnaissance". Other languages always name both (their unit words differ).
      const amount = (n: number) =>
        ph.language === 'en' && what.endsWith(unit)
          ? ph.quantity(n, what)
          : ph.say('lead.amountOf', { amount: ph.quantity(n, unit), what });
      const values = { amount: amount(flag.required), id: flag.requirementId };
      return flag.allocated === 0
        ? say('lead.gapNone', values)
        : say('lead.gap', { ...values, has: ph.quantity(flag.allocated, unit) });
    }
    case 'no_lead':
      return say('lead.noLead', {});
    case 'conflict':
      return say('lead.conflict', { nations: ph.list(flag.nations.map(ph.nation)) });
    case 'lead_forbidden': {
      const first = flag.violations[0];
      const why = first
        ? ph.say('lead.forbiddenWhy', {
            offer: names.offer?.(first.offerId) ?? ph.say('lead.offerId', { id: first.offerId }),
            violation: caveatInWords(
              first.violation,
              { region: flag.region, role: first.role as CaveatTarget['role'] },
              catalogue,
              ph,
            ),
          })
        : (flag.reasons[0] ?? ph.say('lead.noReason'));
      const others = new Set(flag.violations.map((v) => v.offerId)).size - 1;
      const more = others > 0 ? ph.say('lead.moreForbidden', { count: others }) : '';
      return say('lead.forbidden', { nation: ph.nation(flag.nation), why, more });
    }
    case 'lead_contributes_nothing':
      return say('lead.contributesNothing', { nation: ph.nation(flag.nation) });
  }
}

/**
 * Why an offer did not (fully) serve a requirement, in names, as a phrase that follows the
 * offer: "serves only in Lviv Oblast, not in Kharkiv Oblast", "needs 60 days to deploy; this
 * requirement needs it within 45"; for capacity, where the units went: "Monitoring team in
 * Kyiv, priority 1: 3 teams".
 */
export function refusalInWords(
  reason: CandidateReason,
  offer: Offer,
  requirement: Requirement,
  names: {
    readonly catalogue?: Catalogue;
    /** A requirement by what it is: "Monitoring team in Kyiv (R-02)"; its id when not given. */
    readonly requirement?: (id: string) => string;
    /** The reader's language and names; English when not given. */
    readonly phrasing?: Phrasing;
  } = {},
): string {
  const ph = names.phrasing ?? phrasing();
  const catalogue = names.catalogue ?? SHIPPED_CATALOGUE;
  const unit = unitOf(catalogue, offer.capability);
  switch (reason.kind) {
    case 'caveat':
      return reason.violations
        .map((v) => caveatInWords(v, requirement, catalogue, ph))
        .join(ph.say('refusal.joiner'));
    case 'readiness':
      if (offer.lifecycle === 'withdrawn') return ph.say('refusal.withdrawn');
      if (offer.daysToDeploy > requirement.maxDaysToDeploy)
        return ph.say('refusal.tooSlow', { days: offer.daysToDeploy, within: requirement.maxDaysToDeploy });
      return ph.say('refusal.notReady', {
        readiness: ph.word('readiness', offer.readiness, offer.readiness.replaceAll('_', ' ')),
      });
    case 'capacity': {
      const name = names.requirement ?? ((id: string) => id);
      const went = reason.takenBy
        .map((t) =>
          ph.say('refusal.wentTo', {
            requirement: name(t.requirementId),
            priority: t.priority,
            amount: ph.quantity(t.quantity, unit),
          }),
        )
        .join(ph.say('refusal.joiner'));
      if (reason.givenHere > 0)
        return reason.takenBy.length === 0
          ? ph.say('refusal.gaveAll', { amount: ph.quantity(reason.givenHere, unit) })
          : ph.say('refusal.gaveSome', { amount: ph.quantity(reason.givenHere, unit), went });
      return went;
    }
    case 'unused':
      return ph.say('refusal.unused', { amount: ph.quantity(reason.spare, unit) });
  }
}
