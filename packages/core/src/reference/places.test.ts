import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm, nearestInWords, nearestPlace } from './places.ts';

const ZAPORIZHZHIA = { name: 'Zaporizhzhia', nameUk: 'Запоріжжя', position: [35.17, 47.85] as const };
const DNIPRO = { name: 'Dnipro', nameUk: 'Дніпро', position: [35.04, 48.48] as const };

describe('the nearest place', () => {
  it('says how far and which way, on an eight-point compass', () => {
    const south_east = nearestPlace([ZAPORIZHZHIA, DNIPRO], [35.4, 47.7])!;
    expect(south_east.name).toBe('Zaporizhzhia');
    expect(south_east.direction).toBe('south-east');
    expect(nearestInWords(south_east)).toMatch(/^2\d km south-east of Zaporizhzhia$/);
    expect(nearestInWords(nearestPlace([DNIPRO], [35.04, 48.4805])!)).toBe('in Dnipro');
    expect(nearestPlace([], [30, 50])).toBeNull();
  });

  it('measures Kyiv–Lviv as about 470 km (great circle)', () => {
    expect(distanceKm([30.52, 50.45], [24.03, 49.84])).toBeGreaterThan(460);
    expect(distanceKm([30.52, 50.45], [24.03, 49.84])).toBeLessThan(480);
  });

  it('picks the place no other is nearer than', () => {
    const place = fc.record({
      name: fc.string(),
      nameUk: fc.constant(null),
      position: fc.tuple(
        fc.double({ min: 22, max: 41, noNaN: true }),
        fc.double({ min: 44, max: 53, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(place, { minLength: 1, maxLength: 30 }),
        fc.tuple(fc.double({ min: 22, max: 41, noNaN: true }), fc.double({ min: 44, max: 53, noNaN: true })),
        (places, point) => {
          const nearest = nearestPlace(places, point)!;
          for (const p of places)
            expect(distanceKm(p.position, point)).toBeGreaterThanOrEqual(nearest.distanceKm - 1e-9);
        },
      ),
    );
  });
});
