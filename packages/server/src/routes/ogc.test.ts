/**
 * OGC API – Features at /ogc (issue 20): the landing page, conformance and collections; items
 * with bbox, datetime, limit and next links; releasability per reader (anonymous reads PUBLIC
 * only) on every collection; OGC exceptions naming the parameter. Then the real client: GDAL's
 * OAPIF driver lists the collections, reads with a bbox, and ogr2ogr copies the incidents into
 * a GeoPackage holding as many features as the API walks to; with a token in a header a
 * restricted incident appears, and only then.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApiToken, OGC_SQL_LAYERS, seedDemoZones } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { insertFixtureIncidents } from '../../../../test/support/zones.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const gdal = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const gdalSkip = gdal ? undefined : 'GDAL (ogrinfo, Debian gdal-bin) is not installed';
// CI sets GUARANTOR_REQUIRE_GDAL=1: there the client test must run, not skip.
if (gdalSkip && process.env.GUARANTOR_REQUIRE_GDAL === '1')
  throw new Error(`GUARANTOR_REQUIRE_GDAL=1 but ${gdalSkip}`);

/** Forty incidents over the Donbas: 30 PUBLIC, 8 COALITION, 2 NATIONAL USA. */
const incidents = Array.from({ length: 40 }, (_, n) => ({
  id: `inc-ogc-${String(n).padStart(2, '0')}@USA`,
  category: n % 2 ? 'explosion_impact' : 'uav_overflight',
  position: [36 + (n % 10) * 0.2, 47.5 + Math.floor(n / 10) * 0.2] as const,
  start: new Date(NOW.getTime() - (n + 1) * 3_600_000),
  relKind: (n < 30 ? 'PUBLIC' : n < 38 ? 'COALITION' : 'NATIONAL') as 'PUBLIC' | 'COALITION' | 'NATIONAL',
  relNations: n >= 38 ? ['USA'] : [],
}));

/** Every collection, in the order /ogc/collections lists them. */
const COLLECTION_IDS = ['incidents', 'observations', 'zones', 'sectors', 'hubs', 'units', ...OGC_SQL_LAYERS];

type Label = readonly ['PUBLIC' | 'NATIONAL', readonly string[]];
const PUBLIC: Label = ['PUBLIC', []];
const USA_ONLY: Label = ['NATIONAL', ['USA']];

/**
 * The layers served from SQL: each with PUBLIC records and one NATIONAL USA record. Returns the
 * public ids, by collection, in row order.
 */
