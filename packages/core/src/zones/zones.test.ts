import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { CATEGORIES, type Category } from '../monitoring/types.ts';
import { compileRule, evaluateRule, type IncidentVerification } from '../phases/index.ts';
import {
  DEFAULT_VIOLATION_RULES,
  evaluateViolations,
  indexZones,
  readZoneCollection,
  toSectorDays,
  validateViolationRule,
  violationRuleProblems,
  type Zone,
  type ZoneIncident,
} from './index.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const DEMO = JSON.parse(readFileSync(resolve(ROOT, 'data/zones/demo-zones.geojson'), 'utf8'));

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as [number, number][],
  ],
});
const zone = (
  id: string,
  kind: Zone['kind'],
  geometry: Zone['geometry'],
  extra: Partial<Zone> = {},
): Zone => ({
  id,
  kind,
  name: id,
  weaponClasses: [],
  geometry,
  validFromMs: null,
  validToMs: null,
  illustrative: true,
  ...extra,
});

// Two sectors side by side, a buffer straddling their border, a withdrawal zone for artillery.
const ZONES: readonly Zone[] = [
  zone('s-west', 'sector', square(0, 0, 1, 1)),
  zone('s-east', 'sector', square(1, 0, 2, 1)),
  zone('buffer', 'buffer_zone', square(0.8, 0, 1.2, 1)),
  zone('wd-art', 'weapons_withdrawal', square(0.5, 0, 1.5, 1), { weaponClasses: ['artillery_100mm_plus'] }),
];
const T = Date.parse('2026-11-26T10:00:00Z');
const incident = (
  id: string,
  category: Category,
  lng: number,
  extra: Partial<ZoneIncident> = {},
): ZoneIncident => ({
  id,
  category,
  position: [lng, 0.5],
  timeMs: T,
  verification: 'reported',
  count: 1,
  ...extra,
});

describe('zone import', () => {
  const fcOf = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
  const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
    type: 'Feature',
    properties,
    geometry,
  });

  it('accepts every shipped demo zone, all illustrative', () => {
    const result = readZoneCollection(DEMO);
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((z) => z.kind).sort()).toEqual([
      'buffer_zone',
      'line_of_contact',
      'sector',
      'sector',
      'sector',
      'sector',
      'sector',
      'weapons_withdrawal',
      'weapons_withdrawal',
    ]);
    expect(result.accepted.every((z) => z.illustrative)).toBe(true);
  });

  it('names the feature index and the field of each problem', () => {
    const result = readZoneCollection(
      fcOf(
        feature({ kind: 'sector', name: 'ok' }, square(0, 0, 1, 1)),
        feature(
          { kind: 'buffer_zone', name: 'a line' },
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ),
        feature({ kind: 'sector', name: 'lat first' }, square(30, 48, 200, 49)),
        feature(
          { kind: 'sector', name: 'bow tie' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [2, 2],
                [2, 0],
                [0, 2],
                [0, 0],
              ],
            ],
          },
        ),
        feature(
          { kind: 'sector', name: 'open' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        ),
        feature({ kind: 'weapons_withdrawal', name: 'no class' }, square(0, 0, 1, 1)),
        feature({ kind: 'moat', name: 'x' }, square(0, 0, 1, 1)),
        feature({ kind: 'sector', name: 'ok' }, square(0, 0, 1, 1)),
        feature({ kind: 'line_of_contact', name: 'poly line' }, square(0, 0, 1, 1)),
        feature({ kind: 'sector', name: 'label', releasability: 'REL TO XX' }, square(0, 0, 1, 1)),
      ),
    );
    expect(result.read).toBe(10);
    expect(result.accepted.map((z) => z.id)).toEqual(['ok']);
    expect(result.rejected.map((p) => [p.index, p.field, p.code])).toEqual([
      [1, 'geometry.type', 'zone.wrong_geometry'],
      [2, 'geometry.coordinates[0][1]', 'zone.bad_coordinates'],
      [3, 'geometry.coordinates', 'zone.self_intersection'],
      [4, 'geometry.coordinates[0]', 'zone.open_ring'],
      [5, 'properties.weaponClasses', 'zone.missing'],
      [6, 'properties.kind', 'zone.unknown_value'],
      [7, 'properties.id', 'zone.duplicate_id'],
      [8, 'geometry.type', 'zone.wrong_geometry'],
      [9, 'properties.releasability', 'zone.bad_label'],
    ]);
    expect(result.rejected[0]!.message).toBe('a buffer_zone must be Polygon or MultiPolygon, not LineString');
    expect(result.rejected[1]!.message).toBe('longitude 200 is outside [-180, 180]');
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(readZoneCollection({ type: 'Feature' }).rejected[0]).toMatchObject({
      index: -1,
      code: 'zone.not_feature_collection',
    });
  });
});

