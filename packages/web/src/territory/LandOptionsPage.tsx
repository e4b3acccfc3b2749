/**
 * Land options: alternative demarcations compared side by side on facts (issue 17). A table
 * with one column per option (areas and shares with their baselines, the difference from the
 * current line, units split, population, line length, monitoring force, buffer, what it would
 * break), CSV and XLSX downloads, and a map of the chosen option: the area the occupying side
 * would hold, the option's line, its line of contact, the buffer and the current line. Cell staff
 * and analysts draft an option by clicking a line on the map, or import a GeoJSON file, and save
 * it after a confirmation.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LandOptionFacts, Neighbours, Places, ShareOfUkraine, Units, User } from '@guarantor/core/api';
import { REGIONS } from '@guarantor/core/coalition';
import type { FeatureCollection } from 'geojson';
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapMouseEvent,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatCount, formatDay, formatNumber } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { localPlaceName, localRegionName } from '../i18n/places.ts';
import { useLoad } from '../load.ts';
import { fontFaces, labelLayers } from '../map/labels.ts';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE } from '../map/palette.ts';
import { type LandOptionDraft, territoryApi } from './api.ts';

setWorkerUrl(workerUrl);

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const UKRAINE_BOUNDS: [[number, number], [number, number]] = [
  [22, 44],
  [41, 53],
];
/** Occupying side's area, buffer, option line, line of contact, current line, the draft. */
const OCCUPIED = '#e08a6f';
const BUFFER = '#fdd49e';
const OPTION = '#08306b';
const LINE = '#99000d';
const CURRENT = '#525252';
const DRAFT = '#6a51a3';