async function insertLayerFixtures(db: ApiHarness['database']['db']) {
  const one = async (query: ReturnType<typeof sql<{ id: string | number }>>) =>
    Number((await query.execute(db)).rows[0]!.id);
  const area = (w: number, s: number, e: number, n: number) =>
    sql`st_multi(st_makeenvelope(${w}, ${s}, ${e}, ${n}, 4326))`;
  const controlArea = (side: string, asOf: string, label: Label, box: number[]) =>
    one(sql<{ id: number }>`insert into control_area_version (side, as_of, version, source, geom, area_km2,
        features_read, features_taken, report, imported_by, imported_at, rel_kind, rel_nations)
      values (${side}, ${asOf}, 1, ${`ogc-test-${side}-${asOf}@USA`}, ${area(box[0]!, box[1]!, box[2]!, box[3]!)}, 1000,
        1, 1, '{}'::jsonb, 'usa-analyst', ${NOW}, ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const ca = [
    await controlArea('occupied', '2026-11-01', PUBLIC, [37.5, 47.5, 38.5, 48.5]),
    await controlArea('government', '2026-11-20', PUBLIC, [30, 48, 32, 50]),
    await controlArea('occupied', '2026-11-20', USA_ONLY, [37.4, 47.4, 38.6, 48.6]),
  ];
  const landOption = (key: string, version: number, kind: string, label: Label) =>
    one(sql<{
      id: number;
    }>`insert into land_option_version (option_key, version, name, description, kind, geom,
        occupied_side, created_by, created_at, rel_kind, rel_nations)
      values (${key}, ${version}, ${`${key} v${version}`}, '', ${kind},
        ${kind === 'line' ? sql`st_setsrid(st_makeline(st_makepoint(36, 49), st_makepoint(38, 47)), 4326)` : area(36, 47, 37, 48)},
        ${kind === 'line' ? 'left' : null}, 'usa-analyst', ${NOW}, ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const lo = [
    await landOption('ogc-north@FRA', 1, 'line', PUBLIC),
    await landOption('ogc-north@FRA', 2, 'line', PUBLIC),
    await landOption('ogc-south@USA', 1, 'area', USA_ONLY),
  ];
  const network = (name: string, label: Label) =>
    one(sql<{
      id: number;
    }>`insert into route_network (name, kind, tolerance_m, created_by, created_at, rel_kind, rel_nations)
      values (${name}, 'import', 0, 'usa-analyst', ${NOW}, ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const node = (net: number, lng: number, lat: number, label: Label) =>
    one(sql<{ id: number }>`insert into route_node (network_id, geom, rel_kind, rel_nations)
      values (${net}, st_setsrid(st_makepoint(${lng}, ${lat}), 4326), ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const segment = (net: number, a: number, b: number, from: number[], to: number[], label: Label) =>
    one(sql<{
      id: number;
    }>`insert into route_segment (network_id, from_node, to_node, geom, length_m, rel_kind, rel_nations)
      values (${net}, ${a}, ${b}, st_setsrid(st_makeline(st_makepoint(${from[0]}, ${from[1]}), st_makepoint(${to[0]}, ${to[1]})), 4326),
        30000, ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const roads = await network('OGC test roads', PUBLIC);
  const n1 = await node(roads, 36, 48, PUBLIC);
  const n2 = await node(roads, 36.5, 48, PUBLIC);
  const n3 = await node(roads, 37, 48, PUBLIC);
  const s1 = await segment(roads, n1, n2, [36, 48], [36.5, 48], PUBLIC);
  const s2 = await segment(roads, n2, n3, [36.5, 48], [37, 48], PUBLIC);
  const secret = await network('OGC test USA roads', USA_ONLY);
  const n4 = await node(secret, 38, 49, USA_ONLY);
  const n5 = await node(secret, 38.5, 49, USA_ONLY);
  const s3 = await segment(secret, n4, n5, [38, 49], [38.5, 49], USA_ONLY);
  const checkpoint = (name: string, lng: number, status: string, nations: string[], label: Label) =>
    one(sql<{
      id: number;
    }>`insert into checkpoint (name, geom, nations, status, created_by, updated_at, rel_kind, rel_nations)
      values (${name}, st_setsrid(st_makepoint(${lng}, 48.2), 4326), ${nations}::text[], ${status}, 'usa-analyst', ${NOW},
        ${label[0]}, ${[...label[1]]}::text[]) returning id`);
  const cp = [
    await checkpoint('Ogc North', 36.2, 'open', ['UKR', 'FRA'], PUBLIC),
    await checkpoint('Ogc South', 36.8, 'closed', ['POL'], PUBLIC),
    await checkpoint('Ogc Secret', 38.2, 'open', ['USA'], USA_ONLY),
  ];
  const corridor = async (
    name: string,
    net: number,
    segments: number[],
    windows: [string, string, string][],
    label: Label,
  ) => {
    const id = await one(sql<{
      id: number;
    }>`insert into corridor (name, network_id, guarantors, created_by, created_at, rel_kind, rel_nations)
      values (${name}, ${net}, ${['FRA']}::text[], 'usa-analyst', ${NOW}, ${label[0]}, ${[...label[1]]}::text[]) returning id`);
    for (const [ordinal, seg] of segments.entries())
      await sql`insert into corridor_segment (corridor_id, ordinal, segment_id, rel_kind, rel_nations)
        values (${id}, ${ordinal}, ${seg}, ${label[0]}, ${[...label[1]]}::text[])`.execute(db);
    for (const [start, end, status] of windows)
      await sql`insert into corridor_window (corridor_id, start_at, end_at, status, created_by, updated_at, rel_kind, rel_nations)
        values (${id}, ${new Date(start)}, ${new Date(end)}, ${status}, 'usa-analyst', ${NOW}, ${label[0]}, ${[...label[1]]}::text[])`.execute(
        db,
      );
    return id;
  };
  const cor = [
    await corridor(
      'Ogc corridor',
      roads,
      [s1, s2],
      [
        ['2026-11-26T06:00:00Z', '2026-11-26T18:00:00Z', 'open'],
        ['2026-11-28T06:00:00Z', '2026-11-28T18:00:00Z', 'planned'],
      ],
      PUBLIC,
    ),
    await corridor(
      'Ogc USA corridor',
      secret,
      [s3],
      [['2026-11-27T06:00:00Z', '2026-11-27T18:00:00Z', 'open']],
      USA_ONLY,
    ),
  ];
  return {
    'control-areas': ca.map((n) => `ca-${n}`),
    'land-options': lo.map((n) => `lo-${n}`),
    'route-segments': [s1, s2, s3].map((n) => `seg-${n}`),
    checkpoints: cp.map((n) => `cp-${n}`),
    corridors: cor.map((n) => `cor-${n}`),
    networks: [roads, secret].map((n) => `net-${n}`),
  };
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`OGC API – Features on ${engine.name}`, () => {
    let h: ApiHarness;
    let url: string;
    let usaToken: string;
    let layers: Awaited<ReturnType<typeof insertLayerFixtures>>;

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-analyst', 'USA', ['analyst']],
          ['fra-analyst', 'FRA', ['analyst']],
        ],
      });
      await seedDemoZones(h.database.db, NOW);
      await insertFixtureIncidents(h.database.db, incidents);
      layers = await insertLayerFixtures(h.database.db);
      // Six reports: four PUBLIC, one COALITION, one NATIONAL USA.
      for (let n = 0; n < 6; n += 1) {
        const label = n < 4 ? ['PUBLIC', []] : n === 4 ? ['COALITION', []] : ['NATIONAL', ['USA']];
        const at = new Date(NOW.getTime() - (n + 1) * 600_000);
        await sql`insert into observation (uid, source_kind, source_id, source_nation, start_at, end_at, category, count,
            location_kind, geom, radius_m, reported_at, raw, rel_kind, rel_nations)
          values (${`obs-ogc-${n}@USA`}, 'patrol', ${`patrol-${n}`}, 'USA', ${at}, ${new Date(at.getTime() + 60_000)},
            'explosion_impact', 1, 'point', st_setsrid(st_makepoint(${37 + n * 0.1}, 48.1), 4326), 200,
            ${new Date(at.getTime() + 120_000)}, ${JSON.stringify({ uid: `obs-ogc-${n}` })}::jsonb, ${label[0]},
            ${label[1]}::text[])`.execute(h.database.db);
      }
      const { id } = await h.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'usa-analyst')
        .executeTakeFirstOrThrow();
      usaToken = await createApiToken(h.database.db, id, 'qgis', { actor: 'test', nation: null, at: NOW });
      // A real socket for GDAL; the tests below that use inject share the same app.
      url = await h.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await h?.close();
    });

    const anonymous = (path: string) => h.app.inject({ method: 'GET', url: path });
    const ours = (id: string) => id.startsWith('inc-ogc-');
    /** Every incident id a reader gets by walking the next links, with the page sizes seen. */
    const walk = async (
      get: (path: string) => Promise<{ json(): unknown; statusCode: number }>,
      first: string,
    ) => {
      const ids: string[] = [];
      let next: string | undefined = first;
      while (next) {
        const res = await get(next);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { features: { id: string }[]; links: { rel: string; href: string }[] };
        ids.push(...body.features.map((f) => f.id));
        const link = body.links.find((l) => l.rel === 'next')?.href;
        next = link ? new URL(link).pathname + new URL(link).search : undefined;
      }
      return ids;
    };

    it('has a landing page, conformance and the collections, each with its items link', async () => {
      const landing = await anonymous('/ogc');
      expect(landing.statusCode).toBe(200);
      expect(landing.json().links.map((l: { rel: string }) => l.rel)).toEqual(
        expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']),
      );
      expect((await anonymous('/ogc/conformance')).json().conformsTo).toContain(
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      );
      const collections = (await anonymous('/ogc/collections')).json().collections;
      expect(collections.map((c: { id: string }) => c.id)).toEqual(COLLECTION_IDS);
      for (const c of collections)
        expect(c.links.find((l: { rel: string }) => l.rel === 'items').href).toMatch(
          new RegExp(`/ogc/collections/${c.id}/items$`),
        );
    });

    it('shows each reader what their nation may read, and anonymous readers PUBLIC only, in every collection', async () => {
      const mine = async (get: (p: string) => Promise<{ json(): unknown; statusCode: number }>) =>
        (await walk(get, '/ogc/collections/incidents/items?limit=7')).filter(ours);
      expect((await mine(anonymous)).length).toBe(30);
      expect((await mine((p) => h.get('fra-analyst', p))).length).toBe(38);
      expect((await mine((p) => h.get('usa-analyst', p))).length).toBe(40);
      // A walk returns each incident once, newest first.
      const usa = await mine((p) => h.get('usa-analyst', p));
      expect(usa).toEqual(incidents.map((i) => i.id));
      // Observations: each source's report, by the same rule.
      const reports = async (get: (p: string) => Promise<{ json(): unknown; statusCode: number }>) =>
        (await walk(get, '/ogc/collections/observations/items?limit=2')).filter((id) =>
          id.startsWith('obs-ogc-'),
        );
      expect(await reports(anonymous)).toEqual([
        'obs-ogc-0@USA',
        'obs-ogc-1@USA',
        'obs-ogc-2@USA',
        'obs-ogc-3@USA',
      ]);
      expect((await reports((p) => h.get('fra-analyst', p))).length).toBe(5);
      expect((await reports((p) => h.get('usa-analyst', p))).length).toBe(6);
      const report = (
        await h.get('usa-analyst', '/ogc/collections/observations/items/obs-ogc-5%40USA')
      ).json();
      expect(report).toMatchObject({
        id: 'obs-ogc-5@USA',
        geometry: { type: 'Point' },
        properties: { sourceKind: 'patrol', releasability: 'NATIONAL USA' },
      });
      expect(report.properties).not.toHaveProperty('raw');
      expect(
        (await h.get('fra-analyst', '/ogc/collections/observations/items/obs-ogc-5%40USA')).statusCode,
      ).toBe(404);
      // Zones and sectors go through the same row-level security as /api/zones.
      for (const collection of ['zones', 'sectors', 'units']) {
        const api = collection === 'units' ? 27 : undefined;
        const viaOgc = await walk(
          (p) => h.get('fra-analyst', p),
          `/ogc/collections/${collection}/items?limit=3`,
        );
        if (api) expect(viaOgc).toHaveLength(api);
        else {
          const zones = (
            await h.get('fra-analyst', `/api/zones${collection === 'sectors' ? '?kind=sector' : ''}`)
          ).json();
          expect(viaOgc.sort()).toEqual(zones.features.map((f: { id: string }) => f.id).sort());
        }
      }
      // A hidden incident and one that does not exist answer alike.
      const hidden = await h.get(
        'fra-analyst',
        `/ogc/collections/incidents/items/${encodeURIComponent(incidents[39]!.id)}`,
      );
      const missing = await h.get('fra-analyst', '/ogc/collections/incidents/items/inc-none@USA');
      expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
      expect(hidden.json().description.replace(incidents[39]!.id, 'X')).toBe(
        missing.json().description.replace('inc-none@USA', 'X'),
      );
      const item = await h.get(
        'usa-analyst',
        `/ogc/collections/incidents/items/${encodeURIComponent(incidents[39]!.id)}`,
      );
      expect(item.json()).toMatchObject({ type: 'Feature', geometry: { type: 'Point' } });
      expect(item.headers['content-type']).toContain('application/geo+json');
    });

    it('filters by bbox and datetime', async () => {
      // The first row of the grid: longitudes 36.0..37.8 at latitude 47.5.
      const inBox = (
        await walk(anonymous, '/ogc/collections/incidents/items?bbox=35.9,47.4,37.9,47.6')
      ).filter(ours);
      expect(inBox.sort()).toEqual(incidents.slice(0, 10).map((i) => i.id));
      const lastFive = (
        await walk(
          anonymous,
          `/ogc/collections/incidents/items?datetime=${new Date(NOW.getTime() - 5.5 * 3_600_000).toISOString()}/..`,
        )
      ).filter(ours);
      expect(lastFive).toEqual(incidents.slice(0, 5).map((i) => i.id));
      const sectors = (await anonymous('/ogc/collections/sectors/items?bbox=0,0,1,1')).json();
      expect(sectors.features).toEqual([]);
    });

    it('filters by the queryables each collection lists, and the next links keep the filter', async () => {
      const schema = await anonymous('/ogc/collections/incidents/queryables');
      expect(schema.statusCode).toBe(200);
      expect(schema.headers['content-type']).toContain('application/schema+json');
      expect(schema.json()).toMatchObject({
        type: 'object',
        additionalProperties: false,
        properties: {
          category: { type: 'string', enum: expect.arrayContaining(['explosion_impact', 'uav_overflight']) },
          state: { type: 'string', enum: expect.arrayContaining(['verified']) },
          sector: { type: 'string' },
        },
      });
      const collection = (await anonymous('/ogc/collections/incidents')).json();
      expect(collection.links.map((l: { rel: string }) => l.rel)).toContain(
        'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      );
      // Odd fixture incidents are explosions: 15 of the 30 PUBLIC ones.
      const explosions = (
        await walk(anonymous, '/ogc/collections/incidents/items?limit=4&category=explosion_impact')
      ).filter(ours);
      expect(explosions).toHaveLength(15);
      const both = (
        await walk(anonymous, '/ogc/collections/incidents/items?category=explosion_impact,uav_overflight')
      ).filter(ours);
      expect(both).toHaveLength(30);
      // Zones by kind: the same as the sectors collection.
      const sectors = await walk((p) => h.get('fra-analyst', p), '/ogc/collections/sectors/items');
      const byKind = await walk(
        (p) => h.get('fra-analyst', p),
        '/ogc/collections/zones/items?kind=sector&limit=2',
      );
      expect(byKind.sort()).toEqual(sectors.sort());
      // Hubs: the same as /api/hubs for the reader; by nation, only sites that nation runs.
      const hubs = (await h.get('fra-analyst', '/api/hubs')).json().features as {
        id: string;
        properties: { nations: string[] };
      }[];
      expect(hubs.length).toBeGreaterThan(0);
      expect((await walk((p) => h.get('fra-analyst', p), '/ogc/collections/hubs/items')).sort()).toEqual(
        hubs.map((f) => f.id).sort(),
      );
      const nation = hubs[0]!.properties.nations[0]!;
      expect(
        (await walk((p) => h.get('fra-analyst', p), `/ogc/collections/hubs/items?nation=${nation}`)).sort(),
      ).toEqual(
        hubs
          .filter((f) => f.properties.nations.includes(nation))
          .map((f) => f.id)
          .sort(),
      );
    });

    it('serves control areas, land options, route segments, checkpoints and corridors to each reader as their nation may read', async () => {
      const collections = OGC_SQL_LAYERS;
      // Each layer's public records, and the one NATIONAL USA record (the last fixture id).
      const visible: Record<(typeof collections)[number], { public: string[]; hidden: string }> = {
        'control-areas': { public: layers['control-areas'].slice(0, 2), hidden: layers['control-areas'][2]! },
        // Only the newest version of an option: v2 of the public option.
        'land-options': { public: [layers['land-options'][1]!], hidden: layers['land-options'][2]! },
        'route-segments': {
          public: layers['route-segments'].slice(0, 2),
          hidden: layers['route-segments'][2]!,
        },
        checkpoints: { public: layers.checkpoints.slice(0, 2), hidden: layers.checkpoints[2]! },
        corridors: { public: [layers.corridors[0]!], hidden: layers.corridors[1]! },
      };
      const usaGet = (p: string) => h.get('usa-analyst', p);
      const fraGet = (p: string) => h.get('fra-analyst', p);
      for (const c of collections) {
        const ours = new Set([...visible[c].public, visible[c].hidden]);
        const seen = async (get: (p: string) => Promise<{ json(): unknown; statusCode: number }>) =>
          (await walk(get, `/ogc/collections/${c}/items?limit=1`)).filter((id) => ours.has(id));
        expect(await seen(anonymous), c).toEqual(visible[c].public);
        expect(await seen(fraGet), c).toEqual(visible[c].public);
        expect(await seen(usaGet), c).toEqual([...visible[c].public, visible[c].hidden]);
        // The NATIONAL USA record: its nation's token reads it; another nation and anonymous
        // readers get the same 404 as for an id that does not exist.
        const item = await usaGet(`/ogc/collections/${c}/items/${visible[c].hidden}`);
        expect(item.statusCode, c).toBe(200);
        expect(item.json(), c).toMatchObject({
          type: 'Feature',
          id: visible[c].hidden,
          properties: { releasability: 'NATIONAL USA' },
        });
        const missingId = `${visible[c].hidden.split('-')[0]}-999999999`;
        for (const get of [anonymous, fraGet]) {
          const hidden = await get(`/ogc/collections/${c}/items/${visible[c].hidden}`);
          const missing = await get(`/ogc/collections/${c}/items/${missingId}`);
          expect([hidden.statusCode, missing.statusCode], c).toEqual([404, 404]);
          expect(hidden.json(), c).toEqual(missing.json());
        }
        const queryables = (await anonymous(`/ogc/collections/${c}/queryables`)).json();
        expect(Object.keys(queryables.properties).length, c).toBeGreaterThan(0);
      }
      // An option's older version is not in the collection, nor answered by id.
      expect(
        (await anonymous(`/ogc/collections/land-options/items/${layers['land-options'][0]}`)).statusCode,
      ).toBe(404);
      const area = (
        await usaGet(`/ogc/collections/control-areas/items/${layers['control-areas'][2]}`)
      ).json();
      expect(area).toMatchObject({
        geometry: { type: 'MultiPolygon' },
        properties: { side: 'occupied', date: '2026-11-20', areaKm2: 1000 },
      });
      const corridor = (await anonymous(`/ogc/collections/corridors/items/${layers.corridors[0]}`)).json();
      expect(corridor.geometry.type).toBe('MultiLineString');
      expect(corridor.geometry.coordinates).toHaveLength(2);
      expect(
        corridor.properties.windows.map((w: { status: string; start: string }) => [w.status, w.start]),
      ).toEqual([
        ['open', '2026-11-26T06:00:00.000Z'],
        ['planned', '2026-11-28T06:00:00.000Z'],
      ]);
    });

    it('filters the SQL layers by bbox, datetime and their queryables, and the next links keep the filter', async () => {
      const usaGet = (p: string) => h.get('usa-analyst', p);
      const fixture = new Set(Object.values(layers).flat());
      const ids = async (
        get: (p: string) => Promise<{ json(): unknown; statusCode: number }>,
        path: string,
      ) =>
        (await walk(get, `${path}${path.includes('?') ? '&' : '?'}limit=1`)).filter((id) => fixture.has(id));
      const [ca0, ca1, ca2] = layers['control-areas'];
      expect(await ids(usaGet, '/ogc/collections/control-areas/items?side=occupied')).toEqual([ca0, ca2]);
      expect(await ids(anonymous, '/ogc/collections/control-areas/items?date=2026-11-20')).toEqual([ca1]);
      expect(
        await ids(usaGet, '/ogc/collections/control-areas/items?datetime=2026-11-10T00:00:00Z/..'),
      ).toEqual([ca1, ca2]);
      expect(
        await ids(anonymous, '/ogc/collections/control-areas/items?datetime=2026-11-01T12:00:00Z'),
      ).toEqual([ca0]);
      expect(await ids(anonymous, '/ogc/collections/control-areas/items?bbox=30.5,48.5,31,49')).toEqual([
        ca1,
      ]);
      expect(await ids(usaGet, '/ogc/collections/land-options/items?kind=area')).toEqual([
        layers['land-options'][2],
      ]);
      expect(await ids(anonymous, '/ogc/collections/land-options/items?kind=area')).toEqual([]);
      const [s1, s2, s3] = layers['route-segments'];
      const [roads, secret] = layers.networks;
      expect(await ids(usaGet, `/ogc/collections/route-segments/items?network=${roads}`)).toEqual([s1, s2]);
      expect(await ids(usaGet, `/ogc/collections/route-segments/items?network=${secret}`)).toEqual([s3]);
      expect(await ids(anonymous, `/ogc/collections/route-segments/items?network=${secret}`)).toEqual([]);
      expect(await ids(usaGet, '/ogc/collections/route-segments/items?bbox=36.6,47.9,37.1,48.1')).toEqual([
        s2,
      ]);
      const [cp0, cp1, cp2] = layers.checkpoints;
      expect(await ids(usaGet, '/ogc/collections/checkpoints/items?status=open')).toEqual([cp0, cp2]);
      expect(await ids(usaGet, '/ogc/collections/checkpoints/items?nation=POL,USA')).toEqual([cp1, cp2]);
      expect(await ids(anonymous, '/ogc/collections/checkpoints/items?nation=FRA&status=open')).toEqual([
        cp0,
      ]);
      const [cor0, cor1] = layers.corridors;
      const day27 = 'datetime=2026-11-27T00:00:00Z/2026-11-27T23:00:00Z';
      expect(await ids(usaGet, `/ogc/collections/corridors/items?${day27}`)).toEqual([cor1]);
      expect(await ids(anonymous, `/ogc/collections/corridors/items?${day27}`)).toEqual([]);
      expect(await ids(anonymous, '/ogc/collections/corridors/items?status=planned')).toEqual([cor0]);
      expect(
        await ids(
          anonymous,
          '/ogc/collections/corridors/items?status=planned&datetime=2026-11-26T00:00:00Z/2026-11-26T23:59:59Z',
        ),
      ).toEqual([]);
      expect(await ids(usaGet, '/ogc/collections/corridors/items?bbox=35.9,47.9,36.1,48.1')).toEqual([cor0]);
      // Bad values name their parameter; a cursor of one collection is not one of another.
      const bad = await anonymous('/ogc/collections/control-areas/items?side=left');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().description).toMatch(/side=left is not a value of side/);
      for (const [path, words] of [
        ['/ogc/collections/control-areas/items?date=yesterday', /date=yesterday is not a date YYYY-MM-DD/],
        ['/ogc/collections/route-segments/items?network=3', /network=3 is not a network id such as net-3/],
      ] as const) {
        const res = await anonymous(path);
        expect(res.statusCode, path).toBe(400);
        expect(res.json(), path).toMatchObject({
          code: 'InvalidParameterValue',
          description: expect.stringMatching(words),
        });
      }
      expect(
        (await anonymous('/ogc/collections/control-areas/queryables')).json().properties.date,
      ).toMatchObject({
        type: 'string',
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      });
      const page = (await anonymous('/ogc/collections/checkpoints/items?limit=1')).json();
      const next = new URL(page.links.find((l: { rel: string }) => l.rel === 'next').href);
      const crossed = await anonymous(
        `/ogc/collections/corridors/items?cursor=${next.searchParams.get('cursor')}`,
      );
      expect(crossed.statusCode).toBe(400);
      expect(crossed.json().code).toBe('InvalidParameterValue');
    });

    it('refuses bad parameters with an OGC exception naming them, never a 500', async () => {
      const cases: [string, number, RegExp][] = [
        ['/ogc/collections/nothing/items', 404, /no collection "nothing"/],
        ['/ogc/collections/incidents/items?bbox=40,50,30,45', 400, /bbox/],
        ['/ogc/collections/incidents/items?bbox=1,2,3', 400, /bbox has 3 numbers/],
        ['/ogc/collections/incidents/items?bbox=1,2,3,4,5,6', 400, /bbox has 6 numbers/],
        ['/ogc/collections/incidents/items?bbox=-200,0,10,10', 400, /out of range/],
        ['/ogc/collections/incidents/items?bbox=a,b,c,d', 400, /not four numbers/],
        [
          '/ogc/collections/incidents/items?datetime=2026-11-27T00:00:00Z/2026-11-26T00:00:00Z',
          400,
          /ends .* before it starts/,
        ],
        ['/ogc/collections/incidents/items?datetime=yesterday', 400, /datetime instant "yesterday"/],
        ['/ogc/collections/incidents/items?limit=0', 400, /limit/],
        ['/ogc/collections/incidents/items?limit=100001', 400, /limit/],
        ['/ogc/collections/incidents/items?cursor=garbage!', 400, /cursor/],
        ['/ogc/collections/incidents/items?colour=red', 400, /unknown parameter colour/],
        ['/ogc/collections/incidents/items?f=html', 400, /f=html/],
        [
          '/ogc/collections/incidents/items?state=lost',
          400,
          /state=lost is not a value of state; use one of/,
        ],
        ['/ogc/collections/incidents/items?category=', 400, /category is empty/],
        ['/ogc/collections/incidents/items?sector=a,b', 400, /sector takes one value/],
        [
          '/ogc/collections/incidents/items?filter=state%3D%27verified%27',
          400,
          /filter \(CQL2\) is not offered/,
        ],
        ['/ogc/collections/zones/items?state=verified', 400, /unknown parameter state/],
        ['/ogc/collections/nothing/queryables', 404, /no collection "nothing"/],
      ];
      const revoked = await h.app.inject({
        method: 'GET',
        url: '/ogc/collections/incidents/items',
        headers: { authorization: 'Bearer gt_not-a-token' },
      });
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json()).toMatchObject({
        code: 'NotAuthorized',
        description: expect.stringMatching(/token/),
      });
      for (const [path, status, description] of cases) {
        const res = await anonymous(path);
        expect(res.statusCode, path).toBe(status);
        expect(res.json().code, path).toBe(status === 404 ? 'NotFound' : 'InvalidParameterValue');
        expect(res.json().description, path).toMatch(description);
      }
    });

    describe.skipIf(gdalSkip)('through GDAL’s OAPIF driver', () => {
      let folder: string;
      beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'guarantor-ogc-'));
      });
      afterAll(() => rmSync(folder, { recursive: true, force: true }));
      // Asynchronous: the server GDAL talks to runs in this process and must keep serving.
      const run = async (tool: string, args: string[], headers?: string) =>
        (
          await promisify(execFile)(tool, args, {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, ...(headers && { GDAL_HTTP_HEADERS: headers }), CPL_DEBUG: 'OFF' },
          })
        ).stdout;
      const count = (info: string) => Number(/Feature Count: (\d+)/.exec(info)?.[1]);

      it('ogrinfo lists the collections and reads with a bbox; ogr2ogr copies the incidents into a GeoPackage', async () => {
        const listed = await run('ogrinfo', ['-ro', '-q', `OAPIF:${url}/ogc`]);
        for (const name of COLLECTION_IDS) expect(listed).toContain(name);
        const units = await run('ogrinfo', ['-ro', '-so', `OAPIF:${url}/ogc`, 'units']);
        expect(count(units)).toBe(27);
        // A bbox through GDAL's spatial filter: the first row of the grid, PUBLIC only.
        const box = await run('ogrinfo', [
          '-ro',
          '-q',
          '-spat',
          '35.9',
          '47.4',
          '37.9',
          '47.6',
          `OAPIF:${url}/ogc`,
          'incidents',
        ]);
        expect(box.match(/OGRFeature\(incidents\)/g)?.length).toBe(10);
        // An attribute filter: GDAL sends it as the queryable (or filters itself); either way 15.
        const explosions = await run('ogrinfo', [
          '-ro',
          '-q',
          '-where',
          "category = 'explosion_impact'",
          `OAPIF:${url}/ogc`,
          'incidents',
        ]);
        expect(explosions.match(/OGRFeature\(incidents\)/g)?.length).toBe(15);
        const gpkg = join(folder, 'incidents.gpkg');
        await run('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${url}/ogc`, 'incidents']);
        expect(count(await run('ogrinfo', ['-ro', '-so', gpkg, 'incidents']))).toBe(30);
        // The layers served from SQL copy whole too: as many features as the API walks to.
        for (const layer of ['control-areas', 'checkpoints', 'corridors']) {
          const api = (await walk(anonymous, `/ogc/collections/${layer}/items?limit=1`)).length;
          expect(api, layer).toBeGreaterThan(0);
          const file = join(folder, `${layer}.gpkg`);
          await run('ogr2ogr', ['-f', 'GPKG', file, `OAPIF:${url}/ogc`, layer]);
          expect(count(await run('ogrinfo', ['-ro', '-so', file, layer])), layer).toBe(api);
        }
      });

      it('with a token in a header, the restricted incidents appear, and only then', async () => {
        const restricted = incidents[39]!.id;
        const anon = await run('ogrinfo', ['-ro', '-q', `OAPIF:${url}/ogc`, 'incidents']);
        expect(anon).not.toContain(restricted);
        const withToken = await run(
          'ogrinfo',
          ['-ro', '-q', `OAPIF:${url}/ogc`, 'incidents'],
          `Authorization: Bearer ${usaToken}`,
        );
        expect(withToken).toContain(restricted);
        const gpkg = join(folder, 'usa.gpkg');
        await run(
          'ogr2ogr',
          ['-f', 'GPKG', gpkg, `OAPIF:${url}/ogc`, 'incidents'],
          `Authorization: Bearer ${usaToken}`,
        );
        expect(count(await run('ogrinfo', ['-ro', '-so', gpkg, 'incidents']))).toBe(40);
        // A NATIONAL USA checkpoint: in the USA token's copy only.
        const secret = layers.checkpoints[2]!;
        const anonCheckpoints = await run('ogrinfo', ['-ro', '-q', `OAPIF:${url}/ogc`, 'checkpoints']);
        expect(anonCheckpoints).toContain('Ogc North');
        expect(anonCheckpoints).not.toContain('Ogc Secret');
        const usaCheckpoints = await run(
          'ogrinfo',
          ['-ro', '-q', `OAPIF:${url}/ogc`, 'checkpoints'],
          `Authorization: Bearer ${usaToken}`,
        );
        expect(usaCheckpoints).toContain('Ogc Secret');
        expect(usaCheckpoints).toContain(secret);
      });
    });
  });
}
