/**
 * Territory: control areas over time (issue 17). Import a DeepStateMap-style GeoJSON file as a
 * new version (cell staff, analysts), list the versions, read one as GeoJSON, and measure the
 * change between two dates per first-level unit. Every read runs as the reader: row-level
 * security decides which versions exist for them.
 */
import { formatReleasability, meetLabels, parseReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { indexCatalogue, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import { CONTROL_SIDES, type ControlAreaNote, shareOfUkraine } from '@guarantor/core/territory';
import {
  asReader,
  type ControlAreaVersionSummary,
  controlAreaChange,
  controlAreaVersion,
  controlAreaVersionOn,
  importControlAreas,
  listControlAreaVersions,
  ukraineBoundariesKm2,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';
import { documentedAs, GeometryShape } from './documented.ts';
import { labelFromRequest } from './inputs.ts';

const CATALOGUE = indexCatalogue(SHIPPED_CATALOGUE);

/** Bytes of one control-area file (the DeepStateMap exports are under 100 kB; a detailed map a few MB). */
const CONTROL_AREA_BODY_LIMIT = 20 * 1024 * 1024;

const METHOD =
  "Areas are geodesic: PostGIS geography on the WGS 84 spheroid. Gained is held at the second date and not at the first; lost the reverse. Per unit: the shipped first-level boundaries (geoBoundaries ADM1, simplified). Shares of Ukraine use two baselines, each named: official (603,628 km²) and boundaries (the sum of the 27 unit polygons, water included). Totals are of the whole areas, so a part outside every simplified unit outline counts in them but in no unit. A unit's share is of its polygon as shipped, water included: coastal units (Crimea, Sevastopol) read lower than their land alone would give.";

const Share = matches<Api.ControlAreaVersion['share']>()(
  z.object({
    official: z.number().describe('fraction of the official 603,628 km²'),
    boundaries: z.number().describe('fraction of the sum of the 27 first-level unit polygons'),
    officialKm2: z.number(),
    boundariesKm2: z.number(),
  }),
);
const Note = matches<Api.ControlAreaNote>()(
  z.object({
    feature: z.number().int().describe("index in the file's features; -1 for the file itself"),
    field: z.string(),
    reason: z.string(),
  }),
);
const VersionView = matches<Api.ControlAreaVersion>()(
  z.object({
    id: z.string(),
    side: z.enum(CONTROL_SIDES),
    asOf: z.string().describe('YYYY-MM-DD'),
    version: z.number().int(),
    source: z.string(),
    fileName: z.string().nullable(),
    areaKm2: z.number(),
    share: Share,
    featuresRead: z.number().int(),
    featuresTaken: z.number().int(),
    skipped: z.array(Note),
    repaired: z.array(Note),
    importedBy: z.string(),
    importedAt: z.string(),
    releasability: z.string(),
  }),
);
const UnitChange = matches<Api.ControlAreaUnitChange>()(
  z.object({
    code: z.string().describe('ISO 3166-2'),
    name: z.string(),
    unitKm2: z.number(),
    fromKm2: z.number(),
    toKm2: z.number(),
    gainedKm2: z.number(),
    lostKm2: z.number(),
    netKm2: z.number(),
    fromShareOfUnit: z.number(),
    toShareOfUnit: z.number(),
  }),
);
// Not `matches`-checked whole: a geometry is `any` to zod and `Geometry` to the contract; its
// parts (versions, units, shares) are.
const ChangeView = z.object({
  side: z.enum(CONTROL_SIDES),
  from: VersionView,
  to: VersionView,
  totals: z.object({
    fromKm2: z.number(),
    toKm2: z.number(),
    gainedKm2: z.number(),
    lostKm2: z.number(),
    netKm2: z.number(),
  }),
  share: z.object({ from: Share, to: Share, gained: Share, lost: Share, net: Share }),
  units: z.array(UnitChange),
  difference: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: documentedAs(z.any(), GeometryShape),
        properties: z.object({ change: z.enum(['gained', 'lost']), areaKm2: z.number() }),
      }),
    ),
  }),
  method: z.string(),
  releasability: z.string(),
});