describe('violation rules', () => {
  it('the default set validates and is returned unchanged up to category order', () => {
    for (const rule of DEFAULT_VIOLATION_RULES) {
      expect(validateViolationRule(rule)).toEqual({ ...rule, categories: [...rule.categories].sort() });
    }
  });

  it('refuses a rule naming an unknown category, or a line as its zone', () => {
    expect(() =>
      validateViolationRule({ id: 'x1', name: 'x', categories: ['shelling'], anywhere: true }),
    ).toThrow(/categories\[0\]: 'shelling' is not a category/);
    expect(() =>
      validateViolationRule({ id: 'x1', name: 'x', categories: ['other'], zoneKind: 'line_of_contact' }),
    ).toThrow(/zoneKind: must be an area zone kind/);
  });

  it('lists every problem of a definition at once, not the first only', () => {
    expect(violationRuleProblems({}).map((p) => p.field)).toEqual(['id', 'name', 'categories', 'zoneKind']);
    expect(
      violationRuleProblems({
        id: 'ok-1',
        name: 'x',
        categories: ['nope', 'other'],
        zoneKind: 'sector',
        weaponClassMatch: true,
      }),
    ).toEqual([
      { field: 'categories[0]', message: expect.stringContaining("'nope' is not a category") },
      { field: 'weaponClassMatch', message: 'applies only to zoneKind weapons_withdrawal' },
    ]);
    for (const hostile of [null, [], 'rule', 42])
      expect(violationRuleProblems(hostile)).toEqual([{ field: 'rule', message: 'must be an object' }]);
  });
});

