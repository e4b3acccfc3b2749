import { readFileSync } from 'node:fs';
import { indexZones, ZoneImportError } from '@guarantor/core/zones';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { insertFixtureIncidents, insertFixtureObservations } from '../../../../test/support/zones.ts';
import { asReader } from '../access.ts';
import type { GuarantorDatabase } from '../connection.ts';
import {
  addViolationRuleVersion,
  computeViolations,
  DEMO_ZONES_FILE,
  importZones,
  incidentZonesInDatabase,
  listViolationRules,
  listZones,
  monitoredSectorDays,
  monitoringSectorFacts,
  recordSourceStatus,
  seedDemoZones,
  sourcesForDay,
} from './index.ts';

const AT = new Date('2026-11-27T08:00:00Z');
const DAY = '2026-11-26';
const reader = (nation: string | null) => ({ nation, coalitionMember: nation !== null });
const actor = { username: 'fra-staff', nation: 'FRA' };

/** A small deterministic generator, so a failure names the same points every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`zones on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
          .rows[0]!.n,
      );

    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(() => database?.close());

    it('seeds the illustrative demo zones and the default rules once', async () => {
      expect(await seedDemoZones(database.db, AT)).toEqual({ zones: 9, rules: 4 });
      expect(await seedDemoZones(database.db, AT)).toEqual({ zones: 0, rules: 0 });
      const zones = await asReader(database.db, reader('FRA'), (trx) => listZones(trx));
      expect(zones.filter((z) => z.kind === 'sector').map((z) => z.id)).toEqual([
        'sector-donetsk-south',
        'sector-kherson-dnipro',
        'sector-luhansk-donetsk-north',
        'sector-north-kharkiv',
        'sector-zaporizhzhia',
      ]);
      expect(zones.every((z) => z.illustrative && z.releasability === 'PUBLIC')).toBe(true);
      // The public reads PUBLIC zones too.
      expect(await asReader(database.db, reader(null), (trx) => listZones(trx))).toHaveLength(9);
    });

    it('refuses a file with one bad feature, naming it, and stores nothing at all', async () => {
      const zonesBefore = await count('zone');
      const auditBefore = await count('audit_log');
      const file = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'good-one', kind: 'sector', name: 'fine' },
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
            properties: { kind: 'buffer_zone', name: 'bad' },
            geometry: { type: 'Point', coordinates: [30, 48] },
          },
        ],
      };
      const error = await asReader(database.db, reader('FRA'), (trx) =>
        importZones(trx, file, { actor, defaultLabel: { kind: 'COALITION' }, at: AT }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZoneImportError);
      expect((error as ZoneImportError).problems).toEqual([
        {
          index: 1,
          field: 'geometry.type',
          code: 'zone.wrong_geometry',
          message: 'a buffer_zone must be Polygon or MultiPolygon, not Point',
        },
      ]);
      expect(await count('zone')).toBe(zonesBefore);
      expect(await count('audit_log')).toBe(auditBefore);
    });

    it('an edit bumps the version and is audited with its geometry; the same file again changes nothing', async () => {
      const feature = (east: number) => ({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {
              id: 'fra-test-sector',
              kind: 'sector',
              name: 'Test',
              releasability: 'NATIONAL FRA',
            },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [20, 40],
                  [east, 40],
                  [east, 41],
                  [20, 41],
                  [20, 40],
                ],
              ],
            },
          },
        ],
      });
      const run = (east: number) =>
        asReader(database.db, reader('FRA'), (trx) =>
          importZones(trx, feature(east), { actor, defaultLabel: { kind: 'COALITION' }, at: AT }),
        );
      expect((await run(21)).created).toEqual(['fra-test-sector@FRA']);
      expect((await run(21)).unchanged).toEqual(['fra-test-sector@FRA']);
      expect((await run(22)).updated).toEqual(['fra-test-sector@FRA']);
      const [zone] = await asReader(database.db, reader('FRA'), (trx) =>
        listZones(trx, { ids: ['fra-test-sector@FRA'] }),
      );
      expect(zone!.version).toBe(2);
      expect(zone!.releasability).toBe('NATIONAL FRA');
      // A British reader does not see the French zone.
      expect(
        await asReader(database.db, reader('GBR'), (trx) => listZones(trx, { ids: ['fra-test-sector@FRA'] })),
      ).toEqual([]);
      const audit = await sql<{
        action: string;
      }>`select action from audit_log where entity = 'zone' and entity_id = 'fra-test-sector@FRA' order by seq`.execute(
        database.db,
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['zone.create', 'zone.update']);
      await sql`delete from zone where id = 'fra-test-sector@FRA'`.execute(database.db);
    });

    it("stores a nation's zones in its namespace, so a hidden id is answered as a free one", async () => {
      const square = (id: string, releasability: string) => ({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id, kind: 'sector', name: id.split('@')[0], releasability },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [20, 40],
                  [21, 40],
                  [21, 41],
                  [20, 41],
                  [20, 40],
                ],
              ],
            },
          },
        ],
      });
      const importAs = (nation: string, id: string, releasability = 'COALITION') =>
        asReader(database.db, reader(nation), (trx) =>
          importZones(trx, square(id, releasability), {
            actor: { username: `${nation.toLowerCase()}-staff`, nation },
            defaultLabel: { kind: 'COALITION' },
            at: AT,
          }),
        );
      const refusal = (nation: string, id: string) =>
        importAs(nation, id).then(
          () => 'stored',
          (e: unknown) => (e instanceof ZoneImportError ? JSON.stringify(e.problems) : String(e)),
        );
      try {
        expect((await importAs('DEU', 'ns-secret', 'NATIONAL DEU')).created).toEqual(['ns-secret@DEU']);
        expect((await importAs('DEU', 'ns-shared')).created).toEqual(['ns-shared@DEU']);
        // France names Germany's hidden zone bare: it gets its own, exactly as for a free id.
        expect((await importAs('FRA', 'ns-secret')).created).toEqual(['ns-secret@FRA']);
        expect((await importAs('FRA', 'ns-free')).created).toEqual(['ns-free@FRA']);
        // In full: the hidden one and a free one in Germany's namespace are refused alike.
        const hidden = await refusal('FRA', 'ns-secret@DEU');
        expect(hidden).toContain('zone.not_yours');
        const free = await refusal('FRA', 'ns-nothing@DEU');
        expect(hidden.replaceAll('ns-secret', 'ID')).toBe(free.replaceAll('ns-nothing', 'ID'));
        // A zone France can see is edited when typed in full, and its own when typed either way.
        expect((await importAs('FRA', 'ns-shared@DEU', 'PUBLIC')).updated).toEqual(['ns-shared@DEU']);
        expect((await importAs('FRA', 'ns-free@FRA')).unchanged).toEqual(['ns-free@FRA']);
        // Two features a file names differently but that land on one id are refused.
        const both = square('ns-twice', 'COALITION');
        const twice = {
          ...both,
          features: [
            both.features[0]!,
            { ...both.features[0]!, properties: { ...both.features[0]!.properties, id: 'ns-twice@FRA' } },
          ],
        };
        await expect(
          asReader(database.db, reader('FRA'), (trx) =>
            importZones(trx, twice, {
              actor: { username: 'fra-staff', nation: 'FRA' },
              defaultLabel: { kind: 'COALITION' },
              at: AT,
            }),
          ),
        ).rejects.toThrow(/feature 1, properties.id: is stored as 'ns-twice@FRA', as feature 0 is/);
        // Germany still reads its own zone, untouched.
        const [secret] = await asReader(database.db, reader('DEU'), (trx) =>
          listZones(trx, { ids: ['ns-secret@DEU'] }),
        );
        expect(secret!.version).toBe(1);
      } finally {
        await sql`delete from zone where id like 'ns-%'`.execute(database.db);
      }
    });

    it('keeps every rule version; the current one decides', async () => {
      await asReader(database.db, reader('FRA'), (trx) =>
        addViolationRuleVersion(
          trx,
          {
            id: 'fom-restriction',
            name: 'FoM restriction (v2)',
            categories: ['fom_restriction'],
            anywhere: true,
          },
          { actor, at: AT },
        ),
      );
      const rules = await asReader(database.db, reader('FRA'), (trx) => listViolationRules(trx));
      const fom = rules.find((r) => r.rule.id === 'fom-restriction')!;
      expect([fom.version, fom.rule.name]).toEqual([2, 'FoM restriction (v2)']);
      expect(await count('violation_rule')).toBe(5);
    });

    describe('violation counts over the incident table', () => {
      const T0 = Date.parse(`${DAY}T00:00:00Z`);
      beforeAll(async () => {
        const next = random(42);
        const categories = [
          'explosion_impact',
          'burst_and_shots',
          'heavy_weapon_sighting',
          'fom_restriction',
          'other',
        ];
        const states = ['reported', 'corroborated', 'verified', 'attributed', 'dismissed'] as const;
        const incidents = Array.from({ length: 400 }, (_, i) => ({
          id: `inc-r${String(i).padStart(4, '0')}`,
          category: categories[Math.floor(next() * categories.length)]!,
          state: states[Math.floor(next() * states.length)]!,
          position: [31 + next() * 8, 46 + next() * 5] as const,
          start: new Date(T0 - 86_400_000 + Math.floor(next() * 2 * 86_400_000)),
          count: 1 + Math.floor(next() * 5),
        }));
        // Points on the border between two sectors (latitude 49.27) and on line-of-contact vertices.
        const border = [37.3, 37.6, 37.9].map((lng, i) => ({
          id: `inc-border-${i}`,
          category: 'fom_restriction',
          position: [lng, 49.27] as const,
          start: new Date(T0 + 3_600_000),
        }));
        const usa = {
          id: 'inc-usa-only',
          category: 'explosion_impact',
          state: 'verified' as const,
          position: [37.85, 48.59] as const, // Chasiv Yar, on the line
          start: new Date(T0 + 7_200_000),
          count: 7,
          relKind: 'NATIONAL' as const,
          relNations: ['USA'],
        };
        await insertFixtureIncidents(database.db, [...incidents, ...border, usa]);
      });

      it('PostGIS ST_Covers and core turf agree on the zones of every incident', async () => {
        const zones = await asReader(database.db, reader('USA'), (trx) => listZones(trx));
        const index = indexZones(zones);
        const inDb = await asReader(database.db, reader('USA'), (trx) =>
          incidentZonesInDatabase(trx, '2026-11-25', DAY),
        );
        const rows = await sql<{ id: string; lng: number; lat: number; start_at: Date }>`
          select id, st_x(geom) as lng, st_y(geom) as lat, start_at from incident`.execute(database.db);
        let inside = 0;
        for (const r of rows.rows) {
          const core = index.containing([r.lng, r.lat], r.start_at.getTime()).map((z) => z.id);
          expect(core, r.id).toEqual(inDb.get(r.id) ?? []);
          if (core.length > 0) inside++;
        }
        expect(inside).toBeGreaterThan(50);
        expect(inDb.get('inc-border-1')).toEqual(
          expect.arrayContaining(['sector-luhansk-donetsk-north', 'sector-north-kharkiv']),
        );
      });

      it('counts per sector and day, and a French reader does not count the NATIONAL USA incident', async () => {
        const usa = await asReader(database.db, reader('USA'), (trx) => computeViolations(trx, DAY, DAY));
        const fra = await asReader(database.db, reader('FRA'), (trx) => computeViolations(trx, DAY, DAY));
        expect(usa.violations.map((v) => v.incidentId)).toContain('inc-usa-only');
        expect(fra.violations.map((v) => v.incidentId)).not.toContain('inc-usa-only');
        const verifiedIn = (r: typeof usa, sector: string) =>
          r.counts.filter((c) => c.sector === sector && c.date === DAY).reduce((n, c) => n + c.verified, 0);
        const sector = usa.violations.find((v) => v.incidentId === 'inc-usa-only')!.sector!;
        expect(verifiedIn(usa, sector) - verifiedIn(fra, sector)).toBe(7);
        expect(usa.counts.every((c) => c.date === DAY)).toBe(true);
        // The shared border goes to the first sector by id.
        expect(usa.violations.find((v) => v.incidentId === 'inc-border-1')!.sector).toBe(
          'sector-luhansk-donetsk-north',
        );
      });

      it('gives the ceasefire gate its sector-days, monitored where a source watched', async () => {
        await insertFixtureObservations(database.db, [
          {
            uid: 'obs-z-1',
            sourceId: 'patrol-7',
            sourceKind: 'patrol',
            position: [35.8, 47.52],
            start: new Date(T0 + 1000),
          },
        ]);
        await asReader(database.db, reader('FRA'), (trx) =>
          recordSourceStatus(
            trx,
            {
              day: DAY,
              sourceId: 'camera-12',
              sourceKind: 'camera',
              status: 'down',
              sectors: ['sector-donetsk-south'],
              note: 'power cut',
            },
            { actor, at: AT },
          ),
        );
        const facts = await asReader(database.db, reader('FRA'), (trx) =>
          monitoringSectorFacts.loadSectorDays(trx, DAY, DAY),
        );
        expect(facts).toHaveLength(5);
        expect(facts.filter((f) => f.monitored).map((f) => f.sector)).toEqual(['sector-zaporizhzhia']);
        const total = facts.reduce((n, f) => n + f.incidents.length, 0);
        const fra = await asReader(database.db, reader('FRA'), (trx) => computeViolations(trx, DAY, DAY));
        expect(total).toBe(fra.violations.filter((v) => v.sector !== null).length);
        const sources = await asReader(database.db, reader('FRA'), (trx) => sourcesForDay(trx, DAY));
        expect(sources.map((s) => [s.sourceId, s.status])).toEqual([
          ['camera-12', 'down'],
          ['patrol-7', 'active'],
        ]);
      });

      it('counts a sector as watched for the whole coalition only from reports the coalition reads', async () => {
        // Issue 12: the re-evaluation runs as the owner and writes sector statuses every nation
        // reads; a report only Germany reads must not make a sector count as watched for all.
        const KYIV_DAY = '2026-11-25';
        await insertFixtureObservations(database.db, [
          {
            uid: 'obs-z-national',
            sourceId: 'deu-patrol-9',
            sourceKind: 'patrol',
            position: [35.8, 47.52],
            start: new Date(`${KYIV_DAY}T10:00:00Z`),
          },
        ]);
        await sql`update observation set rel_kind = 'NATIONAL', rel_nations = '{DEU}' where uid = 'obs-z-national'`.execute(
          database.db,
        );
        const key = `sector-zaporizhzhia\u0000${KYIV_DAY}`;
        // The owner reads everything; the coalition lens (what the re-evaluation writes from) and a
        // French reader do not see Germany's report; a German reader does.
        expect((await monitoredSectorDays(database.db, KYIV_DAY, KYIV_DAY)).has(key)).toBe(true);
        expect((await monitoredSectorDays(database.db, KYIV_DAY, KYIV_DAY, 'coalition')).has(key)).toBe(
          false,
        );
        const as = (nation: string) =>
          asReader(database.db, reader(nation), (trx) => monitoredSectorDays(trx, KYIV_DAY, KYIV_DAY));
        expect((await as('FRA')).has(key)).toBe(false);
        expect((await as('DEU')).has(key)).toBe(true);
        const facts = await monitoringSectorFacts.loadSectorDays(
          database.db,
          KYIV_DAY,
          KYIV_DAY,
          'coalition',
        );
        expect(facts.find((f) => f.sector === 'sector-zaporizhzhia')?.monitored).toBe(false);
        await sql`delete from observation where uid = 'obs-z-national'`.execute(database.db);
      });
    });

    it('the shipped file is the one the seed read', () => {
      expect(JSON.parse(readFileSync(DEMO_ZONES_FILE, 'utf8')).features).toHaveLength(9);
    });
  });
}
