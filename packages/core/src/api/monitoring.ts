/** Incidents, their observations, history and claims, team tracks and intake results as the API presents them. */
import type { IncidentStateName } from '../monitoring/types.ts';

/** Incident counts under one filter: the same predicate as the map's tiles. */
export interface IncidentCounts {
  readonly total: number;
  readonly byCategory: Record<string, number>;
  readonly byState: Record<string, number>;
}

/** A fused incident. */
export interface Incident {
  readonly id: string;
  readonly category: string;
  readonly categories: string[];
  readonly state: IncidentStateName;
  readonly fusionState: 'reported' | 'corroborated';
  readonly attributedParty: string | null;
  /** [longitude, latitude]. */
  readonly position: [number, number];
  readonly radiusM: number;
  readonly locationMethod: string;
  readonly start: string;
  readonly end: string;
  readonly count: { readonly low: number; readonly best: number; readonly high: number };
  readonly confidence: number;
  readonly independentSources: number;
  readonly partyClaimNations: string[];
  readonly observationCount: number;
  readonly mergedInto: string | null;
  readonly version: number;
  readonly updatedAt: string;
  readonly releasability: string;
}

/** GET /api/incidents. */
export interface IncidentsResponse {
  readonly incidents: Incident[];
  /** The cursor of the next page (pass it as `cursor`), or null on the last page. */
  readonly next: string | null;
}

/**
 * One observation behind an incident, and how fusion joined it, wherever it is held: `Time` is a
 * `Date` in the store and an ISO 8601 string on the wire; each side adds the position.
 */
export interface IncidentObservationFields<Time> {
  readonly uid: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly nation: string;
  readonly category: string;
  readonly count: number;
  readonly start: Time;
  readonly end: Time;
  readonly radiusM: number;
  readonly locationKind: 'point' | 'bearing';
  readonly remarks: string | null;
  readonly reportedAt: Time;
  readonly join: {
    readonly via: string;
    readonly rule: string;
    readonly geometry: string;
    readonly distanceM: number;
    readonly gapMs: number;
  } | null;
  readonly releasability: string;
}

/** One observation behind an incident, and how fusion joined it. */
export interface IncidentObservation extends IncidentObservationFields<string> {
  readonly position: [number, number];
}

/** One step of an incident's state history. */
export interface StateChange {
  readonly incidentId: string;
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly nation: string | null;
  readonly at: string;
  readonly reason: string | null;
  readonly evidence: string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

/** A party's claim about an incident. */
export interface Claim {
  readonly id: number;
  readonly incidentId: string;
  readonly party: string;
  readonly claim: string;
  readonly evidence: string[];
  readonly assessment: string | null;
  readonly by: string;
  readonly nation: string | null;
  readonly at: string;
  readonly releasability: string;
}

/** GET /api/incidents/:id. */
/** Where an incident lies, in names: its unit of Ukraine, the zones around it, the nearest city. */
export interface IncidentWhere {
  readonly region: { readonly code: string; readonly nameEn: string; readonly nameUk: string | null } | null;
  /** The monitoring sector containing it, if one the reader may see does. */
  readonly sector: { readonly id: string; readonly name: string } | null;
  /** Every zone containing it when it began (sectors first), by name and kind. */
  readonly zones: { readonly id: string; readonly name: string; readonly kind: string }[];
  readonly nearest: {
    readonly name: string;
    readonly nameUk: string | null;
    readonly distanceKm: number;
    readonly direction: string | null;
  } | null;
  /** "32 km south-east of Zaporizhzhia, Zaporizhzhia Oblast; in sector Zaporizhzhia". */
  readonly sentence: string;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly where: IncidentWhere;
  readonly explanation: string[];
  /** The first page of the observations the reader may see, in uid order. */
  readonly observations: IncidentObservation[];
  /** How many observations of the incident the reader may see. */
  readonly observationsTotal: number;
  /** Cursor of the next page (GET /api/incidents/:id/observations), null when all are here. */
  readonly observationsNext: string | null;
  readonly history: StateChange[];
  readonly claims: Claim[];
}

/** GET /api/incidents/:id/observations. */
export interface IncidentObservationsPage {
  readonly observations: IncidentObservation[];
  readonly next: string | null;
}

/** POST /api/incidents/:id/state. */
export interface IncidentResponse {
  readonly incident: Incident;
}

/** A monitor team's last position (CoT PLI). */
export interface TeamTrack {
  readonly uid: string;
  readonly type: string;
  readonly callsign: string | null;
  readonly team: string | null;
  readonly role: string | null;
  readonly position: [number, number] | null;
  readonly radiusM: number | null;
  readonly courseDeg: number | null;
  readonly speedMps: number | null;
  readonly time: string;
  readonly stale: string;
  readonly nation: string;
  readonly releasability: string;
}

/** GET /api/team-tracks. */
export interface TeamTracksResponse {
  readonly tracks: TeamTrack[];
}

/** What became of one stored or refused item of an intake batch. */
export type IntakeStatus = 'stored' | 'replaced' | 'unchanged' | 'rejected';

/** One item of POST /api/observations. */
export interface IntakeResult {
  readonly index: number;
  readonly uid?: string;
  readonly status: IntakeStatus;
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
}

/** POST /api/observations: each item accepted or rejected on its own. */
export interface IntakeResponse {
  readonly accepted: number;
  readonly rejected: number;
  readonly results: IntakeResult[];
}

/** One row of an imported file that was not taken. */
export interface ImportRejection {
  /** The row (the line it starts on; the header is 1), or the feature's number in a GeoJSON file. */
  readonly row: number;
  /** The file's column at fault, or `header`, `row`, `file`. */
  readonly field: string;
  /** Why, in the reader's language. */
  readonly reason: string;
  /** The reason's stable code (its catalogue key), where it has one. */
  readonly code?: string;
}

/** POST /api/observations/import: what a file gave, and what was stored. */
export interface FileImportResponse {
  readonly rowsRead: number;
  readonly stored: number;
  readonly replaced: number;
  readonly unchanged: number;
  /** Rows not taken; with acceptPartial the others were stored, without it a rejection refuses the file. */
  readonly rejected: ImportRejection[];
  /** How the file was read: its encoding, delimiter, header row. */
  readonly notices: string[];
}

/** One event of POST /api/cot. */
export interface CotResult {
  readonly index: number;
  readonly uid?: string;
  readonly type?: string;
  readonly kind: 'observation' | 'team_track' | 'ignored' | 'rejected' | 'dropped';
  readonly status?: IntakeStatus;
  readonly code?: string;
  readonly message?: string;
}

/** POST /api/cot. */
export interface CotResponse {
  readonly accepted: number;
  readonly rejected: number;
  readonly ignored: number;
  readonly results: CotResult[];
}
