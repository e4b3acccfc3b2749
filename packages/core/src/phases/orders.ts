import type { Caveat } from '../coalition/caveats.ts';
import type { IsoDate } from './dates.ts';
import { type Decision, ORDER_PHASES, type Phase, type SectorStatus } from './phase.ts';

/** An order deploying an offer, or part of it, to a sector (region) and a line of effort. */
export interface DeploymentOrder {
  readonly id: string;
  readonly offerId: string;
  /** ISO 3166-1 alpha-3 of the nation whose offer deploys. */
  readonly nation: string;
  readonly sector: string;
  readonly lineOfEffort: string;
  readonly quantity: number;
  readonly drafted: IsoDate;
}

/** What the gate needs to know about one order, computed elsewhere and passed in. */
export interface OrderContext {
  readonly phase: Phase;
  readonly sectorStatus: SectorStatus;
  /** True when the nation holds the mandate its caveats require, or needs none. */
  readonly mandateHeld: boolean;
  /** Readable reasons from the caveat checker; empty when every caveat fits the target. */
  readonly caveatViolations: readonly string[];
  /**
   * The same violations as facts, one for each reason above and in its order, to say them in
   * the reader's words (ADR 0057). Contexts stored before have none.
   */
  readonly caveats?: readonly CaveatFacts[];
  /** Why the plan does not back the order, as the server found it (unset when nothing was said). */
  readonly planNote?: PlanNote;
  /** What backs the order; `null` when neither the plan nor the lead matrix does. */
  readonly supportedBy: 'plan' | 'lead_matrix' | null;
  /**
   * For an order drafted for a month of a sustainment plan: that month and the current one
   * (`YYYY-MM`). Until the month comes the order waits, as it waits for the gate.
   */
  readonly period?: { readonly month: string; readonly now: string };
}

/** A caveat of the order's offer that forbids its target, as the caveat checker found it. */
export interface CaveatFacts {
  readonly offerId: string;
  readonly region: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly caveat: Caveat;
  /** The checker's fact that breaks it ("region is 12 km away"), English. */
  readonly reason: string;
}

/**
 * Why the adopted plan (or the sustainment plan the order was drafted from) does not back an
 * order, as facts: the server's part of the support blocker.
 */
export type PlanNote =
  | { readonly kind: 'no_plan' }
  | { readonly kind: 'allocates_none'; readonly plan: string; readonly offer: string }
  | {
      readonly kind: 'allocates_some';
      readonly plan: string;
      readonly offer: string;
      readonly allocated: number;
      readonly quantity: number;
    }
  | { readonly kind: 'sustainment_hidden'; readonly plan: string }
  | {
      readonly kind: 'sustainment_units';
      readonly plan: string;
      readonly offer: string;
      readonly units: number;
      readonly requirement: string;
      readonly month: string;
      readonly quantity: number;
    };

/**
 * What a blocker is about, as codes and figures, so that it can be said in the reader's words
 * (`blockerInWords`, ADR 0057); which fields are set depends on the blocker's kind.
 */
export interface BlockerFacts {
  /** phase: the current phase, and the first phase orders are issued in. */
  readonly phase?: Phase;
  readonly opensAt?: Phase;
  /** sector, support: the order's sector (an id); sector: its status. */
  readonly sector?: string;
  readonly status?: SectorStatus;
  /** period: the planned month and the current one (`YYYY-MM`). */
  readonly month?: string;
  readonly now?: string;
  /** mandate, support: the offer's nation (ISO 3166-1 alpha-3). */
  readonly nation?: string;
  /** support: the line of effort; the region and the plan's note when the server says them. */
  readonly lineOfEffort?: string;
  readonly region?: string;
  readonly plan?: PlanNote;
  /** caveat: the violation, when the context carried it. */
  readonly caveat?: CaveatFacts;
}

