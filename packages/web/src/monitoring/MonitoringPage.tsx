import 'maplibre-gl/dist/maplibre-gl.css';
import type { BaseMap, IncidentCounts, Zones } from '@guarantor/core/api';
import { CATEGORIES, INCIDENT_STATES, type IncidentStateName } from '@guarantor/core/monitoring';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { Map as MapLibreMap, Popup, setWorkerUrl, type VectorTileSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { element } from '../map/dom.ts';
import { servedBaseMap } from '../map/style.ts';
import { categoryName, incidentStateName } from '../words.ts';
import { filterQuery, type IncidentFilters, monitoringApi } from './api.ts';
import { CATEGORY_GROUPS, categoryColour, monitoringStyle } from './style.ts';

setWorkerUrl(workerUrl);

const HOUR_MS = 3_600_000;

/** Time windows the page offers, ending now. */
const WINDOWS = [
  { id: '24h', label: 'Last 24 hours', ms: 24 * HOUR_MS },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR_MS },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR_MS },
  { id: 'all', label: 'All time', ms: null },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

/**
 * The URL of the incident tiles under the filters. The tile route refuses unknown parameters,
 * so a live event reloads the source (setTiles) rather than adding a cache-busting one; the
 * server lets a browser cache a tile for 5 s at most.
 */
function tilesUrl(filters: IncidentFilters): string {
  return `${window.location.origin}/tiles/incidents/{z}/{x}/{y}.mvt?${filterQuery(filters)}`;
}

interface Base {
  readonly neighbours: FeatureCollection;
  readonly units: FeatureCollection;
  readonly zones: Zones;
  readonly places: FeatureCollection;
  /** The server's base map, if it has one (ADR 0038). */
  readonly basemap: BaseMap | null;
}

/** The live monitoring map: incidents as PostGIS vector tiles under filters, counts that agree, zones, live updates. */
export default function MonitoringPage() {
  const base = useLoad<Base>('monitoring/base', async (signal) => {
    // The units' outlines are static (no lead is shown here), so the light endpoint serves them.
    const [neighbours, units, zones, places, basemap] = await Promise.all([
      api.neighbours(signal),
      api.units(signal),
      monitoringApi.zones(signal),
      api.places(signal),
      api.basemap(signal),
    ]);
    return {
      neighbours: { ...neighbours, features: neighbours.features.filter((f) => f.properties.iso3 !== 'UKR') },
      units,
      zones,
      places,
      basemap: servedBaseMap(basemap, window.location.origin),
    };
  });
  if (base.state === 'error') return <ErrorPanel error={base.error} />;
  if (base.state === 'loading') return <p className="page-status">Loading monitoring map…</p>;
  return <MonitoringMap base={base.data} />;
}

