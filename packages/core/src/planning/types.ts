/**
 * Force generation as data: requirements written by the cell (like CJSOR lines), the input a
 * plan is computed from, and the plan itself, all plain values that store as JSON.
 */
import type {
  Catalogue,
  CaveatFacts,
  CaveatViolation,
  LeadClaim,
  Offer,
  ReadinessStage,
  Role,
} from '../coalition/index.ts';

/** The phases in which a requirement can be needed (the phases capability owns the machine). */
export type PhaseNeeded = 'ceasefire_agreed' | 'ceasefire_holding' | 'force_deploying' | 'sustainment';

/** One line of the requirement list. */
export interface Requirement {
  readonly id: string;
  readonly region: string;
  readonly lineOfEffort: string;
  readonly capability: string;
  /** The role the units will play; caveats on roles are checked against it. */
  readonly role: Role;
  readonly quantity: number;
  /** 1 is the most urgent, 5 the least. */
  readonly priority: 1 | 2 | 3 | 4 | 5;
  /** Overrides the weight that `priority` implies (see {@link requirementWeight}). */
  readonly weight?: number;
  readonly phase: PhaseNeeded;
  readonly maxDaysToDeploy: number;
  readonly preferredNations?: readonly string[];
}

/** Priority 1 weighs 16, 2 weighs 8 … 5 weighs 1, unless the requirement sets a weight. */
export function requirementWeight(r: Requirement): number {
  return r.weight ?? 2 ** (5 - r.priority);
}

/** Everything a plan is computed from. */
export interface PlanInput {
  readonly offers: readonly Offer[];
  readonly requirements: readonly Requirement[];
  readonly leadClaims?: readonly LeadClaim[];
  readonly facts: CaveatFacts;
  /** The instant the plan is for; `valid_until` caveats are checked against it. */
  readonly atMs: number;
  /** Offers below this readiness stage are not planned (default: every stage). */
  readonly minReadiness?: ReadinessStage;
  readonly catalogue?: Catalogue;
}

/** Tuning of the plan; every field has a default. */
export interface PlanOptions {
  /**
   * Wall-clock limit for each of the two solver stages, in seconds. Stage 2's steering LPs
   * (`steer.ts`) and its MIP share one limit.
   */
  readonly timeLimitS?: number;
  /** Relative MIP gap at which the second stage counts as solved. */
  readonly mipRelGap?: number;
  /** Share of a cell's priority-weighted requirement the lead must deliver itself (0..1). */
  readonly leadMinShare?: number;
  readonly weights?: Partial<SecondaryWeights>;
  /**
   * Receives each solver model (MPS) before it is solved, with its start when it has one, so
   * that it can be handed to another solver (see `bench/planning.ts --export`).
   */
  readonly exportModel?: (name: string, mps: Uint8Array, start: readonly number[] | undefined) => void;
  /**
   * A monotonic clock in milliseconds (the server passes `() => performance.now()`), for the
   * wall times a plan's notes give and for stage 2's MIP to get what steering left of the time
   * limit. Core reads no clock of its own: without one, times read 0 s and the MIP gets the
   * whole limit (HiGHS still keeps each solve within it).
   */
  readonly clock?: () => number;
}

/**
 * Weights of the second objective, minimised once coverage is at its optimum. The defaults rank
 * a claimant as lead first, then a lead per cell, then fewer nations per region, then stated
 * preferences, then speed.
 */
export interface SecondaryWeights {
  /** Reward per cell that gets a lead. */
  readonly lead: number;
  /**
   * Extra reward when the lead is a nation that claimed the cell. It outweighs ten unclaimed
   * leads by default, so a claim yields only to coverage or to a claimant that cannot lead.
   */
  readonly claimedLead: number;
  /** Cost per nation present in a region (cohesion). */
  readonly nationInRegion: number;
  /** Reward per unit from a nation the requirement prefers. */
  readonly preferredUnit: number;
  /** Cost per unit per day to deploy. */
  readonly unitDay: number;
}

/** Units of one offer given to one requirement. */
export interface Allocation {
  readonly offerId: string;
  readonly requirementId: string;
  readonly quantity: number;
}

/** The nation chosen to lead a cell and the share of the cell it delivers. */
export interface LeadChoice {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly nation: string;
  /** Share of the cell's priority-weighted requirement the lead delivers (0..1). */
  readonly share: number;
}

/** Why a candidate offer did not (fully) serve a requirement. */
export type CandidateReason =
  | { readonly kind: 'caveat'; readonly violations: readonly CaveatViolation[]; readonly message: string }
  | { readonly kind: 'readiness'; readonly message: string }
  | {
      readonly kind: 'capacity';
      /** Units this offer did give to the requirement (0 when none). */
      readonly givenHere: number;
      readonly takenBy: readonly {
        readonly requirementId: string;
        readonly priority: number;
        readonly quantity: number;
      }[];
      readonly message: string;
    }
  | { readonly kind: 'unused'; readonly spare: number; readonly message: string };

