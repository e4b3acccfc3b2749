/**
 * Storage for ceasefire first (issue 6): phase records, trigger rule versions, the guard
 * policy, sector status history, breaches and the response ladder, truce windows, deployment
 * orders with their events, the cell's notifications, and imported per-sector daily facts (the
 * gate's main source is monitoring, through `zones.ts`). Writes append to the audit log in the caller's transaction.
 */
import type { IsoDate, Phase, SectorDay, SectorStatus } from '@guarantor/core/phases';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelText, nextRecordId } from './access.ts';
import { appendAudit } from './audit.ts';
import type {
  Database,
  DeploymentOrderTable,
  Labelled,
  NotificationKind,
  OrderEventKind,
  OrderGate,
  OrderState,
  PhaseRuleTable,
} from './schema.ts';

export type { NotificationKind, OrderEventKind, OrderGate, OrderState } from './schema.ts';

import { type FactsLens, monitoringSectorFacts } from './zones.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

const COALITION: Labelled = { rel_kind: 'COALITION', rel_nations: [] };

/** Who made a change, for the audit log. */
export interface Actor {
  readonly username: string;
  readonly nation: string | null;
}

async function audit(
  trx: Trx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
  at: Date,
  label: Labelled = COALITION,
): Promise<void> {
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action,
    entity,
    entityId,
    before,
    after,
    label,
    at,
  });
}

const dateText = (d: unknown): string =>
  d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

// ---------------------------------------------------------------- phases

/** A phase the campaign entered, as stored. */
export interface PhaseRow {
  readonly seq: number;
  readonly phase: Phase;
  readonly from: Phase | null;
  readonly since: IsoDate;
  readonly decidedBy: string;
  readonly nation: string;
  readonly authority: string;
  readonly recordedAt: Date;
  readonly evaluations: readonly unknown[];
  readonly override: { readonly reason: string; readonly bypassed: readonly string[] } | null;
  readonly releasability: string;
}

function phaseOf(r: {
  seq: number;
  phase: Phase;
  from_phase: Phase | null;
  since: unknown;
  decided_by: string;
  decided_nation: string;
  authority: string;
  recorded_at: Date;
  evaluations: unknown[];
  override: boolean;
  override_reason: string | null;
  override_bypassed: string[];
  rel_kind: Labelled['rel_kind'];
  rel_nations: string[];
}): PhaseRow {
  return {
    seq: Number(r.seq),
    phase: r.phase,
    from: r.from_phase,
    since: dateText(r.since),
    decidedBy: r.decided_by,
    nation: r.decided_nation,
    authority: r.authority,
    recordedAt: r.recorded_at,
    evaluations: r.evaluations,
    override: r.override ? { reason: r.override_reason ?? '', bypassed: r.override_bypassed } : null,
    releasability: labelText(r),
  };
}

/** Every phase record the reader may see, oldest first. */
export async function phaseTimeline(db: Db): Promise<readonly PhaseRow[]> {
  return (await db.selectFrom('campaign_phase').selectAll().orderBy('seq').execute()).map(phaseOf);
}

/** The current phase record, or undefined before the first one. */
export async function currentPhase(db: Db): Promise<PhaseRow | undefined> {
  const row = await db
    .selectFrom('campaign_phase')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && phaseOf(row);
}

/** A phase record to store. */
export interface NewPhase {
  readonly phase: Phase;
  readonly from: Phase | null;
  readonly since: IsoDate;
  readonly decidedBy: string;
  readonly nation: string;
  readonly authority: string;
  readonly evaluations: readonly unknown[];
  readonly override: { readonly reason: string; readonly bypassed: readonly string[] } | null;
}

