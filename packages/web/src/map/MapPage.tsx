import 'maplibre-gl/dist/maplibre-gl.css';
import type { BaseMap, Hubs, Neighbours, Places, RegionProperties, Regions } from '@guarantor/core/api';
import { LINES_OF_EFFORT } from '@guarantor/core/coalition';
import {
  type GeoJSONSource,
  type MapLayerMouseEvent,
  Map as MapLibreMap,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
// MapLibre resolves its worker next to its own module by default, which is not where Vite
// puts it: without this the worker 404s and the map stays blank.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatCount } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { localNationName, localPlaceName, localRegionName } from '../i18n/places.ts';
import { lineOfEffortName, nationName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { addHubMarkers, HubSymbol } from '../logistics/hubs.tsx';
import { element } from './dom.ts';
import { assignColours, CONFLICT_GROUND, CONFLICT_STRIPE, NO_LEAD_COLOUR } from './palette.ts';
import { addConflictPattern, offlineStyle, servedBaseMap } from './style.ts';

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

/** The line of effort whose leads colour the map when the page opens (the server's default). */
const DEFAULT_LINE_OF_EFFORT = 'reassurance_force';

interface Backdrop {
  readonly neighbours: Neighbours;
  readonly hubs: Hubs;
  readonly places: Places;
  /** The server's base map, its tile URLs made absolute; null when it has none. */
  readonly basemap: BaseMap | null;
}

/** Each leading nation's colour on this map (assignColours: apart for adjacent units). */
type Colours = ReadonlyMap<string, string>;

function coloursOf(regions: Regions): Colours {
  return assignColours(
    regions.features.map((f) => ({
      code: f.properties.code,
      lead: f.properties.leadNation,
      rings:
        f.geometry.type === 'Polygon'
          ? f.geometry.coordinates
          : f.geometry.type === 'MultiPolygon'
            ? f.geometry.coordinates.flat()
            : [],
    })),
  );
}

const colourOf = (colours: Colours, iso3: string | null) => (iso3 && colours.get(iso3)) || NO_LEAD_COLOUR;

/** Regions with the fill colour of their lead, which the style reads. */
function coloured(regions: Regions, colours: Colours = coloursOf(regions)): Regions {
  return {
    ...regions,
    features: regions.features.map((feature) => ({
      ...feature,
      properties: { ...feature.properties, fillColour: colourOf(colours, feature.properties.leadNation) },
    })),
  };
}

/** The legend's swatch for a contested or forbidden unit: the map's stripes. */
const CONFLICT_SWATCH = `repeating-linear-gradient(135deg, ${CONFLICT_STRIPE} 0 3px, ${CONFLICT_GROUND} 3px 8px)`;

/** The neighbours layer, without Ukraine itself (its 27 units are drawn over it). */
function neighboursOnly(neighbours: Neighbours): Neighbours {
  return { ...neighbours, features: neighbours.features.filter((f) => f.properties.iso3 !== 'UKR') };
}

interface LegendEntry {
  readonly iso3: string | null;
  readonly name: string;
  readonly units: number;
  readonly colour: string;
}

function legendOf(regions: Regions, colours: Colours): LegendEntry[] {
  const byNation = new Map<string, { name: string; units: number }>();
  let unled = 0;
  let conflicts = 0;
  for (const { properties } of regions.features) {
    if (properties.leadState === 'contested' || properties.leadState === 'forbidden') {
      conflicts++;
      continue;
    }
    if (!properties.leadNation) {
      unled++;
      continue;
    }
    const entry = byNation.get(properties.leadNation);
    if (entry) entry.units++;
    else
      byNation.set(properties.leadNation, {
        name: localNationName(properties.leadNation, properties.leadNationName ?? properties.leadNation),
        units: 1,
      });
  }
  const entries: LegendEntry[] = [...byNation.entries()]
    .map(([iso3, { name, units }]) => ({ iso3, name, units, colour: colourOf(colours, iso3) }))
    .sort((a, b) => b.units - a.units || a.name.localeCompare(b.name, i18n.language));
  if (conflicts > 0)
    entries.push({
      iso3: null,
      name: i18n.t('map:legend.conflict'),
      units: conflicts,
      colour: CONFLICT_SWATCH,
    });
  entries.push({ iso3: null, name: i18n.t('map:legend.noLead'), units: unled, colour: NO_LEAD_COLOUR });
  return entries;
}

function regionPopup(region: RegionProperties, colours: Colours): HTMLElement {
  const root = element('div', 'popup');
  // The reader's name first (Ukrainian for a Ukrainian reader), the other language under it.
  const local = localRegionName(region.code, region.nameEn);
  const other = local === region.nameEn ? region.nameUk : region.nameEn;
  root.append(
    element('div', 'popup-title', local),
    element('div', 'popup-sub', `${other ?? ''} · ${region.code}`),
  );
  const lead = element('div', 'popup-row');
  lead.append(element('span', 'popup-key', i18n.t('map:popup.lead')), element('span', '', ' '));
  if (region.leadNation) {
    const swatch = element('span', 'swatch');
    swatch.style.background = colourOf(colours, region.leadNation);
    lead.append(
      swatch,
      element(
        'span',
        '',
        `${localNationName(region.leadNation, region.leadNationName ?? region.leadNation)} (${region.leadNation})`,
      ),
    );
  } else {
    lead.append(
      element(
        'span',
        'muted',
        region.leadState === 'contested'
          ? i18n.t('map:popup.contested', { claimants: region.claimants.map(nationName).join(', ') })
          : region.leadState === 'forbidden'
            ? i18n.t('map:popup.forbidden', { claimants: region.claimants.map(nationName).join(', ') })
            : i18n.t('map:popup.gap'),
      ),
    );
  }
  root.append(lead);
  if (region.leadProblem) root.append(element('div', 'popup-problem', region.leadProblem));
  const efforts = element('div', 'popup-row');
  efforts.append(
    element('span', 'popup-key', `${i18n.t('map:popup.linesOfEffort')} `),
    element(
      'span',
      '',
      region.linesOfEffort.length ? region.linesOfEffort.map(lineOfEffortName).join(', ') : '—',
    ),
  );
  root.append(efforts);
  return root;
}

/** Attach hover and click popups for the regions layer; `current` gives the regions shown now. */
function bindRegionPopups(map: MapLibreMap, current: () => Regions, colours: () => Colours): void {
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
    return current().features.find((feature) => feature.properties.code === code)?.properties;
  };

  map.on('mousemove', 'regions-fill', (event) => {
    const region = regionAt(event);
    if (!region) return;
    map.getCanvas().style.cursor = 'pointer';
    setHover(region.code);
    hover.setLngLat(event.lngLat).setDOMContent(regionPopup(region, colours())).addTo(map);
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
      .setDOMContent(regionPopup(region, colours()))
      .addTo(map);
  });
}

/** The lead map: Ukraine's 27 first-level units coloured by lead nation, neighbours, hubs. */
export default function MapPage() {
  const { t } = useTranslation('map');
  const [lineOfEffort, setLineOfEffort] = useState(DEFAULT_LINE_OF_EFFORT);
  const backdrop = useLoad<Backdrop>('map/backdrop', async (signal) => {
    const [neighbours, hubs, places, basemap] = await Promise.all([
      api.neighbours(signal),
      api.hubs(signal),
      api.places(signal),
      api.basemap(signal),
    ]);
    return {
      neighbours: neighboursOnly(neighbours),
      hubs,
      places,
      basemap: servedBaseMap(basemap, window.location.origin),
    };
  });
  const regions = useLoad(`map/regions/${lineOfEffort}`, (signal) => api.regions(lineOfEffort, signal));
  // Keep the last regions on screen while another line of effort loads, so the map stays.
  const [shown, setShown] = useState<Regions | null>(null);
  useEffect(() => {
    if (regions.state === 'ready') setShown(regions.data);
  }, [regions]);

  if (backdrop.state === 'error') return <ErrorPanel error={backdrop.error} />;
  if (regions.state === 'error') return <ErrorPanel error={regions.error} />;
  if (backdrop.state === 'loading' || !shown) return <p className="page-status">{t('loading')}</p>;
  return (
    <LeadMap
      backdrop={backdrop.data}
      regions={shown}
      lineOfEffort={lineOfEffort}
      onLineOfEffort={setLineOfEffort}
      switching={regions.state === 'loading'}
    />
  );
}

function LeadMap({
  backdrop,
  regions,
  lineOfEffort,
  onLineOfEffort,
  switching,
}: {
  readonly backdrop: Backdrop;
  readonly regions: Regions;
  readonly lineOfEffort: string;
  readonly onLineOfEffort: (id: string) => void;
  readonly switching: boolean;
}) {
  const { t } = useTranslation('map');
  // The map is made in the reader's language (names, attribution, popups): a new language, a new map.
  const attribution = t('attribution');
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const regionsRef = useRef(regions);
  regionsRef.current = regions;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState<string | null>(null);
  const colours = useMemo(() => coloursOf(regions), [regions]);
  const coloursRef = useRef(colours);
  coloursRef.current = colours;
  const legend = useMemo(() => legendOf(regions, colours), [regions, colours]);
  const led = regions.features.filter((feature) => feature.properties.leadNation).length;
  const { hubs } = backdrop;

  // One map per backdrop; region changes go through setData below, not a new map.
  useEffect(() => {
    if (!container.current) return;
    const initial = regionsRef.current;
    const map = new MapLibreMap({
      container: container.current,
      style: offlineStyle(backdrop.neighbours, coloured(initial), backdrop.places, backdrop.basemap),
      bounds: viewBounds(backdrop.hubs),
      fitBoundsOptions: { padding: 16 },
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution: attribution,
      },
    });
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    // The conflict stripes are drawn here, not fetched: added before the first frame, and again
    // should MapLibre ask for them by name (a style reload drops added images).
    addConflictPattern(map);
    map.on('styleimagemissing', () => addConflictPattern(map));
    map.on('error', (event) => {
      console.error('map error', event.error);
      setFailure(event.error?.message ?? i18n.t('map:unknownError'));
      setState('failed');
    });
    // What the map draws, for the browser tests: each unit rendered with the lead nation its
    // fill was drawn for ("UA-14=FRA", "UA-30=" without a lead), once the map is idle.
    map.on('idle', () => {
      if (!map.getLayer('regions-fill') || !container.current) return;
      const drawn = new Map<string, string>();
      for (const f of map.queryRenderedFeatures({ layers: ['regions-fill'] }))
        drawn.set(String(f.properties?.['code']), String(f.properties?.['leadNation'] ?? ''));
      container.current.dataset['renderedLeads'] = [...drawn]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, nation]) => `${code}=${nation}`)
        .join(' ');
      // …and the names it managed to place (only text whose glyphs were drawn is placed).
      const placed = map.queryRenderedFeatures({
        layers: ['region-labels', 'city-labels', 'country-labels'],
      });
      container.current.dataset['renderedLabels'] = [
        ...new Set(
          placed.map((f) => {
            const { kind, name, nameEn } = f.properties ?? {};
            return String(kind === 'country' ? String(name).toUpperCase() : (nameEn ?? name));
          }),
        ),
      ]
        .sort()
        .join('|');
      // …and, over a server's base map (ADR 0038), whether its tiles are loaded and how many of
      // its features were drawn.
      if (map.getSource('basemap')) {
        const layers = map
          .getStyle()
          .layers.filter((l) => 'source' in l && l.source === 'basemap')
          .map((l) => l.id);
        container.current.dataset['basemapLoaded'] = String(map.isSourceLoaded('basemap'));
        container.current.dataset['renderedBasemap'] = String(map.queryRenderedFeatures({ layers }).length);
      }
    });
    let hubMarkers: { remove(): void }[] = [];
    map.on('load', () => {
      // A line of effort picked while the style loaded has not reached the map yet.
      if (regionsRef.current !== initial) {
        (map.getSource('regions') as GeoJSONSource).setData(coloured(regionsRef.current));
      }
      bindRegionPopups(
        map,
        () => regionsRef.current,
        () => coloursRef.current,
      );
      hubMarkers = addHubMarkers(map, backdrop.hubs);
      map.once('idle', () => setState((now) => (now === 'failed' ? now : 'ready')));
    });
    return () => {
      mapRef.current = null;
      for (const marker of hubMarkers) marker.remove();
      map.remove();
    };
  }, [backdrop, attribution]);

  useEffect(() => {
    const map = mapRef.current;
    const source = map?.getSource('regions') as GeoJSONSource | undefined;
    if (!map || !source) return;
    setState((now) => (now === 'failed' ? now : 'loading'));
    source.setData(coloured(regions, colours));
    map.once('idle', () => setState((now) => (now === 'failed' ? now : 'ready')));
  }, [regions, colours]);

  return (
    <main className="map-page">
      <div className="map-wrap">
        <section
          ref={container}
          className="map"
          data-testid="map"
          data-state={state}
          aria-label={t('label')}
        />
        {failure && (
          <p className="map-failure" role="alert">
            {t('failed', { failure })}
          </p>
        )}
      </div>
      <aside className="map-side">
        <p className="status-line" data-testid="map-status">
          {t('status', {
            units: t('units', { count: regions.features.length }),
            led,
            hubs: t('hubs', { count: hubs.features.length }),
          })}
        </p>
        <label className="field">
          {t('lineOfEffort')}
          <select
            value={lineOfEffort}
            onChange={(event) => onLineOfEffort(event.target.value)}
            aria-busy={switching}
          >
            {LINES_OF_EFFORT.map((line) => (
              <option key={line.id} value={line.id}>
                {lineOfEffortName(line.id)}
              </option>
            ))}
          </select>
        </label>
        <section>
          <h2>{t('legend.title')}</h2>
          <ul className="legend" data-testid="legend">
            {legend.map((entry) => (
              <li key={entry.iso3 ?? 'none'} className="legend-item">
                <span className="swatch" style={{ background: entry.colour }} />
                <span className="legend-name">
                  {entry.iso3 ? <a href={`#/nations/${entry.iso3}`}>{entry.name}</a> : entry.name}
                </span>
                <span className="legend-count">{formatCount(entry.units)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t('hubsTitle')}</h2>
          <Downloads list="/api/hubs" what="the hubs" geo />
          {hubs.features.length === 0 ? (
            <p className="muted">{t('noHubs')}</p>
          ) : (
            <ul className="hub-list">
              {hubs.features.map((hub) => (
                <li key={hub.properties.id} className="hub-item">
                  <HubSymbol sidc={hub.properties.sidc} size={18} />
                  <span>
                    <span className="hub-name">{localPlaceName(hub.properties.name)}</span>
                    <span className="muted small"> {hub.properties.nations.join(', ')}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="muted small">{t('hint')}</p>
      </aside>
    </main>
  );
}
