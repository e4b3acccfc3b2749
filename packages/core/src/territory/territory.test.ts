import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicAreaKm2, ringAreaM2 } from './area.ts';
import { controlChange } from './change.ts';
import { MAX_CONTROL_AREA_POSITIONS, readControlAreas } from './import.ts';
import { shareOfUkraine, UKRAINE_OFFICIAL_AREA_KM2 } from './types.ts';

const square = (x: number, y: number, d = 1) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
const feature = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('reading a control-area file', () => {
  it('takes the areas of a mixed file and says what it skipped and why, feature by feature', () => {
    const read = readControlAreas(
      collection(
        feature({ type: 'Polygon', coordinates: [square(36, 48)] }),
        feature({
          type: 'LineString',
          coordinates: [
            [36, 48],
            [37, 49],
          ],
        }),
        feature({ type: 'Point', coordinates: [36, 48] }),
        feature({ type: 'MultiPolygon', coordinates: [[square(38, 47)], [square(39, 47)]] }),
        feature(null),
        'not a feature',
        feature({
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', coordinates: [square(30, 50)] },
            { type: 'Point', coordinates: [1, 2] },
          ],
        }),
      ),
    );
    expect(read.read).toBe(7);
    expect(read.parts.map((p) => p.index)).toEqual([0, 3, 6]);
    expect(read.parts[1]!.geometry.coordinates).toHaveLength(2);
    expect(read.skipped).toEqual([
      {
        index: 1,
        field: 'geometry.type',
        reason: 'a LineString is not an area (a line, not the area it bounds)',
      },
      { index: 2, field: 'geometry.type', reason: 'a Point is not an area (a place or marker)' },
      { index: 4, field: 'geometry', reason: 'no geometry (null or not an object): nothing to take' },
      { index: 5, field: 'type', reason: 'not a GeoJSON Feature' },
      {
        index: 6,
        field: 'geometry.geometries[1].type',
        reason: 'a Point is not an area (a place or marker)',
      },
    ]);
    expect(read.repaired).toEqual([]);
    expect(read.refused).toBeUndefined();
  });

  it('drops heights, removes repeated positions and closes open rings, saying so', () => {
    const ring3d = [
      [36, 48, 120],
      [37, 48, 121],
      [37, 48, 121],
      [37, 49, 0],
      [36, 49, 5],
    ];
    const read = readControlAreas(collection(feature({ type: 'Polygon', coordinates: [ring3d] })));
    expect(read.parts).toHaveLength(1);
    expect(read.parts[0]!.geometry.coordinates[0]![0]).toEqual([
      [36, 48],
      [37, 48],
      [37, 49],
      [36, 49],
      [36, 48],
    ]);
    expect(read.repaired.map((n) => n.reason)).toEqual([
      '3-D coordinates: the height of 5 positions dropped (areas are measured on the ellipsoid)',
      '1 repeated consecutive positions removed',
      'the ring was open: closed with its first position',
    ]);
    expect(read.repaired[2]!.field).toBe('geometry.coordinates[0]');
  });

  it('skips a feature with an unreadable coordinate whole, naming the position; keeps the others', () => {
    const bad = square(36, 48) as unknown[];
    bad[2] = [48.5, 95];
    const read = readControlAreas(
      collection(
        feature({ type: 'Polygon', coordinates: [bad] }),
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [36, 48],
              ['x', 1],
              [37, 49],
              [36, 48],
            ],
          ],
        }),
        feature({ type: 'Polygon', coordinates: [square(30, 50)] }),
      ),
    );
    expect(read.parts.map((p) => p.index)).toEqual([2]);
    expect(read.skipped).toEqual([
      {
        index: 0,
        field: 'geometry.coordinates[0][2]',
        reason: 'latitude 95 is outside [-90, 90]; GeoJSON puts longitude first',
      },
      {
        index: 1,
        field: 'geometry.coordinates[0][1]',
        reason: 'longitude and latitude must be finite numbers',
      },
    ]);
  });

  it('leaves out degenerate rings: an outer ring without area drops its polygon, a thin hole is dropped', () => {
    const read = readControlAreas(
      feature({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [36, 48],
              [36, 48],
              [37, 48],
              [36, 48],
            ],
          ],
          [
            square(30, 50),
            [
              [30.2, 50.2],
              [30.3, 50.3],
              [30.2, 50.2],
            ],
          ],
        ],
      }),
    );
    expect(read.read).toBe(1);
    expect(read.parts[0]!.geometry.coordinates).toHaveLength(1);
    expect(read.parts[0]!.geometry.coordinates[0]).toHaveLength(1);
    expect(read.skipped.map((n) => n.field)).toEqual([
      'geometry.coordinates[0][0]',
      'geometry.coordinates[1][1]',
    ]);
  });

  it('refuses what is not GeoJSON, and a file past the position budget, without throwing', () => {
    expect(readControlAreas(null).refused).toContain('must be a GeoJSON');
    expect(readControlAreas([1, 2]).refused).toContain('must be a GeoJSON');
    expect(readControlAreas({ type: 'FeatureCollection' }).refused).toContain('features array');
    expect(readControlAreas({ type: 'Topology' }).refused).toContain("'Topology' is not GeoJSON");
    const huge = Array.from({ length: MAX_CONTROL_AREA_POSITIONS + 1 }, (_, i) => [30 + (i % 7) / 10, 48]);
    const read = readControlAreas(feature({ type: 'Polygon', coordinates: [huge] }));
    expect(read.parts).toEqual([]);
    expect(read.refused).toContain('positions: not a map this import takes');
  });

  it('never throws on arbitrary JSON (hostile input is reported, not raised)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const read = readControlAreas(value);
        expect(read.parts.length + read.skipped.length + (read.refused ? 1 : 0)).toBeGreaterThanOrEqual(0);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 6 })), (features) => {
        const read = readControlAreas(collection(...features.map((g) => feature(g))));
        // Every feature is accounted for: taken, or skipped with a reason.
        const seen = new Set([...read.parts.map((p) => p.index), ...read.skipped.map((s) => s.index)]);
        expect(seen.size).toBe(features.length);
      }),
    );
  });
});

