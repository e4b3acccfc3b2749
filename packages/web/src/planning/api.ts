/**
 * The planning part of the HTTP client: offer edits, requirements, the lead matrix and plans.
 * The shapes are the server's, from `@guarantor/core/api`.
 */
import type {
  Adoption,
  LeadClaim,
  LeadMatrix,
  LeadResolution,
  Offer,
  OfferDetail,
  OfferHistory,
  Plan,
  PlanDiff,
  PlanExplanation,
  PlansResponse,
  PresenceImportResponse,
  PresenceResponse,
  Requirement,
  RequirementsResponse,
  SustainmentExplanation,
  SustainmentOrdersDrafted,
  SustainmentOrdersPreview,
  SustainmentPlansResponse,
  SustainmentPlanView,
  SustainmentRotation,
  SustainmentSettings,
  SustainmentTimeline,
  SustainmentUncoveredPage,
} from '@guarantor/core/api';
import { request } from '../api.ts';

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
    request<RequirementsResponse>('GET', '/api/requirements', undefined, signal),
  createRequirement: (body: RequirementInput) => request<Requirement>('POST', '/api/requirements', body),
  deleteRequirement: (id: string, version: number) =>
    request<void>('DELETE', `/api/requirements/${enc(id)}?version=${version}`),
  presence: (signal?: AbortSignal) => request<PresenceResponse>('GET', '/api/presence', undefined, signal),
  importPresence: (source: string, file: Blob) =>
    request<PresenceImportResponse>('POST', `/api/presence/import?source=${enc(source)}`, file),
  leadMatrix: (plan: string | null, signal?: AbortSignal) =>
    request<LeadMatrix>('GET', `/api/lead-matrix${plan ? `?plan=${enc(plan)}` : ''}`, undefined, signal),
  plans: (signal?: AbortSignal) => request<PlansResponse>('GET', '/api/plans', undefined, signal),
  plan: (id: string, signal?: AbortSignal) =>
    request<Plan>('GET', `/api/plans/${enc(id)}`, undefined, signal),
  explanation: (id: string, requirementId: string, signal?: AbortSignal) =>
    request<PlanExplanation>(
      'GET',
      `/api/plans/${enc(id)}/requirements/${enc(requirementId)}/explanation`,
      undefined,
      signal,
    ),
  runPlan: (body: { title?: string; method?: 'optimal' | 'greedy'; basedOn?: string }) =>
    request<Plan>('POST', '/api/plans', body),
  diff: (id: string, against: string, signal?: AbortSignal) =>
    request<PlanDiff>('GET', `/api/plans/${enc(id)}/diff?against=${enc(against)}`, undefined, signal),
  claimLead: (region: string, lineOfEffort: string) =>
    request<LeadClaim>('POST', '/api/lead-claims', { region, lineOfEffort }),
  withdrawClaim: (id: string) => request<void>('DELETE', `/api/lead-claims/${enc(id)}`),
  reassertClaim: (id: string) => request<LeadClaim>('POST', `/api/lead-claims/${enc(id)}/reassert`, {}),
  resolveConflict: (region: string, lineOfEffort: string, nation: string, reason: string) =>
    request<LeadResolution>('POST', '/api/lead-matrix/resolve', { region, lineOfEffort, nation, reason }),
  adopt: (id: string) => request<Adoption>('POST', `/api/plans/${enc(id)}/adopt`),
  sustainmentSettings: (signal?: AbortSignal) =>
    request<SustainmentSettings>('GET', '/api/sustainment/settings', undefined, signal),
  setRotation: (offerId: string, body: Record<string, unknown>) =>
    request<SustainmentRotation>('PUT', `/api/offers/${enc(offerId)}/rotation`, body),
  setTimeline: (requirementId: string, body: Record<string, unknown>) =>
    request<SustainmentTimeline>('PUT', `/api/requirements/${enc(requirementId)}/timeline`, body),
  sustainmentPlans: (signal?: AbortSignal) =>
    request<SustainmentPlansResponse>('GET', '/api/sustainment-plans', undefined, signal),
  sustainmentPlan: (id: string, signal?: AbortSignal) =>
    request<SustainmentPlanView>('GET', `/api/sustainment-plans/${enc(id)}`, undefined, signal),
  sustainmentUncovered: (id: string, cursor: string, signal?: AbortSignal) =>
    request<SustainmentUncoveredPage>(
      'GET',
      `/api/sustainment-plans/${enc(id)}/uncovered?cursor=${enc(cursor)}`,
      undefined,
      signal,
    ),
  sustainmentExplanation: (id: string, requirementId: string, month: string | null, signal?: AbortSignal) =>
    request<SustainmentExplanation>(
      'GET',
      `/api/sustainment-plans/${enc(id)}/requirements/${enc(requirementId)}/explanation${month ? `?month=${enc(month)}` : ''}`,
      undefined,
      signal,
    ),
  sustainmentOrders: (id: string, month: string, signal?: AbortSignal) =>
    request<SustainmentOrdersPreview>(
      'GET',
      `/api/sustainment-plans/${enc(id)}/orders?month=${enc(month)}`,
      undefined,
      signal,
    ),
  draftSustainmentOrders: (id: string, month: string) =>
    request<SustainmentOrdersDrafted>('POST', `/api/sustainment-plans/${enc(id)}/orders`, { month }),
  runSustainment: (body: Record<string, unknown>) =>
    request<SustainmentPlanView>('POST', '/api/sustainment-plans', body),
};
