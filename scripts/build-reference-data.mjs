// Rebuilds data/ukraine-adm1.geojson and data/neighbours.geojson from the third-party files
// in ../shared/data/boundaries (see data/PROVENANCE.md). Run: node scripts/build-reference-data.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bboxClip } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { feature } from 'topojson-client';

const src = resolve(import.meta.dirname, '../../shared/data/boundaries');
const out = resolve(import.meta.dirname, '../data');
const round = (c) => (typeof c[0] === 'number' ? [+c[0].toFixed(5), +c[1].toFixed(5)] : c.map(round));

const names = new Map(
  parse(readFileSync(resolve(src, 'ua_iso3166-2_names.csv'), 'utf8'), { columns: true, bom: true }).map(
    (r) => [
      r.geoboundaries_shapeName,
      { code: r.iso_3166_2, type: r.iso_type, nameEn: r.iso_name_en, nameUk: r.iso_name_uk },
    ],
  ),
);
const adm1 = JSON.parse(readFileSync(resolve(src, 'geoBoundaries-UKR-ADM1_simplified.geojson'), 'utf8'));
const units = adm1.features.map((f) => {
  const n = names.get(f.properties.shapeName);
  if (!n || n.code !== f.properties.shapeISO)
    throw new Error(`no ISO name row for ${f.properties.shapeName}`);
  return {
    type: 'Feature',
    properties: {
      code: n.code,
      nameEn: n.nameEn,
      nameUk: n.nameUk,
      kind: n.type,
      shapeName: f.properties.shapeName,
    },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  };
});
units.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
writeFileSync(
  resolve(out, 'ukraine-adm1.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: units }),
);

// Neighbours and the near region (not Ukraine: the 27 units draw it), clipped to a frame around Ukraine so Russia stays small.
const NEAR = [
  'POL',
  'SVK',
  'HUN',
  'ROU',
  'MDA',
  'BLR',
  'RUS',
  'LTU',
  'LVA',
  'EST',
  'CZE',
  'AUT',
  'SRB',
  'BGR',
  'TUR',
  'GEO',
  'DEU',
  'SVN',
  'HRV',
  'BIH',
  'MNE',
  'MKD',
  'ALB',
  'GRC',
  'KAZ',
  'ARM',
  'AZE',
  'FIN',
  'SWE',
  'DNK',
  'NOR',
  'ITA',
];
const world = JSON.parse(readFileSync(resolve(src, 'visionscarto-world-50m.json'), 'utf8'));
const countries = feature(world, world.objects.countries).features.filter((f) =>
  NEAR.includes(f.properties.a3),
);
const frame = [12, 38, 50, 60];
const neighbours = countries.map((f) => {
  const clipped = bboxClip(f, frame);
  return {
    type: 'Feature',
    properties: { name: f.properties.name, iso3: f.properties.a3 },
    geometry: { type: clipped.geometry.type, coordinates: round(clipped.geometry.coordinates) },
  };
});
writeFileSync(
  resolve(out, 'neighbours.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: neighbours }),
);
console.log(`wrote ${units.length} units and ${neighbours.length} countries`);
