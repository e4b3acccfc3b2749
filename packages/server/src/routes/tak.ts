/**
 * TAK data packages (issue 20): the zones a reader may see, for ATAK, WinTAK and iTAK to carry
 * offline, optionally with the verified incidents of one sector and a connection to that
 * sector's CoT feed. Every read runs as the reader, so a package holds only what they may see.
 */

import { incidentCotUid, incidentToCot } from '@guarantor/core/cot';
import { zoneValidAt } from '@guarantor/core/zones';
import { asReader, listIncidents, listZones, ogcLayerPage } from '@guarantor/db';
import bbox from '@turf/bbox';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { cotInput, stripDeclaration } from '../monitoring/cot-out.ts';
import { FEED_STALE_MS, parseCotSectorPorts } from '../monitoring/cot-tcp.ts';
import { buildTakPackage, type TakFeedConnection, type TakLogistics } from '../tak/data-package.ts';

/** The most incidents one package carries; past it the sector is too busy for a package. */
const MAX_PACKAGE_INCIDENTS = 5000;

/** The most features of one logistics layer a package carries; past it, choose a sector. */
const MAX_PACKAGE_LOGISTICS = 2000;

/** A zone's bounding box, west, south, east, north. */
function boxOf(geometry: unknown): [number, number, number, number] {
  const [w, s, e, n] = bbox(geometry as Parameters<typeof bbox>[0]);
  return [w, s, e, n];
}

export function takRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { database, clock, config } = deps;
  const sectorPorts = parseCotSectorPorts(config.COT_OUT_SECTOR_PORTS);
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/tak/package.zip',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'A TAK data package (zip, MissionPackageManifest 2) with the zones you may see as CoT shapes and KML, optionally one sector’s verified incidents and its CoT feed connection',
          querystring: z.strictObject({
            sector: z
              .string()
              .min(1)
              .max(64)
              .optional()
              .describe('a sector zone id: the package is for a team in that sector'),
            logistics: z
              .enum(['true', 'false'])
              .default('true')
              .describe(
                'also carry the route segments, checkpoints and corridors you may see (those crossing the sector’s box, when one is given); true unless false',
              ),
            incidents: z
              .enum(['true', 'false'])
              .default('false')
              .describe(
                'also carry the verified and attributed incidents (of the sector, when one is given)',
              ),
          }),
          produces: ['application/zip'],
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const { sector } = request.query;
        const nowMs = clock.now().getTime();
        const zones = (await asReader(database.db, reader, (trx) => listZones(trx))).filter((z) =>
          zoneValidAt(z, nowMs),
        );
        const chosen =
          sector === undefined ? undefined : zones.find((z) => z.id === sector && z.kind === 'sector');
        if (sector !== undefined && !chosen) {
          // A sector the reader may not see reads as one that does not exist.
          throw new AppError('not_found', { key: 'tak.sectorNotFound' }, 'querystring.sector');
        }
        let incidents: { uid: string; xml: string }[] = [];
        if (request.query.incidents === 'true') {
          const page = await asReader(database.db, reader, (trx) =>
            listIncidents(
              trx,
              { states: ['verified', 'attributed'], ...(sector === undefined ? {} : { sector }) },
              { limit: MAX_PACKAGE_INCIDENTS + 1 },
            ),
          );
          if (page.incidents.length > MAX_PACKAGE_INCIDENTS) {
            throw new AppError(
              'export.too_large',
              { key: 'tak.tooManyIncidents', params: { max: MAX_PACKAGE_INCIDENTS } },
              'querystring.incidents',
            );
          }
          incidents = page.incidents.map((i) => ({
            uid: incidentCotUid(i.id),
            xml: stripDeclaration(incidentToCot(cotInput(i), { nowMs, staleAfterMs: FEED_STALE_MS })),
          }));
        }
        let logistics: TakLogistics | undefined;
        if (request.query.logistics === 'true') {
          const bbox = chosen ? boxOf(chosen.geometry) : undefined;
          const layer = async (name: 'route-segments' | 'checkpoints' | 'corridors') => {
            const page = await asReader(database.db, reader, (trx) =>
              ogcLayerPage(trx, name, bbox ? { bbox } : {}, { limit: MAX_PACKAGE_LOGISTICS }),
            );
            if (page.next !== null)
              throw new AppError(
                'export.too_large',
                {
                  key: sector === undefined ? 'tak.tooManyLogistics' : 'tak.tooManyLogisticsInSector',
                  params: { max: MAX_PACKAGE_LOGISTICS, layer: { refusal: { key: `tak.layer.${name}` } } },
                },
                'querystring.logistics',
              );
            return page.features;
          };
          logistics = {
            segments: await layer('route-segments'),
            checkpoints: await layer('checkpoints'),
            corridors: await layer('corridors'),
          };
        }
        const feed = feedFor(reader.nation ?? '', sector, chosen?.name, request.hostname);
        const name = chosen ? `Guarantor: ${chosen.name}` : 'Guarantor: zones';
        const bytes = await buildTakPackage({
          uid: `guarantor-${sector ?? 'zones'}-${reader.nation}`,
          name,
          zones,
          incidents,
          ...(logistics ? { logistics } : {}),
          ...(feed ? { feed } : {}),
          nowMs,
        });
        const file = `guarantor-${sector ?? 'zones'}-${new Date(nowMs).toISOString().slice(0, 10)}.zip`;
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${file}"`)
          .header('cache-control', 'no-store')
          .send(bytes);
      },
    );
  };

  /**
   * The CoT feed a package connects to: the sector's own feed, or the whole feed without a
   * sector. Only for the nation the feeds serve (COT_OUT_NATION): another nation's users would
   * be pointed at a picture released to someone else.
   */
  function feedFor(
    nation: string,
    sector: string | undefined,
    sectorName: string | undefined,
    requestHost: string,
  ): TakFeedConnection | undefined {
    if (!config.COT_OUT_NATION || nation !== config.COT_OUT_NATION) return undefined;
    const port =
      sector === undefined ? config.COT_OUT_PORT : sectorPorts.find((p) => p.sector === sector)?.port;
    if (!port) return undefined;
    const host = config.COT_PUBLIC_HOST ?? requestHost.replace(/:\d+$/, '');
    return {
      host,
      port,
      description: `Guarantor: ${sectorName ?? 'all sectors'} (${config.COT_OUT_NATION})`,
    };
  }
}