/** Appends a phase record and its audit entry. */
export async function insertPhase(trx: Trx, p: NewPhase, actor: Actor, at: Date): Promise<PhaseRow> {
  const row = await trx
    .insertInto('campaign_phase')
    .values({
      phase: p.phase,
      from_phase: p.from,
      since: p.since,
      decided_by: p.decidedBy,
      decided_nation: p.nation,
      authority: p.authority,
      recorded_at: at,
      evaluations: JSON.stringify(p.evaluations),
      override: p.override !== null,
      override_reason: p.override?.reason ?? null,
      override_bypassed: JSON.stringify(p.override?.bypassed ?? []),
      ...COALITION,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const stored = phaseOf(row);
  await audit(
    trx,
    actor,
    p.override ? 'phase.override' : 'phase.transition',
    'campaign_phase',
    String(stored.seq),
    p.from,
    { ...p, evaluations: p.evaluations.length },
    at,
  );
  return stored;
}

// ---------------------------------------------------------------- rules and guards

/** One stored version of a trigger rule. */
export interface RuleVersionRow {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly text: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

const ruleOf = (r: PhaseRuleTable): RuleVersionRow => ({
  id: r.id,
  version: r.version,
  title: r.title,
  text: r.text,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Every version of every rule, by id then version. */
export async function listRuleVersions(db: Db, id?: string): Promise<readonly RuleVersionRow[]> {
  let q = db.selectFrom('phase_rule').selectAll();
  if (id !== undefined) q = q.where('id', '=', id);
  return (await q.orderBy('id').orderBy('version').execute()).map(ruleOf);
}

/** The highest version of each rule (retired ones included, with `active = false`). */
export async function currentRules(db: Db): Promise<readonly RuleVersionRow[]> {
  const all = await listRuleVersions(db);
  const latest = new Map<string, RuleVersionRow>();
  for (const r of all) latest.set(r.id, r);
  return [...latest.values()];
}

/** A new rule version; the version number is the next one for the id. */
export interface NewRuleVersion {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly active: boolean;
}

/** Adds the next version of a rule (version 1 for a new id), audited. */
export async function addRuleVersion(
  trx: Trx,
  rule: NewRuleVersion,
  actor: Actor,
  at: Date,
): Promise<RuleVersionRow> {
  const previous = await trx
    .selectFrom('phase_rule')
    .selectAll()
    .where('id', '=', rule.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = await trx
    .insertInto('phase_rule')
    .values({
      id: rule.id,
      version: (previous?.version ?? 0) + 1,
      title: rule.title,
      text: rule.text,
      active: rule.active,
      created_by: actor.username,
      created_at: at,
      ...COALITION,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const stored = ruleOf(row);
  await audit(
    trx,
    actor,
    previous ? 'rule.version' : 'rule.create',
    'phase_rule',
    `${stored.id}@${stored.version}`,
    previous ? ruleOf(previous) : null,
    stored,
    at,
  );
  return stored;
}

/** The guard policy as stored: target phase → rule ids. */
export async function listGuards(db: Db): Promise<Readonly<Partial<Record<Phase, readonly string[]>>>> {
  const rows = await db
    .selectFrom('phase_guard')
    .select(['target_phase', 'rule_id'])
    .orderBy('target_phase')
    .orderBy('rule_id')
    .execute();
  const policy: Partial<Record<Phase, string[]>> = {};
  for (const r of rows) policy[r.target_phase] = [...(policy[r.target_phase] ?? []), r.rule_id];
  return policy;
}

/** Replaces the rules guarding entry into one phase, audited. */
export async function setGuards(
  trx: Trx,
  target: Phase,
  ruleIds: readonly string[],
  actor: Actor,
  at: Date,
): Promise<void> {
  const before = (await listGuards(trx))[target] ?? [];
  await trx.deleteFrom('phase_guard').where('target_phase', '=', target).execute();
  if (ruleIds.length > 0) {
    await trx
      .insertInto('phase_guard')
      .values([...new Set(ruleIds)].map((rule_id) => ({ target_phase: target, rule_id, ...COALITION })))
      .execute();
  }
  await audit(trx, actor, 'guard.set', 'phase_guard', target, before, ruleIds, at);
}

// ---------------------------------------------------------------- sector status

/** A sector's status as of a day. */
export interface SectorStatusRow {
  readonly sector: string;
  readonly asOf: IsoDate;
  readonly status: SectorStatus;
  readonly reasons: readonly string[];
}

/** Each sector's latest recorded status. */
export async function latestSectorStatuses(db: Db): Promise<readonly SectorStatusRow[]> {
  const rows = await db
    .selectFrom('sector_status')
    .select(['sector', 'as_of', 'status', 'reasons'])
    .distinctOn('sector')
    .orderBy('sector')
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    sector: r.sector,
    asOf: dateText(r.as_of),
    status: r.status,
    reasons: r.reasons,
  }));
}

/** A sector's status history, oldest first. */
export async function sectorStatusHistory(db: Db, sector?: string): Promise<readonly SectorStatusRow[]> {
  let q = db.selectFrom('sector_status').select(['sector', 'as_of', 'status', 'reasons']);
  if (sector) q = q.where('sector', '=', sector);
  return (await q.orderBy('as_of').orderBy('id').execute()).map((r) => ({
    sector: r.sector,
    asOf: dateText(r.as_of),
    status: r.status,
    reasons: r.reasons,
  }));
}

/**
 * Records a sector's status as of a day (history is append-only), labelled with the meet of
 * the records its reasons rest on, so a status that only one nation's incidents explain is
 * that nation's to read.
 */
export async function recordSectorStatus(
  trx: Trx,
  row: SectorStatusRow,
  at: Date,
  label: Labelled = COALITION,
): Promise<void> {
  await trx
    .insertInto('sector_status')
    .values({
      sector: row.sector,
      as_of: row.asOf,
      status: row.status,
      reasons: JSON.stringify(row.reasons),
      recorded_at: at,
      ...label,
    })
    .execute();
}

/** The latest day the gate was re-evaluated for, or undefined before the first time. */
export async function lastEvaluatedDay(db: Db): Promise<IsoDate | undefined> {
  const row = await db
    .selectFrom('phase_evaluation')
    .select((eb) => eb.fn.max('as_of').as('day'))
    .executeTakeFirst();
  return row?.day ? dateText(row.day) : undefined;
}

/** Marks a day as re-evaluated. */
export async function markEvaluated(trx: Trx, asOf: IsoDate, at: Date): Promise<void> {
  await trx
    .insertInto('phase_evaluation')
    .values({ as_of: asOf, evaluated_at: at })
    .onConflict((oc) => oc.column('as_of').doUpdateSet({ evaluated_at: at }))
    .execute();
}

// ---------------------------------------------------------------- ladder, breaches, responses

/** A rung of the response ladder as stored. */
export interface RungRow {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  readonly respondWithinHours: number;
  readonly nations: readonly string[];
  readonly rules: readonly string[];
  readonly minSectors: number;
}

/** The ladder, mildest rung first. */
export async function listRungs(db: Db): Promise<readonly RungRow[]> {
  return (await db.selectFrom('ladder_rung').selectAll().orderBy('position').execute()).map((r) => ({
    id: r.id,
    position: r.position,
    title: r.title,
    respondWithinHours: r.respond_within_hours,
    nations: r.nations,
    rules: r.rules,
    minSectors: r.min_sectors,
  }));
}

/** Adds or replaces a rung, audited. */
export async function upsertRung(trx: Trx, rung: RungRow, actor: Actor, at: Date): Promise<void> {
  const row = {
    id: rung.id,
    position: rung.position,
    title: rung.title,
    respond_within_hours: rung.respondWithinHours,
    nations: [...rung.nations],
    rules: [...rung.rules],
    min_sectors: rung.minSectors,
    ...COALITION,
  };
  await trx
    .insertInto('ladder_rung')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  await audit(trx, actor, 'ladder.rung', 'ladder_rung', rung.id, null, rung, at);
}

/** A stored breach. */
export interface BreachRow {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly sector: string;
  readonly asOf: IsoDate;
  readonly detectedAt: Date;
  readonly explanation: string;
  readonly incidentIds: readonly string[];
  readonly proposedRung: string | null;
  /** The meet of the labels of the incidents it cites (`REL TO` with no nation admits nobody). */
  readonly releasability?: string;
}

/**
 * Records a breach once (its id is deterministic); true when it was new. `label` is the meet
 * of the cited incidents' labels: the breach, and its audit entry, are no more releasable than
 * the evidence behind them.
 */
export async function insertBreach(
  trx: Trx,
  b: BreachRow,
  actor: Actor,
  label: Labelled = COALITION,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('breach')
    .values({
      id: b.id,
      rule_id: b.ruleId,
      rule_version: b.ruleVersion,
      sector: b.sector,
      as_of: b.asOf,
      detected_at: b.detectedAt,
      explanation: b.explanation,
      incident_ids: [...b.incidentIds],
      proposed_rung: b.proposedRung,
      ...label,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) await audit(trx, actor, 'breach.detect', 'breach', b.id, null, b, b.detectedAt, label);
  return inserted !== undefined;
}

/** Breaches, newest first. */
export async function listBreaches(db: Db): Promise<readonly BreachRow[]> {
  const rows = await db.selectFrom('breach').selectAll().orderBy('as_of', 'desc').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    sector: r.sector,
    asOf: dateText(r.as_of),
    detectedAt: r.detected_at,
    explanation: r.explanation,
    incidentIds: r.incident_ids,
    proposedRung: r.proposed_rung,
    releasability: labelText(r),
  }));
}

/** What the cell decided about a breach. */
export interface ResponseRow {
  readonly id: number;
  readonly breachId: string;
  readonly rungId: string;
  readonly decidedAt: Date;
  readonly decidedBy: string;
  readonly nation: string;
  readonly note: string;
}

/** Every recorded response, oldest first. */
export async function listResponses(db: Db): Promise<readonly ResponseRow[]> {
  const rows = await db
    .selectFrom('breach_response')
    .selectAll()
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    breachId: r.breach_id,
    rungId: r.rung_id,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    nation: r.decided_nation,
    note: r.note,
  }));
}

