import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvRecords } from '@guarantor/core/imports';
import type { GuarantorDatabase } from '@guarantor/db';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { sharedData } from '../../../test/support/shared-data.ts';
import { importObservations, writeRejects } from './import.ts';
import { loadPreset } from './import-command.ts';

const UCDP_FILE = sharedData('events/ucdp_ged_ukraine_2014-2022.csv', 'the CLI import of the real UCDP file');
const UCDP = UCDP_FILE.path;
const AT = Date.parse('2026-11-27T08:00:00Z');
const ACLED = resolve(import.meta.dirname, '../../../test/fixtures/imports/acled-export.csv');

async function collectCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of csvRecords(text, { bytesRead: 0 }))
    if ('fields' in record) rows.push([...record.fields]);
  return rows;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`guarantor import on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    const dir = mkdtempSync(join(tmpdir(), 'guarantor-import-'));
    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(async () => {
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from observation`.execute(database.db)).rows[0]!
          .n,
      );

    it('imports a generic CSV row by row, reports the rejected rows, and a rerun adds nothing', async () => {
      const file = join(dir, 'events.csv');
      writeFileSync(
        file,
        [
          'uid,source_kind,source_id,nation,start,category,lng,lat,radius_m',
          'csv-1,patrol,p-1,FRA,2026-11-26T06:00:00Z,explosion_impact,37.5,48.2,300',
          'csv-2,patrol,p-1,FRA,2026-11-26T06:00:00Z,shelling,37.5,48.2,300',
          'csv-3,patrol,p-1,FRA,2026-11-26T06:00:00Z,explosion_impact,37.5,95,300',
          'csv-4,camera,c-1,FRA,2026-11-26T06:05:00Z,explosion_impact,37.51,48.2,100',
        ].join('\n'),
      );
      const options = {
        format: 'csv',
        label: { kind: 'COALITION' },
        reportedAtMs: AT,
        acceptPartial: true,
      } as const;
      // Without --accept-partial, a rejected row means nothing is stored.
      const whole = await importObservations(database.db, file, { ...options, acceptPartial: false });
      expect(whole).toMatchObject({ committed: false, refused: false, rowsRead: 4, stored: 0 });
      expect(whole.rejected).toHaveLength(2);
      expect(await count()).toBe(0);
      const first = await importObservations(database.db, file, options);
      expect(first).toMatchObject({ committed: true, rowsRead: 4, stored: 2 });
      expect(first.rejected.map((r) => [r.row, r.field])).toEqual([
        [3, 'category'],
        [4, 'lat'],
      ]);
      const again = await importObservations(database.db, file, options);
      expect(again).toMatchObject({ stored: 0, unchanged: 2 });
      // A rerun a day later (the CLI stamps each run's report time) still changes nothing: no
      // row is replaced, and none is handed back to fusion (issue 12, finding 9).
      await sql`delete from observation_unfused where uid like 'csv-%'`.execute(database.db);
      const later = await importObservations(database.db, file, {
        ...options,
        reportedAtMs: AT + 86_400_000,
      });
      expect(later).toMatchObject({ stored: 0, replaced: 0, unchanged: 2 });
      const unfused = () =>
        sql<{ n: number }>`
          select count(*)::int as n from observation_unfused where uid like 'csv-%'`.execute(database.db);
      expect((await unfused()).rows[0]!.n).toBe(0);
      // A row that did change is replaced, and goes back to fusion.
      writeFileSync(file, readFileSync(file, 'utf8').replace('37.51,48.2,100', '37.52,48.2,100'));
      const changed = await importObservations(database.db, file, {
        ...options,
        reportedAtMs: AT + 2 * 86_400_000,
      });
      expect(changed).toMatchObject({ stored: 0, replaced: 1, unchanged: 1 });
      expect((await unfused()).rows[0]!.n).toBe(1);
      writeRejects(join(dir, 'rejects.csv'), first.rejected);
      expect(readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\n')[0]).toBe('row,uid,field,reason');
    });

    it('imports an ACLED export through its preset, and the same events from an XLSX sheet, each rerun adding nothing', async () => {
      const preset = loadPreset('acled');
      if (preset === 'ucdp') throw new Error('acled is a mapping preset');
      const mapping = { ...preset.mapping, fields: { ...preset.mapping.fields, nation: { value: 'UKR' } } };
      const options = { format: 'csv', mapping, label: { kind: 'COALITION' }, reportedAtMs: AT } as const;
      const first = await importObservations(database.db, ACLED, options);
      expect(first).toMatchObject({ committed: true, rowsRead: 5, stored: 5, rejected: [] });
      expect(
        await importObservations(database.db, ACLED, { ...options, reportedAtMs: AT + 86_400_000 }),
      ).toMatchObject({
        stored: 0,
        replaced: 0,
        unchanged: 5,
      });
      const stored = await sql<{ uid: string; category: string; source_id: string }>`
        select uid, category, source_id from observation where uid like 'UKR9%' order by uid`.execute(
        database.db,
      );
      expect(stored.rows[0]).toMatchObject({
        category: 'explosion_impact',
        source_id: 'Ukrinform; Suspilne',
      });

      // The same layout saved from Excel: a title row, dates as date cells, numbers as numbers.
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('events');
      sheet.addRow(['ACLED export, March 2024']);
      const lines = readFileSync(ACLED, 'utf8').trim().split('\n');
      const header = lines[0]!.split(',');
      sheet.addRow(header);
      const records = await collectCsv(readFileSync(ACLED, 'utf8'));
      for (const record of records.slice(1)) {
        sheet.addRow(
          record.map((cell, i) =>
            header[i] === 'event_date'
              ? new Date(`${cell}T00:00:00Z`)
              : header[i] === 'latitude' || header[i] === 'longitude'
                ? Number(cell)
                : cell,
          ),
        );
      }
      const xlsx = join(dir, 'acled.xlsx');
      await workbook.xlsx.writeFile(xlsx);
      const notices: string[] = [];
      const fromSheet = await importObservations(database.db, xlsx, {
        ...options,
        format: 'xlsx',
        onNotice: (n) => notices.push(n),
      });
      // The sheet holds the same events: every row is already stored, unchanged.
      expect(fromSheet).toMatchObject({ committed: true, rowsRead: 5, stored: 0, replaced: 0, unchanged: 5 });
      expect(notices).toEqual(['the header is on row 2; row 1 above it is skipped']);
      const wrongSheet = await importObservations(database.db, xlsx, {
        ...options,
        format: 'xlsx',
        sheet: 'Sheet9',
      });
      expect(wrongSheet).toMatchObject({ committed: false, refused: true });
      expect(wrongSheet.rejected[0]!.reason).toContain("no sheet 'Sheet9'; its sheets: events");
    });

    it.skipIf(UCDP_FILE.skip)('imports the real UCDP GED file through the CLI code path', async () => {
      const before = await count();
      let progress = 0;
      const summary = await importObservations(database.db, UCDP, {
        format: 'ucdp',
        nation: 'UKR',
        label: { kind: 'COALITION' },
        reportedAtMs: AT,
        acceptPartial: true,
        onProgress: (done) => {
          progress = done;
        },
      });
      expect(summary.rowsRead).toBeGreaterThan(4000);
      expect(summary.stored + summary.rejected.length).toBe(summary.rowsRead);
      expect(await count()).toBe(before + summary.stored);
      expect(progress).toBeGreaterThan(1_000_000);
      const nations = await sql<{
        n: string;
      }>`select distinct source_nation as n from observation where source_kind = 'osint'`.execute(
        database.db,
      );
      expect(nations.rows.map((r) => r.n)).toEqual(['UKR']);
      const rerun = await importObservations(database.db, UCDP, {
        format: 'ucdp',
        nation: 'UKR',
        label: { kind: 'COALITION' },
        reportedAtMs: AT + 3_600_000,
        acceptPartial: true,
      });
      expect(rerun).toMatchObject({ stored: 0, replaced: 0, unchanged: summary.stored });
    });
  });
}

