import { createHash } from 'node:crypto';
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

function features(text: string): readonly Feature[] {
  return (JSON.parse(text) as { features: Feature[] }).features;
}

const REFERENCE_FILES = ['ukraine-adm1.geojson', 'neighbours.geojson', 'ukraine-land.geojson'] as const;

/**
 * Loads the regions every other record refers to: the 27 units from `ukraine-adm1.geojson`,
 * staging countries with their outlines from `neighbours.geojson`, and the sea and airspace
 * (no outline). Idempotent: rows are upserted, so a new data release updates in place; the
 * same release (by the SHA-256 of its files and the catalogue) is not written again.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<{ regions: number }> {
  const texts = Object.fromEntries(
    REFERENCE_FILES.map((f) => [f, readFileSync(resolve(DATA_DIR, f), 'utf8')]),
  ) as Record<(typeof REFERENCE_FILES)[number], string>;
  // The files and the catalogue as loaded: the same release is not written again on a restart.
  const hash = createHash('sha256');
  for (const f of REFERENCE_FILES) hash.update(`${f}\n${texts[f]}\n`);
  hash.update(JSON.stringify(REGIONS));
  const sha256 = hash.digest('hex');
  const held = await db
    .selectFrom('reference_fingerprint')
    .select('sha256')
    .where('name', '=', 'reference')
    .executeTakeFirst();
  if (held?.sha256 === sha256) return { regions: REGIONS.length };
  const units = new Map(features(texts['ukraine-adm1.geojson']).map((f) => [f.properties.code!, f]));
  const countries = new Map(features(texts['neighbours.geojson']).map((f) => [f.properties.iso3!, f]));
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
    const land = features(texts['ukraine-land.geojson'])[0]?.geometry;
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
    await trx
      .insertInto('reference_fingerprint')
      .values({ name: 'reference', sha256, loaded_at: new Date() })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          sha256: eb.ref('excluded.sha256'),
          loaded_at: eb.ref('excluded.loaded_at'),
        })),
      )
      .execute();
  });
  return { regions: rows.length };
}
