/**
 * The exports of every list (issue 20, ADR 0038): each export holds as many rows as its list
 * under the same filters, in every format; CSV is UTF-8 with a byte-order mark, RFC 4180 quoted,
 * formula-safe and keeps Cyrillic; XLSX keeps the exact words as text; a reader of another nation
 * finds nothing of a NATIONAL record in any export. One database per engine.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createApiToken, seedDemoZones } from '@guarantor/db';
import { ConfigError, createApp, loadConfig } from '@guarantor/server';
import { VectorTile } from '@mapbox/vector-tile';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { readableText } from '../../../../test/support/bodies.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { type ExportFormat, LISTS } from '../exports/lists.ts';
import { csvCell } from '../exports/table.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const T = Date.parse('2026-11-26T06:00:00Z');
/** Marks every record made NATIONAL GBR here: no French export may hold it. */
const MARK = 'natmark';
/** A text with all a CSV writer must get right: a comma, quotes, a line break, Cyrillic. */
const TRICKY = `${MARK} "Південь", Запоріжжя\nдругий рядок`;
const FORMULA_STARTS = ['=', '+', '-', '@'] as const;

/** The test base map: Ukraine's first-level units and its neighbours as vector tiles, z0–5 (scripts/make-basemap-fixture.mjs). */
const BASEMAP = resolve(import.meta.dirname, '../../../../test/fixtures/basemap/ukraine.pmtiles');

