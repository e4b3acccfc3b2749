/**
 * A plan's explanations in the reader's language (ADR 0052): a requirement by what it is and
 * an unmet requirement's summary, from the plan's structured data (its candidates' reasons),
 * so that a stored plan is read in any language. The stored English `summary` stays as written.
 */
import { type Catalogue, SHIPPED_CATALOGUE } from '../coalition/catalogue.ts';
import { capitalise, type Phrasing, phrasing } from '../i18n/words/index.ts';
import type { CandidateExplanation, Requirement } from './types.ts';

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
