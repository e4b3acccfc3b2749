import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import { CotStreamFramer, incidentToCot } from '@guarantor/core/cot';
import { CATEGORIES } from '@guarantor/core/monitoring';
import {
  addClaim,
  appendAudit,
  asReader,
  type ClaimRecord,
  countIncidents,
  getIncident,
  INCIDENT_STATES,
  type IncidentObservationRecord,
  type IncidentRecord,
  incidentClaims,
  incidentObservations,
  incidentStateChanges,
  incidentTile,
  labelColumns,
  labelOf,
  listIncidents,
  listTeamTracks,
  type StateChangeRecord,
  type TileEncoder,
  tileEncoder,
} from '@guarantor/db';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser, submitterKey } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { cotInput, stripDeclaration } from '../monitoring/cot-out.ts';
import { ingestCot, ingestObservations } from '../monitoring/intake.ts';
import { MonitoringService } from '../monitoring/service.ts';
import { applyIncidentAction, INCIDENT_ACTIONS, transitionRefusal } from '../monitoring/states.ts';
import { filterFromQuery, labelFromRequest } from './inputs.ts';

/** Observations per POST /api/observations. */
export const MAX_BATCH = 10_000;
/** Bytes of one observations batch: 10,000 items of up to ~1.6 KB. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
/** Bytes of one POST /api/cot body: many events, each at most 64 KiB (core's limit). */
export const COT_BODY_LIMIT = 1024 * 1024;

const Iso = z.string().datetime({ offset: true }).describe('ISO 8601 instant, e.g. 2026-11-26T06:00:00Z');

const FilterQuery = {
  category: z
    .string()
    .optional()
    .describe(`comma-separated categories: ${CATEGORIES.join(', ')}`),
  state: z
    .string()
    .optional()
    .describe(`comma-separated states: ${INCIDENT_STATES.join(', ')}`),
  from: Iso.optional().describe('incidents whose time window ends at or after this instant'),
  to: Iso.optional().describe('incidents whose time window starts at or before this instant'),
  sector: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      'a sector zone id: incidents its polygon covers (boundary included); an unknown sector matches none',
    ),
};

const IncidentView = z.object({
  id: z.string(),
  category: z.string(),
  categories: z.array(z.string()),
  state: z.enum(INCIDENT_STATES),
  fusionState: z.enum(['reported', 'corroborated']),
  attributedParty: z.string().nullable(),
  position: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
  radiusM: z.number(),
  locationMethod: z.string(),
  start: z.string(),
  end: z.string(),
  count: z.object({ low: z.number(), best: z.number(), high: z.number() }),
  confidence: z.number(),
  independentSources: z.number().int(),
  partyClaimNations: z.array(z.string()),
  observationCount: z.number().int(),
  mergedInto: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  releasability: z.string(),
});

const ObservationView = z.object({
  uid: z.string(),
  sourceKind: z.string(),
  sourceId: z.string(),
  nation: z.string(),
  category: z.string(),
  count: z.number(),
  start: z.string(),
  end: z.string(),
  position: z.tuple([z.number(), z.number()]),
  radiusM: z.number(),
  locationKind: z.enum(['point', 'bearing']),
  remarks: z.string().nullable(),
  reportedAt: z.string(),
  join: z
    .object({
      via: z.string(),
      rule: z.string(),
      geometry: z.string(),
      distanceM: z.number(),
      gapMs: z.number(),
    })
    .nullable(),
  releasability: z.string(),
});

const StateChangeView = z.object({
  incidentId: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  by: z.string(),
  nation: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
  attributedParty: z.string().nullable(),
  assessment: z.string().nullable(),
});

const ClaimView = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  party: z.string(),
  claim: z.string(),
  evidence: z.array(z.string()),
  assessment: z.string().nullable(),
  by: z.string(),
  nation: z.string().nullable(),
  at: z.string(),
  releasability: z.string(),
});

const IntakeResultView = z.object({
  index: z.number().int(),
  uid: z.string().optional(),
  status: z.enum(['stored', 'replaced', 'unchanged', 'rejected']),
  code: z.string().optional(),
  field: z.string().optional(),
  message: z.string().optional(),
});

