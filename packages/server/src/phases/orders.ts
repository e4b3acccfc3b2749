/**
 * The deployment-order gate over stored records: builds core's `OrderContext` for an order from
 * the gate snapshot, the offer's caveats and mandate, and the lead matrix, and checks it.
 */
import { type Caveat, checkCaveats, type Offer, type Role } from '@guarantor/core/coalition';
import { checkOrder, type DeploymentOrder, type OrderCheck, type OrderContext } from '@guarantor/core/phases';
import { type Database, listLeadRoles, listNations, type OfferRecord } from '@guarantor/db';
import type { OrderGate, OrderRow, OrderState } from '@guarantor/db/phases';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type GateState, statusOf } from './gate.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What an order asks for, stored or about to be. */
export interface OrderTarget {
  readonly id: string;
  readonly offerId: string;
  readonly nation: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly sector: string;
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

function coreOffer(o: OfferRecord): Offer {
  return {
    id: o.id,
    nation: o.nation,
    capability: o.capability,
    quantity: o.quantity,
    daysToDeploy: o.daysToDeploy,
    durationDays: o.durationDays ?? 1,
    readiness: o.readiness,
    readinessHistory: [],
    lifecycle: o.lifecycle,
    caveats: o.caveats as Caveat[],
  };
}

/**
 * Distance of a region from the line of contact, in km, from planning's
 * `region_contact_distance` (illustrative figures in the demo until the territory capability
 * derives them); undefined when unknown, which the caveat checker counts against an offer with
 * a minimum-distance caveat.
 */
export async function distanceToContactKm(db: Db, region: string): Promise<number | undefined> {
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass('region_contact_distance')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return undefined;
  const r = await sql<{ km: number | string }>`
    select distance_km as km from region_contact_distance where region_code = ${region}`.execute(db);
  const km = r.rows[0]?.km;
  return km === undefined ? undefined : Number(km);
}

/** Builds the context core's `checkOrder` needs, as the reader sees the records. */
export async function orderContext(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  offer: OfferRecord,
  atMs: number,
): Promise<OrderContext> {
  const caveats = offer.caveats as Caveat[];
  const mandate = caveats.find((c) => c.kind === 'national_mandate');
  const km = caveats.some((c) => c.kind === 'min_distance_from_contact')
    ? await distanceToContactKm(db, target.regionCode)
    : undefined;
  const nations = new Set((await listNations(db)).map((n) => n.iso3));
  const check = checkCaveats(
    coreOffer(offer),
    { region: target.regionCode, lineOfEffort: target.lineOfEffort, role: target.role as Role, atMs },
    {
      distanceToContactKm: km === undefined ? {} : { [target.regionCode]: km },
      participatingNations: nations,
      mandates: {},
    },
  );
  const caveatViolations = check.ok
    ? []
    : check.violations.filter((v) => v.caveat.kind !== 'national_mandate').map((v) => v.message);
  const leads = await listLeadRoles(db, { lineOfEffort: target.lineOfEffort });
  const backed = leads.some(
    (l) =>
      l.regionCode === target.regionCode &&
      (l.leadNation === target.nation || l.contributors.includes(target.nation)),
  );
  return {
    phase: gate.phase,
    sectorStatus: statusOf(gate, target.sector),
    mandateHeld:
      mandate === undefined || (mandate.kind === 'national_mandate' && mandate.status === 'granted'),
    caveatViolations,
    supportedBy: backed ? 'lead_matrix' : null,
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

/** Checks an order against a gate snapshot. */
export async function checkTarget(
  db: Db,
  gate: GateState,
  target: OrderTarget,
  offer: OfferRecord,
  atMs: number,
): Promise<{ context: OrderContext; check: OrderCheck }> {
  const context = await orderContext(db, gate, target, offer, atMs);
  const check = checkOrder(coreOrder(target), context);
  // Core names the order's sector in the support blocker; the lead matrix is kept per region.
  const support = `neither the plan nor the lead matrix supports ${target.nation} in ${target.regionCode} (${target.lineOfEffort})`;
  const blockers = check.blockers.map((b) => (b.kind === 'support' ? { ...b, reason: support } : b));
  if (check.status === 'issuable') return { context, check };
  const message =
    check.status === 'refused'
      ? `deployment refused: ${blockers.map((b) => b.reason).join('; ')}`
      : check.message;
  return { context, check: { ...check, blockers, message } };
}
