import { addDays, type IsoDate, isIsoDate } from './dates.ts';
import { type DayIncident, type FactIndex, factKey, indexFacts, reaches, type SectorDay } from './facts.ts';
import type { CompiledRule, Condition, Coverage, DailyLimit, RuleRef, Selection } from './parser.ts';

/** The data a rule is evaluated on, as of the end of one UTC day. */
export interface EvaluationInput {
  readonly asOf: IsoDate;
  /** Every sector known today, in display order; `every sector` means these. */
  readonly sectors: readonly string[];
  readonly facts: readonly SectorDay[];
}

/** The most recent day that broke a daily limit, and the incidents behind it. */
export interface BreakingDay {
  readonly date: IsoDate;
  readonly count: number;
  readonly limit: number;
  readonly incidentIds: readonly string[];
}

/** How one daily-limit condition stands in one sector. */
export interface DailyLimitResult {
  readonly kind: 'daily_limit';
  readonly condition: DailyLimit;
  readonly pass: boolean;
  /** Consecutive days within the limit ending on `asOf`, capped at the window. */
  readonly streakDays: number;
  readonly requiredDays: number;
  readonly breakingDay: BreakingDay | null;
  /** First day the condition passes if nothing new is recorded (`asOf` when it passes now). */
  readonly firstPassDate: IsoDate;
  readonly explanation: string;
}

/** How one coverage condition stands in one sector. */
export interface CoverageResult {
  readonly kind: 'coverage';
  readonly condition: Coverage;
  readonly pass: boolean;
  readonly monitoredDays: number;
  readonly windowDays: number;
  readonly unmonitoredDates: readonly IsoDate[];
  /** First day the condition passes if monitoring runs every day from tomorrow. */
  readonly firstPassDate: IsoDate;
  readonly explanation: string;
}

/** The result of one condition of a rule in one sector. */
export type ConditionResult = DailyLimitResult | CoverageResult;

/** How a rule stands in one sector: pass or fail, each condition explained, and when it could pass. */
export interface SectorEvaluation {
  readonly sector: string;
  readonly pass: boolean;
  readonly firstPassDate: IsoDate;
  /** Every condition of the rule, in the order written. */
  readonly conditions: readonly ConditionResult[];
  /** The failing conditions' explanations, or `holds` when the rule passes. */
  readonly explanation: string;
}

/** One rule version evaluated as of a day over every sector in its scope. */
export interface RuleEvaluation {
  readonly rule: RuleRef;
  readonly asOf: IsoDate;
  /** True only when the rule passes in every sector. */
  readonly pass: boolean;
  /** The day the last failing sector could pass if nothing new happens (`asOf` when passing). */
  readonly firstPassDate: IsoDate;
  readonly sectors: readonly SectorEvaluation[];
}

/**
 * Evaluates a compiled rule per sector. Days without a record count as unmonitored and free of
 * incidents: a quiet streak says nothing about blind spots, which is what coverage conditions
 * are for. The result depends only on the data, not on its order.
 */
