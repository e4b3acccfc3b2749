/** Deployment orders and their events. */
import type { OrderFields } from '@guarantor/core/api';
import type { Phase, SectorStatus } from '@guarantor/core/phases';
import { sql } from 'kysely';
import { labelText, nextRecordId } from '../access.ts';
import type { DeploymentOrderTable, Labelled, OrderEventKind, OrderGate, OrderState } from '../schema.ts';
import { type Actor, audit, type Db, type Trx } from './common.ts';

/** A deployment order as stored. */
export interface OrderRow extends OrderFields<Date> {
  readonly reasons: readonly string[];
  readonly label: Labelled;
}

const orderOf = (r: Omit<DeploymentOrderTable, 'reasons'> & { reasons: string[] }): OrderRow => ({
  id: r.id,
  offerId: r.offer_id,
  nation: r.nation,
  quantity: r.quantity,
  regionCode: r.region_code,
  lineOfEffort: r.line_of_effort,
  role: r.role,
  sector: r.sector,
  state: r.state,
  gate: r.gate,
  reasons: r.reasons,
  override: r.override ? { reason: r.override_reason ?? '' } : null,
  draftedBy: r.drafted_by,
  draftedAt: r.drafted_at,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at,
  label: { rel_kind: r.rel_kind, rel_nations: r.rel_nations },
  releasability: labelText(r),
  sustainment:
    r.sustainment_plan_id && r.period && r.requirement_id
      ? { planId: r.sustainment_plan_id, month: r.period, requirementId: r.requirement_id }
      : null,
});

/** Orders the reader may see, newest first. */
export async function listOrders(db: Db, filter: { state?: OrderState } = {}): Promise<readonly OrderRow[]> {
  let q = db.selectFrom('deployment_order').selectAll();
  if (filter.state) q = q.where('state', '=', filter.state);
  const rows = await q.orderBy('drafted_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(orderOf);
}

/** One order, or undefined when unknown or not releasable to the reader. */
export async function getOrder(db: Db, id: string): Promise<OrderRow | undefined> {
  const row = await db.selectFrom('deployment_order').selectAll().where('id', '=', id).executeTakeFirst();
  return row && orderOf(row);
}

/** A new order, checked once before it is stored. */
export type NewOrder = Pick<
  OrderRow,
  | 'offerId'
  | 'nation'
  | 'quantity'
  | 'regionCode'
  | 'lineOfEffort'
  | 'role'
  | 'sector'
  | 'state'
  | 'gate'
  | 'reasons'
  | 'label'
> &
  Partial<Pick<OrderRow, 'sustainment'>>;

/** The gate snapshot an order event records: at least the phase and the sector's status (core OrderContext). */
export interface GateSnapshot {
  readonly phase: Phase;
  readonly sectorStatus: SectorStatus;
}

/** Stores a drafted order with its first event, audited; returns it. */
export async function insertOrder(
  trx: Trx,
  o: NewOrder,
  gate: GateSnapshot,
  actor: Actor,
  at: Date,
): Promise<OrderRow> {
  // Numbered per creating nation (ORD-FRA-3): a global number told every drafter how many
  // orders existed that it could not read.
  const id = await nextRecordId(trx, 'order', actor.nation ?? o.nation);
  await trx
    .insertInto('deployment_order')
    .values({
      id,
      offer_id: o.offerId,
      nation: o.nation,
      quantity: o.quantity,
      region_code: o.regionCode,
      line_of_effort: o.lineOfEffort,
      role: o.role,
      sector: o.sector,
      state: o.state,
      gate: o.gate,
      reasons: JSON.stringify(o.reasons),
      override: false,
      override_reason: null,
      drafted_by: actor.username,
      drafted_at: at,
      issued_by: null,
      issued_at: null,
      updated_at: at,
      sustainment_plan_id: o.sustainment?.planId ?? null,
      period: o.sustainment?.month ?? null,
      requirement_id: o.sustainment?.requirementId ?? null,
      ...o.label,
    })
    .execute();
  const order = (await getOrder(trx, id))!;
  await insertOrderEvent(trx, order, 'drafted', gate, actor, at, null);
  await audit(trx, actor, 'order.draft', 'deployment_order', id, null, order, at, o.label);
  return order;
}

/** A change to an order's state after a check or an issue. */
export interface OrderUpdate {
  readonly state: OrderState;
  readonly gate: OrderGate;
  readonly reasons: readonly string[];
  readonly override?: { readonly reason: string } | null;
  readonly issued?: boolean;
}

/** Updates an order and appends the event, audited; returns the order after. */
export async function updateOrder(
  trx: Trx,
  before: OrderRow,
  update: OrderUpdate,
  event: OrderEventKind,
  gate: GateSnapshot,
  actor: Actor,
  at: Date,
): Promise<OrderRow> {
  await trx
    .updateTable('deployment_order')
    .set({
      state: update.state,
      gate: update.gate,
      reasons: JSON.stringify(update.reasons),
      updated_at: at,
      ...(update.override ? { override: true, override_reason: update.override.reason } : {}),
      ...(update.issued ? { issued_by: actor.username, issued_at: at } : {}),
    })
    .where('id', '=', before.id)
    .execute();
  const after = (await getOrder(trx, before.id))!;
  await insertOrderEvent(trx, after, event, gate, actor, at, update.override?.reason ?? null);
  await audit(trx, actor, `order.${event}`, 'deployment_order', before.id, before, after, at, before.label);
  return after;
}

async function insertOrderEvent(
  trx: Trx,
  order: OrderRow,
  kind: OrderEventKind,
  gate: GateSnapshot,
  actor: Actor,
  at: Date,
  overrideReason: string | null,
): Promise<void> {
  await trx
    .insertInto('order_event')
    .values({
      order_id: order.id,
      at,
      actor: actor.username,
      kind,
      state: order.state,
      phase: gate.phase,
      sector_status: gate.sectorStatus,
      context: JSON.stringify(gate),
      reasons: JSON.stringify(order.reasons),
      override_reason: overrideReason,
      ...order.label,
    })
    .execute();
}

/** One event in an order's history. */
export interface OrderEventRow {
  readonly orderId: string;
  readonly at: Date;
  readonly actor: string;
  readonly kind: OrderEventKind;
  readonly state: string;
  readonly phase: string;
  readonly sectorStatus: string;
  readonly context: unknown;
  readonly reasons: readonly string[];
  readonly overrideReason: string | null;
}

/** Order events the reader may see, oldest first, optionally for one order. */
export async function listOrderEvents(db: Db, orderId?: string): Promise<readonly OrderEventRow[]> {
  let q = db.selectFrom('order_event').selectAll();
  if (orderId) q = q.where('order_id', '=', orderId);
  return (await q.orderBy('id').execute()).map((r) => ({
    orderId: r.order_id,
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    state: r.state,
    phase: r.phase,
    sectorStatus: r.sector_status,
    context: r.context,
    reasons: r.reasons,
    overrideReason: r.override_reason,
  }));
}

/** Whether a first-level unit (or staging country) with this code is in the store. */
export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
  );
}

