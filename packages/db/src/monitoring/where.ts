/**
 * Where a point lies, in the terms a monitor uses: the first-level unit of Ukraine and the zones
 * (sectors, buffer and withdrawal zones) that contain it at a moment. Runs as the reader: a zone
 * the reader may not see is not named.
 */

import type { ZoneKind } from '@guarantor/core/zones';
import { sql } from 'kysely';
import type { Db } from '../zones/common.ts';

export interface PointLocation {
  readonly unit: { readonly code: string; readonly nameEn: string; readonly nameUk: string | null } | null;
  /** Zones containing the point at `at`, sectors first. */
  readonly zones: readonly { readonly id: string; readonly name: string; readonly kind: ZoneKind }[];
}

export async function locatePoint(
  db: Db,
  [lng, lat]: readonly [number, number],
  at: Date,
): Promise<PointLocation> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`;
  const unit = await db
    .selectFrom('region')
    .select(['code', 'name_en', 'name_uk'])
    .where('kind', '=', 'ukraine_unit')
    .where(sql<boolean>`ST_Intersects(geom, ${point})`)
    .orderBy('code')
    .executeTakeFirst();
  const zones = await db
    .selectFrom('zone')
    .select(['id', 'name', 'kind'])
    .where(sql<boolean>`ST_Intersects(geom, ${point})`)
    .where((w) => w.or([w('valid_from', 'is', null), w('valid_from', '<=', at)]))
    .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>', at)]))
    .orderBy(sql`case when kind = 'sector' then 0 else 1 end`)
    .orderBy('id')
    .execute();
  return {
    unit: unit ? { code: unit.code, nameEn: unit.name_en, nameUk: unit.name_uk } : null,
    zones: zones.map((z) => ({ id: z.id, name: z.name, kind: z.kind as ZoneKind })),
  };
}

/** A first-level unit of Ukraine by its names: the catalogue's English one and the ISO Ukrainian one. */
export interface UnitName {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
}

/**
 * The first-level unit each point lies in, in one query (a report names the oblast of each of
 * its incidents): the answer's i-th entry is the i-th point's unit, or null outside Ukraine.
 */
export async function unitsOfPoints(
  db: Db,
  points: readonly (readonly [number, number])[],
): Promise<readonly (UnitName | null)[]> {
  if (points.length === 0) return [];
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const rows = await sql<{ i: number; code: string; name_en: string; name_uk: string | null }>`
    select distinct on (p.i) p.i::int as i, r.code, r.name_en, r.name_uk
    from unnest(${lngs}::float8[], ${lats}::float8[]) with ordinality as p(lng, lat, i)
    join region r on r.kind = 'ukraine_unit'
      and ST_Intersects(r.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
    order by p.i, r.code`.execute(db);
  const out: (UnitName | null)[] = points.map(() => null);
  for (const r of rows.rows) out[r.i - 1] = { code: r.code, nameEn: r.name_en, nameUk: r.name_uk };
  return out;
}
