/**
 * Writes to offers beyond creation: edits with optimistic concurrency, readiness changes with
 * their history, lifecycle moves and releases. Each write runs in the caller's `asReader`
 * transaction and appends its audit entry there, so the change and its record commit together.
 */
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import type { Caveat, Offer, ReadinessChange, ReadinessStage } from '@guarantor/core/coalition';
import type { Transaction } from 'kysely';
import { labelColumns } from './access.ts';
import { appendAudit } from './audit.ts';
import { getOffer, nextOfferId, type OfferRecord } from './coalition.ts';
import type { Database } from './schema.ts';

type Trx = Transaction<Database>;

/** Who makes a change, for the audit log. */
export interface OfferActor {
  readonly username: string;
  readonly nation: string;
  readonly at: Date;
}

/** The result of a versioned write: the new record, or why nothing was written. */
export type OfferWrite =
  | { readonly ok: true; readonly offer: OfferRecord }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'changed'; readonly current: OfferRecord };

/** The fields of an offer a liaison may edit. */
export interface OfferPatch {
  readonly quantity?: number;
  readonly daysToDeploy?: number;
  readonly durationDays?: number;
  readonly caveats?: readonly Caveat[];
  readonly description?: string;
}

/** One entry of an offer's readiness history as stored. */
export interface ReadinessRecord extends ReadinessChange {
  readonly actor: string | null;
}

/** One release of an offer: its label before and after. */
export interface ReleaseRecord {
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly atMs: number;
  readonly actor: string | null;
}

/**
 * Updates `id` only if its version is still `expectedVersion`, bumps the version and audits
 * with `action`. An invisible offer answers `not_found`, like an absent one.
 */
async function versionedUpdate(
  trx: Trx,
  id: string,
  expectedVersion: number,
  set: Partial<{
    quantity: number;
    days_to_deploy: number;
    duration_days: number;
    caveats: string;
    description: string;
    readiness: OfferRecord['readiness'];
    lifecycle: OfferRecord['lifecycle'];
    rel_kind: ReturnType<typeof labelColumns>['rel_kind'];
    rel_nations: string[];
  }>,
  action: string,
  by: OfferActor,
): Promise<OfferWrite> {
  const before = await getOffer(trx, id);
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.version !== expectedVersion) return { ok: false, reason: 'changed', current: before };
  const updated = await trx
    .updateTable('offer')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: by.at }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const current = await getOffer(trx, id);
    return current ? { ok: false, reason: 'changed', current } : { ok: false, reason: 'not_found' };
  }
  const after = (await getOffer(trx, id))!;
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action,
    entity: 'offer',
    entityId: id,
    before,
    after,
    label: labelColumns(labelOfText(after)),
    at: by.at,
  });
  return { ok: true, offer: after };
}

// The record carries its label as text; the audit entry needs the columns.
const labelOfText = (o: OfferRecord): Releasability => parseReleasability(o.releasability);

