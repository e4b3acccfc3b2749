/**
 * Territory: control over time. The occupied area's versions on a timeline (one step per date),
 * the area on the chosen date on the map, and the change from an earlier date: what was newly
 * occupied and what was no longer occupied, on the map and per oblast in a table. Every share
 * names its baseline (the official 603,628 km², or the sum of the boundary polygons).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type {
  ControlAreaChangeResponse,
  ControlAreaVersion,
  Neighbours,
  Places,
  ShareOfUkraine,
  Units,
  User,
} from '@guarantor/core/api';
import type { FeatureCollection } from 'geojson';
import { type GeoJSONSource, Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatCount, formatDay, formatNumber } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { localRegionName } from '../i18n/places.ts';
import { type Load, useLoad } from '../load.ts';
import { fontFaces, labelLayers } from '../map/labels.ts';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE } from '../map/palette.ts';
import { territoryApi } from './api.ts';

setWorkerUrl(workerUrl);

/** Occupied area, newly occupied, no longer occupied: red, dark red, blue (apart for colour-blind readers). */
const HELD = '#e08a6f';
const GAINED = '#99000d';
const LOST = '#2166ac';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const UKRAINE_BOUNDS: [[number, number], [number, number]] = [
  [22, 44],
  [41, 53],
];

/** An area: 1234.4 → "1,234 km²" ("1 234 км²" in Ukrainian). */
const km2 = (n: number) => i18n.t('territory:km2', { n: formatCount(n) });
/** 0.19381 → "19.38%" ("19,38 %" in French). */
const pct = (n: number) =>
  formatNumber(n, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = (n: number) => formatCount(n);
/** 0.19381 → "19.4" (a percentage without its sign, for the table's "% of oblast" column). */
const pct1 = (n: number) => formatNumber(n * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A date of the timeline ("2025-02-01") as the reader writes it. */
const day = (iso: string | undefined) => formatDay(iso);

/** "19.38% of the official 603,628 km²; 18.28% of the boundary polygons' 640,027 km²". */
function shareText(share: ShareOfUkraine): string {
  return i18n.t('territory:share', {
    official: pct(share.official),
    officialKm2: km2(share.officialKm2),
    boundaries: pct(share.boundaries),
    boundariesKm2: km2(share.boundariesKm2),
  });
}

interface Backdrop {
  readonly neighbours: Neighbours;
  readonly units: Units;
  readonly places: Places;
}

function style(b: Backdrop): StyleSpecification {
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      neighbours: { type: 'geojson', data: b.neighbours },
      units: { type: 'geojson', data: b.units },
      places: { type: 'geojson', data: b.places },
      held: { type: 'geojson', data: EMPTY },
      difference: { type: 'geojson', data: EMPTY },
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
      { id: 'held-fill', type: 'fill', source: 'held', paint: { 'fill-color': HELD, 'fill-opacity': 0.55 } },
      {
        id: 'difference-fill',
        type: 'fill',
        source: 'difference',
        paint: {
          'fill-color': ['match', ['get', 'change'], 'gained', GAINED, LOST],
          'fill-opacity': 0.85,
        },
      },
      {
        id: 'units-line',
        type: 'line',
        source: 'units',
        paint: { 'line-color': '#6b7480', 'line-width': 0.8 },
      },
      {
        id: 'held-line',
        type: 'line',
        source: 'held',
        paint: { 'line-color': '#8c2d04', 'line-width': 1.2 },
      },
      ...labelLayers({ regionsSource: 'units', places: b.places }),
    ],
  };
}

