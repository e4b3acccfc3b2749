import type * as Api from '@guarantor/core/api';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { isIsoDate } from '@guarantor/core/phases';
import {
  describeProblem,
  ViolationRuleError,
  WEAPON_CLASSES,
  ZONE_KINDS,
  ZoneImportError,
  type ZoneProblem,
} from '@guarantor/core/zones';
import {
  addViolationRuleVersion,
  asReader,
  computeViolations,
  countIncidentsInZone,
  listViolationRules,
  listZones,
  listZoneVersions,
  monitoringSectorFacts,
  recordSourceStatus,
  sourcesForDay,
  importZones as storeZones,
  type ZoneImportSummary,
  type ZoneRecord,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';
import {
  documentedAs,
  featuresOf,
  ViolationRuleShape,
  ZoneCollectionShape,
  ZoneGeometryShape,
  ZonePropertiesShape,
} from './documented.ts';
import { filterFromQuery, labelFromRequest } from './inputs.ts';

/** Zone files may be large (detailed lines): up to 20 MB. */
const ZONE_BODY_LIMIT = 20 * 1024 * 1024;
/** The longest span of days one counts request may cover. */
const MAX_SPAN_DAYS = 92;

const IsoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const ZoneProperties = matches<Api.ZoneProperties>()(
  z.object({
    id: z.string(),
    kind: z.enum(ZONE_KINDS),
    name: z.string(),
    weaponClasses: z.array(z.enum(WEAPON_CLASSES)),
    version: z.number().int(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    illustrative: z.boolean(),
    releasability: z.string(),
  }),
);
const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: documentedAs(z.array(z.unknown()), featuresOf(ZoneProperties)),
});
const ZoneProblemView = matches<Api.ZoneProblem>()(
  z.object({
    feature: z.number().int().describe('index in features; -1 for the file itself'),
    field: z.string(),
    code: z.string(),
    message: z.string(),
  }),
);
const ImportSummary = matches<Api.ZoneImportSummary>()(
  z.object({
    read: z.number().int(),
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    skipped: z.array(ZoneProblemView).describe('features left out on request (skipWrongGeometry), with why'),
  }),
);
const Levels = {
  incidents: z.number().int(),
  all: z.number().int(),
  corroborated: z.number().int(),
  verified: z.number().int(),
};
const Counts = matches<Api.IncidentCounts>()(
  z.object({
    total: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
    byState: z.record(z.string(), z.number().int()),
  }),
);

const SectorDayView = z.object({
  sector: z.string(),
  date: z.string().describe('UTC day, YYYY-MM-DD'),
  monitored: z.boolean().describe('whether any monitoring source was active in the sector that day'),
  incidents: z.array(
    z.object({
      id: z.string(),
      category: z.enum(CATEGORIES),
      verification: z.enum(['reported', 'corroborated', 'verified', 'attributed', 'dismissed']),
      count: z.number().int().describe('violations the incident stands for ("48 explosions" is 48)'),
      zones: z.array(z.string()).describe('kinds of zone the incident lies inside'),
    }),
  ),
});
const SourceStatusView = z.object({
  sourceId: z.string(),
  sourceKind: z.string(),
  status: z.enum(['active', 'degraded', 'down']),
  sectors: z.array(z.string()).describe('sectors the status applies to; empty: all the source covers'),
  note: z.string().nullable(),
  observations: z.number().int().describe('observations it filed that day that you may see'),
});

const presentProblem = (p: ZoneProblem) => ({
  feature: p.index,
  field: p.field,
  code: p.code,
  message: p.message,
});

const presentSummary = (s: ZoneImportSummary) => ({
  read: s.read,
  created: [...s.created],
  updated: [...s.updated],
  unchanged: [...s.unchanged],
  skipped: s.skipped.map(presentProblem),
});

function presentZone(zr: ZoneRecord) {
  return {
    type: 'Feature' as const,
    id: zr.id,
    properties: {
      id: zr.id,
      kind: zr.kind,
      name: zr.name,
      weaponClasses: [...zr.weaponClasses],
      version: zr.version,
      validFrom: zr.validFromMs === null ? null : new Date(zr.validFromMs).toISOString(),
      validTo: zr.validToMs === null ? null : new Date(zr.validToMs).toISOString(),
      illustrative: zr.illustrative,
      releasability: zr.releasability,
    } satisfies Api.ZoneProperties,
    geometry: zr.geometry,
  };
}

