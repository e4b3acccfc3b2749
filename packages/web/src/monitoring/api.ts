/**
 * The monitoring HTTP contract as the browser uses it: incidents (list, counts, detail, state
 * changes), zones, and the daily report. Shapes mirror the server's presenters
 * (server/src/routes/monitoring/ and zones.ts).
 */
import { INCIDENT_STATES, type IncidentStateName } from '@guarantor/core/monitoring';
import type { FeatureCollection, Geometry } from 'geojson';
import { request } from '../api.ts';

export { INCIDENT_STATES };
export type IncidentState = IncidentStateName;

/** The filters the map, the tiles and the counts share. */
export interface IncidentFilters {
  readonly categories: readonly string[];
  readonly states: readonly IncidentState[];
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

export interface IncidentCounts {
  readonly total: number;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly byState: Readonly<Record<string, number>>;
}

export interface Incident {
  readonly id: string;
  readonly category: string;
  readonly categories: readonly string[];
  readonly state: IncidentState;
  readonly fusionState: 'reported' | 'corroborated';
  readonly attributedParty: string | null;
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly locationMethod: string;
  readonly start: string;
  readonly end: string;
  readonly count: { readonly low: number; readonly best: number; readonly high: number };
  readonly confidence: number;
  readonly independentSources: number;
  readonly partyClaimNations: readonly string[];
  readonly observationCount: number;
  readonly mergedInto: string | null;
  readonly version: number;
  readonly releasability: string;
}

export interface IncidentObservation {
  readonly uid: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly nation: string;
  readonly category: string;
  readonly count: number;
  readonly start: string;
  readonly remarks: string | null;
  readonly join: {
    readonly via: string;
    readonly rule: string;
    readonly distanceM: number;
    readonly gapMs: number;
  } | null;
  readonly releasability: string;
}

export interface StateChange {
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly nation: string | null;
  readonly at: string;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

export interface Claim {
  readonly id: number;
  readonly party: string;
  readonly claim: string;
  readonly evidence: readonly string[];
  readonly assessment: string | null;
  readonly by: string;
  readonly at: string;
  readonly releasability: string;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly explanation: readonly string[];
  readonly observations: readonly IncidentObservation[];
  readonly history: readonly StateChange[];
  readonly claims: readonly Claim[];
}

export interface ZoneProperties {
  readonly id: string;
  readonly kind: 'line_of_contact' | 'buffer_zone' | 'weapons_withdrawal' | 'sector';
  readonly name: string;
  readonly weaponClasses: readonly string[];
  readonly version: number;
  readonly illustrative: boolean;
  readonly releasability: string;
}
export type Zones = FeatureCollection<Geometry, ZoneProperties>;

/** What an analyst can do to an incident. */
export type IncidentAction = 'verify' | 'attribute' | 'dismiss';

export const monitoringApi = {
  counts: (f: IncidentFilters, signal?: AbortSignal) =>
    // The same query string as the tiles': the server builds one SQL filter for both, so the
    // counts beside the map are the features drawn on it.
    request<IncidentCounts>('GET', `/api/incidents/counts?${filterQuery(f)}`, undefined, signal),
  incident: (id: string, signal?: AbortSignal) =>
    request<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(id)}`, undefined, signal),
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
  ) => request<{ incident: Incident }>('POST', `/api/incidents/${encodeURIComponent(id)}/state`, body),
  zones: (signal?: AbortSignal) => request<Zones>('GET', '/api/zones', undefined, signal),
};
