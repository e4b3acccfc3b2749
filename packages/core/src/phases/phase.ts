import { daysBetween, type IsoDate, isIsoDate } from './dates.ts';
import type { RuleEvaluation } from './evaluate.ts';
import type { RuleRef } from './parser.ts';

/** Campaign phases in order; `suspended` sits outside the order. */
export const PHASES = [
  'hostilities',
  'ceasefire_agreed',
  'ceasefire_holding',
  'force_deploying',
  'sustainment',
  'suspended',
] as const;
/** A campaign-wide phase. */
export type Phase = (typeof PHASES)[number];

/** Phases in which deployment orders may be issued. */
export const ORDER_PHASES: readonly Phase[] = ['force_deploying', 'sustainment'];

/**
 * Allowed moves. Forward one step at a time; any post-ceasefire phase may be suspended.
 * Resumption goes to `ceasefire_holding`, never straight back to deploying: forces re-pass the
 * deployment gate, and entering `ceasefire_holding` re-checks the same rules as the first time.
 * `suspended → hostilities` records a ceasefire that collapsed.
 */
export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  hostilities: ['ceasefire_agreed'],
  ceasefire_agreed: ['ceasefire_holding', 'suspended'],
  ceasefire_holding: ['force_deploying', 'suspended'],
  force_deploying: ['sustainment', 'suspended'],
  sustainment: ['suspended'],
  suspended: ['ceasefire_holding', 'hostilities'],
};

/** The rules that must pass to enter each phase; a phase with no entry has no rule guard. */
export type GuardPolicy = Readonly<Partial<Record<Phase, readonly RuleRef[]>>>;

/** Who decided what, on whose authority; an override names why failing rules were set aside. */
export interface Decision {
  readonly by: string;
  /** ISO 3166-1 alpha-3 of the deciding nation. */
  readonly nation: string;
  readonly date: IsoDate;
  /** The mandate or body the decision rests on ("Coordination Cell, decision 2026/14"). */
  readonly authority: string;
  readonly override?: { readonly reason: string };
}

/** An override as recorded: the reason and the failures it set aside, shown wherever the phase is. */
export interface OverrideRecord {
  readonly reason: string;
  readonly bypassed: readonly string[];
}

/** A phase the campaign entered, with the decision and the evaluations it rested on. */
export interface PhaseRecord {
  readonly phase: Phase;
  readonly from: Phase | null;
  readonly since: IsoDate;
  readonly decision: Decision;
  readonly evaluations: readonly RuleEvaluation[];
  /** Present only when failing rules were actually set aside. */
  readonly override: OverrideRecord | null;
}

/** Why a phase change was refused, with a stable code for the API. */
export interface PhaseRefusal {
  readonly code: 'phase.transition_not_allowed' | 'phase.gate_closed' | 'phase.decision_invalid';
  readonly reasons: readonly string[];
  /** `phase change refused: …`, every reason joined, for people. */
  readonly message: string;
}

/** A new phase record, or a refusal. */
export type TransitionResult =
  | { readonly ok: true; readonly record: PhaseRecord }
  | { readonly ok: false; readonly refusal: PhaseRefusal };

/** Everything a phase change needs: where we are, where to, the rule evaluations, the decision. */
export interface TransitionRequest {
  readonly current: Phase;
  readonly target: Phase;
  readonly policy: GuardPolicy;
  readonly evaluations: readonly RuleEvaluation[];
  readonly decision: Decision;
}

/**
 * Moves the campaign to `target` if the move is allowed, the decision is complete and every
 * guarding rule passes. Failing rules can be set aside only by an override with a reason, and the
 * override is recorded with what it set aside; nothing else (a missing evaluation, a forbidden
 * move) can be overridden.
 */