/** The map: drawn once per backdrop; the area and the difference change through setData. */
function TerritoryMap(props: {
  readonly backdrop: Backdrop;
  readonly held: FeatureCollection;
  readonly difference: FeatureCollection;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const data = useRef(props);
  data.current = props;
  const [failure, setFailure] = useState<string | null>(null);
  const { t } = useTranslation('territory');
  // The map is made in the reader's language (names, attribution): a new language, a new map.
  const attribution = t('map.attribution');
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: style(props.backdrop),
      bounds: UKRAINE_BOUNDS,
      fitBoundsOptions: { padding: 12 },
      dragRotate: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution: attribution,
      },
    });
    mapRef.current = map;
    map.on('error', (event) => setFailure(event.error?.message ?? i18n.t('territory:map.unknownError')));
    map.on('load', () => {
      (map.getSource('held') as GeoJSONSource).setData(data.current.held);
      (map.getSource('difference') as GeoJSONSource).setData(data.current.difference);
    });
    // What the map drew, for the browser check: the layers with features on screen.
    map.on('idle', () => {
      if (!container.current || !map.getLayer('held-fill')) return;
      const drawn = ['held-fill', 'difference-fill'].filter(
        (layer) => map.queryRenderedFeatures({ layers: [layer] }).length > 0,
      );
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
    (map.getSource('held') as GeoJSONSource | undefined)?.setData(props.held);
    (map.getSource('difference') as GeoJSONSource | undefined)?.setData(props.difference);
  }, [props.held, props.difference]);
  return (
    <div className="map-wrap territory-map">
      <div ref={container} className="map" data-testid="territory-map" />
      {failure ? <p className="map-failure">{t('map.failed', { failure })}</p> : null}
    </div>
  );
}

/** The version in force on each date: the latest import of that date (the list is newest first). */
function versionsByDate(versions: readonly ControlAreaVersion[]): Map<string, ControlAreaVersion> {
  const byDate = new Map<string, ControlAreaVersion>();
  for (const v of versions) if (!byDate.has(v.asOf)) byDate.set(v.asOf, v);
  return byDate;
}

