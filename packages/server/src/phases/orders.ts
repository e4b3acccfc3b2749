/**
 * The deployment-order gate over stored records: builds core's `OrderContext` for an order from
 * the gate snapshot, the offer's caveats and mandate, the adopted plan and the lead matrix, and
 * checks it.
 */
import { type Caveat, checkCaveats, type Role } from '@guarantor/core/coalition';
import {
  type CaveatFacts,
  checkOrder,
  type DeploymentOrder,
  type OrderCheck,
  type OrderContext,
  type PlanNote,
} from '@guarantor/core/phases';
import {
  adoptedPlan,
  type Database,
  getSustainmentPlan,
  listLeadRoles,
  listNations,
  type OfferRecord,
  offerToCore,
  type PlanRecord,
  type SustainmentPlanRecord,
} from '@guarantor/db';
import type { OrderGate, OrderRow, OrderState } from '@guarantor/db/phases';
import { contactDistanceKm } from '@guarantor/db/territory';
import type { Kysely, Transaction } from 'kysely';
import { type GateState, statusOf } from './gate.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What an order asks for, stored or about to be; `drafted` is its UTC day. */
export interface OrderTarget
  extends Pick<
    OrderRow,
    | 'id'
    | 'offerId'
    | 'nation'
    | 'quantity'
    | 'regionCode'
    | 'lineOfEffort'
    | 'role'
    | 'sector'
    | 'sustainment'
  > {
  readonly drafted: string;
}

/** An order target from a stored order. */
export function targetOf(order: OrderRow): OrderTarget {
  return { ...order, drafted: order.draftedAt.toISOString().slice(0, 10) };
}

/** Core's order value. */
export function coreOrder(target: OrderTarget): DeploymentOrder {
  return {
    id: target.id,
    offerId: target.offerId,
    nation: target.nation,
    sector: target.sector,
    lineOfEffort: target.lineOfEffort,
    quantity: target.quantity,
    drafted: target.drafted,
  };
}

/**
 * Distance of a region from the line of contact, in km, measured by PostGIS from the region's
 * nearest point to the line of contact in force (db `territory.ts`), or planning's illustrative
 * `region_contact_distance` when no line is stored; undefined when unknown, which the caveat
 * checker counts against an offer with a minimum-distance caveat. Rounded down to 0.1 km so the
 * sentence stays readable and rounding never lets a region pass a limit it misses.
 */
export async function distanceToContactKm(db: Db, region: string, at: Date): Promise<number | undefined> {
  const found = await contactDistanceKm(db, region, at);
  return found === undefined ? undefined : Math.floor(found.km * 10) / 10;
}

/** What backs an order, and why not when nothing does. */
export interface Support {
  readonly by: 'plan' | 'lead_matrix' | null;
  /** Why the adopted plan does not back it (no plan adopted, or what the plan allocates there). */
  readonly planNote: string;
  /** The same as facts (null when a plan backs it), to say it in the reader's words. */
  readonly plan: PlanNote | null;
}

/** The plan's note in English, as the support blocker has always said it. */
function planNoteOf(n: PlanNote): string {
  switch (n.kind) {
    case 'no_plan':
      return 'no plan is adopted';
    case 'allocates_none':
      return `the adopted plan ${n.plan} allocates none of ${n.offer} there`;
    case 'allocates_some':
      return `the adopted plan ${n.plan} allocates ${n.allocated} of ${n.offer} there, not ${n.quantity}`;
    case 'sustainment_hidden':
      return `the sustainment plan ${n.plan} is not one you may see`;
    case 'sustainment_units':
      return `the sustainment plan ${n.plan} puts ${n.units} of ${n.offer} on ${n.requirement} in ${n.month}, not ${n.quantity}`;
  }
}