/** One thing standing between an order and issue. */
export interface Blocker {
  readonly kind: 'phase' | 'sector' | 'period' | 'mandate' | 'caveat' | 'support';
  readonly reason: string;
  /** What the order waits for when the blocker is the gate (phase or sector), which opens in time; else `null`. */
  readonly waitingFor: string | null;
  /** The same as facts, to be said in another language. */
  readonly facts: BlockerFacts;
}

/** Where an order stands: issuable, drafted and waiting for the gate, or refused. */
export type OrderCheck =
  | { readonly status: 'issuable'; readonly blockers: readonly []; readonly message: string }
  | {
      readonly status: 'ready_on_gate' | 'refused';
      readonly blockers: readonly Blocker[];
      readonly message: string;
    };

/**
 * Checks an order against the gate (phase and sector status) and the conditions no gate opens
 * (mandate, caveats, plan support). An order blocked only by the gate is `ready_on_gate`; any
 * other blocker refuses it, and the message names every blocker.
 */
export function checkOrder(order: DeploymentOrder, context: OrderContext): OrderCheck {
  const blockers = blockersOf(order, context);
  if (blockers.length === 0)
    return { status: 'issuable', blockers: [], message: `order ${order.id} is issuable` };
  if (blockers.every((b) => b.waitingFor !== null)) {
    const waits = blockers.map((b) => b.waitingFor).join(' and ');
    return { status: 'ready_on_gate', blockers, message: `ready on gate: waiting for ${waits}` };
  }
  return {
    status: 'refused',
    blockers,
    message: `deployment refused: ${blockers.map((b) => b.reason).join('; ')}`,
  };
}

function blockersOf(order: DeploymentOrder, context: OrderContext): readonly Blocker[] {
  const blockers: Blocker[] = [];
  if (!ORDER_PHASES.includes(context.phase)) {
    blockers.push({
      kind: 'phase',
      reason: `phase is ${context.phase}; orders open at ${ORDER_PHASES[0]}`,
      waitingFor: `phase ${ORDER_PHASES[0]} (now ${context.phase})`,
      facts: { phase: context.phase, opensAt: ORDER_PHASES[0] },
    });
  }
  if (context.sectorStatus !== 'holding') {
    blockers.push({
      kind: 'sector',
      reason: `sector ${order.sector} is ${context.sectorStatus}, not holding`,
      waitingFor: `sector ${order.sector} to hold (now ${context.sectorStatus})`,
      facts: { sector: order.sector, status: context.sectorStatus },
    });
  }
  // The ceasefire gate comes first, always; then the month the plan puts the units in.
  if (context.period && context.period.now < context.period.month) {
    blockers.push({
      kind: 'period',
      reason: `planned for ${context.period.month}; it is ${context.period.now}`,
      waitingFor: `month ${context.period.month} (now ${context.period.now})`,
      facts: { month: context.period.month, now: context.period.now },
    });
  }
  if (!context.mandateHeld) {
    blockers.push({
      kind: 'mandate',
      waitingFor: null,
      reason: `${order.nation} holds no national mandate for this deployment`,
      facts: { nation: order.nation },
    });
  }
  context.caveatViolations.forEach((violation, i) => {
    const caveat = context.caveats?.[i];
    blockers.push({ kind: 'caveat', waitingFor: null, reason: violation, facts: caveat ? { caveat } : {} });
  });
  if (context.supportedBy === null) {
    blockers.push({
      kind: 'support',
      waitingFor: null,
      reason: `neither the plan nor the lead matrix supports ${order.nation} in ${order.sector} (${order.lineOfEffort})`,
      facts: { nation: order.nation, sector: order.sector, lineOfEffort: order.lineOfEffort },
    });
  }
  return blockers;
}

/** An order that was issued, with the decision and any override of a non-holding sector. */
export interface IssuedOrder {
  readonly order: DeploymentOrder;
  readonly decision: Decision;
  /** The context the order was checked against, kept for the audit. */
  readonly context: OrderContext;
  readonly override: { readonly reason: string; readonly bypassed: readonly string[] } | null;
}

