/**
 * Logistics (issue 17): a map of a route network (segments coloured by risk, hubs with their
 * APP-6 symbols, border crossings, checkpoints, corridors and the planned route), the route-risk
 * board with the incidents behind each score, the convoy planner with the routes it rejected and
 * why, and the checkpoints, corridors, crossings and hub inventories with their forms. The demo
 * network is ILLUSTRATIVE (straight segments between real places) and says so wherever it shows.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type {
  BorderCrossings,
  Checkpoints,
  ConvoyPlanView,
  ConvoyRouteView,
  Corridors,
  Hubs,
  HubsLogistics,
  Neighbours,
  Places,
  RouteNetworkDetail,
  RouteNetworkView,
  RouteRiskBoard,
  Units,
  User,
} from '@guarantor/core/api';
import type { FeatureCollection } from 'geojson';
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  type Marker,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type Outcome, OutcomeBanner, refusal } from '../forms.tsx';
import { formatCount, formatDay, formatFixed, formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { localPlaceName } from '../i18n/places.ts';
import { nationName, regionName } from '../labels.ts';
import { type Load, useLoad } from '../load.ts';
import { fontFaces, labelLayers } from '../map/labels.ts';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE } from '../map/palette.ts';
import { categoryName, incidentStateName, roleName } from '../words.ts';
import { logisticsApi } from './api.ts';
import { addHubMarkers } from './hubs.tsx';
import './logistics.css';

setWorkerUrl(workerUrl);

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const BOUNDS: [[number, number], [number, number]] = [
  [22, 44],
  [41, 53],
];
/** Risk bands: none, low, raised, high (yellow–orange–red, readable by colour-blind readers). */
const RISK_BANDS = [
  { upTo: 0, colour: '#4d9221', label: 'none' },
  { upTo: 2, colour: '#fdb863', label: 'upTo2' },
  { upTo: 5, colour: '#e66101', label: 'over2' },
  { upTo: Number.POSITIVE_INFINITY, colour: '#b2182b', label: 'over5' },
] as const;
const CROSSING_COLOURS = {
  open: '#1a9850',
  restricted: '#fdae61',
  closed: '#d73027',
  unknown: '#888888',
} as const;
const ROUTE_COLOUR = '#2166ac';
const CORRIDOR_COLOUR = '#762a83';

/** A distance in metres as km in the reader's language: 12345 → "12.3 km" ("12,3 км"). */
const km = (m: number) => i18n.t('logistics:km', { n: formatNumber(m / 1000, { maximumFractionDigits: 1 }) });
const when = (iso: string) => formatUtc(iso);
/** A risk score or threshold: 2.5 → "2.5" ("2,5"). */
const riskText = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });
/** Segments, counted: "12 segments" ("12 сегментів"). */
const segmentsText = (count: number) => i18n.t('logistics:segments', { count });
/** A route's nodes joined by arrows. */
const path = (nodes: readonly string[], nodeName: (id: string) => string) => nodes.map(nodeName).join(' → ');

interface Backdrop {
  readonly neighbours: Neighbours;
  readonly units: Units;
  readonly places: Places;
  readonly hubs: Hubs;
}

interface Layers {
  readonly segments: FeatureCollection;
  readonly crossings: FeatureCollection;
  readonly checkpoints: FeatureCollection;
  readonly corridors: FeatureCollection;
  readonly route: FeatureCollection;
}

/** Networks with more segments than this are drawn from vector tiles, not sent whole. */
const LARGE_NETWORK = 5000;

const riskColour = (): unknown[] => [
  'step',
  ['get', 'risk'],
  RISK_BANDS[0]!.colour,
  0.0001,
  RISK_BANDS[1]!.colour,
  2.0001,
  RISK_BANDS[2]!.colour,
  5.0001,
  RISK_BANDS[3]!.colour,
];

