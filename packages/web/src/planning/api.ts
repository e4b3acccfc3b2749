/**
 * The planning part of the HTTP contract: offer edits, requirements, the lead matrix and plans.
 * Shapes mirror the server's presenters in `server/src/routes/{offers,planning}.ts`.
 */
import { type Offer, request } from '../api.ts';

/** An offer with its caveats as data, for the edit form. */
export interface OfferDetail extends Offer {
  readonly version: number;
  readonly caveatData: readonly Record<string, unknown>[];
}

export interface OfferHistory {
  readonly offer: OfferDetail;
  readonly readiness: readonly {
    readonly from: string | null;
    readonly to: string;
    readonly at: string;
    readonly actor: string | null;
    readonly note?: string;
  }[];
  readonly releases: readonly {
    readonly fromLabel: string;
    readonly toLabel: string;
    readonly at: string;
    readonly actor: string | null;
  }[];
}

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
  readonly preferredNations: readonly string[];
  readonly description: string;
  readonly illustrative: boolean;
  readonly version: number;
  readonly releasability: string;
}

export interface RequirementInput {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly capability: string;
  readonly quantity: number;
  readonly priority: number;
  readonly phase: string;
  readonly maxDaysToDeploy: number;
  readonly description?: string;
}

export type LeadClaimStatus = 'active' | 'declined' | 'withdrawn';

export type CellState = 'conflict' | 'forbidden' | 'gap' | 'no_lead' | 'led' | 'claimed';

export interface MatrixCell {
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
  readonly state: CellState;
  /** Every kept claim; only `active` ones count, declined and withdrawn ones are the record. */
  readonly claims: readonly {
    readonly nation: string;
    readonly leadRoleId: string;
    readonly note: string | null;
    readonly contributors: readonly string[];
    readonly status: LeadClaimStatus;
    readonly statusBy: string | null;
    readonly statusAt: string | null;
    readonly statusNote: string | null;
  }[];
  readonly plannedLead: string | null;
  readonly contributors: readonly { readonly nation: string; readonly units: number }[];
  readonly requirements: readonly {
    readonly id: string;
    readonly capability: string;
    readonly quantity: number;
    readonly allocated: number;
    readonly priority: number;
  }[];
  readonly offers: readonly {
    readonly offerId: string;
    readonly nation: string;
    readonly capability: string;
    readonly requirementId: string;
    readonly allocated: number;
    readonly refusal: string | null;
  }[];
  readonly flags: readonly { readonly kind: string; readonly nation?: string; readonly message: string }[];
  readonly releasability: string;
}

export interface LeadMatrix {
  readonly basis: { readonly planId: string; readonly status: string; readonly adopted: boolean } | null;
  readonly regions: readonly { readonly code: string; readonly name: string; readonly kind: string }[];
  readonly linesOfEffort: readonly { readonly id: string; readonly name: string }[];
  readonly cells: readonly MatrixCell[];
  readonly flags: readonly {
    readonly kind: string;
    readonly region: string;
    readonly lineOfEffort: string;
    readonly message: string;
  }[];
}

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

export type ClaimOutcome = 'honoured' | 'forbidden' | 'short' | 'outweighed' | 'unrequired';

export interface PlanDetail extends PlanSummary {
  readonly metrics: Readonly<Record<string, number>>;
  readonly allocations: readonly {
    readonly offerId: string;
    readonly requirementId: string;
    readonly quantity: number;
  }[];
  readonly leads: readonly {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly nation: string;
    readonly share: number;
  }[];
  readonly shortfalls: readonly {
    readonly requirementId: string;
    readonly required: number;
    readonly allocated: number;
    readonly summary: string;
    readonly candidates: readonly {
      readonly offerId: string;
      readonly nation: string;
      readonly reason: { readonly kind: string; readonly message: string };
    }[];
  }[];
  /** What became of each lead claim the plan was given, with the sentence that says why. */
  readonly claims: readonly {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly nation: string;
    readonly outcome: ClaimOutcome;
    readonly share: number;
    readonly message: string;
  }[];
  readonly rejected: readonly { readonly kind: string; readonly id: string; readonly reason: string }[];
  readonly notes: readonly string[];
  /** For a time-limited plan, the most leads and honoured claims any plan could have. */
  readonly ceiling: { readonly leads: number; readonly claims: number } | null;
  readonly requirements: readonly {
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
}

export interface PlanDiff {
  readonly before: string;
  readonly after: string;
  readonly summary: readonly string[];
  readonly metrics: Readonly<Record<string, { readonly before: number; readonly after: number }>>;
}

const enc = encodeURIComponent;

/** The browser's client for planning. */
export const planningApi = {
  offerHistory: (id: string, signal?: AbortSignal) =>
    request<OfferHistory>('GET', `/api/offers/${enc(id)}/history`, undefined, signal),
  createOffer: (body: Record<string, unknown>) => request<Offer>('POST', '/api/offers', body),
  updateOffer: (id: string, body: Record<string, unknown>) =>
    request<OfferDetail>('PATCH', `/api/offers/${enc(id)}`, body),
  readiness: (id: string, version: number, to: string) =>
    request<OfferDetail>('POST', `/api/offers/${enc(id)}/readiness`, { version, to }),
  release: (id: string, version: number, releasability: string) =>
    request<OfferDetail>('POST', `/api/offers/${enc(id)}/release`, { version, releasability }),
  requirements: (signal?: AbortSignal) =>
    request<{ requirements: readonly Requirement[] }>('GET', '/api/requirements', undefined, signal),
  createRequirement: (body: RequirementInput) => request<Requirement>('POST', '/api/requirements', body),
  deleteRequirement: (id: string, version: number) =>
    request<void>('DELETE', `/api/requirements/${enc(id)}?version=${version}`),
  leadMatrix: (plan: string | null, signal?: AbortSignal) =>
    request<LeadMatrix>('GET', `/api/lead-matrix${plan ? `?plan=${enc(plan)}` : ''}`, undefined, signal),
  plans: (signal?: AbortSignal) =>
    request<{ plans: readonly PlanSummary[] }>('GET', '/api/plans', undefined, signal),
  plan: (id: string, signal?: AbortSignal) =>
    request<PlanDetail>('GET', `/api/plans/${enc(id)}`, undefined, signal),
  runPlan: (body: { title?: string; method?: 'optimal' | 'greedy'; basedOn?: string }) =>
    request<PlanDetail>('POST', '/api/plans', body),
  diff: (id: string, against: string, signal?: AbortSignal) =>
    request<PlanDiff>('GET', `/api/plans/${enc(id)}/diff?against=${enc(against)}`, undefined, signal),
  claimLead: (region: string, lineOfEffort: string) =>
    request<{ id: string }>('POST', '/api/lead-claims', { region, lineOfEffort }),
  withdrawClaim: (id: string) => request<void>('DELETE', `/api/lead-claims/${enc(id)}`),
  reassertClaim: (id: string) => request<unknown>('POST', `/api/lead-claims/${enc(id)}/reassert`, {}),
  resolveConflict: (region: string, lineOfEffort: string, nation: string, reason: string) =>
    request<unknown>('POST', '/api/lead-matrix/resolve', { region, lineOfEffort, nation, reason }),
  adopt: (id: string) =>
    request<{ plan: PlanSummary; superseded: readonly string[] }>('POST', `/api/plans/${enc(id)}/adopt`),
};
