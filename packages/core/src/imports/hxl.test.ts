import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { csvRecords } from './csv.ts';
import { hxlJsonRecords, hxlPresence, isoOfPcode, parseHashtag, readHxlTable } from './hxl.ts';
import type { CsvRecord } from './tokenizer.ts';

const LIBHXL = sharedData('hxl/libhxl_input-valid.csv', "libhxl's own HXL test file");
const OCHA = sharedData(
  'hxl/ocha_ukraine_subnational_DERIVED.hxl.csv',
  "OCHA's Ukraine subnational HXL table",
);

async function records(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(text, { bytesRead: 0 })) out.push(r);
  return out;
}

describe('HXL hashtags', () => {
  it.each([
    ['#org', { tag: 'org', attributes: [] }],
    ['#adm1 +code', { tag: 'adm1', attributes: ['code'] }],
    ['#Sector+Cluster+names', { tag: 'sector', attributes: ['cluster', 'names'] }],
    // Pre-1.0 forms read as their 1.0 reading.
    ['#adm1_code', { tag: 'adm1', attributes: ['code'] }],
    ['#org_id', { tag: 'org', attributes: ['code'] }],
    ['#sector/es', { tag: 'sector', attributes: ['es'] }],
  ])('reads %s', (text, expected) => expect(parseHashtag(text)).toEqual(expected));

  it.each(['org', '#', '#1abc', '#org+', 'Organisation', '#org name'])('refuses %s', (text) =>
    expect(parseHashtag(text)).toBeUndefined(),
  );

  it('maps OCHA p-codes to ISO 3166-2, with the five that differ', () => {
    expect(
      ['UA71', 'UA7102', 'UA01', 'UA44', 'UA73', 'UA80', 'UA85', 'UA-14', 'Kyiv'].map(isoOfPcode),
    ).toEqual(['UA-71', 'UA-71', 'UA-43', 'UA-09', 'UA-77', 'UA-30', 'UA-40', 'UA-14', null]);
  });

  it('never throws on hostile tables, and finds no hashtag row in plain CSV', async () => {
    expect(readHxlTable(await records('uid,start\n1,2026-01-01\n'))).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom('#org', '#adm1+code', '#sector', 'UA71', 'x', ',', '\n', '"', '#', '+', '12', ''),
          {
            maxLength: 50,
          },
        ),
        async (parts) => {
          const table = readHxlTable(await records(parts.join('')));
          if (table) hxlPresence(table);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(LIBHXL.skip || OCHA.skip)(
  'HXL files as their publishers lay them out (../shared/data)',
  () => {
    it("finds the hashtag row under libhxl's two rows of Spanish headers", async () => {
      const table = readHxlTable(await records(readFileSync(LIBHXL.path, 'utf8')))!;
      expect(table.hashtagRow).toBe(3);
      expect(table.columns.map((c) => `#${[c.tag, ...c.attributes].join('+')}`)).toEqual([
        '#sector+es',
        '#subsector+es',
        '#org+es',
        '#targeted+f',
        '#targeted+m',
        '#country',
        '#adm1',
        '#date+reported',
      ]);
      const presence = hxlPresence(table);
      expect('units' in presence && presence.units.map((u) => u.regionName)).toContain('Los Santos');
    });

    it("reads OCHA's per-oblast table: 27 units by p-code, organisations counted, clusters listed", async () => {
      const presence = hxlPresence(readHxlTable(await records(readFileSync(OCHA.path, 'utf8')))!);
      if (!('units' in presence)) throw new Error(presence.problem);
      expect(presence.problems).toEqual([]);
      expect(presence.units).toHaveLength(27);
      const cherkasy = presence.units.find((u) => u.regionCode === 'UA-71')!;
      expect(cherkasy).toMatchObject({ organisationCount: 23, peopleReached: 13400 });
      expect(cherkasy.sectors).toContain('Education');
      // Crimea's p-code UA01 is ISO UA-43.
      expect(presence.units.map((u) => u.regionCode)).toContain('UA-43');
    });
  },
);

describe('HXL JSON', () => {
  it('reads an array of rows and an array of hashtag-keyed objects alike', () => {
    const rows = hxlJsonRecords([
      ['Organisation', 'Oblast code', 'Sector'],
      ['#org', '#adm1+code', '#sector'],
      ['UNHCR', 'UA14', 'Protection'],
      ['WFP', 'UA14', 'Food Security'],
    ])!;
    const objects = hxlJsonRecords([
      { '#org': 'UNHCR', '#adm1+code': 'UA14', '#sector': 'Protection' },
      { '#org': 'WFP', '#adm1+code': 'UA14', '#sector': 'Food Security' },
    ])!;
    for (const r of [rows, objects]) {
      const presence = hxlPresence(readHxlTable(r)!);
      expect('units' in presence && presence.units).toEqual([
        {
          regionCode: 'UA-14',
          regionName: null,
          organisations: ['UNHCR', 'WFP'],
          organisationCount: null,
          sectors: ['Food Security', 'Protection'],
          peopleReached: null,
        },
      ]);
    }
    expect(hxlJsonRecords({ not: 'a table' })).toBeUndefined();
  });
});
