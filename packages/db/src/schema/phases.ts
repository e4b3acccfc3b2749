/** The ceasefire-first tables (migration 0005) as Kysely sees them. */
import type { Phase, SectorStatus } from '@guarantor/core/phases';
import type { ColumnType, GeneratedAlways } from 'kysely';
import type { Geometry, Labelled } from './foundation.ts';

/** A jsonb column: read as `T`, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type Identity = GeneratedAlways<number>;

export interface CampaignPhaseTable extends Labelled {
  seq: Identity;
  phase: Phase;
  from_phase: Phase | null;
  since: ColumnType<string, string, string>;
  decided_by: string;
  decided_nation: string;
  authority: string;
  recorded_at: Date;
  evaluations: Json<unknown[]>;
  override: boolean;
  override_reason: string | null;
  override_bypassed: Json<string[]>;
}

export interface PhaseRuleTable extends Labelled {
  id: string;
  version: number;
  title: string;
  text: string;
  active: boolean;
  created_by: string;
  created_at: Date;
}

export interface PhaseGuardTable extends Labelled {
  target_phase: Phase;
  rule_id: string;
}

export interface SectorStatusTable extends Labelled {
  id: Identity;
  sector: string;
  as_of: string;
  status: SectorStatus;
  reasons: Json<string[]>;
  recorded_at: Date;
}

export interface PhaseEvaluationTable {
  as_of: string;
  evaluated_at: Date;
}

export interface LadderRungTable extends Labelled {
  id: string;
  position: number;
  title: string;
  respond_within_hours: number;
  nations: string[];
  rules: string[];
  min_sectors: number;
}

export interface BreachTable extends Labelled {
  id: string;
  rule_id: string;
  rule_version: number;
  sector: string;
  as_of: string;
  detected_at: Date;
  explanation: string;
  /** The sector's conditions as evaluated (core ConditionResult[]); null before migration 0039. */
  conditions: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  incident_ids: string[];
  proposed_rung: string | null;
}

export interface BreachResponseTable extends Labelled {
  id: Identity;
  breach_id: string;
  rung_id: string;
  decided_at: Date;
  decided_by: string;
  decided_nation: string;
  note: string;
}

export interface TruceWindowTable extends Labelled {
  id: string;
  site: string;
  location: Geometry;
  radius_m: number;
  start_at: Date;
  end_at: Date;
  purpose: string;
  sector: string | null;
  created_by: string;
  created_at: Date;
}

/** Where an order stands: drafted and issuable, waiting on the gate, issued or refused. */
export type OrderState = 'draft' | 'ready_on_gate' | 'issued' | 'refused';
/** The last gate check of an order. */
export type OrderGate = 'issuable' | 'ready_on_gate' | 'refused';

export interface DeploymentOrderTable extends Labelled {
  id: string;
  offer_id: string;
  nation: string;
  quantity: number;
  region_code: string;
  line_of_effort: string;
  role: string;
  sector: string;
  state: OrderState;
  gate: OrderGate;
  reasons: Json<string[]>;
  override: boolean;
  override_reason: string | null;
  drafted_by: string;
  drafted_at: Date;
  issued_by: string | null;
  issued_at: Date | null;
  updated_at: Date;
  /** Set together for an order drafted for a month of a sustainment plan (migration 0030). */
  sustainment_plan_id: string | null;
  period: string | null;
  requirement_id: string | null;
}

/** What happened to an order. */
export type OrderEventKind = 'drafted' | 'checked' | 'issuable' | 'issued' | 'refused';

export interface OrderEventTable extends Labelled {
  id: Identity;
  order_id: string;
  at: Date;
  actor: string;
  kind: OrderEventKind;
  state: string;
  phase: string;
  sector_status: string;
  context: Json<unknown>;
  reasons: Json<string[]>;
  override_reason: string | null;
}

/** What the cell is told about. */
export type NotificationKind = 'order_issuable' | 'breach' | 'phase_changed' | 'sector_status';

export interface PhaseNotificationTable extends Labelled {
  id: Identity;
  at: Date;
  kind: NotificationKind;
  /** The English sentence; older rows (before migration 0039) have only this. */
  message: string;
  /** What it says as facts: a key of core's PhaseNotice and its parameters (migration 0039). */
  message_key: ColumnType<string | null, string | null | undefined, string | null>;
  message_params: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  order_id: string | null;
  breach_id: string | null;
  reasons: Json<string[]>;
}

export interface SectorDayFactTable extends Labelled {
  sector: string;
  day: string;
  monitored: boolean;
  incidents: Json<unknown[]>;
}