describe('violation evaluator', () => {
  it('applies the default rules: fire in the buffer, heavy weapons by class, movement restrictions anywhere', () => {
    const { violations } = evaluateViolations(
      [
        incident('a-fire-buffer', 'explosion_impact', 0.9),
        incident('b-fire-outside', 'explosion_impact', 0.2),
        incident('c-art-in-zone', 'heavy_weapon_sighting', 0.6, { weaponClass: 'artillery_100mm_plus' }),
        incident('d-tank-in-art-zone', 'heavy_weapon_sighting', 0.6, { weaponClass: 'tanks' }),
        incident('e-unknown-class', 'heavy_weapon_sighting', 1.4),
        incident('f-fom', 'fom_restriction', 0.1),
        incident('g-dismissed', 'explosion_impact', 0.9, { verification: 'dismissed' }),
        incident('h-outside-sectors', 'fom_restriction', 5),
      ],
      ZONES,
      DEFAULT_VIOLATION_RULES,
    );
    expect(violations.map((v) => [v.incidentId, v.sector, v.ruleIds.join()])).toEqual([
      ['a-fire-buffer', 's-west', 'fire-in-buffer'],
      ['c-art-in-zone', 's-west', 'heavy-weapon-in-withdrawal-zone'],
      ['e-unknown-class', 's-east', 'heavy-weapon-in-withdrawal-zone'],
      ['f-fom', 's-west', 'fom-restriction'],
      ['h-outside-sectors', null, 'fom-restriction'],
    ]);
  });

  it('counts per sector, day and category at each verification level, summing the counts', () => {
    const { counts } = evaluateViolations(
      [
        incident('a', 'explosion_impact', 0.9, { count: 48 }),
        incident('b', 'explosion_impact', 0.85, { verification: 'corroborated', count: 2 }),
        incident('c', 'explosion_impact', 0.95, { verification: 'verified', count: 3 }),
        incident('d', 'explosion_impact', 0.95, { verification: 'attributed', count: 1 }),
        incident('e', 'explosion_impact', 0.95, { timeMs: T + 86_400_000 }),
      ],
      ZONES,
      DEFAULT_VIOLATION_RULES,
    );
    expect(counts).toEqual([
      {
        sector: 's-west',
        date: '2026-11-26',
        category: 'explosion_impact',
        incidents: 4,
        all: 54,
        corroborated: 6,
        verified: 4,
      },
      {
        sector: 's-west',
        date: '2026-11-27',
        category: 'explosion_impact',
        incidents: 1,
        all: 1,
        corroborated: 0,
        verified: 0,
      },
    ]);
  });

  it('a point on a shared sector border goes to the first sector by id, as the SQL does', () => {
    const { violations } = evaluateViolations(
      [incident('x', 'fom_restriction', 1)],
      ZONES,
      DEFAULT_VIOLATION_RULES,
    );
    expect(violations[0]!.sector).toBe('s-east');
    expect(violations[0]!.zoneIds).toEqual(['buffer', 's-east', 's-west', 'wd-art']);
  });

  it('uses a zone only while it is valid', () => {
    const later = zone('buffer', 'buffer_zone', square(0.8, 0, 1.2, 1), { validFromMs: T + 1 });
    const { violations } = evaluateViolations(
      [incident('a', 'explosion_impact', 0.9)],
      [...ZONES.filter((z) => z.id !== 'buffer'), later],
      DEFAULT_VIOLATION_RULES,
    );
    expect(violations).toEqual([]);
  });

  const arbIncident = fc.record({
    id: fc.uuid(),
    category: fc.constantFrom(...CATEGORIES),
    position: fc.tuple(
      fc.double({ min: -0.5, max: 2.5, noNaN: true }),
      fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    ),
    timeMs: fc.integer({ min: T - 5 * 86_400_000, max: T + 5 * 86_400_000 }),
    verification: fc.constantFrom<IncidentVerification>(
      'reported',
      'corroborated',
      'verified',
      'attributed',
      'dismissed',
    ),
    count: fc.integer({ min: 1, max: 50 }),
    weaponClass: fc.constantFrom(null, 'artillery_100mm_plus' as const, 'tanks' as const),
  });
  const arbIncidents = fc.uniqueArray(arbIncident, { selector: (i) => i.id, maxLength: 60 });

  it('property: the same incidents, zones and rules in any order give the same result', () => {
    fc.assert(
      fc.property(arbIncidents, (incidents) => {
        const reversed = [...incidents].reverse();
        const a = evaluateViolations(incidents, ZONES, DEFAULT_VIOLATION_RULES);
        const b = evaluateViolations(reversed, [...ZONES].reverse(), [...DEFAULT_VIOLATION_RULES].reverse());
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('property: the indexed lookup finds exactly the zones a scan of every zone finds', () => {
    const index = indexZones(ZONES);
    fc.assert(
      fc.property(arbIncident, (i) => {
        const scan = ZONES.filter((z) =>
          booleanPointInPolygon([...i.position], z.geometry as unknown as Polygon | MultiPolygon),
        ).map((z) => z.id);
        expect(index.containing(i.position, i.timeMs).map((z) => z.id)).toEqual(scan.sort());
      }),
      { numRuns: 300 },
    );
  });

  it('property: counts add up to the violations, and verified <= corroborated <= all', () => {
    fc.assert(
      fc.property(arbIncidents, (incidents) => {
        const { violations, counts } = evaluateViolations(incidents, ZONES, DEFAULT_VIOLATION_RULES);
        expect(counts.reduce((n, c) => n + c.all, 0)).toBe(violations.reduce((n, v) => n + v.count, 0));
        expect(counts.reduce((n, c) => n + c.incidents, 0)).toBe(violations.length);
        for (const c of counts) expect(c.verified <= c.corroborated && c.corroborated <= c.all).toBe(true);
        expect(violations.some((v) => v.verification === 'dismissed')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('property: adding a zone never removes a violation', () => {
    fc.assert(
      fc.property(
        arbIncidents,
        fc.tuple(fc.double({ min: 0, max: 1 }), fc.double({ min: 0, max: 1 })),
        (incidents, [a, b]) => {
          const extra = zone(
            'extra',
            'buffer_zone',
            square(Math.min(a, b) * 2, 0, Math.max(a, b) * 2 + 0.01, 1),
          );
          const before = new Set(
            evaluateViolations(incidents, ZONES, DEFAULT_VIOLATION_RULES).violations.map((v) => v.incidentId),
          );
          const after = new Set(
            evaluateViolations(incidents, [...ZONES, extra], DEFAULT_VIOLATION_RULES).violations.map(
              (v) => v.incidentId,
            ),
          );
          for (const id of before) expect(after.has(id)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('adapter to the ceasefire gate', () => {
  it('gives phases sector-days it evaluates: buffer fire and heavy weapons in withdrawal_zone', () => {
    const { violations } = evaluateViolations(
      [
        ...Array.from({ length: 6 }, (_, k) =>
          incident(`fire-${k}`, 'explosion_impact', 0.9, { verification: 'verified' }),
        ),
        incident('art', 'heavy_weapon_sighting', 1.1, {
          verification: 'verified',
          weaponClass: 'artillery_100mm_plus',
        }),
      ],
      ZONES,
      DEFAULT_VIOLATION_RULES,
    );
    const dates = ['2026-11-25', '2026-11-26'];
    const facts = toSectorDays(
      violations,
      ['s-west', 's-east'],
      dates,
      (s, d) => !(s === 's-east' && d === '2026-11-25'),
    );
    expect(facts).toHaveLength(4);
    expect(facts.find((f) => f.sector === 's-east' && f.date === '2026-11-25')!.monitored).toBe(false);
    const vocabulary = { sectors: ['s-west', 's-east'], zones: ['buffer_zone', 'withdrawal_zone'] };
    const quiet = evaluateRule(
      compileRule(
        { id: 'q', version: 1, text: 'every sector: verified violations per day <= 5 for 2 days' },
        vocabulary,
      ),
      { asOf: '2026-11-26', sectors: vocabulary.sectors, facts },
    );
    expect(quiet.sectors.map((s) => [s.sector, s.pass])).toEqual([
      ['s-west', false],
      ['s-east', true],
    ]);
    const heavy = evaluateRule(
      compileRule(
        { id: 'h', version: 1, text: 'no verified heavy_weapon_sighting in withdrawal_zone for 2 days' },
        vocabulary,
      ),
      { asOf: '2026-11-26', sectors: vocabulary.sectors, facts },
    );
    expect(heavy.sectors.map((s) => [s.sector, s.pass])).toEqual([
      ['s-west', true],
      ['s-east', false],
    ]);
  });
});

const FRONT = sharedData(
  'frontline/deepstatemap_occupied_20260822.geojson',
  'DeepStateMap occupied-area test',
);
describe.skipIf(FRONT.skip)('TEST ONLY DeepStateMap occupied area (../shared/data, not shipped)', () => {
  it('places a point deep in the occupied area and one in Kyiv on the expected sides, and the importer reads it as sectors', () => {
    const raw = JSON.parse(readFileSync(FRONT.path, 'utf8'));
    const areas = {
      type: 'FeatureCollection',
      features: raw.features
        .filter(
          (f: { geometry?: { type?: string } }) =>
            f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
        )
        .map((f: { geometry: unknown }, i: number) => ({
          type: 'Feature',
          properties: { id: `occupied-${i}`, kind: 'sector', name: `occupied ${i}` },
          geometry: f.geometry,
        })),
    };
    const result = readZoneCollection(areas);
    expect(result.accepted.length).toBeGreaterThan(0);
    const index = indexZones(result.accepted);
    expect(index.containing([37.8, 48.0], T).length).toBeGreaterThan(0); // Donetsk city
    expect(index.containing([30.52, 50.45], T)).toEqual([]); // Kyiv
  });
});

const GEOBOUNDARIES = sharedData(
  'boundaries/geoBoundaries-UKR-ADM1_simplified.geojson',
  'zones read from a file laid out by geoBoundaries',
);
const CROSSINGS = sharedData(
  'boundaries/ocha_UKR_Border_Crossings_20230530.geojson',
  'a file of points mixed in',
);

describe.skipIf(GEOBOUNDARIES.skip || CROSSINGS.skip)(
  'zones from files laid out by others (real files, ../shared/data)',
  () => {
    const adm1 = () => JSON.parse(readFileSync(GEOBOUNDARIES.path, 'utf8'));
    const crossings = () => JSON.parse(readFileSync(CROSSINGS.path, 'utf8'));

    it('reads geoBoundaries ADM1 as sectors: one kind for all, the name and id from its own properties', () => {
      const plain = readZoneCollection(adm1());
      expect(plain.accepted).toEqual([]);
      expect(plain.rejected).toHaveLength(27);
      expect(plain.rejected[0]).toMatchObject({ field: 'properties.kind', code: 'zone.missing' });
      expect(plain.rejected[0]!.message).toContain('--kind sector');
      const read = readZoneCollection(adm1(), {
        kind: 'sector',
        nameField: 'shapeName',
        idField: 'shapeISO',
      });
      expect(read.rejected).toEqual([]);
      expect(read.accepted).toHaveLength(27);
      expect(read.accepted.find((z) => z.id === 'ua-14')).toMatchObject({
        kind: 'sector',
        name: 'Donetsk Oblast',
      });
    });

    it('skips the points of a mixed file when asked, listing each, and refuses them otherwise', () => {
      const mixed = { type: 'FeatureCollection', features: [...adm1().features, ...crossings().features] };
      const options = { kind: 'sector', nameField: 'shapeName', idField: 'shapeISO' } as const;
      const refused = readZoneCollection(mixed, options);
      const points = crossings().features.length;
      // The crossings name themselves in other properties: every one is refused, each with its reasons.
      expect(refused.rejected).toHaveLength(points);
      const named = readZoneCollection(
        {
          type: 'FeatureCollection',
          features: mixed.features.map((f: { properties: Record<string, unknown> }) => ({
            ...f,
            properties: { shapeName: 'crossing', ...f.properties },
          })),
        },
        { ...options, skipWrongGeometry: true },
      );
      expect(named.accepted).toHaveLength(27);
      expect(named.skipped).toHaveLength(points);
      expect(named.skipped[0]).toMatchObject({
        index: 27,
        code: 'zone.wrong_geometry',
        field: 'geometry.type',
      });
      expect(named.rejected).toEqual([]);
    });
  },
);

describe('zone ids that collide', () => {
  it('names every feature involved, on each of the later ones', () => {
    const f = (name: string, id: string) => ({
      type: 'Feature',
      properties: { kind: 'sector', name, id },
      geometry: square(36, 48, 36.1, 48.1),
    });
    const read = readZoneCollection({
      type: 'FeatureCollection',
      features: [f('North', 's-1'), f('East', 's-2'), f('South', 's-1'), f('West', 's-1')],
    });
    expect(read.rejected.map((p) => [p.index, p.code])).toEqual([
      [2, 'zone.duplicate_id'],
      [3, 'zone.duplicate_id'],
    ]);
    expect(read.rejected[0]!.message).toBe(
      "'s-1' is the id of features 0 (North), 2 (South), 3 (West); give each zone its own id",
    );
  });
});
