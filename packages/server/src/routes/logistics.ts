/**
 * Logistics (issue 17, docs/adr/0036-route-network-and-risk.md, 0037-convoy-planning.md): route
 * networks (import a GeoJSON line layer, or build the illustrative demo), route risk per
 * segment with the incidents behind each score, convoy plans, border crossings and their
 * status, checkpoints, humanitarian corridors with monitored windows, and hub inventories.
 * Every read runs as the reader: row-level security decides which records exist.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Api from '@guarantor/core/api';
import { reasonValue } from '@guarantor/core/i18n/reasons';
import { type Refusal, refusalText } from '@guarantor/core/i18n/refusals';
import type { Phrasing } from '@guarantor/core/i18n/words';
import {
  CORRIDOR_WATCH_RADIUS_M,
  corridorWindowProblem,
  DEFAULT_RISK_RULE,
  type DemoPlace,
  demoRouteLayer,
  describeNetworkReport,
  describeRiskRule,
  flagCorridorWindow,
  hhmm,
  minuteOfDay,
  type PlannedRoute,
  planConvoy,
  type RiskRule,
  routeGraph,
  type Shift,
} from '@guarantor/core/logistics';
import type { Category } from '@guarantor/core/monitoring';
import {
  asReader,
  type CheckpointRecord,
  cachedSegmentRisks,
  corridorWindows,
  DATA_DIR,
  importBorderCrossings,
  insertCheckpoint,
  insertCorridor,
  insertCorridorWindow,
  listBorderCrossings,
  listCheckpoints,
  listCorridors,
  listHubLogistics,
  listRouteNetworks,
  logisticsCache,
  logisticsIncidents,
  logisticsReadStamp,
  type RouteNetworkSummary,
  readOchaCrossings,
  routeNetwork,
  routeNetworkParts,
  routeTile,
  saveRouteNetwork,
  setCorridorWindowStatus,
  setCrossingStatus,
  setHubLogistics,
  updateCheckpoint,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { shippedCities, shippedPlaces } from '../places.ts';
import { Lang, readerPhrasing } from '../words.ts';
import { Iso3 } from './auth.ts';
import { matches } from './contract.ts';
import { documentedAs } from './documented.ts';
import { labelFromRequest } from './inputs.ts';
import { sendTile } from './monitoring/views.ts';

type Trx = Parameters<Parameters<typeof asReader>[2]>[0];

/** A refusal of logistics input naming its field: "body.from: n-9 is not a node of net-1". */
const refused = (field: string, reason: Refusal | string) =>
  new AppError(
    'logistics.refused',
    {
      key: 'logistics.fieldRefused',
      // A string is a reason the database module wrote (English).
      params: { field, reason: typeof reason === 'string' ? reason : { refusal: reason } },
    },
    field,
  );

/** Bytes of one route layer (a regional OSM extract of main roads is a few tens of MB). */
const NETWORK_BODY_LIMIT = 64 * 1024 * 1024;

const ILLUSTRATIVE_NOTE =
  'ILLUSTRATIVE: straight segments between real places (cities, ports, airports, open border crossings), not roads.';
const OCHA_SOURCE =
  'OCHA Ukraine border crossings, 30 May 2023 (data/logistics/ocha-border-crossings-20230530.geojson)';

const LngLat = z.tuple([
  z.number().min(-180, 'longitude must be at least -180').max(180, 'longitude must be at most 180'),
  z.number().min(-90, 'latitude must be at least -90').max(90, 'latitude must be at most 90'),
]);
const Position = z
  .array(z.number())
  .min(2)
  .max(3)
  .describe('[longitude, latitude] (a third value, a height, is dropped)');
/** What the importer reads; the route takes any JSON and reports what it could not use. */
const LineLayerShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z
        .object({ name: z.string().optional(), ref: z.string().optional() })
        .nullable()
        .describe('name (or ref) names the segment; other properties are kept out'),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }),
        z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)) }),
      ]),
    }),
  ),
});
const Label = z.string().default('COALITION').describe('releasability label; COALITION when left out');
const IsoTime = z.iso.datetime({ offset: true });

// ----- response schemas ------------------------------------------------------------------------