/** Edits quantity, timing, caveats or description, if nobody changed the offer since `expectedVersion`. */
export async function updateOffer(
  trx: Trx,
  id: string,
  expectedVersion: number,
  patch: OfferPatch,
  by: OfferActor,
): Promise<OfferWrite> {
  return versionedUpdate(
    trx,
    id,
    expectedVersion,
    {
      ...(patch.quantity !== undefined ? { quantity: patch.quantity } : {}),
      ...(patch.daysToDeploy !== undefined ? { days_to_deploy: patch.daysToDeploy } : {}),
      ...(patch.durationDays !== undefined ? { duration_days: patch.durationDays } : {}),
      ...(patch.caveats !== undefined ? { caveats: JSON.stringify(patch.caveats) } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
    },
    'offer.update',
    by,
  );
}

/** Stores a readiness change (already allowed by core's `changeReadiness`) and its history entry. */
export async function recordReadiness(
  trx: Trx,
  id: string,
  expectedVersion: number,
  change: { readonly from: ReadinessStage; readonly to: ReadinessStage; readonly note?: string },
  by: OfferActor,
): Promise<OfferWrite> {
  const result = await versionedUpdate(
    trx,
    id,
    expectedVersion,
    { readiness: change.to },
    'offer.readiness',
    by,
  );
  if (result.ok)
    await trx
      .insertInto('offer_readiness')
      .values({
        offer_id: id,
        from_stage: change.from,
        to_stage: change.to,
        at: by.at,
        actor: by.username,
        note: change.note ?? null,
      })
      .execute();
  return result;
}

/** Stores a lifecycle move (already allowed by core's `transitionLifecycle`). */
export async function recordLifecycle(
  trx: Trx,
  id: string,
  expectedVersion: number,
  to: OfferRecord['lifecycle'],
  by: OfferActor,
): Promise<OfferWrite> {
  return versionedUpdate(trx, id, expectedVersion, { lifecycle: to }, 'offer.lifecycle', by);
}

/** Relabels an offer (its nation releases it) and records the release. */
export async function releaseOffer(
  trx: Trx,
  id: string,
  expectedVersion: number,
  label: Releasability,
  by: OfferActor,
): Promise<OfferWrite> {
  const before = await getOffer(trx, id);
  const result = await versionedUpdate(trx, id, expectedVersion, labelColumns(label), 'offer.release', by);
  if (result.ok && before)
    await trx
      .insertInto('offer_release')
      .values({
        offer_id: id,
        from_label: before.releasability,
        to_label: result.offer.releasability,
        at: by.at,
        actor: by.username,
      })
      .execute();
  return result;
}

/** The readiness history of the offers the reader may see, oldest first, by offer id. */
export async function readinessHistories(
  trx: Trx,
  offerIds?: readonly string[],
): Promise<ReadonlyMap<string, readonly ReadinessRecord[]>> {
  if (offerIds?.length === 0) return new Map();
  let select = trx.selectFrom('offer_readiness').selectAll();
  if (offerIds) select = select.where('offer_id', 'in', offerIds);
  const rows = await select.orderBy('offer_id').orderBy('id').execute();
  const byOffer = new Map<string, ReadinessRecord[]>();
  for (const r of rows) {
    const list = byOffer.get(r.offer_id) ?? [];
    list.push({
      from: r.from_stage,
      to: r.to_stage,
      atMs: r.at.getTime(),
      ...(r.note ? { note: r.note } : {}),
      actor: r.actor,
    });
    byOffer.set(r.offer_id, list);
  }
  return byOffer;
}

/** The releases of one offer, oldest first. */
export async function listReleases(trx: Trx, offerId: string): Promise<readonly ReleaseRecord[]> {
  const rows = await trx
    .selectFrom('offer_release')
    .selectAll()
    .where('offer_id', '=', offerId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    fromLabel: r.from_label,
    toLabel: r.to_label,
    atMs: r.at.getTime(),
    actor: r.actor,
  }));
}

/** A stored offer as core's domain value, with its readiness history. */
export function offerToCore(o: OfferRecord, history: readonly ReadinessChange[] = []): Offer {
  return {
    id: o.id,
    nation: o.nation,
    capability: o.capability,
    quantity: o.quantity,
    daysToDeploy: o.daysToDeploy,
    durationDays: o.durationDays ?? 1,
    readiness: o.readiness,
    readinessHistory: history.map(({ from, to, atMs, note }) => ({
      from,
      to,
      atMs,
      ...(note ? { note } : {}),
    })),
    lifecycle: o.lifecycle,
    caveats: o.caveats as Caveat[],
  };
}

/** An offer as a liaison proposes it; the store gives its id and `proposed` lifecycle. */
export interface NewOffer {
  readonly nation: string;
  readonly capability: string;
  readonly quantity: number;
  readonly unit: string;
  readonly daysToDeploy: number;
  readonly durationDays: number | null;
  readonly readiness: ReadinessStage;
  readonly caveats: readonly Caveat[];
  readonly description: string;
}

/** Records a proposed offer (its id the nation's next) with its audit entry; returns it as stored. */
export async function insertOffer(
  trx: Transaction<Database>,
  offer: NewOffer,
  label: Releasability,
  actor: { readonly username: string; readonly nation: string | null; readonly at: Date },
): Promise<OfferRecord> {
  const id = await nextOfferId(trx, offer.nation);
  await trx
    .insertInto('offer')
    .values({
      id,
      nation: offer.nation,
      capability: offer.capability,
      quantity: offer.quantity,
      unit: offer.unit,
      days_to_deploy: offer.daysToDeploy,
      duration_days: offer.durationDays,
      readiness: offer.readiness,
      lifecycle: 'proposed',
      caveats: JSON.stringify(offer.caveats),
      description: offer.description,
      mission_id: null,
      illustrative: false,
      source: null,
      ...labelColumns(label),
    })
    .execute();
  const created = (await getOffer(trx, id))!;
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'offer.create',
    entity: 'offer',
    entityId: id,
    before: null,
    after: created,
    label: labelColumns(label),
    at: actor.at,
  });
  return created;
}

/** Offers not withdrawn, with their caveats, by id (the gate reads their national mandates). */
export async function listOfferCaveats(
  db: Transaction<Database>,
): Promise<readonly { readonly id: string; readonly nation: string; readonly caveats: readonly Caveat[] }[]> {
  const rows = await db
    .selectFrom('offer')
    .select(['id', 'nation', 'caveats'])
    .where('lifecycle', '<>', 'withdrawn')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, nation: r.nation, caveats: r.caveats as unknown as Caveat[] }));
}
