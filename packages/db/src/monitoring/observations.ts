/**
 * Observations as a list of their own (the OGC API's `observations` collection): what each
 * source reported, in uid order, under the reader's row-level security. The raw report and who
 * submitted it stay out: they are for fusion and audit, not for readers.
 */

import type { Kysely, Transaction } from 'kysely';
import { labelText } from '../access.ts';
import { boxOverlaps, latOf, lngOf } from '../postgis.ts';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An observation as a map layer shows it. */
export interface ObservationListRecord {
  readonly uid: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly nation: string;
  readonly category: string;
  readonly count: number;
  readonly start: Date;
  readonly end: Date;
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly locationKind: string;
  readonly reportedAt: Date;
  readonly remarks: string | null;
  readonly releasability: string;
}

/** What to list: a [west, south, east, north] box, and a time window the report overlaps. */
export interface ObservationListFilter {
  readonly bbox?: readonly [number, number, number, number];
  readonly from?: Date;
  readonly to?: Date;
  /** Just this one. */
  readonly uid?: string;
}

/** At most `limit` observations the reader may see, after the uid `after`, in uid order. */
export async function listObservations(
  db: Db,
  filter: ObservationListFilter,
  page: { readonly limit: number; readonly after?: string },
): Promise<ObservationListRecord[]> {
  let query = db
    .selectFrom('observation as o')
    .select([
      'o.uid',
      'o.source_kind',
      'o.source_id',
      'o.source_nation',
      'o.category',
      'o.count',
      'o.start_at',
      'o.end_at',
      lngOf('o.geom').as('lng'),
      latOf('o.geom').as('lat'),
      'o.radius_m',
      'o.location_kind',
      'o.reported_at',
      'o.remarks',
      'o.rel_kind',
      'o.rel_nations',
    ])
    .orderBy('o.uid')
    .limit(page.limit);
  if (page.after !== undefined) query = query.where('o.uid', '>', page.after);
  if (filter.bbox) query = query.where(boxOverlaps('o.geom', filter.bbox));
  if (filter.from) query = query.where('o.end_at', '>=', filter.from);
  if (filter.to) query = query.where('o.start_at', '<=', filter.to);
  if (filter.uid !== undefined) query = query.where('o.uid', '=', filter.uid);
  const rows = await query.execute();
  return rows.map((r) => ({
    uid: r.uid,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    nation: r.source_nation,
    category: r.category,
    count: Number(r.count),
    start: r.start_at,
    end: r.end_at,
    position: [r.lng, r.lat],
    radiusM: r.radius_m,
    locationKind: r.location_kind,
    reportedAt: r.reported_at,
    remarks: r.remarks,
    releasability: labelText(r),
  }));
}

/** One observation the reader may see, or undefined (hidden and absent alike). */
export async function getObservation(db: Db, uid: string): Promise<ObservationListRecord | undefined> {
  return (await listObservations(db, { uid }, { limit: 1 }))[0];
}
