/**
 * The tables of migration 0004 (and 0007's lead claim status) as Kysely sees them. Queries add them with
 * `db.withTables<PlanningTables>()`, so the foundation schema stays as it is.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './schema.ts';

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

export interface PlanTable extends Labelled {
  id: string;
  number: number;
  title: string;
  status: 'optimal' | 'time_limited' | 'heuristic' | 'greedy';
  method: 'optimal' | 'greedy';
  coverage: number;
  objective: number;
  options: ColumnType<unknown, string, string>;
  input: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  based_on: string | null;
  created_by: string;
  created_nation: string;
  created_at: Date;
  adopted_by: string | null;
  adopted_at: Date | null;
  superseded_at: Date | null;
}

/** A lead claim's status (migration 0007): only `active` claims count as claims. */
export type LeadClaimStatus = 'active' | 'declined' | 'withdrawn';

/** The columns 0007 adds to the foundation's `lead_role`; Kysely intersects them with it. */
export interface LeadRoleStatusColumns {
  status: ColumnType<LeadClaimStatus, LeadClaimStatus | undefined, LeadClaimStatus>;
  status_by: ColumnType<string | null, string | null | undefined, string | null>;
  status_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  status_note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The planning tables, keyed by name. */
export type PlanningTables = {
  lead_role: LeadRoleStatusColumns;
  offer_readiness: OfferReadinessTable;
  offer_release: OfferReleaseTable;
  requirement: RequirementTable;
  region_contact_distance: RegionContactDistanceTable;
  plan: PlanTable;
};
