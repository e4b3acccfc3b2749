/**
 * Builds data/zones/demo-zones.geojson from the hand-drawn, ILLUSTRATIVE line of contact below:
 * a 15 km buffer zone, two weapons-withdrawal zones and five sectors, each cut to Ukraine's
 * outline (data/ukraine-adm1.geojson). Run: npx tsx data/zones/build.ts
 *
 * The line was drawn by hand for this project from the general course of the front in public
 * reporting (towns named beside each vertex). It is NOT derived from any front-line dataset
 * and is coarse by design: a few kilometres off almost everywhere. Never use it for anything
 * but the demonstration.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bboxPolygon, buffer, featureCollection, intersect, lineString, truncate, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

const here = import.meta.dirname;

/** [lng, lat], north to south then down the Dnipro to the sea. */
const LINE: [number, number][] = [
  [36.95, 50.37], // Russian border north of Vovchansk
  [37.05, 50.12],
  [37.45, 49.9],
  [37.65, 49.71], // Kupiansk, along the Oskil
  [37.72, 49.48],
  [37.7, 49.35], // Borova
  [37.95, 49.2],
  [38.12, 49.04], // west of Kreminna
  [38.08, 48.86], // Siversk
  [37.92, 48.7],
  [37.85, 48.59], // Chasiv Yar
  [37.83, 48.4], // Toretsk
  [37.5, 48.35],
  [37.2, 48.3], // Pokrovsk
  [37.08, 48.15],
  [37.25, 47.98], // Kurakhove
  [37.1, 47.8], // Vuhledar
  [36.82, 47.85], // Velyka Novosilka
  [36.5, 47.74],
  [36.25, 47.66], // Huliaipole
  [36.0, 47.58],
  [35.8, 47.52], // Orikhiv
  [35.6, 47.5],
  [35.35, 47.5], // Kamianske
  [35.15, 47.52], // the Dnipro (former Kakhovka reservoir)
  [34.9, 47.5],
  [34.62, 47.46], // opposite Enerhodar / Nikopol
  [34.3, 47.35],
  [33.95, 47.1],
  [33.6, 46.9],
  [33.36, 46.77], // Nova Kakhovka
  [33.0, 46.74],
  [32.75, 46.67],
  [32.6, 46.62], // Kherson
  [32.3, 46.53],
  [32.0, 46.5], // the Dnipro delta
  [31.75, 46.53],
  [31.55, 46.55], // the estuary mouth by the Kinburn spit
];

type Area = Feature<Polygon | MultiPolygon>;

const units = JSON.parse(readFileSync(resolve(here, '../ukraine-adm1.geojson'), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon
>;
const ukraine = union(featureCollection(units.features)) as Area;

const line = lineString(LINE);
const clip = (area: Area): Area => intersect(featureCollection([area, ukraine])) as Area;
const around = (km: number): Area => clip(buffer(line, km, { units: 'kilometers', steps: 8 }) as Area);

const corridor = around(90);
/** Sectors cut the 90 km corridor around the line into boxes; the boxes meet exactly, so sectors share borders. */
const SECTORS: [string, string, [number, number, number, number]][] = [
  ['sector-north-kharkiv', 'North / Kharkiv', [30, 49.27, 45, 53]],
  ['sector-luhansk-donetsk-north', 'Luhansk–Donetsk North', [30, 48.5, 45, 49.27]],
  ['sector-donetsk-south', 'Donetsk South', [36.55, 40, 45, 48.5]],
  ['sector-zaporizhzhia', 'Zaporizhzhia', [34.8, 40, 36.55, 48.5]],
  ['sector-kherson-dnipro', 'Kherson / Dnipro', [20, 40, 34.8, 48.5]],
];

const props = (p: Record<string, unknown>) => ({ ...p, illustrative: true, releasability: 'PUBLIC' });
const features: Feature[] = [
  { type: 'Feature', properties: props({ id: 'loc-illustrative', kind: 'line_of_contact', name: 'Line of contact (illustrative)' }), geometry: line.geometry },
  { type: 'Feature', properties: props({ id: 'buffer-15km', kind: 'buffer_zone', name: 'Buffer zone, 15 km either side (illustrative)' }), geometry: around(15).geometry },
  {
    type: 'Feature',
    properties: props({ id: 'withdrawal-artillery-50km', kind: 'weapons_withdrawal', name: 'Withdrawal zone: artillery ≥100 mm and MLRS, 50 km (illustrative)', weaponClasses: ['artillery_100mm_plus', 'mlrs'] }),
    geometry: around(50).geometry,
  },
  {
    type: 'Feature',
    properties: props({ id: 'withdrawal-light-30km', kind: 'weapons_withdrawal', name: 'Withdrawal zone: tanks, mortars, artillery <100 mm, 30 km (illustrative)', weaponClasses: ['tanks', 'mortars', 'artillery_under_100mm'] }),
    geometry: around(30).geometry,
  },
  ...SECTORS.map(([id, name, box]): Feature => ({
    type: 'Feature',
    properties: props({ id, kind: 'sector', name: `${name} (illustrative)` }),
    geometry: (intersect(featureCollection([corridor, bboxPolygon(box)])) as Area).geometry,
  })),
];

const out = truncate(featureCollection(features), { precision: 4, coordinates: 2 }) as FeatureCollection;
writeFileSync(
  resolve(here, 'demo-zones.geojson'),
  `${JSON.stringify({ type: 'FeatureCollection', name: 'Guarantor demo zones (ILLUSTRATIVE)', features: out.features })}\n`,
);
console.log(`wrote ${out.features.length} zones`);