const Problem = z.object({ feature: z.number().int(), field: z.string(), reason: z.string() });
const NetworkView = matches<Api.RouteNetworkView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['import', 'demo']),
    illustrative: z.boolean(),
    toleranceM: z.number(),
    nodes: z.number().int(),
    segments: z.number().int(),
    snapped: z.number().int(),
    skipped: z.array(Problem),
    dropped3d: z.array(z.object({ feature: z.number().int(), positions: z.number().int() })),
    pieces: z.array(
      z.object({ nodes: z.number().int(), segments: z.number().int(), features: z.array(z.number().int()) }),
    ),
    crossings: z.array(
      z.object({
        features: z.tuple([z.number().int(), z.number().int()]),
        position: z.tuple([z.number(), z.number()]),
        kind: z.enum(['cross', 'touch']),
      }),
    ),
    report: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    releasability: z.string(),
  }),
);
const Pos = z.tuple([z.number(), z.number()]);
const Contribution = z.object({
  incidentId: z.string(),
  category: z.string(),
  state: z.string(),
  distanceM: z.number(),
  weight: z.number(),
});
const Leg = z.object({
  segmentId: z.string(),
  name: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  lengthM: z.number(),
  risk: z.number(),
  enter: z.string(),
  leave: z.string(),
});
const RouteView = z.object({
  nodes: z.array(z.string()),
  legs: z.array(Leg),
  lengthM: z.number(),
  arrive: z.string(),
  maxRisk: z.number(),
  waits: z.array(
    z.object({
      checkpointId: z.string(),
      name: z.string(),
      nodeId: z.string(),
      arrive: z.string(),
      leave: z.string(),
      minutes: z.number(),
    }),
  ),
});
const CrossingStatus = z.enum(['open', 'restricted', 'closed', 'unknown']);
const CrossingView = matches<Api.BorderCrossingView>()(
  z.object({
    id: z.string(),
    nameEn: z.string(),
    nameUk: z.string().nullable(),
    neighbour: z.string().nullable(),
    position: Pos,
    source: z.string(),
    status: CrossingStatus,
    statusSince: z.string().nullable(),
    history: z.array(
      z.object({ status: CrossingStatus, validFrom: z.string(), note: z.string(), recordedBy: z.string() }),
    ),
    releasability: z.string(),
  }),
);
const CheckpointStatus = z.enum(['open', 'closed', 'suspended']);
const ShiftView = z.object({ start: z.string(), end: z.string(), nation: z.string() });
const CheckpointView = matches<Api.CheckpointView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    position: Pos,
    nodeId: z.string().nullable(),
    nations: z.array(z.string()),
    shifts: z.array(ShiftView),
    status: CheckpointStatus,
    note: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    releasability: z.string(),
  }),
);
const WindowStatus = z.enum(['planned', 'open', 'closed', 'suspended', 'cancelled']);
const CorridorView = matches<Api.CorridorView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    purpose: z.string(),
    networkId: z.string(),
    segmentIds: z.array(z.string()),
    guarantors: z.array(z.string()),
    windows: z.array(
      z.object({
        id: z.string(),
        start: z.string(),
        end: z.string(),
        status: WindowStatus,
        note: z.string(),
        held: z.boolean(),
        flagged: z.array(
          z.object({
            incidentId: z.string(),
            category: z.string(),
            distanceM: z.number(),
            certain: z.boolean(),
          }),
        ),
      }),
    ),
    createdBy: z.string(),
    releasability: z.string(),
  }),
);
const Protection = z.enum(['unprotected', 'guarded', 'hardened', 'air_defended']);
const HubLogisticsView = matches<Api.HubLogisticsView>()(
  z.object({
    hubId: z.string(),
    protectionLevel: Protection,
    capacityTonnes: z.number().int().nullable(),
    supplies: z.array(z.string()),
    inventory: z.array(z.object({ equipmentClass: z.string(), quantity: z.number().int() })),
  }),
);
const Created = matches<Api.Created>()(z.object({ id: z.string() }));
const Done = z.object({ ok: z.literal(true) });

// ----- presenters ----------------------------------------------------------------------------

function presentNetwork(n: RouteNetworkSummary, ph: Phrasing): Api.RouteNetworkView {
  return {
    id: n.id,
    name: n.name,
    kind: n.kind,
    illustrative: n.illustrative,
    toleranceM: n.toleranceM,
    nodes: n.report.nodes,
    segments: n.report.segments,
    snapped: n.report.snapped.length,
    skipped: n.report.skipped.map((s) => ({
      feature: s.feature,
      field: s.field,
      reason: s.refusal && ph.language !== 'en' ? refusalText(ph.words, s.refusal) : s.reason,
    })),
    dropped3d: n.report.dropped3d.map((d) => ({ ...d })),
    pieces: n.report.pieces.map((p) => ({ ...p, features: [...p.features] })),
    crossings: (n.report.crossings ?? []).map((c) => ({
      features: [c.features[0], c.features[1]] as [number, number],
      position: [c.position[0], c.position[1]] as [number, number],
      kind: c.kind,
    })),
    report: [
      ...(n.illustrative ? [ph.say('networkReport.illustrative')] : []),
      ...describeNetworkReport(n.report, ph),
    ],
    createdBy: n.createdBy,
    createdAt: n.createdAt.toISOString(),
    releasability: n.releasability,
  };
}

const presentShift = (s: Shift) => ({ start: hhmm(s.startMin), end: hhmm(s.endMin), nation: s.nation });

function presentCheckpoint(c: CheckpointRecord): Api.CheckpointView {
  return {
    id: c.id,
    name: c.name,
    position: [c.position[0], c.position[1]],
    nodeId: c.nodeId,
    nations: [...c.nations],
    shifts: c.shifts.map(presentShift),
    status: c.status,
    note: c.note,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt.toISOString(),
    releasability: c.releasability,
  };
}

function presentRoute(r: PlannedRoute, names: ReadonlyMap<string, string | null>): Api.ConvoyRouteView {
  return {
    nodes: [...r.nodes],
    legs: r.legs.map((l) => ({
      segmentId: l.segmentId,
      name: names.get(l.segmentId) ?? null,
      from: l.from,
      to: l.to,
      lengthM: Math.round(l.lengthM),
      risk: l.risk,
      enter: new Date(l.enterMs).toISOString(),
      leave: new Date(l.leaveMs).toISOString(),
    })),
    lengthM: Math.round(r.lengthM),
    arrive: new Date(r.arriveMs).toISOString(),
    maxRisk: r.maxRisk,
    waits: r.waits.map((w) => ({
      checkpointId: w.checkpointId,
      name: w.name,
      nodeId: w.nodeId,
      arrive: new Date(w.arriveMs).toISOString(),
      leave: new Date(w.leaveMs).toISOString(),
      minutes: Math.round((w.leaveMs - w.arriveMs) / 60_000),
    })),
  };
}

/** Shifts as entered ("06:00"–"18:00", nation) → minutes; the problem names the field. */
function readShifts(
  shifts: readonly { start: string; end: string; nation: string }[],
  field: string,
): Shift[] {
  return shifts.map((s, i) => {
    const startMin = minuteOfDay(s.start);
    const endMin = minuteOfDay(s.end);
    if (startMin === undefined) throw refused(`${field}[${i}].start`, { key: 'logistics.timeOfDay' });
    if (endMin === undefined) throw refused(`${field}[${i}].end`, { key: 'logistics.timeOfDay' });
    if (startMin === endMin) throw refused(`${field}[${i}].end`, { key: 'logistics.shiftZeroLength' });
    return { startMin, endMin, nation: s.nation };
  });
}

function riskRule(radiusKm: number, days: number): RiskRule {
  return { ...DEFAULT_RISK_RULE, radiusKm, days };
}