/** Records a response to a breach, audited. */
export async function insertResponse(
  trx: Trx,
  r: Omit<ResponseRow, 'id'>,
  actor: Actor,
  at: Date,
): Promise<ResponseRow> {
  // A response names its breach, so it is no more releasable than the breach.
  const breach = await trx
    .selectFrom('breach')
    .select(['rel_kind', 'rel_nations'])
    .where('id', '=', r.breachId)
    .executeTakeFirst();
  const label: Labelled = breach ? { rel_kind: breach.rel_kind, rel_nations: breach.rel_nations } : COALITION;
  const row = await trx
    .insertInto('breach_response')
    .values({
      breach_id: r.breachId,
      rung_id: r.rungId,
      decided_at: r.decidedAt,
      decided_by: r.decidedBy,
      decided_nation: r.nation,
      note: r.note,
      ...label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stored = { ...r, id: Number(row.id) };
  await audit(trx, actor, 'breach.respond', 'breach', r.breachId, null, stored, at, label);
  return stored;
}

// ---------------------------------------------------------------- truce windows

/** A local truce window as stored. */
export interface TruceRow {
  readonly id: string;
  readonly site: string;
  readonly location: readonly [number, number];
  readonly radiusM: number;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly purpose: string;
  readonly sector: string | null;
  readonly createdBy: string;
  readonly releasability: string;
}

/** Truce windows, latest start first. */
export async function listTruceWindows(db: Db): Promise<readonly TruceRow[]> {
  const rows = await db
    .selectFrom('truce_window')
    .select([
      'id',
      'site',
      'radius_m',
      'start_at',
      'end_at',
      'purpose',
      'sector',
      'created_by',
      'rel_kind',
      'rel_nations',
      sql<string>`ST_AsGeoJSON(location)`.as('location_json'),
    ])
    .orderBy('start_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    site: r.site,
    location: JSON.parse(r.location_json).coordinates as [number, number],
    radiusM: r.radius_m,
    startAt: r.start_at,
    endAt: r.end_at,
    purpose: r.purpose,
    sector: r.sector,
    createdBy: r.created_by,
    releasability: labelText(r),
  }));
}

