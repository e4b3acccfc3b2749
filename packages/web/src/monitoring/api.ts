/**
 * The monitoring part of the HTTP client: incidents (counts, detail, state changes) and zones,
 * and the filters the map, the tiles and the counts share. The shapes are the server's, from
 * `@guarantor/core/api`.
 */
import type {
  IncidentCounts,
  IncidentDetail,
  IncidentObservationsPage,
  IncidentResponse,
  Zones,
} from '@guarantor/core/api';
import type { IncidentStateName } from '@guarantor/core/monitoring';
import { request } from '../api.ts';

/** The filters the map, the tiles and the counts share. */
export interface IncidentFilters {
  readonly categories: readonly string[];
  readonly states: readonly IncidentStateName[];
  /** ISO instants; the window the incidents' time must overlap. */
  readonly from: string | null;
  readonly to: string | null;
  /** A sector zone id, or null for everywhere. */
  readonly sector: string | null;
}

/** Query parameters of the filters, in the names /api/incidents/counts and the tiles read. */
export function filterQuery(f: IncidentFilters): string {
  const q = new URLSearchParams();
  if (f.categories.length > 0) q.set('category', f.categories.join(','));
  if (f.states.length > 0) q.set('state', f.states.join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.sector) q.set('sector', f.sector);
  return q.toString();
}

/** What an analyst can do to an incident. */
export type IncidentAction = 'verify' | 'attribute' | 'dismiss';

export const monitoringApi = {
  counts: (f: IncidentFilters, signal?: AbortSignal) =>
    // The same query string as the tiles': the server builds one SQL filter for both, so the
    // counts beside the map are the features drawn on it.
    request<IncidentCounts>('GET', `/api/incidents/counts?${filterQuery(f)}`, undefined, signal),
  incident: (id: string, signal?: AbortSignal) =>
    request<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(id)}`, undefined, signal),
  /** The next page of an incident's observations, from the detail's `observationsNext` or a page's `next`. */
  incidentObservations: (id: string, cursor: string) =>
    request<IncidentObservationsPage>(
      'GET',
      `/api/incidents/${encodeURIComponent(id)}/observations?cursor=${encodeURIComponent(cursor)}`,
    ),
  act: (
    id: string,
    body: {
      action: IncidentAction;
      reason?: string;
      party?: string;
      assessment?: string;
      evidence?: readonly string[];
      version?: number;
    },
  ) => request<IncidentResponse>('POST', `/api/incidents/${encodeURIComponent(id)}/state`, body),
  zones: (signal?: AbortSignal) => request<Zones>('GET', '/api/zones', undefined, signal),
};
