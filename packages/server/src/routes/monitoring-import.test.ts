import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const ACLED = readFileSync(
  resolve(import.meta.dirname, '../../../../test/fixtures/imports/acled-export.csv'),
);

/** The API's file import: a file laid out by others, mapped in the query, every row reported. */
for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`POST /api/observations/import on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['ukr-monitor', 'UKR', ['monitor']],
          ['fra-liaison', 'FRA', ['liaison']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    const send = (username: string, query: string, body: Buffer | string, type = 'text/csv') =>
      h.sendRaw(username, 'POST', `/api/observations/import${query}`, body, type);
    const stored = async () =>
      (
        await sql<{ uid: string; source_nation: string; category: string }>`
          select uid, source_nation, category from observation where uid like 'UKR9%' order by uid`.execute(
          h.database.db,
        )
      ).rows;

    it('refuses an unmapped file as a whole, naming what the header lacks', async () => {
      const res = await send('ukr-monitor', '', ACLED);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'import.refused' });
      expect(res.json().error.message).toContain(
        'the header lacks uid, source_kind, source_id, start, category',
      );
      expect(await stored()).toEqual([]);
    });

    it('stores nothing when a row is rejected, and the others with acceptPartial', async () => {
      const query =
        '?map=uid%3Devent_id_cnty&set=source_kind%3Dosint&map=source_id%3Dsource&map=start%3Devent_date' +
        '&values=category%3Dsub_event_type%3AShelling%2Fartillery%2Fmissile%20attack%3Dexplosion_impact' +
        '&map=lng%3Dlongitude&map=lat%3Dlatitude&zone=Europe%2FKyiv';
      const refused = await send('ukr-monitor', query, ACLED);
      expect(refused.statusCode, refused.body).toBe(400);
      const error = refused.json().error;
      expect(error.code).toBe('import.rows_rejected');
      expect(error.details.rejected.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
      expect(await stored()).toEqual([]);
      const partial = await send('ukr-monitor', `${query}&acceptPartial=true`, ACLED);
      expect(partial.statusCode, partial.body).toBe(200);
      expect(partial.json()).toMatchObject({ rowsRead: 5, stored: 2, replaced: 0, unchanged: 0 });
      expect(partial.json().rejected).toHaveLength(3);
    });

    it("imports through the shipped preset, every row the user's nation, and a rerun changes nothing", async () => {
      const first = await send('ukr-monitor', '?preset=acled', ACLED);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ rowsRead: 5, rejected: [] });
      expect(first.json().stored + first.json().replaced + first.json().unchanged).toBe(5);
      const rows = await stored();
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r) => r.source_nation))).toEqual(new Set(['UKR']));
      const again = await send('ukr-monitor', '?preset=acled', ACLED);
      expect(again.json()).toMatchObject({ stored: 0, replaced: 0, unchanged: 5 });
    });

    it('refuses a file naming another nation row by row, a role that may not, and a bad preset', async () => {
      const csv =
        'uid,source_kind,source_id,nation,start,category,lng,lat\nx-fra-1,patrol,p,FRA,2026-11-20T06:00:00Z,explosion_impact,37.8,48.6\n';
      const foreign = await send('ukr-monitor', '?acceptPartial=true', csv);
      expect(foreign.statusCode, foreign.body).toBe(200);
      expect(foreign.json().rejected[0], foreign.body).toMatchObject({ row: 2 });
      expect(foreign.json().stored).toBe(0);
      expect((await send('fra-liaison', '?preset=acled', ACLED)).statusCode).toBe(403);
      const bad = await send('ukr-monitor', '?preset=..%2F..%2Fetc%2Fpasswd', ACLED);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('query.preset');
    });
  });
}
