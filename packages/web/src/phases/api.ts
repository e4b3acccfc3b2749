/** The phases part of the HTTP client; the shapes are the server's, from `@guarantor/core/api`. */
import type {
  BreachesResponse,
  BreachResponse,
  Created,
  DeploymentGate,
  LadderResponse,
  NotificationsResponse,
  OffersResponse,
  Order,
  OrderOutcome,
  OrdersResponse,
  PhaseRecord,
  PhasesResponse,
  PlansResponse,
  RulePreview,
  RulesResponse,
  RuleVersion,
  SectorBoard,
  TransitionPreview,
  TrucesResponse,
} from '@guarantor/core/api';
import { request } from '../api.ts';
import { phaseName as translatedPhaseName } from '../words.ts';

const enc = encodeURIComponent;

/** A phase decision as the form sends it. */
export interface DecisionInput {
  readonly target: string;
  readonly authority: string;
  readonly date?: string;
  readonly override?: { readonly reason: string };
}

/** A deployment order as the form sends it. */
export interface OrderInput {
  readonly offerId: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly sector: string;
}

/** A local truce window as the form sends it. */
export interface TruceInput {
  readonly site: string;
  readonly location: readonly [number, number];
  readonly radiusM: number;
  readonly start: string;
  readonly end: string;
  readonly purpose: string;
  readonly sector?: string;
}

/** Calls of the phases pages. */
export const phasesApi = {
  phases: (signal?: AbortSignal) => request<PhasesResponse>('GET', '/api/phases', undefined, signal),
  board: (asOf: string | null, signal?: AbortSignal) =>
    request<SectorBoard>(
      'GET',
      `/api/phases/sectors?days=30${asOf ? `&asOf=${asOf}` : ''}`,
      undefined,
      signal,
    ),
  orders: (signal?: AbortSignal) => request<OrdersResponse>('GET', '/api/orders', undefined, signal),
  notifications: (signal?: AbortSignal) =>
    request<NotificationsResponse>('GET', '/api/notifications', undefined, signal),
  gate: (signal?: AbortSignal) =>
    request<DeploymentGate>('GET', '/api/phases/deployment-gate', undefined, signal),
  breaches: (signal?: AbortSignal) =>
    request<BreachesResponse>('GET', '/api/phases/breaches', undefined, signal),
  ladder: (signal?: AbortSignal) => request<LadderResponse>('GET', '/api/phases/ladder', undefined, signal),
  rules: (signal?: AbortSignal) => request<RulesResponse>('GET', '/api/phases/rules', undefined, signal),
  truces: (signal?: AbortSignal) => request<TrucesResponse>('GET', '/api/phases/truces', undefined, signal),
  offers: (signal?: AbortSignal) => request<OffersResponse>('GET', '/api/offers', undefined, signal),
  plans: (signal?: AbortSignal) => request<PlansResponse>('GET', '/api/plans', undefined, signal),
  previewDecision: (target: string, date?: string) =>
    request<TransitionPreview>(
      'POST',
      '/api/phases/transitions/preview',
      date ? { target, date } : { target },
    ),
  recordDecision: (body: DecisionInput) => request<PhaseRecord>('POST', '/api/phases/transitions', body),
  previewRule: (text: string, id?: string) =>
    request<RulePreview>('POST', '/api/phases/rules/preview', id ? { id, text } : { text }),
  addRule: (body: { id: string; title: string; text: string; active: boolean }) =>
    request<RuleVersion>('POST', '/api/phases/rules', body),
  addRuleVersion: (id: string, body: { title: string; text: string; active: boolean }) =>
    request<RuleVersion>('POST', `/api/phases/rules/${enc(id)}/versions`, body),
  respond: (breachId: string, rungId: string, note: string) =>
    request<BreachResponse>('POST', `/api/phases/breaches/${enc(breachId)}/responses`, { rungId, note }),
  recordTruce: (body: TruceInput) => request<Created>('POST', '/api/phases/truces', body),
  draftOrder: (body: OrderInput) => request<OrderOutcome>('POST', '/api/orders', body),
  issue: (id: string, override?: string) =>
    request<Order>(
      'POST',
      `/api/orders/${enc(id)}/issue`,
      override ? { override: { reason: override } } : {},
    ),
};

/** "ceasefire_holding" → "Ceasefire holding". */
export function phaseName(phase: string): string {
  return translatedPhaseName(phase);
}
