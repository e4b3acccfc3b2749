import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE, REGION_FILL_OPACITY } from './palette.ts';

/**
 * A style that needs no network: no tiles, glyphs or sprites, only a background and two
 * GeoJSON sources from the API. Without glyphs there can be no text layers, so names live
 * in popups and the legend. Regions carry a `fillColour` property (see nationColour).
 */
export function offlineStyle(neighbours: FeatureCollection, regions: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      neighbours: { type: 'geojson', data: neighbours },
      // promoteId lets hover state address a region by its ISO 3166-2 code.
      regions: { type: 'geojson', data: regions, promoteId: 'code' },
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
    ],
  };
}
