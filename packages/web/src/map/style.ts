import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { fontFaces, labelLayers } from './labels.ts';
import {
  BACKGROUND_COLOUR,
  CONFLICT_GROUND,
  CONFLICT_STRIPE,
  NEIGHBOUR_FILL,
  NEIGHBOUR_LINE,
  REGION_FILL_OPACITY,
} from './palette.ts';

/** The image the conflict fill repeats; made in the page, so nothing is fetched. */
export const CONFLICT_PATTERN = 'conflict-stripes';

/**
 * A style that needs no network: no tiles, sprites or glyph server. Sources come from the API
 * (neighbours, regions, places), text is drawn from font files bundled with the app (labels.ts),
 * and the one pattern is drawn in the page (addConflictPattern). Regions carry a `fillColour`
 * property (assignColours); a contested or forbidden unit is striped, never coloured as led.
 */
export function offlineStyle(
  neighbours: FeatureCollection,
  regions: FeatureCollection,
  places: FeatureCollection,
): StyleSpecification {
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      neighbours: { type: 'geojson', data: neighbours },
      // promoteId lets hover state address a region by its ISO 3166-2 code.
      regions: { type: 'geojson', data: regions, promoteId: 'code' },
      places: { type: 'geojson', data: places },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
      { id: 'neighbours-fill', type: 'fill', source: 'neighbours', paint: { 'fill-color': NEIGHBOUR_FILL } },
      {
        id: 'neighbours-line',
        type: 'line',
        source: 'neighbours',
        paint: { 'line-color': NEIGHBOUR_LINE, 'line-width': 0.8 },
      },
      {
        id: 'regions-fill',
        type: 'fill',
        source: 'regions',
        paint: { 'fill-color': ['get', 'fillColour'], 'fill-opacity': REGION_FILL_OPACITY },
      },
      {
        id: 'regions-conflict',
        type: 'fill',
        source: 'regions',
        filter: ['in', ['get', 'leadState'], ['literal', ['contested', 'forbidden']]],
        paint: { 'fill-pattern': CONFLICT_PATTERN },
      },
      {
        id: 'regions-line',
        type: 'line',
        source: 'regions',
        paint: { 'line-color': '#ffffff', 'line-width': 1 },
      },
      {
        id: 'regions-hover',
        type: 'line',
        source: 'regions',
        paint: {
          'line-color': '#1b2330',
          'line-width': 2.5,
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0],
        },
      },
      ...labelLayers({ regionsSource: 'regions', places }),
    ],
  };
}

/** Diagonal stripes for contested and forbidden units, drawn into an image MapLibre repeats. */
export function addConflictPattern(map: MapLibreMap): void {
  if (map.hasImage(CONFLICT_PATTERN)) return;
  const size = 12;
  const data = new Uint8Array(size * size * 4);
  const [sr, sg, sb] = [1, 3, 5].map((i) => Number.parseInt(CONFLICT_STRIPE.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  const [gr, gg, gb] = [1, 3, 5].map((i) => Number.parseInt(CONFLICT_GROUND.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const stripe = (x + y) % size < 4;
      data.set(stripe ? [sr, sg, sb, 255] : [gr, gg, gb, 235], (y * size + x) * 4);
    }
  map.addImage(CONFLICT_PATTERN, { width: size, height: size, data });
}