function style(b: Backdrop): StyleSpecification {
  return {
    version: 8,
    'font-faces': fontFaces(),
    sources: {
      neighbours: { type: 'geojson', data: b.neighbours },
      units: { type: 'geojson', data: b.units },
      places: { type: 'geojson', data: b.places },
      segments: { type: 'geojson', data: EMPTY },
      crossings: { type: 'geojson', data: EMPTY },
      checkpoints: { type: 'geojson', data: EMPTY },
      corridors: { type: 'geojson', data: EMPTY },
      route: { type: 'geojson', data: EMPTY },
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
        id: 'units-line',
        type: 'line',
        source: 'units',
        paint: { 'line-color': '#9aa3ad', 'line-width': 0.6 },
      },
      {
        id: 'corridors-line',
        type: 'line',
        source: 'corridors',
        paint: { 'line-color': CORRIDOR_COLOUR, 'line-width': 9, 'line-opacity': 0.35 },
      },
      {
        id: 'segments-line',
        type: 'line',
        source: 'segments',
        // biome-ignore lint/suspicious/noExplicitAny: a MapLibre expression built above
        paint: { 'line-color': riskColour() as any, 'line-width': 2.2 },
      },
      {
        id: 'route-line',
        type: 'line',
        source: 'route',
        paint: { 'line-color': ROUTE_COLOUR, 'line-width': 5, 'line-opacity': 0.8 },
      },
      {
        id: 'crossings-circle',
        type: 'circle',
        source: 'crossings',
        paint: {
          'circle-radius': 4,
          'circle-color': [
            'match',
            ['get', 'status'],
            'open',
            CROSSING_COLOURS.open,
            'restricted',
            CROSSING_COLOURS.restricted,
            'closed',
            CROSSING_COLOURS.closed,
            CROSSING_COLOURS.unknown,
          ],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
      {
        id: 'checkpoints-circle',
        type: 'circle',
        source: 'checkpoints',
        paint: {
          'circle-radius': 6,
          'circle-color': '#000000',
          'circle-stroke-color': '#ffd700',
          'circle-stroke-width': 2,
        },
      },
      ...labelLayers({ regionsSource: 'units' }),
    ],
  };
}

function LogisticsMap({
  backdrop,
  layers,
  tilesUrl,
}: {
  readonly backdrop: Backdrop;
  readonly layers: Layers;
  /** A large network's vector tiles, drawn instead of `layers.segments`. */
  readonly tilesUrl: string | null;
}) {
  const { t } = useTranslation('logistics');
  const attribution = t('map.attribution');
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const data = useRef(layers);
  data.current = layers;
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: style(backdrop),
      bounds: BOUNDS,
      fitBoundsOptions: { padding: 12 },
      dragRotate: false,
      renderWorldCopies: false,
      attributionControl: {
        compact: true,
        customAttribution: attribution,
      },
    });
    mapRef.current = map;
    let markers: Marker[] = [];
    map.on('error', (event) => setFailure(event.error?.message ?? i18n.t('logistics:map.unknownError')));
    map.on('load', () => {
      for (const [k, v] of Object.entries(data.current)) (map.getSource(k) as GeoJSONSource).setData(v);
      markers = addHubMarkers(map, backdrop.hubs);
    });
    map.on('idle', () => {
      if (!container.current || !map.getLayer('segments-line')) return;
      const drawn = [
        'segments-line',
        'route-tiles-line',
        'crossings-circle',
        'checkpoints-circle',
        'corridors-line',
        'route-line',
      ].filter((layer) => map.getLayer(layer) && map.queryRenderedFeatures({ layers: [layer] }).length > 0);
      container.current.dataset['drawn'] = drawn.join(' ');
    });
    return () => {
      for (const m of markers) m.remove();
      map.remove();
      mapRef.current = null;
    };
  }, [backdrop, attribution]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map?.isStyleLoaded()) return;
    for (const [k, v] of Object.entries(layers)) (map.getSource(k) as GeoJSONSource | undefined)?.setData(v);
  }, [layers]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      if (map.getLayer('route-tiles-line')) map.removeLayer('route-tiles-line');
      if (map.getSource('route-tiles')) map.removeSource('route-tiles');
      if (!tilesUrl) return;
      map.addSource('route-tiles', { type: 'vector', tiles: [tilesUrl], minzoom: 0, maxzoom: 14 });
      map.addLayer(
        {
          id: 'route-tiles-line',
          type: 'line',
          source: 'route-tiles',
          'source-layer': 'routes',
          // biome-ignore lint/suspicious/noExplicitAny: a MapLibre expression
          paint: { 'line-color': riskColour() as any, 'line-width': 2.2 },
        },
        'route-line',
      );
    };
    if (map.isStyleLoaded()) apply();
    else map.once('load', apply);
  }, [tilesUrl]);
  return (
    <div className="map-wrap logistics-map">
      <div ref={container} className="map" data-testid="logistics-map" />
      {failure ? <p className="map-failure">{t('map.failed', { failure })}</p> : null}
    </div>
  );
}

const lines = (
  features: { coordinates: [number, number][]; props: Record<string, unknown> }[],
): FeatureCollection => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({
    type: 'Feature',
    properties: f.props,
    geometry: { type: 'LineString', coordinates: f.coordinates },
  })),
});
const points = (
  features: { position: [number, number]; props: Record<string, unknown> }[],
): FeatureCollection => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({
    type: 'Feature',
    properties: f.props,
    geometry: { type: 'Point', coordinates: f.position },
  })),
});

function IllustrativeBanner({ network }: { readonly network: RouteNetworkView }) {
  const { t } = useTranslation('logistics');
  if (!network.illustrative) return null;
  return (
    <p className="illustrative-banner" role="note" data-testid="illustrative-banner">
      <Trans t={t} i18nKey="banner" components={{ b: <strong /> }} />
    </p>
  );
}

