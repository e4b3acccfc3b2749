/** Ceasefire first: campaign phases, trigger rules over monitoring facts, the response ladder and the deployment gate. */
export { addDays, daysBetween, type IsoDate, isIsoDate } from './dates.ts';
export {
  type BreakingDay,
  type ConditionResult,
  type CoverageResult,
  type DailyLimitResult,
  type EvaluationInput,
  evaluateRule,
  type RuleEvaluation,
  type SectorEvaluation,
} from './evaluate.ts';
export type { DayIncident, IncidentVerification, SectorDay } from './facts.ts';
export {
  type Breach,
  detectBreaches,
  type Proposal,
  proposeRungs,
  type ResponseLadder,
  type ResponseRecord,
  type ResponseTime,
  type Rung,
  responseTimes,
} from './ladder.ts';
export {
  isPhaseNoticeKey,
  noticeInEnglish,
  PHASE_NOTICE_KEYS,
  type PhaseNotice,
} from './notices.ts';
export {
  type Blocker,
  type BlockerFacts,
  type CaveatFacts,
  type Cleared,
  checkOrder,
  clearedInEnglish,
  type DeploymentOrder,
  type IssuedOrder,
  type IssueResult,
  issueOrder,
  type NewlyIssuable,
  newlyIssuable,
  type OrderCheck,
  type OrderContext,
  type PlanNote,
} from './orders.ts';
export {
  type CompiledRule,
  type Condition,
  type Coverage,
  compileRule,
  type DailyLimit,
  MAX_CONDITIONS,
  MAX_DAILY_LIMIT,
  MAX_NESTING,
  MAX_WINDOW_DAYS,
  parseRule,
  type RuleAst,
  type RuleRef,
  type RuleVocabulary,
  type Selection,
  type Span,
  type TriggerRule,
  type VerificationLevel,
} from './parser.ts';
export {
  BROKEN_FOR_DAYS,
  type Decision,
  failureReasons,
  type GuardPolicy,
  initialPhase,
  ORDER_PHASES,
  type OverrideRecord,
  PHASES,
  type Phase,
  type PhaseRecord,
  type PhaseRefusal,
  type SectorStanding,
  type SectorStatus,
  sectorStandings,
  TRANSITIONS,
  type TransitionRequest,
  type TransitionResult,
  transition,
} from './phase.ts';
export { MAX_RULE_LENGTH, RuleError, type RuleErrorCode, type SourcePosition } from './syntax.ts';
export {
  checkTruceWindow,
  type LocatedIncident,
  type TruceCheck,
  type TruceIncident,
  type TruceWindow,
  TruceWindowError,
  truceWindow,
} from './truce.ts';
export {
  conditionInWords,
  failureReasonsInWords,
  type KeptSectorEvaluation,
  sectorEvaluationInWords,
  standingReasonInWords,
} from './words.ts';
