import { readdirSync, readFileSync } from 'node:fs';
import { createApiToken, verifyAudit } from '@guarantor/db';
import { VectorTile } from '@mapbox/vector-tile';
import { sql } from 'kysely';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { tileOf } from '../../../../test/support/tiles.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const T = Date.parse('2026-11-26T06:00:00Z');
const COT = sharedData('cot', 'CoT captures over HTTP');
const COT_DIR = COT.path;

/** An observation near Bakhmut; `over` replaces fields. */
function observation(uid: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uid,
    source: { kind: 'patrol', id: 'patrol-1', nation: 'USA' },
    time: { startMs: T, endMs: T + 60_000 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: [38.0, 48.6], radiusM: 300 },
    reportedAtMs: T + 120_000,
    ...over,
  };
}

/** An incident's id: `inc-` and its first report's uid in the submitter's nation's namespace. */
const inc = (uid: string, nation = 'USA') => `inc-${uid}@${nation}`;

/** A tile's bounds as west,south,east,north degrees. */
function tileBbox({ z, x, y }: { z: number; x: number; y: number }): string {
  const n = 2 ** z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)].join(',');
}

function featuresIn(body: Buffer, name = 'incidents'): { id: string; state: string; category: string }[] {
  if (body.length === 0) return [];
  const layer = new VectorTile(new PbfReader(body)).layers[name];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties as never);
}

/** The incidents a tile stands for: its incident features, plus the counts of its bins. */
function tileTotal(body: Buffer): number {
  const bins = featuresIn(body, 'incident_bins') as unknown as { count: number }[];
  return featuresIn(body).length + bins.reduce((sum, b) => sum + b.count, 0);
}