function ChangeTable({ change }: { readonly change: ControlAreaChangeResponse }) {
  const { t } = useTranslation('territory');
  const rows = change.units.filter((u) => u.fromKm2 > 0.5 || u.toKm2 > 0.5).sort((a, b) => b.toKm2 - a.toKm2);
  return (
    <table className="grid territory-table" data-testid="territory-change">
      <thead>
        <tr>
          <th scope="col">{t('table.oblast')}</th>
          <th scope="col" className="num">
            {t('table.occupied', { date: day(change.to.asOf) })}
          </th>
          <th scope="col" className="num">
            {t('table.gained')}
          </th>
          <th scope="col" className="num">
            {t('table.lost')}
          </th>
          <th scope="col" className="num">
            {t('table.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.code}>
            <th scope="row">{localRegionName(u.code, u.name)}</th>
            <td className="num">{num(u.toKm2)}</td>
            <td className="num">{u.gainedKm2 >= 0.5 ? num(u.gainedKm2) : '–'}</td>
            <td className="num">{u.lostKm2 >= 0.5 ? num(u.lostKm2) : '–'}</td>
            <td className="num">
              {pct1(u.fromShareOfUnit)} → {pct1(u.toShareOfUnit)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('table.all')}</th>
          <td className="num">{num(change.totals.toKm2)}</td>
          <td className="num">{num(change.totals.gainedKm2)}</td>
          <td className="num">{num(change.totals.lostKm2)}</td>
          <td className="num">
            {pct1(change.share.from.official)} → {pct1(change.share.to.official)}*
          </td>
        </tr>
      </tfoot>
      <caption className="territory-caption">
        {t('table.caption', {
          official: km2(change.share.to.officialKm2),
          from: pct1(change.share.from.boundaries),
          to: pct1(change.share.to.boundaries),
          boundariesKm2: km2(change.share.to.boundariesKm2),
        })}
      </caption>
    </table>
  );
}

function ImportForm({ onImported }: { readonly onImported: () => void }) {
  const { t } = useTranslation('territory');
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState('');
  const [source, setSource] = useState('deepstatemap');
  const [releasability, setReleasability] = useState('COALITION');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; notes: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file || !asOf) return;
    setBusy(true);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (error) {
        setOutcome({
          ok: false,
          text: t('import.notJson', { file: file.name, error: (error as Error).message }),
          notes: [],
        });
        return;
      }
      const result = await territoryApi.importFile(json, {
        asOf,
        source,
        fileName: file.name,
        releasability,
      });
      const v = result.version;
      setOutcome({
        ok: true,
        text: t('import.stored', {
          source: v.source,
          version: v.version,
          date: day(v.asOf),
          area: km2(v.areaKm2),
          taken: v.featuresTaken,
          read: v.featuresRead,
        }),
        notes: [
          ...result.skipped.map((n) =>
            t('import.skippedField', { feature: n.feature, field: n.field, reason: n.reason }),
          ),
          ...result.repaired.map((n) =>
            t('import.repairedField', { feature: n.feature, field: n.field, reason: n.reason }),
          ),
        ],
      });
      onImported();
    } catch (error) {
      const details =
        error instanceof ApiError
          ? (error.details as { skipped?: { feature: number; reason: string }[] })
          : undefined;
      setOutcome({
        ok: false,
        text: error instanceof Error ? error.message : String(error),
        notes: (details?.skipped ?? []).map((n) =>
          t('import.skipped', { feature: n.feature, reason: n.reason }),
        ),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="territory-import" onSubmit={submit}>
      <h2>{t('import.title')}</h2>
      <p className="muted">{t('import.text')}</p>
      <label>
        {t('import.file')}{' '}
        <input
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <label>
        {t('import.heldOn')}{' '}
        <input type="date" required value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </label>
      <label>
        {t('import.source')}{' '}
        <input
          value={source}
          onChange={(e) => setSource(e.target.value)}
          pattern="[a-z0-9][a-z0-9_.\-]{0,63}"
        />
      </label>
      <label>
        {t('import.releasability')}{' '}
        <input value={releasability} onChange={(e) => setReleasability(e.target.value)} />
      </label>
      <button type="submit" disabled={busy || !file || !asOf}>
        {busy ? t('import.importing') : t('import.submit')}
      </button>
      {outcome ? (
        <div className={outcome.ok ? 'notice' : 'notice notice-breach'} role="status">
          <p>{outcome.text}</p>
          {outcome.notes.length > 0 ? (
            <ul>
              {outcome.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function loaded<T>(load: Load<T>): T | undefined {
  return load.state === 'ready' ? load.data : undefined;
}

/** The Territory page. */
export default function TerritoryPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('territory');
  const [reload, setReload] = useState(0);
  const versions = useLoad(`territory/versions/${reload}`, (signal) => territoryApi.versions(signal));
  const backdrop = useLoad<Backdrop>('territory/backdrop', async (signal) => {
    const [neighbours, units, places] = await Promise.all([
      api.neighbours(signal),
      api.units(signal),
      api.places(signal),
    ]);
    return { neighbours, units, places };
  });
  const byDate = useMemo(() => versionsByDate(loaded(versions)?.versions ?? []), [versions]);
  const dates = useMemo(() => [...byDate.keys()].sort(), [byDate]);
  const [toIndex, setToIndex] = useState<number | null>(null);
  const [fromDate, setFromDate] = useState<string | null>(null);
  const to = dates[toIndex ?? dates.length - 1];
  const earlier = dates.filter((d) => to !== undefined && d < to);
  const from = fromDate && earlier.includes(fromDate) ? fromDate : earlier.at(-1);
  const shown = to ? byDate.get(to) : undefined;
  const feature = useLoad(`territory/version/${shown?.id ?? 'none'}`, async (signal) =>
    shown ? territoryApi.version(shown.id, signal) : null,
  );
  const change = useLoad(`territory/change/${from ?? ''}/${to ?? ''}/${reload}`, async (signal) =>
    from && to ? territoryApi.change(from, to, signal) : null,
  );
  const held = useMemo<FeatureCollection>(() => {
    const f = loaded(feature);
    return f ? { type: 'FeatureCollection', features: [f] } : EMPTY;
  }, [feature]);
  const difference = useMemo<FeatureCollection>(
    () => (loaded(change)?.difference as FeatureCollection | undefined) ?? EMPTY,
    [change],
  );
  const importer = user.roles.some((r) => r === 'cell_staff' || r === 'analyst');

  if (versions.state === 'error') return <ErrorPanel error={versions.error} />;
  if (backdrop.state === 'error') return <ErrorPanel error={backdrop.error} />;
  if (versions.state === 'loading' || backdrop.state === 'loading') {
    return <p className="page-status">{t('loading')}</p>;
  }
  if (dates.length === 0) {
    return (
      <main className="page" data-testid="territory-page">
        <div className="page-head">
          <h1>{t('emptyTitle')}</h1>
        </div>
        <div className="empty-state" data-testid="territory-empty">
          <p>
            <Trans t={t} i18nKey="empty" components={{ b: <strong /> }} />
          </p>
          <p className="muted">
            {importer ? t('emptyImporter') : t('emptyNeedsRole')}{' '}
            <code>
              guarantor territory import deepstatemap.geojson --as-of 2025-01-02 --source deepstatemap
            </code>
          </p>
        </div>
        {importer ? <ImportForm onImported={() => setReload((n) => n + 1)} /> : null}
      </main>
    );
  }
  const c = loaded(change);
  return (
    <main className="map-page territory-page" data-testid="territory-page">
      <TerritoryMap backdrop={backdrop.data} held={held} difference={difference} />
      <aside className="map-side territory-side">
        <h1>{t('title')}</h1>
        <Downloads
          list="/api/territory/control-areas"
          what="the control-area versions"
          query={{ side: 'occupied' }}
        />
        <label className="territory-slider">
          {t('occupiedOn')} <strong data-testid="territory-date">{day(to)}</strong>
          <input
            type="range"
            min={0}
            max={dates.length - 1}
            step={1}
            value={toIndex ?? dates.length - 1}
            onChange={(e) => setToIndex(Number(e.target.value))}
            aria-valuetext={day(to)}
            list="territory-dates"
          />
          <datalist id="territory-dates">
            {dates.map((d, i) => (
              <option key={d} value={i} label={day(d)} />
            ))}
          </datalist>
        </label>
        <ol className="territory-timeline">
          {dates.map((d, i) => (
            <li key={d}>
              <button type="button" aria-pressed={d === to} onClick={() => setToIndex(i)}>
                {day(d)}
              </button>
            </li>
          ))}
        </ol>
        {shown ? (
          <p className="summary">
            {t('shown', {
              area: km2(shown.areaKm2),
              share: shareText(shown.share),
              source: shown.source,
              version: shown.version,
              releasability: shown.releasability,
            })}
            {shown.repaired.length + shown.skipped.length > 0
              ? ` ${t('shownRepairs', { skipped: shown.skipped.length, repaired: shown.repaired.length })}`
              : ''}
          </p>
        ) : null}
        {earlier.length === 0 ? (
          <p className="muted">{t('noEarlier')}</p>
        ) : (
          <label>
            {t('changeSince')}{' '}
            <select value={from} onChange={(e) => setFromDate(e.target.value)}>
              {earlier.map((d) => (
                <option key={d} value={d}>
                  {day(d)}
                </option>
              ))}
            </select>
          </label>
        )}
        <ul className="territory-legend">
          <li>
            <span style={{ background: HELD }} /> {t('legend.occupied', { date: day(to) })}
          </li>
          {from ? (
            <>
              <li>
                <span style={{ background: GAINED }} /> {t('legend.gained', { date: day(from) })}
              </li>
              <li>
                <span style={{ background: LOST }} /> {t('legend.lost', { date: day(from) })}
              </li>
            </>
          ) : null}
        </ul>
        {change.state === 'error' ? <ErrorPanel error={change.error} /> : null}
        {c ? (
          <>
            <p className="summary" data-testid="territory-change-summary">
              {t('changeSummary', {
                from: day(c.from.asOf),
                to: day(c.to.asOf),
                gained: km2(c.totals.gainedKm2),
                lost: km2(c.totals.lostKm2),
                net: `${c.totals.netKm2 >= 0 ? '+' : '−'}${km2(Math.abs(c.totals.netKm2))}`,
                netShare: `${c.totals.netKm2 >= 0 ? '+' : '−'}${pct(Math.abs(c.share.net.official))}`,
              })}
            </p>
            <ChangeTable change={c} />
            <p className="muted territory-method">{c.method}</p>
          </>
        ) : change.state === 'loading' && from ? (
          <p className="muted">{t('measuring')}</p>
        ) : null}
        {importer ? <ImportForm onImported={() => setReload((n) => n + 1)} /> : null}
      </aside>
    </main>
  );
}
