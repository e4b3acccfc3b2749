/**
 * Keyset paging of the lists that grow (incidents, audit): every row exactly once while rows
 * are stored between pages, ties on the sort key broken by id, and cursors not made by the
 * list refused with request.cursor_invalid on query.cursor.
 */
import { asReader } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`keyset paging on ${engine.name}`, () => {
    let api: ApiHarness;
    /**
     * Incidents `page-{from..to}` straight into the table: every fifth shares its start with
     * its neighbours (ties for the id to break), the others a microsecond apart (one JS
     * millisecond holds several); a third NATIONAL FRA.
     */
    const store = (prefix: string, from: number, to: number, base: string) =>
      sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
          rel_kind, rel_nations)
        select ${prefix} || g, 'explosion_impact', '{explosion_impact}', 'reported', 'reported',
          st_setsrid(st_makepoint(37 + g * 0.0001, 48), 4326), 200, 'point',
          cast(${base} as timestamptz) + ((g / 5) * interval '1 microsecond'), cast(${base} as timestamptz) + interval '1 hour',
          1, 1, 1, 0.7, 1, 1, case when g % 3 = 0 then 'NATIONAL' else 'COALITION' end,
          case when g % 3 = 0 then '{FRA}'::text[] else '{}'::text[] end
        from generate_series(${from}::int, ${to}::int) g`.execute(api.database.db);

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-analyst', 'USA', ['analyst']],
          ['fra-analyst', 'FRA', ['analyst']],
          ['usa-admin', 'USA', ['admin']],
        ],
      });
      await store('page-', 1, 600, '2026-11-20T10:00:00Z');
    });
    afterAll(() => api?.close());

    const page = async (user: string, query: string) => {
      const res = await api.get(user, `/api/incidents?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { incidents: { id: string; start: string }[]; next: string | null };
    };

    it('returns every incident exactly once, in order, while incidents are stored between pages', async () => {
      for (const user of ['usa-analyst', 'fra-analyst']) {
        // What the reader may read, as row-level security decides it.
        const reader = { nation: user.slice(0, 3).toUpperCase(), coalitionMember: true };
        const visible = async () =>
          (
            await asReader(api.database.db, reader, (trx) =>
              trx.selectFrom('incident').select('id').where('merged_into', 'is', null).execute(),
            )
          ).map((r) => r.id);
        const original = await visible();
        expect((await api.get(user, '/api/incidents/counts')).json().total).toBe(original.length);
        const seen: string[] = [];
        let cursor: string | null = null;
        let n = 0;
        do {
          // A newer incident is stored while the page is read, concurrently.
          const [body]: [Awaited<ReturnType<typeof page>>, unknown] = await Promise.all([
            page(user, `limit=37${cursor ? `&cursor=${cursor}` : ''}`),
            store(`during-${user}-${n}-`, 1, 2, '2026-11-26T00:00:00Z'),
          ]);
          seen.push(...body.incidents.map((i) => i.id));
          cursor = body.next;
          // Between pages: newer incidents (before the cursor), older ones (still ahead) and
          // ties with rows already shown; none may make a row repeat or vanish.
          n++;
          await store(`new-${user}-${n}-`, 1, 4, '2026-11-25T00:00:00Z');
          await store(`old-${user}-${n}-`, 1, 2, '2026-11-01T00:00:00Z');
          await store(`tie-${user}-${n}-`, 1, 1, '2026-11-20T10:00:00Z');
        } while (cursor);
        expect(new Set(seen).size, 'no incident twice').toBe(seen.length);
        const shown = new Set(seen);
        expect(
          original.filter((id) => !shown.has(id)),
          'every incident there before paging began',
        ).toEqual([]);
        // Nothing the reader may not read, and nothing that does not exist.
        const now = new Set(await visible());
        expect(seen.filter((id) => !now.has(id))).toEqual([]);
        // Older incidents stored ahead of the cursor are reached too.
        expect(seen.filter((id) => id.startsWith(`old-${user}-1-`)).length).toBeGreaterThan(0);
      }
    });

    it('a page and the next meet without a gap where starts tie (the id breaks the tie)', async () => {
      const all = await page('usa-analyst', 'limit=1000&to=2026-11-21T00:00:00Z&from=2026-11-19T00:00:00Z');
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const body = await page(
          'usa-analyst',
          `limit=3&to=2026-11-21T00:00:00Z&from=2026-11-19T00:00:00Z${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...body.incidents.map((i) => i.id));
        cursor = body.next;
      } while (cursor);
      expect(paged).toEqual(all.incidents.map((i) => i.id));
      expect(all.next).toBeNull();
    });

    it('refuses a malformed or hostile cursor with 400 request.cursor_invalid naming query.cursor', async () => {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const audit = (await api.get('usa-admin', '/api/audit?limit=1')).json().next as string | null;
      for (const cursor of [
        'not a cursor',
        '%00%27%3B--',
        'x'.repeat(5000),
        b64({ incidents: 1 }),
        b64(['incidents']),
        b64(['incidents', '2026-11-20T10:00:00.000000Z']),
        b64(['incidents', '2026-13-45T99:00:00.000000Z', 'page-1']),
        b64(['incidents', "2026-11-20T10:00:00.000000Z'; drop table incident; --", 'page-1']),
        b64(['incidents', '2026-11-20T10:00:00.000000Z', 42]),
        b64(['incidents', '2026-11-20T10:00:00.000000Z', 'x'.repeat(400)]),
        b64(['audit', 5]),
        Buffer.from('["incidents", ').toString('base64url'),
        ...(audit ? [audit] : []),
      ]) {
        const res = await api.get('usa-analyst', `/api/incidents?cursor=${encodeURIComponent(cursor)}`);
        expect(res.statusCode, cursor).toBe(400);
        expect(res.json().error, cursor).toMatchObject({
          code: 'request.cursor_invalid',
          field: 'query.cursor',
        });
      }
      // The incident list's own cursors are not the audit's.
      const first = await page('usa-analyst', 'limit=2');
      const res = await api.get('usa-admin', `/api/audit?cursor=${first.next}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'request.cursor_invalid', field: 'query.cursor' });
      for (const cursor of [
        b64(['audit', -1]),
        b64(['audit', 1.5]),
        b64(['audit', '7']),
        b64(['audit', 1, 2]),
      ]) {
        const bad = await api.get('usa-admin', `/api/audit?cursor=${cursor}`);
        expect(bad.statusCode, cursor).toBe(400);
      }
    });

    it('pages the audit log by cursor, each entry once', async () => {
      const all = (await api.get('usa-admin', '/api/audit?limit=200')).json().entries as { seq: number }[];
      expect(all.length).toBeGreaterThan(3);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await api.get('usa-admin', `/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { entries: { seq: number }[]; next: string | null };
        seen.push(...body.entries.map((e) => e.seq));
        cursor = body.next;
      } while (cursor && seen.length < 400);
      expect(seen).toEqual(all.map((e) => e.seq));
    });
  });
}
