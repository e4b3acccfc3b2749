/** Zones of a ceasefire, violation rules as data, and per-sector per-day violation counts. */
export {
  countViolations,
  evaluateViolations,
  indexZones,
  PHASE_ZONE_NAMES,
  type SectorDayCount,
  toSectorDays,
  utcDate,
  type Violation,
  type ViolationResult,
  type ZoneIncident,
  type ZoneIndex,
} from './evaluate.ts';
export {
  describeProblem,
  firstProblemsRefusal,
  type ImportedZone,
  MAX_KINK_CHECK_VERTICES,
  problemRefusal,
  readZoneCollection,
  ZONE_ID,
  type ZoneErrorCode,
  ZoneImportError,
  type ZoneImportResult,
  type ZoneProblem,
  type ZoneReadOptions,
  zoneIdNation,
  zoneProblem,
} from './import.ts';
export {
  DEFAULT_VIOLATION_RULES,
  type ViolationRule,
  ViolationRuleError,
  validateViolationRule,
  violationRuleProblems,
} from './rules.ts';
export * from './types.ts';
export { ZONE_KIND_NAMES } from './words.ts';
