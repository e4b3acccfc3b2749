/** Phases, rules, the sector board, the deployment gate, orders, the response ladder and truces as the API presents them. */
import type { Phase } from '../phases/phase.ts';

/** One recorded phase decision, with the rule evaluations it rested on. */
export interface PhaseRecord {
  readonly seq: number;
  readonly phase: Phase;
  readonly from: Phase | null;
  readonly since: string;
  readonly decidedBy: string;
  readonly nation: string;
  readonly authority: string;
  readonly recordedAt: string;
  readonly override: { readonly reason: string; readonly bypassed: string[] } | null;
  readonly evaluations: {
    readonly rule: string;
    readonly version: number;
    readonly asOf: string;
    readonly pass: boolean;
    /** "sector: explanation" of each failing sector. */
    readonly failing: string[];
  }[];
  readonly releasability: string;
}

/** GET /api/phases: the phase in force, where it may go next, the timeline and each phase's guard rules. */
export interface PhasesResponse {
  readonly current: PhaseRecord | null;
  readonly phase: Phase;
  readonly allowedNext: Phase[];
  readonly timeline: PhaseRecord[];
  readonly guards: Record<string, string[]>;
}

/** POST /api/phases/reevaluate: what a re-evaluation recorded and whom it told. */
export interface Reevaluation {
  readonly from: string;
  readonly to: string;
  readonly breaches: string[];
  readonly sectorChanges: {
    readonly sector: string;
    readonly asOf: string;
    readonly from: string | null;
    readonly to: string;
  }[];
  readonly newlyIssuable: { readonly orderId: string; readonly because: string[] }[];
}

/** One version of a ceasefire rule; `Time` is a `Date` in the store and an ISO 8601 string on the wire. */
export interface RuleVersion<Time = string> {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly text: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Time;
}

/** GET /api/phases/rules: each rule's current version with every version. */
export interface RulesResponse {
  readonly rules: (RuleVersion & { readonly versions: RuleVersion[] })[];
}

/** GET /api/phases/rules/:id. */
export interface RuleHistory {
  readonly id: string;
  readonly versions: RuleVersion[];
}

/** PUT /api/phases/guards/:phase: the rules that guard entry into a phase. */
export interface PhaseGuard {
  readonly phase: Phase;
  readonly rules: string[];
}

/** A rule failing in a sector, and since when. */
export interface Failure {
  readonly rule: string;
  readonly version: number;
  readonly sector: string;
  readonly explanation: string;
  readonly breakingDate: string | null;
  readonly incidentIds: string[];
  readonly firstPassDate: string;
}

/** One day of a sector's streak chart. */
export interface ChartDay {
  readonly date: string;
  readonly count: number;
  readonly monitored: boolean;
  readonly incidentIds: string[];
}

/** Whether a sector holds the ceasefire rules. */
export type SectorStatus = 'holding' | 'fragile' | 'broken';

/** One sector of the board: its status, each rule's verdict, the chart and the status history. */
export interface SectorRow {
  readonly sector: string;
  readonly status: SectorStatus;
  readonly reasons: string[];
  readonly streakDays: number | null;
  readonly rules: {
    readonly rule: string;
    readonly version: number;
    readonly pass: boolean;
    readonly explanation: string;
    readonly firstPassDate: string;
    readonly breakingDate: string | null;
    readonly incidentIds: string[];
  }[];
  readonly series: ChartDay[];
  readonly history: { readonly asOf: string; readonly status: string }[];
}

/** GET /api/phases/sectors: the sector board. */
export interface SectorBoard {
  readonly asOf: string;
  readonly phase: Phase;
  readonly chart: {
    readonly rule: string;
    readonly version: number;
    readonly limit: number;
    readonly windowDays: number;
    readonly counts: string;
  } | null;
  readonly rules: {
    readonly id: string;
    readonly version: number;
    readonly text: string;
    readonly pass: boolean;
    readonly firstPassDate: string;
    readonly deployment: boolean;
  }[];
  readonly sectors: SectorRow[];
}

/** What an order waits for. */
export interface Blocker {
  readonly kind: string;
  readonly reason: string;
  readonly waitingFor: string | null;
}

/** GET /api/phases/deployment-gate: what stands between us and deployment. */
export interface DeploymentGate {
  readonly asOf: string;
  readonly phase: Phase;
  readonly open: boolean;
  readonly steps: {
    readonly phase: Phase;
    readonly rules: {
      readonly id: string;
      readonly version: number;
      readonly pass: boolean;
      readonly firstPassDate: string;
    }[];
    readonly failures: Failure[];
    readonly policyProblems: string[];
    readonly earliest: string | null;
  }[];
  readonly sectors: { readonly sector: string; readonly status: string; readonly reasons: string[] }[];
  readonly mandates: {
    readonly offerId: string;
    readonly nation: string;
    readonly status: string;
    readonly body: string | null;
    readonly orders: string[];
  }[];
  readonly orders: { readonly id: string; readonly status: string; readonly blockers: Blocker[] }[];
  readonly noSectors: boolean;
}

/** Where a deployment order stands. */
export type OrderState = 'draft' | 'ready_on_gate' | 'issued' | 'refused';

/** What the gate said when the order was last checked. */
export type OrderGate = 'issuable' | 'ready_on_gate' | 'refused';

/**
 * A deployment order's own fields wherever it is held: `Time` is a `Date` in the store and an
 * ISO 8601 string on the wire. The gate's reasons are added by each side (mutable on the wire).
 */
