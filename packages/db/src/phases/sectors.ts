/**
 * Sector status history, the days the gate was re-evaluated for, and the sectors' daily facts
 * the gate reads.
 */
import type { IsoDate, SectorDay, SectorStatus } from '@guarantor/core/phases';
import type { Labelled } from '../schema.ts';
import { type FactsLens, monitoringSectorFacts } from '../zones/index.ts';
import { COALITION, type Db, dateText, type Trx } from './common.ts';

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
 * The gate's facts: monitoring's per-sector daily facts over the zones' sectors (`zones/violations.ts`:
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