describe('geodesic area', () => {
  it('is the same whichever way a ring runs and wherever it starts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 22, max: 40, noNaN: true }),
        fc.double({ min: 44, max: 52, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (x, y, d, shift) => {
          const ring = square(x, y, d) as [number, number][];
          const open = ring.slice(0, 4);
          const rotated = [...open.slice(shift), ...open.slice(0, shift)];
          rotated.push(rotated[0]!);
          const a = Math.abs(ringAreaM2(ring));
          expect(Math.abs(ringAreaM2(rotated))).toBeCloseTo(a, 0);
          expect(Math.abs(ringAreaM2([...ring].reverse()))).toBeCloseTo(a, 0);
          expect(ringAreaM2(ring)).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('adds up: two halves split along a meridian (a geodesic) measure the whole', () => {
    // The whole has the halves' vertices: an edge is a great circle, so 30→32 along 48°N is not
    // the same line as 30→31→32.
    const outline = [
      [30, 46],
      [31, 46],
      [32, 46],
      [32, 48],
      [31, 48],
      [30, 48],
      [30, 46],
    ] as [number, number][];
    const whole = geodesicAreaKm2({ type: 'Polygon', coordinates: [outline] });
    const west = [
      [30, 46],
      [31, 46],
      [31, 48],
      [30, 48],
      [30, 46],
    ] as [number, number][];
    const east = [
      [31, 46],
      [32, 46],
      [32, 48],
      [31, 48],
      [31, 46],
    ] as [number, number][];
    const halves = geodesicAreaKm2({ type: 'MultiPolygon', coordinates: [[west], [east]] });
    expect(halves).toBeCloseTo(whole, 6);
    const holed = geodesicAreaKm2({ type: 'Polygon', coordinates: [outline, west] });
    expect(holed).toBeCloseTo(whole / 2, 6);
  });

  it('measures the ellipsoid: a quarter of the band from the equator to 45°N is what WGS 84 gives', () => {
    // On the ellipsoid the band between the equator and φ over all longitudes is π a² q(φ)
    // (Snyder eq. 3-12): 179,931,169.8 km² at 45°. A parallel is not a great circle, so the
    // band's northern edge is drawn with a vertex every 0.01°.
    const ring: [number, number][] = [];
    for (let i = 0; i <= 9000; i++) ring.push([i / 100, 0]);
    for (let i = 9000; i >= 0; i--) ring.push([i / 100, 45]);
    ring.push([0, 0]);
    const quarter = geodesicAreaKm2({ type: 'Polygon', coordinates: [ring] });
    expect(Math.abs(quarter * 4 - 179_931_169.8) / 179_931_169.8).toBeLessThan(1e-6);
  });
});

describe('change between two control areas', () => {
  const box = (x0: number, y0: number, x1: number, y1: number) =>
    ({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [x0, y0],
            [x1, y0],
            [x1, y1],
            [x0, y1],
            [x0, y0],
          ],
        ],
      ],
    }) as const;

  it('gains what is held only after and loses what is held only before, each measured on the ellipsoid', () => {
    // Before: 36–37°E; after: 36.5–38°E (two overlapping parts, which count once). Edges are
    // geodesics between vertices, so a clipped edge (a new vertex on a parallel) bends a little
    // differently from the whole one: the figures agree within 0.01%, not to the metre.
    const close = (a: number, b: number) => expect(Math.abs(a - b) / b).toBeLessThan(1e-4);
    const change = controlChange([box(36, 48, 37, 49)], [box(36.5, 48, 37.5, 49), box(37, 48, 38, 49)]);
    close(change.gainedKm2, geodesicAreaKm2(box(37, 48, 38, 49)));
    close(change.lostKm2, geodesicAreaKm2(box(36, 48, 36.5, 49)));
    close(
      change.gainedKm2 - change.lostKm2,
      geodesicAreaKm2(box(36.5, 48, 38, 49)) - geodesicAreaKm2(box(36, 48, 37, 49)),
    );
  });

  it('measures nothing gained or lost for the same area, and everything for an empty side', () => {
    expect(controlChange([box(36, 48, 37, 49)], [box(36, 48, 37, 49)])).toMatchObject({
      gainedKm2: 0,
      lostKm2: 0,
    });
    const whole = geodesicAreaKm2(box(36, 48, 37, 49));
    expect(controlChange([], [box(36, 48, 37, 49)]).gainedKm2).toBeCloseTo(whole, 6);
    expect(controlChange([box(36, 48, 37, 49)], []).lostKm2).toBeCloseTo(whole, 6);
  });
});

describe('share of Ukraine', () => {
  it('gives both baselines, each with its denominator', () => {
    const share = shareOfUkraine(60_362.8, 638_000);
    expect(share.official).toBeCloseTo(0.1, 10);
    expect(share.officialKm2).toBe(UKRAINE_OFFICIAL_AREA_KM2);
    expect(share.boundaries).toBeCloseTo(60_362.8 / 638_000, 10);
    expect(() => shareOfUkraine(1, 0)).toThrow('boundariesKm2 must be positive');
  });
});