const CotResultView = z.object({
  index: z.number().int(),
  uid: z.string().optional(),
  type: z.string().optional(),
  kind: z.enum(['observation', 'team_track', 'ignored', 'rejected', 'dropped']),
  status: z.enum(['stored', 'replaced', 'unchanged', 'rejected']).optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

const Evidence = z.array(z.string().url('must be a link (URL)').max(2000)).max(50);

function presentIncident(r: IncidentRecord): z.infer<typeof IncidentView> {
  const { label: _label, explanation: _explanation, start, end, updatedAt, position, ...rest } = r;
  return {
    ...rest,
    categories: [...r.categories],
    partyClaimNations: [...r.partyClaimNations],
    position: [position[0], position[1]],
    start: start.toISOString(),
    end: end.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

function presentObservation(o: IncidentObservationRecord): z.infer<typeof ObservationView> {
  return {
    ...o,
    position: [o.position[0], o.position[1]],
    start: o.start.toISOString(),
    end: o.end.toISOString(),
    reportedAt: o.reportedAt.toISOString(),
  };
}

function presentStateChange(s: StateChangeRecord): z.infer<typeof StateChangeView> {
  return { ...s, evidence: [...s.evidence], at: s.at.toISOString() };
}

function presentClaim(c: ClaimRecord): z.infer<typeof ClaimView> {
  return { ...c, evidence: [...c.evidence], at: c.at.toISOString() };
}

function labelOrDefault(text: string | undefined, field: string, fallback: Releasability): Releasability {
  return text === undefined ? fallback : labelFromRequest(text, field);
}

const COALITION: Releasability = { kind: 'COALITION' };

/**
 * Monitoring: observation intake (JSON and CoT), incidents (list, counts, detail, CoT, vector
 * tiles, live updates), analysts' state changes and the dispute record. The plugin also runs
 * this instance's MonitoringService (fusion worker and live hub) for the app's lifetime.
 */
export const monitoringRoutes = (deps: RouteDeps): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (root) => {
    const service = new MonitoringService(deps.database, deps.clock, root.log);
    root.decorate('monitoring', service);
    root.addHook('onReady', () => service.start());
    root.addHook('onClose', () => service.stop());
    await root.register(routes(deps, service));
  };
  // Not encapsulated, so the decoration and hooks belong to the app; the routes below are.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};

const routes =
  ({ database, clock }: RouteDeps, service: MonitoringService): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    let encoder: TileEncoder | undefined;
    app.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: COT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    r.post(
      '/api/observations',
      {
        bodyLimit: BATCH_BODY_LIMIT,
        schema: {
          tags: ['monitoring'],
          summary: `Report up to ${MAX_BATCH.toLocaleString('en')} observations; each is accepted or rejected on its own`,
          description:
            'Idempotent by uid: a resend with a newer reportedAtMs replaces the stored version, an older or equal one changes nothing (`unchanged`). ' +
            'Each item may carry `releasability`; the default is the batch `releasability`, else COALITION. Machine clients use an API token.',
          body: z.object({
            releasability: z.string().optional(),
            observations: z.array(z.unknown()),
          }),
          response: {
            200: z.object({
              accepted: z.number().int(),
              rejected: z.number().int(),
              results: z.array(IntakeResultView),
            }),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'monitor', 'analyst', 'admin');
        const { observations } = request.body;
        if (observations.length > MAX_BATCH) {
          throw new AppError(
            'observations.batch_too_large',
            `${observations.length} observations in one request; send at most ${MAX_BATCH} per request`,
            'body.observations',
          );
        }
        const batchLabel = labelOrDefault(request.body.releasability, 'body.releasability', COALITION);
        const items = observations.map((value, index) => {
          const text = (value as { releasability?: unknown } | null)?.releasability;
          return {
            value,
            label:
              typeof text === 'string'
                ? labelFromRequest(text, `body.observations[${index}].releasability`)
                : batchLabel,
          };
        });
        const results = await ingestObservations(
          database,
          {
            reader: principal.reader,
            username: principal.user.username,
            submitter: submitterKey(principal),
            source: principal.token?.source ?? null,
          },
          items,
        );
        service.worker.wake();
        const rejected = results.filter((x) => x.status === 'rejected').length;
        return { accepted: results.length - rejected, rejected, results };
      },
    );

    r.post(
      '/api/cot',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Report Cursor-on-Target events (one or several <event> documents) as observations and team tracks',
          description:
            'Content-Type application/xml or text/xml. Markers and range-and-bearing lines become observations, ' +
            "monitor teams' position reports become team tracks; chat, deletes and our own incidents are ignored with a reason. " +
            `DTDs and entities are refused; bodies over ${COT_BODY_LIMIT} bytes get 413.`,
          querystring: z.strictObject({
            releasability: z.string().optional().describe('label of the observations; default COALITION'),
          }),
          body: z.string(),
          response: {
            200: z.object({
              accepted: z.number().int(),
              rejected: z.number().int(),
              ignored: z.number().int(),
              results: z.array(CotResultView),
            }),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'monitor', 'analyst', 'admin');
        const label = labelOrDefault(request.query.releasability, 'query.releasability', COALITION);
        const framer = new CotStreamFramer();
        const frames = [...framer.push(request.body), ...framer.end()];
        if (frames.length === 0) {
          throw new AppError(
            'cot.empty',
            'the body holds no CoT <event> element; send one or more <event> documents',
            'body',
          );
        }
        const results = await ingestCot(database, frames, {
          reader: principal.reader,
          nation: principal.user.nation,
          senderId: `user:${principal.user.username}`,
          label,
          submittedBy: principal.user.username,
          submitter: submitterKey(principal),
        });
        service.worker.wake();
        return {
          accepted: results.filter((x) => x.kind === 'observation' || x.kind === 'team_track').length,
          rejected: results.filter((x) => x.kind === 'rejected' || x.kind === 'dropped').length,
          ignored: results.filter((x) => x.kind === 'ignored').length,
          results,
        };
      },
    );

    r.get(
      '/api/incidents',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Incidents releasable to you, newest first, under the same filters as the map and the counts',
          querystring: z.strictObject({
            ...FilterQuery,
            bbox: z.string().optional().describe('west,south,east,north in degrees'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ incidents: z.array(IncidentView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const filter = filterFromQuery(request.query);
        const { limit, offset } = request.query;
        const rows = await asReader(database.db, reader, (trx) =>
          listIncidents(trx, filter, { limit, offset }),
        );
        return { incidents: rows.map(presentIncident) };
      },
    );

    r.get(
      '/api/incidents/counts',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Incident counts under the same filters and the same SQL predicate as the vector tiles',
          querystring: z.strictObject({ ...FilterQuery, bbox: z.string().optional() }),
          response: {
            200: z.object({
              total: z.number().int(),
              byCategory: z.record(z.string(), z.number().int()),
              byState: z.record(z.string(), z.number().int()),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const filter = filterFromQuery(request.query);
        return asReader(database.db, reader, (trx) => countIncidents(trx, filter));
      },
    );

    r.get(
      '/api/incidents.cot',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Incidents as Cursor-on-Target events in an <events> document; each keeps a stable uid',
          querystring: z.strictObject({
            ...FilterQuery,
            limit: z.coerce.number().int().min(1).max(10_000).default(1000),
          }),
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const filter = filterFromQuery(request.query);
        const rows = await asReader(database.db, reader, (trx) =>
          listIncidents(trx, filter, { limit: request.query.limit, offset: 0 }),
        );
        const nowMs = clock.now().getTime();
        const events = rows.map((i) => stripDeclaration(incidentToCot(cotInput(i), { nowMs })));
        return reply
          .type('application/xml; charset=utf-8')
          .send(`<?xml version="1.0" encoding="UTF-8"?>\n<events>\n${events.join('\n')}\n</events>\n`);
      },
    );

    r.get(
      '/api/incidents/:id',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            "An incident with its observations, the fusion engine's explanation, its state history and claims",
          params: z.object({ id: z.string().min(1).max(300) }),
          response: {
            200: z.object({
              incident: IncidentView,
              explanation: z.array(z.string()),
              observations: z.array(ObservationView),
              history: z.array(StateChangeView),
              claims: z.array(ClaimView),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { id } = request.params;
        const found = await asReader(database.db, reader, async (trx) => {
          const incident = await getIncident(trx, id);
          if (!incident) return undefined;
          return {
            incident,
            observations: await incidentObservations(trx, id),
            history: await incidentStateChanges(trx, id),
            claims: await incidentClaims(trx, id),
          };
        });
        if (!found) throw new AppError('not_found', `no incident ${id} that you may see`);
        return {
          incident: presentIncident(found.incident),
          explanation: [...found.incident.explanation],
          observations: found.observations.map(presentObservation),
          history: found.history.map(presentStateChange),
          claims: found.claims.map(presentClaim),
        };
      },
    );

    r.post(
      '/api/incidents/:id/state',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Verify, attribute (to a party, with evidence and assessment) or dismiss an incident (analysts)',
          params: z.object({ id: z.string().min(1).max(300) }),
          body: z.strictObject({
            action: z.enum(INCIDENT_ACTIONS),
            reason: z.string().trim().min(1).max(4000).optional(),
            evidence: Evidence.default([]),
            party: z.string().trim().min(1).max(200).optional().describe('the party an attribution names'),
            assessment: z.string().trim().min(1).max(4000).optional(),
            version: z
              .number()
              .int()
              .optional()
              .describe('the version you saw; a newer one refuses with 409'),
          }),
          response: { 200: z.object({ incident: IncidentView }) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'analyst');
        const { id } = request.params;
        const body = request.body;
        if (body.action === 'attribute') {
          if (!body.party)
            throw new AppError(
              'request.invalid',
              'body.party: name the party the incident is attributed to',
              'body.party',
            );
          if (!body.assessment)
            throw new AppError(
              'request.invalid',
              "body.assessment: give the monitors' assessment behind the attribution",
              'body.assessment',
            );
          if (body.evidence.length === 0)
            throw new AppError(
              'request.invalid',
              'body.evidence: give at least one evidence link for an attribution',
              'body.evidence',
            );
        }
        if (body.action === 'dismiss' && !body.reason)
          throw new AppError(
            'request.invalid',
            'body.reason: say why the incident is dismissed',
            'body.reason',
          );
        const at = clock.now();
        const updated = await asReader(database.db, principal.reader, async (trx) => {
          const current = await getIncident(trx, id);
          if (!current) throw new AppError('not_found', `no incident ${id} that you may see`);
          if (current.mergedInto)
            throw new AppError(
              'incident.transition_refused',
              `incident ${id} was joined into ${current.mergedInto}; act on that one`,
            );
          const refusal = transitionRefusal(current.state, body.action);
          if (refusal) throw new AppError('incident.transition_refused', refusal, 'body.action');
          if (body.version !== undefined && body.version !== current.version) {
            throw new AppError(
              'conflict.changed',
              `incident ${id} changed since you read it (version ${body.version}, now ${current.version}); reload it`,
            );
          }
          const next = await applyIncidentAction(trx, current, body.action, body, principal.user, at);
          if (!next)
            throw new AppError('conflict.changed', `incident ${id} changed while you acted on it; reload it`);
          return next;
        });
        return { incident: presentIncident(updated) };
      },
    );

    r.post(
      '/api/incidents/:id/claims',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Add a party's claim about an incident, with evidence links and the monitors' assessment",
          params: z.object({ id: z.string().min(1).max(300) }),
          body: z.strictObject({
            party: z.string().trim().min(1).max(200),
            claim: z.string().trim().min(1).max(8000),
            evidence: Evidence.default([]),
            assessment: z.string().trim().min(1).max(8000).optional(),
            releasability: z
              .string()
              .optional()
              .describe("defaults to the incident's label; never wider than it"),
          }),
          response: { 201: ClaimView },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'analyst', 'monitor');
        const { id } = request.params;
        const body = request.body;
        const asked =
          body.releasability === undefined
            ? undefined
            : labelFromRequest(body.releasability, 'body.releasability');
        const at = clock.now();
        const claim = await asReader(database.db, principal.reader, async (trx) => {
          const incident = await getIncident(trx, id);
          if (!incident) throw new AppError('not_found', `no incident ${id} that you may see`);
          const incidentLabel = labelOf(incident.label);
          // A claim wider than its incident would reveal the incident: keep it within.
          const label = asked ? meetLabels(asked, incidentLabel) : incidentLabel;
          const stored = await addClaim(trx, {
            incidentId: incident.mergedInto ?? id,
            party: body.party,
            claim: body.claim,
            evidence: body.evidence,
            assessment: body.assessment ?? null,
            by: principal.user.username,
            nation: principal.user.nation,
            at,
            label: labelColumns(label),
          });
          await appendAudit(trx, {
            actor: principal.user.username,
            nation: principal.user.nation,
            action: 'incident.claim',
            entity: 'incident',
            entityId: stored.incidentId,
            before: null,
            after: { claim: stored.id, party: stored.party, releasability: formatReleasability(label) },
            label: labelColumns(label),
            at,
          });
          return stored;
        });
        return reply.status(201).send(presentClaim(claim));
      },
    );

    r.get(
      '/api/team-tracks',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Monitor teams' last positions (CoT PLI) since an instant (default: the last 24 hours)",
          querystring: z.strictObject({ since: Iso.optional() }),
          response: {
            200: z.object({
              tracks: z.array(
                z.object({
                  uid: z.string(),
                  type: z.string(),
                  callsign: z.string().nullable(),
                  team: z.string().nullable(),
                  role: z.string().nullable(),
                  position: z.tuple([z.number(), z.number()]).nullable(),
                  radiusM: z.number().nullable(),
                  courseDeg: z.number().nullable(),
                  speedMps: z.number().nullable(),
                  time: z.string(),
                  stale: z.string(),
                  nation: z.string(),
                  releasability: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const since = request.query.since
          ? new Date(request.query.since)
          : new Date(clock.now().getTime() - 24 * 3600 * 1000);
        const tracks = await asReader(database.db, reader, (trx) => listTeamTracks(trx, since));
        return {
          tracks: tracks.map((t) => ({
            ...t,
            position: t.position ? ([t.position[0], t.position[1]] as [number, number]) : null,
            time: t.time.toISOString(),
            stale: t.stale.toISOString(),
          })),
        };
      },
    );

    r.get(
      '/tiles/incidents/:z/:x/:y.mvt',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Incidents as a Mapbox vector tile (layer `incidents`), made by PostGIS ST_AsMVT',
          params: z.object({
            z: z.coerce.number().int().min(0).max(22),
            x: z.coerce.number().int().min(0),
            y: z.coerce.number().int().min(0),
          }),
          querystring: z.strictObject(FilterQuery),
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const { z: zoom, x, y } = request.params;
        const n = 2 ** zoom;
        if (x >= n || y >= n) {
          throw new AppError(
            'request.invalid',
            `tile ${zoom}/${x}/${y} does not exist: x and y run from 0 to ${n - 1}`,
            'params',
          );
        }
        const filter = filterFromQuery(request.query);
        encoder ??= await tileEncoder(database.db);
        const how = encoder;
        const tile = await asReader(database.db, reader, (trx) =>
          incidentTile(trx, { z: zoom, x, y }, filter, how),
        );
        return sendTile(reply, tile);
      },
    );

    app.get(
      '/api/live',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Server-Sent Events: `incident` events as incidents change, on every instance (LISTEN/NOTIFY)',
        },
      },
      async (request, reply) => {
        const principal = requireUser(request);
        const { reader } = principal;
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        res.write(': live incident updates\nretry: 3000\n\n');
        // Signed out, token revoked, user disabled, session expired: the stream ends.
        const watched = app.credentials.watch(request, principal, () => res.end());
        const unsubscribe = service.live.subscribe({
          reader,
          send: (change) =>
            watched.deliver(() =>
              res.write(
                `event: incident\nid: ${change.id}@${change.version}\ndata: ${JSON.stringify(change)}\n\n`,
              ),
            ),
          // The database was away and changes may have been missed: the client reloads what it shows.
          resync: () => watched.deliver(() => res.write('event: resync\ndata: {}\n\n')),
        });
        // Proxies drop idle connections: a comment every 25 s keeps this one open.
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          watched.stop();
          unsubscribe();
        });
      },
    );
  };

function sendTile(reply: FastifyReply, tile: Uint8Array) {
  return reply
    .type('application/vnd.mapbox-vector-tile')
    .header('cache-control', 'private, max-age=5')
    .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
}