function MonitoringMap({ base }: { readonly base: Base }) {
  const [categories, setCategories] = useState<string[]>([]);
  const [states, setStates] = useState<IncidentStateName[]>([
    'reported',
    'corroborated',
    'verified',
    'attributed',
  ]);
  const [windowId, setWindowId] = useState<WindowId>('7d');
  const [sector, setSector] = useState<string | null>(null);
  const [live, setLive] = useState({ version: 0, at: Date.now(), connected: false });
  const sectors = useMemo(
    () => base.zones.features.filter((f) => f.properties.kind === 'sector'),
    [base.zones],
  );

  // One set of filters, with the window's instants fixed when the filters or a live event change,
  // so the tiles and the counts ask for exactly the same thing.
  const filters = useMemo<IncidentFilters>(() => {
    const w = WINDOWS.find((x) => x.id === windowId)!;
    return {
      categories,
      states,
      from: w.ms === null ? null : new Date(live.at - w.ms).toISOString(),
      to: null,
      sector,
    };
  }, [categories, states, windowId, sector, live.at]);

  const counts = useLoad<IncidentCounts>(
    `monitoring/counts?${filterQuery(filters)}&v=${live.version}`,
    (signal) => monitoringApi.counts(filters, signal),
  );

  // Live updates: any incident event re-reads the tiles and the counts (at most once a second).
  useEffect(() => {
    const source = new EventSource('/api/live');
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lost = false;
    const reload = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setLive((l) => ({ version: l.version + 1, at: Date.now(), connected: true }));
      }, 1000);
    };
    source.onopen = () => {
      setLive((l) => ({ ...l, connected: true }));
      // Back after a cut: changes made meanwhile were not heard, so re-read everything.
      if (lost) reload();
      lost = false;
    };
    source.onerror = () => {
      lost = true;
      setLive((l) => ({ ...l, connected: false }));
    };
    source.addEventListener('incident', reload);
    // The server's database was away: it may have missed changes it would have sent.
    source.addEventListener('resync', reload);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, []);

  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState<string | null>(null);
  const firstUrl = useRef(tilesUrl(filters));

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: monitoringStyle(
        base.neighbours,
        base.units,
        base.zones,
        firstUrl.current,
        base.places,
        base.basemap,
      ),
      bounds: [
        [30.5, 45.8],
        [40.5, 50.6],
      ],
      fitBoundsOptions: { padding: 12 },
      dragRotate: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution:
          'Boundaries: geoBoundaries (wmgeolab), CC BY 4.0; zones marked illustrative are not agreed lines',
      },
    });
    mapRef.current = map;
    map.on('error', (event) => {
      console.error(`map error: ${event.error?.message ?? 'unknown'}`);
      setFailure(event.error?.message ?? 'unknown map error');
      setMapState('failed');
    });
    map.on('load', () => map.once('idle', () => setMapState((s) => (s === 'failed' ? s : 'ready'))));
    // What the map draws, for the browser tests and anyone inspecting the page: the number of
    // distinct incidents rendered once the map is idle (a point on a tile edge comes twice),
    // and below z10, where tiles carry bins, what the bins count (written on each bin by the style).
    map.on('idle', () => {
      if (!map.getLayer('incidents') || !container.current) return;
      const ids = new Set(
        map.queryRenderedFeatures({ layers: ['incidents'] }).map((f) => f.properties?.['id']),
      );
      const bins = new Map<string, { count: number; at: [number, number] }>();
      for (const f of map.queryRenderedFeatures({ layers: ['incident-bins'] })) {
        if (f.geometry.type !== 'Point') continue;
        const [lng, lat] = f.geometry.coordinates;
        bins.set(String(f.properties?.['bin']), { count: Number(f.properties?.['count']), at: [lng!, lat!] });
      }
      const binned = [...bins.values()].reduce((sum, b) => sum + b.count, 0);
      container.current.dataset['renderedIncidents'] = String(ids.size + binned);
    });
    map.on('click', 'incident-bins', (event) => {
      const p = event.features?.[0]?.properties;
      if (!p) return;
      const root = element('div', 'popup');
      root.append(
        element('div', 'popup-title', `${Number(p['count']).toLocaleString('en')} incidents here`),
        element('div', 'popup-sub', 'zoom in to level 10 to see each one'),
      );
      new Popup({ offset: 8 }).setLngLat(event.lngLat).setDOMContent(root).addTo(map);
    });
    map.on('mouseenter', 'incidents', () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', 'incidents', () => {
      map.getCanvas().style.cursor = '';
    });
    map.on('click', 'incidents', (event) => {
      const p = event.features?.[0]?.properties;
      if (!p) return;
      const root = element('div', 'popup');
      const link = element('a', 'popup-title', String(p['id']));
      link.href = `#/incidents/${encodeURIComponent(String(p['id']))}`;
      root.append(
        link,
        element(
          'div',
          'popup-sub',
          `${categoryName(String(p['category']))} · ${incidentStateName(String(p['state']))} · count ${String(p['count_best'])}`,
        ),
        element(
          'div',
          'popup-sub',
          new Date(Number(p['start_ms'])).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
        ),
      );
      new Popup({ offset: 8 }).setLngLat(event.lngLat).setDOMContent(root).addTo(map);
    });
    return () => {
      mapRef.current = null;
      map.remove();
    };
  }, [base]);

  // Filters, the sector included, reach the map as new tile URLs (the server filters); a live
  // event changes `filters` too (its window ends at the event), so tiles reload then.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      (map.getSource('incidents') as VectorTileSource | undefined)?.setTiles([tilesUrl(filters)]);
      map.setFilter('zones-sector-selected', ['==', ['get', 'id'], sector ?? '']);
    };
    if (map.isStyleLoaded()) apply();
    else map.once('load', apply);
  }, [filters, sector]);

  const toggle = <T,>(list: readonly T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  // An empty list means "no filter" to the server, so the last box stays ticked.
  const nonEmpty = <T,>(next: T[], now: T[]) => (next.length === 0 ? now : next);

  return (
    <main className="map-page monitoring-page">
      <div className="map-wrap">
        <section
          ref={container}
          className="map"
          data-testid="monitoring-map"
          data-state={mapState}
          aria-label="Incidents on the map"
        />
        {failure && (
          <p className="map-failure" role="alert">
            The map could not draw: {failure}
          </p>
        )}
      </div>
      <aside className="map-side">
        <p className="status-line" data-testid="monitoring-total">
          {counts.state === 'ready'
            ? `${counts.data.total} incident${counts.data.total === 1 ? '' : 's'} shown`
            : 'Counting…'}
          <span className={live.connected ? 'live on' : 'live'} title="Live updates (Server-Sent Events)">
            {live.connected ? ' · live' : ' · offline'}
          </span>
        </p>
        <Downloads
          list="/api/incidents"
          what="these incidents"
          query={filterQuery(filters)}
          geo
          testId="monitoring-export"
        />{' '}
        <label className="field">
          Time window
          <select value={windowId} onChange={(e) => setWindowId(e.target.value as WindowId)}>
            {WINDOWS.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Sector
          <select value={sector ?? ''} onChange={(e) => setSector(e.target.value || null)}>
            <option value="">All sectors and beyond</option>
            {sectors.map((s) => (
              <option key={s.properties.id} value={s.properties.id}>
                {s.properties.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>State</legend>
          {INCIDENT_STATES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={states.includes(s)}
                onChange={() => setStates((now) => nonEmpty(toggle(now, s), now))}
              />{' '}
              {s}
              <span className="legend-count">
                {counts.state === 'ready' ? (counts.data.byState[s] ?? 0) : ''}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>
            Category{' '}
            {categories.length > 0 && (
              <button type="button" className="link-button" onClick={() => setCategories([])}>
                all
              </button>
            )}
          </legend>
          <ul className="legend" data-testid="monitoring-categories">
            {CATEGORIES.map((c) => {
              const n = counts.state === 'ready' ? (counts.data.byCategory[c] ?? 0) : null;
              return (
                <li key={c} className="legend-item">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={categories.length === 0 || categories.includes(c)}
                      onChange={() =>
                        setCategories((now) =>
                          now.length === 0
                            ? CATEGORIES.filter((x) => x !== c)
                            : nonEmpty(toggle(now, c), now),
                        )
                      }
                    />
                    <span className="swatch" style={{ background: categoryColour(c) }} /> {categoryName(c)}
                  </label>
                  <span className="legend-count">{n ?? ''}</span>
                </li>
              );
            })}
          </ul>
        </fieldset>
        {counts.state === 'error' && <ErrorPanel error={counts.error} />}
        <section>
          <h2>Map key</h2>
          <ul className="legend">
            {CATEGORY_GROUPS.map((g) => (
              <li key={g.label} className="legend-item">
                <span className="swatch" style={{ background: g.colour, borderRadius: '50%' }} /> {g.label}
              </li>
            ))}
            <li className="legend-item">Black ring: verified or attributed</li>
            <li className="legend-item">
              <span className="swatch" style={{ background: '#b71c1c' }} /> line of contact ·{' '}
              <span className="swatch" style={{ background: '#ffcc80' }} /> buffer zone
            </li>
          </ul>
          {base.zones.features.some(
            (f: Feature<Geometry, { illustrative: boolean }>) => f.properties.illustrative,
          ) && (
            <p className="muted">Zones marked illustrative are drawn for demonstration, not agreed lines.</p>
          )}
        </section>
        <p>
          <a href="#/reports/daily">Daily report</a>
        </p>
      </aside>
    </main>
  );
}
