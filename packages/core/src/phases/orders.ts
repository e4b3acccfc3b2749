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
  /** What backs the order; `null` when neither the plan nor the lead matrix does. */
  readonly supportedBy: 'plan' | 'lead_matrix' | null;
  /**
   * For an order drafted for a month of a sustainment plan: that month and the current one
   * (`YYYY-MM`). Until the month comes the order waits, as it waits for the gate.
   */
  readonly period?: { readonly month: string; readonly now: string };
}

/** One thing standing between an order and issue. */
export interface Blocker {
  readonly kind: 'phase' | 'sector' | 'period' | 'mandate' | 'caveat' | 'support';
  readonly reason: string;
  /** What the order waits for when the blocker is the gate (phase or sector), which opens in time; else `null`. */
  readonly waitingFor: string | null;
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
    });
  }
  if (context.sectorStatus !== 'holding') {
    blockers.push({
      kind: 'sector',
      reason: `sector ${order.sector} is ${context.sectorStatus}, not holding`,
      waitingFor: `sector ${order.sector} to hold (now ${context.sectorStatus})`,
    });
  }
  // The ceasefire gate comes first, always; then the month the plan puts the units in.
  if (context.period && context.period.now < context.period.month) {
    blockers.push({
      kind: 'period',
      reason: `planned for ${context.period.month}; it is ${context.period.now}`,
      waitingFor: `month ${context.period.month} (now ${context.period.now})`,
    });
  }
  if (!context.mandateHeld) {
    blockers.push({
      kind: 'mandate',
      waitingFor: null,
      reason: `${order.nation} holds no national mandate for this deployment`,
    });
  }
  for (const violation of context.caveatViolations)
    blockers.push({ kind: 'caveat', waitingFor: null, reason: violation });
  if (context.supportedBy === null) {
    blockers.push({
      kind: 'support',
      waitingFor: null,
      reason: `neither the plan nor the lead matrix supports ${order.nation} in ${order.sector} (${order.lineOfEffort})`,
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
    return [{ order, because: kinds.map((kind) => cleared(kind, order, next)) }];
  });
}

function cleared(kind: Blocker['kind'], order: DeploymentOrder, now: OrderContext): string {
  switch (kind) {
    case 'phase':
      return `phase is now ${now.phase}`;
    case 'sector':
      return `sector ${order.sector} is now holding`;
    case 'period':
      return `month ${now.period?.month ?? ''} has come`;
    case 'mandate':
      return `${order.nation} now holds the mandate`;
    case 'caveat':
      return 'every caveat now fits the target';
    case 'support':
      return `now supported by the ${now.supportedBy === 'plan' ? 'plan' : 'lead matrix'}`;
  }
}
