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
}
