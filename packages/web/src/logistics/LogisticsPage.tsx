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
import { api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type Outcome, OutcomeBanner, refusal } from '../forms.tsx';
import { type Load, useLoad } from '../load.ts';
import { fontFaces, labelLayers } from '../map/labels.ts';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL, NEIGHBOUR_LINE } from '../map/palette.ts';
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
  { upTo: 0, colour: '#4d9221', label: 'no incident' },
  { upTo: 2, colour: '#fdb863', label: 'up to 2' },
  { upTo: 5, colour: '#e66101', label: 'over 2 to 5' },
  { upTo: Number.POSITIVE_INFINITY, colour: '#b2182b', label: 'over 5' },
];
const CROSSING_COLOURS = {
  open: '#1a9850',
  restricted: '#fdae61',
  closed: '#d73027',
  unknown: '#888888',
} as const;
const ROUTE_COLOUR = '#2166ac';
const CORRIDOR_COLOUR = '#762a83';

const km = (m: number) => `${(m / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} km`;
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const words = (s: string) => s.replaceAll('_', ' ');

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
        customAttribution:
          'Boundaries: geoBoundaries, CC BY 4.0; countries, places, ports, airports: Natural Earth; border crossings: OCHA (MIT)',
      },
    });
    mapRef.current = map;
    let markers: Marker[] = [];
    map.on('error', (event) => setFailure(event.error?.message ?? 'unknown map error'));
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
  }, [backdrop]);
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
      {failure ? <p className="map-failure">The map could not be drawn: {failure}</p> : null}
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
  if (!network.illustrative) return null;
  return (
    <p className="illustrative-banner" role="note" data-testid="illustrative-banner">
      <strong>Illustrative network.</strong> Straight segments between real places (cities, ports, airports
      and open border crossings); not roads. Distances, routes and times on it are for demonstration only.
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
  const scored = board.segments.filter((s) => s.score > 0);
  return (
    <section className="logistics-section" data-testid="risk-board">
      <h2>Route risk</h2>
      <p className="muted">{board.rule}</p>
      {scored.length === 0 ? (
        <p>
          No incident you may see lies within {board.radiusKm} km of a segment in the last {board.days} days.
        </p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Length
              </th>
              <th scope="col" className="num">
                Risk
              </th>
              <th scope="col">Incidents behind the score</th>
            </tr>
          </thead>
          <tbody>
            {scored.slice(0, 40).map((s) => {
              const item = (i: (typeof s.incidents)[number]) => (
                <li key={i.incidentId}>
                  <a href={`#/incidents/${encodeURIComponent(i.incidentId)}`}>{i.incidentId}</a>:{' '}
                  {words(i.category)}, {i.state}, {km(i.distanceM)} away, weight {i.weight}
                </li>
              );
              return (
                <tr key={s.id}>
                  <td>
                    <strong>{s.name ?? s.id}</strong>
                  </td>
                  <td className="num">{km(s.lengthM)}</td>
                  <td className="num">{s.score}</td>
                  <td>
                    <ul className="plain">{s.incidents.slice(0, 3).map(item)}</ul>
                    {s.incidents.length > 3 ? (
                      <details>
                        <summary>{s.incidents.length - 3} more</summary>
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
      {scored.length > 40 ? (
        <p className="muted">The 40 riskiest of {scored.length} scored segments.</p>
      ) : null}
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
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col" className="num">
            Length
          </th>
          <th scope="col" className="num">
            Risk
          </th>
          <th scope="col">On it</th>
        </tr>
      </thead>
      <tbody>
        {route.legs.map((l) => (
          <tr key={l.segmentId}>
            <td>{nodeName(l.from)}</td>
            <td>{nodeName(l.to)}</td>
            <td className="num">{km(l.lengthM)}</td>
            <td className="num">{l.risk}</td>
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
  // Named nodes (cities) first; a network with fewer than two offers its nodes by position.
  const named = useMemo(() => {
    const withNames = props.detail.nodes.filter((n) => n.name).sort((a, b) => (a.name! < b.name! ? -1 : 1));
    if (withNames.length >= 2) return withNames;
    return props.detail.nodes.slice(0, 2000).map((n) => ({
      ...n,
      name: n.name ?? `${n.id} at ${n.position[0].toFixed(3)}, ${n.position[1].toFixed(3)}`,
    }));
  }, [props.detail]);
  const nodeName = (id: string) => props.detail.nodes.find((n) => n.id === id)?.name ?? id;
  const [from, setFrom] = useState(named.find((n) => n.name === 'Lviv')?.id ?? named[0]?.id ?? '');
  const [to, setTo] = useState(named.find((n) => n.name === 'Kharkiv')?.id ?? named.at(-1)?.id ?? '');
  const [maxRisk, setMaxRisk] = useState(2);
  const [depart, setDepart] = useState(
    () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 11) + '06:00',
  );
  const [speed, setSpeed] = useState(40);
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
      <h2>Convoy planner</h2>
      <form className="inline-form" onSubmit={submit}>
        <label>
          From{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            {named.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {named.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Highest risk accepted{' '}
          <input
            type="number"
            min={0}
            step={0.5}
            value={maxRisk}
            onChange={(e) => setMaxRisk(Number(e.target.value))}
          />
        </label>
        <label>
          Departure (UTC){' '}
          <input type="datetime-local" value={depart} onChange={(e) => setDepart(e.target.value)} required />
        </label>
        <label>
          Speed km/h{' '}
          <input
            type="number"
            min={5}
            max={120}
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="primary">
          Plan
        </button>
      </form>
      <OutcomeBanner outcome={outcome} />
      {plan ? (
        <div data-testid="convoy-plan">
          {plan.route ? (
            <p className="summary">
              <strong>Route:</strong> {plan.route.nodes.map(nodeName).join(' → ')}: {km(plan.route.lengthM)},
              arriving {when(plan.route.arrive)}, highest segment risk {plan.route.maxRisk}.
              {plan.illustrative ? ' Illustrative network: not a road route.' : ''}
            </p>
          ) : (
            <p className="notice notice-breach">No route: {plan.problem}</p>
          )}
          {plan.route ? <RouteTable route={plan.route} nodeName={nodeName} /> : null}
          <p className="muted">
            {plan.tooRisky.length} segments avoided for a risk above {maxRisk}.
          </p>
          {plan.rejected.length > 0 ? (
            <>
              <h3>Routes rejected</h3>
              <ol>
                {plan.rejected.map((r) => (
                  <li key={`${r.avoid}:${r.route.lengthM}`}>
                    {r.route.nodes.map(nodeName).join(' → ')} ({km(r.route.lengthM)}): {r.reasons.join('; ')}.
                    Set aside {r.avoid} and tried again.
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
  const named = props.detail.nodes.filter((n) => n.name);
  const [name, setName] = useState('');
  const [node, setNode] = useState(named[0]?.id ?? '');
  const [nation, setNation] = useState('');
  const [start, setStart] = useState('06:00');
  const [end, setEnd] = useState('18:00');
  const mine = props.checkpoints.checkpoints;
  return (
    <section className="logistics-section" data-testid="checkpoints">
      <h2>Checkpoints</h2>
      {mine.length === 0 ? <p>No checkpoint you may see.</p> : null}
      <ul className="plain">
        {mine.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> ({c.status}): manned by {c.nations.join(', ')}; shifts{' '}
            {c.shifts.length === 0
              ? 'none'
              : c.shifts.map((s) => `${s.start}–${s.end} ${s.nation}`).join(', ')}{' '}
            UTC. <span className="releasability">{c.releasability}</span>{' '}
            {(['open', 'closed', 'suspended'] as const)
              .filter((s) => s !== c.status)
              .map((s) => (
                <ConfirmedAction
                  key={s}
                  label={s === 'open' ? 'Open' : s === 'closed' ? 'Close' : 'Suspend'}
                  question={`Set checkpoint ${c.name} to ${s}? Convoy plans will ${s === 'open' ? 'pass it again in its shifts' : 'avoid it'}.`}
                  run={async () => {
                    await logisticsApi.checkpointStatus(c.id, s);
                    return `${c.name} is now ${s}.`;
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
          <h3>Add a checkpoint</h3>
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            At{' '}
            <select value={node} onChange={(e) => setNode(e.target.value)}>
              {named.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Manned by (ISO3){' '}
            <input value={nation} onChange={(e) => setNation(e.target.value.toUpperCase())} size={4} />
          </label>
          <label>
            Shift <input value={start} onChange={(e) => setStart(e.target.value)} size={5} />–
            <input value={end} onChange={(e) => setEnd(e.target.value)} size={5} /> UTC
          </label>
          <ConfirmedAction
            label="Add checkpoint"
            question={`Record checkpoint "${name}" at ${named.find((n) => n.id === node)?.name ?? node}, manned by ${nation} ${start}–${end} UTC?`}
            run={async () => {
              const made = await logisticsApi.addCheckpoint({
                name,
                nodeId: node,
                nations: [nation],
                shifts: [{ start, end, nation }],
              });
              return `Recorded checkpoint ${made.id}.`;
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
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  return (
    <section className="logistics-section" data-testid="corridors">
      <h2>Humanitarian corridors</h2>
      <p className="muted">
        An incident is flagged in a window when its time meets the window and it lies within{' '}
        {props.corridors.watchRadiusM / 1000} km of the corridor's route, as local truce windows are
        monitored.
      </p>
      {props.corridors.corridors.length === 0 ? <p>No corridor you may see.</p> : null}
      {props.corridors.corridors.map((c) => (
        <div key={c.id} className="corridor">
          <h3>{c.name}</h3>
          <p>
            {c.purpose ? `${c.purpose.replace(/\.?$/, '.')} ` : ''}Guaranteed by {c.guarantors.join(', ')};{' '}
            {c.segmentIds.length} segments. <span className="releasability">{c.releasability}</span>
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Status</th>
                <th scope="col">Incidents on the route</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {c.windows.map((w) => (
                <tr key={w.id}>
                  <td>
                    {when(w.start)} – {when(w.end)}
                  </td>
                  <td>{w.status}</td>
                  <td>
                    {w.held
                      ? 'none'
                      : w.flagged
                          .map(
                            (f) =>
                              `${f.incidentId} (${words(f.category)}, ${km(f.distanceM)}${f.certain ? '' : ', uncertain'})`,
                          )
                          .join('; ')}
                  </td>
                  <td>
                    {(['open', 'closed', 'suspended', 'cancelled'] as const)
                      .filter((s) => s !== w.status)
                      .map((s) => (
                        <ConfirmedAction
                          key={s}
                          label={s}
                          question={`Set the window ${when(w.start)} of ${c.name} to ${s}?`}
                          run={async () => {
                            await logisticsApi.windowStatus(c.id, w.id, s);
                            return `The window is now ${s}.`;
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
                New window from (UTC){' '}
                <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                to <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
              <ConfirmedAction
                label="Add window"
                question={`Add a window ${start} – ${end} UTC to ${c.name}?`}
                run={async () => {
                  const made = await logisticsApi.addWindow(c.id, `${start}:00Z`, `${end}:00Z`);
                  return `Recorded window ${made.id}.`;
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
  const [open, setOpen] = useState(false);
  const counts = props.crossings.crossings.reduce<Record<string, number>>((m, c) => {
    m[c.status] = (m[c.status] ?? 0) + 1;
    return m;
  }, {});
  return (
    <section className="logistics-section" data-testid="crossings">
      <h2>Border crossings</h2>
      <p>
        {props.crossings.crossings.length} crossings on {props.crossings.at.slice(0, 10)}:{' '}
        {Object.entries(counts)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}
        . Source: OCHA, status as of 30 May 2023 unless recorded since.{' '}
        <button type="button" className="link-button" onClick={() => setOpen(!open)}>
          {open ? 'Hide the list' : 'Show the list'}
        </button>
      </p>
      {open ? (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Crossing</th>
              <th scope="col">Neighbour</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {props.crossings.crossings.map((c) => (
              <tr key={c.id}>
                <td>{c.nameEn}</td>
                <td>{c.neighbour}</td>
                <td>{c.status}</td>
                <td>{c.statusSince?.slice(0, 10) ?? '–'}</td>
                <td>
                  {props.canSet
                    ? (['open', 'restricted', 'closed'] as const)
                        .filter((s) => s !== c.status)
                        .map((s) => (
                          <ConfirmedAction
                            key={s}
                            label={s}
                            question={`Record ${c.nameEn} as ${s} from now?`}
                            run={async () => {
                              await logisticsApi.crossingStatus(c.id, s, new Date().toISOString(), '');
                              return `${c.nameEn} is ${s} from now.`;
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
  const nameOf = (id: string) =>
    props.names.features.find((f) => f.properties.id === id)?.properties.name ?? id;
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
      <h2>Hubs: protection, capacity, inventory</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Hub</th>
            <th scope="col">Protection</th>
            <th scope="col" className="num">
              Capacity (t)
            </th>
            <th scope="col">Supplies</th>
            <th scope="col">Inventory</th>
          </tr>
        </thead>
        <tbody>
          {props.hubs.hubs.map((h) => (
            <tr key={h.hubId}>
              <td>{nameOf(h.hubId)}</td>
              <td>{words(h.protectionLevel)}</td>
              <td className="num">{h.capacityTonnes ?? '–'}</td>
              <td>{h.supplies.join(', ') || '–'}</td>
              <td>{h.inventory.map((i) => `${i.equipmentClass}: ${i.quantity}`).join('; ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.staff && props.hubs.hubs.length > 0 ? (
        <div className="inline-form">
          <h3>Change a hub</h3>
          <label>
            Hub{' '}
            <select value={hub} onChange={(e) => setHub(e.target.value)}>
              {props.hubs.hubs.map((h) => (
                <option key={h.hubId} value={h.hubId}>
                  {nameOf(h.hubId)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Protection{' '}
            <select value={protection} onChange={(e) => setProtection(e.target.value as typeof protection)}>
              {(['unprotected', 'guarded', 'hardened', 'air_defended'] as const).map((p) => (
                <option key={p} value={p}>
                  {words(p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Capacity (t){' '}
            <input type="number" min={0} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </label>
          <label>
            Supplies (unit codes){' '}
            <input
              value={supplies}
              onChange={(e) => setSupplies(e.target.value)}
              placeholder="UA-05, UA-48"
            />
          </label>
          <label>
            Inventory, one “class = quantity” a line{' '}
            <textarea rows={3} value={inventory} onChange={(e) => setInventory(e.target.value)} />
          </label>
          <ConfirmedAction
            label="Save hub"
            question={`Replace the logistics of ${nameOf(hub)}: ${words(protection)}, ${capacity || 'no'} t, ${parsed.length} inventory lines?`}
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
              return `Saved ${nameOf(hub)}.`;
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
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [tolerance, setTolerance] = useState(50);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!props.staff)
    return <p className="muted">Building or importing a network needs the role cell staff officer.</p>;
  return (
    <div className="logistics-section">
      {props.hasDemo ? null : (
        <ConfirmedAction
          label="Build the demo network"
          question="Build the ILLUSTRATIVE demo network (straight segments between real places), load OCHA's border crossings, and add two illustrative checkpoints and a corridor?"
          run={async () => {
            const made = await logisticsApi.demo();
            props.onMade(made.network.id);
            return `Built ${made.network.name}: ${made.network.segments} segments.`;
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
        <h3>Import a route layer</h3>
        <p className="muted">
          A GeoJSON file of LineStrings (a logistics staff's export, an OSM extract). Line ends within the
          tolerance join one node; what was joined, skipped or left disconnected is reported.
        </p>
        <label>
          File{' '}
          <input type="file" accept=".geojson,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Tolerance (m){' '}
          <input
            type="number"
            min={0}
            max={5000}
            value={tolerance}
            onChange={(e) => setTolerance(Number(e.target.value))}
          />
        </label>
        <button type="submit" disabled={!file}>
          Import
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
    return <p className="page-status">Loading logistics…</p>;
  const network = list.find((n) => n.id === id);
  const again = () => setReload((n) => n + 1);
  return (
    <main className="map-page logistics-page" data-testid="logistics-page">
      <LogisticsMap backdrop={backdrop.data} layers={layers} tilesUrl={tilesUrl} />
      <aside className="map-side logistics-side">
        <h1>Logistics</h1>
        {network ? <IllustrativeBanner network={network} /> : null}
        {list.length === 0 ? (
          <p>
            <strong>No route network you may see.</strong> Build the illustrative demo network or import a
            route layer.
          </p>
        ) : (
          <label>
            Network{' '}
            <select
              value={id}
              onChange={(e) => {
                setChosen(e.target.value);
                setPlan(null);
              }}
            >
              {list.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} ({n.segments} segments{n.illustrative ? ', illustrative' : ''})
                </option>
              ))}
            </select>
          </label>
        )}
        {network ? (
          <details>
            <summary>Import report</summary>
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
              <span style={{ background: b.colour }} /> risk {b.label}
            </li>
          ))}
          <li>
            <span style={{ background: ROUTE_COLOUR }} /> planned route
          </li>
          <li>
            <span style={{ background: CORRIDOR_COLOUR, opacity: 0.5 }} /> corridor
          </li>
          <li>
            <span className="dot" style={{ background: CROSSING_COLOURS.open }} /> crossing open,{' '}
            <span className="dot" style={{ background: CROSSING_COLOURS.closed }} /> closed;{' '}
            <span className="dot checkpoint-dot" /> checkpoint
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
