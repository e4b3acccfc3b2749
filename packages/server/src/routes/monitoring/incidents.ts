/** Incidents: list, counts, CoT, detail, analysts' state changes and the dispute record. */
import { formatReleasability, meetLabels } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { incidentToCot } from '@guarantor/core/cot';
import {
  accountInWords,
  CATEGORY_NAMES,
  type Category,
  INCIDENT_STATE_NAMES,
  type IncidentStateName,
} from '@guarantor/core/monitoring';
import {
  addClaim,
  appendAudit,
  asReader,
  countIncidentObservations,
  countIncidents,
  getIncident,
  type IncidentFilter,
  type IncidentListKey,
  type IncidentRecord,
  incidentClaims,
  incidentObservations,
  incidentStateChanges,
  labelColumns,
  labelOf,
  listIncidents,
  locatePoint,
} from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { writeGeoPackage } from '../../exports/geopackage.ts';
import { csvText } from '../../exports/table.ts';
import { cotInput, stripDeclaration } from '../../monitoring/cot-out.ts';
import { applyIncidentAction, INCIDENT_ACTIONS, transitionRefusal } from '../../monitoring/states.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { filterFromQuery, labelFromRequest } from '../inputs.ts';
import type { MonitoringContext } from './context.ts';
import {
  ClaimView,
  Evidence,
  FilterQuery,
  IncidentView,
  ObservationView,
  presentClaim,
  presentIncident,
  presentObservation,
  presentStateChange,
  presentWhere,
  StateChangeView,
  WhereView,
} from './views.ts';

/** An incident list's cursor key: the start as listIncidents writes it (µs, UTC) and the id. */
function incidentKey(key: readonly unknown[]): IncidentListKey | undefined {
  const [start, id] = key;
  if (key.length !== 2 || typeof start !== 'string' || typeof id !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(start) || Number.isNaN(Date.parse(start)))
    return undefined;
  if (id.length === 0 || id.length > 300) return undefined;
  return { start, id };
}

/** Observations on an incident's page, and in each further page. */
const OBSERVATION_PAGE = 200;

/** The most incidents one export walks; past it the caller narrows the filter. */
const EXPORT_MAX = 200_000;

