import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrasing } from '../i18n/words/index.ts';
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

  it("says it in the reader's language, the place by its Ukrainian name from the data", () => {
    const south_east = nearestPlace([ZAPORIZHZHIA, DNIPRO], [35.4, 47.7])!;
    expect(nearestInWords(south_east, phrasing('en'))).toBe(nearestInWords(south_east));
    expect(nearestInWords(south_east, phrasing('uk'))).toMatch(
      /^за 2\d км на південний схід від м\. Запоріжжя$/,
    );
    expect(nearestInWords(south_east, phrasing('fr'))).toMatch(/^à 2\d km au sud-est de Zaporizhzhia$/);
    const near = nearestPlace([ZAPORIZHZHIA], [35.2, 47.86])!;
    expect(nearestInWords(near, phrasing('uk'))).toMatch(
      /^за 2,\d км на (північний )?схід від м\. Запоріжжя$/,
    );
    expect(nearestInWords(nearestPlace([DNIPRO], [35.04, 48.4805])!, phrasing('uk'))).toBe('у м. Дніпро');
    const odesa = { name: 'Odesa', nameUk: 'Одеса', position: [30.73, 46.48] as const };
    expect(nearestInWords(nearestPlace([odesa], [30.73, 46.2])!, phrasing('fr'))).toMatch(
      /^à \d+ km au sud d'Odesa$/,
    );
    const kursk = { name: 'Kursk', nameUk: null, position: [36.19, 51.73] as const };
    expect(nearestInWords(nearestPlace([kursk], [36.19, 51.733])!, phrasing('uk'))).toBe('у м. Kursk');
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