/**
 * A refused zone file: 400 naming the first feature and field, the message listing up to five,
 * and every problem in `details.problems` (feature, field, code, message) for a full list.
 */
function zoneRefusal(error: ZoneImportError): AppError {
  const first = error.problems[0]!;
  const field = first.index < 0 ? `body.${first.field}` : `body.features[${first.index}].${first.field}`;
  return new AppError(
    'zone.invalid',
    `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the zone file, nothing stored: ${error.problems
      .slice(0, 5)
      .map(describeProblem)
      .join(
        '; ',
      )}${error.problems.length > 5 ? `; and ${error.problems.length - 5} more (all in details.problems)` : ''}`,
    field,
    { problems: error.problems.map(presentProblem) },
  );
}

function span(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw new AppError('request.invalid', 'query.to: is before query.from', 'query.to');
  if (days >= MAX_SPAN_DAYS) {
    throw new AppError(
      'request.invalid',
      `query.to: ask for at most ${MAX_SPAN_DAYS} days at once`,
      'query.to',
    );
  }
}

/** Zones, violation rules, violation counts per sector and day, source status. */
export const zonesRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // GeoJSON's own media type (RFC 7946) is read as JSON is.
    app.addContentTypeParser(
      'application/geo+json',
      { parseAs: 'string', bodyLimit: ZONE_BODY_LIMIT },
      app.getDefaultJsonParser('error', 'error'),
    );

    r.get(
      '/api/zones',
      {
        schema: {
          tags: ['zones'],
          summary:
            'Zones releasable to you (line of contact, buffer, weapons withdrawal, sectors) as GeoJSON',
          querystring: z.strictObject({
            kind: z
              .string()
              .optional()
              .describe(`comma-separated: ${ZONE_KINDS.join(', ')}`),
          }),
          response: { 200: FeatureCollection },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const kinds = request.query.kind?.split(',').map((k) => k.trim());
        const bad = kinds?.filter((k) => !(ZONE_KINDS as readonly string[]).includes(k)) ?? [];
        if (bad.length > 0) {
          throw new AppError(
            'request.invalid',
            `query.kind: '${bad[0]}' is not one of ${ZONE_KINDS.join(', ')}`,
            'query.kind',
          );
        }
        const zones = await asReader(database.db, reader, (trx) =>
          listZones(trx, kinds ? { kinds: kinds as ZoneRecord['kind'][] } : {}),
        );
        return { type: 'FeatureCollection' as const, features: zones.map(presentZone) };
      },
    );

    r.post(
      '/api/zones/import',
      {
        bodyLimit: ZONE_BODY_LIMIT,
        schema: {
          tags: ['zones'],
          summary:
            'Import a GeoJSON FeatureCollection of zones (cell staff, analysts): all or nothing; a bad feature is a 400 naming its index and field',
          description: `Zones you create live in your nation's namespace: a feature with id sector-east, imported by France, is stored as sector-east@FRA (the ids stored are in the answer). An id you can see (a shared zone, or one typed in full as sector-east@DEU) is edited instead. Feature properties: kind (${ZONE_KINDS.join(', ')}), name, optional id (default: the name as a slug), weaponClasses (${WEAPON_CLASSES.join(', ')}; withdrawal zones only), validFrom, validTo, illustrative, releasability.`,
          querystring: z.strictObject({
            releasability: z.string().default('COALITION').describe('label for features that carry none'),
            kind: z.enum(ZONE_KINDS).optional().describe('kind of every feature that names none'),
            nameField: z
              .string()
              .min(1)
              .max(64)
              .optional()
              .describe('the property holding the name (default name)'),
            idField: z
              .string()
              .min(1)
              .max(64)
              .optional()
              .describe(
                "the property holding the id (default id, then the feature's id, then the name as a slug)",
              ),
            skipWrongGeometry: z
              .enum(['true', 'false'])
              .optional()
              .describe('leave out features of a geometry the kind does not take, and list them as skipped'),
          }),
          body: documentedAs(z.unknown(), ZoneCollectionShape),
          response: { 200: ImportSummary },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'analyst');
        const defaultLabel = labelFromRequest(request.query.releasability, 'query.releasability');
        try {
          return presentSummary(
            await asReader(database.db, principal.reader, (trx) =>
              storeZones(trx, request.body, {
                actor: { username: principal.user.username, nation: principal.user.nation },
                defaultLabel,
                at: clock.now(),
                read: {
                  ...(request.query.kind ? { kind: request.query.kind } : {}),
                  ...(request.query.nameField ? { nameField: request.query.nameField } : {}),
                  ...(request.query.idField ? { idField: request.query.idField } : {}),
                  skipWrongGeometry: request.query.skipWrongGeometry === 'true',
                },
              }),
            ),
          );
        } catch (error) {
          if (error instanceof ZoneImportError) throw zoneRefusal(error);
          throw error;
        }
      },
    );

    r.put(
      '/api/zones/:id',
      {
        bodyLimit: ZONE_BODY_LIMIT,
        schema: {
          tags: ['zones'],
          summary:
            "Create or edit one zone from a GeoJSON Feature (cell staff, analysts); an edit bumps its version; a new zone is stored in your nation's namespace (sector-east@FRA)",
          params: z.object({ id: z.string().min(2).max(68) }),
          body: z.object({
            type: z.literal('Feature'),
            properties: documentedAs(z.record(z.string(), z.unknown()), ZonePropertiesShape),
            geometry: documentedAs(z.unknown(), ZoneGeometryShape),
          }),
          response: { 200: ImportSummary },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'analyst');
        const { id } = request.params;
        const feature = { ...request.body, properties: { ...request.body.properties, id } };
        try {
          return presentSummary(
            await asReader(database.db, principal.reader, (trx) =>
              storeZones(
                trx,
                { type: 'FeatureCollection', features: [feature] },
                {
                  actor: { username: principal.user.username, nation: principal.user.nation },
                  defaultLabel: { kind: 'COALITION' },
                  at: clock.now(),
                },
              ),
            ),
          );
        } catch (error) {
          if (error instanceof ZoneImportError) throw zoneRefusal(error);
          throw error;
        }
      },
    );

    r.get(
      '/api/zones/:id/versions',
      {
        schema: {
          tags: ['zones'],
          summary: 'Every version of a zone you may see, oldest first: its attributes, who made it and when',
          params: z.object({ id: z.string().min(2).max(68) }),
          response: {
            200: matches<Api.ZoneVersionsResponse>()(
              z.object({
                id: z.string(),
                versions: z.array(
                  z.object({
                    version: z.number().int(),
                    at: z.string(),
                    actor: z.string().nullable(),
                    nation: z.string().nullable(),
                    change: z.enum(['created', 'updated']),
                    kind: z.string(),
                    name: z.string(),
                    weaponClasses: z.array(z.string()),
                    validFrom: z.string().nullable(),
                    validTo: z.string().nullable(),
                    releasability: z.string(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { id } = request.params;
        const { zone, versions } = await asReader(database.db, reader, async (trx) => ({
          zone: (await listZones(trx, { ids: [id] }))[0],
          versions: await listZoneVersions(trx, id),
        }));
        // A hidden zone and a missing one answer alike.
        if (!zone) throw new AppError('not_found', `no zone with id ${id}`, 'params.id');
        return {
          id,
          versions: versions.map((v) => ({
            ...v,
            at: v.at.toISOString(),
            weaponClasses: [...v.weaponClasses],
          })),
        };
      },
    );

    r.get(
      '/api/violation-rules',
      {
        schema: {
          tags: ['zones'],
          summary: 'Violation rules (current version of each, retired ones marked inactive)',
          response: {
            200: matches<Api.ViolationRulesResponse>()(
              z.object({
                rules: z.array(
                  z.object({
                    id: z.string(),
                    version: z.number().int(),
                    active: z.boolean(),
                    definition: documentedAs(z.record(z.string(), z.unknown()), ViolationRuleShape),
                    createdBy: z.string(),
                    createdAt: z.string(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const rules = await asReader(database.db, reader, (trx) => listViolationRules(trx));
        return {
          rules: rules.map((x) => ({
            id: x.rule.id,
            version: x.version,
            active: x.active,
            definition: { ...x.rule },
            createdBy: x.createdBy,
            createdAt: x.createdAt.toISOString(),
          })),
        };
      },
    );

    r.post(
      '/api/violation-rules',
      {
        schema: {
          tags: ['zones'],
          summary: 'Add a version of a violation rule (analysts, cell staff); earlier versions are kept',
          body: z.strictObject({
            definition: documentedAs(z.record(z.string(), z.unknown()), ViolationRuleShape),
            active: z.boolean().default(true),
          }),
          response: {
            201: matches<Api.ViolationRuleVersion>()(z.object({ id: z.string(), version: z.number().int() })),
          },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'analyst', 'cell_staff');
        try {
          const version = await asReader(database.db, principal.reader, (trx) =>
            addViolationRuleVersion(trx, request.body.definition, {
              actor: { username: principal.user.username, nation: principal.user.nation },
              active: request.body.active,
              at: clock.now(),
            }),
          );
          return reply.status(201).send({ id: String(request.body.definition.id), version });
        } catch (error) {
          if (error instanceof ViolationRuleError) {
            throw new AppError('violation_rule.invalid', error.message, `body.definition.${error.field}`);
          }
          throw error;
        }
      },
    );

    r.get(
      '/api/violations/counts',
      {
        schema: {
          tags: ['zones'],
          summary:
            'Violations per sector, UTC day and category (all, corroborated, verified), as you may see them; the ceasefire gate reads the same',
          querystring: z.strictObject({ from: IsoDate, to: IsoDate }),
          response: {
            200: matches<Api.ViolationsResponse>()(
              z.object({
                counts: z.array(
                  z.object({
                    sector: z.string().nullable(),
                    date: z.string(),
                    category: z.string(),
                    ...Levels,
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { from, to } = request.query;
        span(from, to);
        const result = await asReader(database.db, reader, (trx) => computeViolations(trx, from, to));
        return { counts: [...result.counts] };
      },
    );

    r.get(
      '/api/sector-days',
      {
        schema: {
          tags: ['zones'],
          summary:
            "The ceasefire gate's input: per sector and UTC day, whether it was monitored and its violations",
          querystring: z.strictObject({ from: IsoDate, to: IsoDate }),
          response: { 200: z.object({ sectorDays: z.array(SectorDayView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { from, to } = request.query;
        span(from, to);
        const days = await asReader(database.db, reader, (trx) =>
          monitoringSectorFacts.loadSectorDays(trx, from, to),
        );
        return {
          sectorDays: days.map((d) => ({
            ...d,
            incidents: d.incidents.map((i) => ({ ...i, zones: [...i.zones] })),
          })),
        };
      },
    );

    r.get(
      '/api/sources/status',
      {
        schema: {
          tags: ['zones'],
          summary:
            'Monitoring sources on a UTC day: recorded active/degraded/down, and those that filed observations',
          querystring: z.strictObject({ date: IsoDate }),
          response: { 200: z.object({ sources: z.array(SourceStatusView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const sources = await asReader(database.db, reader, (trx) => sourcesForDay(trx, request.query.date));
        return { sources: sources.map((source) => ({ ...source, sectors: [...source.sectors] })) };
      },
    );

    r.post(
      '/api/sources/status',
      {
        schema: {
          tags: ['zones'],
          summary: 'Record a source as active, degraded or down on a day (monitors, analysts)',
          body: z.strictObject({
            day: IsoDate,
            sourceId: z.string().min(1).max(200),
            sourceKind: z.string().min(1).max(40),
            status: z.enum(['active', 'degraded', 'down']),
            sectors: z.array(z.string().max(64)).max(100).default([]),
            note: z.string().max(2000).nullable().default(null),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'monitor', 'analyst');
        await asReader(database.db, principal.reader, (trx) =>
          recordSourceStatus(trx, request.body, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            at: clock.now(),
          }),
        );
        return reply.status(204).send(null);
      },
    );

    const FilterQuery = z.strictObject({
      category: z.string().optional(),
      state: z.string().optional(),
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
    });

    r.get(
      '/api/zones/:id/incidents/counts',
      {
        schema: {
          tags: ['zones'],
          summary:
            "Incident counts inside one zone (a sector) under monitoring's filters; the same predicate as its tiles",
          params: z.object({ id: z.string().min(2).max(68) }),
          querystring: FilterQuery,
          response: { 200: Counts },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const filter = filterFromQuery(request.query);
        return asReader(database.db, reader, (trx) => countIncidentsInZone(trx, request.params.id, filter));
      },
    );
  };