describe('guarantor import as a script sees it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-import-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 for a refused file, 3 for rejected rows, 0 when every row would be stored; saves and reuses a mapping', async () => {
    const refused = await guarantor('import', ACLED, '--dry-run');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('would be refused: the header lacks uid, source_kind');

    // Mapped with flags, one row's type missing from the value table: 4 rows would be stored, but exit 3.
    const preset = join(dir, 'acled-mine.json');
    const flags = [
      '--map',
      'uid=event_id_cnty',
      '--set',
      'source_kind=osint',
      '--map',
      'source_id=source',
      '--map',
      'start=event_date',
      '--values',
      'category=sub_event_type:Shelling/artillery/missile attack=explosion_impact;Air/drone strike=explosion_impact;Armed clash=burst_and_shots',
      '--map',
      'lng=longitude',
      '--map',
      'lat=latitude',
      '--zone',
      'Europe/Kyiv',
      '--nation',
      'UKR',
    ];
    const rejected = await guarantor('import', ACLED, ...flags, '--save-preset', preset, '--dry-run', '2');
    expect(rejected.code).toBe(3);
    expect(rejected.stdout).toContain(
      '5 rows read, 4 would be stored, 1 rejected (without --accept-partial nothing would be stored)',
    );
    expect(rejected.stdout).toContain('row 2: UKR900001 · osint Ukrinform; Suspilne (UKR)');
    expect(rejected.stderr).toContain(
      "row 5: sub_event_type: 'Disrupted weapons use' has no category in the value table for column sub_event_type",
    );
    expect(JSON.parse(readFileSync(preset, 'utf8'))).toMatchObject({
      name: 'acled-mine',
      format: 'csv',
      mapping: { fields: { start: { column: 'event_date' } }, zone: 'Europe/Kyiv' },
    });

    const partial = await guarantor('import', ACLED, '--preset', preset, '--dry-run', '--accept-partial');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('5 rows read, 4 would be stored, 1 rejected');

    const wrong = await guarantor(
      'import',
      ACLED,
      '--preset',
      'acled',
      '--zone',
      'Europe/Kiev-on-Sea',
      '--dry-run',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--zone Europe/Kiev-on-Sea: not a time zone');
  });
});

const guarantor = cli();
