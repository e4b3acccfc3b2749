/**
 * Planning storage: requirements (CJSOR-like lines written by cell staff), the facts caveats are
 * checked against, the plan input a reader may see, and stored plans with their explicit
 * adoption. Every write appends its audit entry in the caller's transaction.
 */
import { meetLabels, parseReleasability, type Releasability } from '@guarantor/core/access';
import type { Offer } from '@guarantor/core/coalition';
import type { Plan, PlanInput, Requirement } from '@guarantor/core/planning';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { labelColumns, labelOf, labelText, nextRecordId } from './access.ts';
import { appendAudit } from './audit.ts';
import { listLeadRoles, listNations, listOffers, type OfferRecord } from './coalition.ts';
import { offerToCore, readinessHistories } from './offers.ts';
import { listOrders } from './phases.ts';
import type { Database, LeadClaimStatus, PlanInputSnapshot, PlanTable, RequirementTable } from './schema.ts';
import { contactDistancesKm } from './territory.ts';

type Trx = Transaction<Database>;

export type { LeadClaimStatus, PlanInputSnapshot } from './schema.ts';

/** Who makes a change, for the audit log. */
export interface PlanningActor {
  readonly username: string;
  readonly nation: string;
  readonly at: Date;
}

/** A requirement as stored: core's value plus its record fields. */
export interface RequirementRecord extends Requirement {
  readonly description: string;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly version: number;
  readonly releasability: string;
}

/** The fields of a requirement a writer gives (id is given on create only). */
export interface RequirementFields {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly capability: string;
  readonly role: Requirement['role'];
  readonly quantity: number;
  readonly priority: Requirement['priority'];
  readonly phase: Requirement['phase'];
  readonly maxDaysToDeploy: number;
  readonly preferredNations: readonly string[];
  readonly description: string;
}

const requirementOf = (r: Selectable<RequirementTable>): RequirementRecord => ({
  id: r.id,
  region: r.region_code,
  lineOfEffort: r.line_of_effort,
  capability: r.capability,
  role: r.role,
  quantity: r.quantity,
  priority: Number(r.priority) as Requirement['priority'],
  phase: r.phase,
  maxDaysToDeploy: r.max_days_to_deploy,
  ...(r.preferred_nations.length > 0 ? { preferredNations: r.preferred_nations } : {}),
  description: r.description,
  illustrative: r.illustrative,
  source: r.source,
  version: r.version,
  releasability: labelText(r),
});

const requirementRow = (f: RequirementFields) => ({
  region_code: f.region,
  line_of_effort: f.lineOfEffort,
  capability: f.capability,
  role: f.role,
  quantity: f.quantity,
  priority: f.priority,
  phase: f.phase,
  max_days_to_deploy: f.maxDaysToDeploy,
  preferred_nations: [...f.preferredNations],
  description: f.description,
});

/** Requirements the reader may see, by region, line of effort and id. */
export async function listRequirements(db: Trx): Promise<readonly RequirementRecord[]> {
  const rows = await db
    .selectFrom('requirement')
    .selectAll()
    .orderBy('region_code')
    .orderBy('line_of_effort')
    .orderBy('id')
    .execute();
  return rows.map((r) => requirementOf(r));
}

/** One requirement, or undefined when absent or not releasable to the reader. */
export async function getRequirement(db: Trx, id: string): Promise<RequirementRecord | undefined> {
  const row = await db.selectFrom('requirement').selectAll().where('id', '=', id).executeTakeFirst();
  return row && requirementOf(row);
}

/** Creates a requirement, audited. A duplicate id raises the database's unique violation. */
export async function insertRequirement(
  trx: Trx,
  id: string,
  fields: RequirementFields,
  label: Releasability,
  by: PlanningActor,
): Promise<RequirementRecord> {
  await trx
    .insertInto('requirement')
    .values({
      id,
      ...requirementRow(fields),
      illustrative: false,
      source: null,
      created_at: by.at,
      updated_at: by.at,
      ...labelColumns(label),
    })
    .execute();
  const created = (await getRequirement(trx, id))!;
  await auditRequirement(trx, 'requirement.create', id, null, created, by);
  return created;
}

