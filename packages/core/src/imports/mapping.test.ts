import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvObservations } from './csv.ts';
import { readGeoJsonObservations } from './geojson.ts';
import { collectImport, type ImportOptions } from './input.ts';
import { fnv1a64, type ImportMapping, mappingProblems, parseImportPreset } from './mapping.ts';
import { readTime } from './time.ts';

const REPO = resolve(import.meta.dirname, '../../../..');
const AT = Date.parse('2026-11-27T08:00:00Z');
const KYIV = 'Europe/Kyiv';

const acledPreset = () => {
  const parsed = parseImportPreset(
    JSON.parse(readFileSync(resolve(REPO, 'data/import-presets/acled.json'), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.preset;
};

async function read(input: string | Uint8Array[], options: Partial<ImportOptions> = {}) {
  const notices: string[] = [];
  const report = await collectImport(
    readCsvObservations(input, { reportedAtMs: AT, onNotice: (n) => notices.push(n), ...options }),
  );
  return { ...report, notices };
}

describe('readTime: times as others write them', () => {
  it.each([
    ['2024-03-05', Date.UTC(2024, 2, 4, 22), Date.UTC(2024, 2, 5, 22) - 1],
    ['05.03.2024', Date.UTC(2024, 2, 4, 22), Date.UTC(2024, 2, 5, 22) - 1],
    ['5 March 2024', Date.UTC(2024, 2, 4, 22), Date.UTC(2024, 2, 5, 22) - 1],
    ['05-Mar-2024', Date.UTC(2024, 2, 4, 22), Date.UTC(2024, 2, 5, 22) - 1],
    // Summer time: Kyiv is UTC+3.
    ['2024-07-01', Date.UTC(2024, 5, 30, 21), Date.UTC(2024, 6, 1, 21) - 1],
    // The day clocks go forward (31 March 2024) is 23 hours long.
    ['31.03.2024', Date.UTC(2024, 2, 30, 22), Date.UTC(2024, 2, 31, 21) - 1],
    ['2024-03-05 14:30', Date.UTC(2024, 2, 5, 12, 30), Date.UTC(2024, 2, 5, 12, 30)],
    ['05.03.2024 14:30:15', Date.UTC(2024, 2, 5, 12, 30, 15), Date.UTC(2024, 2, 5, 12, 30, 15)],
    ['2024-03-05T14:30:00Z', Date.UTC(2024, 2, 5, 14, 30), Date.UTC(2024, 2, 5, 14, 30)],
  ])('reads %s in Kyiv', (text, startMs, endMs) => {
    expect(readTime(text, { zone: KYIV })).toMatchObject({ ok: true, startMs, endMs });
  });

  it('reads slashed dates by their order, or when a part above 12 says it', () => {
    expect(readTime('03/04/2024', { zone: 'UTC', dateOrder: 'dmy' })).toMatchObject({
      startMs: Date.UTC(2024, 3, 3),
    });
    expect(readTime('03/04/2024', { zone: 'UTC', dateOrder: 'mdy' })).toMatchObject({
      startMs: Date.UTC(2024, 2, 4),
    });
    expect(readTime('25/04/2024', { zone: 'UTC' })).toMatchObject({ startMs: Date.UTC(2024, 3, 25) });
    expect(readTime('03/04/2024', { zone: 'UTC' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('--date-order dmy or mdy'),
    });
  });

  it.each([
    ['2024-03-05', 'has no time zone; give one (--zone Europe/Kyiv)', {}],
    ['30.02.2024', 'is not a calendar date', { zone: KYIV }],
    ['5 Mars 2024', "'Mars' is not an English month name", { zone: KYIV }],
    ['2024-03-05 25:00', 'is not a time', { zone: KYIV }],
    ['yesterday', 'is not a time', { zone: KYIV }],
  ])('refuses %s, saying what to give', (text, reason, reading) => {
    expect(readTime(text, reading)).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(undefined, KYIV, 'UTC'), (text, zone) => {
        const read = readTime(text, zone ? { zone } : {});
        if (read.ok) expect(read.endMs).toBeGreaterThanOrEqual(read.startMs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('column mapping', () => {
  it('imports an ACLED export through the shipped preset', async () => {
    const preset = acledPreset();
    const file = readFileSync(resolve(REPO, 'test/fixtures/imports/acled-export.csv'), 'utf8');
    const mapping: ImportMapping = {
      ...preset.mapping,
      fields: { ...preset.mapping.fields, nation: { value: 'UKR' } },
    };
    const { accepted, rejected } = await read(file, { mapping });
    expect(rejected).toEqual([]);
    expect(
      accepted.map((o) => [o.uid, o.category, o.location.kind === 'point' && o.location.radiusM]),
    ).toEqual([
      ['UKR900001', 'explosion_impact', 2000],
      ['UKR900002', 'burst_and_shots', 25000],
      ['UKR900003', 'explosion_impact', 2000],
      ['UKR900004', 'other', 100000],
      ['UKR900005', 'explosion_impact', 2000],
    ]);
    const first = accepted[0]!;
    expect(first.source).toEqual({ kind: 'osint', id: 'Ukrinform; Suspilne', nation: 'UKR' });
    // event_date 2024-03-05 is that whole day in Kyiv.
    expect(first.time).toEqual({ startMs: Date.UTC(2024, 2, 4, 22), endMs: Date.UTC(2024, 2, 5, 22) - 1 });
    expect(first.location).toMatchObject({ position: [37.2833, 47.9833] });
    expect(first.remarks).toContain('Russian forces shelled Kurakhove');
  });

  it('without a mapping refuses the ACLED file once, naming every missing field and the way to map it', async () => {
    const file = readFileSync(resolve(REPO, 'test/fixtures/imports/acled-export.csv'), 'utf8');
    const { accepted, rejected } = await read(file);
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ row: 1, field: 'uid', refused: true });
    expect(rejected[0]!.reason).toContain(
      'the header lacks uid, source_kind, source_id, nation, start, category',
    );
    expect(rejected[0]!.reason).toContain('--map start=event_date');
  });

  it('reads an NGO spreadsheet saved in Windows-1251 with semicolons, a title row, empty rows and comma decimals', async () => {
    const text = [
      'Звіт про обстріли, березень 2024;;;;;',
      ';;;;;',
      'Дата;Населений пункт;Тип події;Широта;Довгота;Джерело',
      '05.03.2024;Курахове;Обстріл;47,9833;37,2833;ОВА',
      ';;;;;',
      '06.03.2024;Харків;Удар БПЛА;49,9935;36,2304;ОВА',
      '06.03.2024;Харків;Невідомо;49,9935;36,2304;ОВА',
      '31.02.2024;Харків;Обстріл;49,9935;36,2304;ОВА',
    ].join('\r\n');
    const bytes = windows1251(text);
    const mapping: ImportMapping = {
      fields: {
        source_kind: { value: 'osint' },
        source_id: { column: 'Джерело' },
        nation: { value: 'UKR' },
        start: { column: 'Дата' },
        category: {
          column: 'Тип події',
          values: { Обстріл: 'explosion_impact', 'Удар БПЛА': 'explosion_impact' },
        },
        lat: { column: 'Широта' },
        lng: { column: 'Довгота' },
      },
      uidFrom: ['Дата', 'Населений пункт', 'Тип події'],
      uidPrefix: 'ngo-',
      zone: KYIV,
    };
    // Chunks split inside a two-byte character would break a naive decoder; 1251 is one byte a character.
    const { accepted, rejected, notices } = await read([bytes.slice(0, 50), bytes.slice(50)], { mapping });
    expect(notices).toEqual([
      'read as windows-1251: the file is not UTF-8',
      'fields are separated by semicolons',
      'the header is on row 3; row 1 above it is skipped',
    ]);
    expect(
      accepted.map((o) => [o.uid, o.category, o.location.kind === 'point' && o.location.position]),
    ).toEqual([
      [`ngo-${fnv1a64('05.03.2024\u001fКурахове\u001fОбстріл')}`, 'explosion_impact', [37.2833, 47.9833]],
      [expect.stringMatching(/^ngo-[0-9a-f]{16}$/), 'explosion_impact', [36.2304, 49.9935]],
    ]);
    expect(rejected.map((r) => [r.row, r.field])).toEqual([
      [7, 'тип події'],
      [8, 'дата'],
    ]);
    expect(rejected[0]!.reason).toContain(
      "'Невідомо' has no category in the value table for column тип події",
    );
    expect(rejected[1]!.reason).toContain("'31.02.2024' is not a calendar date");
  });

  it('gives the same uid to the same row on every run, and another to another row', async () => {
    const mapping: ImportMapping = {
      fields: { source_kind: { value: 'osint' }, source_id: { value: 's' }, nation: { value: 'UKR' } },
      uidFrom: ['start', 'lng', 'lat'],
    };
    const csv =
      'start,category,lng,lat\n2026-11-26T10:00:00Z,other,37,48\n2026-11-26T10:00:00Z,other,37,48.1\n';
    const first = await read(csv, { mapping });
    const second = await read(csv, { mapping });
    expect(first.accepted.map((o) => o.uid)).toEqual(second.accepted.map((o) => o.uid));
    expect(new Set(first.accepted.map((o) => o.uid)).size).toBe(2);
  });

  it('reads UTF-16 with its byte order mark, and refuses bytes that are not the encoding given', async () => {
    const csv =
      'uid,source_kind,source_id,nation,start,category,lng,lat\nu-1,patrol,p,FRA,2026-11-26T10:00:00Z,other,37,48\n';
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...csv].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect((await read([utf16])).accepted.map((o) => o.uid)).toEqual(['u-1']);
    const broken = await read([windows1251('uid;Дата\n')], { encoding: 'utf-8' });
    expect(broken.rejected).toEqual([
      expect.objectContaining({
        field: 'file',
        refused: true,
        reason: expect.stringContaining('--encoding windows-1251'),
      }),
    ]);
    const unknown = await read([new Uint8Array([65])], { encoding: 'klingon' });
    expect(unknown.rejected[0]).toMatchObject({
      field: 'file',
      reason: expect.stringContaining("'klingon' is not a text encoding"),
    });
  });

  it('refuses a file whose header is not within the first rows, naming the first row', async () => {
    const text = `${Array.from({ length: 12 }, (_, i) => `title ${i}`).join('\n')}\nuid,source_kind\n`;
    const { rejected } = await read(text);
    expect(rejected).toEqual([expect.objectContaining({ row: 1, refused: true })]);
  });

  it('maps GeoJSON properties of other names', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'f-1',
          geometry: { type: 'Point', coordinates: [37.5, 48.2] },
          properties: { Date: '26.11.2026', Kind: 'Shelling', Team: 'obs-3' },
        },
      ],
    });
    const mapping: ImportMapping = {
      fields: {
        source_kind: { value: 'patrol' },
        source_id: { column: 'team' },
        nation: { value: 'FRA' },
        start: { column: 'date' },
        category: { column: 'kind', values: { shelling: 'explosion_impact' } },
      },
      zone: KYIV,
    };
    const report = await collectImport(readGeoJsonObservations(geojson, { reportedAtMs: AT, mapping }));
    expect(report.rejected).toEqual([]);
    expect(report.accepted[0]).toMatchObject({
      uid: 'f-1',
      category: 'explosion_impact',
      source: { id: 'obs-3' },
      time: { startMs: Date.UTC(2026, 10, 25, 22) },
    });
  });

  it('lists every problem of a preset, each with its path', () => {
    const parsed = parseImportPreset({
      name: '',
      format: 'pdf',
      mapping: {
        fields: {
          when: { column: 'x' },
          start: { column: 'a', value: 'b' },
          category: { column: 'c', values: { a: 1 } },
        },
        zone: 'Mars/Olympus',
        dateOrder: 'ymd',
        extra: true,
      },
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      'name: must be a non-empty string',
      'format: must be one of csv, geojson, xlsx',
      'mapping.extra: unknown; known: fields, uidFrom, uidPrefix, zone, dateOrder',
      expect.stringContaining('mapping.fields.when: not a field of the generic layout'),
      'mapping.fields.start: give either {"column": "…"} or {"value": "…"}',
      'mapping.fields.category.values.a: must be a string',
      "mapping.zone: 'Mars/Olympus' is not a time zone; write e.g. Europe/Kyiv or UTC",
      'mapping.dateOrder: must be dmy or mdy',
    ]);
  });

  it('never throws on hostile mappings or hostile files read through a mapping', async () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseImportPreset(value);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) mappingProblems(value, 'm');
      }),
      { numRuns: 500 },
    );
    const mapping: ImportMapping = {
      fields: {
        start: { column: 'date' },
        category: { column: 'kind', values: { a: 'other', '*': 'other' } },
      },
      uidFrom: ['date', 'kind'],
      zone: KYIV,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom('date', 'kind', ';', ',', '"', '\n', '\r', '05.03.2024', 'a', 'x', '\u0000', 'Є'),
          {
            maxLength: 40,
          },
        ),
        async (parts) => {
          const report = await read(parts.join(''), { mapping });
          expect(report.rowsRead).toBeGreaterThanOrEqual(report.rejected.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Windows-1251 bytes of a text of ASCII and Ukrainian letters (TextEncoder writes only UTF-8). */
function windows1251(text: string): Uint8Array {
  const special: Record<string, number> = {
    Є: 0xaa,
    є: 0xba,
    І: 0xb2,
    і: 0xb3,
    Ї: 0xaf,
    ї: 0xbf,
    Ґ: 0xa5,
    ґ: 0xb4,
  };
  return new Uint8Array(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80) return code;
      if (special[c] !== undefined) return special[c];
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no Windows-1251 byte for ${c}`);
    }),
  );
}
