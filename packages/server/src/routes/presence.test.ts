import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { sharedData } from '../../../../test/support/shared-data.ts';

const OCHA = sharedData(
  'hxl/ocha_ukraine_subnational_DERIVED.hxl.csv',
  "OCHA's Ukraine subnational HXL table",
);

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`humanitarian presence (HXL 3W) on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['deu-analyst', 'DEU', ['analyst']],
          ['pol-liaison', 'POL', ['liaison']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });
    const importAs = (user: string, query: string, body: string, type = 'text/csv') =>
      h.sendRaw(user, 'POST', `/api/presence/import${query}`, body, type);

    it.skipIf(OCHA.skip)(
      "imports OCHA's table into the namespace of the importer; a reimport replaces it",
      async () => {
        const text = readFileSync(OCHA.path, 'utf8');
        const first = await importAs('fra-staff', '?source=ocha-2022', text);
        expect(first.statusCode, first.body).toBe(200);
        expect(first.json()).toMatchObject({
          source: 'ocha-2022@FRA',
          regions: 27,
          hashtagRow: 1,
          problems: [],
          unplaced: [],
        });
        const read = (await h.get('fra-staff', '/api/presence')).json().regions;
        const cherkasy = read.find((r: { regionCode: string }) => r.regionCode === 'UA-71');
        expect(cherkasy).toMatchObject({
          organisationCount: 23,
          peopleReached: 13400,
          sources: ['ocha-2022@FRA'],
        });
        expect(cherkasy.sectors).toContain('Health');
        const again = await importAs('fra-staff', '?source=ocha-2022', text);
        expect(again.json().regions).toBe(27);
        expect((await h.get('fra-staff', '/api/presence')).json().regions).toHaveLength(27);
      },
    );

    it('reads a row per activity under headers, with a pre-1.0 hashtag; keeps a NATIONAL table to its nation', async () => {
      const csv = [
        'Organisation,Oblast,Cluster',
        '#org,#adm1_code,#sector',
        'UNHCR,UA14,Protection',
        'WFP,UA14,Food Security',
        'Unknown,ZZ99,Health',
        'MSF,UA44,Health',
      ].join('\n');
      const res = await importAs('deu-analyst', '?source=field-3w&releasability=NATIONAL%20DEU', csv);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        source: 'field-3w@DEU',
        regions: 2,
        hashtagRow: 2,
        renamed: ['#adm1_code → #adm1+code'],
      });
      expect(res.json().unplaced).toEqual([
        { unit: 'ZZ-99', reason: 'ZZ-99 is not a first-level unit of Ukraine' },
      ]);
      const deu = (await h.get('deu-analyst', '/api/presence')).json().regions;
      expect(deu.find((r: { regionCode: string }) => r.regionCode === 'UA-14').organisations).toEqual([
        'UNHCR',
        'WFP',
      ]);
      // Luhansk's p-code UA44 is ISO UA-09.
      expect(deu.find((r: { regionCode: string }) => r.regionCode === 'UA-09').organisations).toEqual([
        'MSF',
      ]);
      const fra = (await h.get('fra-staff', '/api/presence')).json().regions;
      expect(JSON.stringify(fra)).not.toContain('field-3w');
      expect(JSON.stringify(fra)).not.toContain('UNHCR');
    });

    it('refuses what is not HXL, and a role that may not import', async () => {
      const plain = await importAs('fra-staff', '?source=plain', 'org,oblast\nUNHCR,UA14\n');
      expect(plain.statusCode).toBe(400);
      expect(plain.json().error.message).toContain('no row of HXL hashtags');
      const noUnit = await importAs('fra-staff', '?source=no-unit', '#org,#sector\nUNHCR,Health\n');
      expect(noUnit.json().error.message).toContain('no #adm1 column');
      expect((await importAs('pol-liaison', '?source=x', '#org,#adm1+code\nA,UA14\n')).statusCode).toBe(403);
      const json = await importAs(
        'fra-staff',
        '?source=json-3w',
        JSON.stringify([{ '#org': 'IOM', '#adm1+code': 'UA-63', '#sector': 'Shelter' }]),
        'application/json',
      );
      expect(json.statusCode, json.body).toBe(200);
    });
  });
}
