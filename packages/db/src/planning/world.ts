/**
 * What a plan is computed from as the reader sees it: the planning world, the contact distances
 * caveats are checked against, and the units issued deployment orders already commit.
 */
import { meetLabels, parseReleasability, type Releasability } from '@guarantor/core/access';
import type { Offer } from '@guarantor/core/coalition';
import type { PlanInput, Requirement } from '@guarantor/core/planning';
import type { Kysely } from 'kysely';
import { labelOf } from '../access.ts';
import { listLeadRoles, listNations, listOffers, type OfferRecord } from '../coalition.ts';
import { offerToCore, readinessHistories } from '../offers.ts';
import { listOrders } from '../phases/index.ts';
import type { Database, PlanInputSnapshot } from '../schema.ts';
import { contactDistancesKm } from '../territory.ts';
import type { Trx } from './common.ts';
import { listRequirements, type RequirementRecord } from './requirements.ts';

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

/** A row of `guarantor_committed_units()` (migration 0008): bigint counts. */
interface CommittedUnitsRow {
  offer_id: string;
  orders: number | string;
  units: number | string;
}

/**
 * Every issued order's units, counted as the function's owner (migration 0008), less the orders
 * the reader can read: what remains per offer is committed by orders hidden from the reader.
 */
async function unseenCommitmentsOf(
  trx: Trx,
  seen: readonly { readonly offerId: string; readonly quantity: number }[],
): Promise<UnseenCommitment[]> {
  const all = await trx
    .selectFrom((eb) => eb.fn<CommittedUnitsRow>('guarantor_committed_units', []).as('c'))
    .select(['c.offer_id', 'c.orders', 'c.units'])
    .orderBy('c.offer_id')
    .execute();
  const readable = new Map<string, { orders: number; units: number }>();
  for (const o of seen) {
    const entry = readable.get(o.offerId) ?? { orders: 0, units: 0 };
    entry.orders++;
    entry.units += o.quantity;
    readable.set(o.offerId, entry);
  }
  const unseen: UnseenCommitment[] = [];
  for (const row of all) {
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
