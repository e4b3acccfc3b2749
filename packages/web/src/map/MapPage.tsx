import 'maplibre-gl/dist/maplibre-gl.css';
import { type MapLayerMouseEvent, Map as MapLibreMap, Popup, setWorkerUrl } from 'maplibre-gl';
// MapLibre resolves its worker next to its own module by default, which is not where Vite
// puts it: without this the worker 404s and the map stays blank.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Hubs, type Neighbours, type RegionProperties, type Regions } from '../api.ts';
import { plural } from '../coalition/labels.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { addHubMarkers, HubSymbol } from '../logistics/hubs.tsx';
import { element } from './dom.ts';
import { NO_LEAD_COLOUR, nationColour } from './palette.ts';
import { offlineStyle } from './style.ts';

setWorkerUrl(workerUrl);

/** Ukraine's bounding box, [[west, south], [east, north]] in degrees. */
const UKRAINE_BOUNDS: [[number, number], [number, number]] = [
  [22, 44],
  [41, 53],
];

/** Ukraine's box, grown to take in hubs just across the border (staging areas in Poland). */
function viewBounds(hubs: Hubs): [[number, number], [number, number]] {
  let [[west, south], [east, north]] = UKRAINE_BOUNDS;
  for (const hub of hubs.features) {
    const [lng, lat] = hub.geometry.coordinates as [number, number];
    west = Math.min(west, lng - 0.5);
    east = Math.max(east, lng + 0.5);
    south = Math.min(south, lat - 0.3);
    north = Math.max(north, lat + 0.3);
  }
  return [
    [west, south],
    [east, north],
  ];
}

interface MapData {
  readonly regions: Regions;
  readonly neighbours: Neighbours;
  readonly hubs: Hubs;
}

interface LegendEntry {
  readonly iso3: string | null;
  readonly name: string;
  readonly units: number;
  readonly colour: string;
}

function legendOf(regions: Regions): LegendEntry[] {
  const byNation = new Map<string, { name: string; units: number }>();
  let unled = 0;
  for (const { properties } of regions.features) {
    if (!properties.leadNation) {
      unled++;
      continue;
    }
    const entry = byNation.get(properties.leadNation);
    if (entry) entry.units++;
    else
      byNation.set(properties.leadNation, {
        name: properties.leadNationName ?? properties.leadNation,
        units: 1,
      });
  }
  const entries: LegendEntry[] = [...byNation.entries()]
    .map(([iso3, { name, units }]) => ({ iso3, name, units, colour: nationColour(iso3) }))
    .sort((a, b) => b.units - a.units || a.name.localeCompare(b.name));
  entries.push({ iso3: null, name: 'No lead', units: unled, colour: NO_LEAD_COLOUR });
  return entries;
}

function regionPopup(region: RegionProperties): HTMLElement {
  const root = element('div', 'popup');
  root.append(
    element('div', 'popup-title', region.nameEn),
    element('div', 'popup-sub', `${region.nameUk} · ${region.code}`),
  );
  const lead = element('div', 'popup-row');
  lead.append(element('span', 'popup-key', 'Lead'), element('span', '', ' '));
  if (region.leadNation) {
    const swatch = element('span', 'swatch');
    swatch.style.background = nationColour(region.leadNation);
    lead.append(
      swatch,
      element('span', '', `${region.leadNationName ?? region.leadNation} (${region.leadNation})`),
    );
  } else {
    lead.append(element('span', 'muted', 'none — gap'));
  }
  root.append(lead);
  const efforts = element('div', 'popup-row');
  efforts.append(
    element('span', 'popup-key', 'Lines of effort '),
    element('span', '', region.linesOfEffort.length ? region.linesOfEffort.join(', ') : '—'),
  );
  root.append(efforts);
  return root;
}

