/** The sustainment tables (migration 0018) as Kysely sees them. */
import type { SizeChange, SustainmentPlan } from '@guarantor/core/planning';
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';
import type { PlanInputSnapshot } from './planning.ts';

export interface OfferRotationTable {
  offer_id: string;
  available_from: string;
  months_deployed: number;
  months_recovering: number;
  rotational_units: number;
  mandate_ends: string | null;
  renewal_expected: boolean;
  max_months: number | null;
  version: Generated<number>;
  updated_by: string;
  updated_at: Date;
}

export interface RequirementTimelineTable {
  requirement_id: string;
  start_month: string;
  end_month: string | null;
  size_changes: ColumnType<SizeChange[], string, string>;
  version: Generated<number>;
  updated_by: string;
  updated_at: Date;
}

/** What a sustainment plan is computed from, as stored in `sustainment_plan.input`. */
export interface SustainmentInputSnapshot extends PlanInputSnapshot {
  readonly horizon: { readonly start: string; readonly months: number };
  readonly timelines: Readonly<Record<string, import('@guarantor/core/planning').RequirementTimeline>>;
  readonly rotations: Readonly<Record<string, import('@guarantor/core/planning').OfferRotation>>;
}

export interface SustainmentPlanTable extends Labelled {
  id: string;
  title: string;
  status: 'optimal' | 'time_limited' | 'heuristic' | 'greedy';
  method: 'optimal' | 'greedy';
  horizon_start: string;
  horizon_months: number;
  coverage: number;
  options: ColumnType<unknown, string, string>;
  input: ColumnType<SustainmentInputSnapshot, string, string>;
  result: ColumnType<SustainmentPlan, string, string>;
  created_by: string;
  created_nation: string;
  created_at: Date;
}
