import { readFileSync } from 'node:fs';
import { parseReleasability } from '@guarantor/core/access';
import {
  type AreaGeometry,
  geodesicAreaKm2,
  lineOfContact,
  POPULATION_RULE,
  populationBySide,
  readPopulationCsv,
} from '@guarantor/core/territory';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { asReader } from '../access.ts';
import { verifyAudit } from '../audit.ts';
import type { GuarantorDatabase } from '../connection.ts';
import { controlAreaVersion, importControlAreas } from '../control-areas.ts';
import { controlAreaContactLine, ukraineLandOutline } from './contact-line.ts';
import { landOptionFacts, loadUnitPopulation } from './facts.ts';
import { landOptionRowId, landOptionVersion, listLandOptions, saveLandOption } from './versions.ts';

const LATE = sharedData(
  'frontline/deepstatemap_occupied_20260822.geojson',
  'DeepStateMap occupied area, 2026-08-22',
);
const POPULATION = sharedData(
  'territory/population_adm1.csv',
  'UNFPA population per first-level unit (TEST ONLY)',
);
const AT = new Date('2026-11-20T12:00:00Z');
const reader = (nation: string | null) => ({ nation, coalitionMember: nation !== null && nation !== 'CHE' });
const actor = (nation: string) => ({ username: `${nation.toLowerCase()}-analyst`, nation });
/** North to south along 35°E, from Russia through Ukraine into the Black Sea: walking it, east is left. */
const MERIDIAN_35 = {
  type: 'LineString',
  coordinates: [
    [35, 53],
    [35, 44],
  ],
};
const line = (coordinates: unknown) => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'LineString', coordinates },
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`land options on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    let land: AreaGeometry;
    beforeAll(async () => {
      database = await engine.open();
      land = JSON.parse((await ukraineLandOutline(database.db))!) as AreaGeometry;
    });
    afterAll(async () => {
      await database?.close();
    });
    const save = (nation: string, input: unknown, over: Partial<Parameters<typeof saveLandOption>[2]> = {}) =>
      asReader(database.db, reader(nation), (trx) =>
        saveLandOption(trx, input, {
          key: 'meridian',
          name: 'Along 35° East',
          description: '',
          occupiedSide: 'left',
          actor: actor(nation),
          label: parseReleasability(`NATIONAL ${nation}`),
          at: AT,
          ...over,
        }),
      );

    it.skipIf(LATE.skip)(
      'derives the line of contact from a control area, and core agrees with PostGIS within 0.1%',
      async () => {
        const file = JSON.parse(readFileSync(LATE.path, 'utf8'));
        const imported = await asReader(database.db, reader('FRA'), (trx) =>
          importControlAreas(trx, file, {
            side: 'occupied',
            asOf: '2026-08-22',
            source: 'deepstatemap',
            actor: actor('FRA'),
            label: parseReleasability('COALITION'),
            at: AT,
          }),
        );
        const id = landOptionRowId(imported.stored!.id.replace('ca-', 'lo-'))!;
        const pg = await asReader(database.db, reader('FRA'), (trx) => controlAreaContactLine(trx, id));
        const stored = await asReader(database.db, reader('FRA'), (trx) =>
          controlAreaVersion(trx, imported.stored!.id),
        );
        const core = lineOfContact(JSON.parse(stored!.geometry) as AreaGeometry, land);
        // The front from the Russian border north of Kharkiv to the Dnipro's mouth, drawn in
        // detail: about 1,100 km (the coast of Crimea and the Sea of Azov and the state border are not in it).
        console.info(
          `line of contact 2026-08-22: PostGIS ${pg!.lengthKm.toFixed(2)} km, core ${core.lengthKm.toFixed(2)} km, ${pg!.segmentsTaken} of ${pg!.segmentsRead} segments`,
        );
        expect(pg!.lengthKm).toBeGreaterThan(900);
        expect(pg!.lengthKm).toBeLessThan(1400);
        expect(Math.abs(core.lengthKm - pg!.lengthKm) / pg!.lengthKm).toBeLessThan(0.001);
        expect(core.segmentsRead).toBe(pg!.segmentsRead);
        // A hidden version has no line: the reader of another nation outside the coalition sees nothing.
        expect(
          await asReader(database.db, reader('CHE'), (trx) => controlAreaContactLine(trx, id)),
        ).toBeUndefined();
      },
    );

    it('saves a line option as versions, never overwriting, audited, and visible only where its label admits', async () => {
      const first = await save('FRA', MERIDIAN_35);
      expect(first.stored, JSON.stringify(first)).toMatchObject({
        option: 'meridian@FRA',
        version: 1,
        kind: 'line',
      });
      const second = await save('FRA', MERIDIAN_35, {
        occupiedSide: 'right',
        name: 'Along 35° East, west held',
      });
      expect(second.stored).toMatchObject({ option: 'meridian@FRA', version: 2, occupiedSide: 'right' });
      const again = await asReader(database.db, reader('FRA'), (trx) =>
        landOptionVersion(trx, first.stored!.id),
      );
      expect(again).toMatchObject({ version: 1, occupiedSide: 'left', name: 'Along 35° East' });
      // The latest version per option; every version on request.
      const fra = await asReader(database.db, reader('FRA'), (trx) => listLandOptions(trx));
      expect(fra.filter((o) => o.option === 'meridian@FRA').map((o) => o.version)).toEqual([2]);
      const all = await asReader(database.db, reader('FRA'), (trx) =>
        listLandOptions(trx, { allVersions: true }),
      );
      expect(all.filter((o) => o.option === 'meridian@FRA').map((o) => o.version)).toEqual([2, 1]);
      // NATIONAL FRA: another coalition nation sees neither the option nor its facts.
      const deu = await asReader(database.db, reader('DEU'), (trx) =>
        listLandOptions(trx, { allVersions: true }),
      );
      expect(deu.some((o) => o.option === 'meridian@FRA')).toBe(false);
      expect(
        await asReader(database.db, reader('DEU'), (trx) => landOptionVersion(trx, first.stored!.id)),
      ).toBeUndefined();
      expect(
        await asReader(database.db, reader('DEU'), (trx) =>
          landOptionFacts(trx, first.stored!.id, { currentRowId: null, bufferKm: 15, places: [] }),
        ),
      ).toBeUndefined();
      // REL TO FRA, DEU: both see it; a third nation does not.
      const rel = await save('FRA', MERIDIAN_35, {
        key: 'shared',
        label: parseReleasability('REL TO FRA, DEU'),
      });
      const seen = async (n: string) =>
        (await asReader(database.db, reader(n), (trx) => listLandOptions(trx))).some(
          (o) => o.id === rel.stored!.id,
        );
      expect([await seen('FRA'), await seen('DEU'), await seen('POL')]).toEqual([true, true, false]);
      // The application role may not rewrite a version.
      await expect(
        asReader(database.db, reader('FRA'), (trx) =>
          sql`update land_option_version set name = 'changed' where id = ${landOptionRowId(first.stored!.id)}`.execute(
            trx,
          ),
        ),
      ).rejects.toThrow(/permission denied/);
      const audit = await verifyAudit(database.db);
      expect(audit.ok).toBe(true);
      const entries = await database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'land_option.save')
        .execute();
      expect(entries.map((e) => e.entity_id)).toEqual(
        expect.arrayContaining([first.stored!.id, second.stored!.id]),
      );
    });

    it('refuses bad options naming the field, repairs heights and says so, and stores nothing refused', async () => {
      const before = await database.db
        .selectFrom('land_option_version')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const cases: [unknown, Partial<Parameters<typeof saveLandOption>[2]>, string, RegExp][] = [
        [
          line([
            [34, 53],
            [36, 44],
            [36, 53],
            [34, 44],
          ]),
          {},
          'geometry.coordinates',
          /crosses itself/,
        ],
        [
          line([
            [14, 50],
            [16, 51],
          ]),
          {},
          'geometry.coordinates',
          /does not cross Ukraine/,
        ],
        [
          line([
            [35, 53],
            [35, 48],
          ]),
          {},
          'geometry.coordinates[1]',
          /does not close an area against the border: it ends inside Ukraine at \[35,48\]/,
        ],
        [
          line([
            [35, 53],
            [35, 44],
          ]),
          { occupiedSide: null },
          'occupiedSide',
          /left or right/,
        ],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [36, 48],
                [37, 49],
                [37, 48],
                [36, 49],
                [36, 48],
              ],
            ],
          },
          { occupiedSide: null },
          'geometry.coordinates',
          /invalid \(Self-intersection/,
        ],
        [
          {
            type: 'MultiLineString',
            coordinates: [
              [
                [35, 53],
                [35, 44],
              ],
              [
                [36, 53],
                [36, 44],
              ],
            ],
          },
          {},
          'geometry.coordinates',
          /one line/,
        ],
        [{ type: 'Point', coordinates: [35, 48] }, {}, 'geometry.type', /not an option/],
        [
          line([
            [35, 53],
            ['x', 44],
          ]),
          {},
          'geometry.coordinates[1]',
          /finite numbers/,
        ],
        [
          line([
            [53, 35],
            [44, 35],
          ]),
          {},
          'geometry.coordinates',
          /does not cross Ukraine/,
        ],
        [
          {
            type: 'FeatureCollection',
            features: [
              line([
                [35, 53],
                [35, 44],
              ]),
              line([
                [36, 53],
                [36, 44],
              ]),
            ],
          },
          {},
          'features',
          /one line or one area/,
        ],
      ];
      for (const [input, over, field, reason] of cases) {
        const r = await save('FRA', input, { key: 'bad', ...over });
        expect(r.stored, JSON.stringify(input)).toBeNull();
        if (r.stored === null) {
          expect(r.problem.field, JSON.stringify(input)).toBe(field);
          expect(r.problem.reason).toMatch(reason);
        }
      }
      const after = await database.db
        .selectFrom('land_option_version')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      // Mixed 2-D and 3-D positions: heights dropped, reported.
      const mixed = await save(
        'FRA',
        line([
          [35.5, 53, 120],
          [35.5, 48],
          [35.5, 44, 0],
        ]),
        { key: 'mixed' },
      );
      expect(mixed.stored).not.toBeNull();
      if (mixed.stored)
        expect(mixed.repaired).toEqual([
          {
            index: 0,
            field: 'geometry.coordinates',
            reason: 'mixed 2-D and 3-D positions: the height of 2 positions dropped',
          },
        ]);
    });

    it('measures an option: both sides sum to the land, core agrees with PostGIS, buffer, units and the area-weighted population', async () => {
      const saved = await save('FRA', MERIDIAN_35, { key: 'measured' });
      const facts = (await asReader(database.db, reader('FRA'), (trx) =>
        landOptionFacts(trx, saved.stored!.id, {
          currentRowId: null,
          bufferKm: 15,
          places: [
            { name: 'Zaporizhzhia', position: [35.13, 47.84] },
            { name: 'Kharkiv', position: [36.25, 49.99] },
          ],
        }),
      ))!;
      console.info(
        `along 35°E: occupied ${facts.occupiedKm2.toFixed(0)} km², government ${facts.governmentKm2.toFixed(0)} km², line ${facts.line.lengthKm.toFixed(1)} km (core ${lineOfContact(JSON.parse(facts.occupiedGeometry) as AreaGeometry, land).lengthKm.toFixed(1)}), buffer ${facts.buffer.areaKm2.toFixed(0)} km²`,
      );
      expect(facts.occupiedKm2 + facts.governmentKm2).toBeCloseTo(facts.landKm2, -1);
      // East of 35°E: Luhansk, Donetsk, most of Kharkiv, the east of Zaporizhzhia and of Crimea.
      expect(facts.occupiedKm2).toBeGreaterThan(120_000);
      expect(facts.occupiedKm2).toBeLessThan(200_000);
      const occupied = JSON.parse(facts.occupiedGeometry) as AreaGeometry;
      expect(Math.abs(geodesicAreaKm2(occupied) - facts.occupiedKm2) / facts.occupiedKm2).toBeLessThan(0.001);
      const core = lineOfContact(occupied, land);
      expect(Math.abs(core.lengthKm - facts.line.lengthKm) / facts.line.lengthKm).toBeLessThan(0.001);
      // The line along 35°E over land: from the Russian border (about 51.2°N) to Crimea's south coast, less
      // the Sea of Azov's Crimean gulf; the rule drops 5 km at each end of each land crossing.
      expect(facts.line.lengthKm).toBeGreaterThan(450);
      expect(facts.line.lengthKm).toBeLessThan(700);
      expect(facts.buffer.areaKm2).toBeGreaterThan(facts.line.lengthKm * 25);
      expect(facts.buffer.areaKm2).toBeLessThan(facts.line.lengthKm * 31);
      expect(facts.buffer.settlements.map((s) => s.name)).toEqual(['Zaporizhzhia']);
      const split = facts.units
        .filter((u) => u.occupiedKm2 > 1 && u.occupiedKm2 < u.landKm2 - 1)
        .map((u) => u.code);
      expect(split).toEqual(expect.arrayContaining(['UA-23', 'UA-63', 'UA-43', 'UA-59']));
      expect(
        facts.units.find((u) => u.code === 'UA-09')!.occupiedKm2 /
          facts.units.find((u) => u.code === 'UA-09')!.landKm2,
      ).toBeGreaterThan(0.99);
      expect(facts.populationSource).toBeNull();
    });

    it('names the orders and caveats an option breaks, as the reader sees them', async () => {
      const at = AT.toISOString();
      await sql`insert into offer (id, nation, capability, quantity, unit, days_to_deploy, readiness, lifecycle, caveats, rel_kind, rel_nations)
        values ('DEU-90', 'DEU', 'monitoring_team', 2, 'team', 10, 'assessed', 'mandated',
                ${JSON.stringify([{ kind: 'min_distance_from_contact', minDistanceKm: 50 }])}::jsonb, 'COALITION', '{}'),
               ('DEU-91', 'DEU', 'monitoring_team', 2, 'team', 10, 'assessed', 'mandated', '[]'::jsonb, 'NATIONAL', '{DEU}')`.execute(
        database.db,
      );
      await sql`insert into deployment_order (id, offer_id, nation, quantity, region_code, line_of_effort, role, sector, state, gate,
                                              drafted_by, drafted_at, updated_at, rel_kind, rel_nations)
        values ('ORD-DEU-90', 'DEU-90', 'DEU', 1, 'UA-12', 'truce_monitoring', 'monitor', 's', 'issued', 'issuable', 't', ${at}, ${at}, 'COALITION', '{}'),
               ('ORD-DEU-91', 'DEU-90', 'DEU', 1, 'UA-09', 'truce_monitoring', 'monitor', 's', 'draft', 'issuable', 't', ${at}, ${at}, 'COALITION', '{}'),
               ('ORD-DEU-92', 'DEU-91', 'DEU', 1, 'UA-09', 'truce_monitoring', 'monitor', 's', 'draft', 'issuable', 't', ${at}, ${at}, 'NATIONAL', '{DEU}')`.execute(
        database.db,
      );
      const saved = await save('FRA', MERIDIAN_35, { key: 'breaks', label: parseReleasability('COALITION') });
      const breaksFor = async (nation: string) =>
        (await asReader(database.db, reader(nation), (trx) =>
          landOptionFacts(trx, saved.stored!.id, { currentRowId: null, bufferKm: 15, places: [] }),
        ))!.breaks;
      const fra = await breaksFor('FRA');
      // Luhansk would be wholly on the occupying side; Dnipropetrovsk is split, so its distance to the line is 0 km.
      expect(fra).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'order',
            id: 'ORD-DEU-91',
            severity: 'breaks',
            reason: expect.stringContaining('Luhansk Oblast would be held by the occupying side'),
          }),
          expect.objectContaining({
            kind: 'order',
            id: 'ORD-DEU-90',
            severity: 'affects',
            reason: expect.stringMatching(/% of Dnipropetrovsk Oblast would be held/),
          }),
          expect.objectContaining({
            kind: 'caveat',
            id: 'DEU-90',
            severity: 'breaks',
            reason: expect.stringContaining(
              'caveat "minimum 50 km from the line of contact" on order ORD-DEU-90: Dnipropetrovsk Oblast comes within 0 km',
            ),
          }),
        ]),
      );
      // The NATIONAL DEU order is France's to not see; Germany sees it.
      expect(fra.some((b) => b.id === 'ORD-DEU-92' || b.id === 'DEU-91')).toBe(false);
      expect((await breaksFor('DEU')).some((b) => b.id === 'ORD-DEU-92')).toBe(true);
    });

    it.skipIf(POPULATION.skip)(
      'splits population by land area (the stated rule), from a loaded table',
      async () => {
        const csv = parse(readFileSync(POPULATION.path, 'utf8'), { columns: true, bom: true }) as Record<
          string,
          string
        >[];
        const read = readPopulationCsv(csv);
        expect(read.problems).toEqual([]);
        await database.db
          .transaction()
          .execute((trx) =>
            loadUnitPopulation(trx, read.rows, { source: 'UNFPA COD-PS', at: AT, defaultYear: 2022 }),
          );
        const saved = await save('FRA', MERIDIAN_35, { key: 'population' });
        const facts = (await asReader(database.db, reader('FRA'), (trx) =>
          landOptionFacts(trx, saved.stored!.id, { currentRowId: null, bufferKm: 15, places: [] }),
        ))!;
        expect(facts.populationSource).toBe('UNFPA COD-PS (2022)');
        const sides = populationBySide(
          facts.units.map((u) => ({
            code: u.code,
            population: u.population,
            landKm2: u.landKm2,
            occupiedKm2: u.occupiedKm2,
          })),
        );
        expect(sides.missing).toEqual([]);
        expect(sides.occupied + sides.government).toBe(43_320_154);
        const zp = facts.units.find((u) => u.code === 'UA-23')!;
        const zpSplit = sides.units.find((u) => u.code === 'UA-23')!;
        expect(zpSplit.split).toBe(true);
        expect(zpSplit.occupiedPopulation).toBe(Math.round(zp.population! * (zp.occupiedKm2 / zp.landKm2)));
        expect(POPULATION_RULE).toMatch(/Area-weighted/);
      },
    );
  });
}