/** A region beside a sector: whether it lies in it (shares area, not only a border). */
export interface RegionInSector {
  readonly code: string;
  readonly name: string;
  readonly inside: boolean;
  readonly sectorName: string;
}

/**
 * The region asked for and every first-level unit that lies in the sector, each saying whether
 * it lies in it (ST_Intersects without ST_Touches: neighbours sharing a border do not count).
 * Empty when the sector has no outline in the store or the region none.
 */
export async function regionsBySector(
  db: Db,
  regionCode: string,
  sector: string,
): Promise<readonly RegionInSector[]> {
  const rows = await sql<{ code: string; name: string; inside: boolean; sector_name: string }>`
    select r.code, r.name_en as name, z.name as sector_name,
           (st_intersects(r.geom, z.geom) and not st_touches(r.geom, z.geom)) as inside
    from zone z join region r on r.geom is not null
    where z.id = ${sector} and z.kind = 'sector'
      and (r.code = ${regionCode}
           or (r.kind = 'ukraine_unit' and st_intersects(r.geom, z.geom) and not st_touches(r.geom, z.geom)))
    order by r.code`.execute(db);
  return rows.rows.map((r) => ({ code: r.code, name: r.name, inside: r.inside, sectorName: r.sector_name }));
}

/**
 * The monitoring sector each region lies in, for the sectors the reader may see: the sector zone
 * sharing the largest area with the region. A region in no sector is left out.
 */
export async function sectorsOfRegions(
  db: Db,
  regionCodes: readonly string[],
): Promise<Map<string, { readonly id: string; readonly name: string }>> {
  if (regionCodes.length === 0) return new Map();
  const rows = await sql<{ code: string; sector: string; name: string }>`
    select distinct on (r.code) r.code, z.id as sector, z.name
    from region r join zone z on z.kind = 'sector' and r.geom is not null
      and st_intersects(r.geom, z.geom) and not st_touches(r.geom, z.geom)
    where r.code in (${sql.join(regionCodes)})
    order by r.code, st_area(st_intersection(r.geom, z.geom)) desc, z.id`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, { id: r.sector, name: r.name }]));
}