/** A button that asks first, then runs, then says what happened. */
function ConfirmedAction(props: {
  readonly label: string;
  readonly question: ReactNode;
  readonly run: () => Promise<string>;
  readonly onDone: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <span className="confirmed-action">
      <button type="button" className="link-button" onClick={() => setAsking(true)} disabled={asking}>
        {props.label}
      </button>
      {asking ? (
        <Confirm
          question={props.question}
          confirmLabel={props.label}
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={async () => {
            setBusy(true);
            try {
              setOutcome({ ok: true, text: await props.run() });
              props.onDone();
            } catch (error) {
              setOutcome(refusal(error));
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        />
      ) : null}
      <OutcomeBanner outcome={outcome} />
    </span>
  );
}

function RiskBoard({ board }: { readonly board: RouteRiskBoard }) {
  const { t } = useTranslation('logistics');
  const scored = board.segments.filter((s) => s.score > 0);
  return (
    <section className="logistics-section" data-testid="risk-board">
      <h2>{t('risk.title')}</h2>
      <p className="muted">{board.rule}</p>
      {scored.length === 0 ? (
        <p>{t('risk.none', { count: board.days, radius: km(board.radiusKm * 1000) })}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('risk.segment')}</th>
              <th scope="col" className="num">
                {t('risk.length')}
              </th>
              <th scope="col" className="num">
                {t('risk.risk')}
              </th>
              <th scope="col">{t('risk.incidents')}</th>
            </tr>
          </thead>
          <tbody>
            {scored.slice(0, 40).map((s) => {
              const item = (i: (typeof s.incidents)[number]) => (
                <li key={i.incidentId}>
                  <a href={`#/incidents/${encodeURIComponent(i.incidentId)}`}>{i.incidentId}</a>:{' '}
                  {t('risk.incident', {
                    category: categoryName(i.category),
                    state: incidentStateName(i.state),
                    distance: km(i.distanceM),
                    weight: riskText(i.weight),
                  })}
                </li>
              );
              return (
                <tr key={s.id}>
                  <td>
                    <strong>{s.name ?? s.id}</strong>
                  </td>
                  <td className="num">{km(s.lengthM)}</td>
                  <td className="num">{riskText(s.score)}</td>
                  <td>
                    <ul className="plain">{s.incidents.slice(0, 3).map(item)}</ul>
                    {s.incidents.length > 3 ? (
                      <details>
                        <summary>{t('risk.more', { count: s.incidents.length - 3 })}</summary>
                        <ul className="plain">{s.incidents.slice(3).map(item)}</ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {scored.length > 40 ? <p className="muted">{t('risk.top', { count: scored.length })}</p> : null}
    </section>
  );
}

function RouteTable({
  route,
  nodeName,
}: {
  readonly route: ConvoyRouteView;
  readonly nodeName: (id: string) => string;
}) {
  const { t } = useTranslation('logistics');
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">{t('planner.from')}</th>
          <th scope="col">{t('planner.to')}</th>
          <th scope="col" className="num">
            {t('risk.length')}
          </th>
          <th scope="col" className="num">
            {t('risk.risk')}
          </th>
          <th scope="col">{t('planner.onIt')}</th>
        </tr>
      </thead>
      <tbody>
        {route.legs.map((l) => (
          <tr key={l.segmentId}>
            <td>{nodeName(l.from)}</td>
            <td>{nodeName(l.to)}</td>
            <td className="num">{km(l.lengthM)}</td>
            <td className="num">{riskText(l.risk)}</td>
            <td>
              {when(l.enter)} – {l.leave.slice(11, 16)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConvoyPlanner(props: {
  readonly detail: RouteNetworkDetail;
  readonly onPlan: (plan: ConvoyPlanView | null) => void;
}) {
  const { t, i18n: lang } = useTranslation('logistics');
  // Named nodes (cities) first; a network with fewer than two offers its nodes by position.
  // The English name stays the key (`english`) and picks the defaults; `name` is the reader's.
  const named = useMemo(() => {
    const withNames = props.detail.nodes
      .filter((n) => n.name)
      .map((n) => ({ ...n, english: n.name, name: localPlaceName(n.name!) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang.language));
    if (withNames.length >= 2) return withNames;
    return props.detail.nodes.slice(0, 2000).map((n) => ({
      ...n,
      english: n.name,
      name: n.name
        ? localPlaceName(n.name)
        : i18n.t('logistics:planner.nodeAt', {
            id: n.id,
            lon: formatFixed(n.position[0], 3),
            lat: formatFixed(n.position[1], 3),
          }),
    }));
  }, [props.detail, lang.language]);
  const nodeName = (id: string) => {
    const name = props.detail.nodes.find((n) => n.id === id)?.name;
    return name ? localPlaceName(name) : id;
  };
  const [from, setFrom] = useState(named.find((n) => n.english === 'Lviv')?.id ?? named[0]?.id ?? '');
  const [to, setTo] = useState(named.find((n) => n.english === 'Kharkiv')?.id ?? named.at(-1)?.id ?? '');
  const [maxRisk, setMaxRisk] = useState(2);
  const [depart, setDepart] = useState(
    () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 11) + '06:00',
  );
  const [speed, setSpeed] = useState(40);
  const [maxWait, setMaxWait] = useState(0);
  const [plan, setPlan] = useState<ConvoyPlanView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      const p = await logisticsApi.plan(props.detail.network.id, {
        from,
        to,
        maxRisk,
        depart: `${depart}:00Z`,
        speedKmh: speed,
        maxWaitMin: maxWait,
      });
      setPlan(p);
      props.onPlan(p);
    } catch (error) {
      setOutcome(refusal(error));
      props.onPlan(null);
    }
  };
  return (
    <section className="logistics-section" data-testid="convoy-planner">
      <h2>{t('planner.title')}</h2>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t('planner.from')}{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            {named.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planner.to')}{' '}
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {named.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planner.maxRisk')}{' '}
          <input
            type="number"
            min={0}
            step={0.5}
            value={maxRisk}
            onChange={(e) => setMaxRisk(Number(e.target.value))}
          />
        </label>
        <label>
          {t('planner.depart')}{' '}
          <input type="datetime-local" value={depart} onChange={(e) => setDepart(e.target.value)} required />
        </label>
        <label>
          {t('planner.speed')}{' '}
          <input
            type="number"
            min={5}
            max={120}
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
          />
        </label>
        <label>
          {t('planner.maxWait')}{' '}
          <input
            type="number"
            min={0}
            max={10080}
            step={15}
            value={maxWait}
            onChange={(e) => setMaxWait(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="primary">
          {t('planner.plan')}
        </button>
      </form>
      <OutcomeBanner outcome={outcome} />
      {plan ? (
        <div data-testid="convoy-plan">
          {plan.route ? (
            <p className="summary">
              <Trans
                t={t}
                i18nKey="planner.route"
                values={{
                  nodes: path(plan.route.nodes, nodeName),
                  length: km(plan.route.lengthM),
                  arrive: when(plan.route.arrive),
                  risk: riskText(plan.route.maxRisk),
                }}
                components={{ b: <strong /> }}
              />
              {plan.illustrative ? ` ${t('planner.illustrative')}` : ''}
            </p>
          ) : (
            <p className="notice notice-breach">{t('planner.noRoute', { problem: plan.problem })}</p>
          )}
          {plan.route && plan.route.waits.length > 0 ? (
            <ul className="plain" data-testid="convoy-waits">
              {plan.route.waits.map((w) => (
                <li key={`${w.checkpointId}:${w.arrive}`}>
                  {t('planner.wait', {
                    minutes: w.minutes,
                    name: w.name,
                    arrive: when(w.arrive),
                    leave: when(w.leave),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {plan.route ? <RouteTable route={plan.route} nodeName={nodeName} /> : null}
          <p className="muted">
            {t('planner.tooRisky', { count: plan.tooRisky.length, max: riskText(maxRisk) })}
          </p>
          {plan.rejected.length > 0 ? (
            <>
              <h3>{t('planner.rejectedTitle')}</h3>
              <ol>
                {plan.rejected.map((r) => (
                  <li key={`${r.avoid}:${r.route.lengthM}`}>
                    {t('planner.rejected', {
                      nodes: path(r.route.nodes, nodeName),
                      length: km(r.route.lengthM),
                      reasons: r.reasons.join('; '),
                      avoid: r.avoid,
                    })}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function CheckpointsPanel(props: {
  readonly checkpoints: Checkpoints;
  readonly detail: RouteNetworkDetail;
  readonly staff: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('logistics');
  const named = props.detail.nodes.filter((n) => n.name);
  const placeOf = (id: string) => {
    const english = named.find((n) => n.id === id)?.name;
    return english ? localPlaceName(english) : id;
  };
  const [name, setName] = useState('');
  const [node, setNode] = useState(named[0]?.id ?? '');
  const [nation, setNation] = useState('');
  const [start, setStart] = useState('06:00');
  const [end, setEnd] = useState('18:00');
  const mine = props.checkpoints.checkpoints;
  return (
    <section className="logistics-section" data-testid="checkpoints">
      <h2>{t('checkpoint.title')}</h2>
      {mine.length === 0 ? <p>{t('checkpoint.none')}</p> : null}
      <ul className="plain">
        {mine.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong>{' '}
            {c.shifts.length === 0
              ? t('checkpoint.lineNoShifts', {
                  status: t(`checkpoint.status.${c.status}`),
                  nations: c.nations.map(nationName).join(', '),
                })
              : t('checkpoint.line', {
                  status: t(`checkpoint.status.${c.status}`),
                  nations: c.nations.map(nationName).join(', '),
                  shifts: c.shifts.map((s) => `${s.start}–${s.end} ${nationName(s.nation)}`).join(', '),
                })}{' '}
            <span className="releasability">{c.releasability}</span>{' '}
            {(['open', 'closed', 'suspended'] as const)
              .filter((s) => s !== c.status)
              .map((s) => (
                <ConfirmedAction
                  key={s}
                  label={t(`checkpoint.action.${s}`)}
                  question={t(s === 'open' ? 'checkpoint.confirmOpen' : 'checkpoint.confirmShut', {
                    name: c.name,
                    status: t(`checkpoint.status.${s}`),
                  })}
                  run={async () => {
                    await logisticsApi.checkpointStatus(c.id, s);
                    return t('checkpoint.done', { name: c.name, status: t(`checkpoint.status.${s}`) });
                  }}
                  onDone={props.onChange}
                />
              ))}
          </li>
        ))}
      </ul>
      {props.staff ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <h3>{t('checkpoint.addTitle')}</h3>
          <label>
            {t('checkpoint.name')} <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('checkpoint.at')}{' '}
            <select value={node} onChange={(e) => setNode(e.target.value)}>
              {named.map((n) => (
                <option key={n.id} value={n.id}>
                  {placeOf(n.id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('checkpoint.nation')}{' '}
            <input value={nation} onChange={(e) => setNation(e.target.value.toUpperCase())} size={4} />
          </label>
          <label>
            {t('checkpoint.shift')}{' '}
            <input value={start} onChange={(e) => setStart(e.target.value)} size={5} />–
            <input value={end} onChange={(e) => setEnd(e.target.value)} size={5} /> UTC
          </label>
          <ConfirmedAction
            label={t('checkpoint.add')}
            question={t('checkpoint.confirmAdd', {
              name,
              place: placeOf(node),
              nation: nation ? nationName(nation) : '',
              start,
              end,
            })}
            run={async () => {
              const made = await logisticsApi.addCheckpoint({
                name,
                nodeId: node,
                nations: [nation],
                shifts: [{ start, end, nation }],
              });
              return t('checkpoint.added', { id: made.id });
            }}
            onDone={props.onChange}
          />
        </form>
      ) : null}
    </section>
  );
}

function CorridorsPanel(props: {
  readonly corridors: Corridors;
  readonly staff: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('logistics');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  return (
    <section className="logistics-section" data-testid="corridors">
      <h2>{t('corridor.title')}</h2>
      <p className="muted">{t('corridor.rule', { radius: km(props.corridors.watchRadiusM) })}</p>
      {props.corridors.corridors.length === 0 ? <p>{t('corridor.none')}</p> : null}
      {props.corridors.corridors.map((c) => (
        <div key={c.id} className="corridor">
          <h3>{c.name}</h3>
          <p>
            {c.purpose ? `${c.purpose.replace(/\.?$/, '.')} ` : ''}
            {t('corridor.guaranteed', {
              nations: c.guarantors.map(nationName).join(', '),
              segments: segmentsText(c.segmentIds.length),
            })}{' '}
            <span className="releasability">{c.releasability}</span>
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('corridor.window')}</th>
                <th scope="col">{t('corridor.status')}</th>
                <th scope="col">{t('corridor.incidents')}</th>
                <th scope="col">{t('corridor.change')}</th>
              </tr>
            </thead>
            <tbody>
              {c.windows.map((w) => (
                <tr key={w.id}>
                  <td>
                    {when(w.start)} – {when(w.end)}
                  </td>
                  <td>{t(`corridor.windowStatus.${w.status}`)}</td>
                  <td>
                    {w.held
                      ? t('none')
                      : w.flagged
                          .map((f) =>
                            t(f.certain ? 'corridor.flagged' : 'corridor.flaggedUncertain', {
                              id: f.incidentId,
                              category: categoryName(f.category),
                              distance: km(f.distanceM),
                            }),
                          )
                          .join('; ')}
                  </td>
                  <td>
                    {(['open', 'closed', 'suspended', 'cancelled'] as const)
                      .filter((s) => s !== w.status)
                      .map((s) => (
                        <ConfirmedAction
                          key={s}
                          label={t(`corridor.action.${s}`)}
                          question={t('corridor.confirmStatus', {
                            start: when(w.start),
                            name: c.name,
                            status: t(`corridor.windowStatus.${s}`),
                          })}
                          run={async () => {
                            await logisticsApi.windowStatus(c.id, w.id, s);
                            return t('corridor.done', { status: t(`corridor.windowStatus.${s}`) });
                          }}
                          onDone={props.onChange}
                        />
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.staff ? (
            <div className="inline-form">
              <label>
                {t('corridor.newFrom')}{' '}
                <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                {t('corridor.newTo')}{' '}
                <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
              <ConfirmedAction
                label={t('corridor.add')}
                question={t('corridor.confirmAdd', { start: when(start), end: when(end), name: c.name })}
                run={async () => {
                  const made = await logisticsApi.addWindow(c.id, `${start}:00Z`, `${end}:00Z`);
                  return t('corridor.added', { id: made.id });
                }}
                onDone={props.onChange}
              />
            </div>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function CrossingsPanel(props: {
  readonly crossings: BorderCrossings;
  readonly canSet: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('logistics');
  const [open, setOpen] = useState(false);
  const counts = props.crossings.crossings.reduce<Record<string, number>>((m, c) => {
    m[c.status] = (m[c.status] ?? 0) + 1;
    return m;
  }, {});
  return (
    <section className="logistics-section" data-testid="crossings">
      <h2>{t('crossing.title')}</h2>
      <p>
        {t('crossing.summary', {
          count: props.crossings.crossings.length,
          date: formatDay(props.crossings.at),
          counts: Object.entries(counts)
            .map(([s, n]) =>
              t('crossing.count', {
                status: t(`crossing.statusName.${s}` as 'crossing.statusName.open'),
                n: formatCount(n),
              }),
            )
            .join(', '),
          asOf: formatDay('2023-05-30'),
        })}{' '}
        <button type="button" className="link-button" onClick={() => setOpen(!open)}>
          {open ? t('crossing.hide') : t('crossing.show')}
        </button>
      </p>
      {open ? (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('crossing.crossing')}</th>
              <th scope="col">{t('crossing.neighbour')}</th>
              <th scope="col">{t('crossing.status')}</th>
              <th scope="col">{t('crossing.since')}</th>
              <th scope="col">{t('crossing.change')}</th>
            </tr>
          </thead>
          <tbody>
            {props.crossings.crossings.map((c) => (
              <tr key={c.id}>
                <td>{localPlaceName(c.nameEn, c.nameUk)}</td>
                <td>{c.neighbour ? nationName(c.neighbour) : '–'}</td>
                <td>{t(`crossing.statusName.${c.status}`)}</td>
                <td>{c.statusSince ? formatDay(c.statusSince) : '–'}</td>
                <td>
                  {props.canSet
                    ? (['open', 'restricted', 'closed'] as const)
                        .filter((s) => s !== c.status)
                        .map((s) => (
                          <ConfirmedAction
                            key={s}
                            label={t(`crossing.action.${s}`)}
                            question={t('crossing.confirm', {
                              name: localPlaceName(c.nameEn, c.nameUk),
                              status: t(`crossing.statusName.${s}`),
                            })}
                            run={async () => {
                              await logisticsApi.crossingStatus(c.id, s, new Date().toISOString(), '');
                              return t('crossing.done', {
                                name: localPlaceName(c.nameEn, c.nameUk),
                                status: t(`crossing.statusName.${s}`),
                              });
                            }}
                            onDone={props.onChange}
                          />
                        ))
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function HubsPanel(props: {
  readonly hubs: HubsLogistics;
  readonly names: Hubs;
  readonly staff: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('logistics');
  const nameOf = (id: string) => {
    const english = props.names.features.find((f) => f.properties.id === id)?.properties.name;
    return english ? localPlaceName(english) : id;
  };
  const level = (p: string) => t(`hubs.level.${p}` as 'hubs.level.guarded', { defaultValue: p });
  const [hub, setHub] = useState(props.hubs.hubs[0]?.hubId ?? '');
  const current = props.hubs.hubs.find((h) => h.hubId === hub);
  const [protection, setProtection] = useState(current?.protectionLevel ?? 'unprotected');
  const [capacity, setCapacity] = useState(String(current?.capacityTonnes ?? ''));
  const [supplies, setSupplies] = useState((current?.supplies ?? []).join(', '));
  const [inventory, setInventory] = useState(
    (current?.inventory ?? []).map((i) => `${i.equipmentClass} = ${i.quantity}`).join('\n'),
  );
  const parsed = inventory
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [cls, qty] = l.split('=').map((x) => x.trim());
      return { equipmentClass: cls ?? '', quantity: Number(qty) };
    });
  return (
    <section className="logistics-section" data-testid="hubs">
      <h2>{t('hubs.title')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('hubs.hub')}</th>
            <th scope="col">{t('hubs.protection')}</th>
            <th scope="col" className="num">
              {t('hubs.capacity')}
            </th>
            <th scope="col">{t('hubs.supplies')}</th>
            <th scope="col">{t('hubs.inventory')}</th>
          </tr>
        </thead>
        <tbody>
          {props.hubs.hubs.map((h) => (
            <tr key={h.hubId}>
              <td>{nameOf(h.hubId)}</td>
              <td>{level(h.protectionLevel)}</td>
              <td className="num">{h.capacityTonnes === null ? '–' : formatCount(h.capacityTonnes)}</td>
              <td>{h.supplies.map(regionName).join(', ') || '–'}</td>
              <td>
                {h.inventory.map((i) => `${i.equipmentClass}: ${formatCount(i.quantity)}`).join('; ') || '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.staff && props.hubs.hubs.length > 0 ? (
        <div className="inline-form">
          <h3>{t('hubs.changeTitle')}</h3>
          <label>
            {t('hubs.hub')}{' '}
            <select value={hub} onChange={(e) => setHub(e.target.value)}>
              {props.hubs.hubs.map((h) => (
                <option key={h.hubId} value={h.hubId}>
                  {nameOf(h.hubId)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hubs.protection')}{' '}
            <select value={protection} onChange={(e) => setProtection(e.target.value as typeof protection)}>
              {(['unprotected', 'guarded', 'hardened', 'air_defended'] as const).map((p) => (
                <option key={p} value={p}>
                  {level(p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hubs.capacity')}{' '}
            <input type="number" min={0} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </label>
          <label>
            {t('hubs.suppliesCodes')}{' '}
            <input
              value={supplies}
              onChange={(e) => setSupplies(e.target.value)}
              placeholder="UA-05, UA-48"
            />
          </label>
          <label>
            {t('hubs.inventoryLines')}{' '}
            <textarea rows={3} value={inventory} onChange={(e) => setInventory(e.target.value)} />
          </label>
          <ConfirmedAction
            label={t('hubs.save')}
            question={t('hubs.confirm', {
              name: nameOf(hub),
              protection: level(protection),
              capacity:
                capacity === ''
                  ? t('hubs.noCapacity')
                  : t('hubs.tonnes', { n: formatCount(Number(capacity)) }),
              lines: t('hubs.lines', { count: parsed.length }),
            })}
            run={async () => {
              await logisticsApi.setHub(hub, {
                protectionLevel: protection,
                capacityTonnes: capacity === '' ? null : Number(capacity),
                supplies: supplies
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
                inventory: parsed,
              });
              return t('hubs.saved', { name: nameOf(hub) });
            }}
            onDone={props.onChange}
          />
        </div>
      ) : null}
    </section>
  );
}

function NetworkStart(props: {
  readonly staff: boolean;
  readonly hasDemo: boolean;
  readonly onMade: (id: string) => void;
}) {
  const { t } = useTranslation('logistics');
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [tolerance, setTolerance] = useState(50);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!props.staff) return <p className="muted">{t('start.needsRole', { role: roleName('cell_staff') })}</p>;
  return (
    <div className="logistics-section">
      {props.hasDemo ? null : (
        <ConfirmedAction
          label={t('start.demo')}
          question={t('start.confirmDemo')}
          run={async () => {
            const made = await logisticsApi.demo();
            props.onMade(made.network.id);
            return t('start.built', {
              name: made.network.name,
              segments: segmentsText(made.network.segments),
            });
          }}
          onDone={() => {}}
        />
      )}
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          try {
            const made = await logisticsApi.importLayer(
              name || file.name,
              tolerance,
              JSON.parse(await file.text()),
              'COALITION',
            );
            setOutcome({ ok: true, text: made.network.report.join(' ') });
            props.onMade(made.network.id);
          } catch (error) {
            setOutcome(refusal(error));
          }
        }}
      >
        <h3>{t('start.importTitle')}</h3>
        <p className="muted">{t('start.importText')}</p>
        <label>
          {t('start.file')}{' '}
          <input type="file" accept=".geojson,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t('start.name')} <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('start.tolerance')}{' '}
          <input
            type="number"
            min={0}
            max={5000}
            value={tolerance}
            onChange={(e) => setTolerance(Number(e.target.value))}
          />
        </label>
        <button type="submit" disabled={!file}>
          {t('start.import')}
        </button>
      </form>
      <OutcomeBanner outcome={outcome} />
    </div>
  );
}

function loaded<T>(load: Load<T>): T | undefined {
  return load.state === 'ready' ? load.data : undefined;
}

/** The Logistics page. */
export default function LogisticsPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('logistics');
  const staff = user.roles.includes('cell_staff');
  const [reload, setReload] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const [plan, setPlan] = useState<ConvoyPlanView | null>(null);
  const networks = useLoad(`logistics/networks/${reload}`, (s) => logisticsApi.networks(s));
  const list = loaded(networks)?.networks ?? [];
  const id = chosen && list.some((n) => n.id === chosen) ? chosen : list[0]?.id;
  const backdrop = useLoad<Backdrop>('logistics/backdrop', async (signal) => {
    const [neighbours, units, places, hubs] = await Promise.all([
      api.neighbours(signal),
      api.units(signal),
      api.places(signal),
      api.hubs(signal),
    ]);
    return { neighbours, units, places, hubs };
  });
  const detail = useLoad(`logistics/network/${id}/${reload}`, async (s) =>
    id ? logisticsApi.network(id, s) : null,
  );
  const risk = useLoad(`logistics/risk/${id}/${reload}`, async (s) => (id ? logisticsApi.risk(id, s) : null));
  const crossings = useLoad(`logistics/crossings/${reload}`, (s) => logisticsApi.crossings(s));
  const checkpoints = useLoad(`logistics/checkpoints/${reload}`, (s) => logisticsApi.checkpoints(s));
  const corridors = useLoad(`logistics/corridors/${reload}`, (s) => logisticsApi.corridors(s));
  const hubs = useLoad(`logistics/hubs/${reload}`, (s) => logisticsApi.hubs(s));
  const d = loaded(detail);
  const large = (list.find((n) => n.id === id)?.segments ?? 0) > LARGE_NETWORK;
  const tilesUrl =
    id && large ? `${window.location.origin}/tiles/routes/${encodeURIComponent(id)}/{z}/{x}/{y}.mvt` : null;
  const layers = useMemo<Layers>(() => {
    const segs = new Map((d?.segments ?? []).map((s) => [s.id, s.coordinates]));
    return {
      segments: large
        ? EMPTY
        : lines(
            (d?.segments ?? []).map((s) => ({
              coordinates: s.coordinates,
              props: { id: s.id, risk: s.risk },
            })),
          ),
      crossings: points(
        (loaded(crossings)?.crossings ?? []).map((c) => ({
          position: c.position,
          props: { status: c.status, name: c.nameEn },
        })),
      ),
      checkpoints: points(
        (loaded(checkpoints)?.checkpoints ?? []).map((c) => ({
          position: c.position,
          props: { name: c.name },
        })),
      ),
      corridors: lines(
        (loaded(corridors)?.corridors ?? [])
          .filter((c) => c.networkId === id)
          .flatMap((c) =>
            c.segmentIds.map((s) => ({ coordinates: segs.get(s) ?? [], props: { name: c.name } })),
          )
          .filter((f) => f.coordinates.length > 1),
      ),
      route: lines(
        (plan?.route?.legs ?? []).map((l) => ({ coordinates: segs.get(l.segmentId) ?? [], props: {} })),
      ),
    };
  }, [d, crossings, checkpoints, corridors, plan, id, large]);

  if (networks.state === 'error') return <ErrorPanel error={networks.error} />;
  if (backdrop.state === 'error') return <ErrorPanel error={backdrop.error} />;
  if (networks.state === 'loading' || backdrop.state === 'loading')
    return <p className="page-status">{t('loading')}</p>;
  const network = list.find((n) => n.id === id);
  const again = () => setReload((n) => n + 1);
  return (
    <main className="map-page logistics-page" data-testid="logistics-page">
      <LogisticsMap backdrop={backdrop.data} layers={layers} tilesUrl={tilesUrl} />
      <aside className="map-side logistics-side">
        <h1>{t('title')}</h1>
        {network ? <IllustrativeBanner network={network} /> : null}
        {list.length === 0 ? (
          <p>
            <Trans t={t} i18nKey="network.none" components={{ b: <strong /> }} />
          </p>
        ) : (
          <label>
            {t('network.label')}{' '}
            <select
              value={id}
              onChange={(e) => {
                setChosen(e.target.value);
                setPlan(null);
              }}
            >
              {list.map((n) => (
                <option key={n.id} value={n.id}>
                  {t(n.illustrative ? 'network.optionIllustrative' : 'network.option', {
                    name: n.name,
                    segments: segmentsText(n.segments),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        {network ? (
          <details>
            <summary>{t('network.report')}</summary>
            <ul>
              {network.report.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </details>
        ) : null}
        <ul className="logistics-legend">
          {RISK_BANDS.map((b) => (
            <li key={b.label}>
              <span style={{ background: b.colour }} /> {t(`legend.${b.label}`)}
            </li>
          ))}
          <li>
            <span style={{ background: ROUTE_COLOUR }} /> {t('legend.route')}
          </li>
          <li>
            <span style={{ background: CORRIDOR_COLOUR, opacity: 0.5 }} /> {t('legend.corridor')}
          </li>
          <li>
            <span className="dot" style={{ background: CROSSING_COLOURS.open }} /> {t('legend.crossingOpen')},{' '}
            <span className="dot" style={{ background: CROSSING_COLOURS.closed }} />{' '}
            {t('legend.crossingClosed')}; <span className="dot checkpoint-dot" /> {t('legend.checkpoint')}
          </li>
        </ul>
        {d ? (
          <ConvoyPlanner key={d.network.id} detail={d} onPlan={setPlan} />
        ) : detail.state === 'error' ? (
          <ErrorPanel error={detail.error} />
        ) : null}
        {loaded(risk) ? <RiskBoard board={loaded(risk)!} /> : null}
        {d && loaded(checkpoints) ? (
          <CheckpointsPanel
            key={d.network.id}
            checkpoints={loaded(checkpoints)!}
            detail={d}
            staff={staff}
            onChange={again}
          />
        ) : null}
        {loaded(corridors) ? (
          <CorridorsPanel corridors={loaded(corridors)!} staff={staff} onChange={again} />
        ) : null}
        {loaded(crossings) ? (
          <CrossingsPanel
            crossings={loaded(crossings)!}
            canSet={staff || user.roles.includes('liaison')}
            onChange={again}
          />
        ) : null}
        {loaded(hubs) ? (
          <HubsPanel hubs={loaded(hubs)!} names={backdrop.data.hubs} staff={staff} onChange={again} />
        ) : null}
        <NetworkStart
          staff={staff}
          hasDemo={list.some((n) => n.kind === 'demo')}
          onMade={(made) => {
            setChosen(made);
            again();
          }}
        />
      </aside>
    </main>
  );
}
