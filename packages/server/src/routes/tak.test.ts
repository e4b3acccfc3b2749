import { seedDemoZones } from '@guarantor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { zipText } from '../../../../test/support/bodies.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const T = Date.parse('2026-11-26T06:00:00Z');

const observation = (uid: string, position: [number, number]) => ({
  uid,
  source: { kind: 'patrol', id: 'patrol-1', nation: 'USA' },
  time: { startMs: T, endMs: T + 60_000 },
  category: 'explosion_impact',
  count: 1,
  location: { kind: 'point', position, radiusM: 300 },
  reportedAtMs: T + 120_000,
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`TAK data packages on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['fra-analyst', 'FRA', ['analyst']],
          ['usa-analyst', 'USA', ['analyst']],
          ['usa-monitor', 'USA', ['monitor']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['usa-staff', 'USA', ['cell_staff']],
        ],
        // The feeds serve France: a French user's package connects to them, no one else's.
        env: {
          COT_OUT_PORT: '8090',
          COT_OUT_NATION: 'FRA',
          COT_OUT_SECTOR_PORTS: 'sector-donetsk-south=8091',
        },
      });
      await seedDemoZones(h.database.db, NOW);
      // One report in Donetsk South, one in Zaporizhzhia; both verified.
      const posted = await h.post('usa-monitor', '/api/observations', {
        observations: [observation('tak-in', [37.0, 48.2]), observation('tak-out', [35.9, 48.2])],
      });
      expect(posted.statusCode, posted.body).toBe(200);
      await h.app.monitoring.worker.settled();
      for (const id of ['inc-tak-in@USA', 'inc-tak-out@USA']) {
        const res = await h.post('usa-analyst', `/api/incidents/${id}/state`, {
          action: 'verify',
          reason: 'seen',
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    const get = async (user: string, query = '') => {
      const res = await h.get(user, `/api/tak/package.zip${query}`);
      return { res, text: res.statusCode === 200 ? zipText(res.rawPayload) : res.body };
    };

    it('packs every zone you may see, as CoT shapes and KML, and names the file by date', async () => {
      const { res, text } = await get('usa-analyst');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="guarantor-zones-2026-11-27.zip"',
      );
      expect(text).toContain('# MANIFEST/manifest.xml');
      expect(text).toContain('<Parameter name="name" value="Guarantor: zones"/>');
      for (const id of ['sector-donetsk-south', 'buffer-15km', 'loc-illustrative'])
        expect(text).toContain(`# guarantor-zone-${id}/guarantor-zone-${id}.cot`);
      expect(text).toContain('zones.kml');
      // Incidents only on request; no feed for a nation the feeds do not serve.
      expect(text).not.toContain('guarantor-incident-');
      expect(text).not.toContain('cot_streams');
    });

    it('for a sector: its verified incidents only, and a connection to its own feed for the served nation', async () => {
      const { res, text } = await get('fra-analyst', '?sector=sector-donetsk-south&incidents=true');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('guarantor-sector-donetsk-south-2026-11-27.zip');
      expect(text).toContain('<Parameter name="name" value="Guarantor: Donetsk South (illustrative)"/>');
      expect(text).toContain('guarantor-incident-inc-tak-in@USA');
      expect(text).not.toContain('inc-tak-out@USA');
      expect(text).toContain(
        '<entry key="connectString0" class="class java.lang.String">localhost:8091:tcp</entry>',
      );
      expect(text).toContain('Guarantor: Donetsk South (illustrative) (FRA)');
      // Without a sector: the whole feed, every verified incident.
      const all = await get('fra-analyst', '?incidents=true');
      expect(all.text).toContain('localhost:8090:tcp');
      expect(all.text).toContain('inc-tak-out@USA');
      // The same sector for another nation: the incidents, but no feed serving France.
      const usa = await get('usa-analyst', '?sector=sector-donetsk-south&incidents=true');
      expect(usa.text).toContain('inc-tak-in@USA');
      expect(usa.text).not.toContain('cot_streams');
    });

    it('refuses a zone that is not a sector, or an unknown one, alike; and bad parameters by name', async () => {
      const unknown = await get('fra-analyst', '?sector=sector-atlantis');
      const notSector = await get('fra-analyst', '?sector=buffer-15km');
      expect(unknown.res.statusCode).toBe(404);
      expect(unknown.res.json().error).toMatchObject({ code: 'not_found', field: 'querystring.sector' });
      const { requestId: _a, ...a } = notSector.res.json().error;
      const { requestId: _b, ...b } = unknown.res.json().error;
      expect(a).toEqual(b);
      const bad = await get('fra-analyst', '?incidents=yes');
      expect(bad.res.statusCode).toBe(400);
      expect(bad.res.body).toContain('incidents');
      const extra = await get('fra-analyst', '?kind=all');
      expect(extra.res.statusCode).toBe(400);
    });

    it('carries the route segments, checkpoints and corridors the reader may see, of the sector when one is chosen', async () => {
      const before = await get('usa-analyst');
      expect(before.text).not.toContain('logistics.kml');
      const demo = await h.post('fra-staff', '/api/logistics/demo', {});
      expect(demo.statusCode, demo.body).toBe(200);
      // A checkpoint only the United States may read, in Donetsk South.
      const hidden = await h.post('usa-staff', '/api/logistics/checkpoints', {
        name: 'Kostiantynivka road block',
        position: [37.2, 48.3],
        nations: ['USA'],
        shifts: [{ start: '06:00', end: '18:00', nation: 'USA' }],
        releasability: 'NATIONAL USA',
      });
      expect(hidden.statusCode, hidden.body).toBe(201);
      const usa = await get('usa-analyst');
      expect(usa.res.statusCode).toBe(200);
      expect(usa.text).toContain('logistics.kml');
      const segments = usa.text.match(/# guarantor-seg-\d+\/guarantor-seg-\d+\.cot/g) ?? [];
      expect(segments.length).toBeGreaterThan(100);
      expect(usa.text).toMatch(/type="u-d-f"[^>]*>[\s\S]*?Guarantor route segment/);
      expect(usa.text).toMatch(/type="b-m-p-s-m"/);
      expect(usa.text).toContain('Checkpoint Kostiantynivka road block');
      expect(usa.text).toContain('Guarantor corridor');
      expect(usa.text).toContain('shifts 06:00–18:00 USA');
      // France reads the demo network, not the United States' checkpoint.
      const fra = await get('fra-analyst');
      expect(fra.text).toContain('logistics.kml');
      expect(fra.text).not.toContain('Kostiantynivka');
      // A sector's package carries what crosses the sector's box: fewer segments.
      const sector = await get('usa-analyst', '?sector=sector-donetsk-south');
      const inSector = sector.text.match(/# guarantor-seg-\d+\/guarantor-seg-\d+\.cot/g) ?? [];
      expect(inSector.length).toBeGreaterThan(0);
      expect(inSector.length).toBeLessThan(segments.length);
      expect(sector.text).toContain('Kostiantynivka');
      // Left out on request.
      const without = await get('usa-analyst', '?logistics=false');
      expect(without.text).not.toContain('guarantor-seg-');
      expect(without.text).not.toContain('logistics.kml');
    });

    it('needs a signed-in reader', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/tak/package.zip' });
      expect(res.statusCode).toBe(401);
    });
  });
}
