import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Api from '@guarantor/core/api';
import { LINES_OF_EFFORT } from '@guarantor/core/coalition';
import { nationName } from '@guarantor/core/reference';
import {
  asReader,
  DATA_DIR,
  insertHub,
  labelColumns,
  listHubs,
  listUnitShapes,
  readPlanningWorld,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { shippedPlaces, shippedUnits } from '../places.ts';
import { presentMatrix } from '../planning/lead-matrix.ts';
import { Iso3 } from './auth.ts';
import { matches } from './contract.ts';
import { documentedAs, featuresOf } from './documented.ts';
import { labelFromRequest } from './inputs.ts';

const RegionProperties = matches<Api.RegionProperties>()(
  z.object({
    code: z.string(),
    nameEn: z.string(),
    nameUk: z.string().nullable(),
    leadNation: z.string().nullable(),
    leadNationName: z.string().nullable(),
    linesOfEffort: z.array(z.string()),
    contested: z.boolean(),
    leadState: z.enum(['led', 'contested', 'forbidden', 'none']),
    claimants: z.array(z.string()),
    leadProblem: z.string().nullable(),
  }),
);
const PlaceProperties = matches<Api.PlaceProperties>()(
  z.object({
    kind: z.enum(['city', 'country']),
    name: z.string(),
    nameUk: z.string().nullable(),
    country: z.string(),
    capital: z.boolean().optional(),
    population: z.number().optional(),
    wikidata: z.string().optional(),
  }),
);
const HubProperties = matches<Api.HubProperties>()(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    nations: z.array(z.string()),
    sidc: z.string().describe('MIL-STD-2525 symbol code'),
    description: z.string(),
    illustrative: z.boolean(),
    releasability: z.string(),
  }),
);
/** A FeatureCollection whose features' properties the presenter types; the document shows them. */
const collectionOf = (properties: z.ZodType) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: documentedAs(z.array(z.unknown()), featuresOf(properties)),
  });
const LOE_IDS = LINES_OF_EFFORT.map((l) => l.id) as [string, ...string[]];

/** Longitude then latitude, in range, as GeoJSON orders them. */
const LngLat = z.tuple([
  z.number().min(-180, 'longitude must be at least -180').max(180, 'longitude must be at most 180'),
  z.number().min(-90, 'latitude must be at least -90').max(90, 'latitude must be at most 90'),
]);

