/**
 * The whole store as Kysely sees it: every table of every migration, typed by capability in
 * `schema/`, and the list of their columns that a test holds to a migrated database.
 */
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
  IncidentClaimTable,
  IncidentObservationTable,
  IncidentStateChangeTable,
  IncidentTable,
  ObservationTable,
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
import type { SourceStatusTable, ViolationRuleTable, ZoneTable } from './schema/zones.ts';

export type * from './schema/foundation.ts';
export type * from './schema/monitoring.ts';
export type * from './schema/phases.ts';
export type * from './schema/planning.ts';
export type * from './schema/zones.ts';

/** The whole schema as Kysely sees it. */
export interface Database {
  // foundation (0001, 0007, 0009, 0010)
  region: RegionTable;
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
  // monitoring (0002, 0006, 0009)
  observation: ObservationTable;
  incident: IncidentTable;
  incident_observation: IncidentObservationTable;
  incident_state_change: IncidentStateChangeTable;
  incident_claim: IncidentClaimTable;
  team_track: TeamTrackTable;
  // zones (0003, 0011)
  zone: ZoneTable;
  violation_rule: ViolationRuleTable;
  source_status: SourceStatusTable;
  // planning (0004)
  offer_readiness: OfferReadinessTable;
  offer_release: OfferReleaseTable;
  requirement: RequirementTable;
  region_contact_distance: RegionContactDistanceTable;
  plan: PlanTable;
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
}

/**
 * A table's columns, every one and no other: the object's keys are checked against the table's
 * type both ways (a missing key and an unknown key are both compile errors).
 */
function columns<T>(all: { readonly [C in keyof T]-?: true }): readonly string[] {
  return Object.keys(all);
}

const LABEL = { rel_kind: true, rel_nations: true } as const;

