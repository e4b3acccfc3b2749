/** The lead matrix (who leads which region on which line of effort) as the API presents it. */
import type { LeadClaimStatus } from './planning.ts';

/** How a cell reads at a glance; the server sorts them worst first, in this order. */
export type CellState = 'conflict' | 'forbidden' | 'gap' | 'no_lead' | 'led' | 'claimed';

/** One offer that could be used in a cell, and what happened to it. */
export interface CellOffer {
  readonly offerId: string;
  /** What the offer is, how much and whose: "Monitoring team, 4 teams (Norway)". */
  readonly offerTitle: string;
  readonly nation: string;
  readonly capability: string;
  readonly requirementId: string;
  readonly allocated: number;
  /** Why it may not serve the requirement (caveat, readiness), or null when it may. */
  readonly refusal: string | null;
  /** The refusal in names, for a reader. */
  readonly refusalWords: string | null;
}

/** One cell of the matrix: a region on a line of effort. */
export interface MatrixCell {
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
  readonly state: CellState;
  /** Every kept claim; only `active` ones count, declined and withdrawn ones are the record. */
  readonly claims: {
    readonly nation: string;
    readonly leadRoleId: string;
    readonly note: string | null;
    readonly contributors: string[];
    readonly status: LeadClaimStatus;
    readonly statusBy: string | null;
    readonly statusAt: string | null;
    readonly statusNote: string | null;
  }[];
  /** The lead the basis plan chose, if any. */
  readonly plannedLead: string | null;
  readonly contributors: { readonly nation: string; readonly units: number }[];
  readonly requirements: {
    readonly id: string;
    readonly capability: string;
    readonly quantity: number;
    readonly allocated: number;
    readonly priority: number;
  }[];
  readonly offers: CellOffer[];
  /** `nation`: who a lead_forbidden or lead_contributes_nothing flag is about. */
  readonly flags: {
    readonly kind: string;
    readonly nation?: string;
    readonly message: string;
    /** The flag as a sentence in names. */
    readonly words: string;
  }[];
  /** The meet of the labels of the cell's requirements, claims and plan. */
  readonly releasability: string;
}

/** GET /api/lead-matrix: the cells, their flags and the plan the allocations come from. */
export interface LeadMatrix {
  readonly basis: { readonly planId: string; readonly status: string; readonly adopted: boolean } | null;
  readonly regions: { readonly code: string; readonly name: string; readonly kind: string }[];
  readonly linesOfEffort: { readonly id: string; readonly name: string }[];
  readonly cells: MatrixCell[];
  readonly flags: {
    readonly kind: string;
    readonly region: string;
    readonly lineOfEffort: string;
    readonly message: string;
    readonly words: string;
  }[];
}
