import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicLengthKm, lineOfContact } from './contact-line.ts';
import { monitoringForce, populationBySide, readLandOption, SMM_MONITORING } from './land-options.ts';
import type { AreaGeometry } from './types.ts';

/** A square "country" 2° on a side around (35, 48), and an area covering its eastern half and beyond. */
const LAND: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [34, 47],
        [36, 47],
        [36, 49],
        [34, 49],
        [34, 47],
      ],
    ],
  ],
};
const EAST_HALF: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [35, 46],
        [37, 46],
        [37, 50],
        [35, 50],
        [35, 46],
      ],
    ],
  ],
};

describe('line of contact (core rule)', () => {
  it('keeps only the edge on land and away from the border, segment by segment (by its midpoint)', () => {
    const line = lineOfContact(EAST_HALF, LAND);
    // The area's west edge (35°E) crosses the square from 47°N to 49°N (about 222 km); its parts
    // within 5 km of the square's edge, and the edges outside the square, are not line.
    const crossing = geodesicLengthKm([
      [35, 47],
      [35, 49],
    ]);
    expect(line.segmentsRead).toBe(4);
    expect(line.segmentsTaken).toBe(1);
    // The segment from (35, 50) to (35, 46) has its midpoint at 48°N, inside: the whole segment counts.
    expect(line.lengthKm).toBeCloseTo(
      geodesicLengthKm([
        [35, 50],
        [35, 46],
      ]),
      6,
    );
    expect(crossing).toBeGreaterThan(221);
    expect(crossing).toBeLessThan(224);
  });

  it('finds no line for an area along the border', () => {
    const strip: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [35.99, 47.5],
            [36.5, 47.5],
            [36.5, 48.5],
            [35.99, 48.5],
            [35.99, 47.5],
          ],
        ],
      ],
    };
    expect(lineOfContact(strip, LAND).lengthKm).toBe(0);
  });
});

describe('reading a land option', () => {
  it('takes a line, drops heights (mixed 2-D and 3-D) and repeats, and says so', () => {
    const r = readLandOption({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [35, 53, 10],
          [35, 53],
          [35, 44],
        ],
      },
    });
    expect(r).toMatchObject({
      ok: true,
      kind: 'line',
      geometry: {
        coordinates: [
          [35, 53],
          [35, 44],
        ],
      },
    });
    if (r.ok) {
      expect(r.repaired.map((n) => n.reason)).toEqual([
        'mixed 2-D and 3-D positions: the height of 1 positions dropped',
        '1 repeated consecutive positions removed',
      ]);
    }
  });

  it('refuses what is not one line or one area, naming the field', () => {
    const cases: [unknown, string][] = [
      [null, 'body'],
      [{ type: 'FeatureCollection', features: [] }, 'features'],
      [{ type: 'Point', coordinates: [1, 2] }, 'geometry.type'],
      [{ type: 'LineString', coordinates: [[35, 48]] }, 'geometry.coordinates'],
      [
        {
          type: 'LineString',
          coordinates: [
            [35, 48],
            [200, 48],
          ],
        },
        'geometry.coordinates[1]',
      ],
      [
        {
          type: 'LineString',
          coordinates: [
            [48, 95],
            [35, 48],
          ],
        },
        'geometry.coordinates[0]',
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [35, 48],
              [36, 48],
              [35, 48],
            ],
          ],
        },
        'geometry.coordinates[0]',
      ],
    ];
    for (const [input, field] of cases) {
      const r = readLandOption(input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.problem.field, JSON.stringify(input)).toBe(field);
    }
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = readLandOption({ type: 'LineString', coordinates: input });
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('monitoring force and population rule', () => {
  it('sizes the force from the SMM parameter: 1.30 monitors per km, one patrol base per 50 km', () => {
    expect(SMM_MONITORING.monitorsPerKm).toBeCloseTo(600 / 460, 10);
    const m = monitoringForce(1120);
    expect(m).toMatchObject({ monitors: 1461, monitorsLow: 1344, monitorsHigh: 1600, patrolBases: 23 });
    expect(() => monitoringForce(-1)).toThrow(RangeError);
  });

  it('splits a unit by its land on each side and keeps every person', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            population: fc.integer({ min: 0, max: 5_000_000 }),
            landKm2: fc.double({ min: 1, max: 50_000, noNaN: true }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 27 },
        ),
        (units) => {
          const out = populationBySide(
            units.map((u, i) => ({
              code: `UA-${i}`,
              population: u.population,
              landKm2: u.landKm2,
              occupiedKm2: u.landKm2 * u.share,
            })),
          );
          expect(out.occupied + out.government).toBe(units.reduce((s, u) => s + u.population, 0));
        },
      ),
    );
    const one = populationBySide([{ code: 'UA-23', population: 1_000_000, landKm2: 100, occupiedKm2: 25 }]);
    expect(one.units[0]).toMatchObject({
      split: true,
      occupiedPopulation: 250_000,
      governmentPopulation: 750_000,
    });
    expect(
      populationBySide([{ code: 'UA-30', population: null, landKm2: 800, occupiedKm2: 0 }]).missing,
    ).toEqual(['UA-30']);
  });
});