// One adopted-plan read per gate snapshot: a re-evaluation checks every order against one snapshot.
const plans = new WeakMap<GateState, Promise<PlanRecord | undefined>>();
// And one read of each sustainment plan the orders of a snapshot were drafted from.
const sustainmentPlans = new WeakMap<GateState, Map<string, Promise<SustainmentPlanRecord | undefined>>>();

/**
 * Whether the adopted plan, else the lead matrix, supports the order. The plan supports it when
 * it allocates at least the order's quantity of that offer to requirements in the order's region
 * and line of effort (the requirements as the plan saw them, in its input snapshot). The lead
 * matrix supports it when the nation leads or contributes to that region and line of effort.
 */
export async function supportFor(db: Db, gate: GateState, target: OrderTarget): Promise<Support> {
  if (target.sustainment) return sustainmentSupport(db, gate, target, target.sustainment);
  let pending = plans.get(gate);
  if (!pending) {
    pending = adoptedPlan(db as Transaction<Database>);
    plans.set(gate, pending);
  }
  const plan = await pending;
  let note: PlanNote = { kind: 'no_plan' };
  if (plan) {
    const requirements = new Map(plan.input.requirements.map((r) => [r.id, r]));
    const allocated = plan.result.allocations
      .filter((a) => {
        const r = requirements.get(a.requirementId);
        return (
          a.offerId === target.offerId &&
          r?.region === target.regionCode &&
          r.lineOfEffort === target.lineOfEffort
        );
      })
      .reduce((sum, a) => sum + a.quantity, 0);
    if (allocated >= target.quantity) return { by: 'plan', planNote: '', plan: null };
    note =
      allocated === 0
        ? { kind: 'allocates_none', plan: plan.id, offer: target.offerId }
        : {
            kind: 'allocates_some',
            plan: plan.id,
            offer: target.offerId,
            allocated,
            quantity: target.quantity,
          };
  }
  return leadMatrixSupport(db, target, note);
}

/**
 * An order drafted for a month of a sustainment plan is backed by that plan when it puts at least
 * the order's units of the offer on the order's requirement that month (else by the lead matrix,
 * as any order). The plan is read as the reader sees it: a plan they may no longer read backs nothing.
 */
async function sustainmentSupport(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  planned: NonNullable<OrderTarget['sustainment']>,
): Promise<Support> {
  let read = sustainmentPlans.get(gate);
  if (!read) {
    read = new Map();
    sustainmentPlans.set(gate, read);
  }
  let pending = read.get(planned.planId);
  if (!pending) {
    pending = getSustainmentPlan(db as Transaction<Database>, planned.planId);
    read.set(planned.planId, pending);
  }
  const plan = await pending;
  if (!plan) return leadMatrixSupport(db, target, { kind: 'sustainment_hidden', plan: planned.planId });
  const units = plan.result.commitments
    .filter(
      (c) =>
        c.offerId === target.offerId &&
        c.requirementId === planned.requirementId &&
        c.from <= planned.month &&
        planned.month <= c.to,
    )
    .reduce((sum, c) => sum + c.quantity, 0);
  if (units >= target.quantity) return { by: 'plan', planNote: '', plan: null };
  return leadMatrixSupport(db, target, {
    kind: 'sustainment_units',
    plan: plan.id,
    offer: target.offerId,
    units,
    requirement: planned.requirementId,
    month: planned.month,
    quantity: target.quantity,
  });
}

async function leadMatrixSupport(db: Db, target: OrderTarget, note: PlanNote): Promise<Support> {
  const leads = await listLeadRoles(db, { lineOfEffort: target.lineOfEffort });
  const backed = leads.some(
    (l) =>
      l.regionCode === target.regionCode &&
      (l.leadNation === target.nation || l.contributors.includes(target.nation)),
  );
  return { by: backed ? 'lead_matrix' : null, planNote: planNoteOf(note), plan: note };
}

/** Builds the context core's `checkOrder` needs, as the reader sees the records. */
export async function orderContext(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  offer: OfferRecord,
  atMs: number,
): Promise<OrderContext> {
  return (await orderContextWithSupport(db, gate, target, offer, atMs)).context;
}

