/** The planning tables (migration 0004) as Kysely sees them; 0007's lead claim status is on `lead_role`. */
import type { CaveatFacts, LeadClaim, Offer } from '@guarantor/core/coalition';
import type { Plan, Requirement } from '@guarantor/core/planning';
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';

type Stage = 'pledged' | 'assessed' | 'aligned' | 'rapid';

export interface OfferReadinessTable {
  id: Generated<number>;
  offer_id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  at: Date;
  actor: string | null;
  note: string | null;
}

export interface OfferReleaseTable {
  id: Generated<number>;
  offer_id: string;
  from_label: string;
  to_label: string;
  at: Date;
  actor: string | null;
}

export interface RequirementTable extends Labelled {
  id: string;
  region_code: string;
  line_of_effort: string;
  capability: string;
  role: 'monitoring' | 'training' | 'deterrence' | 'logistics' | 'air' | 'maritime';
  quantity: number;
  priority: 1 | 2 | 3 | 4 | 5;
  phase: 'ceasefire_agreed' | 'ceasefire_holding' | 'force_deploying' | 'sustainment';
  max_days_to_deploy: number;
  preferred_nations: string[];
  description: string;
  illustrative: boolean;
  source: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RegionContactDistanceTable {
  region_code: string;
  // numeric comes back as text from both drivers.
  distance_km: ColumnType<string, number, number>;
  illustrative: boolean;
  source: string | null;
}

/** What a plan is computed from, as stored in `plan.input` (JSON: sets become sorted arrays). */
export interface PlanInputSnapshot {
  readonly atMs: number;
  readonly offers: readonly Offer[];
  readonly requirements: readonly Requirement[];
  readonly leadClaims: readonly LeadClaim[];
  readonly facts: {
    readonly distanceToContactKm: Readonly<Record<string, number>>;
    readonly participatingNations: readonly string[];
    readonly mandates: CaveatFacts['mandates'];
  };
}

export interface PlanTable extends Labelled {
  id: string;
  number: number;
  title: string;
  status: 'optimal' | 'time_limited' | 'heuristic' | 'greedy';
  method: 'optimal' | 'greedy';
  coverage: number;
  objective: number;
  options: ColumnType<unknown, string, string>;
  input: ColumnType<PlanInputSnapshot, string, string>;
  result: ColumnType<Plan, string, string>;
  based_on: string | null;
  created_by: string;
  created_nation: string;
  created_at: Date;
  adopted_by: string | null;
  adopted_at: Date | null;
  superseded_at: Date | null;
}
