/** The monitoring tables (migrations 0002, 0006, 0009, 0034) as Kysely sees them. */
import type { IncidentStateName, StoredAccountLine } from '@guarantor/core/monitoring';
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { Geometry, Labelled } from './foundation.ts';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface ObservationTable extends Labelled {
  uid: string;
  seq: Generated<number>;
  source_kind: string;
  source_id: string;
  source_nation: string;
  start_at: Date;
  end_at: Date;
  category: string;
  count: number;
  location_kind: 'point' | 'bearing';
  /** The reported point, or for a bearing the centre of its sector. */
  geom: Geometry;
  radius_m: number;
  observer: Geometry;
  bearing_deg: number | null;
  spread_deg: number | null;
  min_distance_m: number | null;
  max_distance_m: number | null;
  reported_at: Date;
  remarks: string | null;
  /** The observation as core validated it. */
  raw: ColumnType<unknown, string, string>;
  submitted_by: string | null;
  /** 0009: the nation of who really sent it; its uid namespace. */
  submitter_nation: string | null;
  received_at: Generated<Date>;
}

export interface IncidentTable extends Labelled {
  id: string;
  category: string;
  categories: string[];
  fusion_state: 'reported' | 'corroborated';
  state: IncidentStateName;
  attributed_party: string | null;
  geom: Geometry;
  radius_m: number;
  location_method: string;
  start_at: Date;
  end_at: Date;
  count_low: number;
  count_best: number;
  count_high: number;
  confidence: number;
  independent_sources: number;
  party_claim_nations: Defaulted<string[]>;
  observation_count: number;
  explanation: ColumnType<StoredAccountLine[], string | undefined, string>;
  merged_into: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0006: `st_x(geom)` and `st_y(geom)`, stored, for an index row-level security may use. */
  lng: GeneratedAlways<number>;
  lat: GeneratedAlways<number>;
}

/** 0034: the observation versions fusion has not fused yet, kept by triggers on observation. */
export interface ObservationUnfusedTable {
  uid: string;
  seq: number;
}

export interface IncidentObservationTable extends Labelled {
  observation_uid: string;
  incident_id: string;
  via_uid: string | null;
  rule: string | null;
  geometry: string | null;
  distance_m: number | null;
  gap_ms: number | null;
}

export interface IncidentStateChangeTable extends Labelled {
  id: Generated<number>;
  incident_id: string;
  from_state: string | null;
  to_state: string;
  by_user: string;
  by_nation: string | null;
  at: Date;
  reason: string | null;
  evidence: Defaulted<string[]>;
  attributed_party: string | null;
  assessment: string | null;
}

export interface IncidentClaimTable extends Labelled {
  id: Generated<number>;
  incident_id: string;
  party: string;
  claim: string;
  evidence: Defaulted<string[]>;
  assessment: string | null;
  by_user: string;
  by_nation: string | null;
  at: Date;
}

export interface TeamTrackTable extends Labelled {
  uid: string;
  type: string;
  callsign: string | null;
  team: string | null;
  role: string | null;
  geom: Geometry;
  radius_m: number | null;
  course_deg: number | null;
  speed_mps: number | null;
  time_at: Date;
  stale_at: Date;
  source_nation: string;
  submitted_by: string | null;
  received_at: Generated<Date>;
}

/**
 * Live incidents counted per bin zoom (6–9), cell of that zoom's bin grid (2^(zoom+4) cells
 * around the world), category, state, start and end hour and label (0033): written by triggers
 * on incident, read by the tile query below z11.
 */
export interface IncidentBinTable extends Labelled {
  zoom: number;
  gx: number;
  gy: number;
  category: string;
  state: string;
  /** Hours since 1970 UTC: the hour at or after start_at, the hour at or before end_at. */
  start_h: number;
  end_h: number;
  n: ColumnType<string, number, number>;
  sum_fx: number;
  sum_fy: number;
}
