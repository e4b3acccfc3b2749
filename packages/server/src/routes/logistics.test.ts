import { DEFAULT_RISK_RULE, type RiskIncident, segmentRisks } from '@guarantor/core/logistics';
import type { Category, IncidentStateName } from '@guarantor/core/monitoring';
import { asReader, logisticsCache } from '@guarantor/db';
import { VectorTile } from '@mapbox/vector-tile';
import { sql } from 'kysely';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { tileOf } from '../../../../test/support/tiles.ts';

const NOW = new Date('2026-12-07T08:00:00Z');

const line = (coordinates: number[][], name?: string) => ({
  type: 'Feature',
  properties: name ? { name } : {},
  geometry: { type: 'LineString', coordinates },
});

/**
 * A small layer near Vinnytsia: a–b–c in a row, a detour a–d–c, a piece e–f not joined to the
 * rest, a line with heights, and one in Spain.
 */
const LAYER = {
  type: 'FeatureCollection',
  features: [
    line(
      [
        [28.0, 49.0],
        [28.5, 49.0],
      ],
      'a-b',
    ),
    line(
      [
        [28.5003, 49.0002],
        [29.0, 49.0],
      ],
      'b-c',
    ),
    line(
      [
        [28.0, 49.0, 210],
        [28.5, 49.3, 220],
      ],
      'a-d',
    ),
    line(
      [
        [28.5, 49.3],
        [29.0, 49.0],
      ],
      'd-c',
    ),
    line(
      [
        [30.0, 50.0],
        [30.2, 50.1],
      ],
      'e-f',
    ),
    line(
      [
        [-3.7, 40.4],
        [-3.5, 40.5],
      ],
      'Madrid',
    ),
  ],
};

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`logistics over the API on ${engine.name}`, () => {
    let h: ApiHarness;
    let net: string;
    let demo: string;
    const nodeAt = async (lng: number, lat: number) => {
      const d = (await h.get('fra-staff', `/api/logistics/networks/${net}?asOf=${NOW.toISOString()}`)).json();
      return d.nodes.find((n: { position: number[] }) => n.position[0] === lng && n.position[1] === lat)
        .id as string;
    };
    const segNamed = async (name: string) => {
      const d = (await h.get('fra-staff', `/api/logistics/networks/${net}?asOf=${NOW.toISOString()}`)).json();
      return d.segments.find((s: { name: string }) => s.name === name).id as string;
    };
    const incident = (id: string, lng: number, lat: number, category: string, state: string, at: string) =>
      sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
          rel_kind, rel_nations)
        values (${id}, ${category}, array[${category}]::text[], 'reported', ${state}, st_setsrid(st_makepoint(${lng}, ${lat}), 4326),
          100, 'point', ${at}::timestamptz, ${at}::timestamptz, 1, 1, 1, 0.7, 1, 1, 'COALITION', '{}')`.execute(
        h.database.db,
      );

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['fra-liaison', 'FRA', ['liaison']],
          ['deu-staff', 'DEU', ['cell_staff']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('imports a line layer: snaps ends, keeps and reports disconnected pieces, drops heights, skips lines far from Ukraine', async () => {
      expect(
        (await h.post('fra-liaison', '/api/logistics/networks', { name: 'x', layer: LAYER })).statusCode,
      ).toBe(403);
      const res = await h.post('fra-staff', '/api/logistics/networks', {
        name: 'Vinnytsia roads',
        toleranceM: 100,
        layer: LAYER,
        releasability: 'NATIONAL FRA',
      });
      expect(res.statusCode, res.body).toBe(200);
      const n = res.json().network;
      net = n.id;
      expect(n).toMatchObject({
        segments: 5,
        nodes: 6,
        snapped: 1,
        illustrative: false,
        releasability: 'NATIONAL FRA',
      });
      expect(n.skipped).toEqual([
        { feature: 5, field: 'geometry.coordinates', reason: expect.stringMatching(/Ukraine/) },
      ]);
      expect(n.dropped3d).toEqual([{ feature: 2, positions: 2 }]);
      expect(n.pieces.map((p: { segments: number }) => p.segments)).toEqual([4, 1]);
      expect(n.report.join('\n')).toMatch(/Disconnected: features 4/);
      // Another nation does not see it; hidden and absent answer alike.
      expect((await h.get('deu-staff', `/api/logistics/networks/${net}`)).statusCode).toBe(404);
      expect((await h.get('deu-staff', '/api/logistics/networks/net-99999')).statusCode).toBe(404);
    });

    it('refuses a file with no usable line, naming the feature and field, and stores nothing', async () => {
      const before = (await h.get('fra-staff', '/api/logistics/networks')).json().networks.length;
      const bad = await h.post('fra-staff', '/api/logistics/networks', {
        name: 'points',
        layer: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [30, 50] } }],
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({
        code: 'logistics.refused',
        field: 'body.layer.features[0].geometry.type',
      });
      const notGeo = await h.post('fra-staff', '/api/logistics/networks', { name: 'x', layer: 'roads' });
      expect(notGeo.json().error).toMatchObject({ code: 'logistics.refused', field: 'body.layer.type' });
      expect((await h.get('fra-staff', '/api/logistics/networks')).json().networks.length).toBe(before);
    });

    it('scores segments by nearby incidents in PostGIS, with the incidents behind each score, as core does', async () => {
      await incident('lg-1', 28.25, 49.02, 'explosion_impact', 'verified', '2026-12-01T10:00:00Z');
      await incident('lg-2', 28.25, 49.05, 'uav_overflight', 'reported', '2026-12-02T10:00:00Z');
      await incident('lg-3', 28.75, 49.01, 'explosion_impact', 'dismissed', '2026-12-02T10:00:00Z');
      await incident('lg-4', 28.75, 49.2, 'burst_and_shots', 'corroborated', '2026-12-03T10:00:00Z');
      await incident('lg-5', 28.25, 49.02, 'explosion_impact', 'verified', '2026-09-01T10:00:00Z');
      await incident('lg-6', 28.6, 49.15, 'civilian_harm', 'verified', '2026-12-05T10:00:00Z');
      const board = (
        await h.get('fra-staff', `/api/logistics/networks/${net}/risk?radiusKm=10&days=30`)
      ).json();
      expect(board.rule).toMatch(/within 10 km/);
      const ab = board.segments.find((s: { name: string }) => s.name === 'a-b');
      expect(ab.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual(['lg-1', 'lg-2']);
      expect(ab.score).toBe(3.75);

      // The same rule in core, on the same segments and incidents.
      const detail = (await h.get('fra-staff', `/api/logistics/networks/${net}?radiusKm=10&days=30`)).json();
      const rows = (
        await sql<{
          id: string;
          category: string;
          state: string;
          lng: number;
          lat: number;
          start_at: Date;
          end_at: Date;
        }>`
          select id, category, state, st_x(geom) as lng, st_y(geom) as lat, start_at, end_at from incident
          where merged_into is null`.execute(h.database.db)
      ).rows;
      const incidents: RiskIncident[] = rows.map((r) => ({
        id: r.id,
        category: r.category as Category,
        state: r.state as IncidentStateName,
        position: [Number(r.lng), Number(r.lat)],
        startMs: new Date(r.start_at).getTime(),
        endMs: new Date(r.end_at).getTime(),
      }));
      const core = segmentRisks(
        detail.segments.map((s: { id: string; coordinates: [number, number][] }) => ({
          id: s.id,
          coordinates: s.coordinates,
        })),
        incidents,
        { ...DEFAULT_RISK_RULE, radiusKm: 10, days: 30 },
        NOW.getTime(),
      );
      const fromDb = new Map(
        board.segments.map(
          (s: { id: string; score: number; incidents: { incidentId: string; distanceM: number }[] }) => [
            s.id,
            s,
          ],
        ),
      );
      for (const c of core) {
        const d = fromDb.get(c.segmentId) as {
          score: number;
          incidents: { incidentId: string; distanceM: number }[];
        };
        expect(d.score, c.segmentId).toBe(c.score);
        expect(
          d.incidents.map((i) => i.incidentId),
          c.segmentId,
        ).toEqual(c.incidents.map((i) => i.incidentId));
        d.incidents.forEach((i, k) => {
          expect(Math.abs(i.distanceM - c.incidents[k]!.distanceM)).toBeLessThanOrEqual(1);
        });
      }
      expect(core.some((c) => c.score > 0)).toBe(true);

      // The same scores in the network's vector tile (layer `routes`), for networks too large to send whole.
      const { z, x, y } = tileOf(28.5, 49.1, 7);
      const tile = await h.get('fra-staff', `/tiles/routes/${net}/${z}/${x}/${y}.mvt?radiusKm=10&days=30`);
      expect(tile.statusCode).toBe(200);
      const layer = new VectorTile(new PbfReader(tile.rawPayload)).layers['routes']!;
      const inTile = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
      expect(inTile.find((p) => p['name'] === 'a-b')).toMatchObject({ risk: 3.75 });
      expect(
        inTile.every((p) => p['risk'] === (fromDb.get(p['id'] as string) as { score: number }).score),
      ).toBe(true);
      expect((await h.get('deu-staff', `/tiles/routes/${net}/${z}/${x}/${y}.mvt`)).statusCode).toBe(404);
    });

    it('plans a convoy around risky segments and past checkpoint shifts, saying why each route was rejected', async () => {
      const a = await nodeAt(28.0, 49.0);
      const c = await nodeAt(29.0, 49.0);
      const plan = async (maxRisk: number, depart = '2026-12-07T09:00:00Z') =>
        (
          await h.post('fra-liaison', `/api/logistics/networks/${net}/plan`, {
            from: a,
            to: c,
            maxRisk,
            depart,
            speedKmh: 50,
          })
        ).json();
      const loose = await plan(100);
      expect(loose.route.legs.map((l: { name: string }) => l.name)).toEqual(['a-b', 'b-c']);
      const strict = await plan(1);
      // a-b scores 3.75 and the detour's d-c is near lg-4 and lg-6: nothing is left under 1.
      expect(strict.route).toBeNull();
      expect(strict.problem).toMatch(/avoids the .* segments with a risk above 1/);

      const b = await nodeAt(28.5, 49.0);
      const cp = await h.post('fra-staff', '/api/logistics/checkpoints', {
        name: 'Bridge checkpoint',
        nodeId: b,
        nations: ['FRA'],
        shifts: [{ start: '12:00', end: '20:00', nation: 'FRA' }],
      });
      expect(cp.statusCode, cp.body).toBe(201);
      const timed = await plan(100);
      expect(timed.rejected[0].reasons[0]).toMatch(
        /reaches checkpoint "Bridge checkpoint" at .* outside its shifts \(12:00–20:00 FRA\)/,
      );
      expect(timed.route.legs.map((l: { name: string }) => l.name)).toEqual(['a-d', 'd-c']);
      // Waiting: at 09:00 the wait at b (till 12:00) loses to the detour, and says so; at 11:00
      // a 16-minute wait beats the detour, and the explanation states it.
      const waitPlan = async (depart: string) =>
        (
          await h.post('fra-liaison', `/api/logistics/networks/${net}/plan`, {
            from: a,
            to: c,
            maxRisk: 100,
            depart,
            speedKmh: 50,
            maxWaitMin: 240,
          })
        ).json();
      const early = await waitPlan('2026-12-07T09:00:00Z');
      expect(early.route.legs.map((l: { name: string }) => l.name)).toEqual(['a-d', 'd-c']);
      expect(early.rejected[0].reasons[0]).toMatch(/keeps every rule after waiting 2 h 16 min, but arrives/);
      const late = await waitPlan('2026-12-07T11:00:00Z');
      expect(late.route.legs.map((l: { name: string }) => l.name)).toEqual(['a-b', 'b-c']);
      expect(late.route.waits).toMatchObject([
        { name: 'Bridge checkpoint', nodeId: b, leave: '2026-12-07T12:00:00.000Z', minutes: 16 },
      ]);
      expect(late.explanation[0]).toMatch(/^Waits 16 min at checkpoint "Bridge checkpoint"/);
      expect(late.maxWaitMin).toBe(240);
      // In the language the reader chose (no ?lang=, no Accept-Language): Ukrainian sentences.
      expect(
        (await h.send('fra-liaison', 'PUT', '/api/session/language', { language: 'uk' })).statusCode,
      ).toBe(200);
      const inUk = await h.post('fra-liaison', `/api/logistics/networks/${net}/plan`, {
        from: a,
        to: c,
        maxRisk: 100,
        depart: '2026-12-07T09:00:00Z',
        speedKmh: 50,
        maxWaitMin: 240,
      });
      await h.send('fra-liaison', 'PUT', '/api/session/language', { language: null });
      expect(inUk.headers['content-language']).toBe('uk');
      expect(inUk.json().rejected[0].reasons[0]).toMatch(
        /^дотримується всіх правил після очікування 2 год 16 хв, але прибуває о .+ UTC, пізніше за обраний маршрут/,
      );

      const badShift = await h.post('fra-staff', '/api/logistics/checkpoints', {
        name: 'x',
        position: [30, 50],
        nations: ['FRA'],
        shifts: [{ start: '25:00', end: '20:00', nation: 'FRA' }],
      });
      expect(badShift.json().error).toMatchObject({
        code: 'logistics.refused',
        field: 'body.shifts[0].start',
      });
      const closed = await h.send('fra-liaison', 'PATCH', `/api/logistics/checkpoints/${cp.json().id}`, {
        status: 'closed',
      });
      expect(closed.statusCode).toBe(200);
      const list = (await h.get('fra-liaison', '/api/logistics/checkpoints')).json().checkpoints;
      expect(list.find((x: { id: string }) => x.id === cp.json().id)).toMatchObject({
        status: 'closed',
        nodeId: b,
      });
    });

    it('keeps corridor windows apart, refuses routes in pieces, and flags incidents on the route during a window', async () => {
      const ab = await segNamed('a-b');
      const bc = await segNamed('b-c');
      const ef = await segNamed('e-f');
      const pieces = await h.post('fra-staff', '/api/logistics/corridors', {
        name: 'Medicine to Vinnytsia',
        networkId: net,
        segmentIds: [ab, ef],
        guarantors: ['FRA'],
        releasability: 'NATIONAL FRA',
      });
      expect(pieces.statusCode).toBe(400);
      expect(pieces.json().error).toMatchObject({ code: 'logistics.refused', field: 'body.segmentIds[1]' });
      const made = await h.post('fra-staff', '/api/logistics/corridors', {
        name: 'Medicine to Vinnytsia',
        networkId: net,
        segmentIds: [ab, bc],
        guarantors: ['FRA', 'POL'],
        releasability: 'NATIONAL FRA',
      });
      expect(made.statusCode, made.body).toBe(201);
      const cor = made.json().id;
      const w1 = await h.post('fra-staff', `/api/logistics/corridors/${cor}/windows`, {
        start: '2026-12-01T06:00:00Z',
        end: '2026-12-01T18:00:00Z',
        status: 'open',
      });
      expect(w1.statusCode, w1.body).toBe(201);
      const overlap = await h.post('fra-staff', `/api/logistics/corridors/${cor}/windows`, {
        start: '2026-12-01T12:00:00Z',
        end: '2026-12-02T06:00:00Z',
      });
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json().error).toMatchObject({ code: 'logistics.refused', field: 'body.start' });
      expect(overlap.json().error.message).toMatch(/overlaps window cw-/);
      const backwards = await h.post('fra-staff', `/api/logistics/corridors/${cor}/windows`, {
        start: '2026-12-03T12:00:00Z',
        end: '2026-12-03T06:00:00Z',
      });
      expect(backwards.json().error).toMatchObject({ code: 'logistics.refused', field: 'body.end' });

      await incident('lg-7', 28.3, 49.005, 'fom_restriction', 'reported', '2026-12-01T12:00:00Z');
      const corridors = (await h.get('fra-staff', '/api/logistics/corridors')).json().corridors;
      const window = corridors.find((c: { id: string }) => c.id === cor).windows[0];
      // lg-7 (1 Dec 12:00, about 0.5 km from a-b) is on the route in the window; lg-1 is in the
      // window but over 2 km away; lg-2 is a day later.
      expect(window.held).toBe(false);
      expect(window.flagged.map((f: { incidentId: string }) => f.incidentId)).toEqual(['lg-7']);
      expect(
        (await h.get('deu-staff', '/api/logistics/corridors'))
          .json()
          .corridors.map((c: { id: string }) => c.id),
      ).not.toContain(cor);
      const status = await h.send(
        'fra-liaison',
        'PATCH',
        `/api/logistics/corridors/${cor}/windows/${w1.json().id}`,
        { status: 'suspended' },
      );
      expect(status.statusCode).toBe(200);
    });

    it('records hub inventories and refuses quantities below zero, naming the field', async () => {
      const hub = (await h.get('fra-staff', '/api/hubs')).json().features[0].properties.id as string;
      const neg = await h.send('fra-staff', 'PUT', `/api/logistics/hubs/${hub}`, {
        protectionLevel: 'hardened',
        inventory: [{ equipmentClass: 'fuel (t)', quantity: -5 }],
      });
      expect(neg.statusCode).toBe(400);
      expect(neg.json().error.field).toBe('body.inventory.0.quantity');
      const ok = await h.send('fra-staff', 'PUT', `/api/logistics/hubs/${hub}`, {
        protectionLevel: 'hardened',
        capacityTonnes: 1200,
        supplies: ['UA-05', 'UA-48'],
        inventory: [
          { equipmentClass: 'fuel (t)', quantity: 300 },
          { equipmentClass: 'medical kits', quantity: 0 },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const hubs = (await h.get('fra-liaison', '/api/logistics/hubs')).json().hubs;
      expect(hubs.find((x: { hubId: string }) => x.hubId === hub)).toMatchObject({
        protectionLevel: 'hardened',
        capacityTonnes: 1200,
        supplies: ['UA-05', 'UA-48'],
        inventory: [
          { equipmentClass: 'fuel (t)', quantity: 300 },
          { equipmentClass: 'medical kits', quantity: 0 },
        ],
      });
    });

    it('builds the illustrative demo network with OCHA crossings, checkpoints and a corridor, and plans on it', async () => {
      const res = await h.post('fra-staff', '/api/logistics/demo', {});
      expect(res.statusCode, res.body).toBe(200);
      const n = res.json().network;
      demo = n.id;
      expect(n).toMatchObject({ kind: 'demo', illustrative: true });
      expect(n.report[0]).toMatch(/ILLUSTRATIVE/);
      expect(n.pieces).toHaveLength(1);
      const again0 = await h.post('fra-staff', '/api/logistics/demo', {});
      expect(again0.statusCode).toBe(409);
      expect(again0.json().error.message).toContain(n.id);
      const crossings = (await h.get('fra-liaison', '/api/logistics/crossings')).json().crossings;
      expect(crossings).toHaveLength(128);
      const first = crossings.find((c: { id: string }) => c.id === 'yahodyn-dorohusk');
      expect(first).toMatchObject({ status: 'open', neighbour: 'Poland' });
      const closed = await h.post('fra-liaison', '/api/logistics/crossings/yahodyn-dorohusk/status', {
        status: 'closed',
        validFrom: '2026-12-06T00:00:00Z',
        note: 'queue over 20 km',
      });
      expect(closed.statusCode).toBe(200);
      const again = (await h.get('fra-liaison', '/api/logistics/crossings')).json().crossings;
      expect(again.find((c: { id: string }) => c.id === 'yahodyn-dorohusk')).toMatchObject({
        status: 'closed',
      });
      const earlier = (await h.get('fra-liaison', '/api/logistics/crossings?at=2026-01-01T00:00:00Z')).json()
        .crossings;
      expect(earlier.find((c: { id: string }) => c.id === 'yahodyn-dorohusk')).toMatchObject({
        status: 'open',
      });

      const detail = (await h.get('fra-staff', `/api/logistics/networks/${demo}`)).json();
      const named = (name: string) => detail.nodes.find((x: { name: string }) => x.name === name).id;
      const plan = (
        await h.post('fra-staff', `/api/logistics/networks/${demo}/plan`, {
          from: named('Lviv'),
          to: named('Kharkiv'),
          maxRisk: 5,
          depart: '2026-12-08T07:00:00Z',
        })
      ).json();
      expect(plan.illustrative).toBe(true);
      expect(plan.route.legs.length).toBeGreaterThan(2);
      expect(
        (await h.get('fra-liaison', '/api/logistics/corridors'))
          .json()
          .corridors.some((c: { name: string }) => /Odesa – Kherson/.test(c.name)),
      ).toBe(true);
    });

    it('computes risk once per reader and inputs: a NATIONAL FRA incident raises France’s cached risk, never Germany’s, and invalidates the cache', async () => {
      const cache = logisticsCache(h.database.db);
      const res = await h.post('fra-staff', '/api/logistics/networks', {
        name: 'Poltava road',
        toleranceM: 50,
        releasability: 'COALITION',
        layer: {
          type: 'FeatureCollection',
          features: [
            line(
              [
                [34.0, 49.3],
                [34.3, 49.3],
              ],
              'Poltava road',
            ),
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const id = res.json().network.id;
      const board = async (user: string) => {
        const r = await h.get(user, `/api/logistics/networks/${id}/risk?asOf=${NOW.toISOString()}`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json().segments[0] as { score: number; incidents: { incidentId: string }[] };
      };
      const security = async (user: string) => {
        const r = await h.get(user, '/api/finance/security');
        expect(r.statusCode, r.body).toBe(200);
        return (r.json().regions as { region: string; routeRisk: { score: number } | null }[]).map((x) => [
          x.region,
          x.routeRisk?.score ?? null,
        ]);
      };
      const { riskHits, riskMisses } = cache.stats;
      expect(await board('fra-staff')).toMatchObject({ score: 0, incidents: [] });
      expect(cache.stats.riskMisses).toBe(riskMisses + 1);
      expect(await board('fra-staff')).toMatchObject({ score: 0 });
      expect(cache.stats).toMatchObject({ riskHits: riskHits + 1, riskMisses: riskMisses + 1 });
      expect(await board('deu-staff')).toMatchObject({ score: 0 });
      const deuBefore = await security('deu-staff');
      const fraBefore = await security('fra-staff');
      expect(fraBefore.some(([, score]) => (score as number) >= 15)).toBe(false);

      // Five verified impacts by France's own monitors, labelled NATIONAL FRA, by the road.
      for (let k = 0; k < 5; k++)
        await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
            start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
            rel_kind, rel_nations)
          values (${`inc-fra-only-${k}`}, 'explosion_impact', array['explosion_impact']::text[], 'reported', 'verified',
            st_setsrid(st_makepoint(${34.15 + k * 0.001}, 49.31), 4326), 100, 'point',
            '2026-12-06T12:00:00Z', '2026-12-06T12:00:00Z', 1, 1, 1, 0.9, 2, 2, 'NATIONAL', array['FRA'])`.execute(
          h.database.db,
        );
      // France's computation is brought up to date by the incidents changed since (migration
      // 0037), not recomputed.
      const { riskMisses: misses, riskUpdates: updates } = cache.stats;
      const fra = await board('fra-staff');
      expect(cache.stats).toMatchObject({ riskMisses: misses, riskUpdates: updates + 1 });
      expect(fra.score).toBe(15);
      expect(fra.incidents.map((i) => i.incidentId).sort()).toEqual(
        [0, 1, 2, 3, 4].map((k) => `inc-fra-only-${k}`),
      );
      // Germany reads the same segment after France filled the cache: its own view, unraised.
      const deu = await board('deu-staff');
      expect(deu).toMatchObject({ score: 0, incidents: [] });
      expect(await board('deu-staff')).toMatchObject({ score: 0, incidents: [] });
      expect(await board('fra-staff')).toMatchObject({ score: 15 });
      // The finance security page reads the same cache: France's route risk rises, Germany's stays.
      expect(await security('deu-staff')).toEqual(deuBefore);
      expect((await security('fra-staff')).some(([, score]) => (score as number) >= 15)).toBe(true);
      expect(await security('deu-staff')).toEqual(deuBefore);

      // A change of state is a change too: dismissed, the incidents no longer count for France.
      await sql`update incident set state = 'dismissed' where id like 'inc-fra-only-%'`.execute(
        h.database.db,
      );
      expect(await board('fra-staff')).toMatchObject({ score: 0, incidents: [] });

      // A label that narrows is a change too: an impact Germany could read, then kept to France,
      // leaves Germany's brought-up-to-date risk as a fresh computation leaves it.
      await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
          rel_kind)
        values ('inc-shared-then-fra', 'explosion_impact', array['explosion_impact']::text[], 'reported', 'verified',
          st_setsrid(st_makepoint(34.2, 49.31), 4326), 100, 'point',
          '2026-12-06T12:00:00Z', '2026-12-06T12:00:00Z', 1, 1, 1, 0.9, 2, 2, 'COALITION')`.execute(
        h.database.db,
      );
      expect(await board('deu-staff')).toMatchObject({
        score: 3,
        incidents: [{ incidentId: 'inc-shared-then-fra' }],
      });
      await sql`update incident set rel_kind = 'NATIONAL', rel_nations = array['FRA'] where id = 'inc-shared-then-fra'`.execute(
        h.database.db,
      );
      const updated = cache.stats.riskUpdates;
      expect(await board('deu-staff')).toMatchObject({ score: 0, incidents: [] });
      expect(await board('fra-staff')).toMatchObject({
        score: 3,
        incidents: [{ incidentId: 'inc-shared-then-fra' }],
      });
      expect(cache.stats.riskUpdates).toBe(updated + 2);
      cache.clear();
      expect(await board('deu-staff')).toMatchObject({ score: 0, incidents: [] });
      expect(await board('fra-staff')).toMatchObject({ score: 3 });

      // The change log names to a reader only the incidents it may see now or could see before.
      const version = async () =>
        Number(
          (
            await sql<{ v: string }>`select incidents as v from logistics_input_version`.execute(
              h.database.db,
            )
          ).rows[0]!.v,
        );
      const before = await version();
      await sql`update incident set state = 'corroborated' where id = 'inc-shared-then-fra'`.execute(
        h.database.db,
      );
      const seen = (nation: string) =>
        asReader(
          h.database.db,
          { nation, coalitionMember: true },
          async (trx) =>
            (
              await sql<{
                ids: string[] | null;
              }>`select guarantor_incident_changes_seen(${before}::bigint, ${before + 1}::bigint) as ids`.execute(
                trx,
              )
            ).rows[0]!.ids,
        );
      expect(await seen('FRA')).toEqual(['inc-shared-then-fra']);
      expect(await seen('DEU')).toEqual([]);
      // Germany could see it before it was kept to France: that change is named to Germany.
      expect(
        await asReader(h.database.db, { nation: 'DEU', coalitionMember: true }, async (trx) =>
          (
            await sql<{
              ids: string[];
            }>`select guarantor_incident_changes_seen(${before - 1}::bigint, ${before}::bigint) as ids`.execute(
              trx,
            )
          ).rows[0]!.ids.includes('inc-shared-then-fra'),
        ),
      ).toBe(true);
    });

    it('splits lines that cross without a shared end on import, reports where, and plans through the crossing', async () => {
      const cross = (splitCrossings?: boolean) =>
        h.post('fra-staff', '/api/logistics/networks', {
          name: 'Crossing roads',
          toleranceM: 50,
          ...(splitCrossings === undefined ? {} : { splitCrossings }),
          layer: {
            type: 'FeatureCollection',
            features: [
              line(
                [
                  [31.0, 49.0],
                  [31.2, 49.2],
                ],
                'SW-NE',
              ),
              line(
                [
                  [31.0, 49.2],
                  [31.2, 49.0],
                ],
                'NW-SE',
              ),
            ],
          },
        });
      const res = await cross();
      expect(res.statusCode, res.body).toBe(200);
      const n = res.json().network;
      expect(n).toMatchObject({ segments: 4, nodes: 5, crossings: [{ features: [0, 1], kind: 'cross' }] });
      expect(n.pieces).toHaveLength(1);
      expect(n.report.join('\n')).toMatch(/Features 0 and 1 crossed without a shared end: both split at/);
      const d = (
        await h.get('fra-staff', `/api/logistics/networks/${n.id}?asOf=${NOW.toISOString()}`)
      ).json();
      const at = (lng: number, lat: number) =>
        d.nodes.find((x: { position: number[] }) => x.position[0] === lng && x.position[1] === lat).id;
      const plan = (
        await h.post('fra-staff', `/api/logistics/networks/${n.id}/plan`, {
          from: at(31.0, 49.0),
          to: at(31.0, 49.2),
          maxRisk: 100,
          depart: '2026-12-07T09:00:00Z',
        })
      ).json();
      expect(plan.route.legs.map((l: { name: string }) => l.name)).toEqual(['SW-NE', 'NW-SE']);
      const apart = (await cross(false)).json().network;
      expect(apart).toMatchObject({ segments: 2, crossings: [] });
      expect(apart.pieces).toHaveLength(2);
    });
  });
}