/** The result of a versioned write. */
export type VersionedWrite<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'changed'; readonly current: T };

/** Replaces a requirement's fields if its version is still `expectedVersion`, audited. */
export async function updateRequirement(
  trx: Trx,
  id: string,
  expectedVersion: number,
  fields: RequirementFields,
  label: Releasability | undefined,
  by: PlanningActor,
): Promise<VersionedWrite<RequirementRecord>> {
  const before = await getRequirement(trx, id);
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.version !== expectedVersion) return { ok: false, reason: 'changed', current: before };
  await trx
    .updateTable('requirement')
    .set((eb) => ({
      ...requirementRow(fields),
      ...(label ? labelColumns(label) : {}),
      version: eb('version', '+', 1),
      updated_at: by.at,
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .execute();
  const after = (await getRequirement(trx, id))!;
  await auditRequirement(trx, 'requirement.update', id, before, after, by);
  return { ok: true, value: after };
}

/** Deletes a requirement if its version is still `expectedVersion`, audited. */
export async function deleteRequirement(
  trx: Trx,
  id: string,
  expectedVersion: number,
  by: PlanningActor,
): Promise<VersionedWrite<RequirementRecord>> {
  const before = await getRequirement(trx, id);
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.version !== expectedVersion) return { ok: false, reason: 'changed', current: before };
  await trx.deleteFrom('requirement').where('id', '=', id).where('version', '=', expectedVersion).execute();
  await auditRequirement(trx, 'requirement.delete', id, before, null, by);
  return { ok: true, value: before };
}

function auditRequirement(
  trx: Trx,
  action: string,
  id: string,
  before: RequirementRecord | null,
  after: RequirementRecord | null,
  by: PlanningActor,
) {
  const label = labelColumns(parseReleasability((after ?? before)!.releasability));
  return appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action,
    entity: 'requirement',
    entityId: id,
    before,
    after,
    label,
    at: by.at,
  });
}

/**
 * Region → distance from the line of contact in km, for `min_distance_from_contact` caveats:
 * measured by PostGIS from the line in force (`territory.ts`, the same figures deployment
 * orders are checked against), and from the stored table for regions with no outline (the
 * sea, the airspace) or while no line is stored.
 */
export async function contactDistances(
  db: Kysely<Database> | Trx,
  at: Date,
): Promise<Record<string, number>> {
  const rows = await db.selectFrom('region_contact_distance').selectAll().execute();
  const codes = (await db.selectFrom('region').select('code').execute()).map((r) => r.code);
  const measured = await contactDistancesKm(db, codes, at);
  return {
    ...Object.fromEntries(rows.map((r) => [r.region_code, Number(r.distance_km)])),
    ...Object.fromEntries([...measured.values()].map((d) => [d.regionCode, d.km])),
  };
}

/** Units of an offer committed by an issued deployment order: not available to a new plan. */
export interface Commitment {
  readonly orderId: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly region: string;
  readonly lineOfEffort: string;
  readonly label: Releasability;
}

/**
 * Issued orders on an offer the reader may see that the reader may not read themselves: only how
 * many and how many units (guarantor_committed_units, migration 0008). Their units are held back
 * all the same.
 */
export interface UnseenCommitment {
  readonly offerId: string;
  readonly orders: number;
  readonly units: number;
}

/** The plan input a reader may see, with the label each input record carries. */
export interface PlanningWorld {
  /** Every offer at its full quantity; a plan run holds back `commitments` first. */
  readonly snapshot: PlanInputSnapshot;
  /** Issued deployment orders the reader may see, oldest first. */
  readonly commitments: readonly Commitment[];
  /** Per offer the reader may see, the issued orders on it that they may not. */
  readonly unseenCommitments: readonly UnseenCommitment[];
  readonly offers: readonly OfferRecord[];
  readonly requirements: readonly RequirementRecord[];
  /** Each input record's label, by `offer:<id>`, `requirement:<id>`, `lead_role:<id>`. */
  readonly labels: ReadonlyMap<string, Releasability>;
}