/** Map layers: the 27 units coloured by lead, neighbours, hubs. */
export const mapRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // Reference data, not a coalition record: the same for every reader.
    const neighbours = readFileSync(resolve(DATA_DIR, 'neighbours.geojson'), 'utf8');
    const places = shippedPlaces();
    // The shipped outlines, named as every other page names them (the catalogue's English name).
    const units = JSON.stringify(shippedUnits());

    r.get(
      '/api/map/regions',
      {
        schema: {
          tags: ['map'],
          summary:
            "Ukraine's 27 first-level units with the lead nation of one line of effort (default: reassurance force)",
          querystring: z.strictObject({ lineOfEffort: z.enum(LOE_IDS).default('reassurance_force') }),
          response: { 200: collectionOf(RegionProperties) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { lineOfEffort } = request.query;
        const [units, world] = await asReader(
          database.db,
          reader,
          async (trx) =>
            [await listUnitShapes(trx), await readPlanningWorld(trx, clock.now().getTime())] as const,
        );
        // The lead matrix's own reading of each cell (conflicts, leads its caveats forbid), so
        // the map and the matrix never disagree about who leads where.
        const matrix = presentMatrix(world, [], undefined);
        const cells = new Map(matrix.cells.map((c) => [`${c.region}|${c.lineOfEffort}`, c]));
        const claimed = world.snapshot.leadClaims ?? [];
        const name = (iso3: string) => nationName(iso3) ?? iso3;
        return {
          type: 'FeatureCollection' as const,
          features: units.map((u) => {
            const cell = cells.get(`${u.code}|${lineOfEffort}`);
            const claimants = cell ? [...cell.claims.map((c) => c.nation)] : [];
            const from = claimed.filter((c) => c.region === u.code && c.lineOfEffort === lineOfEffort);
            const nations = [...new Set([...claimants, ...from.map((c) => c.nation)])].sort();
            const forbidden = matrix.flags.find(
              (f) => f.kind === 'lead_forbidden' && f.region === u.code && f.lineOfEffort === lineOfEffort,
            );
            const leadState: Api.RegionProperties['leadState'] =
              nations.length > 1
                ? 'contested'
                : forbidden
                  ? 'forbidden'
                  : nations.length === 1
                    ? 'led'
                    : 'none';
            const lead = leadState === 'led' ? nations[0]! : null;
            const leadProblem =
              leadState === 'contested'
                ? `${nations.map(name).join(' and ')} both claim the lead here; the cell staff must resolve it on the lead matrix.`
                : leadState === 'forbidden'
                  ? (forbidden?.words ??
                    `${name(nations[0]!)} claims the lead, but its caveats forbid every offer it made here.`)
                  : null;
            return {
              type: 'Feature',
              id: u.code,
              properties: {
                code: u.code,
                nameEn: u.nameEn,
                nameUk: u.nameUk,
                leadNation: lead,
                leadNationName: lead && name(lead),
                contested: leadState === 'contested',
                leadState,
                claimants: nations.map(name),
                leadProblem,
                linesOfEffort: [
                  ...new Set(claimed.filter((c) => c.region === u.code).map((c) => c.lineOfEffort)),
                ],
              } satisfies Api.RegionProperties,
              geometry: u.geometry,
            };
          }),
        };
      },
    );

    r.get(
      '/api/map/units',
      {
        schema: {
          tags: ['map'],
          summary:
            "Outlines of Ukraine's 27 first-level units with ISO 3166-2 code and English and Ukrainian names (geoBoundaries; no lead, so the same for every reader)",
        },
      },
      async (request, reply) => {
        requireUser(request);
        reply.header('content-type', 'application/geo+json').header('cache-control', 'private, max-age=3600');
        return units;
      },
    );

    r.get(
      '/api/map/places',
      {
        schema: {
          tags: ['map'],
          summary:
            "Places the map names: Ukraine's capital, oblast centres and large cities, neighbouring capitals and border cities, and a label point per neighbouring country (Natural Earth)",
          response: { 200: collectionOf(PlaceProperties) },
        },
      },
      async (request, reply) => {
        requireUser(request);
        reply.header('cache-control', 'private, max-age=3600');
        return places;
      },
    );

    r.get(
      '/api/map/neighbours',
      {
        schema: {
          tags: ['map'],
          summary: "Outlines of Ukraine's neighbours (Natural Earth via visionscarto)",
        },
      },
      async (request, reply) => {
        requireUser(request);
        reply.header('content-type', 'application/geo+json').header('cache-control', 'private, max-age=3600');
        return neighbours;
      },
    );

    r.get(
      '/api/hubs',
      {
        schema: {
          tags: ['map'],
          summary: 'Hubs and staging sites releasable to you, as GeoJSON points',
          response: { 200: collectionOf(HubProperties) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const hubs = await asReader(database.db, reader, (trx) => listHubs(trx));
        return {
          type: 'FeatureCollection' as const,
          features: hubs.map((h) => ({
            type: 'Feature',
            id: h.id,
            properties: {
              id: h.id,
              name: h.name,
              kind: h.kind,
              nations: [...h.nations],
              sidc: h.sidc,
              description: h.description,
              illustrative: h.illustrative,
              releasability: h.releasability,
            } satisfies Api.HubProperties,
            geometry: { type: 'Point', coordinates: h.location },
          })),
        };
      },
    );

    r.post(
      '/api/hubs',
      {
        schema: {
          tags: ['map'],
          summary:
            'Record a hub or staging site (cell staff); the server gives its id, hub-<your nation>-<n>',
          body: z.strictObject({
            name: z.string().min(1).max(200),
            kind: z.enum(['equipment_protection', 'staging', 'logistics', 'medical']),
            nations: z.array(Iso3).min(1),
            sidc: z
              .string()
              .regex(
                /^[A-Z*-][A-Z*-][A-Z*-][A-Z*-][A-Z0-9*-]{11}$/,
                'must be a 15-character MIL-STD-2525C SIDC',
              ),
            description: z.string().max(4000).default(''),
            location: LngLat,
            releasability: z.string(),
          }),
          response: { 201: matches<Api.Created>()(z.object({ id: z.string() })) },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const { location, releasability, ...hub } = request.body;
        const label = labelColumns(labelFromRequest(releasability, 'body.releasability'));
        const id = await asReader(database.db, principal.reader, (trx) =>
          insertHub(trx, { ...hub, location }, label, {
            username: principal.user.username,
            nation: principal.user.nation,
            at: clock.now(),
          }),
        );
        return reply.status(201).send({ id });
      },
    );
  };
