import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

/** North to south along 35°E: walking it, east is on the left. */
const MERIDIAN = {
  type: 'LineString',
  coordinates: [
    [35, 53],
    [35, 44],
  ],
};
const option = (over: Record<string, unknown> = {}) => ({
  key: 'meridian',
  name: 'Along 35° East',
  occupiedSide: 'left',
  geometry: MERIDIAN,
  ...over,
});

for (const engine of (await testEngines()).filter((e) => e.name === 'pglite')) {
  describe.skipIf(engine.skip)(`land options over the API on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['fra-analyst', 'FRA', ['analyst']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['fra-liaison', 'FRA', ['liaison']],
          ['deu-staff', 'DEU', ['cell_staff']],
          ['pol-analyst', 'POL', ['analyst']],
          ['che-liaison', 'CHE', ['liaison']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('saves as cell staff or analyst only, NATIONAL by default, and shows an option only where its label admits', async () => {
      expect((await h.post('fra-liaison', '/api/territory/land-options', option())).statusCode).toBe(403);
      const saved = await h.post('fra-analyst', '/api/territory/land-options', option());
      expect(saved.statusCode, saved.body).toBe(200);
      const body = saved.json();
      expect(body.option).toMatchObject({
        option: 'meridian@FRA',
        version: 1,
        releasability: 'NATIONAL FRA',
      });
      const id = body.option.id as string;
      const rel = await h.post(
        'deu-staff',
        '/api/territory/land-options',
        option({ key: 'shared', releasability: 'REL TO DEU, POL' }),
      );
      expect(rel.statusCode, rel.body).toBe(200);
      const relId = rel.json().option.id as string;
      // A label that would hide the option from its own drafter is refused.
      const blind = await h.post(
        'fra-staff',
        '/api/territory/land-options',
        option({ releasability: 'REL TO DEU' }),
      );
      expect(blind.statusCode).toBe(400);
      expect(blind.json().error).toMatchObject({
        code: 'releasability.invalid',
        field: 'body.releasability',
      });

      const ids = async (user: string) =>
        (await h.get(user, '/api/territory/land-options')).json().options.map((o: { id: string }) => o.id);
      expect(await ids('fra-liaison')).toEqual([id]);
      expect(await ids('pol-analyst')).toEqual([relId]);
      expect(await ids('che-liaison')).toEqual([]);
      // Hidden and absent answer alike.
      const hidden = await h.get('deu-staff', `/api/territory/land-options/${id}/facts`);
      const absent = await h.get('deu-staff', '/api/territory/land-options/lo-9999/facts');
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.message.replace(id, 'X')).toBe(
        absent.json().error.message.replace('lo-9999', 'X'),
      );
      expect((await h.get('fra-liaison', `/api/territory/land-options/${relId}`)).statusCode).toBe(404);
    });

    it('refuses bad options with land_option.refused naming the field, and stores nothing', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [
          option({
            geometry: {
              type: 'LineString',
              coordinates: [
                [34, 53],
                [36, 44],
                [36, 53],
                [34, 44],
              ],
            },
          }),
          'body.geometry.coordinates',
          /crosses itself/,
        ],
        [
          option({
            geometry: {
              type: 'LineString',
              coordinates: [
                [14, 50],
                [16, 51],
              ],
            },
          }),
          'body.geometry.coordinates',
          /does not cross Ukraine/,
        ],
        [
          option({
            geometry: {
              type: 'LineString',
              coordinates: [
                [35, 53],
                [35, 48],
              ],
            },
          }),
          'body.geometry.coordinates[1]',
          /does not close an area/,
        ],
        [option({ occupiedSide: undefined }), 'body.occupiedSide', /left or right/],
        [
          option({ geometry: { type: 'Point', coordinates: [35, 48] } }),
          'body.geometry.type',
          /not an option/,
        ],
        [option({ geometry: 'not geojson' }), 'body.geometry', /GeoJSON/],
      ];
      const before = (await h.get('fra-analyst', '/api/territory/land-options?versions=all')).json().options
        .length;
      for (const [body, field, message] of cases) {
        const res = await h.post('fra-analyst', '/api/territory/land-options', body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error, JSON.stringify(body)).toMatchObject({ code: 'land_option.refused', field });
        expect(res.json().error.message).toMatch(message);
        expect(res.json().error.message).toMatch(/nothing stored$/);
      }
      expect(
        (await h.get('fra-analyst', '/api/territory/land-options?versions=all')).json().options.length,
      ).toBe(before);
      const bad = await h.get('fra-analyst', '/api/territory/land-options/compare?bufferKm=0');
      expect(bad.statusCode).toBe(400);
    });

    it('measures an option with a hub in its buffer, and exports the comparison as CSV and XLSX', async () => {
      const hub = await h.post('fra-staff', '/api/hubs', {
        name: 'Forward hub near the line',
        kind: 'logistics',
        nations: ['FRA'],
        sidc: 'SFGPUSS---H----',
        location: [34.95, 48.4],
        releasability: 'NATIONAL FRA',
      });
      expect(hub.statusCode, hub.body).toBe(201);
      const [mine] = (await h.get('fra-analyst', '/api/territory/land-options')).json().options;
      const facts = await h.get('fra-analyst', `/api/territory/land-options/${mine.id}/facts?bufferKm=15`);
      expect(facts.statusCode, facts.body).toBe(200);
      const f = facts.json();
      expect(f.current).toBeNull();
      expect(f.difference).toBeNull();
      expect(f.areas.occupiedShare.officialKm2).toBe(603_628);
      expect(f.monitoring.monitors).toBe(Math.ceil(f.line.lengthKm * f.monitoring.monitorsPerKm));
      expect(f.monitoring.basis).toMatch(/OSCE Special Monitoring Mission/);
      expect(f.buffer.hubs.map((x: { name: string }) => x.name)).toEqual(['Forward hub near the line']);
      expect(f.breaks).toContainEqual(
        expect.objectContaining({
          kind: 'hub',
          severity: 'breaks',
          reason: expect.stringContaining('inside the 15 km buffer zone'),
        }),
      );
      expect(f.unitsSplit).toEqual(
        expect.arrayContaining(['Zaporizhia Oblast', 'Kharkiv Oblast', 'Autonomous Republic of Crimea']),
      );
      expect(f.map.features.map((x: { properties: { layer: string } }) => x.properties.layer)).toEqual([
        'buffer',
        'occupied',
        'line',
        'option',
      ]);
      const csv = await h.get('fra-analyst', '/api/territory/land-options/compare.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body.startsWith('\ufeffOption,Version,Kind,')).toBe(true);
      expect(csv.body).toContain('Along 35° East,1,line,');
      expect(csv.body).toContain('Forward hub near the line');
      const xlsx = await h.get('fra-analyst', '/api/territory/land-options/compare.xlsx');
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Land options')!;
      expect(sheet.getRow(2).getCell(1).value).toBe('Along 35° East');
      expect(Number(sheet.getRow(2).getCell(4).value)).toBe(Math.round(f.areas.occupiedKm2));
      const compared = await h.get(
        'fra-analyst',
        `/api/territory/land-options/compare?ids=${mine.id},lo-9999`,
      );
      expect(compared.statusCode).toBe(404);
      expect(compared.json().error.field).toBe('query.ids');
    });
  });
}
