/**
 * A sustainment plan in words, in the reader's language (a {@link Phrasing}; English when none
 * is given, ADR 0052): why an offer did not serve a requirement in some months, a short span's
 * summary and a mandate cliff, each from the plan's structured data so that a stored plan reads
 * in any language. Caveats, readiness and capacity read as in the single-period plan.
 */
import { type Catalogue, indexCatalogue, type Offer, SHIPPED_CATALOGUE } from '../../coalition/index.ts';
import { capitalise, type Phrasing, phrasing } from '../../i18n/words/index.ts';
import { refusalInWords } from '../../lead-matrix/words.ts';
import type { Requirement } from '../types.ts';
import { requirementLabel } from '../words.ts';
import { monthKey, monthNumber, monthStartMs } from './months.ts';
import type { Cliff, OfferRotation, SustainmentReason } from './types.ts';

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** "March 2027", "березень 2027 р.", "mars 2027": a month number in the reader's language. */
export function monthName(n: number, ph: Phrasing = phrasing()): string {
  let f = monthFormats.get(ph.words.locale);
  if (!f) {
    f = new Intl.DateTimeFormat(ph.words.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(ph.words.locale, f);
  }
  return f.format(new Date(monthStartMs(n)));
}

/** A day `YYYY-MM-DD` as English has always written it (as is), else in the reader's words. */
const day = (iso: string | null, ph: Phrasing) =>
  iso === null || ph.language === 'en' || !/^\d{4}-\d\d-\d\d$/.test(iso)
    ? String(iso)
    : ph.words.longDate(iso);
/** A month `YYYY-MM` as English has always written it (as is), else by name. */
const month = (key: string, ph: Phrasing) =>
  ph.language === 'en' || Number.isNaN(monthNumber(key)) ? key : monthName(monthNumber(key), ph);
const unitOf = (catalogue: Catalogue, capability: string) =>
  indexCatalogue(catalogue).capability.get(capability)?.unit ?? 'unit';

/** The rotation a plan assumes for an offer: the stated one, else one tour from the horizon's start. */
export function offerRotation(
  offer: Pick<Offer, 'durationDays'>,
  stated: OfferRotation | undefined,
  horizonStart: number,
): OfferRotation {
  return (
    stated ?? {
      availableFrom: monthKey(horizonStart),
      monthsDeployed: Math.max(1, Math.round(offer.durationDays / 30.4375)),
      // One tour, then nothing: the recovery outlasts any horizon.
      monthsRecovering: 1200,
      rotationalUnits: 0,
      mandateEnds: null,
      renewalExpected: false,
      maxMonths: null,
    }
  );
}

/**
 * A short span in one sentence: "Monitoring team in Kyiv has 1 team of 2 from March 2027
 * to May 2027: 2 offers out of rotations." `counts` are the offers by reason kind, all of them.
 */
export function spanInWords(
  span: { readonly from: string; readonly to: string; readonly required: number; readonly allocated: number },
  requirement: Pick<Requirement, 'id' | 'capability' | 'region'>,
  counts: ReadonlyMap<string, number>,
  ph: Phrasing = phrasing(),
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): string {
  const from = monthName(monthNumber(span.from), ph);
  const when =
    span.from === span.to
      ? ph.say('sustainment.inMonth', { month: from })
      : ph.say('sustainment.fromTo', { from, to: monthName(monthNumber(span.to), ph) });
  const why =
    counts.size === 0
      ? ph.say('sustainment.noNation')
      : [...counts]
          .map(([kind, count]) => ph.say(`sustainment.kind.${kind}`, { count }))
          .join(ph.say('sustainment.countsJoiner'));
  return ph.say('sustainment.summary', {
    requirement: requirementLabel(requirement, ph, catalogue),
    amount: ph.quantity(span.allocated, unitOf(catalogue, requirement.capability)),
    required: span.required,
    when,
    why,
  });
}

/**
 * A mandate cliff in words: the month, what ends (from the rotation of the cliff's first
 * offer), what each requirement loses, and the next-best fill.
 */
export function cliffInWords(
  cliff: Pick<Cliff, 'month' | 'cause' | 'nation' | 'requirements' | 'nextBestFill'>,
  rotation: OfferRotation,
  requirement: (id: string) => Pick<Requirement, 'id' | 'capability' | 'region'> | undefined,
  ph: Phrasing = phrasing(),
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): string {
  const nation = ph.nation(cliff.nation);
  const ends = day(rotation.mandateEnds, ph);
  const why =
    cliff.cause === 'mandate_end'
      ? ph.say(rotation.renewalExpected ? 'sustainment.mandateEnd' : 'sustainment.mandateEndNoRenewal', {
          nation,
          ends,
        })
      : cliff.cause === 'mandate_renewal'
        ? ph.say('sustainment.mandateRenewal', { nation, ends })
        : cliff.cause === 'rotation'
          ? ph.say('sustainment.rotation', {
              nation,
              count: rotation.rotationalUnits,
              deployed: rotation.monthsDeployed,
              recovering: rotation.monthsRecovering,
            })
          : ph.say('sustainment.duration', {
              nation,
              months: rotation.maxMonths,
              from: month(rotation.availableFrom, ph),
            });
  const losses = cliff.requirements
    .map((h) => {
      const r = requirement(h.requirementId);
      return ph.say('sustainment.loss', {
        requirement: r ? requirementLabel(r, ph, catalogue) : h.requirementId,
        amount: ph.quantity(h.lost, r ? unitOf(catalogue, r.capability) : 'unit'),
        after: h.after,
        needed: h.needed,
      });
    })
    .join(ph.say('sustainment.lossJoiner'));
  const fill =
    cliff.nextBestFill.length === 0
      ? ph.say('sustainment.noFill')
      : ph.say('sustainment.fill', {
          fills: cliff.nextBestFill
            .map((f) =>
              ph.say('sustainment.fillItem', { nation: ph.nation(f.nation), id: f.offerId, units: f.units }),
            )
            .join(ph.say('sustainment.fillJoiner')),
        });
  return ph.say('sustainment.cliff', {
    month: capitalise(monthName(monthNumber(cliff.month), ph)),
    why,
    losses,
    fill,
  });
}

/** "its national mandate ends on 2028-01-31 (renewal expected)", "is out of rotations …". */
export function sustainmentReasonInWords(
  reason: SustainmentReason,
  offer: Offer,
  requirement: Requirement,
  names: {
    readonly catalogue?: Catalogue;
    readonly requirement?: (id: string) => string;
    /** The reader's language and names; English when not given. */
    readonly phrasing?: Phrasing;
  } = {},
): string {
  const ph = names.phrasing ?? phrasing();
  switch (reason.kind) {
    case 'not_yet':
      return ph.say('sustainment.notYet', { month: monthName(monthNumber(reason.availableFrom), ph) });
    case 'mandate':
      return ph.say(reason.renewalExpected ? 'sustainment.noMandateRenewal' : 'sustainment.noMandate', {
        ends: day(reason.mandateEnds, ph),
      });
    case 'duration':
      return ph.say('sustainment.committedTo', { month: monthName(monthNumber(reason.lastMonth), ph) });
    case 'rotation':
      return ph.say('sustainment.noContingent', {
        used:
          ph.language === 'en'
            ? reason.used
            : ph.words.number(reason.used, Number.isInteger(reason.used) ? 0 : 2),
        budget: reason.budget,
        window: reason.windowMonths,
      });
    case 'unused':
      return ph.say('sustainment.spare', { count: reason.spare });
    default:
      return refusalInWords(reason, offer, requirement, names);
  }
}
