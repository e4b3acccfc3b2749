import type { BaseMap } from '@guarantor/core/api';
import type { FeatureCollection } from 'geojson';
import type {
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
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
  basemap?: BaseMap | null,
): StyleSpecification {
  const base = basemapStyle(basemap);
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      ...base.sources,
      neighbours: { type: 'geojson', data: neighbours },
      // promoteId lets hover state address a region by its ISO 3166-2 code.
      regions: { type: 'geojson', data: regions, promoteId: 'code' },
      places: { type: 'geojson', data: places },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
      ...base.layers,
      {
        id: 'neighbours-fill',
        type: 'fill',
        source: 'neighbours',
        // Over a base map the neighbours are only tinted, so the base map shows through.
        paint: { 'fill-color': NEIGHBOUR_FILL, 'fill-opacity': base.layers.length > 0 ? 0.35 : 1 },
      },
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

/** The base-map colours: a land tone and thin grey outlines, under everything the cell draws. */
const BASEMAP_FILL = '#ece6d8';
const BASEMAP_LINE = '#8c8577';

/**
 * The server's base map (ADR 0038) as a source and the layers that draw it: each layer of a
 * vector archive as a land fill and an outline, or an image archive as a raster layer. Nothing
 * when the server has none: the style then needs no tiles at all. Tile URLs must be absolute.
 */
export function basemapStyle(basemap?: BaseMap | null): {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
} {
  if (!basemap?.configured || !basemap.tiles?.length) return { sources: {}, layers: [] };
  const common = {
    tiles: basemap.tiles,
    ...(basemap.minzoom === undefined ? {} : { minzoom: basemap.minzoom }),
    ...(basemap.maxzoom === undefined ? {} : { maxzoom: basemap.maxzoom }),
    ...(basemap.bounds?.length === 4 ? { bounds: basemap.bounds as [number, number, number, number] } : {}),
    ...(basemap.attribution ? { attribution: basemap.attribution } : {}),
  };
  if (basemap.tileType !== 'mvt')
    return {
      sources: { basemap: { type: 'raster', tileSize: 256, ...common } },
      layers: [{ id: 'basemap-raster', type: 'raster', source: 'basemap' }],
    };
  return {
    sources: { basemap: { type: 'vector', ...common } },
    layers: (basemap.vector_layers ?? []).flatMap((layer): LayerSpecification[] => [
      {
        id: `basemap-${layer.id}-fill`,
        type: 'fill',
        source: 'basemap',
        'source-layer': layer.id,
        paint: { 'fill-color': BASEMAP_FILL },
      },
      {
        id: `basemap-${layer.id}-line`,
        type: 'line',
        source: 'basemap',
        'source-layer': layer.id,
        paint: { 'line-color': BASEMAP_LINE, 'line-width': 0.6 },
      },
    ]),
  };
}

/**
 * The server's base map with its tile URLs made absolute (MapLibre needs them so), or null when
 * it has none. Not `new URL()`: it would escape the {z}/{x}/{y} of the template.
 */
export function servedBaseMap(basemap: BaseMap, origin: string): BaseMap | null {
  if (!basemap.configured) return null;
  return { ...basemap, tiles: (basemap.tiles ?? []).map((t) => (t.startsWith('/') ? `${origin}${t}` : t)) };
}