/** An area: 1234.4 → "1,234 km²" ("1 234 км²" in Ukrainian). */
const km2 = (n: number) => i18n.t('territory:km2', { n: formatCount(n) });
const num = (n: number) => formatCount(n);
const pct = (n: number) =>
  formatNumber(n, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const km = (n: number) => i18n.t('territory:options.km', { n: formatCount(n) });
const shareText = (s: ShareOfUkraine) =>
  i18n.t('territory:options.share', {
    official: pct(s.official),
    officialKm2: km2(s.officialKm2),
    boundaries: pct(s.boundaries),
    boundariesKm2: km2(s.boundariesKm2),
  });
const REGION_CODES = new Map(REGIONS.map((r) => [r.name, r.code]));
/** An oblast the server names in English ("Zaporizhzhia Oblast"), in the reader's language. */
const oblast = (name: string) => {
  const code = REGION_CODES.get(name);
  return code ? localRegionName(code, name) : name;
};

interface Backdrop {
  readonly neighbours: Neighbours;
  readonly units: Units;
  readonly places: Places;
}

function style(b: Backdrop): StyleSpecification {
  const layer = (name: string) => ['==', ['get', 'layer'], name] as ['==', ['get', string], string];
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      neighbours: { type: 'geojson', data: b.neighbours },
      units: { type: 'geojson', data: b.units },
      places: { type: 'geojson', data: b.places },
      option: { type: 'geojson', data: EMPTY },
      draft: { type: 'geojson', data: EMPTY },
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
      { id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': '#f7f7f2' } },
      {
        id: 'occupied-fill',
        type: 'fill',
        source: 'option',
        filter: layer('occupied'),
        paint: { 'fill-color': OCCUPIED, 'fill-opacity': 0.5 },
      },
      {
        id: 'buffer-fill',
        type: 'fill',
        source: 'option',
        filter: layer('buffer'),
        paint: { 'fill-color': BUFFER, 'fill-opacity': 0.7 },
      },
      {
        id: 'units-line',
        type: 'line',
        source: 'units',
        paint: { 'line-color': '#6b7480', 'line-width': 0.8 },
      },
      {
        id: 'current-line',
        type: 'line',
        source: 'option',
        filter: layer('current_line'),
        paint: { 'line-color': CURRENT, 'line-width': 2, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'contact-line',
        type: 'line',
        source: 'option',
        filter: layer('line'),
        paint: { 'line-color': LINE, 'line-width': 2.5 },
      },
      {
        id: 'option-line',
        type: 'line',
        source: 'option',
        filter: layer('option'),
        paint: { 'line-color': OPTION, 'line-width': 1.2 },
      },
      { id: 'draft-line', type: 'line', source: 'draft', paint: { 'line-color': DRAFT, 'line-width': 3 } },
      {
        id: 'draft-points',
        type: 'circle',
        source: 'draft',
        paint: { 'circle-color': DRAFT, 'circle-radius': 4 },
      },
      ...labelLayers({ regionsSource: 'units', places: b.places }),
    ],
  };
}

/** The map: the chosen option's layers, and the line being drawn (clicks add points while drawing). */
function OptionMap(props: {
  readonly backdrop: Backdrop;
  readonly option: FeatureCollection;
  readonly draft: readonly [number, number][];
  readonly drawing: boolean;
  readonly onPoint: (p: [number, number]) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const data = useRef(props);
  data.current = props;
  const [failure, setFailure] = useState<string | null>(null);
  const { t } = useTranslation('territory');
  // The map is made in the reader's language (names, attribution): a new language, a new map.
  const attribution = t('options.map.attribution');
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: style(props.backdrop),
      bounds: UKRAINE_BOUNDS,
      fitBoundsOptions: { padding: 12 },
      dragRotate: false,
      doubleClickZoom: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution: attribution,
      },
    });
    mapRef.current = map;
    map.on('error', (event) => setFailure(event.error?.message ?? i18n.t('territory:map.unknownError')));
    map.on('load', () => {
      (map.getSource('option') as GeoJSONSource).setData(data.current.option);
    });
    map.on('click', (event: MapMouseEvent) => {
      if (data.current.drawing)
        data.current.onPoint([+event.lngLat.lng.toFixed(5), +event.lngLat.lat.toFixed(5)]);
    });
    map.on('idle', () => {
      if (!container.current || !map.getLayer('occupied-fill')) return;
      const drawn = [
        'occupied-fill',
        'buffer-fill',
        'contact-line',
        'current-line',
        'option-line',
        'draft-line',
      ].filter((l) => map.queryRenderedFeatures({ layers: [l] }).length > 0);
      container.current.dataset['drawn'] = drawn.join(' ');
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [props.backdrop, attribution]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map?.isStyleLoaded()) return;
    (map.getSource('option') as GeoJSONSource | undefined)?.setData(props.option);
  }, [props.option]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map?.isStyleLoaded()) return;
    const d = props.draft;
    (map.getSource('draft') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: [
        ...(d.length > 1
          ? [
              {
                type: 'Feature' as const,
                properties: {},
                geometry: { type: 'LineString' as const, coordinates: [...d] },
              },
            ]
          : []),
        ...d.map((p) => ({
          type: 'Feature' as const,
          properties: {},
          geometry: { type: 'Point' as const, coordinates: p },
        })),
      ],
    });
    map.getCanvas().style.cursor = props.drawing ? 'crosshair' : '';
  }, [props.draft, props.drawing]);
  return (
    <div className="map-wrap land-options-map">
      <div ref={container} className="map" data-testid="land-options-map" />
      {failure ? <p className="map-failure">{t('map.failed', { failure })}</p> : null}
    </div>
  );
}