/** Records a truce window, audited. */
export async function insertTruceWindow(
  trx: Trx,
  w: Omit<TruceRow, 'releasability' | 'createdBy'>,
  label: Labelled,
  actor: Actor,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('truce_window')
    .values({
      id: w.id,
      site: w.site,
      location: sql`ST_SetSRID(ST_MakePoint(${w.location[0]}, ${w.location[1]}), 4326)`,
      radius_m: w.radiusM,
      start_at: w.startAt,
      end_at: w.endAt,
      purpose: w.purpose,
      sector: w.sector,
      created_by: actor.username,
      created_at: at,
      ...label,
    })
    .execute();
  await audit(trx, actor, 'truce.create', 'truce_window', w.id, null, w, at, label);
}

// ---------------------------------------------------------------- orders

/** A deployment order as stored. */
export interface OrderRow {
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
  readonly reasons: readonly string[];
  readonly override: { readonly reason: string } | null;
  readonly draftedBy: string;
  readonly draftedAt: Date;
  readonly issuedBy: string | null;
  readonly issuedAt: Date | null;
  readonly label: Labelled;
  readonly releasability: string;
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
export interface NewOrder {
  readonly offerId: string;
  readonly nation: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly sector: string;
  readonly state: OrderState;
  readonly gate: OrderGate;
  readonly reasons: readonly string[];
  readonly label: Labelled;
}

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

// ---------------------------------------------------------------- notifications

/** Something the cell is told. */
export interface NotificationRow {
  readonly id: number;
  readonly at: Date;
  readonly kind: NotificationKind;
  readonly message: string;
  readonly orderId: string | null;
  readonly breachId: string | null;
  readonly reasons: readonly string[];
  readonly releasability: string;
}

/** Stores a notification with the label of what it is about. */
export async function insertNotification(
  trx: Trx,
  n: Omit<NotificationRow, 'id' | 'releasability'>,
  label: Labelled = COALITION,
): Promise<void> {
  await trx
    .insertInto('phase_notification')
    .values({
      at: n.at,
      kind: n.kind,
      message: n.message,
      order_id: n.orderId,
      breach_id: n.breachId,
      reasons: JSON.stringify(n.reasons),
      ...label,
    })
    .execute();
}

/** Notifications the reader may see, newest first. */
export async function listNotifications(db: Db, limit = 200): Promise<readonly NotificationRow[]> {
  const rows = await db
    .selectFrom('phase_notification')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    kind: r.kind,
    message: r.message,
    orderId: r.order_id,
    breachId: r.breach_id,
    reasons: r.reasons,
    releasability: labelText(r),
  }));
}

