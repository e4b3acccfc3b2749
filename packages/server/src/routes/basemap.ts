/**
 * The optional base map (issue 20, ADR 0038): tiles read from a PMTiles archive on disk (the
 * `pmtiles` package, through a file source of our own), at /api/basemap/{z}/{x}/{y}.<type>, and
 * a TileJSON that tells the web map whether there is one. Without BASEMAP_PMTILES the map keeps
 * its offline GeoJSON style.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type * as Api from '@guarantor/core/api';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Header, PMTiles, type Source, TileType } from 'pmtiles';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';

/** Each tile type's file ending and media type. */
const TILE_TYPES: Partial<Record<TileType, { readonly ext: string; readonly type: string }>> = {
  [TileType.Mvt]: { ext: 'mvt', type: 'application/vnd.mapbox-vector-tile' },
  [TileType.Png]: { ext: 'png', type: 'image/png' },
  [TileType.Jpeg]: { ext: 'jpg', type: 'image/jpeg' },
  [TileType.Webp]: { ext: 'webp', type: 'image/webp' },
  [TileType.Avif]: { ext: 'avif', type: 'image/avif' },
};

/** A PMTiles source that reads byte ranges of a local file. */
class LocalFile implements Source {
  private readonly path: string;
  private readonly file: FileHandle;
  constructor(path: string, file: FileHandle) {
    this.path = path;
    this.file = file;
  }
  getKey(): string {
    return this.path;
  }
  async getBytes(offset: number, length: number) {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.file.read(buffer, 0, length, offset);
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer };
  }
}

const BaseMapView = matches<Api.BaseMap>()(
  z.object({
    configured: z.boolean(),
    tilejson: z.string().optional(),
    name: z.string().optional(),
    attribution: z.string().optional(),
    tileType: z.enum(['mvt', 'png', 'jpg', 'webp', 'avif']).optional(),
    tiles: z.array(z.string()).optional(),
    minzoom: z.number().int().optional(),
    maxzoom: z.number().int().optional(),
    bounds: z.array(z.number()).optional(),
    center: z.array(z.number()).optional(),
    vector_layers: z.array(z.object({ id: z.string() })).optional(),
  }),
);

export const basemapRoutes =
  ({ config }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    let archive: { pmtiles: PMTiles; header: Header; metadata: Record<string, unknown> } | undefined;
    const path = config.BASEMAP_PMTILES;
    if (path) {
      const file = await open(path, 'r');
      app.addHook('onClose', async () => file.close());
      const pmtiles = new PMTiles(new LocalFile(path, file));
      try {
        const header = await pmtiles.getHeader();
        if (!TILE_TYPES[header.tileType])
          throw new Error(
            `tile type ${header.tileType} is not one the map draws (MVT, PNG, JPEG, WebP, AVIF)`,
          );
        archive = {
          pmtiles,
          header,
          metadata: ((await pmtiles.getMetadata()) ?? {}) as Record<string, unknown>,
        };
      } catch (error) {
        throw new Error(`BASEMAP_PMTILES: ${path} cannot be served: ${(error as Error).message}`);
      }
      app.log.info({ path, tileType: archive.header.tileType, maxZoom: archive.header.maxZoom }, 'base map');
    }

    r.get(
      '/api/basemap',
      {
        schema: {
          tags: ['map'],
          summary:
            'Whether the server has a base map (BASEMAP_PMTILES) and, if so, its TileJSON 3.0: tile URL, zooms, bounds, layers',
          response: { 200: BaseMapView },
        },
      },
      async (request) => {
        requireUser(request);
        if (!archive) return { configured: false };
        const { header, metadata } = archive;
        const kind = TILE_TYPES[header.tileType]!;
        const text = (key: string) =>
          typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined;
        return {
          configured: true,
          tilejson: '3.0.0',
          name: text('name'),
          attribution: text('attribution'),
          tileType: kind.ext as 'mvt',
          tiles: [`/api/basemap/{z}/{x}/{y}.${kind.ext}`],
          minzoom: header.minZoom,
          maxzoom: header.maxZoom,
          bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
          center: [header.centerLon, header.centerLat, header.centerZoom],
          ...(Array.isArray(metadata['vector_layers'])
            ? { vector_layers: metadata['vector_layers'] as { id: string }[] }
            : {}),
        };
      },
    );

    r.get(
      '/api/basemap/:z/:x/:tile',
      {
        schema: {
          tags: ['map'],
          summary: 'One base-map tile as the archive holds it (MVT or an image); 404 outside the archive',
          params: z.object({
            z: z.coerce.number().int().min(0).max(26),
            x: z.coerce.number().int().min(0),
            tile: z.string().regex(/^\d{1,8}\.(mvt|png|jpg|webp|avif)$/, 'must be {y}.{type}, e.g. 5.mvt'),
          }),
        },
      },
      async (request, reply) => {
        requireUser(request);
        const { z: zoom, x, tile } = request.params;
        const [yText, ext] = tile.split('.') as [string, string];
        const y = Number(yText);
        const kind = archive && TILE_TYPES[archive.header.tileType];
        if (!archive || !kind) throw new AppError('not_found', { key: 'basemap.notConfigured' });
        const outside = () =>
          new AppError('not_found', { key: 'basemap.tileNotCovered', params: { zoom, x, y: tile } });
        if (ext !== kind.ext || x >= 2 ** zoom || y >= 2 ** zoom) throw outside();
        const found = await archive.pmtiles.getZxy(zoom, x, y);
        if (!found) throw outside();
        return reply
          .type(kind.type)
          .header('cache-control', 'private, max-age=86400')
          .send(Buffer.from(found.data));
      },
    );
  };
