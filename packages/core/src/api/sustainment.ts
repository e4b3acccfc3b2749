/** Sustainment (issue 19): rotations, timelines and multi-period plans as the API presents them. */
import type { Order, OrderOutcome } from './phases.ts';

/** An offer's rotation, with the offer in words. */
export interface SustainmentRotation {
  offerId: string;
  /** "Monitoring team, 4 teams (Norway)". */
  offerName: string;
  nation: string;
  nationName: string;
  availableFrom: string;
  monthsDeployed: number;
  monthsRecovering: number;
  rotationalUnits: number;
  mandateEnds: string | null;
  renewalExpected: boolean;
  maxMonths: number | null;
  /** 0 when none is stored yet (name 0 to write the first). */
  version: number;
  releasability: string;
}

/** A requirement's months, with the requirement in words. */
export interface SustainmentTimeline {
  requirementId: string;
  /** "Monitoring team in Donetsk Oblast (R-01)". */
  requirementName: string;
  quantity: number;
  start: string;
  end: string | null;
  sizeChanges: { from: string; to: string | null; quantity: number }[];
  /** 0 when none is stored yet. */
  version: number;
  releasability: string;
}

/** Every offer and requirement the reader may see, with its time fields (stored or none). */
export interface SustainmentSettings {
  rotations: SustainmentRotation[];
  timelines: SustainmentTimeline[];
}

/** A stored sustainment plan, without its detail. */
export interface SustainmentPlanSummary {
  id: string;
  title: string;
  status: 'optimal' | 'time_limited' | 'heuristic' | 'greedy';
  /** "Proven best", "Best found before the time limit", … */
  statusText: string;
  method: 'optimal' | 'greedy';
  horizonStart: string;
  horizonMonths: number;
  coverage: number;
  createdBy: string;
  createdNation: string;
  createdAt: string;
  releasability: string;
}

/** One requirement-month of the timeline grid. */
export interface SustainmentCell {
  needed: number;
  units: number;
  /** Nations with units on it that month, most units first. */
  nations: string[];
  handover: 'relief_in_place' | 'rotation' | null;
}

/** A mandate cliff in words. */
export interface SustainmentCliff {
  month: string;
  cause: 'mandate_end' | 'mandate_renewal' | 'rotation' | 'duration';
  nation: string;
  nationName: string;
  offerIds: string[];
  requirements: {
    requirementId: string;
    requirementName: string;
    lost: number;
    after: number;
    needed: number;
  }[];
  nextBestFill: { offerId: string; nation: string; nationName: string; units: number }[];
  message: string;
}

/**
 * A requirement short over consecutive months, with how many offers explain it; the offers are
 * read per requirement (`GET /api/sustainment-plans/:id/requirements/:requirementId/explanation`).
 */
export interface SustainmentUncovered {
  requirementId: string;
  requirementName: string;
  from: string;
  to: string;
  required: number;
  allocated: number;
  summary: string;
  /** Offers the explanation names (at most 8, those the cell can act on first). */
  candidateCount: number;
  /** Candidates left out of the stored plan to keep it small. */
  omitted: number;
}

/** An offer of the right capability and why it did not close a short span, in words. */
export interface SustainmentCandidateView {
  offerId: string;
  offerName: string;
  nation: string;
  nationName: string;
  kind: string;
  text: string;
}

/** A short span with its explanation, offer by offer. */
export interface SustainmentShortSpan extends SustainmentUncovered {
  candidates: SustainmentCandidateView[];
}

/** Why one requirement of a sustainment plan is short, in every month or in one. */
export interface SustainmentExplanation {
  planId: string;
  requirementId: string;
  requirementName: string;
  /** The month asked for, or null for every month of the horizon. */
  month: string | null;
  /** True when the requirement is not short (in that month). */
  met: boolean;
  spans: SustainmentShortSpan[];
}

/** A stored sustainment plan in full. */
export interface SustainmentPlanView extends SustainmentPlanSummary {
  months: string[];
  overlapDays: number;
  coverageByMonth: number[];
  timeline: { requirementId: string; requirementName: string; region: string; cells: SustainmentCell[] }[];
  nations: { nation: string; nationName: string; units: number[] }[];
  leads: {
    region: string;
    regionName: string;
    lineOfEffort: string;
    lineOfEffortName: string;
    nation: string;
    nationName: string;
    from: string;
    to: string;
  }[];
  cliffs: SustainmentCliff[];
  /** The first page of short spans, in the plan's order; the rest through `uncoveredNext`. */
  uncovered: SustainmentUncovered[];
  /** How many short spans the plan has in all. */
  uncoveredTotal: number;
  /** Cursor of the next page (GET /api/sustainment-plans/{id}/uncovered?cursor=), or null. */
  uncoveredNext: string | null;
  metrics: {
    coverage: number;
    unitMonthsRequired: number;
    unitMonthsAllocated: number;
    reliefsInPlace: number;
    rotations: number;
    leadChanges: number;
    cellMonthsWithLead: number;
    activeCellMonths: number;
  };
  proof: { coverageCeiling: number; gap: number | null };
  rejected: { kind: string; id: string; reason: string }[];
  notes: string[];
}

/** A page of a sustainment plan's short spans. */
export interface SustainmentUncoveredPage {
  planId: string;
  uncovered: SustainmentUncovered[];
  total: number;
  next: string | null;
}

/** The list of stored sustainment plans. */
export interface SustainmentPlansResponse {
  plans: SustainmentPlanSummary[];
}

/** One order a sustainment plan's month would draft: which nation's unit covers which requirement. */
export interface SustainmentOrderLine {
  offerId: string;
  /** "Monitoring team, 4 teams (Norway)". */
  offerName: string;
  nation: string;
  nationName: string;
  requirementId: string;
  requirementName: string;
  regionCode: string;
  lineOfEffort: string;
  lineOfEffortName: string;
  quantity: number;
  /** The monitoring sector the requirement's region lies in; null: none (the line cannot be ordered). */
  sector: string | null;
  /** The sector's name ("Donetsk South"). */
  sectorName: string | null;
  /** Why this line cannot be drafted (no sector, offer gone, no role), else null. */
  problem: string | null;
}

/** GET /api/sustainment-plans/:id/orders?month=: what drafting that month would order, and what is drafted. */
export interface SustainmentOrdersPreview {
  planId: string;
  planTitle: string;
  month: string;
  /** The month as the clock reads it now (`YYYY-MM`): orders for a later month wait for it. */
  currentMonth: string;
  lines: SustainmentOrderLine[];
  /** Orders already drafted from this plan for this month, that you may see. */
  drafted: Order[];
}

/** POST /api/sustainment-plans/:id/orders: the orders drafted, each checked against the gate. */
export interface SustainmentOrdersDrafted {
  planId: string;
  month: string;
  orders: OrderOutcome[];
  /** Lines not drafted, and why. */
  skipped: { offerId: string; requirementId: string; reason: string }[];
  message: string;
}
