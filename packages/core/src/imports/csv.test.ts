import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvObservations } from './csv.ts';
import { collectImport, type ImportInput, type ImportProgress } from './input.ts';

const HEADER =
  'uid,source_kind,source_id,nation,start,end,category,count,lng,lat,radius_m,observer_lng,observer_lat,bearing_deg,spread_deg,min_distance_m,max_distance_m,remarks';
const POINT =
  'p-1,patrol,team-7,FRA,2026-11-26T10:00:00Z,2026-11-26T10:20:00Z,explosion_impact,48,37.8,48.6,500,,,,,,,';
const BEARING =
  'b-1,acoustic,mic-3,usa,2026-11-26T10:05:00+02:00,,explosion_undetermined,,,,,37.7,48.5,22.5,7.5,2000,7000,heard NNE';
const reportedAtMs = Date.UTC(2026, 10, 27);

const importCsv = (input: ImportInput, onProgress?: (p: ImportProgress) => void) =>
  collectImport(readCsvObservations(input, { reportedAtMs, ...(onProgress ? { onProgress } : {}) }));
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const rejectedOf = async (...rows: string[]) => (await importCsv(csv(...rows))).rejected;

describe('readCsvObservations, generic layout', () => {
  it('reads point and bearing rows', async () => {
    const report = await importCsv(csv(POINT, BEARING));
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toEqual([
      {
        uid: 'p-1',
        source: { kind: 'patrol', id: 'team-7', nation: 'FRA' },
        time: { startMs: Date.UTC(2026, 10, 26, 10), endMs: Date.UTC(2026, 10, 26, 10, 20) },
        category: 'explosion_impact',
        count: 48,
        location: { kind: 'point', position: [37.8, 48.6], radiusM: 500 },
        reportedAtMs,
      },
      {
        uid: 'b-1',
        source: { kind: 'acoustic', id: 'mic-3', nation: 'USA' },
        time: { startMs: Date.UTC(2026, 10, 26, 8, 5), endMs: Date.UTC(2026, 10, 26, 8, 5) },
        category: 'explosion_undetermined',
        count: 1,
        location: {
          kind: 'bearing',
          observer: [37.7, 48.5],
          bearingDeg: 22.5,
          spreadDeg: 7.5,
          minDistanceM: 2000,
          maxDistanceM: 7000,
        },
        reportedAtMs,
        remarks: 'heard NNE',
      },
    ]);
  });

  it('takes a BOM, CRLF, quoted commas, quotes and line breaks, and extra columns', async () => {
    const text = `\uFEFF${HEADER},notes\r\n${POINT.replace(/,$/, ',"Обстріл, ""heavy""\r\nsecond line"')},x\r\n${BEARING.replace('p-1', 'p-2')},y\r\n`;
    const report = await importCsv(text);
    expect(report.rejected).toEqual([]);
    expect(report.accepted[0]?.remarks).toBe('Обстріл, "heavy"\r\nsecond line');
    expect(report.accepted).toHaveLength(2);
  });

  it('rejects a row with a quote that never closes and reads on from the next line', async () => {
    const report = await importCsv(csv(POINT, 'p-2,patrol,"team,FRA,2026-11-26T10:00:00Z', BEARING));
    expect(report.rejected).toEqual([
      { ok: false, row: 3, field: 'row', reason: 'a quote opened in column 3 on line 3 is never closed' },
    ]);
    expect(report.accepted.map((o) => o.uid)).toEqual(['p-1', 'b-1']);
  });

  it('rejects text after a closing quote, short rows and huge rows, keeping the rest', async () => {
    const huge = POINT.replace('p-1', 'p-9').replace(/,$/, `,${'x'.repeat(70_000)}`);
    const report = await importCsv(csv(`"p-2"x,${POINT.slice(4)}`, 'p-3,patrol,team-7', huge, BEARING));
    expect(report.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [2, 'row', 'text after the closing quote in column 1'],
      [3, 'row', 'has 3 fields, the header has 18; check for unquoted delimiters'],
      [4, 'row', 'row longer than 65536 characters'],
    ]);
    expect(report.accepted.map((o) => o.uid)).toEqual(['b-1']);
  });

  it.each([
    [
      'start',
      POINT.replace('2026-11-26T10:00:00Z', '26/11/2026'),
      'has no time zone; give one (--zone Europe/Kyiv)',
    ],
    ['start', POINT.replace('2026-11-26T10:00:00Z', '2026-02-30T10:00:00Z'), 'is not a calendar date'],
    ['start', POINT.replace('2026-11-26T10:00:00Z', '2026-11-26T10:00:00'), 'has no time zone'],
    ['end', POINT.replace('2026-11-26T10:20:00Z', '2026-11-26T09:00:00Z'), 'before it starts'],
    ['lat', POINT.replace('48.6', '95'), '95 is outside [-90, 90] degrees of latitude'],
    ['lng', POINT.replace('37.8', '"37,8"'), "'37,8' is not a number; write decimals with a dot"],
    ['category', POINT.replace('explosion_impact', 'shelling'), "'shelling' is not one of"],
    ['count', POINT.replace(',48,', ',0,'), '0 is outside [1,'],
    ['count', POINT.replace(',48,', ',2.5,'), 'must be an integer'],
    ['nation', POINT.replace('FRA', 'France'), 'is not ISO 3166-1 alpha-3'],
    ['source_kind', POINT.replace('patrol', 'rumour'), "'rumour' is not one of"],
    ['uid', POINT.replace('p-1', ''), 'is required'],
    ['radius_m', POINT.replace(',500,', ',-5,'), 'outside'],
    ['location', POINT.replace(',,,,,,,', ',37.7,48.5,22.5,7.5,2000,7000,'), 'not both'],
    ['lng', POINT.replace('37.8,48.6,500', ',,'), 'no location'],
    ['spread_deg', BEARING.replace(',7.5,', ',120,'), 'outside [0, 89]'],
  ])('rejects a bad %s, naming the column', async (field, row, reason) => {
    const [rejection, ...more] = await rejectedOf(row);
    expect(more).toEqual([]);
    expect(rejection).toMatchObject({ row: 2, field });
    expect(rejection?.reason).toContain(reason);
  });

  it('rejects a repeated uid', async () => {
    expect(await rejectedOf(POINT, POINT)).toEqual([
      { ok: false, row: 3, field: 'uid', reason: "'p-1' repeats row 2" },
    ]);
  });

  it('refuses a header without the required columns, or no header at all', async () => {
    expect(await importCsv('uid,lng,lat\np-1,37.8,48.6\n')).toMatchObject({
      rowsRead: 1,
      accepted: [],
      rejected: [
        { row: 1, field: 'source_kind', reason: expect.stringContaining('lacks source_kind, source_id') },
      ],
    });
    expect((await importCsv('')).rejected).toMatchObject([{ row: 1, field: 'header' }]);
    expect((await importCsv(HEADER.replace('remarks', 'uid'))).rejected).toMatchObject([
      { field: 'header', reason: "column 'uid' appears twice" },
    ]);
  });

  it('reads the same from chunks split anywhere, mid-character and mid-CRLF included', async () => {
    const text =
      `\uFEFF${csv(POINT.replace(/,$/, ',"Обстріл, ""важкий""\r\nдругий"'), BEARING, 'p-3,x')}`.replaceAll(
        '\n',
        '\r\n',
      );
    const bytes = Buffer.from(text);
    const whole = await importCsv(text);
    expect(whole.accepted).toHaveLength(2);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        async (sizes) => {
          async function* chunks() {
            for (let at = 0, i = 0; at < bytes.length; at += sizes[i++ % sizes.length]!) {
              yield bytes.subarray(at, at + sizes[i % sizes.length]!);
            }
          }
          expect(await importCsv(chunks())).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports progress every 1,000 rows and at the end', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => POINT.replace('p-1', `p-${i}`));
    const text = csv(...rows);
    const seen: ImportProgress[] = [];
    const report = await importCsv(text, (p) => seen.push(p));
    expect(report.accepted).toHaveLength(2500);
    expect(seen.map((p) => p.rowsRead)).toEqual([1000, 2000, 2500]);
    expect(seen.at(-1)?.bytesRead).toBe(Buffer.byteLength(text));
  });

  it('never throws on random input and counts every row it read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (body) => {
        const report = await importCsv(`${HEADER}\n${body}`);
        expect(report.rowsRead).toBe(report.accepted.length + report.rejected.length);
      }),
      { numRuns: 300 },
    );
  });
});
