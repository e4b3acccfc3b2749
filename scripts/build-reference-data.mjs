// Rebuilds data/ukraine-adm1.geojson, data/neighbours.geojson, data/ukraine-land.geojson and data/places.geojson from the
// third-party files in ../shared/data/{boundaries,logistics} (see data/PROVENANCE.md). Run: node scripts/build-reference-data.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  area,
  bbox,
  bboxClip,
  booleanPointInPolygon,
  point,
  pointToLineDistance,
  polygonToLine,
} from '@turf/turf';
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

// Ukraine's land outline (Natural Earth 1:50m as visionscarto draws it, Crimea in Ukraine): the
// state border and the coast, without the sea that the ADM1 unit polygons include. The line of
// contact is the part of an occupied area's edge that is on land and away from this outline's
// edge (docs/adr/0032-land-options.md); land options measure areas on it.
const ukraine = feature(world, world.objects.countries).features.find((f) => f.properties.a3 === 'UKR');
writeFileSync(
  resolve(out, 'ukraine-land.geojson'),
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: 'Ukraine', iso3: 'UKR' },
        geometry: { type: ukraine.geometry.type, coordinates: round(ukraine.geometry.coordinates) },
      },
    ],
  }),
);

// Map labels: the cities a reader looks for (Ukraine's capital, oblast centres and cities over
// 200,000 people; neighbouring capitals, regional centres over 400,000 and the border cities
// where staging happens) and a label point per neighbour. Natural Earth 4.0 spells Ukrainian
// cities in old Russian-based transliterations ("Kiev", "Lvov", "Odessa"); Ukraine's own
// romanisation (the national system of 2010) and the Ukrainian name replace them, keyed on the
// place's Wikidata id so a renamed city (Kirovohrad → Kropyvnytskyi, 2016) is caught too.
const UKRAINIAN = {
  Q1899: ['Kyiv', 'Київ'],
  Q42308: ['Kharkiv', 'Харків'],
  Q48256: ['Dnipro', 'Дніпро'],
  Q1874: ['Odesa', 'Одеса'],
  Q43070: ['Donetsk', 'Донецьк'],
  Q36036: ['Lviv', 'Львів'],
  Q157835: ['Zaporizhzhia', 'Запоріжжя'],
  Q157137: ['Kryvyi Rih', 'Кривий Ріг'],
  Q41572: ['Mykolaiv', 'Миколаїв'],
  Q37133: ['Mariupol', 'Маріуполь'],
  Q134279: ['Luhansk', 'Луганськ'],
  Q156717: ['Khmelnytskyi', 'Хмельницький'],
  Q157144: ['Vinnytsia', 'Вінниця'],
  Q157260: ['Horlivka', 'Горлівка'],
  Q7525: ['Sevastopol', 'Севастополь'],
  Q157134: ['Makiivka', 'Макіївка'],
  Q19566: ['Simferopol', 'Сімферополь'],
  Q156732: ['Kherson', 'Херсон'],
  Q156747: ['Poltava', 'Полтава'],
  Q157053: ['Chernihiv', 'Чернігів'],
  Q157055: ['Cherkasy', 'Черкаси'],
  Q157725: ['Chernivtsi', 'Чернівці'],
  Q156752: ['Sumy', 'Суми'],
  Q156713: ['Zhytomyr', 'Житомир'],
  Q156739: ['Rivne', 'Рівне'],
  Q158292: ['Kropyvnytskyi', 'Кропивницький'],
  Q156743: ['Ternopil', 'Тернопіль'],
  Q156726: ['Ivano-Frankivsk', 'Івано-Франківськ'],
  Q156724: ['Kremenchuk', 'Кременчук'],
  Q7550: ['Lutsk', 'Луцьк'],
  Q156711: ['Uzhhorod', 'Ужгород'],
};
const BORDER_CITIES = new Set([
  'Rzeszów',
  'Lublin',
  'Košice',
  'Suceava',
  'Iași',
  'Galați',
  'Brest',
  'Belgorod',
]);
const inUkraine = (point) => units.some((u) => booleanPointInPolygon(point, u));
const ne = JSON.parse(
  readFileSync(resolve(src, '../logistics/ne_10m_populated_places_ukraine.geojson'), 'utf8'),
);
const places = [];
for (const f of ne.features) {
  const p = f.properties;
  const ukrainian = inUkraine(f);
  const capital = p.FEATURECLA === 'Admin-0 capital';
  const centre = p.FEATURECLA === 'Admin-1 capital';
  const wanted = ukrainian
    ? capital || centre || p.POP_MAX >= 200000
    : capital || (centre && p.POP_MAX >= 400000) || BORDER_CITIES.has(p.NAME);
  if (!wanted) continue;
  const own = UKRAINIAN[p.wikidataid];
  if (ukrainian && !own) throw new Error(`no Ukrainian romanisation for ${p.NAME} (${p.wikidataid})`);
  places.push({
    type: 'Feature',
    properties: {
      kind: 'city',
      name: own ? own[0] : p.NAME,
      nameUk: own ? own[1] : null,
      country: ukrainian ? 'UKR' : p.ADM0_A3,
      capital,
      population: p.POP_MAX,
      wikidata: p.wikidataid,
    },
    geometry: { type: 'Point', coordinates: round(f.geometry.coordinates) },
  });
}
// One label point per neighbour, inside the part of it near Ukraine (Russia's label belongs by
// the border, not at the frame's edge): the point of the largest piece, clipped to a tighter
// frame, farthest from its edges (a pole of inaccessibility, searched on a 24×24 grid).
function labelPoint(piece) {
  const [w, s, e, n] = bbox(piece);
  const edge = polygonToLine(piece);
  const lines = edge.type === 'FeatureCollection' ? edge.features : [edge];
  let best = null;
  for (let i = 0; i <= 24; i++)
    for (let j = 0; j <= 24; j++) {
      const p = point([w + ((e - w) * i) / 24, s + ((n - s) * j) / 24]);
      if (!booleanPointInPolygon(p, piece)) continue;
      const d = Math.min(...lines.map((l) => pointToLineDistance(p, l)));
      if (!best || d > best.d) best = { d, at: p.geometry.coordinates };
    }
  return best.at;
}
const near = [20, 43, 42, 53.2];
for (const country of neighbours) {
  const clipped = bboxClip(country, near);
  const pieces =
    clipped.geometry.type === 'MultiPolygon'
      ? clipped.geometry.coordinates.map((c) => ({ type: 'Polygon', coordinates: c }))
      : [clipped.geometry];
  const largest = pieces
    .filter((g) => g.coordinates.length > 0 && g.coordinates[0].length >= 4)
    .map((g) => ({ type: 'Feature', properties: {}, geometry: g }))
    .sort((a, b) => area(b) - area(a))[0];
  if (!largest || area(largest) < 2e9) continue; // not in view, or a sliver at the frame's edge
  const at = labelPoint(largest);
  places.push({
    type: 'Feature',
    properties: {
      kind: 'country',
      name: country.properties.name,
      nameUk: null,
      country: country.properties.iso3,
    },
    geometry: { type: 'Point', coordinates: round(at) },
  });
}
writeFileSync(
  resolve(out, 'places.geojson'),
  JSON.stringify({ type: 'FeatureCollection', features: places }),
);
console.log(
  `wrote ${units.length} units, ${neighbours.length} countries and ${places.length} places (${places.filter((p) => p.properties.kind === 'city').length} cities)`,
);
