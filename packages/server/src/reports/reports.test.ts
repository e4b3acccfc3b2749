import { writeFileSync } from 'node:fs';
import type { AccountLine } from '@guarantor/core/monitoring';
import {
  asReader,
  computeViolations,
  type GuarantorDatabase,
  insertUser,
  readDemoScenario,
  seedDemoZones,
  seedScenario,
  type UserRole,
} from '@guarantor/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { pdfToText } from '../../../../test/support/pdf.ts';
import { insertFixtureIncidents } from '../../../../test/support/zones.ts';
import { createApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const PASSWORD = 'correct horse battery staple';
const DAY = '2026-11-26';
const PREV = '2026-11-25';
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
/** Set GUARANTOR_REPORT_OUT=/tmp/x to keep the rendered reports for a look. */
const OUT = process.env.GUARANTOR_REPORT_OUT;

// Points inside the illustrative zones: on the line (buffer, withdrawal zones) in each sector.
const KUPIANSK = [37.65, 49.71] as const; // North / Kharkiv
const SIVERSK = [38.08, 48.86] as const; // Luhansk–Donetsk North
const POKROVSK = [37.2, 48.3] as const; // Donetsk South
const ORIKHIV = [35.8, 47.52] as const; // Zaporizhzhia
const KHERSON = [32.6, 46.62] as const; // Kherson / Dnipro
const KYIV = [30.52, 50.45] as const; // far from every zone

/** inc-d1's account as the fusion engine stores it (core's account.ts), put in words in the report's language. */
const D1_ACCOUNT: readonly AccountLine[] = [
  { kind: 'opens', uid: 'd1-a@USA' },
  {
    kind: 'join',
    uid: 'd1-b@USA',
    via: 'd1-a@USA',
    rule: 'compatible_category',
    categories: ['explosion_undetermined', 'explosion_impact'],
    geometry: 'disc-disc',
    distanceM: 1250,
    toleranceM: 2000,
    gapMs: 90_000,
    toleranceMs: 600_000,
  },
  { kind: 'corroborated', sources: 2 },
];

const INCIDENTS = [
  // 26 November
  {
    id: 'inc-d1',
    category: 'explosion_impact',
    state: 'verified',
    position: POKROVSK,
    start: at(DAY, 6),
    count: 12,
  },
  {
    id: 'inc-d2',
    category: 'burst_and_shots',
    state: 'corroborated',
    position: POKROVSK,
    start: at(DAY, 7),
    count: 3,
  },
  {
    id: 'inc-d3',
    category: 'heavy_weapon_sighting',
    state: 'reported',
    position: ORIKHIV,
    start: at(DAY, 9),
  },
  { id: 'inc-d4', category: 'fom_restriction', state: 'verified', position: KYIV, start: at(DAY, 10) },
  { id: 'inc-d5', category: 'fom_restriction', state: 'reported', position: KHERSON, start: at(DAY, 11) },
  {
    id: 'inc-d6',
    category: 'explosion_impact',
    state: 'dismissed',
    position: SIVERSK,
    start: at(DAY, 12),
    count: 40,
  },
  { id: 'inc-d7', category: 'uav_overflight', state: 'reported', position: KUPIANSK, start: at(DAY, 13) },
  {
    id: 'inc-usa-only',
    category: 'explosion_impact',
    state: 'attributed',
    position: KUPIANSK,
    start: at(DAY, 14),
    count: 5,
    relKind: 'NATIONAL',
    relNations: ['USA'],
  },
  // 25 November
  {
    id: 'inc-p1',
    category: 'explosion_impact',
    state: 'verified',
    position: POKROVSK,
    start: at(PREV, 6),
    count: 2,
  },
  {
    id: 'inc-p2',
    category: 'explosion_impact',
    state: 'reported',
    position: KUPIANSK,
    start: at(PREV, 8),
    count: 4,
  },
] as const;

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`zones and reports over HTTP on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    let app: FastifyInstance;
    const cookies = new Map<string, { cookie: string; csrf: string }>();
    const get = (user: string, url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)!.cookie } });
    const send = (user: string, method: 'POST' | 'PUT', url: string, payload: unknown) =>
      app.inject({
        method,
        url,
        headers: {
          cookie: cookies.get(user)!.cookie,
          'x-csrf-token': cookies.get(user)!.csrf,
          'content-type': 'application/json',
        },
        payload: JSON.stringify(payload),
      });

    beforeAll(async () => {
      database = await engine.open();
      await seedScenario(database.db, readDemoScenario(), NOW);
      await seedDemoZones(database.db, NOW);
      await insertFixtureIncidents(
        database.db,
        INCIDENTS.map((i) => ({ ...i, explanation: i.id === 'inc-d1' ? D1_ACCOUNT : ['joined by a test'] })),
      );
      const config = loadConfig({
        LOG_LEVEL: process.env.GUARANTOR_TEST_LOG ?? 'silent',
        WEB_DIR: '/nonexistent',
      });
      app = await createApp({ database, clock: { now: () => NOW }, config });
      const passwordHash = await hashPassword(PASSWORD);
      const users: [string, string, UserRole[]][] = [
        ['fra-staff', 'FRA', ['cell_staff', 'analyst']],
        ['usa-analyst', 'USA', ['analyst', 'monitor']],
        ['fra-liaison', 'FRA', ['liaison']],
      ];
      for (const [username, nation, roles] of users) {
        await insertUser(
          database.db,
          { username, displayName: username, passwordHash, nation, roles },
          { actor: 'test', nation: null, at: NOW },
        );
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: PASSWORD },
        });
        const c = res.cookies.find((x) => x.name === 'guarantor_session')!;
        cookies.set(username, { cookie: `guarantor_session=${c.value}`, csrf: res.json().csrfToken });
      }
      const down = await send('usa-analyst', 'POST', '/api/sources/status', {
        day: DAY,
        sourceId: 'camera-12',
        sourceKind: 'camera',
        status: 'down',
        sectors: ['sector-donetsk-south'],
        note: 'power cut',
      });
      expect(down.statusCode, down.body).toBe(204);
      for (const sector of ['sector-donetsk-south', 'sector-zaporizhzhia', 'sector-kherson-dnipro']) {
        await send('usa-analyst', 'POST', '/api/sources/status', {
          day: DAY,
          sourceId: `patrol-${sector}`,
          sourceKind: 'patrol',
          status: 'active',
          sectors: [sector],
        });
      }
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('lists the zones as GeoJSON', async () => {
      const res = await get('fra-liaison', '/api/zones?kind=sector');
      expect(res.statusCode).toBe(200);
      expect(res.json().features).toHaveLength(5);
      expect(res.json().features[0].properties).toMatchObject({
        kind: 'sector',
        illustrative: true,
        releasability: 'PUBLIC',
      });
    });

    it('refuses a bad zone file with a 400 naming the feature index and field, and stores nothing', async () => {
      const before = await sql<{ n: number }>`select count(*)::int as n from zone`.execute(database.db);
      const res = await send('fra-staff', 'POST', '/api/zones/import', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'new-sector', kind: 'sector', name: 'New' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [30, 48],
                  [31, 48],
                  [31, 49],
                  [30, 48],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { id: 'bad', kind: 'sector', name: 'Bad' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [30, 48],
                  [31, 48],
                  [31, 95],
                  [30, 48],
                ],
              ],
            },
          },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'zone.invalid',
        field: 'body.features[1].geometry.coordinates[0][2]',
      });
      expect(res.json().error.message).toContain(
        'feature 1, geometry.coordinates[0][2]: latitude 95 is outside [-90, 90]',
      );
      const after = await sql<{ n: number }>`select count(*)::int as n from zone`.execute(database.db);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      // A liaison may not import at all.
      expect(
        (await send('fra-liaison', 'POST', '/api/zones/import', { type: 'FeatureCollection', features: [] }))
          .statusCode,
      ).toBe(403);
    });

    it('counts violations per sector and day as the reader may see them', async () => {
      const usa = await get('usa-analyst', `/api/violations/counts?from=${PREV}&to=${DAY}`);
      const fra = await get('fra-staff', `/api/violations/counts?from=${PREV}&to=${DAY}`);
      const sum = (res: typeof usa, sector: string, date: string) =>
        (res.json().counts as { sector: string; date: string; all: number }[])
          .filter((c) => c.sector === sector && c.date === date)
          .reduce((n, c) => n + c.all, 0);
      expect(sum(usa, 'sector-donetsk-south', DAY)).toBe(15);
      expect(sum(usa, 'sector-north-kharkiv', DAY)).toBe(5);
      expect(sum(fra, 'sector-north-kharkiv', DAY)).toBe(0);
      expect(sum(fra, 'sector-north-kharkiv', PREV)).toBe(4);
      const days = await get('fra-staff', `/api/sector-days?from=${DAY}&to=${DAY}`);
      const south = days
        .json()
        .sectorDays.find((d: { sector: string }) => d.sector === 'sector-donetsk-south');
      expect(south.monitored).toBe(true);
      expect(south.incidents.map((i: { id: string }) => i.id)).toEqual(['inc-d1', 'inc-d2']);
    });

    it('the HTML daily report holds the sector table against the previous day, sources down, and its label', async () => {
      const res = await get('fra-staff', `/api/reports/daily?date=${DAY}&format=html`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const html = res.body;
      if (OUT) writeFileSync(`${OUT}-daily-fra.html`, html);
      expect(html).toContain('<table id="sectors">');
      expect(html).toContain('previous day 25 Nov 2026');
      expect(html).toContain('<html lang="en">');
      const row = (sector: string) => html.match(new RegExp(`<tr data-sector="${sector}">(.*?)</tr>`))![1]!;
      const cells = (sector: string) =>
        [...row(sector).matchAll(/<td class="n[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
      // today all, corroborated, verified; previous all, corroborated, verified; change
      expect(cells('sector-donetsk-south')).toEqual(['15', '15', '12', '2', '2', '2', '+13']);
      expect(cells('sector-north-kharkiv')).toEqual(['0', '0', '0', '4', '0', '0', '−4']);
      expect(row('sector-north-kharkiv')).toContain('no — blind');
      expect(html).toContain('camera-12');
      expect(html).toContain('power cut');
      expect(html).toContain('<table id="categories">');
      expect(html).toContain('inc-d4'); // the movement restriction in Kyiv, outside every sector
      expect(html).not.toContain('inc-d6'); // dismissed
      expect(html).toContain('<svg');
      expect(html.match(/data-label>([^<]*)</)![1]).toBe('COALITION');
      expect(res.headers['x-releasability']).toBe('COALITION');
      // The same numbers the counts API and the evaluator give.
      const direct = await asReader(database.db, { nation: 'FRA', coalitionMember: true }, (trx) =>
        computeViolations(trx, DAY, DAY),
      );
      expect(html).toContain(
        `Monitors recorded ${direct.counts.reduce((n, c) => n + c.all, 0)} ceasefire violations`,
      );
    });

    it('releasability: the French report leaves out the NATIONAL USA incident; the American one holds it and says so', async () => {
      const fra = (await get('fra-staff', `/api/reports/daily?date=${DAY}&format=html`)).body;
      const usa = await get('usa-analyst', `/api/reports/daily?date=${DAY}&format=html`);
      if (OUT) writeFileSync(`${OUT}-daily-usa.html`, usa.body);
      expect(fra).not.toContain('inc-usa-only');
      expect(usa.body).toContain('inc-usa-only');
      expect(usa.headers['x-releasability']).toBe('NATIONAL USA');
      expect(usa.body.match(/data-label>([^<]*)</)![1]).toBe('NATIONAL USA');
      // On the text a reader sees: the raw bytes are compressed glyph codes and never hold the id.
      const fraPdf = pdfToText(
        (await get('fra-staff', `/api/reports/daily?date=${DAY}&format=pdf`)).rawPayload,
      );
      const usaPdf = pdfToText(
        (await get('usa-analyst', `/api/reports/daily?date=${DAY}&format=pdf`)).rawPayload,
      );
      expect(fraPdf).toContain('inc-d1'); // the French PDF lists incidents, so an absence means something
      expect(usaPdf).toContain('inc-usa-only'); // the same check on a PDF that holds the id finds it
      expect(fraPdf).not.toContain('inc-usa-only');
      // Spot reports: 404 for the French, the same answer as for an incident that does not exist.
      const hidden = await get('fra-staff', '/api/reports/spot/inc-usa-only');
      const missing = await get('fra-staff', '/api/reports/spot/inc-nothing');
      expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
      expect(hidden.json().error.message).toBe('no incident inc-usa-only that you may see');
      const spot = await get('usa-analyst', '/api/reports/spot/inc-usa-only?format=html');
      expect(spot.statusCode).toBe(200);
      expect(spot.body).toContain('Explosion or fire inside the buffer zone');
      expect(spot.headers['x-releasability']).toBe('NATIONAL USA');
    });

    it('the PDF daily report is a 3-page PDF; the spot report a 2-page one', async () => {
      const res = await get('usa-analyst', `/api/reports/daily?date=${DAY}&format=pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      if (OUT) writeFileSync(`${OUT}-daily-usa.pdf`, pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = (buf: Buffer) => buf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length;
      expect(pages(pdf)).toBe(3);
      const spot = await get('usa-analyst', '/api/reports/spot/inc-d1?format=pdf');
      if (OUT) writeFileSync(`${OUT}-spot.pdf`, spot.rawPayload);
      expect(spot.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pages(spot.rawPayload)).toBe(2);
    });

    it('speaks Ukrainian and French: ?lang=, else the chosen language, else Accept-Language', async () => {
      // Ukrainian by the query: headings, categories, dates and the oblast from the reference data.
      const uk = await get('fra-staff', `/api/reports/daily?date=${DAY}&lang=uk`);
      if (OUT) writeFileSync(`${OUT}-daily-uk.html`, uk.body);
      expect(uk.headers['content-language']).toBe('uk');
      expect(uk.body).toContain('<html lang="uk">');
      expect(uk.body).toContain('Щоденний звіт — 26 листопада 2026 р.');
      expect(uk.body).toContain('<h2>Порушення за секторами</h2>');
      expect(uk.body).toContain('вибух (влучання)');
      expect(uk.body).toMatch(/Спостерігачі зафіксували \d+ поруш/);
      const row = uk.body.match(/<tr data-incident="inc-d1">(.*?)<\/tr>/)![1]!;
      expect(row).toContain('Донецька область');
      expect(row).toContain('верифіковано');
      // French by the browser's header, English words gone.
      const fr = await app.inject({
        method: 'GET',
        url: `/api/reports/daily?date=${DAY}`,
        headers: { cookie: cookies.get('fra-staff')!.cookie, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
      });
      expect(fr.body).toContain('<html lang="fr">');
      expect(fr.body).toContain('Rapport quotidien — 26 novembre 2026');
      expect(fr.body.match(/<tr data-incident="inc-d1">(.*?)<\/tr>/)![1]).toContain('Donetsk Oblast');

      // The user's chosen language beats the browser's; a bad value is refused naming the field.
      const bad = await send('fra-staff', 'PUT', '/api/session/language', { language: 'de' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('body.language');
      expect((await get('fra-staff', '/api/session')).json().language).toBeNull();
      const set = await send('fra-staff', 'PUT', '/api/session/language', { language: 'uk' });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ language: 'uk' });
      expect((await get('fra-staff', '/api/session')).json().language).toBe('uk');
      const chosen = await app.inject({
        method: 'GET',
        url: `/api/reports/spot/inc-d1?format=html`,
        headers: { cookie: cookies.get('fra-staff')!.cookie, 'accept-language': 'fr' },
      });
      expect(chosen.body).toContain('<html lang="uk">');
      expect(chosen.body).toContain('Донецька область');
      expect(chosen.body).toContain('48,3000° пн. ш., 37,2000° сх. д.');
      // The fusion engine's account, stored as data, in the reader's language (English as it always read).
      expect(chosen.body).toContain(
        '<li>d1-b@USA приєднано до d1-a@USA: сумісна категорія (вибух (невизначений); вибух (влучання)); області розташування (коло й коло) на відстані 1,3 км (допуск 2,0 км); проміжок у часі 2 хв (допуск 10 хв)</li>',
      );
      expect(chosen.body).toContain('<li>підтверджено 2 незалежними джерелами</li>');
      expect(chosen.body).not.toMatch(/opens the incident|joined|apart|independent sources/);
      const frSpot = (await get('fra-staff', '/api/reports/spot/inc-d1?format=html&lang=fr')).body;
      expect(frSpot).toContain('<li>d1-a@USA ouvre l’incident (plus petit uid)</li>');
      expect(frSpot).toContain('distantes de 1,3 km (tolérance 2,0 km)');
      expect(frSpot).toContain('<li>corroboré par 2 sources indépendantes</li>');
      const enSpot = (await get('usa-analyst', '/api/reports/spot/inc-d1?format=html&lang=en')).body;
      expect(enSpot).toContain(
        '<li>d1-b@USA joined d1-a@USA: compatible category (explosion_undetermined, explosion_impact); disc-disc regions 1.3 km apart (tolerance 2.0 km); times 2 min apart (tolerance 10 min)</li>',
      );
      const audit = await sql<{
        action: string;
      }>`select action from audit_log where action = 'user.language'`.execute(database.db);
      expect(audit.rows).toHaveLength(1);

      // PDFs: Noto Sans embedded (not the standard Helvetica, which has no Cyrillic), the words readable.
      const ukPdf = (await get('fra-staff', `/api/reports/daily?date=${DAY}&format=pdf`)).rawPayload;
      const frPdf = (await get('fra-staff', `/api/reports/daily?date=${DAY}&format=pdf&lang=fr`)).rawPayload;
      const spotPdf = (await get('fra-staff', '/api/reports/spot/inc-d1?format=pdf&lang=fr')).rawPayload;
      if (OUT) {
        writeFileSync(`${OUT}-daily-uk.pdf`, ukPdf);
        writeFileSync(`${OUT}-daily-fr.pdf`, frPdf);
        writeFileSync(`${OUT}-spot-fr.pdf`, spotPdf);
        const ukSpot = await get('fra-staff', '/api/reports/spot/inc-d1?format=pdf&lang=uk');
        writeFileSync(`${OUT}-spot-uk.pdf`, ukSpot.rawPayload);
      }
      await send('fra-staff', 'PUT', '/api/session/language', { language: null });
      for (const pdf of [ukPdf, frPdf]) {
        const bytes = pdf.toString('latin1');
        expect(bytes).toContain('/FontFile2');
        expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
        expect(bytes).not.toContain('Helvetica');
      }
      const ukText = pdfToText(ukPdf).replace(/\s+/g, ' ');
      expect(ukText).toContain('Щоденний звіт — 26 листопада 2026 р.');
      expect(ukText).toContain('Донецька область');
      expect(ukText).toContain('Обмеження свободи пересування');
      const frText = pdfToText(frPdf).replace(/\s+/g, ' ');
      expect(frText).toContain('Violations par catégorie');
      expect(frText).toContain('Évolution');
      expect(frText).toContain('Restrictions de la liberté de circulation');
      expect(pdfToText(spotPdf).replace(/\s+/g, ' ')).toContain('Compte rendu d’incident — inc-d1');
    });

    it('counts the incidents inside one sector under the monitoring filters', async () => {
      const counts = await get(
        'fra-staff',
        `/api/zones/sector-donetsk-south/incidents/counts?from=${DAY}T00:00:00Z`,
      );
      expect(counts.json()).toMatchObject({ total: 2, byState: { verified: 1, corroborated: 1 } });
      const usa = await get(
        'usa-analyst',
        `/api/zones/sector-north-kharkiv/incidents/counts?from=${DAY}T00:00:00Z`,
      );
      expect(usa.json().total).toBe(2); // the drone overflight and the NATIONAL USA explosion
      const fra = await get(
        'fra-staff',
        `/api/zones/sector-north-kharkiv/incidents/counts?from=${DAY}T00:00:00Z`,
      );
      expect(fra.json().total).toBe(1);
    });
  });
}
