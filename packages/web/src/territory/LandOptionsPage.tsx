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
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
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

const km2 = (n: number) => `${Math.round(n).toLocaleString('en')} km²`;
const num = (n: number) => Math.round(n).toLocaleString('en');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const shareText = (s: ShareOfUkraine) =>
  `${pct(s.official)} of the official ${km2(s.officialKm2)}; ${pct(s.boundaries)} of the unit boundaries' ${km2(s.boundariesKm2)}`;

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
      ...labelLayers({ regionsSource: 'units' }),
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
        customAttribution:
          'Boundaries: geoBoundaries (wmgeolab), CC BY 4.0; countries and land outline: Natural Earth via visionscarto; lines: as drafted',
      },
    });
    mapRef.current = map;
    map.on('error', (event) => setFailure(event.error?.message ?? 'unknown map error'));
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
  }, [props.backdrop]);
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
      {failure ? <p className="map-failure">The map could not be drawn: {failure}</p> : null}
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
  const rows: [string, (f: LandOptionFacts) => React.ReactNode][] = [
    [
      'Kind',
      (f) =>
        f.option.kind === 'line'
          ? `a line; the occupying side holds its ${f.option.occupiedSide}`
          : 'an area the occupying side holds',
    ],
    ['Occupying side holds', (f) => `${km2(f.areas.occupiedKm2)} (${shareText(f.areas.occupiedShare)})`],
    [
      'Government holds',
      (f) => `${km2(f.areas.governmentKm2)} (${pct(f.areas.governmentShare.official)} of the official area)`,
    ],
    [
      'Against the current line',
      (f) =>
        f.difference && f.current
          ? `occupying side gains ${km2(f.difference.gainedKm2)}, returns ${km2(f.difference.returnedKm2)} (current line: ${f.current.source}, ${f.current.asOf})`
          : 'no current line loaded',
    ],
    ['Oblasts split by the line', (f) => f.unitsSplit.join(', ') || 'none'],
    [
      'Population (pre-war, area-weighted)',
      (f) =>
        f.population
          ? `occupying side ${num(f.population.occupied)}; government ${num(f.population.government)} (${f.population.source})`
          : 'no population table loaded',
    ],
    ['Line of contact', (f) => `${f.line.lengthKm.toFixed(0)} km`],
    [
      'Monitors needed',
      (f) =>
        `${num(f.monitoring.monitors)} (${num(f.monitoring.monitorsLow)}–${num(f.monitoring.monitorsHigh)}), ${f.monitoring.patrolBases} patrol bases`,
    ],
    ['Buffer zone', (f) => `${km2(f.buffer.areaKm2)} at ${f.buffer.widthKm} km each side`],
    [
      'Cities in the buffer',
      (f) =>
        f.buffer.settlements.map((s) => `${s.name} (${s.distanceKm.toFixed(0)} km)`).join(', ') || 'none',
    ],
    [
      'Hubs in the buffer',
      (f) => f.buffer.hubs.map((h) => `${h.name} (${h.distanceKm.toFixed(0)} km)`).join(', ') || 'none',
    ],
    [
      'Would break',
      (f) => {
        const b = f.breaks.filter((x) => x.severity === 'breaks');
        return b.length === 0 ? (
          'nothing you may see'
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
      'Would affect',
      (f) => {
        const b = f.breaks.filter((x) => x.severity === 'affects');
        return b.length === 0 ? (
          'nothing you may see'
        ) : (
          <ul className="plain">
            {b.map((x) => (
              <li key={x.reason}>{x.reason}</li>
            ))}
          </ul>
        );
      },
    ],
    ['Releasable to', (f) => f.releasability],
  ];
  return (
    <div className="table-scroll">
      <table className="grid land-options-table" data-testid="land-options-table">
        <thead>
          <tr>
            <th scope="col">Fact</th>
            {options.map((f) => (
              <th scope="col" key={f.option.id}>
                <button
                  type="button"
                  className={f.option.id === chosen ? 'link chosen' : 'link'}
                  onClick={() => onChoose(f.option.id)}
                >
                  {f.option.name}
                </button>
                <div className="muted">version {f.option.version}</div>
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
        text: `Saved "${r.option.name}" as version ${r.option.version}, releasable to ${r.option.releasability}.${r.repaired.length > 0 ? ` Repaired: ${r.repaired.map((n) => n.reason).join('; ')}.` : ''}`,
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
      <h2>Draft an option</h2>
      <p className="muted">
        Draw the demarcation line on the map, from beyond the border or the coast across Ukraine and out
        again, or import a GeoJSON file (a line, or the area the occupying side would hold). Saving again
        under the same short name keeps the earlier versions.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => props.setDrawing(!props.drawing)} disabled={file !== null}>
          {props.drawing ? 'Stop drawing' : 'Draw a line on the map'}
        </button>
        <button type="button" onClick={props.clear} disabled={props.drawn.length === 0}>
          Clear the line
        </button>
        <span className="muted">{props.drawn.length > 0 ? `${props.drawn.length} points drawn` : null}</span>
      </div>
      <label>
        Or import a file{' '}
        <input
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return setFile(null);
            try {
              setFile({ name: f.name, json: JSON.parse(await f.text()) });
            } catch (error) {
              setOutcome({ ok: false, text: `${f.name} is not JSON: ${(error as Error).message}` });
            }
          }}
        />
      </label>
      <label>
        Name{' '}
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Line along the Dnipro" />
      </label>
      <label>
        Short name{' '}
        <input
          value={key}
          onChange={(e) => setKey(e.target.value.toLowerCase())}
          pattern="[a-z0-9][a-z0-9_.\-]{0,63}"
          placeholder="dnipro-line"
        />
      </label>
      {isLine ? (
        <label>
          The occupying side holds, walking the line from its first point to its last, the{' '}
          <select value={side} onChange={(e) => setSide(e.target.value as 'left' | 'right')}>
            <option value="left">left</option>
            <option value="right">right</option>
          </select>
        </label>
      ) : null}
      <label>
        Releasable to <input value={releasability} onChange={(e) => setReleasability(e.target.value)} />
      </label>
      {confirming && draft ? (
        <div className="notice" role="alertdialog" aria-label="Confirm saving">
          <p>
            Save "{draft.name}" ({isLine ? `a line, occupying side on its ${side}` : 'an area'}) releasable to{' '}
            {releasability}? It is recorded in the audit log and cannot be changed, only followed by a new
            version.
          </p>
          <button type="button" onClick={save} disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="submit" disabled={!draft}>
          Save…
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
    return <p className="page-status">Measuring land options…</p>;
  const query = `bufferKm=${bufferKm}`;
  return (
    <main className="page" data-testid="land-options-page">
      <div className="page-head">
        <h1>Land options</h1>
        <label>
          Buffer zone{' '}
          <select value={bufferKm} onChange={(e) => setBufferKm(Number(e.target.value))}>
            {[5, 10, 15, 20, 30, 50].map((k) => (
              <option key={k} value={k}>
                {k} km each side
              </option>
            ))}
          </select>
        </label>
        {options.length > 0 ? (
          <span className="downloads">
            Download the table: <a href={`/api/territory/land-options/compare.csv?${query}`}>CSV</a> ·{' '}
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
        <span style={{ color: OCCUPIED }}>■</span> held by the occupying side under{' '}
        {facts.state === 'ready' && facts.data ? `"${facts.data.option.name}"` : 'the option'} ·{' '}
        <span style={{ color: BUFFER }}>■</span> buffer zone · <span style={{ color: LINE }}>━</span> its line
        of contact · <span style={{ color: OPTION }}>━</span> the option as drawn ·{' '}
        <span style={{ color: CURRENT }}>╍</span> current line of contact{' '}
        {facts.state === 'ready' && facts.data?.current
          ? `(${facts.data.current.source}, ${facts.data.current.asOf})`
          : '(none loaded)'}
        {drawing ? ' · click the map to add points to your line' : ''}
      </p>
      {options.length === 0 ? (
        <div className="empty-state" data-testid="land-options-empty">
          <p>
            <strong>No land option is stored that you may see.</strong>{' '}
            {drafter
              ? 'Draw a line on the map below or import a GeoJSON file to measure an option against the current line.'
              : 'Cell staff and analysts draft options; ask them to release one to your nation.'}
          </p>
        </div>
      ) : (
        <ComparisonTable options={options} chosen={shownId} onChoose={setChosen} />
      )}
      {options.length > 0 ? (
        <details className="muted">
          <summary>How the figures are measured (releasable to {comparison.data.releasability})</summary>
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
