/**
 * GeoPackage exports (issue 20): the writer's files open in GDAL (ogrinfo, the reader QGIS uses)
 * with the right layers, geometry types, counts and values; the incident export holds the same
 * incidents as the screen's count under the same filters, and only what the reader may see.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedDemoZones } from '@guarantor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { geoPackageText } from '../../../../test/support/bodies.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { insertFixtureIncidents } from '../../../../test/support/zones.ts';
import { gpkgGeometry, writeGeoPackage } from './geopackage.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const gdal = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const gdalSkip = gdal ? undefined : 'GDAL (ogrinfo, Debian gdal-bin) is not installed';
if (gdalSkip && process.env.GUARANTOR_REQUIRE_GDAL === '1')
  throw new Error(`GUARANTOR_REQUIRE_GDAL=1 but ${gdalSkip}`);

const folder = mkdtempSync(join(tmpdir(), 'gpkg-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** ogrinfo's summary and features of a GeoPackage written to disk. */
async function ogrinfo(bytes: Buffer, name: string, ...args: string[]): Promise<string> {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  // Options first, then the file, then the layer (the one argument that is not an option).
  const layer = args.filter((a) => !a.startsWith('-'));
  const options = args.filter((a) => a.startsWith('-'));
  return (await promisify(execFile)('ogrinfo', ['-ro', ...options, file, ...layer], { encoding: 'utf8' }))
    .stdout;
}