export function incidentRoutes({ r, database, clock }: MonitoringContext): void {
  r.get(
    '/api/incidents',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Incidents releasable to you, newest first (start, then id), under the same filters as the map and the counts; pages by cursor',
        description:
          'Keyset paging: `next` is the cursor of the following page (null on the last); pass it back as `cursor` with the same filters. An incident stored meanwhile never makes another repeat or vanish. A cursor not made by this list is refused with request.cursor_invalid.',
        querystring: z.strictObject({
          ...FilterQuery,
          bbox: z.string().optional().describe('west,south,east,north in degrees'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().optional().describe('the `next` of the previous page'),
        }),
        response: {
          200: matches<Api.IncidentsResponse>()(
            z.object({ incidents: z.array(IncidentView), next: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const filter = filterFromQuery(request.query);
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor('incidents', cursor, incidentKey);
      const page = await asReader(database.db, reader, (trx) => listIncidents(trx, filter, { limit, after }));
      return {
        incidents: page.incidents.map(presentIncident),
        next: page.next ? encodeCursor('incidents', [page.next.start, page.next.id]) : null,
      };
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
          200: matches<Api.IncidentCounts>()(
            z.object({
              total: z.number().int(),
              byCategory: z.record(z.string(), z.number().int()),
              byState: z.record(z.string(), z.number().int()),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const filter = filterFromQuery(request.query);
      return asReader(database.db, reader, (trx) => countIncidents(trx, filter));
    },
  );

  /** Every incident under the filter, walked page by page; refused past EXPORT_MAX (narrow the filter). */
  const everyIncident = async (reader: Parameters<typeof asReader>[1], filter: IncidentFilter) =>
    asReader(database.db, reader, async (trx) => {
      const all: IncidentRecord[] = [];
      let after: IncidentListKey | undefined;
      for (;;) {
        const page = await listIncidents(trx, filter, { limit: 1000, after });
        all.push(...page.incidents);
        if (all.length > EXPORT_MAX)
          throw new AppError('export.too_large', {
            key: 'incidents.exportTooLarge',
            params: { max: EXPORT_MAX },
          });
        if (!page.next) return all;
        after = page.next;
      }
    });
  const exportQuery = z.strictObject({
    ...FilterQuery,
    bbox: z.string().optional().describe('west,south,east,north in degrees'),
  });

  r.get(
    '/api/incidents.csv',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Every incident under the same filters as the map and the counts, as CSV for spreadsheets (UTF-8 with BOM, names in words, ISO 8601 UTC, WGS 84)',
        querystring: exportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const incidents = await everyIncident(reader, filterFromQuery(request.query));
      const header = [
        'Incident',
        'Category',
        'State',
        'Start (UTC)',
        'End (UTC)',
        'Longitude',
        'Latitude',
        'Uncertainty (m)',
        'Count (best estimate)',
        'Count (low)',
        'Count (high)',
        'Confidence',
        'Independent sources',
        'Reports',
        'Attributed to',
        'Releasability',
      ];
      const rows = incidents.map((i) => [
        i.id,
        CATEGORY_NAMES[i.category as Category] ?? i.category,
        INCIDENT_STATE_NAMES[i.state as IncidentStateName] ?? i.state,
        i.start.toISOString(),
        i.end.toISOString(),
        i.position[0],
        i.position[1],
        Math.round(i.radiusM),
        i.count.best,
        i.count.low,
        i.count.high,
        i.confidence,
        i.independentSources,
        i.observationCount,
        i.attributedParty ?? '',
        i.releasability,
      ]);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="incidents.csv"');
      // The byte-order mark makes spreadsheet programs read UTF-8 (Cyrillic place names) as such.
      return csvText([header, ...rows]);
    },
  );

  r.get(
    '/api/incidents.gpkg',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Every incident under the same filters as the map and the counts, as a GeoPackage (one point layer "incidents", WGS 84, names in words) for QGIS and ArcGIS',
        querystring: exportQuery,
        produces: ['application/geopackage+sqlite3'],
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const incidents = await everyIncident(reader, filterFromQuery(request.query));
      const gpkg = writeGeoPackage(
        [
          {
            name: 'incidents',
            description:
              'Guarantor incidents under the monitoring map’s filters, as releasable to the reader',
            geometryType: 'POINT',
            fields: [
              { name: 'incident', type: 'TEXT' },
              { name: 'category', type: 'TEXT' },
              { name: 'state', type: 'TEXT' },
              { name: 'start_utc', type: 'TEXT' },
              { name: 'end_utc', type: 'TEXT' },
              { name: 'uncertainty_m', type: 'INTEGER' },
              { name: 'count_best', type: 'INTEGER' },
              { name: 'count_low', type: 'INTEGER' },
              { name: 'count_high', type: 'INTEGER' },
              { name: 'confidence', type: 'REAL' },
              { name: 'independent_sources', type: 'INTEGER' },
              { name: 'reports', type: 'INTEGER' },
              { name: 'attributed_to', type: 'TEXT' },
              { name: 'releasability', type: 'TEXT' },
            ],
            features: incidents.map((i) => ({
              geometry: { type: 'Point' as const, coordinates: i.position },
              properties: {
                incident: i.id,
                category: CATEGORY_NAMES[i.category as Category] ?? i.category,
                state: INCIDENT_STATE_NAMES[i.state as IncidentStateName] ?? i.state,
                start_utc: i.start.toISOString(),
                end_utc: i.end.toISOString(),
                uncertainty_m: Math.round(i.radiusM),
                count_best: i.count.best,
                count_low: i.count.low,
                count_high: i.count.high,
                confidence: i.confidence,
                independent_sources: i.independentSources,
                reports: i.observationCount,
                attributed_to: i.attributedParty,
                releasability: i.releasability,
              },
            })),
          },
        ],
        clock.now(),
      );
      return reply
        .type('application/geopackage+sqlite3')
        .header('content-disposition', 'attachment; filename="incidents.gpkg"')
        .send(gpkg);
    },
  );

  r.get(
    '/api/incidents.geojson',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Every incident under the same filters as the map and the counts, as a GeoJSON FeatureCollection (WGS 84)',
        querystring: exportQuery,
        produces: ['application/geo+json'],
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const incidents = await everyIncident(reader, filterFromQuery(request.query));
      reply
        .type('application/geo+json')
        .header('content-disposition', 'attachment; filename="incidents.geojson"');
      return JSON.stringify({
        type: 'FeatureCollection',
        features: incidents.map((i) => {
          const { position, ...properties } = presentIncident(i);
          return {
            type: 'Feature',
            id: i.id,
            geometry: { type: 'Point', coordinates: position },
            properties: {
              ...properties,
              categoryName: CATEGORY_NAMES[i.category as Category] ?? i.category,
              stateName: INCIDENT_STATE_NAMES[i.state as IncidentStateName] ?? i.state,
            },
          };
        }),
      });
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
        listIncidents(trx, filter, { limit: request.query.limit }),
      );
      const nowMs = clock.now().getTime();
      const events = rows.incidents.map((i) => stripDeclaration(incidentToCot(cotInput(i), { nowMs })));
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
        querystring: z.strictObject({ lang: Lang }),
        response: {
          200: matches<Api.IncidentDetail>()(
            z.object({
              incident: IncidentView,
              where: WhereView,
              explanation: z
                .array(z.string())
                .describe("the fusion engine's account, line by line, in the reader's language"),
              observations: z
                .array(ObservationView)
                .describe(`the first ${OBSERVATION_PAGE} observations you may see, in uid order`),
              observationsTotal: z
                .number()
                .int()
                .describe('how many observations of the incident you may see'),
              observationsNext: z
                .string()
                .nullable()
                .describe(
                  'cursor for GET /api/incidents/:id/observations: the next page (null when all are here)',
                ),
              history: z.array(StateChangeView),
              claims: z.array(ClaimView),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const { id } = request.params;
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const found = await asReader(database.db, reader, async (trx) => {
        const incident = await getIncident(trx, id);
        if (!incident) return undefined;
        return {
          incident,
          location: await locatePoint(trx, incident.position, incident.start),
          observations: await incidentObservations(trx, id, { limit: OBSERVATION_PAGE }),
          observationsTotal: await countIncidentObservations(trx, id),
          history: await incidentStateChanges(trx, id),
          claims: await incidentClaims(trx, id),
        };
      });
      if (!found) throw new AppError('not_found', { key: 'incidents.notFound', params: { id } });
      return {
        incident: presentIncident(found.incident),
        where: presentWhere(found.location, found.incident.position, ph),
        explanation: accountInWords(found.incident.explanation, ph),
        observations: found.observations.map(presentObservation),
        observationsTotal: found.observationsTotal,
        observationsNext:
          found.observations.length < found.observationsTotal && found.observations.length > 0
            ? encodeCursor('incident-observations', [id, found.observations.at(-1)!.uid])
            : null,
        history: found.history.map((h) => presentStateChange(h, ph)),
        claims: found.claims.map(presentClaim),
      };
    },
  );

  r.get(
    '/api/incidents/:id/observations',
    {
      schema: {
        tags: ['monitoring'],
        summary: "An incident's observations you may see, in uid order; pages by cursor",
        description:
          "The incident's detail carries the first page and `observationsNext`; pass it (and each page's `next`) as `cursor`. A cursor of another incident or list is refused with request.cursor_invalid.",
        params: z.object({ id: z.string().min(1).max(300) }),
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(OBSERVATION_PAGE),
          cursor: z
            .string()
            .optional()
            .describe('observationsNext of the detail, or the `next` of the previous page'),
        }),
        response: {
          200: matches<Api.IncidentObservationsPage>()(
            z.object({ observations: z.array(ObservationView), next: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { id } = request.params;
      const { limit, cursor } = request.query;
      const after =
        cursor === undefined
          ? undefined
          : decodeCursor('incident-observations', cursor, (key) =>
              key.length === 2 && key[0] === id && typeof key[1] === 'string' ? key[1] : undefined,
            );
      const found = await asReader(database.db, reader, async (trx) => {
        if (!(await getIncident(trx, id))) return undefined;
        // One more than asked: whether a next page exists without counting.
        return incidentObservations(trx, id, { limit: limit + 1, ...(after === undefined ? {} : { after }) });
      });
      if (!found) throw new AppError('not_found', { key: 'incidents.notFound', params: { id } });
      const page = found.slice(0, limit);
      return {
        observations: page.map(presentObservation),
        next: found.length > limit ? encodeCursor('incident-observations', [id, page.at(-1)!.uid]) : null,
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
          version: z.number().int().optional().describe('the version you saw; a newer one refuses with 409'),
        }),
        response: { 200: matches<Api.IncidentResponse>()(z.object({ incident: IncidentView })) },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'analyst');
      const { id } = request.params;
      const body = request.body;
      if (body.action === 'attribute') {
        if (!body.party)
          throw new AppError('request.invalid', { key: 'incidents.partyMissing' }, 'body.party');
        if (!body.assessment)
          throw new AppError('request.invalid', { key: 'incidents.assessmentMissing' }, 'body.assessment');
        if (body.evidence.length === 0)
          throw new AppError('request.invalid', { key: 'incidents.evidenceMissing' }, 'body.evidence');
      }
      if (body.action === 'dismiss' && !body.reason)
        throw new AppError('request.invalid', { key: 'incidents.dismissReasonMissing' }, 'body.reason');
      const at = clock.now();
      const updated = await asReader(database.db, principal.reader, async (trx) => {
        const current = await getIncident(trx, id);
        if (!current) throw new AppError('not_found', { key: 'incidents.notFound', params: { id } });
        if (current.mergedInto)
          throw new AppError('incident.transition_refused', {
            key: 'incidents.merged',
            params: { id, mergedInto: current.mergedInto },
          });
        const refusal = transitionRefusal(current.state, body.action);
        if (refusal) throw new AppError('incident.transition_refused', refusal, 'body.action');
        if (body.version !== undefined && body.version !== current.version) {
          throw new AppError('conflict.changed', {
            key: 'incidents.changedSinceRead',
            params: { id, sent: body.version, current: current.version },
          });
        }
        const next = await applyIncidentAction(trx, current, body.action, body, principal.user, at);
        if (!next)
          throw new AppError('conflict.changed', { key: 'incidents.changedWhileActing', params: { id } });
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
        if (!incident) throw new AppError('not_found', { key: 'incidents.notFound', params: { id } });
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
}
