import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import type { GuarantorDatabase } from './connection.ts';
import { readDemoScenario, seedScenario } from './seed.ts';
import { contactDistanceKm, contactDistancesKm } from './territory.ts';
import { seedDemoZones } from './zones/index.ts';

const AT = new Date('2026-11-27T08:00:00Z');
const REGIONS = ['UA-14', 'UA-30', 'UA-46', 'UA-63', 'UA-68', 'UA-71'];

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`distance to the line of contact on ${engine.name}`, () => {
    let database: GuarantorDatabase;

    beforeAll(async () => {
      database = await engine.open();
      await seedScenario(database.db, readDemoScenario(), AT);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('falls back to the illustrative table while no line of contact is stored', async () => {
      expect(await contactDistanceKm(database.db, 'UA-14', AT)).toEqual({
        regionCode: 'UA-14',
        km: 5,
        source: 'table',
        lines: [],
      });
      expect(await contactDistanceKm(database.db, 'NOWHERE', AT)).toBeUndefined();
    });

    it("measures from the region's nearest point to the stored line with PostGIS", async () => {
      await seedDemoZones(database.db, AT);
      const found = await contactDistancesKm(database.db, REGIONS, AT);
      expect([...found.values()].every((d) => d.source === 'line_of_contact')).toBe(true);
      expect(found.get('UA-14')?.lines).toEqual(['loc-illustrative']);
      // The line runs through Donetsk and Kharkiv oblasts: 0 km, whatever their centres say.
      expect(found.get('UA-14')?.km).toBe(0);
      expect(found.get('UA-63')?.km).toBe(0);
      // Behind it: Cherkasy, then Kyiv city; Lviv farthest (the line also follows the lower Dnipro,
      // so Khmelnytskyi is nearer to it than Kyiv is).
      const km = (code: string) => found.get(code)!.km;
      expect(km('UA-71')).toBeGreaterThan(100);
      expect(km('UA-30')).toBeGreaterThan(km('UA-71'));
      expect(km('UA-30')).toBeGreaterThan(350);
      expect(km('UA-30')).toBeLessThan(500);
      expect(km('UA-68')).toBeGreaterThan(km('UA-71'));
      expect(km('UA-46')).toBeGreaterThan(km('UA-30'));
      expect(km('UA-46')).toBeGreaterThan(km('UA-68'));
      expect(km('UA-46')).toBeLessThan(1300);
      expect(found.has('UA-05')).toBe(false); // not asked for
      // The nearest point is never farther than the centroid.
      const centroids = await sql<{ code: string; km: number }>`
        select r.code, st_distance(st_centroid(r.geom)::geography, z.geom::geography) / 1000 as km
        from region r, zone z where z.id = 'loc-illustrative' and r.code = any(${REGIONS})`.execute(
        database.db,
      );
      for (const c of centroids.rows) expect(found.get(c.code)!.km).toBeLessThanOrEqual(Number(c.km));
    });

    it('ignores a line that is not in force at the time asked, and falls back to the table', async () => {
      const before = new Date('2020-01-01T00:00:00Z');
      await sql`update zone set valid_from = ${AT} where id = 'loc-illustrative'`.execute(database.db);
      try {
        expect((await contactDistanceKm(database.db, 'UA-14', before))?.source).toBe('table');
        expect((await contactDistanceKm(database.db, 'UA-14', AT))?.source).toBe('line_of_contact');
      } finally {
        await sql`update zone set valid_from = null where id = 'loc-illustrative'`.execute(database.db);
      }
    });
  });
}
