/**
 * Where a region lies against the line of contact, for the `min_distance_from_contact` caveat.
 *
 * The distance is measured by PostGIS on the spheroid between the region's polygon and the
 * line-of-contact zones (`ST_Distance(region.geom::geography, loc.geom::geography)`): the
 * distance from the region's NEAREST point, not from its centroid. A caveat says how close a
 * nation's troops may come to the line, and an order deploys them anywhere in the region, so
 * only the nearest point guarantees the caveat; a region the line crosses or touches is 0 km.
 * With several lines in force (one per front section) the nearest counts. The illustrative
 * `region_contact_distance` table is the fallback when no line of contact is stored.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A region's distance from the line of contact, and where the figure came from. */
export interface ContactDistance {
  readonly regionCode: string;
  /** Kilometres from the region's nearest point to the nearest line of contact in force. */
  readonly km: number;
  /**
   * `line_of_contact`: measured by PostGIS against the stored zone(s), named in `lines`;
   * `table`: the illustrative per-region figure, used only when no line of contact is stored.
   */
  readonly source: 'line_of_contact' | 'table';
  readonly lines: readonly string[];
}

/**
 * The distance of each region from the line of contact in force at `at`, as the reader sees the
 * zones (row-level security applies to `zone`). Regions without a geometry, or without a table
 * figure when no line is stored, are absent: the caveat checker counts an unknown distance
 * against an offer with a minimum-distance caveat.
 */
export async function contactDistancesKm(
  db: Db,
  regionCodes: readonly string[],
  at: Date,
): Promise<ReadonlyMap<string, ContactDistance>> {
  const out = new Map<string, ContactDistance>();
  if (regionCodes.length === 0) return out;
  const lines = await db
    .selectFrom('zone')
    .select('id')
    .where('kind', '=', 'line_of_contact')
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb(eb.val(at), '<', eb.ref('valid_to'))]))
    .orderBy('id')
    .execute();
  if (lines.length > 0) {
    const ids = lines.map((r) => r.id);
    const measured = await db
      .selectFrom('region as r')
      .innerJoin('zone as z', (join) => join.on((eb) => eb('z.id', '=', eb.fn.any(eb.val(ids)))))
      .select([
        'r.code',
        // On the spheroid: from the region's nearest point, in metres.
        sql<number>`st_distance(r.geom::geography, z.geom::geography)`.as('metres'),
        'z.id as line',
      ])
      .distinctOn('r.code')
      .where((eb) => eb('r.code', '=', eb.fn.any(eb.val([...regionCodes]))))
      .where('r.geom', 'is not', null)
      .orderBy('r.code')
      .orderBy('metres')
      .orderBy('z.id')
      .execute();
    for (const r of measured) {
      out.set(r.code, {
        regionCode: r.code,
        km: Number(r.metres) / 1000,
        source: 'line_of_contact',
        lines: [r.line],
      });
    }
    return out;
  }
  const table = await db
    .selectFrom('region_contact_distance')
    .select(['region_code', 'distance_km'])
    .where((eb) => eb('region_code', '=', eb.fn.any(eb.val([...regionCodes]))))
    .execute();
  for (const r of table) {
    out.set(r.region_code, {
      regionCode: r.region_code,
      km: Number(r.distance_km),
      source: 'table',
      lines: [],
    });
  }
  return out;
}

/** One region's distance from the line of contact in force at `at`; undefined when unknown. */
export async function contactDistanceKm(
  db: Db,
  regionCode: string,
  at: Date,
): Promise<ContactDistance | undefined> {
  return (await contactDistancesKm(db, [regionCode], at)).get(regionCode);
}
