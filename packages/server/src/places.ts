/**
 * Reference data the maps and the OGC API serve, read once: the places they name
 * (data/places.geojson: the map's labels and "23 km south-east of Zaporizhzhia") and Ukraine's
 * first-level units (data/ukraine-adm1.geojson).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Api from '@guarantor/core/api';
import { indexCatalogue, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import type { NamedPlace } from '@guarantor/core/reference';
import { DATA_DIR } from '@guarantor/db';

let loaded: { readonly collection: Api.Places; readonly cities: readonly NamedPlace[] } | undefined;

function load() {
  if (!loaded) {
    const collection = JSON.parse(readFileSync(resolve(DATA_DIR, 'places.geojson'), 'utf8')) as Api.Places;
    const cities = collection.features
      .filter((f) => f.properties.kind === 'city')
      .map((f) => ({
        name: f.properties.name,
        nameUk: f.properties.nameUk,
        position: f.geometry.coordinates as [number, number],
      }));
    loaded = { collection, cities };
  }
  return loaded;
}

/** GET /api/map/places: cities and the neighbours' label points. */
export const shippedPlaces = (): Api.Places => load().collection;
/** The cities, for the nearest named place to a point. */
export const shippedCities = (): readonly NamedPlace[] => load().cities;

let units: Api.Units | undefined;

/** The 27 first-level units as shipped, each named as every page names it (the catalogue's English name). */
export function shippedUnits(): Api.Units {
  if (!units) {
    const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
    const file = JSON.parse(readFileSync(resolve(DATA_DIR, 'ukraine-adm1.geojson'), 'utf8')) as Api.Units;
    units = {
      ...file,
      features: file.features.map((f) => ({
        ...f,
        properties: {
          ...f.properties,
          nameEn: catalogue.region.get(f.properties.code)?.name ?? f.properties.nameEn,
        },
      })),
    };
  }
  return units;
}