async function orderContextWithSupport(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  offer: OfferRecord,
  atMs: number,
): Promise<{ context: OrderContext; support: Support }> {
  const caveats = offer.caveats as Caveat[];
  const mandate = caveats.find((c) => c.kind === 'national_mandate');
  const km = caveats.some((c) => c.kind === 'min_distance_from_contact')
    ? await distanceToContactKm(db, target.regionCode, new Date(atMs))
    : undefined;
  const nations = new Set((await listNations(db)).map((n) => n.iso3));
  const check = checkCaveats(
    offerToCore(offer),
    { region: target.regionCode, lineOfEffort: target.lineOfEffort, role: target.role as Role, atMs },
    {
      distanceToContactKm: km === undefined ? {} : { [target.regionCode]: km },
      participatingNations: nations,
      mandates: {},
    },
  );
  const violations = check.ok ? [] : check.violations.filter((v) => v.caveat.kind !== 'national_mandate');
  const caveatViolations = violations.map((v) => v.message);
  const caveatFacts: CaveatFacts[] = violations.map((v) => ({
    offerId: offer.id,
    region: target.regionCode,
    lineOfEffort: target.lineOfEffort,
    role: target.role,
    caveat: v.caveat,
    reason: v.reason,
  }));
  const support = await supportFor(db, gate, target);
  return {
    support,
    context: {
      phase: gate.phase,
      sectorStatus: statusOf(gate, target.sector),
      mandateHeld:
        mandate === undefined || (mandate.kind === 'national_mandate' && mandate.status === 'granted'),
      caveatViolations,
      caveats: caveatFacts,
      supportedBy: support.by,
      ...(support.plan ? { planNote: support.plan } : {}),
      ...(target.sustainment
        ? { period: { month: target.sustainment.month, now: new Date(atMs).toISOString().slice(0, 7) } }
        : {}),
    },
  };
}

/** The stored state and gate for a check: issued stays issued; otherwise the state mirrors the gate. */
export function stateFor(check: OrderCheck, current?: OrderState): { state: OrderState; gate: OrderGate } {
  if (current === 'issued') return { state: 'issued', gate: 'issuable' };
  switch (check.status) {
    case 'issuable':
      return { state: 'draft', gate: 'issuable' };
    case 'ready_on_gate':
      return { state: 'ready_on_gate', gate: 'ready_on_gate' };
    case 'refused':
      return { state: 'refused', gate: 'refused' };
  }
}

/**
 * Core's check of an order against a context, its support blocker as the server says it: the
 * region (plans and the lead matrix are kept per region, core names the sector) and why the plan
 * does not back it. Also for a context stored with an order event, to say its reasons again.
 */
export function checkIn(target: OrderTarget, context: OrderContext): OrderCheck {
  const check = checkOrder(coreOrder(target), context);
  if (check.status === 'issuable') return check;
  const note = context.planNote ?? { kind: 'no_plan' as const };
  const reason = `neither the plan nor the lead matrix supports ${target.nation} in ${target.regionCode} (${target.lineOfEffort}): ${planNoteOf(note)}, and ${target.nation} neither leads nor contributes there in the lead matrix`;
  const blockers = check.blockers.map((b) =>
    b.kind === 'support' ? { ...b, reason, facts: { ...b.facts, region: target.regionCode, plan: note } } : b,
  );
  const message =
    check.status === 'refused'
      ? `deployment refused: ${blockers.map((b) => b.reason).join('; ')}`
      : check.message;
  return { ...check, blockers, message };
}

/** Checks an order against a gate snapshot. */
export async function checkTarget(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  offer: OfferRecord,
  atMs: number,
): Promise<{ context: OrderContext; check: OrderCheck }> {
  const { context } = await orderContextWithSupport(db, gate, target, offer, atMs);
  return { context, check: checkIn(target, context) };
}
