// Makes test/fixtures/basemap/ukraine.pmtiles, the small PMTiles base map the tests serve
// (ADR 0038): GDAL's MVT driver cuts data/neighbours.geojson (layer "countries") and
// data/ukraine-adm1.geojson (layer "units") into vector tiles, zoom 0 to 5; this script packs them into a PMTiles v3 archive (gzip tiles, gzip
// directory, one root directory, clustered). The pmtiles package reads archives only, so the
// writing is here, after the specification (github.com/protomaps/PMTiles, spec/v3/spec.md).
// Run: node scripts/make-basemap-fixture.mjs   (needs ogr2ogr, Debian gdal-bin)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/basemap/ukraine.pmtiles');
const MIN_ZOOM = 0;
const MAX_ZOOM = 5;

const work = mkdtempSync(join(tmpdir(), 'basemap-'));
try {
  const dir = join(work, 'tiles');
  // Two layers: the neighbours (land around Ukraine) and the first-level units.
  const both = join(work, 'both.gpkg');
  execFileSync('ogr2ogr', [
    '-f',
    'GPKG',
    both,
    join(root, 'data/neighbours.geojson'),
    '-nln',
    'countries',
    '-select',
    'name',
  ]);
  execFileSync('ogr2ogr', [
    '-update',
    both,
    join(root, 'data/ukraine-adm1.geojson'),
    '-nln',
    'units',
    '-select',
    'code,nameEn,nameUk',
  ]);
  execFileSync('ogr2ogr', [
    '-f',
    'MVT',
    dir,
    both,
    '-dsco',
    `MINZOOM=${MIN_ZOOM}`,
    '-dsco',
    `MAXZOOM=${MAX_ZOOM}`,
    '-dsco',
    'COMPRESS=NO',
    '-dsco',
    'FORMAT=DIRECTORY',
  ]);
  const tiles = [];
  for (const z of readdirSync(dir).filter((n) => /^\d+$/.test(n)))
    for (const x of readdirSync(join(dir, z)))
      for (const file of readdirSync(join(dir, z, x))) {
        const y = Number(file.replace(/\.pbf$/, ''));
        const id = zxyToTileId(Number(z), Number(x), y);
        tiles.push({ id, data: gzipSync(readFileSync(join(dir, z, x, file)), { level: 9 }) });
      }
  tiles.sort((a, b) => a.id - b.id);
  const gdal = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
  const [west, south, east, north] = gdal.bounds.split(',').map(Number);
  const metadata = {
    name: 'Ukraine and its neighbours',
    description:
      'Test base map: data/ukraine-adm1.geojson as vector tiles (scripts/make-basemap-fixture.mjs)',
    attribution: 'geoBoundaries (wmgeolab), CC BY 4.0; Natural Earth via visionscarto',
    vector_layers: JSON.parse(gdal.json).vector_layers,
  };
  writeArchive(out, tiles, metadata, { west, south, east, north });
  console.log(`${out}: ${tiles.length} tiles`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Unsigned LEB128, as the directory encodes its numbers. */
function varint(n, bytes) {
  let v = n;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
}

function writeArchive(file, tiles, metadata, bounds) {
  let offset = 0;
  const entries = tiles.map((t) => {
    const e = { id: t.id, offset, length: t.data.length };
    offset += t.data.length;
    return e;
  });
  const dir = [];
  varint(entries.length, dir);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (const _ of entries) varint(1, dir); // run lengths
  for (const e of entries) varint(e.length, dir);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, dir);
  });
  const rootDir = gzipSync(Buffer.from(dir));
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata)));
  const data = Buffer.concat(tiles.map((t) => t.data));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at, n) => header.writeBigUInt64LE(BigInt(n), at);
  const rootAt = 127;
  const metaAt = rootAt + rootDir.length;
  const dataAt = metaAt + meta.length;
  u64(8, rootAt);
  u64(16, rootDir.length);
  u64(24, metaAt);
  u64(32, meta.length);
  u64(40, dataAt); // no leaf directories: an empty section before the tile data
  u64(48, 0);
  u64(56, dataAt);
  u64(64, data.length);
  u64(72, tiles.length); // addressed tiles
  u64(80, tiles.length); // tile entries
  u64(88, tiles.length); // tile contents
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(2, 97); // internal compression: gzip
  header.writeUInt8(2, 98); // tile compression: gzip
  header.writeUInt8(1, 99); // tile type: MVT
  header.writeUInt8(MIN_ZOOM, 100);
  header.writeUInt8(MAX_ZOOM, 101);
  const e7 = (at, deg) => header.writeInt32LE(Math.round(deg * 1e7), at);
  e7(102, bounds.west);
  e7(106, bounds.south);
  e7(110, bounds.east);
  e7(114, bounds.north);
  header.writeUInt8(4, 118);
  e7(119, (bounds.west + bounds.east) / 2);
  e7(123, (bounds.south + bounds.north) / 2);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, Buffer.concat([header, rootDir, meta, data]));
}