/**
 * Reads everything a plan or the lead matrix is built from, as the reader sees it: row-level
 * security has already dropped what is not releasable to them. Participation is the coalition's
 * nation list; mandates come from the offers' own caveats.
 */
export async function readPlanningWorld(trx: Trx, atMs: number): Promise<PlanningWorld> {
  const offers = await listOffers(trx);
  const histories = await readinessHistories(trx);
  const requirements = await listRequirements(trx);
  const leads = await listLeadRoles(trx);
  const nations = await listNations(trx);
  const issued = await listOrders(trx, { state: 'issued' });
  const unseenCommitments = await unseenCommitmentsOf(trx, issued);
  const labels = new Map<string, Releasability>();
  for (const o of offers) labels.set(`offer:${o.id}`, parseReleasability(o.releasability));
  for (const r of requirements) labels.set(`requirement:${r.id}`, parseReleasability(r.releasability));
  for (const l of leads) labels.set(`lead_role:${l.id}`, parseReleasability(l.releasability));
  return {
    offers,
    requirements,
    labels,
    unseenCommitments,
    commitments: issued
      .map((o) => ({
        orderId: o.id,
        offerId: o.offerId,
        quantity: o.quantity,
        region: o.regionCode,
        lineOfEffort: o.lineOfEffort,
        label: labelOf(o.label),
      }))
      .reverse(),
    snapshot: {
      atMs,
      offers: offers.map((o) => offerToCore(o, histories.get(o.id) ?? [])),
      requirements: requirements.map(
        ({ description: _d, illustrative: _i, source: _s, version: _v, releasability: _r, ...req }) => req,
      ),
      leadClaims: leads.map((l) => ({
        nation: l.leadNation,
        region: l.regionCode,
        lineOfEffort: l.lineOfEffort,
      })),
      facts: {
        distanceToContactKm: await contactDistances(trx, new Date(atMs)),
        participatingNations: nations.map((n) => n.iso3).sort(),
        mandates: {},
      },
    },
  };
}

/**
 * Every issued order's units, counted as the function's owner (migration 0008), less the orders
 * the reader can read: what remains per offer is committed by orders hidden from the reader.
 */
async function unseenCommitmentsOf(
  trx: Trx,
  seen: readonly { readonly offerId: string; readonly quantity: number }[],
): Promise<UnseenCommitment[]> {
  const all = await sql<{ offer_id: string; orders: string; units: string }>`
    select offer_id, orders, units from guarantor_committed_units() order by offer_id`.execute(trx);
  const readable = new Map<string, { orders: number; units: number }>();
  for (const o of seen) {
    const entry = readable.get(o.offerId) ?? { orders: 0, units: 0 };
    entry.orders++;
    entry.units += o.quantity;
    readable.set(o.offerId, entry);
  }
  const unseen: UnseenCommitment[] = [];
  for (const row of all.rows) {
    const mine = readable.get(row.offer_id);
    const orders = Number(row.orders) - (mine?.orders ?? 0);
    const units = Number(row.units) - (mine?.units ?? 0);
    if (orders > 0) unseen.push({ offerId: row.offer_id, orders, units });
  }
  return unseen;
}

/** What {@link holdBackCommitted} took out of a snapshot, offer by offer. */
export interface HeldBack {
  readonly offerId: string;
  readonly offered: number;
  readonly heldBack: number;
  readonly orders: readonly Commitment[];
  /** Issued orders on this offer that the reader may not read: only their count and units. */
  readonly unseen?: { readonly orders: number; readonly units: number };
}