/** What a file taken as a control area looks like (core's readControlAreas decides). */
const ControlAreaFileShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z
        .object({})
        .nullable()
        .optional()
        .describe('not read: a control area is its geometry; the query gives date, side and source'),
      geometry: GeometryShape.nullable().describe(
        'Polygons and MultiPolygons are taken; other geometries are skipped and reported',
      ),
    }),
  ),
});

const notes = (list: readonly ControlAreaNote[]): Api.ControlAreaNote[] =>
  list.map((n) => ({ feature: n.index, field: n.field, reason: n.reason }));

function present(v: ControlAreaVersionSummary, boundariesKm2: number): Api.ControlAreaVersion {
  return {
    id: v.id,
    side: v.side,
    asOf: v.asOf,
    version: v.version,
    source: v.source,
    fileName: v.fileName,
    areaKm2: v.areaKm2,
    share: shareOfUkraine(v.areaKm2, boundariesKm2),
    featuresRead: v.featuresRead,
    featuresTaken: v.featuresTaken,
    skipped: notes(v.skipped),
    repaired: notes(v.repaired),
    importedBy: v.importedBy,
    importedAt: v.importedAt.toISOString(),
    releasability: v.releasability,
  };
}

const Side = z
  .enum(CONTROL_SIDES)
  .default('occupied')
  .describe('occupied: the occupied area; government: the area the government holds');
const IsoDate = z.iso.date();

