import { readFileSync } from 'node:fs';
import { parseReleasability } from '@guarantor/core/access';
import {
  controlChange,
  geodesicAreaKm2,
  readControlAreas,
  UKRAINE_OFFICIAL_AREA_KM2,
} from '@guarantor/core/territory';
import { area as turfArea } from '@turf/turf';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { sharedData } from '../../../test/support/shared-data.ts';
import { asReader } from './access.ts';
import { verifyAudit } from './audit.ts';
import type { GuarantorDatabase } from './connection.ts';
import {
  controlAreaChange,
  controlAreaVersion,
  controlAreaVersionOn,
  importControlAreas,
  listControlAreaVersions,
  ukraineBoundariesKm2,
} from './control-areas.ts';

const EARLY = sharedData(
  'frontline/deepstatemap_occupied_20250102.geojson',
  'DeepStateMap occupied area, 2025-01-02',
);
const LATE = sharedData(
  'frontline/deepstatemap_occupied_20260822.geojson',
  'DeepStateMap occupied area, 2026-08-22',
);
const AT = new Date('2026-11-20T12:00:00Z');
const reader = (nation: string | null) => ({ nation, coalitionMember: nation !== null });
const options = (over: Partial<Parameters<typeof importControlAreas>[2]> = {}) => ({
  side: 'occupied' as const,
  asOf: '2025-01-02',
  source: 'deepstatemap',
  actor: { username: 'fra-analyst', nation: 'FRA' },
  label: parseReleasability('COALITION'),
  at: AT,
  ...over,
});
const square = (x: number, y: number, d = 0.5): [number, number][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`control areas on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(async () => {
      await database?.close();
    });
    const importAs = (nation: string, input: unknown, over: Parameters<typeof options>[0] = {}) =>
      asReader(database.db, reader(nation), (trx) => importControlAreas(trx, input, options(over)));

    it('repairs a self-touching ring with ST_MakeValid, skips lines and points, and says so by feature', async () => {
      // A bow tie: the ring crosses itself at (36.25, 48.25).
      const bowTie = [
        [36, 48],
        [36.5, 48.5],
        [36.5, 48],
        [36, 48.5],
        [36, 48],
      ];
      const result = await importAs(
        'FRA',
        {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [36, 48] } },
            { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [bowTie] } },
            {
              type: 'Feature',
              properties: {},
              geometry: {
                type: 'LineString',
                coordinates: [
                  [36, 48],
                  [37, 49, 100],
                ],
              },
            },
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Polygon', coordinates: [square(37, 48).map(([x, y]) => [x, y, 0])] },
            },
          ],
        },
        { asOf: '2024-06-01', source: 'staff-map' },
      );
      expect(result.refused).toBeUndefined();
      expect(result.skipped.map((n) => [n.index, n.field])).toEqual([
        [0, 'geometry.type'],
        [2, 'geometry.type'],
      ]);
      expect(result.repaired).toEqual([
        {
          index: 1,
          field: 'geometry',
          reason: expect.stringMatching(/^invalid \(Self-intersection.*\): repaired with ST_MakeValid$/),
        },
        {
          index: 3,
          field: 'geometry.coordinates',
          reason: expect.stringContaining('height of 5 positions dropped'),
        },
      ]);
      expect(result.stored).toMatchObject({
        version: 1,
        source: 'staff-map@FRA',
        featuresRead: 4,
        featuresTaken: 2,
      });
      // The bow tie's two triangles (a quarter of the square each) and the square.
      const squareKm2 = geodesicAreaKm2({ type: 'Polygon', coordinates: [square(37, 48)] });
      expect(result.stored!.areaKm2).toBeCloseTo(squareKm2 * 1.5, 0);
    });

    it('stores nothing when no feature is an area, and rolls back whole when the write fails', async () => {
      const before = await listControlAreaVersions(database.db);
      const none = await importAs('FRA', {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [30, 48],
            [31, 49],
          ],
        },
      });
      expect(none.stored).toBeNull();
      expect(none.refused).toContain('no area in the file');
      // A second version of the same source and date is version 2; a failure after the insert
      // (here: an audit append refused) leaves neither the version nor its audit entry.
      await expect(
        database.db.transaction().execute(async (trx) => {
          await importControlAreas(
            trx,
            { type: 'Polygon', coordinates: [square(30, 50)] },
            options({ asOf: '2024-06-01', source: 'staff-map', actor: { username: 'x', nation: 'FRA' } }),
          );
          throw new Error('crash after the write');
        }),
      ).rejects.toThrow('crash after the write');
      expect(await listControlAreaVersions(database.db)).toEqual(before);
      const second = await importAs(
        'FRA',
        { type: 'Polygon', coordinates: [square(30, 50)] },
        { asOf: '2024-06-01', source: 'staff-map' },
      );
      expect(second.stored?.version).toBe(2);
      expect((await verifyAudit(database.db)).ok).toBe(true);
    });

    it('never overwrites a version: the application role may not update or delete one', async () => {
      const error = await asReader(database.db, reader('FRA'), (trx) =>
        sql`update control_area_version set area_km2 = 0`.execute(trx),
      ).catch((e: Error) => e);
      expect(String(error)).toContain('permission denied');
      const del = await asReader(database.db, reader('FRA'), (trx) =>
        sql`delete from control_area_version`.execute(trx),
      ).catch((e: Error) => e);
      expect(String(del)).toContain('permission denied');
    });

    it('keeps a NATIONAL version to its nation on every read path', async () => {
      const own = await importAs(
        'DEU',
        { type: 'Polygon', coordinates: [square(33, 49)] },
        {
          asOf: '2024-07-01',
          source: 'bnd',
          label: parseReleasability('NATIONAL DEU'),
          actor: { username: 'deu-analyst', nation: 'DEU' },
        },
      );
      const id = own.stored!.id;
      const deu = await asReader(database.db, reader('DEU'), (trx) => listControlAreaVersions(trx));
      const fra = await asReader(database.db, reader('FRA'), (trx) => listControlAreaVersions(trx));
      expect(deu.map((v) => v.id)).toContain(id);
      expect(fra.map((v) => v.id)).not.toContain(id);
      expect(
        await asReader(database.db, reader('FRA'), (trx) => controlAreaVersion(trx, id)),
      ).toBeUndefined();
      expect(
        (await asReader(database.db, reader('DEU'), (trx) => controlAreaVersion(trx, id)))?.releasability,
      ).toBe('NATIONAL DEU');
      expect(
        (
          await asReader(database.db, reader('FRA'), (trx) =>
            controlAreaVersionOn(trx, 'occupied', '2024-07-31'),
          )
        )?.id,
      ).not.toBe(id);
      expect(
        (
          await asReader(database.db, reader('DEU'), (trx) =>
            controlAreaVersionOn(trx, 'occupied', '2024-07-31'),
          )
        )?.id,
      ).toBe(id);
      expect(await asReader(database.db, reader(null), (trx) => listControlAreaVersions(trx))).toEqual([]);
    });

    it.skipIf(EARLY.skip ?? LATE.skip)(
      'imports the two DeepStateMap files and measures the change per oblast; core agrees with PostGIS within 0.1%',
      async () => {
        const early = JSON.parse(readFileSync(EARLY.path, 'utf8'));
        const late = JSON.parse(readFileSync(LATE.path, 'utf8'));
        const a = (await importAs('FRA', early, { asOf: '2025-01-02' })).stored!;
        const b = (await importAs('FRA', late, { asOf: '2026-08-22' })).stored!;
        expect(a).toMatchObject({
          source: 'deepstatemap@FRA',
          featuresRead: 1,
          featuresTaken: 1,
          skipped: [],
          repaired: [],
        });
        // PostGIS on the spheroid; about 18.5% and 19.4% of Ukraine.
        expect(a.areaKm2).toBeGreaterThan(111_000);
        expect(a.areaKm2).toBeLessThan(113_000);
        expect(b.areaKm2).toBeGreaterThan(a.areaKm2);
        for (const [file, stored] of [
          [early, a],
          [late, b],
        ] as const) {
          const parts = readControlAreas(file).parts;
          const core = parts.reduce((s, p) => s + geodesicAreaKm2(p.geometry), 0);
          expect(Math.abs(core - stored.areaKm2) / stored.areaKm2).toBeLessThan(0.001);
          // The sphere of @turf/area is further off: why core does not use it (ADR 0028).
          const turf = turfArea(file) / 1e6;
          expect(Math.abs(turf - stored.areaKm2) / stored.areaKm2).toBeGreaterThan(
            Math.abs(core - stored.areaKm2) / stored.areaKm2,
          );
        }
        const from = await asReader(database.db, reader('FRA'), (trx) =>
          controlAreaVersionOn(trx, 'occupied', '2025-01-31'),
        );
        const to = await asReader(database.db, reader('FRA'), (trx) =>
          controlAreaVersionOn(trx, 'occupied', '2026-08-22'),
        );
        expect([from?.id, to?.id]).toEqual([a.id, b.id]);
        const change = await asReader(database.db, reader('FRA'), (trx) =>
          controlAreaChange(trx, from!, to!),
        );
        expect(change.units).toHaveLength(27);
        const net = change.totals.gainedKm2 - change.totals.lostKm2;
        expect(net).toBeCloseTo(b.areaKm2 - a.areaKm2, 0);
        expect(change.totals.gainedKm2).toBeGreaterThan(change.totals.lostKm2);
        // The same change in core (turf's clipping, core's geodesic area) within 0.1% of PostGIS.
        const coreChange = controlChange(
          readControlAreas(early).parts.map((p) => p.geometry),
          readControlAreas(late).parts.map((p) => p.geometry),
        );
        expect(
          Math.abs(coreChange.gainedKm2 - change.totals.gainedKm2) / change.totals.gainedKm2,
        ).toBeLessThan(0.001);
        expect(Math.abs(coreChange.lostKm2 - change.totals.lostKm2) / change.totals.lostKm2).toBeLessThan(
          0.001,
        );
        const donetsk = change.units.find((u) => u.code === 'UA-14')!;
        expect(donetsk.gainedKm2).toBeGreaterThan(1000);
        expect(donetsk.toKm2).toBeGreaterThan(donetsk.fromKm2);
        const lviv = change.units.find((u) => u.code === 'UA-46')!;
        expect(lviv).toMatchObject({ fromKm2: 0, toKm2: 0, gainedKm2: 0, lostKm2: 0 });
        // Per-unit gains add up to the total, less what lies outside the simplified outlines.
        const unitGained = change.units.reduce((s, u) => s + u.gainedKm2, 0);
        expect(unitGained).toBeLessThanOrEqual(change.totals.gainedKm2 + 1);
        expect(unitGained).toBeGreaterThan(change.totals.gainedKm2 * 0.95);
        // Both baselines, each naming its denominator.
        const boundaries = await ukraineBoundariesKm2(database.db);
        expect(boundaries).toBeGreaterThan(630_000);
        expect(boundaries).toBeLessThan(645_000);
        expect(change.share.from.officialKm2).toBe(UKRAINE_OFFICIAL_AREA_KM2);
        expect(change.share.from.boundariesKm2).toBeCloseTo(boundaries, 3);
        expect(change.share.from.official).toBeCloseTo(a.areaKm2 / 603_628, 10);
        expect(change.share.from.official).toBeGreaterThan(change.share.from.boundaries);
        expect(JSON.parse(change.gainedGeometry).type).toMatch(/Polygon/);
      },
    );
  });
}
