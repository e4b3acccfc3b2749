import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGIONS } from '@guarantor/core/coalition';
import { type Kysely, sql } from 'kysely';
import { geomFromGeoJson } from './postgis.ts';
import type { Database } from './schema.ts';

/** The project's shipped data folder (`data/` at the repository root). */
export const DATA_DIR = resolve(import.meta.dirname, '../../../data');

interface Feature {
  readonly properties: Record<string, string>;
  readonly geometry: unknown;
}

function features(file: string): readonly Feature[] {
  return (JSON.parse(readFileSync(resolve(DATA_DIR, file), 'utf8')) as { features: Feature[] }).features;
}

/**
 * Loads the regions every other record refers to: the 27 units from `ukraine-adm1.geojson`,
 * staging countries with their outlines from `neighbours.geojson`, and the sea and airspace
 * (no outline). Idempotent: rows are upserted, so a new data release updates in place.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<{ regions: number }> {
  const units = new Map(features('ukraine-adm1.geojson').map((f) => [f.properties.code!, f]));
  const countries = new Map(features('neighbours.geojson').map((f) => [f.properties.iso3!, f]));
  const rows = REGIONS.map((region) => {
    const unit = units.get(region.code);
    const geometry = unit?.geometry ?? countries.get(region.code)?.geometry ?? null;
    return {
      code: region.code,
      // One English name on every page: the catalogue's ("Kharkiv Oblast"), not the ISO
      // romanisation the boundary file carries ("Kharkivska oblast").
      name_en: region.name,
      name_uk: unit?.properties.nameUk ?? null,
      kind: region.kind,
      geometry: geometry === null ? null : JSON.stringify(geometry),
    };
  });
  if (rows.filter((r) => r.kind === 'ukraine_unit' && r.geometry !== null).length !== 27) {
    throw new Error('data/ukraine-adm1.geojson does not hold the 27 first-level units the catalogue names');
  }
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx
        .insertInto('region')
        .values({
          code: r.code,
          name_en: r.name_en,
          name_uk: r.name_uk,
          kind: r.kind,
          // Outlines are stored as 2D multipolygons, whatever the file holds.
          geom:
            r.geometry === null ? null : sql<string>`st_multi(st_force2d(${geomFromGeoJson(r.geometry)}))`,
        })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name_en: eb.ref('excluded.name_en'),
            name_uk: eb.ref('excluded.name_uk'),
            kind: eb.ref('excluded.kind'),
            geom: eb.ref('excluded.geom'),
          })),
        )
        .execute();
    }
    // Ukraine's land outline (state border and coast): the line of contact and land options.
    const land = features('ukraine-land.geojson')[0]?.geometry;
    if (land) {
      await trx
        .insertInto('territory_outline')
        .values({
          name: 'ukraine_land',
          geom: sql<string>`st_multi(st_force2d(${geomFromGeoJson(JSON.stringify(land))}))`,
        })
        .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ geom: eb.ref('excluded.geom') })))
        .execute();
    }
  });
  return { regions: rows.length };
}
