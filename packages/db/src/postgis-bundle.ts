/**
 * PostGIS for the embedded engine without the parts Guarantor never loads (ADR 0041).
 *
 * `@electric-sql/pglite-postgis` ships one 20 MB gzipped tar (91 MB unpacked): PostGIS itself,
 * raster, topology, the TIGER geocoder and every upgrade script. PGlite gunzips and unpacks the
 * whole of it into its in-memory file system on every open, which was 0.9 s of a 1.6 s open. Only
 * `postgis-3.so`, the extension's control file and install script, and PROJ's data are ever used
 * (the migrations create `postgis` and nothing else), so a filtered copy of the tar is written
 * once to a cache and opened from there. Anything that goes wrong falls back to the full bundle.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import tar from 'tar-stream';

/** Bump when the selection below changes, so an old cached bundle is not reused. */
const SELECTION_VERSION = 1;

/** Whether a file of the full bundle is needed to create and run the `postgis` extension. */
export function isNeededPostgisFile(name: string): boolean {
  return (
    name === 'lib/postgresql/postgis-3.so' ||
    name === 'share/postgresql/extension/postgis.control' ||
    /^share\/postgresql\/extension\/postgis--\d+(\.\d+)*\.sql$/.test(name) ||
    name.startsWith('share/proj/')
  );
}

/** Where the package's own bundle lies, and its version (the cache key). */
function fullBundle(): { readonly path: string; readonly version: string } {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite-postgis'));
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { path: join(dirname(entry), 'postgis.tar.gz'), version };
}

/** `node_modules/.cache/guarantor` beside the installed package, as other tools cache there. */
function cacheDirs(bundlePath: string): string[] {
  const at = bundlePath.lastIndexOf(`${sep}node_modules${sep}`);
  const dirs = at >= 0 ? [join(bundlePath.slice(0, at), 'node_modules', '.cache', 'guarantor')] : [];
  return [...dirs, join(tmpdir(), 'guarantor-cache')];
}

/** Writes the filtered tar to `target` through a temporary name, so a reader never sees half. */
async function writeSlimBundle(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  const extract = tar.extract();
  const pack = tar.pack();
  extract.on('entry', (header, stream, next) => {
    if (header.type === 'file' && isNeededPostgisFile(header.name)) {
      stream.pipe(pack.entry(header, next));
    } else {
      stream.on('end', () => next());
      stream.resume();
    }
  });
  extract.on('finish', () => pack.finalize());
  try {
    await Promise.all([
      pipeline(createReadStream(source), createGunzip(), extract),
      pipeline(pack, createGzip(), createWriteStream(partial)),
    ]);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

let slimPath: Promise<string | undefined> | undefined;

/** The cached slim bundle's path, written on first use; undefined when it cannot be made. */
export function slimPostgisBundle(): Promise<string | undefined> {
  slimPath ??= (async () => {
    const full = fullBundle();
    const name = `postgis-${full.version}-slim-${SELECTION_VERSION}.tar.gz`;
    for (const dir of cacheDirs(full.path)) {
      const target = join(dir, name);
      if (existsSync(target)) return target;
      try {
        await writeSlimBundle(full.path, target);
        return target;
      } catch {
        // A read-only install: try the next place.
      }
    }
    return undefined;
  })();
  return slimPath;
}

/** The `postgis` extension for PGlite, loading the slim bundle when there is one. */
export async function embeddedPostgis(): Promise<Extension> {
  const slim = await slimPostgisBundle();
  if (!slim) return postgis;
  return {
    name: postgis.name,
    setup: async (pg, emscriptenOpts) => {
      const setup = await postgis.setup(pg, emscriptenOpts);
      return { ...setup, bundlePath: pathToFileURL(slim) };
    },
  };
}