/** Attach hover and click popups for the regions layer. */
function bindRegionPopups(map: MapLibreMap, regions: Regions): void {
  const byCode = new Map(regions.features.map((feature) => [feature.properties.code, feature.properties]));
  const hover = new Popup({ closeButton: false, closeOnClick: false, className: 'hover-popup', offset: 12 });
  let hovered: string | null = null;

  const setHover = (code: string | null) => {
    if (hovered === code) return;
    if (hovered) map.setFeatureState({ source: 'regions', id: hovered }, { hover: false });
    hovered = code;
    if (code) map.setFeatureState({ source: 'regions', id: code }, { hover: true });
  };
  // Nested properties come back from MapLibre as JSON strings, so popups read our own copy.
  const regionAt = (event: MapLayerMouseEvent) => {
    const code = event.features?.[0]?.properties?.['code'];
    return typeof code === 'string' ? byCode.get(code) : undefined;
  };

  map.on('mousemove', 'regions-fill', (event) => {
    const region = regionAt(event);
    if (!region) return;
    map.getCanvas().style.cursor = 'pointer';
    setHover(region.code);
    hover.setLngLat(event.lngLat).setDOMContent(regionPopup(region)).addTo(map);
  });
  map.on('mouseleave', 'regions-fill', () => {
    map.getCanvas().style.cursor = '';
    setHover(null);
    hover.remove();
  });
  map.on('click', 'regions-fill', (event) => {
    const region = regionAt(event);
    if (!region) return;
    hover.remove();
    new Popup({ offset: 8, maxWidth: '300px' })
      .setLngLat(event.lngLat)
      .setDOMContent(regionPopup(region))
      .addTo(map);
  });
}

/** The lead map: Ukraine's 27 first-level units coloured by lead nation, neighbours, hubs. */
export default function MapPage() {
  const load = useLoad<MapData>('map', async (signal) => {
    const [regions, neighbours, hubs] = await Promise.all([
      api.regions(signal),
      api.neighbours(signal),
      api.hubs(signal),
    ]);
    return { regions, neighbours, hubs };
  });
  if (load.state === 'loading') return <p className="page-status">Loading map data…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  return <LeadMap data={load.data} />;
}

function LeadMap({ data }: { readonly data: MapData }) {
  const container = useRef<HTMLElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState<string | null>(null);
  const legend = useMemo(() => legendOf(data.regions), [data.regions]);
  const led = data.regions.features.filter((feature) => feature.properties.leadNation).length;

  useEffect(() => {
    if (!container.current) return;
    const regions = {
      ...data.regions,
      features: data.regions.features.map((feature) => ({
        ...feature,
        properties: { ...feature.properties, fillColour: nationColour(feature.properties.leadNation) },
      })),
    };
    const map = new MapLibreMap({
      container: container.current,
      style: offlineStyle(data.neighbours, regions),
      bounds: viewBounds(data.hubs),
      fitBoundsOptions: { padding: 16 },
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution:
          'Boundaries: geoBoundaries (CC BY 4.0); neighbours: Natural Earth via visionscarto',
      },
    });
    map.touchZoomRotate.disableRotation();
    map.on('error', (event) => {
      console.error('map error', event.error);
      setFailure(event.error?.message ?? 'unknown map error');
    });
    let hubMarkers: { remove(): void }[] = [];
    map.on('load', () => {
      bindRegionPopups(map, data.regions);
      hubMarkers = addHubMarkers(map, data.hubs);
      map.once('idle', () => setState('ready'));
    });
    return () => {
      for (const marker of hubMarkers) marker.remove();
      map.remove();
    };
  }, [data]);

  useEffect(() => {
    if (failure) setState('failed');
  }, [failure]);

  return (
    <main className="map-page">
      <div className="map-wrap">
        <section
          ref={container}
          className="map"
          data-testid="map"
          data-state={state}
          aria-label="Map of Ukraine's regions coloured by lead nation"
        />
        {failure && (
          <p className="map-failure" role="alert">
            The map could not draw: {failure}
          </p>
        )}
      </div>
      <aside className="map-side">
        <p className="status-line" data-testid="map-status">
          {plural(data.regions.features.length, 'unit')}, {led} led,{' '}
          {plural(data.hubs.features.length, 'hub')}
        </p>
        <section>
          <h2>Lead nation</h2>
          <ul className="legend" data-testid="legend">
            {legend.map((entry) => (
              <li key={entry.iso3 ?? 'none'} className="legend-item">
                <span className="swatch" style={{ background: entry.colour }} />
                <span className="legend-name">
                  {entry.iso3 ? <a href={`#/nations/${entry.iso3}`}>{entry.name}</a> : entry.name}
                </span>
                <span className="legend-count">{entry.units}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2>Hubs</h2>
          {data.hubs.features.length === 0 ? (
            <p className="muted">No hubs releasable to you.</p>
          ) : (
            <ul className="hub-list">
              {data.hubs.features.map((hub) => (
                <li key={hub.properties.id} className="hub-item">
                  <HubSymbol sidc={hub.properties.sidc} size={18} />
                  <span>
                    <span className="hub-name">{hub.properties.name}</span>
                    <span className="muted small"> {hub.properties.nations.join(', ')}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="muted small">
          Hover a region for its names, lead nation and lines of effort; click to pin. Hub symbols are APP-6 /
          MIL-STD-2525.
        </p>
      </aside>
    </main>
  );
}