/** An offer of the right capability and why it did not close the shortfall. */
export interface CandidateExplanation {
  readonly offerId: string;
  readonly nation: string;
  readonly reason: CandidateReason;
}

/** A requirement not fully met, and every offer of its capability with the reason it did not help. */
export interface Shortfall {
  readonly requirementId: string;
  readonly required: number;
  readonly allocated: number;
  readonly candidates: readonly CandidateExplanation[];
  /** One sentence, e.g. "R-7: 1 of 3 monitoring team in UA-14; no other offer exists". */
  readonly summary: string;
}

/** Figures of a plan, computed from the allocation alone so that any two plans compare. */
export interface PlanMetrics {
  /** Priority-weighted share of requirements met, 0..1: Σ w·min(1, given/required) / Σ w. */
  readonly coverage: number;
  readonly unitsRequired: number;
  readonly unitsAllocated: number;
  /** Mean days to deploy over allocated units. */
  readonly meanDaysToDeploy: number;
  /** Distinct (nation, region) pairs: the cohesion figure, lower is better. */
  readonly nationRegionPairs: number;
  readonly activeCells: number;
  readonly cellsWithLead: number;
  readonly preferredUnits: number;
  /** The second objective as the solver minimises it (see {@link SecondaryWeights}). */
  readonly secondaryObjective: number;
}

/**
 * How a plan ended: `optimal` (coverage and second objective proven within the gap),
 * `time_limited` (the best plan found before the limit), `heuristic` (the solver failed or
 * found nothing; the greedy plan stands in), `greedy` (asked for the greedy allocator).
 */
export type PlanStatus = 'optimal' | 'time_limited' | 'heuristic' | 'greedy';

/** What became of one nation's claim to lead a cell, in a sentence a liaison can read. */
export interface ClaimOutcome {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly nation: string;
  /**
   * `honoured`: the claimant leads. `forbidden`: none of its offers may serve the cell (caveat,
   * readiness, or nothing of the capabilities the cell needs). `short`: even with every unit it
   * could send it would not reach the lead share. `outweighed`: it could lead, but the plan
   * chose otherwise (another claimant, or coverage needs its units elsewhere). `unrequired`: no
   * requirement asks for anything in the cell yet, so there is nothing to lead.
   */
  readonly outcome: 'honoured' | 'forbidden' | 'short' | 'outweighed' | 'unrequired';
  /** The claimant's share of the cell in this plan (0..1). */
  readonly share: number;
  readonly message: string;
  /**
   * What the sentence is made of, so a reader's language can say it again (ADR 0052); absent
   * from plans stored before. `lead`: the cell's lead in this plan, if any; `reach`: the most
   * the claimant could deliver; `minShare`: what a lead must deliver; `refusal`: the first of
   * its offers refused for a requirement of the cell.
   */
  readonly because?: {
    readonly lead: { readonly nation: string; readonly share: number } | null;
    readonly reach: number;
    readonly minShare: number;
    readonly refusal: { readonly offerId: string; readonly requirementId: string } | null;
    /** Outweighed by another claimant (the lead claimed the cell too). */
    readonly rival?: boolean;
  };
}

/** An input record left out of the plan, and why. */
export interface RejectedInput {
  readonly kind: 'offer' | 'requirement';
  readonly id: string;
  readonly reason: string;
}

/** A computed plan. It is a proposal: nothing is applied until a person accepts it. */
export interface Plan {
  readonly status: PlanStatus;
  readonly allocations: readonly Allocation[];
  readonly leads: readonly LeadChoice[];
  readonly metrics: PlanMetrics;
  readonly shortfalls: readonly Shortfall[];
  /** Every lead claim and whether the plan honours it, with the reason when it does not. */
  readonly claims: readonly ClaimOutcome[];
  readonly rejected: readonly RejectedInput[];
  /** What the solver reported, for the analyst (model size, gap, stage times). */
  readonly notes: readonly string[];
  /**
   * For a `time_limited` plan: no plan can have more leads, or honour more claims, than this
   * (the smaller of a count of cells taken alone, see `reach.ts`, and a linear relaxation of
   * stage 2, see `ceiling.ts`), so a reader can see how far the plan could be from the best on
   * what matters most after coverage. Absent on other plans.
   */
  readonly ceiling?: PlanCeiling;
}

/** The most leads and honoured claims any plan could have (a ceiling; see `Plan.ceiling`). */
export interface PlanCeiling {
  readonly leads: number;
  readonly claims: number;
}
