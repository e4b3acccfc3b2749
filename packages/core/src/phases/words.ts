/**
 * A rule evaluation in the reader's words (ADR 0052): each condition's outcome, a sector's
 * failing conditions, and a sector's standing ("rule 'quiet-14' fails (…)"), written from the
 * evaluation's figures. English is word for word the `explanation` the evaluator writes, so the
 * stored and logged English does not change; Ukrainian and French name categories and levels
 * and write dates as the language does.
 */
import type { Phrasing } from '../i18n/words/index.ts';
import type { ConditionResult, SectorEvaluation } from './evaluate.ts';
import type { Selection } from './parser.ts';

/** What a daily limit counts: "verified violations", "fom_restriction in zone-3" (English as written). */
function what(selection: Selection, p: Phrasing): string {
  if (p.language === 'en') {
    const level = selection.level === 'all' ? '' : `${selection.level} `;
    const counted = selection.categories?.join(', ') ?? 'violations';
    return `${level}${counted}${selection.zone ? ` in ${selection.zone}` : ''}`;
  }
  const counted = selection.categories
    ? p.say(`gateRule.categoriesAt.${selection.level}`, {
        categories: p.words.list(selection.categories.map((c) => p.words.t(`common.category.${c}`))),
      })
    : p.say(`gateRule.violationsAt.${selection.level}`);
  return selection.zone ? p.say('gateRule.inZone', { what: counted, zone: selection.zone }) : counted;
}

/** A day as the language writes it: ISO in English (as the evaluator wrote it), else the short date. */
const day = (p: Phrasing, iso: string) => (p.language === 'en' ? iso : p.words.shortDate(iso));

/** One condition's outcome in words. */
export function conditionInWords(c: ConditionResult, p: Phrasing): string {
  if (c.kind === 'daily_limit') {
    const counted = what(c.condition.selection, p);
    return c.breakingDay
      ? p.say('gateRule.dayOver', {
          date: day(p, c.breakingDay.date),
          count: c.breakingDay.count,
          what: counted,
          limit: c.breakingDay.limit,
        })
      : p.say('gateRule.daysWithin', { count: c.requiredDays, max: c.condition.maxPerDay, what: counted });
  }
  const { minPercent, strict } = c.condition;
  return p.say('gateRule.coverage', {
    count: c.windowDays,
    monitored: c.monitoredDays,
    percent: Math.round((100 * c.monitoredDays) / c.windowDays),
    needs: strict ? '>' : '>=',
    min: minPercent,
  });
}

/**
 * A sector's evaluation as records keep it: its English explanation, and the conditions it was
 * written from (an evaluation stored before they were kept has none).
 */
export type KeptSectorEvaluation = Pick<SectorEvaluation, 'pass' | 'explanation'> & {
  readonly conditions?: SectorEvaluation['conditions'];
};

/** A sector's evaluation in words: its failing conditions, or that the rule holds; without its conditions, as written. */
export function sectorEvaluationInWords(s: KeptSectorEvaluation, p: Phrasing): string {
  if (p.language === 'en' || !s.conditions) return s.explanation;
  if (s.pass) return p.say('gateRule.holds');
  return s.conditions
    .filter((c) => !c.pass)
    .map((c) => conditionInWords(c, p))
    .join(p.words.t('common.sep'));
}

/** Why a sector does not hold, one rule: "rule 'quiet-14' fails (day … had 7 verified violations, limit 5)". */
export function standingReasonInWords(rule: string, s: SectorEvaluation, p: Phrasing): string {
  return p.say('gateRule.fails', { rule, why: sectorEvaluationInWords(s, p) });
}

/**
 * A rule's failing sectors, one reason each, in the reader's words: core's failureReasons
 * ("rule 'quiet-14' fails in sector S-3 (…)"), word for word in English.
 */
export function failureReasonsInWords(
  evaluation: {
    readonly rule: { readonly id: string };
    readonly sectors: readonly (KeptSectorEvaluation & { readonly sector: string })[];
  },
  p: Phrasing,
): string[] {
  return evaluation.sectors
    .filter((s) => !s.pass)
    .map((s) =>
      p.say('transitionPreview.failsIn', {
        rule: evaluation.rule.id,
        sector: s.sector,
        why: sectorEvaluationInWords(s, p),
      }),
    );
}