/** Every table's columns as the types say; `schema.test.ts` compares them with a migrated database. */
export const TABLE_COLUMNS: { readonly [T in keyof Database]: readonly string[] } = {
  region: columns<RegionTable>({ code: true, name_en: true, name_uk: true, kind: true, geom: true }),
  app_user: columns<AppUserTable>({
    id: true,
    username: true,
    display_name: true,
    password_hash: true,
    nation: true,
    roles: true,
    created_at: true,
    disabled_at: true,
  }),
  user_session: columns<UserSessionTable>({
    token_hash: true,
    user_id: true,
    csrf_token: true,
    created_at: true,
    expires_at: true,
    last_seen_at: true,
  }),
  api_token: columns<ApiTokenTable>({
    id: true,
    token_hash: true,
    user_id: true,
    name: true,
    created_at: true,
    revoked_at: true,
    source_kind: true,
    source_id: true,
  }),
  sign_in_failure: columns<SignInFailureTable>({ username: true, at: true }),
  coalition_nation: columns<CoalitionNationTable>({
    iso3: true,
    delegation_level: true,
    delegation_head: true,
    role: true,
    illustrative: true,
    source: true,
    ...LABEL,
  }),
  mission: columns<MissionTable>({
    id: true,
    name: true,
    kind: true,
    lead_nation: true,
    contributors: true,
    role: true,
    condition: true,
    description: true,
    location: true,
    illustrative: true,
    source: true,
    ...LABEL,
  }),
  offer: columns<OfferTable>({
    id: true,
    nation: true,
    capability: true,
    quantity: true,
    unit: true,
    days_to_deploy: true,
    duration_days: true,
    readiness: true,
    lifecycle: true,
    caveats: true,
    description: true,
    mission_id: true,
    illustrative: true,
    source: true,
    version: true,
    created_at: true,
    updated_at: true,
    ...LABEL,
  }),
  lead_role: columns<LeadRoleTable>({
    id: true,
    region_code: true,
    line_of_effort: true,
    lead_nation: true,
    contributors: true,
    note: true,
    illustrative: true,
    source: true,
    status: true,
    status_by: true,
    status_at: true,
    status_note: true,
    ...LABEL,
  }),
  hub: columns<HubTable>({
    id: true,
    name: true,
    kind: true,
    nations: true,
    sidc: true,
    description: true,
    location: true,
    illustrative: true,
    source: true,
    ...LABEL,
  }),
  audit_log: columns<AuditLogTable>({
    seq: true,
    at: true,
    actor: true,
    nation: true,
    action: true,
    entity: true,
    entity_id: true,
    before: true,
    after: true,
    prev_hash: true,
    hash: true,
    ...LABEL,
  }),
  audit_head: columns<AuditHeadTable>({ id: true, seq: true, hash: true }),
  guarantor_migration: columns<MigrationTable>({ name: true, checksum: true, applied_at: true }),
  observation: columns<ObservationTable>({
    uid: true,
    seq: true,
    fused: true,
    source_kind: true,
    source_id: true,
    source_nation: true,
    start_at: true,
    end_at: true,
    category: true,
    count: true,
    location_kind: true,
    geom: true,
    radius_m: true,
    observer: true,
    bearing_deg: true,
    spread_deg: true,
    min_distance_m: true,
    max_distance_m: true,
    reported_at: true,
    remarks: true,
    raw: true,
    submitted_by: true,
    submitter_nation: true,
    received_at: true,
    ...LABEL,
  }),
  incident: columns<IncidentTable>({
    id: true,
    category: true,
    categories: true,
    fusion_state: true,
    state: true,
    attributed_party: true,
    geom: true,
    radius_m: true,
    location_method: true,
    start_at: true,
    end_at: true,
    count_low: true,
    count_best: true,
    count_high: true,
    confidence: true,
    independent_sources: true,
    party_claim_nations: true,
    observation_count: true,
    explanation: true,
    merged_into: true,
    version: true,
    created_at: true,
    updated_at: true,
    lng: true,
    lat: true,
    ...LABEL,
  }),
  incident_observation: columns<IncidentObservationTable>({
    observation_uid: true,
    incident_id: true,
    via_uid: true,
    rule: true,
    geometry: true,
    distance_m: true,
    gap_ms: true,
    ...LABEL,
  }),
  incident_state_change: columns<IncidentStateChangeTable>({
    id: true,
    incident_id: true,
    from_state: true,
    to_state: true,
    by_user: true,
    by_nation: true,
    at: true,
    reason: true,
    evidence: true,
    attributed_party: true,
    assessment: true,
    ...LABEL,
  }),
  incident_claim: columns<IncidentClaimTable>({
    id: true,
    incident_id: true,
    party: true,
    claim: true,
    evidence: true,
    assessment: true,
    by_user: true,
    by_nation: true,
    at: true,
    ...LABEL,
  }),
  team_track: columns<TeamTrackTable>({
    uid: true,
    type: true,
    callsign: true,
    team: true,
    role: true,
    geom: true,
    radius_m: true,
    course_deg: true,
    speed_mps: true,
    time_at: true,
    stale_at: true,
    source_nation: true,
    submitted_by: true,
    received_at: true,
    ...LABEL,
  }),
  zone: columns<ZoneTable>({
    id: true,
    kind: true,
    name: true,
    weapon_classes: true,
    geom: true,
    version: true,
    valid_from: true,
    valid_to: true,
    illustrative: true,
    created_at: true,
    updated_at: true,
    ...LABEL,
  }),
  violation_rule: columns<ViolationRuleTable>({
    id: true,
    version: true,
    definition: true,
    active: true,
    created_by: true,
    created_at: true,
    ...LABEL,
  }),
  source_status: columns<SourceStatusTable>({
    day: true,
    source_id: true,
    source_kind: true,
    status: true,
    sectors: true,
    note: true,
    recorded_by: true,
    recorded_at: true,
    ...LABEL,
  }),
  offer_readiness: columns<OfferReadinessTable>({
    id: true,
    offer_id: true,
    from_stage: true,
    to_stage: true,
    at: true,
    actor: true,
    note: true,
  }),
  offer_release: columns<OfferReleaseTable>({
    id: true,
    offer_id: true,
    from_label: true,
    to_label: true,
    at: true,
    actor: true,
  }),
  requirement: columns<RequirementTable>({
    id: true,
    region_code: true,
    line_of_effort: true,
    capability: true,
    role: true,
    quantity: true,
    priority: true,
    phase: true,
    max_days_to_deploy: true,
    preferred_nations: true,
    description: true,
    illustrative: true,
    source: true,
    version: true,
    created_at: true,
    updated_at: true,
    ...LABEL,
  }),
  region_contact_distance: columns<RegionContactDistanceTable>({
    region_code: true,
    distance_km: true,
    illustrative: true,
    source: true,
  }),
  plan: columns<PlanTable>({
    id: true,
    number: true,
    title: true,
    status: true,
    method: true,
    coverage: true,
    objective: true,
    options: true,
    input: true,
    result: true,
    based_on: true,
    created_by: true,
    created_nation: true,
    created_at: true,
    adopted_by: true,
    adopted_at: true,
    superseded_at: true,
    ...LABEL,
  }),
  campaign_phase: columns<CampaignPhaseTable>({
    seq: true,
    phase: true,
    from_phase: true,
    since: true,
    decided_by: true,
    decided_nation: true,
    authority: true,
    recorded_at: true,
    evaluations: true,
    override: true,
    override_reason: true,
    override_bypassed: true,
    ...LABEL,
  }),
  phase_rule: columns<PhaseRuleTable>({
    id: true,
    version: true,
    title: true,
    text: true,
    active: true,
    created_by: true,
    created_at: true,
    ...LABEL,
  }),
  phase_guard: columns<PhaseGuardTable>({ target_phase: true, rule_id: true, ...LABEL }),
  sector_status: columns<SectorStatusTable>({
    id: true,
    sector: true,
    as_of: true,
    status: true,
    reasons: true,
    recorded_at: true,
    ...LABEL,
  }),
  phase_evaluation: columns<PhaseEvaluationTable>({ as_of: true, evaluated_at: true }),
  ladder_rung: columns<LadderRungTable>({
    id: true,
    position: true,
    title: true,
    respond_within_hours: true,
    nations: true,
    rules: true,
    min_sectors: true,
    ...LABEL,
  }),
  breach: columns<BreachTable>({
    id: true,
    rule_id: true,
    rule_version: true,
    sector: true,
    as_of: true,
    detected_at: true,
    explanation: true,
    incident_ids: true,
    proposed_rung: true,
    ...LABEL,
  }),
  breach_response: columns<BreachResponseTable>({
    id: true,
    breach_id: true,
    rung_id: true,
    decided_at: true,
    decided_by: true,
    decided_nation: true,
    note: true,
    ...LABEL,
  }),
  truce_window: columns<TruceWindowTable>({
    id: true,
    site: true,
    location: true,
    radius_m: true,
    start_at: true,
    end_at: true,
    purpose: true,
    sector: true,
    created_by: true,
    created_at: true,
    ...LABEL,
  }),
  deployment_order: columns<DeploymentOrderTable>({
    id: true,
    offer_id: true,
    nation: true,
    quantity: true,
    region_code: true,
    line_of_effort: true,
    role: true,
    sector: true,
    state: true,
    gate: true,
    reasons: true,
    override: true,
    override_reason: true,
    drafted_by: true,
    drafted_at: true,
    issued_by: true,
    issued_at: true,
    updated_at: true,
    ...LABEL,
  }),
  order_event: columns<OrderEventTable>({
    id: true,
    order_id: true,
    at: true,
    actor: true,
    kind: true,
    state: true,
    phase: true,
    sector_status: true,
    context: true,
    reasons: true,
    override_reason: true,
    ...LABEL,
  }),
  phase_notification: columns<PhaseNotificationTable>({
    id: true,
    at: true,
    kind: true,
    message: true,
    order_id: true,
    breach_id: true,
    reasons: true,
    ...LABEL,
  }),
  sector_day_fact: columns<SectorDayFactTable>({
    sector: true,
    day: true,
    monitored: true,
    incidents: true,
    ...LABEL,
  }),
};
