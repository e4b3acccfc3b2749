import { readFileSync } from 'node:fs';
import { seedDemoZones } from '@guarantor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url),
  'utf8',
);

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the public transparency page on ${engine.name}`, () => {
    let h: ApiHarness;
    const anon = (url: string, headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['deu-finance', 'DEU', ['finance']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
      await seedDemoZones(h.database.db, NOW);
      const xml = (user: string, url: string, body: string) =>
        h.sendRaw(user, 'POST', url, body, 'application/xml');
      // PUBLIC: the example fund; COALITION and NATIONAL copies under other donor codes must not show.
      expect(
        (await xml('deu-finance', '/api/finance/import/iati?source=pub&releasability=PUBLIC', FIXTURE))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await xml(
            'deu-finance',
            '/api/finance/import/iati?source=coa',
            FIXTURE.replaceAll('XM-EXAMPLE-', 'XM-HIDDEN-COA-'),
          )
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await xml(
            'fra-staff',
            '/api/finance/import/iati?source=nat&releasability=NATIONAL%20FRA',
            FIXTURE.replaceAll('XM-EXAMPLE-', 'XM-HIDDEN-NAT-'),
          )
        ).statusCode,
      ).toBe(200);
      // A released rule and a released day with two verified violations in one sector; a
      // COALITION day with ten more in the same sector must not count.
      const db = h.database.db;
      await db
        .insertInto('phase_rule')
        .values({
          id: 'public-daily-limit',
          version: 1,
          title: 'at most 5 a day',
          text: 'every sector: verified violations per day <= 5 for 7 consecutive days',
          active: true,
          created_by: 'test',
          created_at: NOW,
          rel_kind: 'PUBLIC',
          rel_nations: [],
        })
        .execute();
      const day = (n: number, verification: string, id: string) =>
        Array.from({ length: n }, (_, k) => ({
          id: `${id}-${k}`,
          category: 'explosion_impact',
          verification,
          count: 1,
          zones: [],
        }));
      await db
        .insertInto('sector_day_fact')
        .values([
          {
            sector: 'sector-zaporizhzhia',
            day: '2026-11-26',
            monitored: true,
            incidents: JSON.stringify(day(2, 'verified', 'pub')),
            rel_kind: 'PUBLIC',
            rel_nations: [],
          },
        ])
        .execute();
      await db
        .insertInto('sector_day_fact')
        .values({
          sector: 'sector-zaporizhzhia',
          day: '2026-11-25',
          monitored: true,
          incidents: JSON.stringify(day(10, 'verified', 'coa')),
          rel_kind: 'COALITION',
          rel_nations: [],
        })
        .execute();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('answers without a login, with PUBLIC records only, the same for a signed-in reader', async () => {
      const res = await anon('/api/public/transparency');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.byDonor.map((d: { key: string }) => d.key)).toEqual(['XM-EXAMPLE-1']);
      expect(res.body).not.toContain('HIDDEN');
      expect(page.byDonor[0]).toMatchObject({
        name: 'Example Reconstruction Fund',
        promised: '10000000.00',
        delivered: '4000000.50',
        ratio: '0.4000',
      });
      // USD flows of 2026 have no loaded rate here: counted as unconverted, not guessed.
      expect(page.unconverted).toBeGreaterThan(0);
      expect(page.bySector[0]).toMatchObject({ key: '23630', name: 'Energy distribution (23630)' });
      // Signed in as France, the page is still the public's.
      expect((await h.get('fra-staff', '/api/public/transparency')).body).toBe(res.body);
    });

    it('shows each sector judged by the released rule, with daily verified violations from released days only', async () => {
      const page = (await anon('/api/public/transparency')).json();
      expect(page.rulesReleased).toBe(1);
      const zap = page.sectors.find((s: { sector: string }) => s.sector === 'sector-zaporizhzhia');
      expect(zap.name).toMatch(/Zaporizhzhia/);
      expect(zap.status).not.toBeNull();
      const byDate = Object.fromEntries(
        zap.days.map((d: { date: string; verifiedViolations: number }) => [d.date, d.verifiedViolations]),
      );
      expect(byDate['2026-11-26']).toBe(2);
      expect(byDate['2026-11-25']).toBe(0);
      expect(zap.days).toHaveLength(30);
    });

    it('lists the missions and contributions the coalition released, monitoring teams counted', async () => {
      const { patrols } = (await anon('/api/public/transparency')).json();
      expect(patrols.missions.map((m: { id: string }) => m.id)).toEqual([
        'coordination-cell-paris',
        'multinational-force-ukraine',
        'truce-monitoring-mechanism',
      ]);
      expect(
        patrols.missions.find((m: { id: string }) => m.id === 'truce-monitoring-mechanism').leadNation,
      ).toBe('United States of America');
      // The demo's offers are all COALITION or narrower: none released.
      expect(patrols.contributions).toEqual([]);
      expect(patrols.monitoringTeamsDeployed).toBe(0);
    });

    it('sends an ETag and Cache-Control, and 304 without a body on If-None-Match', async () => {
      const first = await anon('/api/public/transparency');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      const again = await anon('/api/public/transparency', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const weak = await anon('/api/public/transparency', { 'if-none-match': `"other", W/${etag}` });
      expect(weak.statusCode).toBe(304);
      const stale = await anon('/api/public/transparency', { 'if-none-match': '"something-else"' });
      expect(stale.statusCode).toBe(200);
    });

    it('offers the data behind every chart as CSV and JSON', async () => {
      for (const chart of ['donors', 'sectors', 'ceasefire', 'patrols']) {
        const json = await anon(`/api/public/${chart}.json`);
        expect(json.statusCode).toBe(200);
        expect(json.json()).toMatchObject({ chart, asOf: '2026-11-27', columns: expect.any(Array) });
        const csv = await anon(`/api/public/${chart}.csv`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.body.startsWith(`\ufeff${json.json().columns.join(',')}`)).toBe(true);
        expect(csv.body.split('\r\n').length - 2).toBe(json.json().rows.length);
        expect(csv.body).not.toContain('HIDDEN');
      }
    });

    it('renders the page as HTML without a login: names in words, print styles, downloads, nothing hidden', async () => {
      const res = await anon('/public');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Example Reconstruction Fund');
      expect(res.body).toContain('€10.0 million promised, €4.0 million delivered (40%)');
      expect(res.body).toContain('@media print');
      expect(res.body).toContain('name="viewport"');
      expect(res.body).toContain('href="/api/public/donors.csv"');
      expect(res.body).toContain('type="application/feed+json"');
      expect(res.body).not.toContain('HIDDEN');
      expect(res.body).not.toContain('<script');
      const again = await anon('/public', { 'if-none-match': res.headers.etag as string });
      expect(again.statusCode).toBe(304);
    });

    it('publishes a JSON Feed 1.1 of released changes', async () => {
      const res = await anon('/api/public/feed.json');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/feed+json');
      const feed = res.json();
      expect(feed).toMatchObject({
        version: 'https://jsonfeed.org/version/1.1',
        title: expect.any(String),
        feed_url: expect.stringMatching(/\/api\/public\/feed\.json$/),
      });
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item).toEqual({
          id: expect.any(String),
          title: expect.any(String),
          content_text: expect.any(String),
          date_published: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          url: expect.any(String),
          tags: [expect.any(String)],
        });
      }
      expect(new Set(feed.items.map((i: { id: string }) => i.id)).size).toBe(feed.items.length);
      expect(feed.items[0].title).toBe('Finance records published: IATI activity file');
      expect(res.body).not.toContain('coa@DEU');
      expect(res.body).not.toContain('nat@FRA');
    });
  });

  // The cache is the server's, not the database's: one engine shows it (and none is skipped).
  if (engine.name === 'pglite')
    describe.skipIf(engine.skip)(`the public page's cache on ${engine.name}`, () => {
      let h: ApiHarness;
      beforeAll(async () => {
        h = await openApiHarness(engine, {
          now: NOW,
          seed: false,
          users: [['deu-finance', 'DEU', ['finance']]],
          env: { PUBLIC_CACHE_SECONDS: '600' },
        });
      });
      afterAll(async () => {
        await h?.close();
      });

      it('answers from the cache until it goes stale, with the same ETag', async () => {
        const before = await h.app.inject({ method: 'GET', url: '/api/public/transparency' });
        expect(before.json().byDonor).toEqual([]);
        expect(before.headers['cache-control']).toBe('public, max-age=600, stale-while-revalidate=1200');
        await h.sendRaw(
          'deu-finance',
          'POST',
          '/api/finance/import/iati?source=pub&releasability=PUBLIC',
          FIXTURE,
          'application/xml',
        );
        const after = await h.app.inject({ method: 'GET', url: '/api/public/transparency' });
        expect(after.headers.etag).toBe(before.headers.etag);
        expect(after.json().byDonor).toEqual([]);
      });
    });
}
