/** Requirements, lead claims and plans as the API presents them. */

/** What the coalition needs in one region and line of effort. */
export interface Requirement {
  readonly id: string;
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
  readonly capability: string;
  readonly capabilityName: string;
  readonly role: string;
  readonly quantity: number;
  readonly priority: number;
  readonly phase: string;
  readonly maxDaysToDeploy: number;
  readonly preferredNations: string[];
  readonly description: string;
  readonly illustrative: boolean;
  readonly version: number;
  readonly releasability: string;
}

/** GET /api/requirements. */
export interface RequirementsResponse {
  readonly requirements: Requirement[];
}

/** Only active claims count; declined and withdrawn ones are kept for the record. */
export type LeadClaimStatus = 'active' | 'declined' | 'withdrawn';

/** A nation's claim to lead one region on one line of effort. */
export interface LeadClaim {
  readonly id: string;
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
  readonly nation: string;
  readonly note: string | null;
  readonly status: LeadClaimStatus;
  /** Who last set the status: the resolver, or the liaison. */
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  /** For a declined claim: the nation chosen and the reason. */
  readonly statusNote: string | null;
  readonly releasability: string;
}

/** GET /api/lead-claims. */
export interface LeadClaimsResponse {
  readonly claims: LeadClaim[];
}

/** POST /api/lead-matrix/resolve: the claim chosen and those declined. */
export interface LeadResolution {
  readonly chosen: LeadClaim;
  readonly declined: LeadClaim[];
}

/** A plan as listed. */
export interface PlanSummary {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly status: string;
  readonly method: string;
  readonly coverage: number;
  readonly objective: number;
  readonly basedOn: string | null;
  readonly createdBy: string;
  readonly createdNation: string;
  readonly createdAt: string;
  readonly adoptedBy: string | null;
  readonly adoptedAt: string | null;
  readonly supersededAt: string | null;
  readonly releasability: string;
}

/** GET /api/plans. */
export interface PlansResponse {
  readonly plans: PlanSummary[];
}

/** What became of a lead claim a plan was given. */
export type ClaimOutcome = 'honoured' | 'forbidden' | 'short' | 'outweighed' | 'unrequired';

/** A plan with its allocations, leads, shortfalls and the inputs it was given. */
export interface Plan extends PlanSummary {
  readonly metrics: Record<string, number>;
  /**
   * Required and allocated per kind of unit (teams, battalions, EUR million): a plan's units are
   * counted each in its own, never summed across kinds.
   */
  readonly unitTotals: { readonly unit: string; readonly required: number; readonly allocated: number }[];
  readonly allocations: {
    readonly offerId: string;
    readonly requirementId: string;
    readonly quantity: number;
  }[];
  readonly leads: {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly nation: string;
    readonly share: number;
  }[];
  readonly shortfalls: {
    readonly requirementId: string;
    readonly required: number;
    readonly allocated: number;
    readonly summary: string;
    /** How many offers the explanation names: GET /api/plans/:id/requirements/:rid/explanation reads them. */
    readonly candidateCount: number;
  }[];
  /** What became of each lead claim the plan was given, with the sentence that says why. */
  readonly claims: {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly nation: string;
    readonly outcome: ClaimOutcome;
    readonly share: number;
    readonly message: string;
  }[];
  readonly rejected: { readonly kind: string; readonly id: string; readonly reason: string }[];
  readonly notes: string[];
  /** For a time-limited plan, the most leads and honoured claims any plan could have; null otherwise. */
  readonly ceiling: { readonly leads: number; readonly claims: number } | null;
  readonly requirements: {
    readonly id: string;
    readonly region: string;
    readonly lineOfEffort: string;
    readonly capability: string;
    readonly quantity: number;
    readonly priority: number;
  }[];
  readonly inputCounts: {
    readonly offers: number;
    readonly requirements: number;
    readonly leadClaims: number;
  };
  /** The solver options the plan ran with. */
  readonly options: unknown;
}

/** Why one offer did not close a shortfall. */
export interface PlanCandidate {
  readonly offerId: string;
  readonly nation: string;
  /** `message` is the engine's sentence; `words` says it in names for a reader. */
  readonly reason: { readonly kind: string; readonly message: string; readonly words: string };
}

/** GET /api/plans/:id/requirements/:requirementId/explanation: one requirement, offer by offer. */
export interface PlanExplanation {
  readonly planId: string;
  readonly requirementId: string;
  readonly required: number;
  readonly allocated: number;
  /** Whether the plan meets the requirement in full (then no offer is explained). */
  readonly met: boolean;
  readonly summary: string;
  readonly candidates: PlanCandidate[];
}

/** POST /api/plans/:id/adopt: the adopted plan and the ones it supersedes. */
export interface Adoption {
  readonly plan: PlanSummary;
  readonly superseded: string[];
}

/** GET /api/plans/:id/diff: what changes from one plan to another. */
export interface PlanDiff {
  readonly before: string;
  readonly after: string;
  readonly summary: string[];
  readonly allocations: {
    readonly offerId: string;
    readonly requirementId: string;
    readonly before: number;
    readonly after: number;
  }[];
  readonly requirements: {
    readonly requirementId: string;
    readonly before: number;
    readonly after: number;
  }[];
  readonly leads: {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly before: string | null;
    readonly after: string | null;
  }[];
  readonly metrics: Record<string, { readonly before: number; readonly after: number }>;
}
