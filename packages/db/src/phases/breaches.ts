/** The response ladder, breaches, and what the cell decided about each. */
import type { IsoDate } from '@guarantor/core/phases';
import { labelText } from '../access.ts';
import type { Labelled } from '../schema.ts';
import { type Actor, audit, COALITION, type Db, dateText, type Trx } from './common.ts';

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
  /** The sector's conditions as evaluated (core ConditionResult[]), to say the explanation in another language; null on breaches recorded before migration 0039. */
  readonly conditions: readonly unknown[] | null;
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
      conditions: b.conditions === null ? null : JSON.stringify(b.conditions),
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
    conditions: r.conditions,
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
