import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { sharedData } from '../../../../test/support/shared-data.ts';

const EARLY = sharedData(
  'frontline/deepstatemap_occupied_20250102.geojson',
  'DeepStateMap occupied area, 2025-01-02',
);
const LATE = sharedData(
  'frontline/deepstatemap_occupied_20260822.geojson',
  'DeepStateMap occupied area, 2026-08-22',
);

const box = (x: number, y: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`territory: control areas over the API on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['fra-analyst', 'FRA', ['analyst']],
          ['deu-staff', 'DEU', ['cell_staff']],
          ['pol-liaison', 'POL', ['liaison']],
          ['che-liaison', 'CHE', ['liaison']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });
    const importAs = (user: string, query: string, body: unknown, type = 'application/geo+json') =>
      h.sendRaw(user, 'POST', `/api/territory/control-areas/import?${query}`, JSON.stringify(body), type);

    it('imports a mixed file: takes the areas, reports each skipped feature and repair; the audit log holds it', async () => {
      const res = await importAs('fra-analyst', 'source=staff-map&asOf=2024-03-01&fileName=staff.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'front' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [37, 48],
                [38, 49],
              ],
            },
          },
          { type: 'Feature', properties: {}, geometry: box(37, 47.5, 0.5) },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [38, 47],
                  [38.5, 47.5],
                  [38.5, 47],
                  [38, 47.5],
                  [38, 47],
                ],
              ],
            },
          },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.version).toMatchObject({
        side: 'occupied',
        asOf: '2024-03-01',
        version: 1,
        source: 'staff-map@FRA',
        fileName: 'staff.geojson',
        featuresRead: 3,
        featuresTaken: 2,
        importedBy: 'fra-analyst',
        releasability: 'COALITION',
      });
      expect(body.version.share.officialKm2).toBe(603_628);
      expect(body.version.share.boundariesKm2).toBeGreaterThan(630_000);
      expect(body.skipped).toEqual([
        {
          feature: 0,
          field: 'geometry.type',
          reason: 'a LineString is not an area (a line, not the area it bounds)',
        },
      ]);
      expect(body.repaired).toEqual([
        { feature: 2, field: 'geometry', reason: expect.stringContaining('repaired with ST_MakeValid') },
      ]);
      const audit = (await h.get('fra-analyst', '/api/audit?entity=control_area_version')).json();
      expect(JSON.stringify(audit)).toContain('control_area.import');
      // The same source and date again: the next version, the first kept.
      const again = await importAs('fra-analyst', 'source=staff-map&asOf=2024-03-01', {
        type: 'Feature',
        geometry: box(37, 47.5, 0.4),
      });
      expect(again.json().version.version).toBe(2);
      const listed = (await h.get('fra-analyst', '/api/territory/control-areas')).json().versions;
      expect(
        listed
          .filter((v: { asOf: string }) => v.asOf === '2024-03-01')
          .map((v: { version: number }) => v.version),
      ).toEqual([2, 1]);
    });

    it('refuses a file with no area, storing nothing, with every note in the details; and what is not JSON', async () => {
      const before = (await h.get('fra-analyst', '/api/territory/control-areas')).json().versions.length;
      const res = await importAs('fra-analyst', 'source=points&asOf=2024-03-02', {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [37, 48] } }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'import.refused', field: 'body' });
      expect(res.json().error.message).toContain('no area in the file');
      expect(res.json().error.details.skipped).toEqual([
        { feature: 0, field: 'geometry.type', reason: 'a Point is not an area (a place or marker)' },
      ]);
      const bad = await h.sendRaw(
        'fra-analyst',
        'POST',
        '/api/territory/control-areas/import?source=x&asOf=2024-03-02',
        '{"type":',
        'application/geo+json',
      );
      expect(bad.statusCode).toBe(400);
      const noDate = await importAs('fra-analyst', 'source=x&asOf=2024-13-45', {
        type: 'Feature',
        geometry: box(30, 50, 1),
      });
      expect(noDate.statusCode).toBe(400);
      expect((await h.get('fra-analyst', '/api/territory/control-areas')).json().versions).toHaveLength(
        before,
      );
      // A liaison may not import.
      expect(
        (
          await importAs('pol-liaison', 'source=x&asOf=2024-03-02', {
            type: 'Feature',
            geometry: box(30, 50, 1),
          })
        ).statusCode,
      ).toBe(403);
    });

    it('keeps a version to the nations its label admits on every read path', async () => {
      const nat = await importAs('deu-staff', 'source=bnd&asOf=2024-03-05&releasability=NATIONAL%20DEU', {
        type: 'Feature',
        geometry: box(36, 48, 1),
      });
      expect(nat.statusCode, nat.body).toBe(200);
      const id = nat.json().version.id;
      expect(id).toMatch(/^ca-[0-9]+$/);
      const rel = await importAs(
        'deu-staff',
        'source=shared&asOf=2024-03-06&releasability=REL%20TO%20DEU%2C%20POL',
        { type: 'Feature', geometry: box(36, 48, 2) },
      );
      const relId = rel.json().version.id;
      const ids = async (user: string) =>
        (await h.get(user, '/api/territory/control-areas')).json().versions.map((v: { id: string }) => v.id);
      expect(await ids('deu-staff')).toEqual(expect.arrayContaining([id, relId]));
      expect(await ids('pol-liaison')).toContain(relId);
      expect(await ids('pol-liaison')).not.toContain(id);
      expect(await ids('fra-analyst')).not.toContain(relId);
      // CHE is outside the coalition: COALITION versions are hidden from it too.
      expect(await ids('che-liaison')).toEqual([]);
      const hidden = await h.get('fra-analyst', `/api/territory/control-areas/${id}`);
      const missing = await h.get('fra-analyst', '/api/territory/control-areas/ca-99999');
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe(missing.json().error.code);
      const own = await h.get('deu-staff', `/api/territory/control-areas/${id}`);
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toContain('application/geo+json');
      expect(own.json()).toMatchObject({
        type: 'Feature',
        geometry: { type: 'MultiPolygon' },
        properties: { id, releasability: 'NATIONAL DEU' },
      });
      // The change between 2024-03-01 and 2024-03-06: DEU's own version is in force for DEU; FRA
      // sees its own, as if the hidden ones did not exist.
      const deu = (await h.get('deu-staff', '/api/territory/change?from=2024-03-01&to=2024-03-06')).json();
      expect(deu.to.id).toBe(relId);
      expect(deu.releasability).toBe('REL TO DEU, POL');
      const fra = (await h.get('fra-analyst', '/api/territory/change?from=2024-03-01&to=2024-03-06')).json();
      expect(fra.to.source).toBe('staff-map@FRA');
      expect(JSON.stringify(fra)).not.toContain('bnd@DEU');
      expect(fra.releasability).toBe('COALITION');
      const none = await h.get('che-liaison', '/api/territory/change?from=2024-03-01&to=2024-03-06');
      expect(none.statusCode).toBe(404);
      expect(none.json().error.message).toContain('import one dated then');
      expect(
        (await h.get('fra-analyst', '/api/territory/change?from=2024-03-06&to=2024-03-01')).statusCode,
      ).toBe(400);
    });

    it.skipIf(EARLY.skip ?? LATE.skip)(
      'measures the DeepStateMap change per oblast, in names, against both baselines',
      async () => {
        for (const [file, asOf] of [
          [EARLY.path, '2025-01-02'],
          [LATE.path, '2026-08-22'],
        ] as const) {
          const res = await importAs(
            'fra-analyst',
            `source=deepstatemap&asOf=${asOf}`,
            JSON.parse(readFileSync(file, 'utf8')),
          );
          expect(res.statusCode, res.body).toBe(200);
        }
        const res = await h.get('fra-analyst', '/api/territory/change?from=2025-01-02&to=2026-08-22');
        expect(res.statusCode, res.body).toBe(200);
        const change = res.json();
        expect(change.units).toHaveLength(27);
        const donetsk = change.units.find((u: { code: string }) => u.code === 'UA-14');
        expect(donetsk.name).toBe('Donetsk Oblast');
        expect(donetsk.gainedKm2).toBeGreaterThan(1000);
        expect(donetsk.toShareOfUnit).toBeGreaterThan(donetsk.fromShareOfUnit);
        expect(change.totals.netKm2).toBeCloseTo(change.totals.toKm2 - change.totals.fromKm2, 0);
        expect(change.share.to.official).toBeGreaterThan(0.18);
        expect(change.share.to.official).toBeLessThan(0.21);
        expect(change.share.to.officialKm2).toBe(603_628);
        expect(change.method).toContain('603,628');
        expect(
          change.difference.features.map((f: { properties: { change: string } }) => f.properties.change),
        ).toEqual(['gained', 'lost']);
      },
    );
  });
}