/**
 * Takes the units committed by issued deployment orders out of their offers before a plan is
 * computed: an offer keeps `quantity − committed` units, and an offer with none left is left
 * out; and credits those units to the requirements the orders serve (see creditServed).
 * Returns the reduced snapshot, what was held back, and one note per offer naming the
 * orders. `named(order)` says whether the plan's audience may read an order's id; an order it
 * may not read still holds its units back, unnamed. `unseen` are the orders the reader who runs
 * the plan may not read at all: they hold their units back too, counted but never described.
 */
export function holdBackCommitted(
  snapshot: PlanInputSnapshot,
  commitments: readonly Commitment[],
  named: (c: Commitment) => boolean = () => true,
  unseen: readonly UnseenCommitment[] = [],
): {
  readonly snapshot: PlanInputSnapshot;
  readonly heldBack: readonly HeldBack[];
  readonly notes: string[];
} {
  const byOffer = new Map<string, Commitment[]>();
  for (const c of commitments) byOffer.set(c.offerId, [...(byOffer.get(c.offerId) ?? []), c]);
  const heldBack: HeldBack[] = [];
  const notes: string[] = [];
  const offers: Offer[] = [];
  const unseenBy = new Map(unseen.map((u) => [u.offerId, u]));
  for (const o of snapshot.offers) {
    const orders = byOffer.get(o.id) ?? [];
    const hiddenFromReader = unseenBy.get(o.id);
    if (orders.length === 0 && !hiddenFromReader) {
      offers.push(o);
      continue;
    }
    const committed = orders.reduce((sum, c) => sum + c.quantity, 0) + (hiddenFromReader?.units ?? 0);
    const held = Math.min(committed, o.quantity);
    const left = o.quantity - held;
    heldBack.push({
      offerId: o.id,
      offered: o.quantity,
      heldBack: held,
      orders,
      ...(hiddenFromReader && { unseen: { orders: hiddenFromReader.orders, units: hiddenFromReader.units } }),
    });
    const shown = orders.filter(named);
    const hidden = orders.filter((c) => !named(c));
    const by = [
      ...(shown.length > 0
        ? [
            `issued ${plural(shown.length, 'order')} ${shown
              .map((c) => `${c.orderId} (${c.quantity} to ${c.region} / ${c.lineOfEffort})`)
              .join(', ')}`,
          ]
        : []),
      ...(hidden.length > 0
        ? [
            `${hidden.length} issued ${plural(hidden.length, 'order')} not releasable to the plan's audience (${hidden.reduce((sum, c) => sum + c.quantity, 0)})`,
          ]
        : []),
      ...(hiddenFromReader
        ? [
            `${hiddenFromReader.orders} issued ${plural(hiddenFromReader.orders, 'order')} you may not read (${hiddenFromReader.units})`,
          ]
        : []),
    ].join(' and ');
    const rest =
      left > 0
        ? `${left} left to plan`
        : committed > o.quantity
          ? `none left to plan (the orders commit ${committed}, more than the offer holds), so the offer is left out`
          : 'none left to plan, so the offer is left out';
    notes.push(
      `${o.id}: ${held} of ${o.quantity} ${plural(o.quantity, 'unit')} held back, committed by ${by}; ${rest}`,
    );
    if (left > 0) offers.push({ ...o, quantity: left });
  }
  const served = creditServed(snapshot, commitments, named);
  notes.push(...served.notes);
  return { snapshot: { ...snapshot, offers, requirements: served.requirements }, heldBack, notes };
}

/**
 * Credits the units of readable issued orders to the requirements they serve: those in the
 * order's cell (region, line of effort) asking for the offer's capability, most important first
 * (then by id), so that a plan does not report as a gap what an order already fills. A requirement
 * left with nothing to fill is left out of the plan. Only orders the plan's audience may read
 * are credited: crediting another would tell the audience where that order sends its units.
 * Their requirements stay open, as do those of orders hidden from the reader.
 */