export function transition(request: TransitionRequest): TransitionResult {
  const { current, target, policy, evaluations, decision } = request;
  if (!TRANSITIONS[current].includes(target)) {
    return refuse('phase.transition_not_allowed', [
      `${current} cannot move to ${target}; allowed next: ${TRANSITIONS[current].join(', ')}`,
    ]);
  }
  const invalid = decisionProblems(decision);
  const attached: RuleEvaluation[] = [];
  for (const ref of policy[target] ?? []) {
    const evaluation = evaluations.find((e) => e.rule.id === ref.id && e.rule.version === ref.version);
    if (!evaluation) invalid.push(`rule '${ref.id}' version ${ref.version} was not evaluated`);
    else if (evaluation.asOf > decision.date) {
      invalid.push(
        `rule '${ref.id}' was evaluated as of ${evaluation.asOf}, after the decision date ${decision.date}`,
      );
    } else attached.push(evaluation);
  }
  if (invalid.length > 0) return refuse('phase.decision_invalid', invalid);
  const failures = attached.flatMap(failureReasons);
  if (failures.length > 0 && !decision.override) return refuse('phase.gate_closed', failures);
  return {
    ok: true,
    record: {
      phase: target,
      from: current,
      since: decision.date,
      decision,
      evaluations: attached,
      override:
        failures.length > 0 && decision.override
          ? { reason: decision.override.reason, bypassed: failures }
          : null,
    },
  };
}

/** The first record of a campaign: hostilities, before any decision about a ceasefire. */
export function initialPhase(decision: Decision): PhaseRecord {
  return {
    phase: 'hostilities',
    from: null,
    since: decision.date,
    decision,
    evaluations: [],
    override: null,
  };
}

/** "rule 'quiet-14' fails in sector S-3 (day 2026-11-20 had 7 verified violations, limit 5)", per sector. */
export function failureReasons(evaluation: RuleEvaluation): readonly string[] {
  return evaluation.sectors
    .filter((s) => !s.pass)
    .map((s) => `rule '${evaluation.rule.id}' fails in sector ${s.sector} (${s.explanation})`);
}

function decisionProblems(decision: Decision): string[] {
  const problems: string[] = [];
  if (decision.by.trim() === '') problems.push('the decision names nobody who decided');
  if (!/^[A-Z]{3}$/.test(decision.nation))
    problems.push(`'${decision.nation}' is not an ISO 3166-1 alpha-3 nation code`);
  if (!isIsoDate(decision.date)) problems.push(`'${decision.date}' is not a YYYY-MM-DD date`);
  if (decision.authority.trim() === '') problems.push('the decision names no authority');
  if (decision.override && decision.override.reason.trim() === '')
    problems.push('an override needs a reason');
  return problems;
}

function refuse(code: PhaseRefusal['code'], reasons: readonly string[]): TransitionResult {
  return { ok: false, refusal: { code, reasons, message: `phase change refused: ${reasons.join('; ')}` } };
}

/** How a sector stands against the rules that guard the ceasefire. */
export type SectorStatus = 'holding' | 'fragile' | 'broken';

/** A sector's status and the failures behind it. */
export interface SectorStanding {
  readonly sector: string;
  readonly status: SectorStatus;
  readonly reasons: readonly string[];
}

/** How long after its last breaking day a failing sector counts as broken rather than fragile. */
export const BROKEN_FOR_DAYS = 7;

/**
 * Derives each sector's status from rule evaluations: `holding` when every rule passes there;
 * `broken` when a rule fails because of a day within the last `brokenForDays` days (as of each
 * evaluation) that exceeded a limit; otherwise `fragile` — failing, but only because a streak is
 * still rebuilding after an older break or monitoring coverage is short.
 */
export function sectorStandings(
  evaluations: readonly RuleEvaluation[],
  brokenForDays: number = BROKEN_FOR_DAYS,
): readonly SectorStanding[] {
  const standings = new Map<string, { status: SectorStatus; reasons: string[] }>();
  for (const evaluation of evaluations) {
    for (const sector of evaluation.sectors) {
      const standing = standings.get(sector.sector) ?? { status: 'holding', reasons: [] };
      standings.set(sector.sector, standing);
      if (sector.pass) continue;
      standing.reasons.push(`rule '${evaluation.rule.id}' fails (${sector.explanation})`);
      const recentBreak = sector.conditions.some(
        (c) =>
          !c.pass &&
          c.kind === 'daily_limit' &&
          c.breakingDay !== null &&
          daysBetween(c.breakingDay.date, evaluation.asOf) < brokenForDays,
      );
      if (recentBreak) standing.status = 'broken';
      else if (standing.status === 'holding') standing.status = 'fragile';
    }
  }
  return [...standings].map(([sector, { status, reasons }]) => ({ sector, status, reasons }));
}