/** The tiles at zoom z that cover a [west, south, east, north] box. */
function tilesOver([w, s, e, n]: readonly number[], z: number): { z: number; x: number; y: number }[] {
  const nw = tileOf(w!, n!, z);
  const se = tileOf(e!, s!, z);
  const out: { z: number; x: number; y: number }[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ z, x, y });
  return out;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`monitoring API on ${engine.name}`, () => {
    let api: ApiHarness;
    /** API tokens of machine clients (a sensor, a CoT device) and of the SSE client. */
    const tokens = new Map<string, string>();
    const bearer = (user: string) => ({ authorization: `Bearer ${tokens.get(user)}` });

    const get = (user: string, url: string) => api.get(user, url);
    const post = (user: string, url: string, payload: unknown) => api.post(user, url, payload);
    /**
     * Posts observations as their devices would: each source with its own API token bound to
     * it (so each is its own submitter), in one request per source; the results come back in
     * the order given, as one response.
     */
    const postObservations = async (observations: unknown[], extra: Record<string, unknown> = {}) => {
      const groups = new Map<string, number[]>();
      observations.forEach((o, i) => {
        const source = (o as { source?: { kind?: string; id?: string } } | null)?.source;
        const key = typeof source?.id === 'string' ? `${source.kind}\u0000${source.id}` : '';
        groups.set(key, [...(groups.get(key) ?? []), i]);
      });
      const results: { index: number }[] = [];
      let last: Awaited<ReturnType<typeof api.app.inject>> | undefined;
      for (const [key, indices] of groups) {
        const [kind, id] = key.split('\u0000');
        const token = key === '' ? tokens.get('usa-sensor')! : await sourceToken(kind!, id!);
        last = await api.app.inject({
          method: 'POST',
          url: '/api/observations',
          headers: { authorization: `Bearer ${token}` },
          payload: { observations: indices.map((i) => observations[i]), ...extra },
        });
        if (last.statusCode !== 200) return last;
        for (const r of last.json().results as { index: number }[])
          results.push({ ...r, index: indices[r.index]! });
      }
      results.sort((a, b) => a.index - b.index);
      const rejected = results.filter((r) => (r as { status?: string }).status === 'rejected').length;
      const body = JSON.stringify({ accepted: results.length - rejected, rejected, results });
      return { statusCode: last?.statusCode ?? 200, body, json: () => JSON.parse(body) };
    };
    /** A token of the USA sensor account bound to one source, made on first use. */
    const sourceToken = async (kind: string, id: string): Promise<string> => {
      const name = `source:${kind}:${id}`;
      if (!tokens.has(name)) {
        const { id: userId } = await api.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'usa-sensor')
          .executeTakeFirstOrThrow();
        const by = { actor: 'test', nation: null, at: NOW };
        tokens.set(name, await createApiToken(api.database.db, userId, name, by, { kind, id }));
      }
      return tokens.get(name)!;
    };
    const postCot = (user: string, xml: string, contentType = 'application/xml') =>
      api.app.inject({
        method: 'POST',
        url: '/api/cot',
        headers: { ...bearer(user), 'content-type': contentType },
        payload: xml,
      });
    const settled = () => api.app.monitoring.worker.settled();

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-sensor', 'USA', ['monitor']],
          ['usa-monitor', 'USA', ['monitor']],
          ['usa-analyst', 'USA', ['analyst']],
          ['fra-analyst', 'FRA', ['analyst']],
          ['fra-liaison', 'FRA', ['liaison']],
        ],
      });
      await api.app.ready();
      const by = { actor: 'test', nation: null, at: NOW };
      for (const username of ['usa-sensor', 'usa-monitor', 'usa-analyst']) {
        const { id } = await api.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow();
        tokens.set(username, await createApiToken(api.database.db, id, `${username}-device`, by));
      }
    });
    afterAll(async () => {
      await api?.close();
    });

    it('accepts a batch item by item, stores the valid ones, and a retry adds nothing twice', async () => {
      const batch = [
        observation('batch-1', { location: { kind: 'point', position: [30.0, 50.0], radiusM: 100 } }),
        observation('batch-2', { location: { kind: 'point', position: [200, 50.0], radiusM: 100 } }),
        observation('batch-3', { category: 'shelling' }),
        observation('batch-4', {
          location: { kind: 'point', position: [30.1, 50.0], radiusM: 100 },
          time: { startMs: -1e15, endMs: -1e15 },
        }),
        observation('batch-5', { location: { kind: 'point', position: [30.2, 50.0], radiusM: 100 } }),
        'not an object',
      ];
      const first = await postObservations(batch);
      expect(first.statusCode, first.body).toBe(200);
      const body = first.json();
      expect(body.accepted).toBe(2);
      expect(body.rejected).toBe(4);
      const byUid = Object.fromEntries(
        body.results.map((r: { index: number; uid?: string }) => [r.uid ?? r.index, r]),
      );
      expect(byUid['batch-1'].status).toBe('stored');
      expect(byUid['batch-2']).toMatchObject({
        status: 'rejected',
        code: 'observation.out_of_range',
        field: 'location.position[0]',
      });
      expect(byUid['batch-3']).toMatchObject({
        status: 'rejected',
        code: 'observation.unknown_value',
        field: 'category',
      });
      expect(byUid['batch-4']).toMatchObject({ status: 'rejected', field: 'time.startMs' });
      expect(byUid[5]).toMatchObject({ status: 'rejected', code: 'observation.invalid_type' });

      const retry = (await postObservations(batch)).json();
      expect(retry.results.filter((r: { status: string }) => r.status === 'unchanged')).toHaveLength(2);
      const newer = (
        await postObservations([
          observation('batch-1', {
            count: 3,
            location: { kind: 'point', position: [30.0, 50.0], radiusM: 100 },
            reportedAtMs: T + 999_000,
          }),
        ])
      ).json();
      expect(newer.results[0].status).toBe('replaced');
      const stored = await api.database.db
        .selectFrom('observation' as never)
        .select(['uid' as never, 'count' as never])
        .where('uid' as never, 'like', 'batch-%' as never)
        .execute();
      expect(stored.map((r: Record<string, unknown>) => [r['uid'], Number(r['count'])]).sort()).toEqual([
        ['batch-1@USA', 3],
        ['batch-5@USA', 1],
      ]);
    });

    it('refuses more than 10,000 observations in one request with 413', async () => {
      const res = await postObservations(Array.from({ length: 10_001 }, () => ({})));
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('observations.batch_too_large');
    });

    it('fuses two patrols and a camera into one corroborated incident, explained', async () => {
      const res = await postObservations([
        observation('fuse-a'),
        observation('fuse-b', {
          source: { kind: 'patrol', id: 'patrol-2', nation: 'USA' },
          location: { kind: 'point', position: [38.005, 48.601], radiusM: 500 },
          time: { startMs: T + 120_000, endMs: T + 180_000 },
        }),
        observation('fuse-c', {
          source: { kind: 'camera', id: 'camera-7', nation: 'USA' },
          category: 'explosion_undetermined',
          location: { kind: 'point', position: [37.998, 48.599], radiusM: 150 },
        }),
      ]);
      expect(res.json().accepted).toBe(3);
      await settled();
      const detail = await get('usa-analyst', `/api/incidents/${inc('fuse-a')}`);
      expect(detail.statusCode, detail.body).toBe(200);
      const d = detail.json();
      expect(d.incident).toMatchObject({ state: 'corroborated', independentSources: 3, observationCount: 3 });
      expect(d.observations.map((o: { uid: string }) => o.uid)).toEqual([
        'fuse-a@USA',
        'fuse-b@USA',
        'fuse-c@USA',
      ]);
      expect(d.explanation.join('\n')).toContain('corroborated by 3 independent sources');
      // The engine's account is stored as data and read in the reader's language.
      const uk = (await get('usa-analyst', `/api/incidents/${inc('fuse-a')}?lang=uk`)).json();
      expect(uk.explanation[0]).toBe('fuse-a@USA відкриває інцидент (найменший uid)');
      expect(uk.explanation.at(-1)).toBe('підтверджено 3 незалежними джерелами');
      expect(uk.explanation.join('\n')).not.toMatch(/joined|apart|tolerance|independent/);
      expect(uk.explanation).toHaveLength(d.explanation.length);
      // Each device posts on its own, so fusion may see the first report alone (reported) before
      // the others arrive; either way it ends corroborated, by fusion alone.
      const fused = d.history.map((h: { to: string; by: string }) => `${h.by}:${h.to}`);
      expect(fused.filter((x: string) => x !== 'fusion:reported')).toEqual(['fusion:corroborated']);
      expect(d.incident.releasability).toBe('COALITION');
      // Where, in names: the nearest city with distance and direction, the unit, the sector.
      expect(d.where.region.code).toBe('UA-14');
      expect(d.where.nearest.name).toBeTruthy();
      expect(d.where.sentence).toMatch(
        new RegExp(
          `^\\d+ km [a-z-]+ of ${d.where.nearest.name}, ${d.where.region.nameEn}; in (sector |no monitoring sector)`,
        ),
      );
      console.info(`incident where: ${d.where.sentence}`);
      // …and in the reader's words: the place and the unit by their Ukrainian names, fusion's reasons too.
      expect(uk.where.sentence).toMatch(
        new RegExp(
          `^за \\d+ км на [а-яіїє ]+ від м\\. ${uk.where.nearest.nameUk}, ${uk.where.region.nameUk}; (у секторі |поза секторами)`,
        ),
      );
      // The spot report says fusion's part in the reader's words too.
      const spot = (await get('usa-analyst', `/api/reports/spot/${inc('fuse-a')}?format=html&lang=uk`)).body;
      expect(spot).toContain('відкрито злиттям');
      expect(spot).toContain('злиття (автоматично)');
      expect(spot).not.toContain('opened by fusion');
      expect(spot).toContain(uk.where.sentence.split(';')[0].split(',')[0]);
      // Fusion opened it (and may have corroborated it later): its reasons in the reader's words.
      expect(d.history[0].reason).toBe('opened by fusion');
      expect(uk.history.map((h: { reason: string }) => h.reason)).toEqual(
        d.history.map((h: { reason: string }) =>
          h.reason === 'opened by fusion' ? 'відкрито злиттям' : 'незалежні джерела збігаються',
        ),
      );
    });

    it("pages a large incident's observations: the detail has the first 200 and the total, the pages follow in order", async () => {
      const many = Array.from({ length: 450 }, (_, n) =>
        observation(`page-${String(n).padStart(3, '0')}`, {
          source: { kind: 'patrol', id: `patrol-p${n % 9}`, nation: 'USA' },
          location: { kind: 'point', position: [33.5 + (n % 3) * 0.0005, 46.9], radiusM: 200 },
          releasability: 'NATIONAL USA',
          // Three days before the other tests' window, whose counts this incident must not change.
          time: { startMs: T - 3 * 86_400_000, endMs: T - 3 * 86_400_000 + 60_000 },
          reportedAtMs: T - 3 * 86_400_000 + 120_000,
        }),
      );
      expect((await postObservations(many)).json().accepted).toBe(450);
      await settled();
      const id = encodeURIComponent(inc('page-000'));
      const detail = (await get('usa-analyst', `/api/incidents/${id}`)).json();
      expect(detail.observationsTotal).toBe(450);
      expect(detail.observations).toHaveLength(200);
      const seen: string[] = detail.observations.map((o: { uid: string }) => o.uid);
      let next: string | null = detail.observationsNext;
      while (next) {
        const page = await get('usa-analyst', `/api/incidents/${id}/observations?cursor=${next}`);
        expect(page.statusCode, page.body).toBe(200);
        seen.push(...page.json().observations.map((o: { uid: string }) => o.uid));
        next = page.json().next;
      }
      expect(seen).toEqual(many.map((o) => `${o['uid']}@USA`));
      // A cursor of this incident is no good for another, nor for another list.
      const other = await get(
        'usa-analyst',
        `/api/incidents/${encodeURIComponent(inc('fuse-a'))}/observations?cursor=${detail.observationsNext}`,
      );
      expect(other.statusCode).toBe(400);
      expect(other.json().error).toMatchObject({ code: 'request.cursor_invalid', field: 'query.cursor' });
      // An incident the reader may not see and one that does not exist answer alike.
      const hidden = await get('fra-analyst', `/api/incidents/${id}/observations`);
      const missing = await get('usa-analyst', '/api/incidents/inc-nothing@USA/observations');
      expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    });

    it('keeps the incident id when a later report merges two incidents, and records the merge', async () => {
      await postObservations([
        observation('merge-b', { location: { kind: 'point', position: [36.0, 47.0], radiusM: 100 } }),
        observation('merge-d', { location: { kind: 'point', position: [36.05, 47.0], radiusM: 100 } }),
      ]);
      await settled();
      expect(
        (await get('usa-analyst', `/api/incidents/${inc('merge-d')}`)).json().incident.mergedInto,
      ).toBeNull();
      // Halfway between, with a radius reaching both: one event after all.
      await postObservations([
        observation('merge-c', {
          source: { kind: 'uav', id: 'uav-1', nation: 'USA' },
          location: { kind: 'point', position: [36.025, 47.0], radiusM: 1500 },
        }),
      ]);
      await settled();
      const merged = (await get('usa-analyst', `/api/incidents/${inc('merge-d')}`)).json();
      expect(merged.incident.mergedInto).toBe(inc('merge-b'));
      const survivor = (await get('usa-analyst', `/api/incidents/${inc('merge-b')}`)).json();
      expect(survivor.incident).toMatchObject({ observationCount: 3, state: 'corroborated' });
      const list = (await get('usa-analyst', '/api/incidents?bbox=35.9,46.9,36.1,47.1')).json();
      expect(list.incidents.map((i: { id: string }) => i.id)).toEqual([inc('merge-b')]);
    });

    it('a surviving incident takes over the verified state of one joined into it', async () => {
      await postObservations([
        observation('inh-b', { location: { kind: 'point', position: [33.0, 47.5], radiusM: 100 } }),
        observation('inh-d', { location: { kind: 'point', position: [33.05, 47.5], radiusM: 100 } }),
      ]);
      await settled();
      const verified = await post('usa-analyst', `/api/incidents/${inc('inh-d')}/state`, {
        action: 'verify',
        reason: 'crater photographed',
      });
      expect(verified.json().incident.state).toBe('verified');
      await postObservations([
        observation('inh-c', {
          source: { kind: 'uav', id: 'uav-2', nation: 'USA' },
          location: { kind: 'point', position: [33.025, 47.5], radiusM: 1500 },
        }),
      ]);
      await settled();
      expect((await get('usa-analyst', `/api/incidents/${inc('inh-d')}`)).json().incident.mergedInto).toBe(
        inc('inh-b'),
      );
      const survivor = (await get('usa-analyst', `/api/incidents/${inc('inh-b')}`)).json();
      expect(survivor.incident).toMatchObject({ state: 'verified', observationCount: 3 });
      const takeover = survivor.history.find(
        (h: { by: string; to: string }) => h.by === 'fusion' && h.to === 'verified',
      );
      expect(takeover.reason).toContain(`took over the analyst state of ${inc('inh-d')}`);
    });

    describe('releasability', () => {
      beforeAll(async () => {
        const res = await postObservations([
          observation('usa-only', {
            location: { kind: 'point', position: [35.0, 46.5], radiusM: 100 },
            releasability: 'NATIONAL USA',
          }),
        ]);
        expect(res.json().accepted).toBe(1);
        await settled();
      });

      it('a NATIONAL USA observation and its incident are hidden from a French user everywhere', async () => {
        expect(
          (await get('usa-analyst', `/api/incidents/${inc('usa-only')}`)).json().incident.releasability,
        ).toBe('NATIONAL USA');
        expect((await get('fra-analyst', `/api/incidents/${inc('usa-only')}`)).statusCode).toBe(404);
        const ids = async (user: string) =>
          (await get(user, '/api/incidents?limit=1000')).json().incidents.map((i: { id: string }) => i.id);
        expect(await ids('usa-analyst')).toContain(inc('usa-only'));
        expect(await ids('fra-analyst')).not.toContain(inc('usa-only'));
        const query = 'from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z';
        const tile = tileOf(35.0, 46.5, 11);
        const url = `/tiles/incidents/${tile.z}/${tile.x}/${tile.y}.mvt?${query}`;
        const usa = featuresIn((await get('usa-analyst', url)).rawPayload);
        const fra = featuresIn((await get('fra-analyst', url)).rawPayload);
        expect(usa.map((f) => f.id)).toContain(inc('usa-only'));
        expect(fra.map((f) => f.id)).not.toContain(inc('usa-only'));
        const count = async (user: string) =>
          (await get(user, `/api/incidents/counts?${query}`)).json().total;
        expect((await count('usa-analyst')) - (await count('fra-analyst'))).toBe(1);
        expect((await get('fra-analyst', '/api/incidents.cot')).body).not.toContain('usa-only');
      });

      it('an incident fused from a COALITION and a NATIONAL USA report is NATIONAL USA', async () => {
        await postObservations([
          observation('mixed-1', { location: { kind: 'point', position: [35.0, 46.5], radiusM: 100 } }),
        ]);
        await settled();
        const usa = (await get('usa-analyst', `/api/incidents/${inc('mixed-1')}`)).json();
        expect(usa.incident.releasability).toBe('NATIONAL USA');
        expect((await get('fra-analyst', `/api/incidents/${inc('mixed-1')}`)).statusCode).toBe(404);
      });

      it('refuses a label that would hide the report from its own sender', async () => {
        const res = await postObservations([observation('fra-label', { releasability: 'NATIONAL FRA' })]);
        expect(res.json().results[0]).toMatchObject({
          status: 'rejected',
          code: 'auth.forbidden',
          field: 'releasability',
        });
      });
    });

    it('aggregated tiles at every low zoom add up to the filtered counts, per reader and never shared between readers', async () => {
      // Incidents of every label exist by now (the NATIONAL USA ones above among them).
      const everything = (await get('usa-analyst', '/api/incidents?limit=1000')).json().incidents as {
        position: [number, number];
      }[];
      const lngs = everything.map((i) => i.position[0]);
      const lats = everything.map((i) => i.position[1]);
      const box = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
      const queries = [
        '',
        'state=reported',
        'category=explosion_impact&from=2026-11-26T05:00:00Z',
        // On the hour (`to` inclusive, where incidents start): the stored counts decide it all.
        'from=2026-11-26T00:00:00Z&to=2026-11-26T06:00:00Z',
        // Partial hours at both ends, days apart and minutes apart (incidents here start at
        // 06:00 or 06:02 and end a minute later): the incident table counts what ends in the
        // hour after `from` or starts in the hour before `to`, the stored counts the rest.
        'from=2026-11-23T06:00:30Z&to=2026-11-26T06:01:00Z',
        'from=2026-11-26T06:00:30Z&to=2026-11-26T06:02:30Z',
      ];
      const totals = new Map<string, number>();
      // z0 adds up z6 cells; z6 and z8 read their own cells, as z7 and z9 do (z9's 117 tiles
      // would quadruple this test; the next test checks every zoom's stored counts). At z10 the
      // tiles holding an incident (none is near a tile's edge) stand for all of that zoom's.
      for (const z of [0, 6, 8, 10]) {
        const tiles =
          z < 10
            ? tilesOver(box, z)
            : [
                ...new Map(
                  everything.map((i) => {
                    const t = tileOf(i.position[0], i.position[1], z);
                    return [`${t.x}/${t.y}`, t] as const;
                  }),
                ).values(),
              ];
        for (const query of queries) {
          // The readers interleave tile by tile, so a tile kept for one would show in the other's sum.
          const sums = { 'usa-analyst': 0, 'fra-analyst': 0, 'fra-liaison': 0 };
          for (const t of tiles)
            for (const user of Object.keys(sums) as (keyof typeof sums)[]) {
              const res = await get(user, `/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${query}`);
              expect(res.statusCode).toBe(200);
              expect(featuresIn(res.rawPayload), 'no single incidents below z11').toEqual([]);
              sums[user] += tileTotal(res.rawPayload);
            }
          for (const user of Object.keys(sums) as (keyof typeof sums)[]) {
            const counted = (await get(user, `/api/incidents/counts?${query}`)).json().total;
            expect(sums[user], `z${z} ${user} ${query}`).toBe(counted);
            totals.set(`${user} ${query}`, counted);
          }
        }
      }
      // The labels reach the bins: the USA analyst counts the NATIONAL USA incidents, France does not.
      expect(totals.get('usa-analyst ')!).toBeGreaterThan(totals.get('fra-analyst ')!);
      expect(totals.get('fra-liaison ')).toBe(totals.get('fra-analyst '));
    });

    it('exports the incidents under the same filters as CSV and GeoJSON, as many as the counts say', async () => {
      for (const query of ['', 'state=reported', 'category=explosion_impact&from=2026-11-26T05:00:00Z']) {
        for (const user of ['usa-analyst', 'fra-analyst']) {
          const total = (await get(user, `/api/incidents/counts?${query}`)).json().total;
          const csv = await get(user, `/api/incidents.csv?${query}`);
          expect(csv.statusCode).toBe(200);
          expect(csv.headers['content-type']).toContain('text/csv');
          // A byte-order mark first, then a header in words and one line per incident.
          expect(csv.body.startsWith('\ufeffIncident,Category,State,Start (UTC)')).toBe(true);
          const lines = csv.body.trimEnd().split('\r\n');
          expect(lines.length - 1, `${user} ${query}`).toBe(total);
          const geojson = await get(user, `/api/incidents.geojson?${query}`);
          expect(geojson.json().features.length, `${user} ${query}`).toBe(total);
        }
      }
      const usa = (await get('usa-analyst', '/api/incidents.csv')).body;
      const fra = (await get('fra-analyst', '/api/incidents.csv')).body;
      // The NATIONAL USA incidents (however fusion has merged them by now) are the American's only.
      expect(usa).toContain(',NATIONAL USA\r\n');
      expect(fra).not.toContain('NATIONAL USA');
      expect(usa).toContain('explosion (impact)');
      const bad = await get('usa-analyst', '/api/incidents.csv?state=nonsense');
      expect(bad.statusCode).toBe(400);
    });

    it('counts agree with the features drawn in the tiles under the same filters', async () => {
      const tile = tileOf(38.0, 48.6, 6);
      for (const query of [
        '',
        'category=explosion_impact',
        'state=corroborated',
        'state=reported,corroborated&from=2026-11-26T05:00:00Z&to=2026-11-26T07:00:00Z',
        'from=2030-01-01T00:00:00Z',
      ]) {
        for (const user of ['usa-analyst', 'fra-analyst']) {
          const res = await get(user, `/tiles/incidents/${tile.z}/${tile.x}/${tile.y}.mvt?${query}`);
          expect(res.statusCode, res.body).toBe(200);
          expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
          // z6 aggregates: its bins' counts add up to what the counts say.
          expect(featuresIn(res.rawPayload)).toEqual([]);
          const bbox = tileBbox(tile);
          const counts = (
            await get(user, `/api/incidents/counts?${query}${query ? '&' : ''}bbox=${bbox}`)
          ).json();
          expect(tileTotal(res.rawPayload), `${user} ${query}`).toBe(counts.total);
        }
      }
      expect(tile).toEqual({ z: 6, x: 38, y: 22 });
    });

    it('a sector filter gives the same incidents in counts, list and tiles, and only those inside', async () => {
      await sql`insert into zone (id, kind, name, geom, created_at, updated_at, rel_kind)
        values ('test-sector-a', 'sector', 'Test sector A',
          st_geomfromtext('POLYGON((37.9 48.5, 38.1 48.5, 38.1 48.7, 37.9 48.7, 37.9 48.5))', 4326), ${NOW}, ${NOW},
          'COALITION')`.execute(api.database.db);
      const tile = tileOf(38.0, 48.6, 6);
      const all = (await get('usa-analyst', '/api/incidents/counts')).json().total;
      for (const query of [
        'sector=test-sector-a',
        'sector=test-sector-a&state=corroborated,verified,attributed',
      ]) {
        const counts = (await get('usa-analyst', `/api/incidents/counts?${query}`)).json();
        const binned = tileTotal(
          (await get('usa-analyst', `/tiles/incidents/${tile.z}/${tile.x}/${tile.y}.mvt?${query}`))
            .rawPayload,
        );
        // From z11 a tile holds the incidents themselves: those of the tiles over the sector.
        const tiled = new Map<string, { id: string }>();
        for (const t of tilesOver([37.9, 48.5, 38.1, 48.7], 11))
          for (const f of featuresIn(
            (await get('usa-analyst', `/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${query}`)).rawPayload,
          ))
            tiled.set(f.id, f);
        const listed = (await get('usa-analyst', `/api/incidents?${query}&limit=1000`)).json().incidents;
        expect(binned, query).toBe(counts.total);
        expect(tiled.size, query).toBe(counts.total);
        expect(listed.length, query).toBe(counts.total);
        expect([...tiled.keys()].sort()).toEqual(listed.map((i: { id: string }) => i.id).sort());
      }
      const inside = (await get('usa-analyst', '/api/incidents?sector=test-sector-a&limit=1000')).json()
        .incidents;
      expect(inside.map((i: { id: string }) => i.id)).toContain(inc('fuse-a'));
      expect(inside.map((i: { id: string }) => i.id)).not.toContain(inc('merge-b'));
      expect(inside.length).toBeLessThan(all);
      expect((await get('usa-analyst', '/api/incidents/counts?sector=no-such-sector')).json().total).toBe(0);
    });

    it('an analyst verifies, attributes with evidence, and the transitions are audited', async () => {
      const refused = await post('usa-analyst', `/api/incidents/${inc('fuse-a')}/state`, {
        action: 'attribute',
        party: 'Party A',
        assessment: 'crater analysis',
        evidence: ['https://example.org/crater.jpg'],
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('verify it first');
      expect(
        (
          await post('fra-liaison', `/api/incidents/${inc('fuse-a')}/state`, {
            action: 'verify',
            reason: 'x',
          })
        ).statusCode,
      ).toBe(403);
      const verified = await post('usa-analyst', `/api/incidents/${inc('fuse-a')}/state`, {
        action: 'verify',
        reason: 'three independent sources and a crater photo',
      });
      expect(verified.statusCode, verified.body).toBe(200);
      expect(verified.json().incident.state).toBe('verified');
      const attributed = await post('usa-analyst', `/api/incidents/${inc('fuse-a')}/state`, {
        action: 'attribute',
        party: 'Party A',
        assessment: 'crater orientation points to positions held by Party A',
        evidence: ['https://example.org/crater.jpg'],
      });
      expect(attributed.json().incident).toMatchObject({ state: 'attributed', attributedParty: 'Party A' });
      // A later observation joining the incident leaves the analyst's state alone.
      await postObservations([
        observation('fuse-z', { source: { kind: 'acoustic', id: 'mic-3', nation: 'USA' } }),
      ]);
      await settled();
      const detail = (await get('usa-analyst', `/api/incidents/${inc('fuse-a')}`)).json();
      expect(detail.incident).toMatchObject({ state: 'attributed', observationCount: 4 });
      const states = detail.history.map((h: { to: string }) => h.to);
      expect(states.filter((x: string) => x !== 'reported')).toEqual([
        'corroborated',
        'verified',
        'attributed',
      ]);
      expect(detail.history.at(-1).evidence).toEqual(['https://example.org/crater.jpg']);
      expect((await verifyAudit(api.database.db)).ok).toBe(true);
      const audit = await api.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'incident')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['incident.verify', 'incident.attribute']),
      );
      expect(
        (
          await post('fra-analyst', `/api/incidents/${inc('usa-only')}/state`, {
            action: 'verify',
            reason: 'x',
          })
        ).statusCode,
      ).toBe(404);
    });

    it('the stored tile counts equal the live incidents counted afresh, after merges, state changes and a deletion', async () => {
      // What migration 0033's triggers keep (and 0038's, with zoom 10), recomputed from the incidents as the owner: the
      // rows with a count must be exactly these (merges and state changes happened above).
      const afresh = (db: typeof api.database.db) =>
        sql<{ key: string; n: string }>`
          select concat_ws(' ', zoom, floor(guarantor_cell_fx(lng, 2 ^ (zoom + 4)))::int,
                   floor(guarantor_cell_fy(lat, 2 ^ (zoom + 4)))::int, category, state,
                   ceil(extract(epoch from start_at) / 3600)::int, floor(extract(epoch from end_at) / 3600)::int,
                   rel_kind, rel_nations) as key, count(*)::text as n
            from incident cross join generate_series(6, 10) zoom
           where merged_into is null group by 1 order by 1`.execute(db);
      const kept = (db: typeof api.database.db) =>
        sql<{ key: string; n: string }>`
          select concat_ws(' ', zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations) as key, n::text as n
            from incident_bin where n <> 0 order by 1`.execute(db);
      const expected = (await afresh(api.database.db)).rows;
      expect(expected.some((r) => r.key.includes('attributed'))).toBe(true);
      expect((await kept(api.database.db)).rows).toEqual(expected);
      // An insertion and a deletion, in a transaction rolled back: a copy of an incident counts
      // once at each of the five zooms, then not at all.
      const total = (rows: readonly { n: string }[]) => rows.reduce((sum, r) => sum + Number(r.n), 0);
      await api.database.db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m,
              location_method, start_at, end_at, count_low, count_best, count_high, confidence,
              independent_sources, observation_count, rel_kind, rel_nations)
            select 'inc-tile-copy', category, categories, fusion_state, state, geom, radius_m, location_method,
              start_at + interval '90 minutes', end_at + interval '90 minutes', count_low, count_best, count_high,
              confidence, independent_sources, observation_count, rel_kind, rel_nations
            from incident where id = ${inc('fuse-a')}`.execute(trx);
          const added = (await afresh(trx)).rows;
          expect(total(added)).toBe(total(expected) + 5);
          expect((await kept(trx)).rows).toEqual(added);
          await sql`delete from incident where id = 'inc-tile-copy'`.execute(trx);
          expect((await kept(trx)).rows).toEqual(expected);
          throw new Error('rollback');
        })
        .catch((error: Error) => expect(error.message).toBe('rollback'));
    });

    it('keeps a dispute record of claims with evidence and assessment, never wider than the incident', async () => {
      const first = await post('usa-analyst', `/api/incidents/${inc('merge-b')}/claims`, {
        party: 'Party B',
        claim: 'our positions were shelled first',
        evidence: ['https://example.org/statement-1'],
        assessment: 'not supported: no outgoing fire observed from Party A positions',
        releasability: 'PUBLIC',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().releasability).toBe('COALITION');
      await post('usa-analyst', `/api/incidents/${inc('merge-b')}/claims`, {
        party: 'Party A',
        claim: 'we did not fire',
      });
      const claims = (await get('fra-analyst', `/api/incidents/${inc('merge-b')}`)).json().claims;
      expect(claims.map((c: { party: string }) => c.party)).toEqual(['Party B', 'Party A']);
      const dismissed = await post('usa-analyst', `/api/incidents/${inc('merge-b')}/state`, {
        action: 'dismiss',
      });
      expect(dismissed.json().error.field).toBe('body.reason');
    });

    it('serves incidents as CoT with stable uids that our own intake recognises', async () => {
      const res = await get('usa-analyst', '/api/incidents.cot?state=attributed');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/xml');
      expect(res.body).toContain(`uid="guarantor-incident-${inc('fuse-a')}"`);
      const echo = (await postCot('usa-monitor', res.body)).json();
      expect(echo.results[0]).toMatchObject({ kind: 'ignored', code: 'cot.ignored.own_incident' });
    });

    describe('CoT over HTTP', () => {
      it.skipIf(COT.skip)(
        'takes every real capture: markers as observations, PLI as team tracks, the rest ignored',
        async () => {
          const kinds: Record<string, string> = {};
          for (const file of readdirSync(COT_DIR).filter((f) => f.endsWith('.xml'))) {
            const res = await postCot('usa-monitor', readFileSync(`${COT_DIR}/${file}`, 'utf8'), 'text/xml');
            expect(res.statusCode, `${file}: ${res.body}`).toBe(200);
            const results = res.json().results;
            expect(results, file).toHaveLength(1);
            kinds[file] = results[0].kind;
          }
          expect(kinds['marker_hostile_ground_2525.xml']).toBe('observation');
          expect(kinds['range_bearing_line.xml']).toBe('observation');
          expect(kinds['pli_wintak_lenovo.xml']).toBe('team_track');
          expect(kinds['geochat_atak_direct.xml']).toBe('ignored');
          const tracks = (await get('usa-analyst', '/api/team-tracks?since=2000-01-01T00:00:00Z')).json()
            .tracks;
          expect(tracks.length).toBeGreaterThanOrEqual(4);
          expect(
            (await get('fra-analyst', '/api/team-tracks?since=2000-01-01T00:00:00Z')).json().tracks.length,
          ).toBe(tracks.length);
        },
      );

      it.skipIf(COT.skip)('reads the malformed two-event stream as two events', async () => {
        const xml = readFileSync(`${COT_DIR}/malformed/emergency_cancel_two_events_stream.xml`, 'utf8');
        const res = (await postCot('usa-monitor', xml)).json();
        expect(res.results.map((r: { kind: string; code?: string }) => r.code)).toEqual([
          'cot.ignored.emergency_cancel',
          'cot.ignored.emergency_cancel',
        ]);
      });

      const marker = (uid: string, extra = '') =>
        `<event version="2.0" uid="${uid}" type="a-h-G-U-C-F" how="h-e" time="2026-11-26T06:00:00Z" start="2026-11-26T06:00:00Z" stale="2026-11-27T06:00:00Z">` +
        `<point lat="48.2" lon="37.5" hae="0" ce="50" le="9999999"/><detail>${extra}<remarks>artillery battery</remarks></detail></event>`;

      it('keeps good events when a cut one and a bad one come in the same body', async () => {
        const body = `${marker('cot-good-1')}${marker('cot-cut').slice(0, 230)}${marker('cot-good-2')}<event uid="x" type="a-h-G" time="yesterday" start="x" stale="x"><point lat="91" lon="0"/></event>`;
        const res = (await postCot('usa-monitor', body)).json();
        expect(res.results.map((r: { kind: string }) => r.kind)).toEqual([
          'observation',
          'dropped',
          'observation',
          'rejected',
        ]);
        expect(res.results[1].code).toBe('cot.truncated');
      });

      it('refuses entity expansion: billion laughs and external entities expand nothing', async () => {
        const laughs =
          '<?xml version="1.0"?><!DOCTYPE event [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
          marker('cot-lol', '<contact callsign="&lol3;"/>');
        const external =
          '<?xml version="1.0"?><!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
          marker('cot-xxe', '<contact callsign="&xxe;"/>');
        for (const xml of [laughs, external]) {
          const res = await postCot('usa-monitor', xml);
          expect(res.statusCode).toBe(200);
          expect(res.body).not.toContain('lollol');
          expect(res.body).not.toContain('root:');
          expect(res.json().results[0].kind).toBe('rejected');
        }
        const inline = `<!DOCTYPE event [<!ENTITY lol "lol">]>${marker('cot-lol-2')}`.replace(
          '<event',
          '<event ',
        );
        expect((await postCot('usa-monitor', `<?xml version="1.0"?>${inline}`)).statusCode).toBe(200);
      });

      it('answers an oversized body with 413 and a clear code, and an empty one with 400', async () => {
        const big = marker('cot-big', `<remarks>${'x'.repeat(1_100_000)}</remarks>`);
        const res = await postCot('usa-monitor', big);
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe('request.too_large');
        const empty = await postCot('usa-monitor', '<nothing/>');
        expect(empty.statusCode).toBe(400);
        expect(empty.json().error.code).toBe('cot.empty');
      });
    });

    it('pushes a new incident to a Server-Sent Events client after a POST', async () => {
      const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
      const controller = new AbortController();
      const res = await fetch(`${address}/api/live`, {
        headers: bearer('usa-analyst'),
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value);
        }
        return text;
      };
      // The stream's first line is written just before it subscribes: once it is here, the
      // POST's incident will be sent to it, however busy the machine.
      await readUntil(': live incident updates');
      await postObservations([
        observation('live-1', { location: { kind: 'point', position: [31.0, 49.0], radiusM: 100 } }),
      ]);
      // The test's timeout bounds the wait.
      const received = await readUntil(inc('live-1'));
      controller.abort();
      expect(received).toContain('event: incident');
      expect(received).toContain(`"id":"${inc('live-1')}"`);
    });
  });
}