function creditServed(
  snapshot: PlanInputSnapshot,
  commitments: readonly Commitment[],
  named: (c: Commitment) => boolean,
): { requirements: Requirement[]; notes: string[] } {
  const capabilityOf = new Map(snapshot.offers.map((o) => [o.id, o.capability]));
  const still = new Map(snapshot.requirements.map((r) => [r.id, r.quantity]));
  const by = new Map<string, { orders: string[]; units: number }>();
  const ordered = [...snapshot.requirements].sort(
    (a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const c of commitments) {
    if (!named(c)) continue;
    let units = c.quantity;
    for (const r of ordered) {
      if (units === 0) break;
      const open = still.get(r.id)!;
      if (open === 0 || r.region !== c.region || r.lineOfEffort !== c.lineOfEffort) continue;
      if (r.capability !== capabilityOf.get(c.offerId)) continue;
      const credit = Math.min(open, units);
      units -= credit;
      still.set(r.id, open - credit);
      const entry = by.get(r.id) ?? { orders: [], units: 0 };
      entry.orders.push(c.orderId);
      entry.units += credit;
      by.set(r.id, entry);
    }
  }
  const notes: string[] = [];
  for (const r of snapshot.requirements) {
    const entry = by.get(r.id);
    if (!entry) continue;
    const orders = `issued ${plural(entry.orders.length, 'order')} ${entry.orders.join(', ')}`;
    const left = still.get(r.id)!;
    notes.push(
      left > 0
        ? `${r.id}: ${entry.units} of ${r.quantity} ${plural(r.quantity, 'unit')} already served by ${orders}; ${left} left to plan`
        : `${r.id}: already served in full (${r.quantity} ${plural(r.quantity, 'unit')}) by ${orders}, so the requirement is left out`,
    );
  }
  const requirements = snapshot.requirements
    .filter((r) => still.get(r.id)! > 0)
    .map((r) => (still.get(r.id) === r.quantity ? r : { ...r, quantity: still.get(r.id)! }));
  return { requirements, notes };
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

/** Core's plan input from a stored snapshot. */
export function planInputOf(s: PlanInputSnapshot): PlanInput {
  return {
    atMs: s.atMs,
    offers: s.offers,
    requirements: s.requirements,
    leadClaims: s.leadClaims,
    facts: { ...s.facts, participatingNations: new Set(s.facts.participatingNations) },
  };
}

/** The label admitting exactly the readers every given label admits (COALITION when none is given). */
export function meetAll(labels: Iterable<Releasability>): Releasability {
  let result: Releasability = { kind: 'COALITION' };
  for (const l of labels) result = meetLabels(result, l);
  return result;
}

/** A stored plan without its (large) input and result. */
export interface PlanSummary {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly status: PlanTable['status'];
  readonly method: PlanTable['method'];
  readonly coverage: number;
  readonly objective: number;
  readonly basedOn: string | null;
  readonly createdBy: string;
  readonly createdNation: string;
  readonly createdAt: Date;
  readonly adoptedBy: string | null;
  readonly adoptedAt: Date | null;
  readonly supersededAt: Date | null;
  readonly releasability: string;
}

/** A stored plan with its input snapshot, options and result. */
export interface PlanRecord extends PlanSummary {
  readonly options: unknown;
  readonly input: PlanInputSnapshot;
  readonly result: Plan;
}

const SUMMARY_COLUMNS = [
  'id',
  'number',
  'title',
  'status',
  'method',
  'coverage',
  'objective',
  'based_on',
  'created_by',
  'created_nation',
  'created_at',
  'adopted_by',
  'adopted_at',
  'superseded_at',
  'rel_kind',
  'rel_nations',
] as const;

type SummaryRow = Pick<Selectable<PlanTable>, (typeof SUMMARY_COLUMNS)[number]>;

const summaryOf = (r: SummaryRow): PlanSummary => ({
  id: r.id,
  // What readers see is the number in the id (per nation), not the global one.
  number: Number(/-(\d+)$/.exec(r.id)?.[1] ?? r.number),
  title: r.title,
  status: r.status,
  method: r.method,
  coverage: r.coverage,
  objective: r.objective,
  basedOn: r.based_on,
  createdBy: r.created_by,
  createdNation: r.created_nation,
  createdAt: r.created_at,
  adoptedBy: r.adopted_by,
  adoptedAt: r.adopted_at,
  supersededAt: r.superseded_at,
  releasability: labelText(r),
});

/** What a new plan record holds. */
export interface NewPlan {
  readonly title: string;
  readonly method: PlanTable['method'];
  readonly options: unknown;
  readonly input: PlanInputSnapshot;
  readonly result: Plan;
  readonly basedOn: string | null;
  readonly label: Releasability;
}

/** Stores a computed plan under its nation's next number (`PLAN-FRA-7`), audited. It is not adopted. */
export async function insertPlan(trx: Trx, plan: NewPlan, by: PlanningActor): Promise<PlanSummary> {
  // The id is numbered per creating nation (PLAN-FRA-3), so it tells nobody how many plans
  // exist that they cannot read; `number` stays the global order of creation, kept internal.
  const { n } = await trx
    .selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('plan_number_seq')]).as('n'))
    .executeTakeFirstOrThrow();
  const number = Number(n);
  const id = await nextRecordId(trx, 'plan', by.nation);
  const row = await trx
    .insertInto('plan')
    .values({
      id,
      number,
      title: plan.title,
      status: plan.result.status,
      method: plan.method,
      coverage: plan.result.metrics.coverage,
      objective: plan.result.metrics.secondaryObjective,
      options: JSON.stringify(plan.options),
      input: JSON.stringify(plan.input),
      result: JSON.stringify(plan.result),
      based_on: plan.basedOn,
      created_by: by.username,
      created_nation: by.nation,
      created_at: by.at,
      adopted_by: null,
      adopted_at: null,
      superseded_at: null,
      ...labelColumns(plan.label),
    })
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  const summary = summaryOf(row);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'plan.create',
    entity: 'plan',
    entityId: id,
    before: null,
    after: { ...summary, shortfalls: plan.result.shortfalls.length, notes: plan.result.notes },
    label: labelColumns(plan.label),
    at: by.at,
  });
  return summary;
}