// ----- the demo network's places -------------------------------------------------------------

/** Real places the demo joins: shipped cities, Natural Earth ports and airports, OCHA's open crossings. */
export function demoPlaces(): DemoPlace[] {
  const read = (file: string) =>
    JSON.parse(readFileSync(resolve(DATA_DIR, 'logistics', file), 'utf8')) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[];
    };
  // West of 38.5°E: the demo stays out of Russia's Rostov and Voronezh.
  const inTheatre = ([lng, lat]: readonly [number, number]) =>
    lng >= 22 && lng <= 38.5 && lat >= 44.3 && lat <= 52.5;
  // Cities of Ukraine and of the neighbours the coalition stages through: not Russia or Belarus.
  const places: DemoPlace[] = shippedPlaces()
    .features.filter(
      (f) =>
        f.properties.kind === 'city' &&
        f.properties.country !== 'RUS' &&
        f.properties.country !== 'BLR' &&
        inTheatre(f.geometry.coordinates as [number, number]),
    )
    .map((f) => ({
      name: f.properties.name,
      position: f.geometry.coordinates as [number, number],
      kind: 'city',
    }));
  for (const f of read('ne-ports.geojson').features)
    if (inTheatre(f.geometry.coordinates))
      places.push({
        name: `${String(f.properties.name)} port`,
        position: f.geometry.coordinates,
        kind: 'port',
      });
  for (const f of read('ne-airports.geojson').features)
    if (inTheatre(f.geometry.coordinates))
      places.push({ name: String(f.properties.name), position: f.geometry.coordinates, kind: 'airport' });
  for (const f of read('ocha-border-crossings-20230530.geojson').features) {
    const p = f.properties;
    if (
      p.Status === 'Operational' &&
      p.Country !== 'Russian Federation' &&
      p.Country !== 'Belarus' &&
      p.Type === 'Road'
    )
      places.push({
        name: `${String(p.Name_ENG)} crossing`,
        position: f.geometry.coordinates,
        kind: 'crossing',
      });
  }
  return places;
}

