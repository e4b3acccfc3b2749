/**
 * Force generation over years (issue 19): requirements and offers over time, and the
 * multi-period plan that says which nation's unit covers which requirement in which month.
 * Months are ISO `YYYY-MM` strings at the edges and month numbers (year × 12 + month − 1)
 * inside; every span of months is inclusive at both ends.
 */
import type { CandidateReason, PlanInput, RejectedInput } from '../types.ts';

/** A change of a requirement's size over some of its months: a surge after a breach, a drawdown. */
export interface SizeChange {
  /** First month at the new size, `YYYY-MM`. */
  readonly from: string;
  /** Last month at the new size, `YYYY-MM`; null to the requirement's end. */
  readonly to: string | null;
  /** Units needed in those months (0 suspends the requirement). */
  readonly quantity: number;
}

/** When a requirement is needed. Without one, it is needed every month of the horizon. */
export interface RequirementTimeline {
  /** First month needed, `YYYY-MM`. */
  readonly start: string;
  /** Last month needed, `YYYY-MM`; null: open-ended (to the planning horizon). */
  readonly end: string | null;
  readonly sizeChanges: readonly SizeChange[];
}

/**
 * How long and how often a nation can keep an offer in theatre. Without one, an offer serves
 * one tour of its `durationDays` from the horizon's start and does not come back.
 */
export interface OfferRotation {
  /** First month its units can be in theatre, `YYYY-MM`. */
  readonly availableFrom: string;
  /** Months one contingent stays deployed (a tour). */
  readonly monthsDeployed: number;
  /** Months a contingent needs after a tour to recover and retrain before it deploys again. */
  readonly monthsRecovering: number;
  /** Rotational units that stand behind the one offered (2 for the rule of three). */
  readonly rotationalUnits: number;
  /** Last day of the national mandate (`YYYY-MM-DD`, inclusive); null: no end stated. */
  readonly mandateEnds: string | null;
  readonly renewalExpected: boolean;
  /** Duration caveat: the nation commits the offer for at most this many months from `availableFrom`. */
  readonly maxMonths: number | null;
}

/** Everything a sustainment plan is computed from. */
export interface SustainmentInput {
  /** The single-period input: offers, requirements, claims, caveat facts (its `atMs` is unused). */
  readonly base: PlanInput;
  /** First month of the horizon, `YYYY-MM`, and its length in months (1..60). */
  readonly horizon: { readonly start: string; readonly months: number };
  /** Requirement id → when it is needed. */
  readonly timelines: Readonly<Record<string, RequirementTimeline>>;
  /** Offer id → its rotation. */
  readonly rotations: Readonly<Record<string, OfferRotation>>;
}

/** Tuning of a sustainment plan; every field has a default. */
export interface SustainmentOptions {
  /** Days the incoming and outgoing contingents overlap at a relief in place (default 14). */
  readonly overlapDays?: number;
  /** Plan mandates whose renewal is expected as if renewed (default true); cliffs still list them. */
  readonly assumeRenewal?: boolean;
  /** Wall-clock limit of the HiGHS solve, in seconds (default 10). */
  readonly timeLimitS?: number;
  /** Relative MIP gap at which the solve counts as optimal (default 1e-3). */
  readonly mipRelGap?: number;
  /** Share of a cell's priority-weighted need the lead must deliver itself (default 0.25). */
  readonly leadMinShare?: number;
  /** Cost of one lead change, in months of a lead (default 3): a lead stays unless it must go. */
  readonly leadChangeCost?: number;
  /** A monotonic clock in ms for the notes' wall times; core reads no clock of its own. */
  readonly clock?: () => number;
}

/** Units of one offer on one requirement over consecutive months at one quantity. */
export interface CommitmentSpan {
  readonly offerId: string;
  readonly nation: string;
  readonly requirementId: string;
  readonly from: string;
  readonly to: string;
  readonly quantity: number;
}

/**
 * A change of contingent on a requirement. `relief_in_place`: another nation's units take over
 * from units that leave, overlapping by `overlapDays`. `rotation`: the same offer's next
 * contingent replaces the one whose tour ends.
 */
export interface Handover {
  readonly requirementId: string;
  readonly month: string;
  readonly kind: 'relief_in_place' | 'rotation';
  readonly fromNations: readonly string[];
  readonly toNations: readonly string[];
  readonly units: number;
}

/** The nation that leads a cell over consecutive months. */
export interface LeadSpan {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly nation: string;
  readonly from: string;
  readonly to: string;
}

/** Coverage of one month: Σ w·min(1, given/needed) / Σ w over the requirements needed then. */
export interface MonthCoverage {
  readonly month: string;
  readonly coverage: number;
  readonly unitsRequired: number;
  readonly unitsAllocated: number;
}