/** Plans the reader may see, newest first. */
export async function listPlans(trx: Trx): Promise<readonly PlanSummary[]> {
  const rows = await trx.selectFrom('plan').select(SUMMARY_COLUMNS).orderBy('number', 'desc').execute();
  return rows.map(summaryOf);
}

/** One plan with its input and result, or undefined when absent or not releasable. */
export async function getPlan(trx: Trx, id: string): Promise<PlanRecord | undefined> {
  const row = await trx.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    ...summaryOf(row),
    options: row.options,
    input: row.input,
    result: row.result,
  };
}

/** The adopted plan in force that the reader may see (the latest adopted, not superseded). */
export async function adoptedPlan(trx: Trx): Promise<PlanRecord | undefined> {
  const row = await trx
    .selectFrom('plan')
    .select('id')
    .where('adopted_at', 'is not', null)
    .where('superseded_at', 'is', null)
    .orderBy('adopted_at', 'desc')
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return row ? getPlan(trx, row.id) : undefined;
}

/** Why a plan could not be adopted, or the adopted plan and the one it superseded. */
export type Adoption =
  | { readonly ok: true; readonly plan: PlanSummary; readonly superseded: readonly string[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'already_adopted' | 'superseded' };

/**
 * Adopts a plan: the explicit step that puts it in force. Plans adopted before it, that the
 * adopter can see, are marked superseded in the same transaction. Audited.
 */
export async function adoptPlan(trx: Trx, id: string, by: PlanningActor): Promise<Adoption> {
  const before = await trx.selectFrom('plan').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.superseded_at) return { ok: false, reason: 'superseded' };
  if (before.adopted_at) return { ok: false, reason: 'already_adopted' };
  const superseded = await trx
    .updateTable('plan')
    .set({ superseded_at: by.at })
    .where('adopted_at', 'is not', null)
    .where('superseded_at', 'is', null)
    .returning(['id', 'rel_kind', 'rel_nations'])
    .execute();
  const row = await trx
    .updateTable('plan')
    .set({ adopted_at: by.at, adopted_by: by.username })
    .where('id', '=', id)
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  const after = summaryOf(row);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'plan.adopt',
    entity: 'plan',
    entityId: id,
    before: summaryOf(before),
    after: { ...after, superseded: superseded.map((s) => s.id) },
    label: labelColumns(labelOf(row)),
    at: by.at,
  });
  for (const s of superseded)
    await appendAudit(trx, {
      actor: by.username,
      nation: by.nation,
      action: 'plan.supersede',
      entity: 'plan',
      entityId: s.id,
      before: null,
      after: { supersededBy: id },
      label: { rel_kind: s.rel_kind, rel_nations: s.rel_nations },
      at: by.at,
    });
  return { ok: true, plan: after, superseded: superseded.map((s) => s.id) };
}

