/** The places the maps name (data/places.geojson), read once: the map's labels and "23 km south-east of Zaporizhzhia". */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Api from '@guarantor/core/api';
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