export function evaluateRule(rule: CompiledRule, input: EvaluationInput): RuleEvaluation {
  if (!isIsoDate(input.asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got '${input.asOf}'`);
  const index = indexFacts(input.facts);
  const sectors = (rule.ast.sectors ?? input.sectors).map((sector) =>
    evaluateSector(rule, sector, index, input.asOf),
  );
  const failing = sectors.filter((s) => !s.pass);
  return {
    rule: { id: rule.id, version: rule.version },
    asOf: input.asOf,
    pass: failing.length === 0,
    firstPassDate: failing.map((s) => s.firstPassDate).reduce(later, input.asOf),
    sectors,
  };
}

function evaluateSector(
  rule: CompiledRule,
  sector: string,
  index: FactIndex,
  asOf: IsoDate,
): SectorEvaluation {
  const conditions: ConditionResult[] = [];
  const outcome = walk(rule.ast.condition, (leaf) => {
    const result =
      leaf.kind === 'daily_limit'
        ? dailyLimit(leaf, sector, index, asOf)
        : coverage(leaf, sector, index, asOf);
    conditions.push(result);
    return result;
  });
  return {
    sector,
    pass: outcome.pass,
    firstPassDate: outcome.firstPassDate,
    conditions,
    explanation: outcome.pass
      ? 'holds'
      : conditions
          .filter((c) => !c.pass)
          .map((c) => c.explanation)
          .join('; '),
  };
}

interface Outcome {
  readonly pass: boolean;
  readonly firstPassDate: IsoDate;
}

/**
 * Combines condition outcomes. Each condition, left alone, passes from its first-pass date on and
 * keeps passing, so `and` first passes on the latest such date and `or` on the earliest.
 */
function walk(condition: Condition, leaf: (c: DailyLimit | Coverage) => Outcome): Outcome {
  if (condition.kind === 'daily_limit' || condition.kind === 'coverage') return leaf(condition);
  const parts = condition.of.map((c) => walk(c, leaf));
  if (condition.kind === 'all') {
    return {
      pass: parts.every((p) => p.pass),
      firstPassDate: parts.map((p) => p.firstPassDate).reduce(later),
    };
  }
  return {
    pass: parts.some((p) => p.pass),
    firstPassDate: parts.map((p) => p.firstPassDate).reduce(earlier),
  };
}

function dailyLimit(
  condition: DailyLimit,
  sector: string,
  index: FactIndex,
  asOf: IsoDate,
): DailyLimitResult {
  const { selection, maxPerDay, days } = condition;
  for (let back = 0; back < days; back++) {
    const date = addDays(asOf, -back);
    const matching = (index.get(factKey(sector, date))?.incidents ?? []).filter((i) => selects(selection, i));
    const count = matching.reduce((sum, i) => sum + i.count, 0);
    if (count > maxPerDay) {
      const breakingDay = { date, count, limit: maxPerDay, incidentIds: matching.map((i) => i.id) };
      return {
        kind: 'daily_limit',
        condition,
        pass: false,
        streakDays: back,
        requiredDays: days,
        breakingDay,
        // With nothing new, the streak restarts the day after the break and needs `days` days.
        firstPassDate: addDays(date, days),
        explanation: `day ${date} had ${count} ${noun(selection)}, limit ${maxPerDay}`,
      };
    }
  }
  return {
    kind: 'daily_limit',
    condition,
    pass: true,
    streakDays: days,
    requiredDays: days,
    breakingDay: null,
    firstPassDate: asOf,
    explanation: `${days} days with at most ${maxPerDay} ${noun(selection)} a day`,
  };
}

function coverage(condition: Coverage, sector: string, index: FactIndex, asOf: IsoDate): CoverageResult {
  const { days, minPercent, strict } = condition;
  const window = Array.from({ length: days }, (_, i) => addDays(asOf, i - days + 1));
  const monitored = window.map((date) => index.get(factKey(sector, date))?.monitored === true);
  const enough = (count: number) =>
    strict ? 100 * count > minPercent * days : 100 * count >= minPercent * days;
  const monitoredDays = monitored.filter(Boolean).length;
  // Tomorrow onwards every day is assumed monitored: day k drops the window's k oldest days.
  let k = 0;
  while (!enough(monitored.slice(k).filter(Boolean).length + k)) k++;
  const percent = Math.round((100 * monitoredDays) / days);
  const pass = k === 0;
  return {
    kind: 'coverage',
    condition,
    pass,
    monitoredDays,
    windowDays: days,
    unmonitoredDates: window.filter((_, i) => !monitored[i]),
    firstPassDate: addDays(asOf, k),
    explanation: `monitored ${monitoredDays} of ${days} days (${percent}%), needs ${strict ? '>' : '>='} ${minPercent}%`,
  };
}

function selects(selection: Selection, incident: DayIncident): boolean {
  return (
    reaches(incident.verification, selection.level) &&
    (selection.categories === null || selection.categories.includes(incident.category)) &&
    (selection.zone === null || incident.zones.includes(selection.zone))
  );
}

/** "verified violations", "heavy_weapon_sighting in withdrawal_zone": what a limit counts. */
function noun(selection: Selection): string {
  const level = selection.level === 'all' ? '' : `${selection.level} `;
  const what = selection.categories?.join(', ') ?? 'violations';
  return `${level}${what}${selection.zone ? ` in ${selection.zone}` : ''}`;
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
