/** The logistics tables (migration 0023) as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';

// bigint ids: node-postgres reads them as text, PGlite as a number; read them through Number().
type BigId = ColumnType<number | string, never, never>;
type Geom = ColumnType<unknown, string, string>;

/** One equipment class a hub holds, and how many. */
export interface HubInventoryTable extends Labelled {
  hub_id: string;
  equipment_class: string;
  quantity: number;
  updated_by: string;
  updated_at: Date;
}

/** An imported or demo route network. */
export interface RouteNetworkTable extends Labelled {
  id: Generated<number | string>;
  name: string;
  kind: 'import' | 'demo';
  illustrative: boolean;
  tolerance_m: number;
  report: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Date;
}

export interface RouteNodeTable extends Labelled {
  id: BigId;
  network_id: number | string;
  name: string | null;
  geom: Geom;
}

export interface RouteSegmentTable extends Labelled {
  id: BigId;
  network_id: number | string;
  from_node: number | string;
  to_node: number | string;
  name: string | null;
  geom: Geom;
  length_m: number;
  source_feature: number | null;
}

export interface BorderCrossingTable extends Labelled {
  id: string;
  name_en: string;
  name_uk: string | null;
  neighbour: string | null;
  geom: Geom;
  source: string;
}

export interface BorderCrossingStatusTable extends Labelled {
  id: BigId;
  crossing_id: string;
  status: 'open' | 'restricted' | 'closed' | 'unknown';
  valid_from: Date;
  note: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface CheckpointTable extends Labelled {
  id: BigId;
  name: string;
  geom: Geom;
  node_id: number | string | null;
  nations: string[];
  shifts: ColumnType<unknown, string, string>;
  status: 'open' | 'closed' | 'suspended';
  note: string;
  created_by: string;
  updated_at: Date;
}

export interface CorridorTable extends Labelled {
  id: BigId;
  name: string;
  purpose: string;
  network_id: number | string;
  guarantors: string[];
  created_by: string;
  created_at: Date;
}

export interface CorridorSegmentTable extends Labelled {
  corridor_id: number | string;
  ordinal: number;
  segment_id: number | string;
}

export interface CorridorWindowTable extends Labelled {
  id: BigId;
  corridor_id: number | string;
  start_at: Date;
  end_at: Date;
  status: 'planned' | 'open' | 'closed' | 'suspended' | 'cancelled';
  note: string;
  created_by: string;
  updated_at: Date;
}

/** Counts of committed changes to what route risk and planning read (0032, ADR 0048). One row. */
export interface LogisticsInputVersionTable {
  one: Generated<boolean>;
  incidents: Generated<number | string>;
  segments: Generated<number | string>;
  plan_rules: Generated<number | string>;
  incidents_logged_from: Generated<number | string>;
}

/** Ids of incidents each transaction wrote (0037); read only by security-definer functions. */
export interface LogisticsIncidentChangeTable {
  txid: number | string;
  incident_id: string;
  old_rel_kind: string | null;
  old_rel_nations: string[] | null;
}

/** The incident count each transaction's changes became at commit (0037). */
export interface LogisticsIncidentCommitTable {
  txid: number | string;
  version: number | string;
}