describe('the GeoPackage writer', () => {
  it('writes the header GDAL expects: "GP", little-endian, an xy envelope, SRS 4326', () => {
    const blob = gpkgGeometry({ type: 'Point', coordinates: [37.5, 48.25] });
    expect(blob.subarray(0, 2).toString('ascii')).toBe('GP');
    expect(blob[3]).toBe(0b11);
    expect(blob.readInt32LE(4)).toBe(4326);
    expect([8, 16, 24, 32].map((o) => blob.readDoubleLE(o))).toEqual([37.5, 37.5, 48.25, 48.25]);
    // WKB point: byte order 1, type 1, x, y.
    expect(blob.readUInt8(40)).toBe(1);
    expect(blob.readUInt32LE(41)).toBe(1);
    expect(blob.readDoubleLE(45)).toBe(37.5);
  });

  it('refuses a table or field name that is not a plain identifier', () => {
    const layer = { description: '', geometryType: 'POINT' as const, features: [] };
    expect(() => writeGeoPackage([{ ...layer, name: 'a"; drop table x; --', fields: [] }], NOW)).toThrow(
      /not a plain identifier/,
    );
    expect(() =>
      writeGeoPackage([{ ...layer, name: 'ok', fields: [{ name: 'geom', type: 'TEXT' }] }], NOW),
    ).toThrow(/not a plain identifier/);
  });

  it.skipIf(gdalSkip)(
    'opens in GDAL with each layer, geometry type, count and value, Cyrillic included',
    async () => {
      const gpkg = writeGeoPackage(
        [
          {
            name: 'places',
            description: 'test points',
            geometryType: 'POINT',
            fields: [
              { name: 'name', type: 'TEXT' },
              { name: 'people', type: 'INTEGER' },
              { name: 'share', type: 'REAL' },
            ],
            features: [
              {
                geometry: { type: 'Point', coordinates: [30.52, 50.45] },
                properties: { name: 'Київ', people: 2952301, share: 0.5 },
              },
              {
                geometry: { type: 'Point', coordinates: [36.23, 49.99] },
                properties: { name: 'Харків', people: null, share: null },
              },
            ],
          },
          {
            name: 'areas',
            description: 'test areas',
            geometryType: 'MULTIPOLYGON',
            fields: [{ name: 'name', type: 'TEXT' }],
            features: [
              {
                geometry: {
                  type: 'MultiPolygon',
                  coordinates: [
                    [
                      [
                        [36, 48],
                        [37, 48],
                        [37, 49],
                        [36, 49],
                        [36, 48],
                      ],
                      [
                        [36.2, 48.2],
                        [36.4, 48.2],
                        [36.4, 48.4],
                        [36.2, 48.2],
                      ],
                    ],
                  ],
                },
                properties: { name: 'a square with a hole' },
              },
            ],
          },
          {
            name: 'empty',
            description: 'no features',
            geometryType: 'MULTILINESTRING',
            fields: [],
            features: [],
          },
        ],
        NOW,
      );
      const layers = await ogrinfo(gpkg, 'writer.gpkg');
      expect(layers).toContain('1: places (Point)');
      expect(layers).toContain('2: areas (Multi Polygon)');
      expect(layers).toContain('3: empty (Multi Line String)');
      const places = await ogrinfo(gpkg, 'writer.gpkg', 'places');
      expect(places).toContain('Feature Count: 2');
      expect(places).toContain('Extent: (30.520000, 49.990000) - (36.230000, 50.450000)');
      expect(places).toContain('name (String) = Київ');
      expect(places).toContain('people (Integer64) = 2952301');
      expect(places).toContain('POINT (30.52 50.45)');
      expect(places).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"/);
      const areas = await ogrinfo(gpkg, 'writer.gpkg', 'areas');
      expect(areas).toContain(
        'MULTIPOLYGON (((36 48,37 48,37 49,36 49,36 48),(36.2 48.2,36.4 48.2,36.4 48.4,36.2 48.2)))',
      );
      // GDAL's own validation of the file's metadata tables finds nothing to say.
      expect(areas).not.toMatch(/ERROR|Warning/i);
    },
  );
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`GeoPackage exports on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-analyst', 'USA', ['analyst']],
          ['fra-analyst', 'FRA', ['analyst']],
        ],
      });
      await seedDemoZones(h.database.db, NOW);
      await insertFixtureIncidents(
        h.database.db,
        Array.from({ length: 12 }, (_, n) => ({
          id: `inc-gpkg-${n}@USA`,
          category: n % 2 ? 'explosion_impact' : 'uav_overflight',
          position: [36.6 + n * 0.05, 47.5] as const,
          start: new Date(NOW.getTime() - (n + 1) * 3_600_000),
          relKind: n < 10 ? ('COALITION' as const) : ('NATIONAL' as const),
          relNations: n < 10 ? [] : ['USA'],
        })),
      );
    });
    afterAll(async () => {
      await h?.close();
    });

    it('exports the incidents the screen counts under the same filters, and only what the reader may see', async () => {
      for (const [user, query] of [
        ['usa-analyst', ''],
        ['fra-analyst', ''],
        ['usa-analyst', '?category=explosion_impact'],
        ['fra-analyst', '?sector=sector-donetsk-south&category=uav_overflight'],
      ] as const) {
        const count = (await h.get(user, `/api/incidents/counts${query}`)).json().total as number;
        const res = await h.get(user, `/api/incidents.gpkg${query}`);
        expect(res.statusCode, `${user} ${query}`).toBe(200);
        expect(res.headers['content-type']).toBe('application/geopackage+sqlite3');
        expect(res.headers['content-disposition']).toBe('attachment; filename="incidents.gpkg"');
        const text = geoPackageText(res.rawPayload);
        const rows = text
          .split('\n# ')
          .find((t) => t.startsWith('incidents\n') || t.startsWith('# incidents\n'));
        expect(rows?.split('\n').length, `${user} ${query}`).toBe(count + 1);
        if (!gdalSkip) {
          const info = await ogrinfo(res.rawPayload, `incidents-${user}.gpkg`, '-so', 'incidents');
          expect(info, `${user} ${query}`).toContain(`Feature Count: ${count}`);
        }
      }
      const fra = geoPackageText((await h.get('fra-analyst', '/api/incidents.gpkg')).rawPayload);
      expect(fra).toContain('inc-gpkg-9@USA');
      expect(fra).not.toContain('inc-gpkg-10@USA');
      expect(fra).toContain('explosion or impact'.slice(0, 9));
    });

    it.skipIf(gdalSkip)('exports the zones as areas and lines, names and kinds in words', async () => {
      const res = await h.get('fra-analyst', '/api/zones.gpkg');
      expect(res.statusCode).toBe(200);
      const zones = (await h.get('fra-analyst', '/api/zones')).json().features as {
        properties: { kind: string };
      }[];
      const lines = zones.filter((z) => z.properties.kind === 'line_of_contact').length;
      const areas = await ogrinfo(res.rawPayload, 'zones.gpkg', 'zone_areas');
      expect(areas).toContain(`Feature Count: ${zones.length - lines}`);
      expect(areas).toContain('kind (String) = monitoring sector');
      expect(areas).toContain('name (String) = Donetsk South (illustrative)');
      const loc = await ogrinfo(res.rawPayload, 'zones.gpkg', '-so', 'zone_lines');
      expect(loc).toContain(`Feature Count: ${lines}`);
    });
  });
}