/** GDAL's ogrinfo, when installed (Debian gdal-bin): the GeoPackage is read as QGIS would. */
const gdal = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const folder = mkdtempSync(join(tmpdir(), 'exports-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The rows of a GeoPackage's feature layers, all layers added up. */
function gpkgRows(bytes: Buffer, name: string): number {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const layers = db.prepare("select table_name from gpkg_contents where data_type = 'features'").all() as {
      table_name: string;
    }[];
    return layers.reduce(
      (sum, { table_name }) =>
        sum + Number((db.prepare(`select count(*) as n from "${table_name}"`).get() as { n: number }).n),
      0,
    );
  } finally {
    db.close();
  }
}

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** Each list and the filters it is exported under; every list of the catalogue has a case. */
const CASES: readonly (readonly [list: string, query: string])[] = [
  ['/api/incidents', ''],
  ['/api/incidents', 'category=explosion_impact'],
  ['/api/incidents/:id/observations', ''],
  ['/api/offers', ''],
  ['/api/offers', 'nation=GBR'],
  ['/api/nations', ''],
  ['/api/requirements', ''],
  ['/api/lead-claims', ''],
  ['/api/lead-claims', 'status=active'],
  ['/api/plans', ''],
  ['/api/sustainment-plans', ''],
  ['/api/orders', ''],
  ['/api/orders', 'state=draft'],
  ['/api/zones', ''],
  ['/api/zones', 'kind=buffer_zone,line_of_contact'],
  ['/api/hubs', ''],
  ['/api/phases/breaches', ''],
  ['/api/phases/truces', ''],
  ['/api/phases/rules', ''],
  ['/api/violation-rules', ''],
  ['/api/decisions', ''],
  ['/api/actions', ''],
  ['/api/actions', 'nation=FRA'],
  ['/api/meetings', ''],
  ['/api/territory/control-areas', ''],
  ['/api/territory/land-options', 'versions=all'],
  ['/api/users', ''],
  ['/api/tokens', ''],
  ['/api/notifications', ''],
  ['/api/cell/notifications', ''],
  ['/api/team-tracks', ''],
  ['/api/team-tracks', 'since=2026-11-27T07:30:00Z'],
  ['/api/finance/security', ''],
  ['/api/finance/breakdown', 'by=region'],
  ['/api/finance/sources', ''],
  ['/api/audit', ''],
  ['/api/audit', 'entity=offer,hub'],
];

const FILLED = new Set([
  '/api/incidents',
  '/api/incidents/:id/observations',
  '/api/offers',
  '/api/nations',
  '/api/requirements',
  '/api/zones',
  '/api/hubs',
  '/api/actions',
  '/api/meetings',
  '/api/phases/truces',
  '/api/users',
  '/api/tokens',
  '/api/notifications',
  '/api/team-tracks',
  '/api/finance/security',
  '/api/audit',
]);

/** Lists only an admin reads: another nation's reader gets 403, not a filtered list. */
const ADMIN_ONLY = new Set(['/api/users', '/api/tokens']);

const formatsFor = (list: (typeof LISTS)[number]): ExportFormat[] =>
  list.geometry ? ['csv', 'xlsx', 'geojson', 'gpkg'] : ['csv', 'xlsx'];

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`list exports on ${engine.name}`, () => {
    let h: ApiHarness;
    let incident = '';
    const path = (list: string) => list.replace(':id', encodeURIComponent(incident));

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        env: { BASEMAP_PMTILES: BASEMAP },
        users: [
          ['usa-admin', 'USA', ['admin', 'analyst', 'cell_staff', 'monitor']],
          ['gbr-liaison', 'GBR', ['liaison']],
          ['gbr-staff', 'GBR', ['cell_staff']],
          ['fra-reader', 'FRA', ['analyst', 'cell_staff', 'liaison', 'monitor', 'finance']],
        ],
      });
      await seedDemoZones(h.database.db, NOW);
      // NATIONAL GBR offers (a liaison's default) whose descriptions start like formulas.
      for (const start of FORMULA_STARTS) {
        const res = await h.post('gbr-liaison', '/api/offers', {
          nation: 'GBR',
          capability: 'monitoring_team',
          quantity: 2,
          daysToDeploy: 10,
          durationDays: 180,
          description: `${start}cmd|' /C calc'!A0 ${TRICKY}`,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const hub = await h.post('gbr-staff', '/api/hubs', {
        name: `Хаб ${MARK}, "Схід"`,
        kind: 'staging',
        nations: ['GBR'],
        sidc: 'SFGPU----------',
        location: [36.23, 49.99],
        releasability: 'NATIONAL GBR',
      });
      expect(hub.statusCode, hub.body).toBe(201);
      // A meeting of the cell and an action it raised; and a NATIONAL GBR meeting.
      for (const [user, releasability, title] of [
        ['usa-admin', 'COALITION', 'Нарада, "сектор Схід"'],
        ['gbr-staff', 'NATIONAL GBR', `${MARK} meeting`],
      ] as const) {
        const m = await h.post(user, '/api/meetings', {
          title,
          startsAt: '2026-11-28T09:00:00Z',
          place: 'Kyiv',
          agenda: ['Sector reports'],
          releasability,
        });
        expect(m.statusCode, m.body).toBe(201);
        const a = await h.post(user, '/api/actions', {
          title: `Report patrol coverage ${title}`,
          ownerNation: 'FRA',
          dueAt: '2026-11-29T12:00:00Z',
          meetingId: m.json().id,
          releasability,
        });
        expect(a.statusCode, a.body).toBe(201);
      }
      // Truce windows: a shared one and a NATIONAL GBR one.
      for (const [user, releasability, site] of [
        ['usa-admin', 'COALITION', 'Насосна станція, "Схід"'],
        ['gbr-staff', 'NATIONAL GBR', `${MARK} substation`],
      ] as const) {
        const truce = await h.post(user, '/api/phases/truces', {
          site,
          location: [37.8, 48.1],
          radiusM: 500,
          start: '2026-11-26T06:00:00Z',
          end: '2026-11-26T18:00:00Z',
          purpose: 'repair crews',
          releasability,
        });
        expect(truce.statusCode, truce.body).toBe(201);
      }
      // Two reports fused into one incident, for an incident's observation list.
      const obs = (uid: string, id: string) => ({
        uid,
        source: { kind: 'patrol', id, nation: 'USA' },
        time: { startMs: T, endMs: T + 60_000 },
        category: 'explosion_impact',
        count: 1,
        location: { kind: 'point', position: [38.0, 48.6], radiusM: 300 },
        reportedAtMs: T + 120_000,
        remarks: `Бахмут, "north"`,
      });
      const posted = await h.post('usa-admin', '/api/observations', {
        observations: [obs('exp-a', 'patrol-1'), obs('exp-b', 'patrol-2')],
      });
      expect(posted.statusCode, posted.body).toBe(200);
      await h.app.monitoring.worker.settled();
      incident = (await h.get('usa-admin', '/api/incidents?limit=1000')).json().incidents[0].id;
      // An API token (the admin's list), and team tracks and notifications: a shared one and a
      // NATIONAL GBR one of each.
      const admin = await h.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'usa-admin')
        .executeTakeFirstOrThrow();
      await createApiToken(h.database.db, admin.id, 'QGIS, "Схід"', { actor: 'test', nation: null, at: NOW });
      for (const [n, label, nations, words] of [
        [0, 'COALITION', [], 'Патруль, "Схід"'],
        [1, 'NATIONAL', ['GBR'], `${MARK} patrol`],
        // Older than the filtered case's `since`: in the list unfiltered only.
        [2, 'PUBLIC', [], 'Патруль 2, "Захід"'],
      ] as const) {
        await sql`insert into team_track (uid, type, callsign, team, role, geom, radius_m, time_at, stale_at,
            source_nation, rel_kind, rel_nations)
          values (${`track-${n}`}, 'a-f-G-U-C', ${words}, 'Cyan', 'Team Member',
            st_setsrid(st_makepoint(${37 + n * 0.1}, 48.2), 4326), 10, ${new Date(NOW.getTime() - (n + 1) * 1_200_000)},
            ${new Date(NOW.getTime() + 600_000)}, ${label === 'NATIONAL' ? 'GBR' : 'USA'}, ${label}, ${nations}::text[])`.execute(
          h.database.db,
        );
        await sql`insert into phase_notification (at, kind, message, reasons, rel_kind, rel_nations)
          values (${NOW}, 'phase_changed', ${words}, '[]'::jsonb, ${label}, ${nations}::text[])`.execute(
          h.database.db,
        );
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    it('has a case for every list it exports', () => {
      expect(new Set(CASES.map(([list]) => list))).toEqual(new Set(LISTS.map((l) => l.list)));
    });

    /** The rows of a list as the screen reads it, every page. */
    const listed = async (user: string, list: (typeof LISTS)[number], query: string): Promise<number> => {
      let count = 0;
      let cursor: string | null = null;
      for (;;) {
        const q = new URLSearchParams(query);
        if (list.pageLimit) q.set('limit', String(list.pageLimit));
        if (cursor) q.set('cursor', cursor);
        const res = await h.get(user, `${path(list.list)}?${q}`);
        expect(res.statusCode, `${list.list}?${q}: ${res.body}`).toBe(200);
        count += list.rows(res.json()).length;
        cursor = list.pageLimit ? res.json().next : null;
        if (!cursor) return count;
      }
    };

    it.each(CASES)('exports %s?%s with as many rows as the list, in every format', async (name, query) => {
      const list = LISTS.find((l) => l.list === name)!;
      const expected = await listed('usa-admin', list, query);
      if (name === '/api/incidents')
        expect((await h.get('usa-admin', `/api/incidents/counts?${query}`)).json().total).toBe(expected);
      // Lists this file fills (the demo scenario, its zones, what beforeAll adds); the others are
      // compared empty here and filled with every label by the access matrix's canaries.
      if (FILLED.has(name)) expect(expected, `${name} has rows to export`).toBeGreaterThan(0);
      for (const format of formatsFor(list)) {
        const res = await h.get('usa-admin', `${path(name)}.${format}?${query}`);
        expect(res.statusCode, `${name}.${format}?${query}: ${res.body.slice(0, 300)}`).toBe(200);
        const rows =
          format === 'csv'
            ? (parse(res.body, { bom: true }) as string[][]).length - 1
            : format === 'xlsx'
              ? (await xlsxRows(res.rawPayload)).length - 1
              : format === 'geojson'
                ? res.json().features.length
                : gpkgRows(res.rawPayload, `${list.name}.gpkg`);
        expect(rows, `${name}.${format}?${query}`).toBe(expected);
      }
    });

    it('refuses an export past the row limit with 413, saying how to narrow it, and sends nothing of it', async () => {
      // The same database, served by an app whose limit is two rows (EXPORT_MAX_ROWS).
      const small = await createApp({
        database: h.database,
        clock: { now: () => NOW },
        config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', EXPORT_MAX_ROWS: '2' }),
      });
      try {
        const get = (url: string, user = 'usa-admin') =>
          small.inject({ method: 'GET', url, headers: { cookie: h.session(user).cookie } });
        const offers = LISTS.find((l) => l.list === '/api/offers')!;
        expect(await listed('usa-admin', offers, '')).toBeGreaterThan(2);
        for (const format of ['csv', 'xlsx', 'geojson', 'gpkg'] as const) {
          const url =
            format === 'geojson' || format === 'gpkg' ? `/api/hubs.${format}` : `/api/offers.${format}`;
          const res = await get(url);
          expect(res.statusCode, url).toBe(413);
          expect(res.headers['content-type'], url).toContain('application/json');
          expect(res.headers['content-disposition'], url).toBeUndefined();
          expect(res.json().error, url).toMatchObject({
            code: 'export.too_large',
            message: expect.stringMatching(
              /more than 2 rows match; narrow the filters .*GET \/api\/(offers|hubs)/,
            ),
          });
          expect(res.body, url).not.toContain(MARK);
        }
        // A paged list stops at the limit too (the audit trail, walked page by page).
        expect((await get('/api/audit.csv')).statusCode).toBe(413);
        // Narrowed under the limit, the same export is given whole.
        const narrowed = await get('/api/offers.csv?nation=NOR');
        const expected = await listed('usa-admin', offers, 'nation=NOR');
        expect(expected).toBeLessThanOrEqual(2);
        expect(narrowed.statusCode, narrowed.body).toBe(200);
        expect((parse(narrowed.body, { bom: true }) as string[][]).length - 1).toBe(expected);
      } finally {
        await small.close();
      }
    });

    it('passes a refused filter or role on as the list answers it', async () => {
      const bad = await h.get('usa-admin', '/api/orders.csv?state=nonsense');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toContain('state');
      expect((await h.get('fra-reader', '/api/users.xlsx')).statusCode).toBe(403);
      expect((await h.get('usa-admin', '/api/incidents/inc-none@USA/observations.csv')).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'GET', url: '/api/offers.csv' })).statusCode).toBe(401);
    });

    it('writes CSV for spreadsheets: BOM, RFC 4180 quoting, Cyrillic kept, formulas neutralised', async () => {
      const res = await h.get('gbr-liaison', '/api/offers.csv?nation=GBR');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="offers.csv"');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(res.body).toContain('\r\n');
      // Quotes doubled inside a quoted field that holds the comma and the line break.
      expect(res.body).toContain(`"'=cmd|' /C calc'!A0 ${MARK} ""Південь"", Запоріжжя\nдругий рядок"`);
      const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
      expect(header).toContain('Days to deploy');
      const description = header!.indexOf('Description');
      const ours = rows.map((r) => r[description]!).filter((d) => d.includes(MARK));
      expect(ours.sort()).toEqual(FORMULA_STARTS.map((s) => `'${s}cmd|' /C calc'!A0 ${TRICKY}`).sort());
      // A number is a number; a text that is only a minus sign's figure stays safe too.
      expect(csvCell(-3)).toBe('-3');
      expect(csvCell('-3')).toBe("'-3");
      expect(csvCell('\tx')).toBe("'\tx");
    });

    it('writes XLSX cells as exact text, never as formulas', async () => {
      const res = await h.get('gbr-liaison', '/api/offers.xlsx?nation=GBR');
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const [header, ...rows] = await xlsxRows(res.rawPayload);
      const description = (header as string[]).indexOf('Description');
      const ours = rows.map((r) => r[description]).filter((d) => String(d).includes(MARK));
      expect(ours.sort()).toEqual(FORMULA_STARTS.map((s) => `${s}cmd|' /C calc'!A0 ${TRICKY}`).sort());
      expect(ours.every((d) => typeof d === 'string')).toBe(true);
    });

    it('writes map layers in WGS 84 with names in words: GeoJSON and GeoPackage', async () => {
      const geojson = (await h.get('gbr-staff', '/api/hubs.geojson')).json();
      const ours = geojson.features.find((f: { properties: { name: string } }) =>
        f.properties.name.includes(MARK),
      );
      expect(ours.geometry).toEqual({ type: 'Point', coordinates: [36.23, 49.99] });
      expect(ours.properties).toMatchObject({
        name: `Хаб ${MARK}, "Схід"`,
        kind: 'staging',
        releasability: 'NATIONAL GBR',
      });
      const gpkg = await h.get('gbr-staff', '/api/hubs.gpkg');
      expect(gpkg.headers['content-type']).toBe('application/geopackage+sqlite3');
      expect(await readableText(gpkg)).toContain(`Хаб ${MARK}, "Схід"`);
      if (gdal) {
        // GDAL (what QGIS reads with) opens it: one point layer, WGS 84, the name as written.
        const file = join(folder, 'hubs-gdal.gpkg');
        writeFileSync(file, gpkg.rawPayload);
        const info = execFileSync('ogrinfo', ['-ro', '-al', file], { encoding: 'utf8' });
        expect(info).toContain('Geometry: Point');
        expect(info).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"/);
        expect(info).toContain(`name (String) = Хаб ${MARK}, "Схід"`);
        expect(info).toContain('POINT (36.23 49.99)');
      }
      const observations = await h.get('usa-admin', `${path('/api/incidents/:id/observations')}.geojson`);
      expect(observations.json().features[0].properties.remarks).toBe('Бахмут, "north"');
    });

    it('shows a reader of another nation nothing of a NATIONAL record, in any export', async () => {
      expect(await readableText(await h.get('gbr-liaison', '/api/offers.csv'))).toContain(MARK);
      expect(await readableText(await h.get('gbr-staff', '/api/hubs.gpkg'))).toContain(MARK);
      for (const list of LISTS.filter((l) => !ADMIN_ONLY.has(l.list)))
        for (const format of formatsFor(list)) {
          const res = await h.get('fra-reader', `${path(list.list)}.${format}`);
          expect(res.statusCode, `${list.list}.${format}: ${res.body.slice(0, 200)}`).toBe(200);
          expect(await readableText(res), `${list.list}.${format}`).not.toContain(MARK);
        }
    });

    it('serves the PMTiles base map: its TileJSON, each tile as the archive holds it, 404 outside', async () => {
      const tilejson = (await h.get('fra-reader', '/api/basemap')).json();
      expect(tilejson).toMatchObject({
        configured: true,
        tileType: 'mvt',
        tiles: ['/api/basemap/{z}/{x}/{y}.mvt'],
        minzoom: 0,
        maxzoom: 5,
        vector_layers: [{ id: 'countries' }, { id: 'units' }],
      });
      const tile = await h.get('fra-reader', '/api/basemap/4/9/5.mvt');
      expect(tile.statusCode).toBe(200);
      expect(tile.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      const units = new VectorTile(new PbfReader(tile.rawPayload)).layers['units']!;
      const names = Array.from({ length: units.length }, (_, i) => units.feature(i).properties['nameUk']);
      expect(names).toContain('Київ');
      for (const outside of ['/api/basemap/5/0/0.mvt', '/api/basemap/6/36/22.mvt', '/api/basemap/4/9/5.png'])
        expect((await h.get('fra-reader', outside)).statusCode, outside).toBe(404);
      expect((await h.get('fra-reader', '/api/basemap/2/9/1.mvt')).statusCode).toBe(404);
      expect((await h.get('fra-reader', '/api/basemap/2/1/x.mvt')).statusCode).toBe(400);
      expect((await h.app.inject({ method: 'GET', url: '/api/basemap/4/9/5.mvt' })).statusCode).toBe(401);
    });
  });
}

describe('the base map setting', () => {
  it('is checked at boot: a missing file or one that is not PMTiles stops it, naming the variable', () => {
    expect(loadConfig({ BASEMAP_PMTILES: BASEMAP }).BASEMAP_PMTILES).toBe(BASEMAP);
    expect(loadConfig({}).BASEMAP_PMTILES).toBeUndefined();
    expect(() => loadConfig({ BASEMAP_PMTILES: '/nonexistent/map.pmtiles' })).toThrow(ConfigError);
    expect(() => loadConfig({ BASEMAP_PMTILES: '/nonexistent/map.pmtiles' })).toThrow(
      /BASEMAP_PMTILES: \/nonexistent\/map.pmtiles: cannot be read \(ENOENT\)/,
    );
    const notTiles = resolve(import.meta.dirname, '../../../../data/places.geojson');
    expect(() => loadConfig({ BASEMAP_PMTILES: notTiles })).toThrow(/is not a PMTiles archive/);
  });
});
