/** Team tracks and the incident vector tiles. */

import type * as Api from '@guarantor/core/api';
import {
  asReader,
  incidentTileQuery,
  listTeamTracks,
  runTileQuery,
  type TileEncoder,
  tileEncoder,
} from '@guarantor/db';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { matches } from '../contract.ts';
import { filterFromQuery } from '../inputs.ts';
import type { MonitoringContext } from './context.ts';
import { FilterQuery, Iso, sendTile } from './views.ts';

export function tileRoutes({ r, database, clock }: MonitoringContext): void {
  let encoder: TileEncoder | undefined;
  r.get(
    '/api/team-tracks',
    {
      schema: {
        tags: ['monitoring'],
        summary: "Monitor teams' last positions (CoT PLI) since an instant (default: the last 24 hours)",
        querystring: z.strictObject({ since: Iso.optional() }),
        response: {
          200: matches<Api.TeamTracksResponse>()(
            z.object({
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
          ),
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
        summary:
          'Incidents as a Mapbox vector tile: below z11 layer `incident_bins` (a count per grid cell), from z11 layer `incidents` (one feature per incident, made by PostGIS ST_AsMVT)',
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
          { key: 'request.tileOutOfRange', params: { zoom, x, y, max: n - 1 } },
          'params',
        );
      }
      const filter = filterFromQuery(request.query);
      encoder ??= await tileEncoder(database.db);
      // Built per request and run inside the reader's transaction: row-level security decides
      // what a bin counts, so no tile is ever shared between readers.
      const query = incidentTileQuery({ z: zoom, x, y }, filter, encoder);
      const tile = await asReader(database.db, reader, (trx) => runTileQuery(trx, query));
      return sendTile(reply, tile);
    },
  );
}
