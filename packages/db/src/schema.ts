/**
 * The whole store as Kysely sees it: every table of every migration, typed by capability in
 * `schema/`. `schema/columns.ts` lists their columns for a test to hold to a migrated database.
 */

import type {
  CellActionTable,
  CellDecisionLinkTable,
  CellDecisionTable,
  CellMeetingAttendanceTable,
  CellMeetingDocumentTable,
  CellMeetingTable,
  CellNotificationTable,
  CellPreferenceTable,
  MailOutboxTable,
} from './schema/cellwork.ts';
import type {
  ExchangeRateTable,
  FinanceDonorTable,
  FinanceFlowTable,
  FinanceNeedTable,
  InvestmentRiskParameterTable,
} from './schema/finance.ts';
import type {
  ApiTokenTable,
  AppUserTable,
  AuditHeadTable,
  AuditLogTable,
  CoalitionNationTable,
  HubTable,
  LeadRoleTable,
  MigrationTable,
  MissionTable,
  OfferTable,
  RegionTable,
  SignInFailureTable,
  UserSessionTable,
} from './schema/foundation.ts';
import type {
  BorderCrossingStatusTable,
  BorderCrossingTable,
  CheckpointTable,
  CorridorSegmentTable,
  CorridorTable,
  CorridorWindowTable,
  HubInventoryTable,
  LogisticsIncidentChangeTable,
  LogisticsIncidentCommitTable,
  LogisticsInputVersionTable,
  RouteNetworkTable,
  RouteNodeTable,
  RouteSegmentTable,
} from './schema/logistics.ts';
import type {
  IncidentBinTable,
  IncidentClaimTable,
  IncidentObservationTable,
  IncidentStateChangeTable,
  IncidentTable,
  ObservationTable,
  ObservationUnfusedTable,
  TeamTrackTable,
} from './schema/monitoring.ts';
import type {
  BreachResponseTable,
  BreachTable,
  CampaignPhaseTable,
  DeploymentOrderTable,
  LadderRungTable,
  OrderEventTable,
  PhaseEvaluationTable,
  PhaseGuardTable,
  PhaseNotificationTable,
  PhaseRuleTable,
  SectorDayFactTable,
  SectorStatusTable,
  TruceWindowTable,
} from './schema/phases.ts';
import type {
  OfferReadinessTable,
  OfferReleaseTable,
  PlanTable,
  RegionContactDistanceTable,
  RequirementTable,
} from './schema/planning.ts';
import type {
  OfferRotationTable,
  RequirementTimelineTable,
  SustainmentPlanTable,
} from './schema/sustainment.ts';
import type {
  ControlAreaVersionTable,
  LandOptionVersionTable,
  TerritoryOutlineTable,
  UnitPopulationTable,
} from './schema/territory.ts';
import type {
  HumanitarianPresenceTable,
  SourceStatusTable,
  ViolationRuleTable,
  ZoneTable,
} from './schema/zones.ts';

export type * from './schema/cellwork.ts';
export type * from './schema/finance.ts';
export type * from './schema/foundation.ts';
export type * from './schema/logistics.ts';
export type * from './schema/monitoring.ts';
export type * from './schema/phases.ts';
export type * from './schema/planning.ts';
export type * from './schema/sustainment.ts';
export type * from './schema/territory.ts';
export type * from './schema/zones.ts';

/** The whole schema as Kysely sees it. */
/** The reference data the database holds, by its sources' SHA-256 (0028). */
export interface ReferenceFingerprintTable {
  name: string;
  sha256: string;
  loaded_at: Date;
}

export interface Database {
  // foundation (0001, 0007, 0009, 0010)
  region: RegionTable;
  reference_fingerprint: ReferenceFingerprintTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  sign_in_failure: SignInFailureTable;
  coalition_nation: CoalitionNationTable;
  mission: MissionTable;
  offer: OfferTable;
  lead_role: LeadRoleTable;
  hub: HubTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  guarantor_migration: MigrationTable;
  // monitoring (0002, 0006, 0009, 0015, 0034)
  observation: ObservationTable;
  observation_unfused: ObservationUnfusedTable;
  incident: IncidentTable;
  incident_bin: IncidentBinTable;
  incident_observation: IncidentObservationTable;
  incident_state_change: IncidentStateChangeTable;
  incident_claim: IncidentClaimTable;
  team_track: TeamTrackTable;
  // zones (0003, 0011)
  zone: ZoneTable;
  violation_rule: ViolationRuleTable;
  source_status: SourceStatusTable;
  humanitarian_presence: HumanitarianPresenceTable;
  // planning (0004)
  offer_readiness: OfferReadinessTable;
  offer_release: OfferReleaseTable;
  requirement: RequirementTable;
  region_contact_distance: RegionContactDistanceTable;
  plan: PlanTable;
  // sustainment (0018)
  offer_rotation: OfferRotationTable;
  requirement_timeline: RequirementTimelineTable;
  sustainment_plan: SustainmentPlanTable;
  // phases (0005)
  campaign_phase: CampaignPhaseTable;
  phase_rule: PhaseRuleTable;
  phase_guard: PhaseGuardTable;
  sector_status: SectorStatusTable;
  phase_evaluation: PhaseEvaluationTable;
  ladder_rung: LadderRungTable;
  breach: BreachTable;
  breach_response: BreachResponseTable;
  truce_window: TruceWindowTable;
  deployment_order: DeploymentOrderTable;
  order_event: OrderEventTable;
  phase_notification: PhaseNotificationTable;
  sector_day_fact: SectorDayFactTable;
  // finance (0016)
  finance_donor: FinanceDonorTable;
  finance_flow: FinanceFlowTable;
  exchange_rate: ExchangeRateTable;
  finance_need: FinanceNeedTable;
  // investment-risk note (0026)
  investment_risk_parameter: InvestmentRiskParameterTable;
  // territory (0017)
  control_area_version: ControlAreaVersionTable;
  // land options (0020)
  land_option_version: LandOptionVersionTable;
  territory_outline: TerritoryOutlineTable;
  unit_population: UnitPopulationTable;
  // the cell's own work (0019)
  cell_meeting: CellMeetingTable;
  cell_meeting_attendance: CellMeetingAttendanceTable;
  cell_meeting_document: CellMeetingDocumentTable;
  cell_decision: CellDecisionTable;
  cell_decision_link: CellDecisionLinkTable;
  cell_action: CellActionTable;
  cell_notification: CellNotificationTable;
  cell_preference: CellPreferenceTable;
  mail_outbox: MailOutboxTable;
  // logistics (0023)
  hub_inventory: HubInventoryTable;
  route_network: RouteNetworkTable;
  route_node: RouteNodeTable;
  route_segment: RouteSegmentTable;
  border_crossing: BorderCrossingTable;
  border_crossing_status: BorderCrossingStatusTable;
  checkpoint: CheckpointTable;
  corridor: CorridorTable;
  corridor_segment: CorridorSegmentTable;
  corridor_window: CorridorWindowTable;
  // logistics caches (0032)
  logistics_input_version: LogisticsInputVersionTable;
  // incident change log for route risk (0037)
  logistics_incident_change: LogisticsIncidentChangeTable;
  logistics_incident_commit: LogisticsIncidentCommitTable;
}