/** An issued order, or the check that kept it back. */
export type IssueResult =
  | { readonly ok: true; readonly issued: IssuedOrder }
  | { readonly ok: false; readonly check: OrderCheck };

/**
 * Issues an order when `checkOrder` finds it issuable. An override with a reason may set aside a
 * sector that is not holding — and nothing else: the phase moves only through `transition`, and
 * mandates, caveats and plan support belong to nations and the plan, not to the cell's discretion.
 */
export function issueOrder(order: DeploymentOrder, context: OrderContext, decision: Decision): IssueResult {
  const check = checkOrder(order, context);
  if (check.status === 'issuable') {
    return { ok: true, issued: { order, decision, context, override: null } };
  }
  const reason = decision.override?.reason.trim() ?? '';
  if (reason === '' || check.blockers.some((b) => b.kind !== 'sector')) return { ok: false, check };
  const bypassed = check.blockers.map((b) => b.reason);
  return { ok: true, issued: { order, decision, context, override: { reason, bypassed } } };
}

/** An order that the latest change made issuable, and what changed for it. */
export interface NewlyIssuable {
  readonly order: DeploymentOrder;
  readonly because: readonly string[];
  /** The same as facts, one for each reason above (`clearedInWords`). */
  readonly cleared: readonly Cleared[];
}

/** A kind of blocker that cleared, with what it is now. */
export interface Cleared {
  readonly kind: Blocker['kind'];
  /** phase: the phase now; sector: the sector; period: the month; mandate: the nation; support: what backs it now. */
  readonly phase?: Phase;
  readonly sector?: string;
  readonly month?: string;
  readonly nation?: string;
  readonly supportedBy?: 'plan' | 'lead_matrix';
}

/**
 * The orders that were not issuable under `before` and are under `after`, each with the
 * blockers that cleared ("phase is now force_deploying", "sector S-3 is now holding").
 */
export function newlyIssuable(
  orders: readonly DeploymentOrder[],
  before: (order: DeploymentOrder) => OrderContext,
  after: (order: DeploymentOrder) => OrderContext,
): readonly NewlyIssuable[] {
  return orders.flatMap((order) => {
    const was = checkOrder(order, before(order));
    const next = after(order);
    if (was.status === 'issuable' || checkOrder(order, next).status !== 'issuable') return [];
    const kinds = [...new Set(was.blockers.map((b) => b.kind))];
    const cleared = kinds.map((kind) => clearedFacts(kind, order, next));
    return [{ order, because: cleared.map(clearedInEnglish), cleared }];
  });
}

function clearedFacts(kind: Blocker['kind'], order: DeploymentOrder, now: OrderContext): Cleared {
  switch (kind) {
    case 'phase':
      return { kind, phase: now.phase };
    case 'sector':
      return { kind, sector: order.sector };
    case 'period':
      return { kind, month: now.period?.month ?? '' };
    case 'mandate':
      return { kind, nation: order.nation };
    case 'caveat':
      return { kind };
    case 'support':
      return { kind, supportedBy: now.supportedBy === 'plan' ? 'plan' : 'lead_matrix' };
  }
}

/** What cleared, in the English the cell has always been told ("sector S-3 is now holding"). */
export function clearedInEnglish(c: Cleared): string {
  switch (c.kind) {
    case 'phase':
      return `phase is now ${c.phase}`;
    case 'sector':
      return `sector ${c.sector} is now holding`;
    case 'period':
      return `month ${c.month ?? ''} has come`;
    case 'mandate':
      return `${c.nation} now holds the mandate`;
    case 'caveat':
      return 'every caveat now fits the target';
    case 'support':
      return `now supported by the ${c.supportedBy === 'plan' ? 'plan' : 'lead matrix'}`;
  }
}
