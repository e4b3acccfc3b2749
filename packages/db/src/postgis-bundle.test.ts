import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { isNeededPostgisFile, slimPostgisBundle } from './postgis-bundle.ts';

/** The names of the files in a gzipped tar. */
async function entries(path: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    names.push(header.name);
    stream.on('end', () => next());
    stream.resume();
  });
  await pipeline(createReadStream(path), createGunzip(), extract);
  return names;
}

describe('the embedded PostGIS bundle (ADR 0041)', () => {
  it('keeps PostGIS, its install script and PROJ, and leaves out raster, topology, TIGER and upgrades', () => {
    expect(isNeededPostgisFile('lib/postgresql/postgis-3.so')).toBe(true);
    expect(isNeededPostgisFile('share/postgresql/extension/postgis.control')).toBe(true);
    expect(isNeededPostgisFile('share/postgresql/extension/postgis--3.6.2.sql')).toBe(true);
    expect(isNeededPostgisFile('share/proj/proj.db')).toBe(true);
    for (const name of [
      'lib/postgresql/postgis_raster-3.so',
      'lib/postgresql/postgis_topology-3.so',
      'share/postgresql/extension/postgis--ANY--3.6.2.sql',
      'share/postgresql/extension/postgis--unpackaged--3.6.2.sql',
      'share/postgresql/extension/postgis_tiger_geocoder--3.6.2.sql',
      'share/postgresql/extension/postgis_topology.control',
      'share/postgresql/contrib/postgis-3.6/spatial_ref_sys.sql',
    ])
      expect(isNeededPostgisFile(name), name).toBe(false);
  });

  it('is written once and holds exactly the files it needs', async () => {
    const path = await slimPostgisBundle();
    expect(path, 'no writable cache folder').toBeDefined();
    expect(await slimPostgisBundle()).toBe(path);
    const names = await entries(path!);
    expect(names).toContain('lib/postgresql/postgis-3.so');
    expect(names).toContain('share/postgresql/extension/postgis.control');
    expect(names).toContain('share/proj/proj.db');
    expect(names.filter((n) => /^share\/postgresql\/extension\/postgis--[\d.]+\.sql$/.test(n))).toHaveLength(
      1,
    );
    expect(names.every(isNeededPostgisFile)).toBe(true);
  });
});
