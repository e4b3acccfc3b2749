import type { IncidentWhere, Places, Units, Zones } from '@guarantor/core/api';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useLoad } from '../load.ts';
import { fontFaces, labelLayers, sectorLabelLayer } from '../map/labels.ts';
import { BACKGROUND_COLOUR } from '../map/palette.ts';
import { zonesApi } from '../zones/api.ts';
import { categoryColour } from './style.ts';

setWorkerUrl(workerUrl);

interface Backdrop {
  readonly regions: Units;
  readonly zones: Zones;
  readonly places: Places;
}

/** A circle of `radiusM` around a point, as a 48-sided polygon (equirectangular, fine below 50 km). */
function circle([lng, lat]: readonly [number, number], radiusM: number): Feature<Polygon> {
  const dLat = radiusM / 111_320;
  const dLng = dLat / Math.cos((lat * Math.PI) / 180);
  const ring = Array.from({ length: 49 }, (_, i) => {
    const a = ((i % 48) / 48) * 2 * Math.PI;
    return [lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)];
  });
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function style(
  backdrop: Backdrop,
  position: readonly [number, number],
  radiusM: number,
  colour: string,
  sectorId: string | null,
): StyleSpecification {
  const sectors: FeatureCollection = {
    type: 'FeatureCollection',
    features: backdrop.zones.features
      .filter((z) => z.properties.kind === 'sector')
      .map((z) => ({ ...z, properties: { ...z.properties, here: z.properties.id === sectorId } })),
  };
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      regions: { type: 'geojson', data: backdrop.regions },
      sectors: { type: 'geojson', data: sectors },
      places: { type: 'geojson', data: backdrop.places },
      area: { type: 'geojson', data: circle(position, Math.max(radiusM, 50)) },
      point: { type: 'geojson', data: { type: 'Point', coordinates: [...position] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
      { id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': '#f4f3ef' } },
      {
        id: 'regions-line',
        type: 'line',
        source: 'regions',
        paint: { 'line-color': '#9aa3ad', 'line-width': 0.8 },
      },
      {
        id: 'sectors-fill',
        type: 'fill',
        source: 'sectors',
        paint: { 'fill-color': '#2f5fb3', 'fill-opacity': ['case', ['get', 'here'], 0.14, 0.04] },
      },
      {
        id: 'sectors-line',
        type: 'line',
        source: 'sectors',
        paint: {
          'line-color': '#2f5fb3',
          'line-width': ['case', ['get', 'here'], 2, 0.8],
          'line-dasharray': [3, 2],
        },
      },
      sectorLabelLayer('sectors', '#2f5fb3'),
      ...labelLayers({ regionsSource: 'regions', places: backdrop.places }),
      { id: 'area', type: 'fill', source: 'area', paint: { 'fill-color': colour, 'fill-opacity': 0.25 } },
      {
        id: 'point',
        type: 'circle',
        source: 'point',
        paint: {
          'circle-radius': 6,
          'circle-color': colour,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}

/**
 * The incident on a small map: its place and uncertainty, the sector it lies in (outlined
 * bold, the others dashed), the unit boundaries and the nearest cities, all named from the
 * app's own data and fonts (nothing fetched from elsewhere).
 */
export function IncidentMiniMap({
  position,
  radiusM,
  category,
  where,
}: {
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly category: string;
  readonly where: IncidentWhere;
}) {
  const { t, i18n: language } = useTranslation('monitoring');
  // The names are drawn in the reader's language: a new language, a new map.
  const lngName = language.language;
  const backdrop = useLoad<Backdrop>('incident/minimap', async (signal) => {
    const [regions, zones, places] = await Promise.all([
      api.units(signal),
      zonesApi.zones(signal),
      api.places(signal),
    ]);
    return { regions, zones, places };
  });
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const ready = backdrop.state === 'ready' ? backdrop.data : null;
  const [lng, lat] = position;
  const sectorId = where.sector?.id ?? null;

  useEffect(() => {
    if (!ready || !container.current || !lngName) return;
    const map = new MapLibreMap({
      container: container.current,
      style: style(ready, [lng, lat], radiusM, categoryColour(category), sectorId),
      center: [lng, lat],
      zoom: 7.3,
      interactive: false,
      attributionControl: false,
    });
    map.on('error', () => setState('failed'));
    const drawn = () => setState((now) => (now === 'failed' ? now : 'ready'));
    map.once('idle', drawn);
    map.once('load', () => map.once('render', drawn));
    return () => map.remove();
  }, [ready, lng, lat, radiusM, category, sectorId, lngName]);

  if (backdrop.state === 'error') return <p className="muted small">{t('mini.failed')}</p>;
  return (
    <figure className="incident-minimap">
      <div
        ref={container}
        className="incident-minimap-canvas"
        data-testid="incident-minimap"
        data-state={state}
        role="img"
        aria-label={t('mini.label', { where: where.sentence })}
      />
      <figcaption className="muted small">
        {where.sector ? t('mini.sectorBold', { name: where.sector.name }) : t('mini.sectorsDashed')}{' '}
        {t('mini.circle')}
      </figcaption>
    </figure>
  );
}
