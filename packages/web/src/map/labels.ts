/**
 * Names on the maps, drawn offline. MapLibre draws text from signed-distance-field glyphs; instead
 * of a glyph server (`glyphs: "https://…/{fontstack}/{range}.pbf"`, which needs the network or
 * a folder of pre-rendered ranges), the style's `font-faces` point at Noto Sans font files that
 * Vite bundles with the app (npm `@fontsource/noto-sans`, SIL OFL 1.1), and MapLibre renders the
 * glyphs itself with TinySDF. Latin, Latin Extended (Rzeszów, Chișinău) and Cyrillic (Ukrainian
 * names) each come as their own file, fetched only when a label needs them.
 */

import cyrillic from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2?url';
import cyrillicBold from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff2?url';
import cyrillicExt from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2?url';
import cyrillicExtBold from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff2?url';
import latin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import latinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import latinExtBold from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
// The unicode ranges each file covers, as @fontsource publishes them (its unicode.json).
import ranges from '@fontsource/noto-sans/unicode.json';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, FontFacesSpecification, LayerSpecification } from 'maplibre-gl';
import { currentLanguage } from '../i18n/index.ts';
import { localNationName } from '../i18n/places.ts';

/** The font stacks the label layers name in `text-font`. */
export const REGULAR = 'Noto Sans Regular';
export const BOLD = 'Noto Sans Bold';

type Subset = 'latin' | 'latin-ext' | 'cyrillic' | 'cyrillic-ext';

/** The style's `font-faces`: each stack's files with the ranges they cover. */
export function fontFaces(): FontFacesSpecification {
  const faces = (files: Record<Subset, string>) =>
    (Object.entries(files) as [Subset, string][]).map(([subset, url]) => ({
      url,
      'unicode-range': ranges[subset].split(','),
    }));
  return {
    [REGULAR]: faces({ latin, 'latin-ext': latinExt, cyrillic, 'cyrillic-ext': cyrillicExt }),
    [BOLD]: faces({
      latin: latinBold,
      'latin-ext': latinExtBold,
      cyrillic: cyrillicBold,
      'cyrillic-ext': cyrillicExtBold,
    }),
  };
}

/** Halo that keeps dark text legible over any fill. */
const HALO = { 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 } as const;

/**
 * A country label's text in the reader's language: the places' own (English) name, or for each
 * country among `places` its CLDR name in Ukrainian or French (Intl, as the app's nation names).
 */
function countryName(places: FeatureCollection | undefined): ExpressionSpecification {
  const name: ExpressionSpecification = ['get', 'name'];
  if (!places || currentLanguage() === 'en') return name;
  const pairs: string[] = [];
  for (const f of places.features) {
    const p = f.properties as { kind?: string; name?: string; country?: string } | null;
    if (p?.kind !== 'country' || !p.country || !p.name || pairs.includes(p.country)) continue;
    const local = localNationName(p.country, p.name);
    if (local !== p.name) pairs.push(p.country, local);
  }
  return pairs.length
    ? (['match', ['get', 'country'], ...pairs, name] as unknown as ExpressionSpecification)
    : name;
}

/**
 * Label layers over a `places` source (cities and neighbours' label points, /api/map/places)
 * and, when given, a polygon source whose `nameEn`/`nameUk` name each unit (the 27 regions).
 * Oblast names show their Ukrainian name underneath from zoom 6.5, where there is room, and win
 * over city names where the two collide (a city keeps its dot). A Ukrainian reader reads every
 * name in Ukrainian (the reference data's `nameUk`), and countries in the reader's language
 * when `places` is given. The language is read when the style is built: a map is made anew
 * when it changes.
 */
export function labelLayers(
  options: { readonly regionsSource?: string; readonly places?: FeatureCollection } = {},
): LayerSpecification[] {
  const uk = currentLanguage() === 'uk';
  const layers: LayerSpecification[] = [
    {
      id: 'country-labels',
      type: 'symbol',
      source: 'places',
      filter: ['==', ['get', 'kind'], 'country'],
      layout: {
        'text-field': ['upcase', countryName(options.places)],
        'text-font': [REGULAR],
        'text-size': 12,
        'text-letter-spacing': 0.12,
        'text-max-width': 8,
      },
      paint: { 'text-color': '#5d6670', ...HALO },
    },
  ];
  layers.push(
    {
      id: 'city-dots',
      type: 'circle',
      source: 'places',
      filter: ['==', ['get', 'kind'], 'city'],
      paint: {
        'circle-radius': ['case', ['get', 'capital'], 4, 2.5],
        'circle-color': '#1b2330',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'city-labels',
      type: 'symbol',
      source: 'places',
      filter: ['==', ['get', 'kind'], 'city'],
      layout: {
        'text-field': uk ? ['coalesce', ['get', 'nameUk'], ['get', 'name']] : ['get', 'name'],
        'text-font': [REGULAR],
        'text-size': ['case', ['get', 'capital'], 13, 11],
        'text-anchor': 'left',
        'text-offset': [0.5, 0],
        'text-optional': true,
        // Larger cities win where labels would collide.
        'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'population'], 0]],
      },
      paint: { 'text-color': '#1b2330', ...HALO },
    },
  );
  // Last, so MapLibre places them first: a unit's name wins over a city's where they collide.
  if (options.regionsSource)
    layers.push({
      id: 'region-labels',
      type: 'symbol',
      source: options.regionsSource,
      layout: {
        'text-field': uk
          ? ['coalesce', ['get', 'nameUk'], ['get', 'nameEn']]
          : [
              'step',
              ['zoom'],
              ['get', 'nameEn'],
              6.5,
              [
                'format',
                ['get', 'nameEn'],
                {},
                '\n',
                {},
                ['coalesce', ['get', 'nameUk'], ''],
                { 'font-scale': 0.85 },
              ],
            ],
        'text-font': [BOLD],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 10, 8, 14],
        'text-max-width': 7,
        'text-padding': 4,
      },
      paint: { 'text-color': '#1b2330', ...HALO },
    });
  return layers;
}

/** Sector names written along the sector outlines of `source` (only its sectors, when it holds other zones). */
export function sectorLabelLayer(source: string, colour: string, sectorsOnly = false): LayerSpecification {
  return {
    id: 'sector-labels',
    type: 'symbol',
    source,
    ...(sectorsOnly ? { filter: ['==', ['get', 'kind'], 'sector'] } : {}),
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [REGULAR],
      'text-size': 11,
      'symbol-placement': 'line',
      'text-max-angle': 30,
    },
    paint: { 'text-color': colour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
  } as LayerSpecification;
}
