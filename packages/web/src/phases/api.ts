/** The phases part of the HTTP client; the shapes are the server's, from `@guarantor/core/api`. */
import type {
  BreachesResponse,
  DeploymentGate,
  NotificationsResponse,
  Order,
  OrdersResponse,
  PhasesResponse,
  SectorBoard,
} from '@guarantor/core/api';
import { request } from '../api.ts';

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
  issue: (id: string, override?: string) =>
    request<Order>(
      'POST',
      `/api/orders/${encodeURIComponent(id)}/issue`,
      override ? { override: { reason: override } } : {},
    ),
};

/** "ceasefire_holding" → "Ceasefire holding". */
export function phaseName(phase: string): string {
  const text = phase.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
