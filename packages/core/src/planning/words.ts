/**
 * A plan's explanations in the reader's language (ADR 0052): a requirement by what it is and
 * an unmet requirement's summary, from the plan's structured data (its candidates' reasons),
 * so that a stored plan is read in any language. The stored English `summary` stays as written.
 */
import { type Catalogue, SHIPPED_CATALOGUE } from '../coalition/catalogue.ts';
import { capitalise, type Phrasing, phrasing } from '../i18n/words/index.ts';
import type { CandidateExplanation, ClaimOutcome, Requirement } from './types.ts';

/** "Monitoring team in Kyiv (R-02)", "Моніторингова група — Київ (R-02)". */
export function requirementLabel(
  r: Pick<Requirement, 'id' | 'capability' | 'region'>,
  ph: Phrasing = phrasing(),
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): string {
  return ph.say('plan.requirement', {
    what: capitalise(ph.capability(r.capability, catalogue)),
    region: ph.region(r.region, catalogue),
    id: r.id,
  });
}

/**
 * An unmet requirement in one sentence: how much it has, and what became of the offers of its
 * capability ("R-7: 1 з 3 — моніторингова група, Донецька область (моніторинг перемир’я);
 * пропозиції: відхилено застереженнями: 2"). `met` when nothing is short.
 */
export function shortfallInWords(
  r: Pick<Requirement, 'id' | 'capability' | 'region' | 'lineOfEffort' | 'quantity'>,
  allocated: number,
  candidates: readonly Pick<CandidateExplanation, 'reason'>[] | null,
  ph: Phrasing = phrasing(),
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): string {
  if (candidates === null) return ph.say('plan.metInFull');
  const count = (kind: string) => candidates.filter((c) => c.reason.kind === kind).length;
  const parts = (['caveat', 'readiness', 'capacity', 'unused'] as const)
    .map((kind) => [kind, count(kind)] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => ph.say(`plan.${kind}`, { count: n }));
  return ph.say('plan.shortfall', {
    id: r.id,
    allocated: ph.words.number(allocated),
    required: ph.words.number(r.quantity),
    what: ph.capability(r.capability, catalogue),
    region: ph.region(r.region, catalogue),
    line: ph.lineOfEffort(r.lineOfEffort, catalogue),
    offers:
      candidates.length === 0
        ? ph.say('plan.noOffer')
        : ph.say('plan.offers', { parts: parts.join(ph.say('plan.partsJoiner')) }),
  });
}

/**
 * What became of a lead claim, in the reader's language, from the outcome's stored data. English
 * readers, and plans stored before the data was kept, get the planner's own sentence (in codes).
 * `refusal` says why an offer may not serve a requirement (the server recomputes it from the
 * plan's input: refusalInWords).
 */
export function claimInWords(
  c: ClaimOutcome,
  ph: Phrasing = phrasing(),
  names: { readonly refusal?: (offerId: string, requirementId: string) => string | undefined } = {},
): string {
  const b = c.because;
  if (!b || ph.language === 'en') return c.message;
  const percent = new Intl.NumberFormat(ph.words.locale, { style: 'percent', maximumFractionDigits: 0 });
  const pct = (x: number) => percent.format(x);
  const values = {
    where: capitalise(
      ph.say('claim.where', { line: ph.lineOfEffort(c.lineOfEffort), region: ph.region(c.region) }),
    ),
    nation: ph.nation(c.nation),
    share: pct(c.share),
  };
  const other = b.lead
    ? ph.say('claim.otherLead', { lead: ph.nation(b.lead.nation), share: pct(b.lead.share) })
    : ph.say('claim.noLead');
  switch (c.outcome) {
    case 'honoured':
      return ph.say('claim.honoured', values);
    case 'unrequired':
      return ph.say('claim.unrequired', values);
    case 'forbidden': {
      const refusal = b.refusal && names.refusal?.(b.refusal.offerId, b.refusal.requirementId);
      return refusal
        ? ph.say('claim.forbidden', { ...values, refusal, other })
        : ph.say('claim.forbiddenNone', { ...values, other });
    }
    case 'short':
      return ph.say('claim.short', { ...values, reach: pct(b.reach), minShare: pct(b.minShare), other });
    case 'outweighed':
      return b.lead && b.rival
        ? ph.say('claim.rival', { ...values, lead: ph.nation(b.lead.nation), leadShare: pct(b.lead.share) })
        : ph.say('claim.outweighed', { ...values, minShare: pct(b.minShare), other });
  }
}