/** Why an offer did not (fully) serve a requirement in some months. */
export type SustainmentReason =
  | CandidateReason
  | { readonly kind: 'not_yet'; readonly availableFrom: string; readonly message: string }
  | {
      readonly kind: 'mandate';
      readonly mandateEnds: string;
      readonly renewalExpected: boolean;
      readonly message: string;
    }
  | { readonly kind: 'duration'; readonly lastMonth: string; readonly message: string }
  | {
      readonly kind: 'rotation';
      /** Unit-months its contingents served in the window that is full. */
      readonly used: number;
      /** Unit-months its contingents can serve in any window of deployed + recovering months. */
      readonly budget: number;
      readonly windowMonths: number;
      readonly message: string;
    };

/** An offer of the right capability and why it did not close the shortfall in those months. */
export interface SustainmentCandidate {
  readonly offerId: string;
  readonly nation: string;
  readonly reason: SustainmentReason;
}

/** A requirement short of units over consecutive months for the same reasons. */
export interface UncoveredSpan {
  readonly requirementId: string;
  readonly from: string;
  readonly to: string;
  readonly required: number;
  readonly allocated: number;
  /** At most {@link MAX_CANDIDATES}, those that could change first (spare units, mandates, rotations), caveats last. */
  readonly candidates: readonly SustainmentCandidate[];
  /** Candidates left out (counted in the summary). */
  readonly omitted: number;
  readonly summary: string;
  /**
   * Every offer of the capability by reason kind, kept or left out: the summary's figures, so a
   * reader's language can say it again (ADR 0052). Absent from plans stored before it was kept.
   */
  readonly counts?: Readonly<Record<string, number>>;
}

/** Candidates kept per uncovered span, so a stored plan of 500 requirements stays small. */
export const MAX_CANDIDATES = 8;

/** What ends a nation's units on a requirement in a month. */
export type CliffCause = 'mandate_end' | 'mandate_renewal' | 'rotation' | 'duration';

/** An offer that could fill a cliff, with the units it has spare that month. */
export interface Fill {
  readonly offerId: string;
  readonly nation: string;
  readonly units: number;
}

/**
 * A month where coverage falls because a nation's mandate ends (or would end, if a renewal the
 * plan expects does not come), its rotations run out, or its offer's duration ends.
 */
export interface Cliff {
  readonly month: string;
  readonly cause: CliffCause;
  readonly nation: string;
  readonly offerIds: readonly string[];
  readonly requirements: readonly {
    readonly requirementId: string;
    /** Units of this nation on it the month before. */
    readonly lost: number;
    /** Units on it after the cliff, as planned (for `mandate_renewal`: if the renewal fails). */
    readonly after: number;
    readonly needed: number;
  }[];
  /** Offers with units to spare that month that may serve the requirements hit, best first. */
  readonly nextBestFill: readonly Fill[];
  readonly message: string;
}

/** How a sustainment plan ended: as {@link PlanStatus}, with `infeasible` for a model HiGHS proves empty. */
export type SustainmentStatus = 'optimal' | 'time_limited' | 'heuristic' | 'greedy';

/** Figures of a sustainment plan, computed from its allocation alone. */
export interface SustainmentMetrics {
  /** Priority-weighted coverage over every requirement-month. */
  readonly coverage: number;
  readonly unitMonthsRequired: number;
  readonly unitMonthsAllocated: number;
  readonly reliefsInPlace: number;
  readonly rotations: number;
  readonly leadChanges: number;
  readonly cellMonthsWithLead: number;
  readonly activeCellMonths: number;
}

/** A computed sustainment plan: a proposal, stored and read, never applied by itself. */
export interface SustainmentPlan {
  readonly status: SustainmentStatus;
  readonly method: 'optimal' | 'greedy';
  readonly horizon: { readonly start: string; readonly months: number };
  readonly overlapDays: number;
  readonly commitments: readonly CommitmentSpan[];
  /** Units each planned requirement needs, month by month over the horizon. */
  readonly needs: readonly { readonly requirementId: string; readonly byMonth: readonly number[] }[];
  readonly handovers: readonly Handover[];
  readonly leads: readonly LeadSpan[];
  readonly coverageByMonth: readonly MonthCoverage[];
  readonly metrics: SustainmentMetrics;
  readonly cliffs: readonly Cliff[];
  readonly uncovered: readonly UncoveredSpan[];
  readonly rejected: readonly RejectedInput[];
  /**
   * What the plan proves. `coverageCeiling`: no plan covers more than this (each
   * requirement-month taken alone, with every unit that may serve it). `gap`: HiGHS's relative
   * MIP gap when it stopped (0 when proven optimal; absent for the greedy plan).
   */
  readonly proof: { readonly coverageCeiling: number; readonly gap?: number };
  readonly notes: readonly string[];
}