/** A lead claim as stored (one `lead_role` row: one nation's claim to lead one cell). */
export interface LeadClaimRecord {
  readonly id: string;
  readonly region: string;
  readonly lineOfEffort: string;
  readonly nation: string;
  readonly note: string | null;
  /** Only `active` claims count; `declined` and `withdrawn` ones are kept for the record. */
  readonly status: LeadClaimStatus;
  /** Who last set the status (resolver, withdrawing or re-asserting liaison), when and why. */
  readonly statusBy: string | null;
  readonly statusAt: Date | null;
  readonly statusNote: string | null;
  readonly releasability: string;
}

const claimOf = (r: Selectable<Database['lead_role']>): LeadClaimRecord => ({
  id: r.id,
  region: r.region_code,
  lineOfEffort: r.line_of_effort,
  nation: r.lead_nation,
  note: r.note,
  status: r.status,
  statusBy: r.status_by,
  statusAt: r.status_at,
  statusNote: r.status_note,
  releasability: labelText(r),
});

function auditClaim(
  trx: Trx,
  action: string,
  claim: LeadClaimRecord,
  before: LeadClaimRecord | null,
  after: unknown,
  by: PlanningActor,
) {
  return appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action,
    entity: 'lead_role',
    entityId: claim.id,
    before,
    after,
    label: labelColumns(parseReleasability(claim.releasability)),
    at: by.at,
  });
}

/** One lead claim, whatever its status, or undefined when absent or not releasable to the reader. */
export async function getLeadClaim(trx: Trx, id: string): Promise<LeadClaimRecord | undefined> {
  const row = await trx.selectFrom('lead_role').selectAll().where('id', '=', id).executeTakeFirst();
  return row && claimOf(row);
}

/** Lead claims the reader may see, whatever their status, by cell and nation; optionally filtered. */
export async function listLeadClaims(
  trx: Trx,
  filter: {
    readonly region?: string;
    readonly lineOfEffort?: string;
    readonly nation?: string;
    readonly status?: LeadClaimStatus;
  } = {},
): Promise<readonly LeadClaimRecord[]> {
  let select = trx.selectFrom('lead_role').selectAll();
  if (filter.region) select = select.where('region_code', '=', filter.region);
  if (filter.lineOfEffort) select = select.where('line_of_effort', '=', filter.lineOfEffort);
  if (filter.nation) select = select.where('lead_nation', '=', filter.nation);
  if (filter.status) select = select.where('status', '=', filter.status);
  const rows = await select.orderBy('region_code').orderBy('line_of_effort').orderBy('lead_nation').execute();
  return rows.map(claimOf);
}

