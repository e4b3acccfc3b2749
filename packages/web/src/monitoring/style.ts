import type { BaseMap } from '@guarantor/core/api';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { BOLD, fontFaces, labelLayers, sectorLabelLayer } from '../map/labels.ts';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE } from '../map/palette.ts';
import { basemapStyle } from '../map/style.ts';

/** Category groups and their colours; the same groups as the daily report's map. */
export const CATEGORY_GROUPS: readonly {
  /** The group's key in the monitoring namespace (`key.group.<id>`). */
  readonly id: 'fire' | 'shots' | 'heavy' | 'movement' | 'harm';
  readonly colour: string;
  readonly categories: readonly string[];
}[] = [
  {
    id: 'fire',
    colour: '#c62828',
    categories: [
      'explosion_impact',
      'explosion_airburst',
      'explosion_outgoing',
      'explosion_undetermined',
      'projectile_in_flight',
      'muzzle_flash',
    ],
  },
  { id: 'shots', colour: '#ef6c00', categories: ['burst_and_shots'] },
  { id: 'heavy', colour: '#6a1b9a', categories: ['heavy_weapon_sighting'] },
  { id: 'movement', colour: '#1565c0', categories: ['fom_restriction'] },
  {
    id: 'harm',
    colour: '#212121',
    categories: ['civilian_harm', 'infrastructure_damage'],
  },
];
export const OTHER_COLOUR = '#78909c';

/** The colour of one category. */
export function categoryColour(category: string): string {
  return CATEGORY_GROUPS.find((g) => g.categories.includes(category))?.colour ?? OTHER_COLOUR;
}

const colourExpression: ExpressionSpecification = [
  'match',
  ['get', 'category'],
  ...CATEGORY_GROUPS.flatMap((g) => [[...g.categories], g.colour] as [string[], string]),
  OTHER_COLOUR,
] as unknown as ExpressionSpecification;

/**
 * An offline style for the monitoring map: Ukraine's units as a quiet base, the zones, and the
 * incident vector tiles from PostGIS: below z11 bins (layer `incident_bins`, a circle sized by
 * its count with the count written on it), from z11 the incidents (layer `incidents`) coloured
 * by category, ringed by state. Names (units, cities, neighbours, sectors) are drawn from the
 * font files bundled with the app (map/labels.ts), so nothing is fetched from elsewhere.
 */
export function monitoringStyle(
  neighbours: FeatureCollection,
  units: FeatureCollection,
  zones: FeatureCollection,
  tilesUrl: string,
  places: FeatureCollection,
  basemap?: BaseMap | null,
): StyleSpecification {
  const under = basemapStyle(basemap);
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      ...under.sources,
      places: { type: 'geojson', data: places },
      neighbours: { type: 'geojson', data: neighbours },
      units: { type: 'geojson', data: units },
      zones: { type: 'geojson', data: zones },
      incidents: { type: 'vector', tiles: [tilesUrl], minzoom: 0, maxzoom: 14 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
      ...under.layers,
      {
        id: 'neighbours-fill',
        type: 'fill',
        source: 'neighbours',
        paint: { 'fill-color': NEIGHBOUR_FILL, 'fill-opacity': under.layers.length > 0 ? 0.35 : 1 },
      },
      {
        id: 'neighbours-line',
        type: 'line',
        source: 'neighbours',
        paint: { 'line-color': NEIGHBOUR_LINE, 'line-width': 0.8 },
      },
      {
        id: 'units-fill',
        type: 'fill',
        source: 'units',
        // Over a base map Ukraine is only lightened, so the base map's detail shows through.
        paint: { 'fill-color': '#fbfaf6', 'fill-opacity': under.layers.length > 0 ? 0.5 : 1 },
      },
      {
        id: 'units-line',
        type: 'line',
        source: 'units',
        paint: { 'line-color': '#b0b7bd', 'line-width': 0.8 },
      },
      {
        id: 'zones-buffer',
        type: 'fill',
        source: 'zones',
        filter: ['==', ['get', 'kind'], 'buffer_zone'],
        paint: { 'fill-color': '#ffcc80', 'fill-opacity': 0.45, 'fill-outline-color': '#ef6c00' },
      },
      {
        id: 'zones-withdrawal',
        type: 'line',
        source: 'zones',
        filter: ['==', ['get', 'kind'], 'weapons_withdrawal'],
        paint: { 'line-color': '#8e24aa', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'zones-sector',
        type: 'line',
        source: 'zones',
        filter: ['==', ['get', 'kind'], 'sector'],
        paint: { 'line-color': '#455a64', 'line-width': 1.2, 'line-dasharray': [1, 1.5] },
      },
      {
        id: 'zones-sector-selected',
        type: 'line',
        source: 'zones',
        filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': '#1b2330', 'line-width': 2.5 },
      },
      {
        id: 'zones-loc',
        type: 'line',
        source: 'zones',
        filter: ['==', ['get', 'kind'], 'line_of_contact'],
        paint: { 'line-color': '#b71c1c', 'line-width': 2.2 },
      },
      ...labelLayers({ regionsSource: 'units', places }),
      sectorLabelLayer('zones', '#455a64', true),
      {
        id: 'incident-bins',
        type: 'circle',
        source: 'incidents',
        'source-layer': 'incident_bins',
        paint: {
          'circle-color': '#37474f',
          'circle-opacity': 0.75,
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 6, 10, 12, 100, 20],
          'circle-stroke-width': 1,
          'circle-stroke-color': '#ffffff',
        },
      },
      {
        id: 'incident-bin-counts',
        type: 'symbol',
        source: 'incidents',
        'source-layer': 'incident_bins',
        layout: {
          'text-field': ['number-format', ['get', 'count'], { locale: 'en' }],
          'text-font': [BOLD],
          'text-size': 11,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff' },
      },
      {
        id: 'incidents',
        type: 'circle',
        source: 'incidents',
        'source-layer': 'incidents',
        paint: {
          'circle-color': colourExpression,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 3.5, 10, 7],
          'circle-stroke-width': ['match', ['get', 'state'], ['verified', 'attributed'], 2, 1],
          'circle-stroke-color': [
            'match',
            ['get', 'state'],
            ['verified', 'attributed'],
            '#000000',
            '#ffffff',
          ],
          'circle-opacity': ['match', ['get', 'state'], 'dismissed', 0.35, 0.95],
        },
      },
    ],
  };
}
