/**
 * The monitoring model: an Observation is one source's report; an Incident is one real
 * event that one or more observations describe. Coordinates are GeoJSON order [lng, lat];
 * times are epoch milliseconds inside core (ISO 8601 UTC at the edges).
 */

/** Kinds of source; a party's claim is kept but never counts as verification. */
export const SOURCE_KINDS = [
  'patrol',
  'camera',
  'uav',
  'satellite',
  'acoustic',
  'cot',
  'osint',
  'party_claim',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The OSCE SMM taxonomy plus the categories the cell adds. */
export const CATEGORIES = [
  'explosion_impact',
  'explosion_airburst',
  'explosion_outgoing',
  'explosion_undetermined',
  'projectile_in_flight',
  'muzzle_flash',
  'illumination_flare',
  'burst_and_shots',
  'heavy_weapon_sighting',
  'troop_movement',
  'uav_overflight',
  'fom_restriction',
  'civilian_harm',
  'infrastructure_damage',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The states an incident goes through; fusion sets the first two, analysts the rest. */
export const INCIDENT_STATES = ['reported', 'corroborated', 'verified', 'attributed', 'dismissed'] as const;
export type IncidentStateName = (typeof INCIDENT_STATES)[number];

/** Longitude, latitude in degrees (WGS 84), GeoJSON order. */
export type LngLat = readonly [lng: number, lat: number];

export interface ObservationSource {
  readonly kind: SourceKind;
  /** Stable id of the reporting unit, device or party (same id = not independent). */
  readonly id: string;
  /** ISO 3166-1 alpha-3 of the reporting nation. */
  readonly nation: string;
}

/** An instant is an interval with startMs === endMs. */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** A point with an uncertainty radius (CoT `ce`). */
export interface PointLocation {
  readonly kind: 'point';
  readonly position: LngLat;
  readonly radiusM: number;
}

/** "Heard 2–7 km NNE": an observer, a bearing with a spread, and a distance range. */
export interface BearingLocation {
  readonly kind: 'bearing';
  readonly observer: LngLat;
  /** Degrees clockwise from true north, [0, 360). */
  readonly bearingDeg: number;
  /** Half-width of the bearing's uncertainty, degrees. */
  readonly spreadDeg: number;
  readonly minDistanceM: number;
  readonly maxDistanceM: number;
}

export type ObservationLocation = PointLocation | BearingLocation;

export interface Observation {
  /** Idempotency key; a CoT uid fits. */
  readonly uid: string;
  readonly source: ObservationSource;
  readonly time: TimeWindow;
  readonly category: Category;
  /** "48 explosions" is one observation with count 48; at least 1. */
  readonly count: number;
  readonly location: ObservationLocation;
  /** When this version of the report was made; a resend with a newer value replaces it. */
  readonly reportedAtMs: number;
  readonly remarks?: string;
  /**
   * Who really sent it (an account, a bound API token, a CoT peer), set by the server from
   * authentication and never taken from a report's body: reports with one submitter are not
   * independent, whatever sources they name. Absent for reports whose file an operator vouched
   * for (`guarantor import`), which are judged by their source ids.
   */
  readonly submitter?: string;
}

/** Per-category join tolerances: how far apart in space and time two reports may be. */
export interface Tolerance {
  /** Largest gap between two location regions, metres. */
  readonly distanceM: number;
  /** Largest gap between two time windows, milliseconds (0 = the windows must overlap). */
  readonly timeMs: number;
}

export type ToleranceTable = Readonly<Record<Category, Tolerance>>;

/** `reported` has fewer than two independent non-party sources; analysts take it further. */
export type IncidentState = 'reported' | 'corroborated';

/** A count range: a count heard by two sources is not doubled (see README, "Counts"). */
export interface CountEstimate {
  readonly low: number;
  readonly best: number;
  readonly high: number;
}

/** How the incident's position was found. */
export type LocationMethod = 'point' | 'sector' | 'triangulated' | 'combined';

export interface IncidentLocation {
  readonly position: LngLat;
  readonly radiusM: number;
  readonly method: LocationMethod;
}

/** Why two observations are one event: the edge of the join graph. */
export interface JoinEdge {
  /** The lexicographically smaller uid. */
  readonly a: string;
  readonly b: string;
  readonly rule: 'same_category' | 'compatible_category';
  readonly geometry: 'disc-disc' | 'disc-sector' | 'sector-sector';
  /** Gap between the two location regions (0 when they overlap), metres. */
  readonly distanceM: number;
  /** Gap between the two time windows (0 when they overlap), ms. */
  readonly gapMs: number;
  readonly tolerance: Tolerance;
  /**
   * Set when a vague observation is involved (README, "Vague observations"): `attached`, it
   * joined its closest precise neighbour; `coincident`, two vague reports with no precise
   * neighbour whose regions and windows nearly coincide.
   */
  readonly vague?: 'attached' | 'coincident';
}

/** One observation's admission into an incident: it joined `via` through `edge`. */
export interface Join {
  readonly uid: string;
  readonly via: string;
  readonly edge: JoinEdge;
}

export interface Incident {
  /** `inc-` + the smallest uid among its observations: deterministic, order independent. */
  readonly id: string;
  readonly state: IncidentState;
  /** The category most observations give (ties: taxonomy order). */
  readonly category: Category;
  readonly categories: readonly Category[];
  /** From the earliest start to the latest end of its observations. */
  readonly time: TimeWindow;
  readonly location: IncidentLocation;
  readonly count: CountEstimate;
  /** Noisy-OR of the independent non-party sources' reliabilities, [0, 1). */
  readonly confidence: number;
  readonly independentSourceCount: number;
  /** Nations whose party claims are part of this incident (kept, never corroborating). */
  readonly partyClaimNations: readonly string[];
  /** Sorted uids. */
  readonly observationUids: readonly string[];
  /** One per observation except the first (the smallest uid): a spanning tree of the join graph. */
  readonly joins: readonly Join[];
}