/** The claims on one cell that the reader may see, whatever their status, by nation. */
export function cellClaims(
  trx: Trx,
  region: string,
  lineOfEffort: string,
): Promise<readonly LeadClaimRecord[]> {
  return listLeadClaims(trx, { region, lineOfEffort });
}

/**
 * Records `by.nation`'s claim to lead a cell (id `<region>:<line of effort>:<nation>`), audited.
 * A second claim by the same nation on the same cell, whatever the first one's status, raises
 * the database's unique violation: a kept claim is re-asserted, not claimed again.
 */
export async function insertLeadClaim(
  trx: Trx,
  claim: { readonly region: string; readonly lineOfEffort: string; readonly note: string | null },
  label: Releasability,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  const id = `${claim.region}:${claim.lineOfEffort}:${by.nation}`;
  await trx
    .insertInto('lead_role')
    .values({
      id,
      region_code: claim.region,
      line_of_effort: claim.lineOfEffort,
      lead_nation: by.nation,
      contributors: [],
      note: claim.note,
      illustrative: false,
      source: null,
      ...labelColumns(label),
    })
    .execute();
  const created = (await getLeadClaim(trx, id))!;
  await auditClaim(trx, 'lead_claim.create', created, null, created, by);
  return created;
}

/** Sets a claim's status with who, when and why; returns the claim as it now reads. */
async function setClaimStatus(
  trx: Trx,
  claim: LeadClaimRecord,
  status: LeadClaimStatus,
  note: string | null,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  await trx
    .updateTable('lead_role')
    .set({ status, status_by: by.username, status_at: by.at, status_note: note })
    .where('id', '=', claim.id)
    .execute();
  return (await getLeadClaim(trx, claim.id))!;
}

/**
 * A liaison's change to their own claim, audited: `withdrawn` keeps it but it no longer counts;
 * `active` re-asserts a declined or withdrawn claim, so a conflict it had lost is open again.
 * The caller has checked that it is the actor's own nation's, and that the status changes.
 */
export async function changeLeadClaimStatus(
  trx: Trx,
  claim: LeadClaimRecord,
  status: 'withdrawn' | 'active',
  note: string | null,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  const after = await setClaimStatus(trx, claim, status, note, by);
  const action = status === 'withdrawn' ? 'lead_claim.withdraw' : 'lead_claim.reassert';
  await auditClaim(trx, action, after, claim, after, by);
  return after;
}

/**
 * Resolves a conflict on a cell: the chosen claim stays, with the decision written into its
 * note, and every other active claim the resolver can see is kept as `declined`, with the
 * resolver, the time and a note naming the chosen nation and the reason. All in the caller's
 * transaction, each change audited with the decision.
 */
export async function resolveLeadConflict(
  trx: Trx,
  chosen: LeadClaimRecord,
  others: readonly LeadClaimRecord[],
  reason: string,
  by: PlanningActor,
): Promise<{ readonly chosen: LeadClaimRecord; readonly declined: readonly LeadClaimRecord[] }> {
  const decision = `chosen by ${by.username} (${by.nation}) on ${by.at.toISOString().slice(0, 10)} over ${others
    .map((o) => o.nation)
    .join(', ')}: ${reason}`;
  await trx.updateTable('lead_role').set({ note: decision }).where('id', '=', chosen.id).execute();
  const after = (await getLeadClaim(trx, chosen.id))!;
  await auditClaim(
    trx,
    'lead_claim.resolve',
    after,
    chosen,
    { ...after, declined: others.map((o) => o.id) },
    by,
  );
  const declined: LeadClaimRecord[] = [];
  for (const o of others) {
    const d = await setClaimStatus(trx, o, 'declined', `${chosen.nation} chosen to lead: ${reason}`, by);
    await auditClaim(trx, 'lead_claim.decline', d, o, { ...d, chosen: chosen.id }, by);
    declined.push(d);
  }
  return { chosen: after, declined };
}