// ---------------------------------------------------------------- sector-day facts

/**
 * Where the gate reads monitoring from: the sectors and their daily facts (core `SectorDay`).
 * In a deployment that is `combinedSectorFacts`: monitoring's own per-sector counts over the
 * zones' sectors, plus any imported sector facts.
 */
export interface SectorFacts {
  /** Every sector known, in display order (through `lens`, default the transaction's reader). */
  listSectors(db: Db, lens?: FactsLens): Promise<readonly string[]>;
  /** Facts for the UTC days `from` to `to`, inclusive. */
  loadSectorDays(db: Db, from: IsoDate, to: IsoDate, lens?: FactsLens): Promise<readonly SectorDay[]>;
}

/**
 * Imported sector facts (`sector_day_fact`): per-sector daily facts that did not come through
 * this deployment's monitoring — another mission's published daily counts, a back-fill of the
 * days before intake ran, or a test's synthetic history (`putSectorDays`). The gate reads them
 * beside monitoring's; an imported day for a zone sector merges with monitoring's by incident id.
 */
export const importedSectorFacts: SectorFacts = {
  async listSectors(db) {
    const rows = await db
      .selectFrom('sector_day_fact')
      .select('sector')
      .distinct()
      .orderBy('sector')
      .execute();
    return rows.map((r) => r.sector);
  },
  async loadSectorDays(db, from, to) {
    const rows = await db
      .selectFrom('sector_day_fact')
      .selectAll()
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('sector')
      .orderBy('day')
      .execute();
    return rows.map((r) => ({
      sector: r.sector,
      date: dateText(r.day),
      monitored: r.monitored,
      incidents: r.incidents as SectorDay['incidents'],
    }));
  },
};

/**
 * The gate's facts: monitoring's per-sector daily facts over the zones' sectors (`zones.ts`:
 * violation rules over incidents, monitored = an observation or an active source that day),
 * with the imported sector facts added.
 */
export const combinedSectorFacts: SectorFacts = {
  async listSectors(db, lens) {
    const zones = await monitoringSectorFacts.listSectors(db, lens);
    const imported = await importedSectorFacts.listSectors(db);
    return [...new Set([...zones, ...imported])];
  },
  async loadSectorDays(db, from, to, lens) {
    const zones = (await monitoringSectorFacts.listSectors(db, lens)).length > 0;
    const fromMonitoring = zones ? await monitoringSectorFacts.loadSectorDays(db, from, to, lens) : [];
    return [...fromMonitoring, ...(await importedSectorFacts.loadSectorDays(db, from, to))];
  },
};

/** Imports sector-days (`importedSectorFacts`), replacing a day already imported. */
export async function putSectorDays(db: Db, days: readonly SectorDay[]): Promise<void> {
  for (const d of days) {
    const row = {
      sector: d.sector,
      day: d.date,
      monitored: d.monitored,
      incidents: JSON.stringify(d.incidents),
      ...COALITION,
    };
    await db
      .insertInto('sector_day_fact')
      .values(row)
      .onConflict((oc) => oc.columns(['sector', 'day']).doUpdateSet(row))
      .execute();
  }
}

// ---------------------------------------------------------------- demo seed