export interface OrderFields<Time> {
  readonly id: string;
  readonly offerId: string;
  readonly nation: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly sector: string;
  readonly state: OrderState;
  readonly gate: OrderGate;
  readonly override: { readonly reason: string } | null;
  readonly draftedBy: string;
  readonly draftedAt: Time;
  readonly issuedBy: string | null;
  readonly issuedAt: Time | null;
  readonly releasability: string;
  /** For an order drafted for a month of a sustainment plan: the plan, the month and the requirement; else null. */
  readonly sustainment: {
    readonly planId: string;
    readonly month: string;
    readonly requirementId: string;
  } | null;
}

/** A deployment order with its stored state and, when listed, the live gate status. */
export interface Order extends OrderFields<string> {
  readonly reasons: string[];
  readonly live: { readonly status: string; readonly message: string; readonly blockers: Blocker[] } | null;
}

/** GET /api/orders. */
export interface OrdersResponse {
  readonly asOf: string;
  readonly phase: Phase;
  readonly orders: Order[];
}

/** An order after a draft, re-check or issue, with the sentence that says what happened. */
export interface OrderOutcome extends Order {
  readonly message: string;
}

/** One event of an order's life. */
export interface OrderEvent {
  readonly at: string;
  readonly actor: string;
  readonly kind: string;
  readonly state: string;
  readonly phase: string;
  readonly sectorStatus: string;
  readonly reasons: string[];
  readonly overrideReason: string | null;
}

/** GET /api/orders/:id: the order with its events. */
export interface OrderDetail extends Order {
  readonly events: OrderEvent[];
}

/** Something the cell was told. */
export interface Notification {
  readonly id: number;
  readonly at: string;
  readonly kind: string;
  readonly message: string;
  readonly orderId: string | null;
  readonly breachId: string | null;
  readonly reasons: string[];
  readonly releasability: string;
}

/** GET /api/notifications. */
export interface NotificationsResponse {
  /** Newest first. */
  readonly notifications: Notification[];
  /** Cursor of the older page, null on the last. */
  readonly next: string | null;
}

/** One rung of the response ladder and the nations committed to it. */
export interface Rung {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  readonly respondWithinHours: number;
  readonly nations: string[];
  readonly rules: string[];
  readonly minSectors: number;
}

/** GET /api/phases/ladder, mildest rung first. */
export interface LadderResponse {
  readonly rungs: Rung[];
}

/** A rule broken in a sector, its proposed rung and the responses recorded. */
export interface Breach {
  readonly id: string;
  readonly rule: string;
  readonly version: number;
  readonly sector: string;
  readonly asOf: string;
  readonly detectedAt: string;
  readonly explanation: string;
  readonly incidentIds: string[];
  /** The meet of the cited incidents' labels. */
  readonly releasability: string;
  readonly proposedRung: Rung | null;
  readonly responses: {
    readonly rungId: string;
    readonly decidedAt: string;
    readonly decidedBy: string;
    readonly nation: string;
    readonly note: string;
  }[];
  readonly elapsedHours: number | null;
  readonly withinCommitment: boolean | null;
}

/** GET /api/phases/breaches. */
export interface BreachesResponse {
  readonly breaches: Breach[];
}

/** POST /api/phases/breaches/:id/responses: the response and the time it took. */
export interface BreachResponse {
  readonly breachId: string;
  readonly rungId: string;
  readonly decidedAt: string;
  readonly elapsedHours: number;
}

/** A local truce (a repair window at a site) and whether it held. */
export interface Truce {
  readonly id: string;
  readonly site: string;
  /** [longitude, latitude]. */
  readonly location: [number, number];
  readonly radiusM: number;
  readonly start: string;
  readonly end: string;
  readonly purpose: string;
  readonly sector: string | null;
  readonly createdBy: string;
  readonly releasability: string;
  readonly held: boolean | null;
  readonly incidents: {
    readonly incidentId: string;
    readonly category: string;
    readonly distanceM: number;
    readonly certain: boolean;
  }[];
}

/** GET /api/phases/truces. */
export interface TrucesResponse {
  readonly truces: Truce[];
}

/** One rule's evaluation as attached to a decision: per rule, "sector: explanation" of each failing sector. */
export interface AttachedEvaluation {
  readonly rule: string;
  readonly version: number;
  readonly asOf: string;
  readonly pass: boolean;
  readonly failing: string[];
}

/**
 * POST /api/phases/transitions/preview: what recording a phase decision would do, without
 * recording it. `allowed` needs nothing more; `needs_override` is refused unless an override with
 * a reason is given (the reasons are what it would set aside); `refused` cannot be overridden.
 */
export interface TransitionPreview {
  readonly from: Phase;
  readonly target: Phase;
  readonly asOf: string;
  readonly outcome: 'allowed' | 'needs_override' | 'refused';
  readonly reasons: string[];
  /** The guarding rules' evaluations the decision would carry. */
  readonly evaluations: AttachedEvaluation[];
}

/** POST /api/phases/rules/preview: how a rule's text evaluates as of today, before it is saved. */
export interface RulePreview {
  readonly asOf: string;
  readonly pass: boolean;
  readonly firstPassDate: string;
  readonly sectors: {
    readonly sector: string;
    readonly pass: boolean;
    readonly explanation: string;
    readonly firstPassDate: string;
  }[];
  /** The current version's result, when the rule exists and compiles, for comparison. */
  readonly current: { readonly version: number; readonly pass: boolean; readonly failing: string[] } | null;
}
