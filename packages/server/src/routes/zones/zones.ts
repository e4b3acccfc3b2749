/** Zones: the list, imports from files, one zone's edits and versions, incident counts inside one. */
import type * as Api from '@guarantor/core/api';
import { WEAPON_CLASSES, ZONE_KIND_NAMES, ZONE_KINDS, ZoneImportError } from '@guarantor/core/zones';
import {
  asReader,
  countIncidentsInZone,
  listZones,
  listZoneVersions,
  importZones as storeZones,
  type ZoneRecord,
} from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { writeGeoPackage } from '../../exports/geopackage.ts';
import { matches } from '../contract.ts';
import { documentedAs, ZoneCollectionShape, ZoneGeometryShape, ZonePropertiesShape } from '../documented.ts';
import { filterFromQuery, labelFromRequest } from '../inputs.ts';
import type { ZoneContext } from './context.ts';
import {
  Counts,
  FeatureCollection,
  ImportSummary,
  presentSummary,
  presentZone,
  ZONE_BODY_LIMIT,
  zoneRefusal,
} from './views.ts';

/** The filters of the zone list, and of its exports. */
const ZoneQuery = z.strictObject({
  kind: z
    .string()
    .optional()
    .describe(`comma-separated: ${ZONE_KINDS.join(', ')}`),
});

/** The zone kinds asked for; an unknown kind is refused, naming it. */
function zoneFilter(query: z.infer<typeof ZoneQuery>): { kinds?: ZoneRecord['kind'][] } {
  const kinds = query.kind?.split(',').map((k) => k.trim());
  const bad = kinds?.filter((k) => !(ZONE_KINDS as readonly string[]).includes(k)) ?? [];
  if (bad.length > 0) {
    throw new AppError(
      'request.invalid',
      { key: 'zones.kindUnknown', params: { kind: bad[0], kinds: ZONE_KINDS.join(', ') } },
      'query.kind',
    );
  }
  return kinds ? { kinds: kinds as ZoneRecord['kind'][] } : {};
}

export function zoneRoutes({ r, database, clock }: ZoneContext): void {
  const FilterQuery = z.strictObject({
    category: z.string().optional(),
    state: z.string().optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  });

  r.get(
    '/api/zones',
    {
      schema: {
        tags: ['zones'],
        summary: 'Zones releasable to you (line of contact, buffer, weapons withdrawal, sectors) as GeoJSON',
        querystring: ZoneQuery,
        response: { 200: FeatureCollection },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const zones = await asReader(database.db, reader, (trx) => listZones(trx, zoneFilter(request.query)));
      return { type: 'FeatureCollection' as const, features: zones.map(presentZone) };
    },
  );

  r.get(
    '/api/zones.gpkg',
    {
      schema: {
        tags: ['zones'],
        summary:
          'The zones you may see as a GeoPackage (WGS 84): the areas in one layer, the lines (line of contact) in another, names and kinds in words',
        querystring: ZoneQuery,
        produces: ['application/geopackage+sqlite3'],
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const zones = await asReader(database.db, reader, (trx) => listZones(trx, zoneFilter(request.query)));
      const fields = [
        { name: 'zone', type: 'TEXT' },
        { name: 'name', type: 'TEXT' },
        { name: 'kind', type: 'TEXT' },
        { name: 'weapons_withdrawn', type: 'TEXT' },
        { name: 'version', type: 'INTEGER' },
        { name: 'valid_from_utc', type: 'TEXT' },
        { name: 'valid_to_utc', type: 'TEXT' },
        { name: 'illustrative', type: 'INTEGER' },
        { name: 'releasability', type: 'TEXT' },
      ] as const;
      const feature = (z: ZoneRecord) => ({
        geometry: z.geometry,
        properties: {
          zone: z.id,
          name: z.name,
          kind: ZONE_KIND_NAMES[z.kind],
          weapons_withdrawn: z.weaponClasses.map((c) => c.replaceAll('_', ' ')).join(', '),
          version: z.version,
          valid_from_utc: z.validFromMs === null ? null : new Date(z.validFromMs).toISOString(),
          valid_to_utc: z.validToMs === null ? null : new Date(z.validToMs).toISOString(),
          illustrative: z.illustrative,
          releasability: z.releasability,
        },
      });
      const areas = zones.filter((z) => z.geometry.type === 'Polygon' || z.geometry.type === 'MultiPolygon');
      const lines = zones.filter(
        (z) => z.geometry.type === 'LineString' || z.geometry.type === 'MultiLineString',
      );
      const gpkg = writeGeoPackage(
        [
          {
            name: 'zone_areas',
            description: 'Buffer zones, withdrawal zones and monitoring sectors releasable to the reader',
            geometryType: 'MULTIPOLYGON',
            fields,
            features: areas.map((z) => {
              const f = feature(z);
              return z.geometry.type === 'Polygon'
                ? { ...f, geometry: { type: 'MultiPolygon' as const, coordinates: [z.geometry.coordinates] } }
                : f;
            }),
          },
          {
            name: 'zone_lines',
            description: 'Lines of contact releasable to the reader',
            geometryType: 'MULTILINESTRING',
            fields,
            features: lines.map((z) => {
              const f = feature(z);
              return z.geometry.type === 'LineString'
                ? {
                    ...f,
                    geometry: { type: 'MultiLineString' as const, coordinates: [z.geometry.coordinates] },
                  }
                : f;
            }),
          },
        ],
        clock.now(),
      );
      return reply
        .type('application/geopackage+sqlite3')
        .header('content-disposition', 'attachment; filename="zones.gpkg"')
        .send(gpkg);
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
      if (!zone) throw new AppError('not_found', { key: 'zones.notFound', params: { id } }, 'params.id');
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
}