export const territoryRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(
      'application/geo+json',
      { parseAs: 'string', bodyLimit: CONTROL_AREA_BODY_LIMIT },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(String(body)));
        } catch (error) {
          done(
            new AppError(
              'request.malformed_json',
              { key: 'request.bodyNotJson', params: { reason: (error as Error).message } },
              'body',
            ),
          );
        }
      },
    );

    r.post(
      '/api/territory/control-areas/import',
      {
        bodyLimit: CONTROL_AREA_BODY_LIMIT,
        schema: {
          tags: ['territory'],
          summary:
            'Import a control-area file (DeepStateMap-style GeoJSON) as a new version (cell staff, analysts)',
          description:
            'Takes every Polygon and MultiPolygon; skips other geometries, naming each feature and why; drops heights, closes open rings, removes repeated positions and repairs invalid rings with ST_MakeValid, saying so. The features are stored as one version (their union) or, when none is an area, nothing is stored (400 with every note in details). A version is never overwritten: the same source and date again is the next version. The source lives in your namespace (deepstatemap@FRA).',
          querystring: z.strictObject({
            asOf: IsoDate.describe('the date the area was held, YYYY-MM-DD'),
            side: Side,
            source: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a short name: a-z, 0-9, . _ -')
              .describe('the map this file comes from, e.g. deepstatemap'),
            fileName: z.string().max(200).optional(),
            releasability: z.string().default('COALITION'),
          }),
          body: documentedAs(z.unknown(), ControlAreaFileShape),
          response: {
            200: matches<Api.ControlAreaImportResponse>()(
              z.object({
                version: VersionView,
                read: z.number().int(),
                skipped: z.array(Note),
                repaired: z.array(Note),
              }),
            ),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'analyst');
        const label = labelFromRequest(request.query.releasability, 'query.releasability');
        const q = request.query;
        const { result, boundariesKm2 } = await asReader(database.db, principal.reader, async (trx) => ({
          result: await importControlAreas(trx, request.body, {
            side: q.side,
            asOf: q.asOf,
            source: q.source,
            fileName: q.fileName ?? null,
            actor: { username: principal.user.username, nation: principal.user.nation },
            label,
            at: clock.now(),
          }),
          boundariesKm2: await ukraineBoundariesKm2(trx),
        }));
        if (!result.stored) {
          throw new AppError(
            'import.refused',
            { key: 'territory.importRefused', params: { refused: result.refused } },
            'body',
            {
              read: result.read,
              skipped: notes(result.skipped),
              repaired: notes(result.repaired),
            },
          );
        }
        return {
          version: present(result.stored, boundariesKm2),
          read: result.read,
          skipped: notes(result.skipped),
          repaired: notes(result.repaired),
        };
      },
    );

    r.get(
      '/api/territory/control-areas',
      {
        schema: {
          tags: ['territory'],
          summary: 'Control-area versions you may see, newest date first (without geometry)',
          querystring: z.strictObject({ side: z.enum(CONTROL_SIDES).optional() }),
          response: { 200: matches<Api.ControlAreaVersions>()(z.object({ versions: z.array(VersionView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { versions, boundariesKm2 } = await asReader(database.db, reader, async (trx) => ({
          versions: await listControlAreaVersions(
            trx,
            request.query.side ? { side: request.query.side } : {},
          ),
          boundariesKm2: await ukraineBoundariesKm2(trx),
        }));
        return { versions: versions.map((v) => present(v, boundariesKm2)) };
      },
    );

    r.get(
      '/api/territory/control-areas/:id',
      {
        schema: {
          tags: ['territory'],
          summary: 'One control-area version as a GeoJSON Feature (MultiPolygon, WGS 84, 6 decimals)',
          params: z.object({ id: z.string().max(20) }),
          response: {
            200: z.object({
              type: z.literal('Feature'),
              geometry: documentedAs(z.any(), GeometryShape),
              properties: VersionView,
            }),
          },
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const { version, boundariesKm2 } = await asReader(database.db, reader, async (trx) => ({
          version: await controlAreaVersion(trx, request.params.id),
          boundariesKm2: await ukraineBoundariesKm2(trx),
        }));
        if (!version) {
          throw new AppError(
            'not_found',
            { key: 'territory.versionNotFound', params: { id: request.params.id } },
            'params.id',
          );
        }
        reply.type('application/geo+json');
        return {
          type: 'Feature' as const,
          geometry: JSON.parse(version.geometry),
          properties: present(version, boundariesKm2),
        };
      },
    );

    r.get(
      '/api/territory/change',
      {
        schema: {
          tags: ['territory'],
          summary:
            'Area gained and lost by one side between two dates, per first-level unit, with the difference as GeoJSON',
          description: METHOD,
          querystring: z.strictObject({
            from: IsoDate.describe(
              'the earlier date: the version in force then (the newest on or before it)',
            ),
            to: IsoDate.describe('the later date'),
            side: Side,
          }),
          response: { 200: ChangeView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { from, to, side } = request.query;
        if (to < from) {
          throw new AppError(
            'request.invalid',
            { key: 'territory.toBeforeFrom', params: { to, from } },
            'query.to',
          );
        }
        const change = await asReader(database.db, reader, async (trx) => {
          const a = await controlAreaVersionOn(trx, side, from);
          const b = await controlAreaVersionOn(trx, side, to);
          const missing = !a ? ['from', from] : !b ? ['to', to] : undefined;
          if (missing) {
            throw new AppError(
              'not_found',
              { key: 'territory.noControlArea', params: { side, day: missing[1] } },
              `query.${missing[0]}`,
            );
          }
          return controlAreaChange(trx, a!, b!);
        });
        const boundariesKm2 = change.share.from.boundariesKm2;
        const net = change.totals.gainedKm2 - change.totals.lostKm2;
        const feature = (kind: 'gained' | 'lost', geometry: string, areaKm2: number) => ({
          type: 'Feature' as const,
          geometry: JSON.parse(geometry),
          properties: { change: kind, areaKm2 },
        });
        const label = meetLabels(
          parseReleasability(change.from.releasability),
          parseReleasability(change.to.releasability),
        );
        return {
          side,
          from: present(change.from, boundariesKm2),
          to: present(change.to, boundariesKm2),
          totals: { ...change.totals, netKm2: net },
          share: { ...change.share, net: shareOfUkraine(net, boundariesKm2) },
          units: change.units.map((u) => ({
            ...u,
            // The name every page gives the unit, not the boundary file's transliteration.
            name: CATALOGUE.region.get(u.code)?.name ?? u.name,
            netKm2: u.gainedKm2 - u.lostKm2,
            fromShareOfUnit: u.unitKm2 > 0 ? u.fromKm2 / u.unitKm2 : 0,
            toShareOfUnit: u.unitKm2 > 0 ? u.toKm2 / u.unitKm2 : 0,
          })),
          difference: {
            type: 'FeatureCollection' as const,
            features: [
              feature('gained', change.gainedGeometry, change.totals.gainedKm2),
              feature('lost', change.lostGeometry, change.totals.lostKm2),
            ],
          },
          method: METHOD,
          releasability: formatReleasability(label),
        };
      },
    );
  };