/** The demo's trigger rules: the four examples, plus a shorter quiet streak for `ceasefire_holding`. */
export const DEMO_RULES: readonly NewRuleVersion[] = [
  {
    id: 'quiet-14',
    title: 'At most 5 verified violations a day in every sector for 14 consecutive days',
    text: 'every sector: verified violations per day <= 5 for 14 consecutive days',
    active: true,
  },
  {
    id: 'heavy-7',
    title: 'No heavy weapon inside a withdrawal zone for 7 days',
    text: 'no verified heavy_weapon_sighting in withdrawal_zone for 7 days',
    active: true,
  },
  {
    id: 'fom-7',
    title: 'No freedom-of-movement restriction on monitors for 7 days',
    text: 'no fom_restriction for 7 days',
    active: true,
  },
  {
    id: 'coverage-80',
    title: 'Monitoring coverage above 80% of sector-days',
    text: 'coverage > 80% over 14 days',
    active: true,
  },
  {
    id: 'quiet-7',
    title: 'At most 5 verified violations a day in every sector for 7 consecutive days',
    text: 'every sector: verified violations per day <= 5 for 7 consecutive days',
    active: true,
  },
];

/** The demo's guard policy: a week of quiet to call the ceasefire holding, all four rules to deploy. */
export const DEMO_GUARDS: Readonly<Partial<Record<Phase, readonly string[]>>> = {
  ceasefire_holding: ['quiet-7'],
  force_deploying: ['quiet-14', 'heavy-7', 'fom-7', 'coverage-80'],
  sustainment: ['quiet-14', 'heavy-7', 'fom-7', 'coverage-80'],
};

/** The demo's response ladder (illustrative commitments), mildest first. */
export const DEMO_LADDER: readonly RungRow[] = [
  {
    id: 'joint-inspection',
    position: 1,
    title: 'Joint inspection within 24 h',
    respondWithinHours: 24,
    nations: ['USA', 'FRA', 'GBR'],
    rules: [],
    minSectors: 1,
  },
  {
    id: 'doubled-monitoring',
    position: 2,
    title: 'Doubled monitoring in the sector',
    respondWithinHours: 48,
    nations: ['USA', 'DEU', 'POL'],
    rules: ['coverage-80', 'fom-7'],
    minSectors: 1,
  },
  {
    id: 'convene-cell',
    position: 3,
    title: 'Convene the coordination cell',
    respondWithinHours: 48,
    nations: ['FRA', 'GBR'],
    rules: [],
    minSectors: 2,
  },
  {
    id: 'suspension',
    position: 4,
    title: 'Suspension of deployment',
    respondWithinHours: 72,
    nations: ['FRA', 'GBR', 'USA'],
    rules: ['quiet-14', 'quiet-7', 'heavy-7'],
    minSectors: 3,
  },
];

/**
 * Loads the demo's rules, guard policy, ladder and phases (hostilities, then `ceasefire_agreed`)
 * when no phase is recorded yet; runs as the owner, audited as `seed` at `at`. The phases
 * hold from `since` (the demo dates its ceasefire to the start of its monitoring history).
 * True when it wrote.
 */
export async function seedPhases(db: Kysely<Database>, at: Date, since: Date = at): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (await currentPhase(trx)) return false;
    const seed: Actor = { username: 'seed', nation: null };
    for (const rule of DEMO_RULES) {
      if ((await listRuleVersions(trx, rule.id)).length === 0) await addRuleVersion(trx, rule, seed, at);
    }
    for (const [phase, rules] of Object.entries(DEMO_GUARDS) as [Phase, readonly string[]][]) {
      await setGuards(trx, phase, rules, seed, at);
    }
    for (const rung of DEMO_LADDER) await upsertRung(trx, rung, seed, at);
    const day = since.toISOString().slice(0, 10);
    const decision = { decidedBy: 'seed', nation: 'FRA', evaluations: [], override: null };
    await insertPhase(
      trx,
      {
        ...decision,
        phase: 'hostilities',
        from: null,
        since: day,
        authority: 'initial state of the demo campaign (illustrative)',
      },
      seed,
      at,
    );
    await insertPhase(
      trx,
      {
        ...decision,
        phase: 'ceasefire_agreed',
        from: 'hostilities',
        since: day,
        authority: 'Coordination Cell, Paris: ceasefire agreement recorded (illustrative demo decision)',
      },
      seed,
      at,
    );
    return true;
  });
}
