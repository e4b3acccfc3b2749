import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuarantorDatabase } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { sharedData } from '../../../test/support/shared-data.ts';
import { importObservations, writeRejects } from './import.ts';

const UCDP_FILE = sharedData('events/ucdp_ged_ukraine_2014-2022.csv', 'the CLI import of the real UCDP file');
const UCDP = UCDP_FILE.path;
const AT = Date.parse('2026-11-27T08:00:00Z');

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
      const options = { format: 'csv', label: { kind: 'COALITION' }, reportedAtMs: AT } as const;
      const first = await importObservations(database.db, file, options);
      expect(first).toMatchObject({ rowsRead: 4, stored: 2 });
      expect(first.rejected.map((r) => [r.row, r.field])).toEqual([
        [3, 'category'],
        [4, 'lat'],
      ]);
      const again = await importObservations(database.db, file, options);
      expect(again).toMatchObject({ stored: 0, unchanged: 2 });
      // A rerun a day later (the CLI stamps each run's report time) still changes nothing: no
      // row is replaced, and none is handed back to fusion (issue 12, finding 9).
      await sql`update observation set fused = true where uid like 'csv-%'`.execute(database.db);
      const later = await importObservations(database.db, file, {
        ...options,
        reportedAtMs: AT + 86_400_000,
      });
      expect(later).toMatchObject({ stored: 0, replaced: 0, unchanged: 2 });
      const unfused = await sql<{ n: number }>`
        select count(*)::int as n from observation where uid like 'csv-%' and not fused`.execute(database.db);
      expect(unfused.rows[0]!.n).toBe(0);
      // A row that did change is replaced, and goes back to fusion.
      writeFileSync(file, readFileSync(file, 'utf8').replace('37.51,48.2,100', '37.52,48.2,100'));
      const changed = await importObservations(database.db, file, {
        ...options,
        reportedAtMs: AT + 2 * 86_400_000,
      });
      expect(changed).toMatchObject({ stored: 0, replaced: 1, unchanged: 1 });
      writeRejects(join(dir, 'rejects.csv'), first.rejected);
      expect(readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\n')[0]).toBe('row,uid,field,reason');
    });

    it.skipIf(UCDP_FILE.skip)('imports the real UCDP GED file through the CLI code path', async () => {
      const before = await count();
      let progress = 0;
      const summary = await importObservations(database.db, UCDP, {
        format: 'ucdp',
        nation: 'UKR',
        label: { kind: 'COALITION' },
        reportedAtMs: AT,
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
      });
      expect(rerun).toMatchObject({ stored: 0, replaced: 0, unchanged: summary.stored });
    });
  });
}