/** The logistics routes. */
export const logisticsRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const actorOf = (p: ReturnType<typeof requireUser>) => ({
      username: p.user.username,
      nation: p.user.nation,
      at: clock.now(),
    });
    const notFound = (what: Refusal) =>
      new AppError('not_found', { key: 'logistics.notFound', params: { what: { refusal: what } } });

    r.get(
      '/api/logistics/networks',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Route networks you may read, newest first, with their import reports',
          response: { 200: matches<Api.RouteNetworks>()(z.object({ networks: z.array(NetworkView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const networks = await asReader(database.db, reader, (trx) => listRouteNetworks(trx));
        const ph = await readerPhrasing(database, request);
        return { networks: networks.map((n) => presentNetwork(n, ph)) };
      },
    );

    r.post(
      '/api/logistics/networks',
      {
        bodyLimit: NETWORK_BODY_LIMIT,
        schema: {
          tags: ['logistics'],
          summary: 'Import a GeoJSON line layer as a route network (cell staff)',
          description:
            'Each LineString (or part of a MultiLineString) becomes a segment; its ends join a node within toleranceM, else make one. Heights are dropped, lines that are not routes (points, one position, a loop, more than 3° from Ukraine) are skipped, and pieces not joined to the main network are kept: all of it is in the report. Lines that cross (or where one ends on another) without a shared end are split there and joined by a node, each crossing reported, unless splitCrossings is false. A file with no usable line is refused (400 logistics.refused naming the feature and field) and nothing is stored.',
          body: z.strictObject({
            name: z.string().trim().min(1, 'a name').max(200),
            toleranceM: z
              .number()
              .min(0)
              .max(5000)
              .default(50)
              .describe('ends closer than this join one node'),
            splitCrossings: z
              .boolean()
              .default(true)
              .describe(
                'split lines where they cross without a shared end and join them there; false for layers whose crossings are bridges, not junctions',
              ),
            layer: documentedAs(z.unknown(), LineLayerShape).describe(
              'a GeoJSON FeatureCollection of LineStrings',
            ),
            releasability: Label,
          }),
          response: { 200: matches<Api.RouteNetworkSaved>()(z.object({ network: NetworkView })) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        const label = labelFromRequest(b.releasability, 'body.releasability');
        const result = await asReader(database.db, principal.reader, (trx) =>
          saveRouteNetwork(trx, b.layer, {
            name: b.name,
            toleranceM: b.toleranceM,
            splitCrossings: b.splitCrossings,
            kind: 'import',
            illustrative: false,
            // A city names the node nearest it within 5 km, so the planner can offer it by name.
            places: shippedCities().map((c) => ({ name: c.name, position: c.position })),
            placeRadiusM: 5000,
            label,
            actor: principal.user,
            at: clock.now(),
          }),
        );
        if (!result.ok) {
          const p = result.problem;
          const field =
            p.field === 'toleranceM'
              ? 'body.toleranceM'
              : `body.layer${p.feature >= 0 ? `.features[${p.feature}]` : ''}.${p.field}`;
          throw new AppError(
            'logistics.refused',
            { key: 'logistics.fieldRefusedNothingStored', params: { field, reason: reasonValue(p) } },
            field,
          );
        }
        return { network: presentNetwork(result.network, await readerPhrasing(database, request)) };
      },
    );

    r.post(
      '/api/logistics/demo',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Build the ILLUSTRATIVE demo network, crossings, checkpoints and a corridor (cell staff)',
          description: `${ILLUSTRATIVE_NOTE} Loads OCHA's border crossings (30 May 2023) if not loaded, adds two illustrative checkpoints and an illustrative medical corridor with one window. Everything is labelled COALITION.`,
          body: z.strictObject({}).optional(),
          response: { 200: matches<Api.RouteNetworkSaved>()(z.object({ network: NetworkView })) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const existing = (
          await asReader(database.db, principal.reader, (trx) => listRouteNetworks(trx))
        ).find((n) => n.kind === 'demo');
        if (existing)
          throw new AppError('conflict.exists', {
            key: 'logistics.demoNetworkExists',
            params: { id: existing.id, name: existing.name },
          });
        const places = demoPlaces();
        const label = labelFromRequest('COALITION', 'releasability');
        const actor = actorOf(principal);
        const network = await asReader(database.db, principal.reader, async (trx) => {
          const ocha = readOchaCrossings(
            JSON.parse(
              readFileSync(resolve(DATA_DIR, 'logistics', 'ocha-border-crossings-20230530.geojson'), 'utf8'),
            ),
          );
          await importBorderCrossings(
            trx,
            ocha.crossings,
            OCHA_SOURCE,
            labelFromRequest('PUBLIC', 'releasability'),
            actor,
          );
          const saved = await saveRouteNetwork(trx, demoRouteLayer(places), {
            name: 'Demo network (illustrative straight segments)',
            toleranceM: 100,
            // Straight lines between places: where two cross is no junction.
            splitCrossings: false,
            kind: 'demo',
            illustrative: true,
            places: places.map((p) => ({ name: p.name, position: p.position })),
            label,
            actor: principal.user,
            at: actor.at,
          });
          if (!saved.ok)
            throw new AppError('logistics.refused', {
              key: 'logistics.demoNetworkRefused',
              params: { reason: reasonValue(saved.problem) },
            });
          const parts = (await routeNetworkParts(trx, saved.network.id))!;
          const node = (name: string) => parts.nodes.find((n) => n.name === name);
          const cp = async (name: string, at: string, nations: string[], shifts: Shift[]) => {
            const n = node(at);
            if (n)
              await insertCheckpoint(
                trx,
                {
                  name,
                  position: null,
                  nodeId: n.id,
                  nations,
                  shifts,
                  status: 'open',
                  note: 'ILLUSTRATIVE checkpoint for the demo',
                },
                label,
                actor,
              );
          };
          await cp(
            'Zhytomyr checkpoint (illustrative)',
            'Zhytomyr',
            ['FRA', 'UKR'],
            [
              { startMin: 6 * 60, endMin: 14 * 60, nation: 'FRA' },
              { startMin: 14 * 60, endMin: 22 * 60, nation: 'UKR' },
            ],
          );
          await cp(
            'Dnipro bridge checkpoint (illustrative)',
            'Dnipro',
            ['GBR'],
            [{ startMin: 5 * 60, endMin: 21 * 60, nation: 'GBR' }],
          );
          // A medical corridor Odesa → Mykolaiv → Kherson along the network's shortest route.
          const g = routeGraph(
            parts.nodes,
            parts.segments.map((s) => ({ id: s.id, from: s.from, to: s.to, lengthM: s.lengthM, risk: 0 })),
          );
          const odesa = node('Odesa');
          const kherson = node('Kherson');
          if (odesa && kherson) {
            const plan = planConvoy(g, {
              from: odesa.id,
              to: kherson.id,
              maxRisk: 0,
              departMs: actor.at.getTime(),
              speedKmh: 40,
            });
            if (plan.route) {
              const made = await insertCorridor(
                trx,
                {
                  name: 'Odesa – Kherson medical corridor (illustrative)',
                  purpose: 'ILLUSTRATIVE: secure route for medicine to Kherson',
                  networkId: saved.network.id,
                  segmentIds: plan.route.legs.map((l) => l.segmentId),
                  guarantors: ['FRA', 'GBR', 'TUR'],
                },
                label,
                actor,
              );
              if ('id' in made) {
                const c = (await corridorWindows(trx, made.id))!;
                const day = new Date(actor.at);
                day.setUTCHours(24 + 6, 0, 0, 0);
                await insertCorridorWindow(
                  trx,
                  { row: c.row, id: made.id, label: c.label },
                  {
                    start: day,
                    end: new Date(day.getTime() + 10 * 3_600_000),
                    status: 'planned',
                    note: 'illustrative window',
                  },
                  actor,
                );
              }
            }
          }
          return saved.network;
        });
        return { network: presentNetwork(network, await readerPhrasing(database, request)) };
      },
    );

    /** Risk and planning graphs computed once per reader's visibility and inputs (ADR 0048). */
    const cache = logisticsCache(database.db);

    /**
     * The segments' scores as the reader sees them (PostGIS), and the network's parts: both kept
     * in the cache under what decides the reader's view, recomputed when incidents or segments
     * change.
     */
    async function scored(trx: Trx, id: string, rule: RiskRule, asOf: Date, withContributions = false) {
      const network = await routeNetwork(trx, id);
      if (!network) return undefined;
      const stamp = await logisticsReadStamp(trx);
      const parts = await cache.remember(
        `parts|${stamp.visibility}|${network.id}`,
        String(stamp.versions.segments),
        async () => (await routeNetworkParts(trx, network.id))!,
      );
      const risk = (await cachedSegmentRisks(
        trx,
        cache,
        network.id,
        rule,
        asOf,
        clock.now().getTime(),
        stamp,
        withContributions,
      ))!;
      return { network, parts, risk, stamp };
    }

    const RiskQuery = z.object({
      radiusKm: z.coerce
        .number()
        .gt(0)
        .max(100)
        .default(DEFAULT_RISK_RULE.radiusKm)
        .describe('incidents within this many km'),
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(3650)
        .default(DEFAULT_RISK_RULE.days)
        .describe('incidents of the last this many days'),
      asOf: IsoTime.optional().describe('the time the risk is computed at; now when left out'),
    });

    r.get(
      '/api/logistics/networks/:id',
      {
        schema: {
          tags: ['logistics'],
          summary: "A network's nodes and segments, each segment with its risk score",
          params: z.object({ id: z.string() }),
          querystring: RiskQuery,
          response: {
            200: matches<Api.RouteNetworkDetail>()(
              z.object({
                network: NetworkView,
                nodes: z.array(z.object({ id: z.string(), name: z.string().nullable(), position: Pos })),
                segments: z.array(
                  z.object({
                    id: z.string(),
                    from: z.string(),
                    to: z.string(),
                    name: z.string().nullable(),
                    lengthM: z.number(),
                    risk: z.number(),
                    coordinates: z.array(Pos),
                  }),
                ),
                rule: z.string(),
                asOf: z.string(),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const q = request.query;
        const asOf = q.asOf ? new Date(q.asOf) : clock.now();
        const rule = riskRule(q.radiusKm, q.days);
        const found = await asReader(database.db, reader, (trx) =>
          scored(trx, request.params.id, rule, asOf),
        );
        if (!found) throw notFound({ key: 'logistics.what.network', params: { id: request.params.id } });
        const ph = await readerPhrasing(database, request);
        return {
          network: presentNetwork(found.network, ph),
          nodes: found.parts.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            position: [n.position[0], n.position[1]] as [number, number],
          })),
          segments: found.parts.segments.map((s) => ({
            id: s.id,
            from: s.from,
            to: s.to,
            name: s.name,
            lengthM: Math.round(s.lengthM),
            risk: found.risk.scores.get(s.id) ?? 0,
            coordinates: s.coordinates.map(([x, y]) => [x, y] as [number, number]),
          })),
          rule: describeRiskRule(rule),
          asOf: asOf.toISOString(),
        };
      },
    );

    r.get(
      '/api/logistics/networks/:id/risk',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'The route-risk board: every segment’s score with the incidents that make it, riskiest first',
          params: z.object({ id: z.string() }),
          querystring: RiskQuery,
          response: {
            200: matches<Api.RouteRiskBoard>()(
              z.object({
                network: z.string(),
                illustrative: z.boolean(),
                asOf: z.string(),
                radiusKm: z.number(),
                days: z.number(),
                rule: z.string(),
                segments: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string().nullable(),
                    lengthM: z.number(),
                    score: z.number(),
                    incidents: z.array(Contribution),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const q = request.query;
        const asOf = q.asOf ? new Date(q.asOf) : clock.now();
        const rule = riskRule(q.radiusKm, q.days);
        const found = await asReader(database.db, reader, (trx) =>
          scored(trx, request.params.id, rule, asOf, true),
        );
        if (!found) throw notFound({ key: 'logistics.what.network', params: { id: request.params.id } });
        const bySegment = new Map<string, Api.RiskContributionView[]>();
        for (const c of found.risk.contributions) {
          const { segmentId, ...rest } = c;
          const list = bySegment.get(segmentId);
          if (list) list.push(rest);
          else bySegment.set(segmentId, [rest]);
        }
        const segments = found.parts.segments
          .map((s) => ({
            id: s.id,
            name: s.name,
            lengthM: Math.round(s.lengthM),
            score: found.risk.scores.get(s.id) ?? 0,
            incidents: (bySegment.get(s.id) ?? []).sort(
              (a, b) =>
                b.weight - a.weight || a.distanceM - b.distanceM || (a.incidentId < b.incidentId ? -1 : 1),
            ),
          }))
          .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
        return {
          network: found.network.id,
          illustrative: found.network.illustrative,
          asOf: asOf.toISOString(),
          radiusKm: rule.radiusKm,
          days: rule.days,
          rule: describeRiskRule(rule),
          segments,
        };
      },
    );

    r.get(
      '/tiles/routes/:id/:z/:x/:y.mvt',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'A route network as a Mapbox vector tile: layer `routes`, one line per segment with its id, name and risk score (the board’s rule)',
          params: z.object({
            id: z.string(),
            z: z.coerce.number().int().min(0).max(22),
            x: z.coerce.number().int().min(0),
            y: z.coerce.number().int().min(0),
          }),
          querystring: RiskQuery,
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const { id, z: zoom, x, y } = request.params;
        const n = 2 ** zoom;
        if (x >= n || y >= n)
          throw new AppError(
            'request.invalid',
            { key: 'request.tileOutOfRange', params: { zoom, x, y, max: n - 1 } },
            'params',
          );
        const q = request.query;
        const tile = await asReader(database.db, reader, (trx) =>
          routeTile(
            trx,
            id,
            { z: zoom, x, y },
            riskRule(q.radiusKm, q.days),
            q.asOf ? new Date(q.asOf) : clock.now(),
          ),
        );
        if (!tile) throw notFound({ key: 'logistics.what.network', params: { id } });
        return sendTile(reply, tile);
      },
    );

    r.post(
      '/api/logistics/networks/:id/plan',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'Plan a convoy: the shortest route within a risk threshold, respecting checkpoint shifts and corridor windows',
          description:
            'Segments whose risk (the board’s rule) is above maxRisk are avoided. A route that reaches a checkpoint outside its shifts or while it is not open, or uses a corridor segment outside a planned or open window, is rejected with its reasons; the segment at fault is set aside and the next shortest route is tried. With maxWaitMin above 0 the convoy may instead wait at checkpoints until they open (their waits together at most maxWaitMin): the earliest arrival among the routes that keep every rule wins, and the explanation states each wait.',
          params: z.object({ id: z.string() }),
          querystring: z.strictObject({ lang: Lang }),
          body: z.strictObject({
            from: z.string().describe('a node id of the network (node-12)'),
            to: z.string(),
            maxRisk: z.number().min(0).describe('avoid segments whose risk score is above this'),
            depart: IsoTime,
            speedKmh: z.number().gt(0).max(200).default(40),
            radiusKm: z.number().gt(0).max(100).default(DEFAULT_RISK_RULE.radiusKm),
            days: z.number().int().min(1).max(3650).default(DEFAULT_RISK_RULE.days),
            maxWaitMin: z
              .number()
              .int()
              .min(0)
              .max(7 * 24 * 60)
              .default(0)
              .describe(
                'the longest the convoy may wait, in all, at checkpoints reached outside their shifts (minutes); 0 never waits',
              ),
          }),
          response: {
            200: matches<Api.ConvoyPlanView>()(
              z.object({
                network: z.string(),
                illustrative: z.boolean(),
                route: RouteView.nullable(),
                rejected: z.array(
                  z.object({ route: RouteView, reasons: z.array(z.string()), avoid: z.string() }),
                ),
                tooRisky: z.array(z.object({ segmentId: z.string(), risk: z.number() })),
                problem: z.string().nullable(),
                explanation: z.array(z.string()),
                maxWaitMin: z.number(),
                rule: z.string(),
              }),
            ),
          },
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const ph = await readerPhrasing(database, request, request.query.lang);
        reply.header('content-language', ph.language).header('vary', 'accept-language');
        const b = request.body;
        const depart = new Date(b.depart);
        const rule = riskRule(b.radiusKm, b.days);
        const result = await asReader(database.db, reader, async (trx) => {
          const found = await scored(trx, request.params.id, rule, depart);
          if (!found) return undefined;
          // The graph, checkpoints and corridors of the network: built once per reader's view,
          // again when segments, checkpoints or corridors change (risk comes per plan).
          const context = await cache.remember(
            `plan|${found.stamp.visibility}|${found.network.id}`,
            `${found.stamp.versions.segments}:${found.stamp.versions.planRules}`,
            async () => {
              const nodeIds = new Set(found.parts.nodes.map((n) => n.id));
              const checkpoints = (await listCheckpoints(trx))
                .filter((c) => c.nodeId !== null && nodeIds.has(c.nodeId))
                .map((c) => ({
                  id: c.id,
                  name: c.name,
                  nodeId: c.nodeId!,
                  status: c.status,
                  shifts: c.shifts,
                }));
              const corridors = (await listCorridors(trx))
                .filter((c) => c.networkId === found.network.id)
                .map((c) => ({
                  id: c.id,
                  name: c.name,
                  segmentIds: c.segmentIds,
                  windows: c.windows.map((w) => ({
                    startMs: w.start.getTime(),
                    endMs: w.end.getTime(),
                    status: w.status,
                  })),
                }));
              const graph = routeGraph(
                found.parts.nodes,
                found.parts.segments.map((s) => ({
                  id: s.id,
                  from: s.from,
                  to: s.to,
                  lengthM: s.lengthM,
                  risk: 0,
                })),
              );
              return { nodeIds, checkpoints, corridors, graph };
            },
          );
          return { found, context };
        });
        if (!result) throw notFound({ key: 'logistics.what.network', params: { id: request.params.id } });
        const { found, context } = result;
        if (!context.nodeIds.has(b.from))
          throw refused('body.from', {
            key: 'logistics.notANode',
            params: { node: b.from, network: found.network.id },
          });
        if (!context.nodeIds.has(b.to))
          throw refused('body.to', {
            key: 'logistics.notANode',
            params: { node: b.to, network: found.network.id },
          });
        const plan = planConvoy(
          context.graph,
          {
            from: b.from,
            to: b.to,
            maxRisk: b.maxRisk,
            departMs: depart.getTime(),
            speedKmh: b.speedKmh,
            risks: found.risk.scores,
            maxWaitMin: b.maxWaitMin,
            checkpoints: context.checkpoints,
            corridors: context.corridors,
          },
          ph,
        );
        const names = new Map(found.parts.segments.map((s) => [s.id, s.name]));
        return {
          network: found.network.id,
          illustrative: found.network.illustrative,
          route: plan.route && presentRoute(plan.route, names),
          rejected: plan.rejected.map((x) => ({
            route: presentRoute(x.route, names),
            reasons: [...x.reasons],
            avoid: x.avoid,
          })),
          tooRisky: plan.tooRisky.map((t) => ({ ...t })),
          problem: plan.problem,
          explanation: [...plan.explanation],
          maxWaitMin: b.maxWaitMin,
          rule: describeRiskRule(rule),
        };
      },
    );

    // ----- border crossings ------------------------------------------------------------------

    r.get(
      '/api/logistics/crossings',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Border crossings with their status on a day (today when left out) and its history',
          querystring: z.object({ at: IsoTime.optional() }),
          response: {
            200: matches<Api.BorderCrossings>()(
              z.object({ at: z.string(), crossings: z.array(CrossingView) }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const at = request.query.at ? new Date(request.query.at) : clock.now();
        const crossings = await asReader(database.db, reader, (trx) => listBorderCrossings(trx, at));
        return {
          at: at.toISOString(),
          crossings: crossings.map((c) => ({
            ...c,
            position: [c.position[0], c.position[1]] as [number, number],
            statusSince: c.statusSince?.toISOString() ?? null,
            history: c.history.map((h) => ({ ...h, validFrom: h.validFrom.toISOString() })),
          })),
        };
      },
    );

    r.post(
      '/api/logistics/crossings/:id/status',
      {
        schema: {
          tags: ['logistics'],
          summary: "Record a border crossing's status from a time on (cell staff, liaison)",
          params: z.object({ id: z.string() }),
          body: z.strictObject({
            status: CrossingStatus,
            validFrom: IsoTime,
            note: z.string().max(2000).default(''),
          }),
          response: { 200: Done },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'liaison');
        const b = request.body;
        const ok = await asReader(database.db, principal.reader, (trx) =>
          setCrossingStatus(
            trx,
            request.params.id,
            { status: b.status, validFrom: new Date(b.validFrom), note: b.note },
            actorOf(principal),
          ),
        );
        if (!ok) throw notFound({ key: 'logistics.what.crossing', params: { id: request.params.id } });
        return { ok: true as const };
      },
    );

    // ----- checkpoints -----------------------------------------------------------------------

    r.get(
      '/api/logistics/checkpoints',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Checkpoints: who mans them, their shifts (UTC) and status',
          response: { 200: matches<Api.Checkpoints>()(z.object({ checkpoints: z.array(CheckpointView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const list = await asReader(database.db, reader, (trx) => listCheckpoints(trx));
        return { checkpoints: list.map(presentCheckpoint) };
      },
    );

    const ShiftInput = z.strictObject({
      start: z.string().describe('HH:MM UTC'),
      end: z.string().describe('HH:MM UTC; before start when the shift runs past midnight'),
      nation: Iso3,
    });

    r.post(
      '/api/logistics/checkpoints',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Record a checkpoint (cell staff): on a network node, or at a position',
          body: z.strictObject({
            name: z.string().trim().min(1, 'a name').max(200),
            nodeId: z.string().nullable().default(null),
            position: LngLat.nullable().default(null),
            nations: z.array(Iso3).min(1, 'at least one nation mans it'),
            shifts: z.array(ShiftInput).max(24).default([]),
            status: CheckpointStatus.default('open'),
            note: z.string().max(2000).default(''),
            releasability: Label,
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        const shifts = readShifts(b.shifts, 'body.shifts');
        const label = labelFromRequest(b.releasability, 'body.releasability');
        const made = await asReader(database.db, principal.reader, (trx) =>
          insertCheckpoint(
            trx,
            {
              name: b.name,
              nodeId: b.nodeId,
              position: b.position,
              nations: b.nations,
              shifts,
              status: b.status,
              note: b.note,
            },
            label,
            actorOf(principal),
          ),
        );
        if ('problem' in made) throw refused(made.problem.field, made.problem.refusal ?? made.problem.reason);
        return reply.status(201).send({ id: made.id });
      },
    );

    r.patch(
      '/api/logistics/checkpoints/:id',
      {
        schema: {
          tags: ['logistics'],
          summary: "Change a checkpoint's status, shifts, nations or note (cell staff, liaison)",
          params: z.object({ id: z.string() }),
          body: z.strictObject({
            status: CheckpointStatus.optional(),
            shifts: z.array(ShiftInput).max(24).optional(),
            nations: z.array(Iso3).min(1).optional(),
            note: z.string().max(2000).optional(),
          }),
          response: { 200: Done },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'liaison');
        const b = request.body;
        const shifts = b.shifts && readShifts(b.shifts, 'body.shifts');
        const ok = await asReader(database.db, principal.reader, (trx) =>
          updateCheckpoint(
            trx,
            request.params.id,
            {
              ...(b.status ? { status: b.status } : {}),
              ...(shifts ? { shifts } : {}),
              ...(b.nations ? { nations: b.nations } : {}),
              ...(b.note !== undefined ? { note: b.note } : {}),
            },
            actorOf(principal),
          ),
        );
        if (!ok) throw notFound({ key: 'logistics.what.checkpoint', params: { id: request.params.id } });
        return { ok: true as const };
      },
    );

    // ----- corridors -------------------------------------------------------------------------

    r.get(
      '/api/logistics/corridors',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'Humanitarian corridors with their windows and the incidents flagged on the route in each window',
          description: `An incident is flagged in a window when its time meets the window and its uncertainty circle comes within ${CORRIDOR_WATCH_RADIUS_M} m of the corridor's route, as local truce windows are monitored.`,
          response: {
            200: matches<Api.Corridors>()(
              z.object({ watchRadiusM: z.number(), corridors: z.array(CorridorView) }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const view = await asReader(database.db, reader, async (trx) => {
          const corridors = await listCorridors(trx);
          const windows = corridors.flatMap((c) => c.windows);
          if (windows.length === 0) return corridors.map((c) => ({ c, lines: [], incidents: [] }));
          const from = new Date(Math.min(...windows.map((w) => w.start.getTime())));
          const to = new Date(Math.max(...windows.map((w) => w.end.getTime())));
          const incidents = await logisticsIncidents(trx, from, to);
          const out = [];
          for (const c of corridors) {
            const parts = await routeNetworkParts(trx, c.networkId);
            const segs = new Map((parts?.segments ?? []).map((s) => [s.id, s.coordinates]));
            out.push({
              c,
              lines: c.segmentIds.map((s) => segs.get(s) ?? []).filter((l) => l.length > 0),
              incidents,
            });
          }
          return out;
        });
        return {
          watchRadiusM: CORRIDOR_WATCH_RADIUS_M,
          corridors: view.map(({ c, lines, incidents }) => ({
            id: c.id,
            name: c.name,
            purpose: c.purpose,
            networkId: c.networkId,
            segmentIds: [...c.segmentIds],
            guarantors: [...c.guarantors],
            windows: c.windows.map((w) => {
              const flagged =
                lines.length === 0
                  ? []
                  : flagCorridorWindow(
                      lines,
                      { startMs: w.start.getTime(), endMs: w.end.getTime() },
                      incidents.map((i) => ({
                        id: i.id,
                        category: i.category as Category,
                        position: [i.lng, i.lat] as [number, number],
                        radiusM: i.radiusM,
                        startMs: i.start.getTime(),
                        endMs: i.end.getTime(),
                      })),
                    );
              return {
                id: w.id,
                start: w.start.toISOString(),
                end: w.end.toISOString(),
                status: w.status,
                note: w.note,
                held: flagged.length === 0,
                flagged: flagged.map((f) => ({ ...f })),
              };
            }),
            createdBy: c.createdBy,
            releasability: c.releasability,
          })),
        };
      },
    );

    r.post(
      '/api/logistics/corridors',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'Record a humanitarian corridor: its route (segments in order) and the nations guaranteeing it (cell staff)',
          body: z.strictObject({
            name: z.string().trim().min(1, 'a name').max(200),
            purpose: z.string().max(2000).default(''),
            networkId: z.string(),
            segmentIds: z.array(z.string()).min(1, 'at least one segment').max(500),
            guarantors: z.array(Iso3).min(1, 'at least one guaranteeing nation'),
            releasability: Label,
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        const label = labelFromRequest(b.releasability, 'body.releasability');
        const made = await asReader(database.db, principal.reader, (trx) =>
          insertCorridor(
            trx,
            {
              name: b.name,
              purpose: b.purpose,
              networkId: b.networkId,
              segmentIds: b.segmentIds,
              guarantors: b.guarantors,
            },
            label,
            actorOf(principal),
          ),
        );
        if ('problem' in made) throw refused(made.problem.field, made.problem.refusal ?? made.problem.reason);
        return reply.status(201).send({ id: made.id });
      },
    );

    r.post(
      '/api/logistics/corridors/:id/windows',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Add a window to a corridor (cell staff); windows of one corridor may not overlap',
          params: z.object({ id: z.string() }),
          body: z.strictObject({
            start: IsoTime,
            end: IsoTime,
            status: WindowStatus.default('planned'),
            note: z.string().max(2000).default(''),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        const start = new Date(b.start);
        const end = new Date(b.end);
        const id = await asReader(database.db, principal.reader, async (trx) => {
          const c = await corridorWindows(trx, request.params.id);
          if (!c) throw notFound({ key: 'logistics.what.corridor', params: { id: request.params.id } });
          const problem = corridorWindowProblem(
            { startMs: start.getTime(), endMs: end.getTime() },
            c.windows.map((w) => ({
              id: w.id,
              startMs: w.start.getTime(),
              endMs: w.end.getTime(),
              status: w.status,
            })),
          );
          if (problem && b.status !== 'cancelled')
            throw new AppError(
              'logistics.refused',
              {
                key: 'logistics.fieldRefusedNothingStored',
                params: { field: `body.${problem.field}`, reason: reasonValue(problem) },
              },
              `body.${problem.field}`,
            );
          if (problem?.field === 'end')
            throw new AppError(
              'logistics.refused',
              {
                key: 'logistics.fieldRefusedNothingStored',
                params: { field: 'body.end', reason: reasonValue(problem) },
              },
              'body.end',
            );
          return insertCorridorWindow(
            trx,
            { row: c.row, id: request.params.id, label: c.label },
            { start, end, status: b.status, note: b.note },
            actorOf(principal),
          );
        });
        return reply.status(201).send({ id });
      },
    );

    r.patch(
      '/api/logistics/corridors/:id/windows/:windowId',
      {
        schema: {
          tags: ['logistics'],
          summary: "Set a corridor window's status (cell staff, liaison)",
          params: z.object({ id: z.string(), windowId: z.string() }),
          body: z.strictObject({ status: WindowStatus, note: z.string().max(2000).default('') }),
          response: { 200: Done },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'liaison');
        const b = request.body;
        const ok = await asReader(database.db, principal.reader, async (trx) => {
          if (b.status !== 'cancelled') {
            // Reinstating a cancelled window must not make it overlap another.
            const c = await corridorWindows(trx, request.params.id);
            const me = c?.windows.find((w) => w.id === request.params.windowId);
            if (c && me) {
              const problem = corridorWindowProblem(
                { startMs: me.start.getTime(), endMs: me.end.getTime() },
                c.windows
                  .filter((w) => w.id !== me.id)
                  .map((w) => ({
                    id: w.id,
                    startMs: w.start.getTime(),
                    endMs: w.end.getTime(),
                    status: w.status,
                  })),
              );
              if (problem) throw refused('body.status', problem.refusal ?? problem.reason);
            }
          }
          return setCorridorWindowStatus(
            trx,
            request.params.id,
            request.params.windowId,
            b.status,
            b.note,
            actorOf(principal),
          );
        });
        if (!ok)
          throw notFound({
            key: 'logistics.what.window',
            params: { windowId: request.params.windowId, id: request.params.id },
          });
        return { ok: true as const };
      },
    );

    // ----- hubs ------------------------------------------------------------------------------

    r.get(
      '/api/logistics/hubs',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Hub logistics: protection, capacity, the units each supplies, and inventories',
          response: { 200: matches<Api.HubsLogistics>()(z.object({ hubs: z.array(HubLogisticsView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const hubs = await asReader(database.db, reader, (trx) => listHubLogistics(trx));
        return {
          hubs: hubs.map((h) => ({
            ...h,
            supplies: [...h.supplies],
            inventory: h.inventory.map((i) => ({ ...i })),
          })),
        };
      },
    );

    r.put(
      '/api/logistics/hubs/:id',
      {
        schema: {
          tags: ['logistics'],
          summary: "Replace a hub's protection, capacity, units supplied and inventory (cell staff)",
          params: z.object({ id: z.string() }),
          body: z.strictObject({
            protectionLevel: Protection,
            capacityTonnes: z.number().int().min(0, 'capacity cannot be below 0').nullable().default(null),
            supplies: z
              .array(z.string().regex(/^UA-[0-9]{2}$/, 'an ISO 3166-2 code of a unit of Ukraine (UA-14)'))
              .max(27)
              .default([]),
            inventory: z
              .array(
                z.strictObject({
                  equipmentClass: z.string().trim().min(1).max(100),
                  quantity: z.number().int().min(0, 'a quantity cannot be below 0'),
                }),
              )
              .max(500)
              .default([]),
          }),
          response: { 200: Done },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        const classes = b.inventory.map((i) => i.equipmentClass.toLowerCase());
        const dup = classes.findIndex((c, i) => classes.indexOf(c) !== i);
        if (dup >= 0)
          throw new AppError(
            'logistics.refused',
            {
              key: 'logistics.equipmentClassTwice',
              params: { index: dup, equipmentClass: b.inventory[dup]!.equipmentClass },
            },
            `body.inventory[${dup}].equipmentClass`,
          );
        const ok = await asReader(database.db, principal.reader, (trx) =>
          setHubLogistics(
            trx,
            {
              hubId: request.params.id,
              protectionLevel: b.protectionLevel,
              capacityTonnes: b.capacityTonnes,
              supplies: b.supplies,
              inventory: b.inventory,
            },
            actorOf(principal),
          ),
        );
        if (!ok) throw notFound({ key: 'logistics.what.hub', params: { id: request.params.id } });
        return { ok: true as const };
      },
    );
  };
