import 'maplibre-gl/dist/maplibre-gl.css';
import type { BaseMap, IncidentCounts, Zones } from '@guarantor/core/api';
import { CATEGORIES, INCIDENT_STATES, type IncidentStateName } from '@guarantor/core/monitoring';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { Map as MapLibreMap, Popup, setWorkerUrl, type VectorTileSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatCount, formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { useLoad } from '../load.ts';
import { element } from '../map/dom.ts';
import { servedBaseMap } from '../map/style.ts';
import { categoryName, incidentStateName, zoneKindName } from '../words.ts';
import { filterQuery, type IncidentFilters, monitoringApi } from './api.ts';
import { CATEGORY_GROUPS, categoryColour, monitoringStyle } from './style.ts';

setWorkerUrl(workerUrl);

const HOUR_MS = 3_600_000;

/** Time windows the page offers, ending now. */
const WINDOWS = [
  { id: '24h', ms: 24 * HOUR_MS },
  { id: '7d', ms: 7 * 24 * HOUR_MS },
  { id: '30d', ms: 30 * 24 * HOUR_MS },
  { id: 'all', ms: null },
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
  const { t } = useTranslation('monitoring');
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
  if (base.state === 'loading') return <p className="page-status">{t('map.loading')}</p>;
  return <MonitoringMap base={base.data} />;
}

function MonitoringMap({ base }: { readonly base: Base }) {
  const { t } = useTranslation('monitoring');
  // The map is made in the reader's language (names, attribution, popups): a new language, a new map.
  const attribution = t('map.attribution');
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
        customAttribution: attribution,
      },
    });
    mapRef.current = map;
    map.on('error', (event) => {
      console.error(`map error: ${event.error?.message ?? 'unknown'}`);
      setFailure(event.error?.message ?? i18n.t('monitoring:map.unknownError'));
      setMapState('failed');
    });
    map.on('load', () => map.once('idle', () => setMapState((s) => (s === 'failed' ? s : 'ready'))));
    // What the map draws, for the browser tests and anyone inspecting the page: the number of
    // distinct incidents rendered once the map is idle (a point on a tile edge comes twice),
    // and below z11, where tiles carry bins, what the bins count (written on each bin by the style).
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
        element(
          'div',
          'popup-title',
          i18n.t('monitoring:map.binCount', {
            count: Number(p['count']),
            n: formatNumber(Number(p['count'])),
          }),
        ),
        element('div', 'popup-sub', i18n.t('monitoring:map.zoomIn')),
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
          `${categoryName(String(p['category']))} · ${incidentStateName(String(p['state']))} · ${i18n.t('monitoring:map.count', { n: formatCount(Number(p['count_best'])) })}`,
        ),
        element('div', 'popup-sub', formatUtc(new Date(Number(p['start_ms'])).toISOString())),
      );
      new Popup({ offset: 8 }).setLngLat(event.lngLat).setDOMContent(root).addTo(map);
    });
    return () => {
      mapRef.current = null;
      map.remove();
    };
  }, [base, attribution]);

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
          aria-label={t('map.label')}
        />
        {failure && (
          <p className="map-failure" role="alert">
            {t('map.failed', { failure })}
          </p>
        )}
      </div>
      <aside className="map-side">
        <p className="status-line" data-testid="monitoring-total">
          {counts.state === 'ready' ? t('map.shown', { count: counts.data.total }) : t('map.counting')}
          <span className={live.connected ? 'live on' : 'live'} title={t('map.liveTitle')}>
            {' · '}
            {live.connected ? t('map.live') : t('map.offline')}
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
          {t('map.window')}
          <select value={windowId} onChange={(e) => setWindowId(e.target.value as WindowId)}>
            {WINDOWS.map((w) => (
              <option key={w.id} value={w.id}>
                {t(`map.windows.${w.id}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('map.sector')}
          <select value={sector ?? ''} onChange={(e) => setSector(e.target.value || null)}>
            <option value="">{t('map.allSectors')}</option>
            {sectors.map((s) => (
              <option key={s.properties.id} value={s.properties.id}>
                {s.properties.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>{t('map.state')}</legend>
          {INCIDENT_STATES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={states.includes(s)}
                onChange={() => setStates((now) => nonEmpty(toggle(now, s), now))}
              />{' '}
              <span title={incidentStateName(s)}>{t(`state.${s}`)}</span>
              <span className="legend-count">
                {counts.state === 'ready' ? formatCount(counts.data.byState[s] ?? 0) : ''}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>
            {t('map.category')}{' '}
            {categories.length > 0 && (
              <button type="button" className="link-button" onClick={() => setCategories([])}>
                {t('map.all')}
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
                  <span className="legend-count">{n === null ? '' : formatCount(n)}</span>
                </li>
              );
            })}
          </ul>
        </fieldset>
        {counts.state === 'error' && <ErrorPanel error={counts.error} />}
        <section>
          <h2>{t('key.title')}</h2>
          <ul className="legend">
            {CATEGORY_GROUPS.map((g) => (
              <li key={g.id} className="legend-item">
                <span className="swatch" style={{ background: g.colour, borderRadius: '50%' }} />{' '}
                {t(`key.group.${g.id}`)}
              </li>
            ))}
            <li className="legend-item">{t('key.ring')}</li>
            <li className="legend-item">
              <span className="swatch" style={{ background: '#b71c1c' }} /> {zoneKindName('line_of_contact')}{' '}
              · <span className="swatch" style={{ background: '#ffcc80' }} /> {zoneKindName('buffer_zone')}
            </li>
          </ul>
          {base.zones.features.some(
            (f: Feature<Geometry, { illustrative: boolean }>) => f.properties.illustrative,
          ) && <p className="muted">{t('key.illustrative')}</p>}
        </section>
        <p>
          <a href="#/reports/daily">{t('report.title')}</a>
        </p>
      </aside>
    </main>
  );
}
