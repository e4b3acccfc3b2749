import type { IsoDate } from './dates.ts';
import type { ConditionResult, RuleEvaluation } from './evaluate.ts';
import type { RuleRef } from './parser.ts';

/** One step the coalition committed in advance to take when a rule breaks. */
export interface Rung {
  readonly id: string;
  /** "joint inspection within 24 h", "doubled monitoring in the sector", "convene the cell", "suspension". */
  readonly title: string;
  /** The committed response time, measured from the breach's detection. */
  readonly respondWithinHours: number;
  /** ISO 3166-1 alpha-3 of the nations committed to act on this rung. */
  readonly nations: readonly string[];
  /** Rule ids this rung answers; empty answers every rule. */
  readonly rules: readonly string[];
  /** Sectors that must breach on the same day before this rung applies: how the ladder escalates. */
  readonly minSectors: number;
}

/** Rungs from the mildest to the most severe. */
export type ResponseLadder = readonly Rung[];

/** A sector where a rule held and now fails. */
export interface Breach {
  readonly id: string;
  readonly rule: RuleRef;
  readonly sector: string;
  readonly asOf: IsoDate;
  readonly detectedAtMs: number;
  readonly explanation: string;
  /** The sector's conditions as evaluated, to say the explanation in another language (ADR 0057). */
  readonly conditions: readonly ConditionResult[];
  readonly incidentIds: readonly string[];
}

/**
 * Compares two evaluations of one rule version and returns the sectors that passed before and
 * fail now. A sector failing in both is no new breach: the cell was alerted the first time.
 */
export function detectBreaches(
  previous: RuleEvaluation,
  current: RuleEvaluation,
  detectedAtMs: number,
): readonly Breach[] {
  if (previous.rule.id !== current.rule.id || previous.rule.version !== current.rule.version) {
    // A new version can fail where the old passed without anything happening in the field.
    throw new RangeError(
      `breaches compare one rule version; got '${previous.rule.id}' v${previous.rule.version} and '${current.rule.id}' v${current.rule.version}`,
    );
  }
  const held = new Set(previous.sectors.filter((s) => s.pass).map((s) => s.sector));
  return current.sectors
    .filter((s) => !s.pass && held.has(s.sector))
    .map((s) => ({
      id: `${current.rule.id}@${current.rule.version}:${s.sector}:${current.asOf}`,
      rule: current.rule,
      sector: s.sector,
      asOf: current.asOf,
      detectedAtMs,
      explanation: s.explanation,
      conditions: s.conditions,
      incidentIds: [
        ...new Set(
          s.conditions.flatMap((c) => (c.kind === 'daily_limit' ? (c.breakingDay?.incidentIds ?? []) : [])),
        ),
      ].sort(),
    }));
}

/** The rung a breach calls for, or `null` when no rung answers it. */
export interface Proposal {
  readonly breach: Breach;
  readonly rung: Rung | null;
}

/**
 * Proposes for each breach the most severe rung that answers its rule and whose `minSectors` is
 * met by the sectors breaching (any rule) on the same day.
 */
export function proposeRungs(ladder: ResponseLadder, breaches: readonly Breach[]): readonly Proposal[] {
  return breaches.map((breach) => {
    const sameDay = new Set(breaches.filter((b) => b.asOf === breach.asOf).map((b) => b.sector)).size;
    const matching = ladder.filter(
      (rung) =>
        (rung.rules.length === 0 || rung.rules.includes(breach.rule.id)) && sameDay >= rung.minSectors,
    );
    return { breach, rung: matching.at(-1) ?? null };
  });
}

/** What the cell decided about a breach, and when. */
export interface ResponseRecord {
  readonly breachId: string;
  readonly rungId: string;
  readonly decidedAtMs: number;
  readonly by: string;
  readonly nation: string;
}

/** For one breach: its first response, how long it took, and whether that met the rung's commitment. */
export interface ResponseTime {
  readonly breach: Breach;
  readonly response: ResponseRecord | null;
  readonly elapsedMs: number | null;
  /** `null` while no response is recorded, or when the response names a rung not on the ladder. */
  readonly withinCommitment: boolean | null;
}

/** Time from breach to first recorded response, for every breach. */
export function responseTimes(
  ladder: ResponseLadder,
  breaches: readonly Breach[],
  responses: readonly ResponseRecord[],
): readonly ResponseTime[] {
  return breaches.map((breach) => {
    const response =
      responses
        .filter((r) => r.breachId === breach.id)
        .reduce<ResponseRecord | null>(
          (first, r) => (first && first.decidedAtMs <= r.decidedAtMs ? first : r),
          null,
        ) ?? null;
    if (!response) return { breach, response: null, elapsedMs: null, withinCommitment: null };
    const elapsedMs = response.decidedAtMs - breach.detectedAtMs;
    const rung = ladder.find((r) => r.id === response.rungId);
    return {
      breach,
      response,
      elapsedMs,
      withinCommitment: rung ? elapsedMs <= rung.respondWithinHours * 3_600_000 : null,
    };
  });
}