/** The comparison: one column per option, one row per fact. */
function ComparisonTable({
  options,
  chosen,
  onChoose,
}: {
  readonly options: readonly LandOptionFacts[];
  readonly chosen: string | undefined;
  readonly onChoose: (id: string) => void;
}) {
  const { t } = useTranslation('territory');
  const none = t('options.none');
  const rows: [string, (f: LandOptionFacts) => React.ReactNode][] = [
    [
      t('options.row.kind'),
      (f) =>
        f.option.kind === 'line'
          ? t(f.option.occupiedSide === 'right' ? 'options.kindLineRight' : 'options.kindLineLeft')
          : t('options.kindArea'),
    ],
    [t('options.row.occupied'), (f) => `${km2(f.areas.occupiedKm2)} (${shareText(f.areas.occupiedShare)})`],
    [
      t('options.row.government'),
      (f) =>
        t('options.governmentHolds', {
          area: km2(f.areas.governmentKm2),
          share: pct(f.areas.governmentShare.official),
        }),
    ],
    [
      t('options.row.current'),
      (f) =>
        f.difference && f.current
          ? t('options.against', {
              gained: km2(f.difference.gainedKm2),
              returned: km2(f.difference.returnedKm2),
              source: f.current.source,
              date: formatDay(f.current.asOf),
            })
          : t('options.noCurrent'),
    ],
    [t('options.row.split'), (f) => f.unitsSplit.map(oblast).join(', ') || none],
    [
      t('options.row.population'),
      (f) =>
        f.population
          ? t('options.population', {
              occupied: num(f.population.occupied),
              government: num(f.population.government),
              source: f.population.source,
            })
          : t('options.noPopulation'),
    ],
    [t('options.row.line'), (f) => km(f.line.lengthKm)],
    [
      t('options.row.monitors'),
      (f) =>
        t('options.monitors', {
          monitors: num(f.monitoring.monitors),
          low: num(f.monitoring.monitorsLow),
          high: num(f.monitoring.monitorsHigh),
          bases: t('options.patrolBases', { count: f.monitoring.patrolBases }),
        }),
    ],
    [
      t('options.row.buffer'),
      (f) => t('options.buffer', { area: km2(f.buffer.areaKm2), width: formatNumber(f.buffer.widthKm) }),
    ],
    [
      t('options.row.cities'),
      (f) =>
        f.buffer.settlements.map((s) => `${localPlaceName(s.name)} (${km(s.distanceKm)})`).join(', ') || none,
    ],
    [
      t('options.row.hubs'),
      (f) => f.buffer.hubs.map((h) => `${localPlaceName(h.name)} (${km(h.distanceKm)})`).join(', ') || none,
    ],
    [
      t('options.row.crossings'),
      (f) =>
        f.buffer.crossings.map((c) => `${localPlaceName(c.name)} (${km(c.distanceKm)})`).join(', ') || none,
    ],
    [
      t('options.row.routes'),
      (f) =>
        f.buffer.routes.length === 0
          ? none
          : `${t('options.routesInBuffer', {
              count: f.buffer.routes.length,
              km: km(f.buffer.routes.reduce((sum, r) => sum + r.insideKm, 0)),
            })}: ${f.buffer.routes
              .slice(0, 5)
              .map((r) => r.name ?? r.id)
              .join(', ')}${f.buffer.routes.length > 5 ? ', …' : ''}`,
    ],
    [
      t('options.row.breaks'),
      (f) => {
        const b = f.breaks.filter((x) => x.severity === 'breaks');
        return b.length === 0 ? (
          t('options.nothingVisible')
        ) : (
          <ul className="plain">
            {b.map((x) => (
              <li key={x.reason}>{x.reason}</li>
            ))}
          </ul>
        );
      },
    ],
    [
      t('options.row.affects'),
      (f) => {
        const b = f.breaks.filter((x) => x.severity === 'affects');
        return b.length === 0 ? (
          t('options.nothingVisible')
        ) : (
          <ul className="plain">
            {b.map((x) => (
              <li key={x.reason}>{x.reason}</li>
            ))}
          </ul>
        );
      },
    ],
    [t('options.row.releasableTo'), (f) => f.releasability],
  ];
  return (
    <div className="table-scroll">
      <table className="grid land-options-table" data-testid="land-options-table">
        <thead>
          <tr>
            <th scope="col">{t('options.fact')}</th>
            {options.map((f) => (
              <th scope="col" key={f.option.id}>
                <button
                  type="button"
                  className={f.option.id === chosen ? 'link chosen' : 'link'}
                  onClick={() => onChoose(f.option.id)}
                >
                  {f.option.name}
                </button>
                <div className="muted">{t('options.version', { version: f.option.version })}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, cell]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {options.map((f) => (
                <td key={f.option.id} className="land-options-cell">
                  {cell(f)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Drafting: the line drawn on the map or a file, the form, a confirmation, and what the server said. */
function DraftForm(props: {
  readonly user: User;
  readonly drawn: readonly [number, number][];
  readonly drawing: boolean;
  readonly setDrawing: (on: boolean) => void;
  readonly clear: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation('territory');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [side, setSide] = useState<'left' | 'right'>('left');
  const [releasability, setReleasability] = useState(`NATIONAL ${props.user.nation}`);
  const [file, setFile] = useState<{ name: string; json: unknown } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const geometry = file
    ? file.json
    : props.drawn.length > 1
      ? { type: 'LineString', coordinates: props.drawn }
      : null;
  const isLine = file ? !/Polygon/.test(JSON.stringify(file.json).slice(0, 400)) : true;
  const draft: LandOptionDraft | null =
    geometry && name.trim() && key
      ? {
          key,
          name: name.trim(),
          description: '',
          releasability,
          geometry,
          ...(isLine ? { occupiedSide: side } : {}),
        }
      : null;
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      const r = await territoryApi.saveOption(draft);
      setOutcome({
        ok: true,
        text: `${t('draft.saved', {
          name: r.option.name,
          version: r.option.version,
          releasability: r.option.releasability,
        })}${r.repaired.length > 0 ? ` ${t('draft.repaired', { reasons: r.repaired.map((n) => n.reason).join('; ') })}` : ''}`,
      });
      props.clear();
      setFile(null);
      props.onSaved();
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <form
      className="territory-import"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft) setConfirming(true);
      }}
    >
      <h2>{t('draft.title')}</h2>
      <p className="muted">{t('draft.text')}</p>
      <div className="button-row">
        <button type="button" onClick={() => props.setDrawing(!props.drawing)} disabled={file !== null}>
          {props.drawing ? t('draft.stop') : t('draft.draw')}
        </button>
        <button type="button" onClick={props.clear} disabled={props.drawn.length === 0}>
          {t('draft.clear')}
        </button>
        <span className="muted">
          {props.drawn.length > 0 ? t('draft.points', { count: props.drawn.length }) : null}
        </span>
      </div>
      <label>
        {t('draft.file')}{' '}
        <input
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return setFile(null);
            try {
              setFile({ name: f.name, json: JSON.parse(await f.text()) });
            } catch (error) {
              setOutcome({
                ok: false,
                text: t('import.notJson', { file: f.name, error: (error as Error).message }),
              });
            }
          }}
        />
      </label>
      <label>
        {t('draft.name')}{' '}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('draft.namePlaceholder')}
        />
      </label>
      <label>
        {t('draft.key')}{' '}
        <input
          value={key}
          onChange={(e) => setKey(e.target.value.toLowerCase())}
          pattern="[a-z0-9][a-z0-9_.\-]{0,63}"
          placeholder="dnipro-line"
        />
      </label>
      {isLine ? (
        <label>
          {t('draft.side')}{' '}
          <select value={side} onChange={(e) => setSide(e.target.value as 'left' | 'right')}>
            <option value="left">{t('draft.left')}</option>
            <option value="right">{t('draft.right')}</option>
          </select>
        </label>
      ) : null}
      <label>
        {t('options.row.releasableTo')}{' '}
        <input value={releasability} onChange={(e) => setReleasability(e.target.value)} />
      </label>
      {confirming && draft ? (
        <div className="notice" role="alertdialog" aria-label={t('draft.confirmLabel')}>
          <p>
            {t('draft.confirm', {
              name: draft.name,
              what: isLine ? t(side === 'right' ? 'draft.lineRight' : 'draft.lineLeft') : t('draft.area'),
              releasability,
            })}
          </p>
          <button type="button" onClick={save} disabled={busy}>
            {busy ? t('draft.saving') : t('draft.save')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('draft.cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" disabled={!draft}>
          {t('draft.review')}
        </button>
      )}
      {outcome ? (
        <div className={outcome.ok ? 'notice' : 'notice notice-breach'} role="status">
          <p>{outcome.text}</p>
        </div>
      ) : null}
    </form>
  );
}

/** The Land options page. */
export default function LandOptionsPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('territory');
  const [reload, setReload] = useState(0);
  const [bufferKm, setBufferKm] = useState(15);
  const [chosen, setChosen] = useState<string | undefined>();
  const [drawn, setDrawn] = useState<[number, number][]>([]);
  const [drawing, setDrawing] = useState(false);
  const comparison = useLoad(`land-options/compare/${bufferKm}/${reload}`, (signal) =>
    territoryApi.compare(bufferKm, signal),
  );
  const backdrop = useLoad<Backdrop>('territory/backdrop', async (signal) => {
    const [neighbours, units, places] = await Promise.all([
      api.neighbours(signal),
      api.units(signal),
      api.places(signal),
    ]);
    return { neighbours, units, places };
  });
  const options = comparison.state === 'ready' ? comparison.data.options : [];
  const shownId = chosen && options.some((o) => o.option.id === chosen) ? chosen : options[0]?.option.id;
  const facts = useLoad(`land-options/facts/${shownId ?? 'none'}/${bufferKm}/${reload}`, async (signal) =>
    shownId ? territoryApi.facts(shownId, bufferKm, signal) : null,
  );
  const layers = useMemo<FeatureCollection>(
    () => (facts.state === 'ready' && facts.data ? (facts.data.map as FeatureCollection) : EMPTY),
    [facts],
  );
  const drafter = user.roles.some((r) => r === 'cell_staff' || r === 'analyst');
  if (comparison.state === 'error') return <ErrorPanel error={comparison.error} />;
  if (backdrop.state === 'error') return <ErrorPanel error={backdrop.error} />;
  if (comparison.state === 'loading' || backdrop.state === 'loading')
    return <p className="page-status">{t('options.measuring')}</p>;
  const query = `bufferKm=${bufferKm}`;
  return (
    <main className="page" data-testid="land-options-page">
      <div className="page-head">
        <h1>{t('options.title')}</h1>
        <label>
          {t('options.row.buffer')}{' '}
          <select value={bufferKm} onChange={(e) => setBufferKm(Number(e.target.value))}>
            {[5, 10, 15, 20, 30, 50].map((k) => (
              <option key={k} value={k}>
                {t('options.eachSide', { km: formatNumber(k) })}
              </option>
            ))}
          </select>
        </label>
        {options.length > 0 ? (
          <span className="downloads">
            {t('options.download')} <a href={`/api/territory/land-options/compare.csv?${query}`}>CSV</a> ·{' '}
            <a href={`/api/territory/land-options/compare.xlsx?${query}`}>XLSX</a>
          </span>
        ) : null}
      </div>
      <Downloads list="/api/territory/land-options" what="the land options" />
      <OptionMap
        backdrop={backdrop.data}
        option={layers}
        draft={drawn}
        drawing={drawing}
        onPoint={(p) => setDrawn((d) => [...d, p])}
      />
      <p className="legend muted">
        <span style={{ color: OCCUPIED }}>■</span>{' '}
        {facts.state === 'ready' && facts.data
          ? t('options.legend.heldUnder', { name: facts.data.option.name })
          : t('options.legend.held')}{' '}
        · <span style={{ color: BUFFER }}>■</span> {t('options.legend.buffer')} ·{' '}
        <span style={{ color: LINE }}>━</span> {t('options.legend.line')} ·{' '}
        <span style={{ color: OPTION }}>━</span> {t('options.legend.option')} ·{' '}
        <span style={{ color: CURRENT }}>╍</span> {t('options.legend.current')}{' '}
        {facts.state === 'ready' && facts.data?.current
          ? `(${facts.data.current.source}, ${formatDay(facts.data.current.asOf)})`
          : t('options.legend.noneLoaded')}
        {drawing ? ` · ${t('options.legend.clickToAdd')}` : ''}
      </p>
      {options.length === 0 ? (
        <div className="empty-state" data-testid="land-options-empty">
          <p>
            <strong>{t('options.empty')}</strong>{' '}
            {drafter ? t('options.emptyDrafter') : t('options.emptyAsk')}
          </p>
        </div>
      ) : (
        <ComparisonTable options={options} chosen={shownId} onChoose={setChosen} />
      )}
      {options.length > 0 ? (
        <details className="muted">
          <summary>{t('options.method', { releasability: comparison.data.releasability })}</summary>
          <p>{comparison.data.method}</p>
          <p>{options[0]!.monitoring.basis}</p>
        </details>
      ) : null}
      {drafter ? (
        <DraftForm
          user={user}
          drawn={drawn}
          drawing={drawing}
          setDrawing={setDrawing}
          clear={() => setDrawn([])}
          onSaved={() => {
            setDrawing(false);
            setReload((n) => n + 1);
          }}
        />
      ) : null}
    </main>
  );
}
