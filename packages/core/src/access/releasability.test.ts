import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admits,
  formatReleasability,
  LabelError,
  meetLabels,
  parseReleasability,
  type Releasability,
} from './releasability.ts';

const fra = { nation: 'FRA', coalitionMember: true };
const usa = { nation: 'USA', coalitionMember: true };
const ukr = { nation: 'UKR', coalitionMember: true };
const publicReader = { nation: null, coalitionMember: false };

describe('releasability labels', () => {
  it('parses the four forms and prints them canonically', () => {
    expect(formatReleasability(parseReleasability('public'))).toBe('PUBLIC');
    expect(formatReleasability(parseReleasability(' COALITION '))).toBe('COALITION');
    expect(formatReleasability(parseReleasability('REL TO usa,UKR, fra'))).toBe('REL TO FRA, UKR, USA');
    expect(formatReleasability(parseReleasability('NATIONAL GBR'))).toBe('NATIONAL GBR');
  });

  it.each([
    ['', 'is not one of'],
    ['SECRET', 'is not one of'],
    ['REL TO XXX', '"XXX" is not an ISO 3166-1 alpha-3 code'],
    ['REL TO FRA,,USA', 'empty nation'],
    ['NATIONAL FR', 'is not one of'],
    ['NATIONAL ZZZ', '"ZZZ" is not an ISO'],
  ])('rejects %j with a message naming the fault', (text, message) => {
    expect(() => parseReleasability(text)).toThrow(LabelError);
    expect(() => parseReleasability(text)).toThrow(message);
  });

  it('admits readers as the label says', () => {
    const rel = parseReleasability('REL TO UKR, USA');
    expect([ukr, usa, fra, publicReader].map((r) => admits(rel, r))).toEqual([true, true, false, false]);
    const gbr = parseReleasability('NATIONAL GBR');
    expect(admits(gbr, fra)).toBe(false);
    expect(admits(gbr, { nation: 'GBR', coalitionMember: true })).toBe(true);
    expect(admits(parseReleasability('COALITION'), fra)).toBe(true);
    expect(admits(parseReleasability('COALITION'), { nation: 'RUS', coalitionMember: false })).toBe(false);
    expect(admits(parseReleasability('COALITION'), publicReader)).toBe(false);
    expect(admits(parseReleasability('PUBLIC'), publicReader)).toBe(true);
  });

  it('round-trips every parsed label and never throws anything but LabelError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          const label = parseReleasability(text);
          expect(parseReleasability(formatReleasability(label))).toEqual(label);
        } catch (error) {
          expect(error).toBeInstanceOf(LabelError);
        }
      }),
    );
  });

  it('the meet of two labels admits exactly the readers both admit', () => {
    const nation = fc.constantFrom('FRA', 'GBR', 'UKR', 'USA', 'DEU');
    const label: fc.Arbitrary<Releasability> = fc.oneof(
      fc.constant({ kind: 'PUBLIC' } as const),
      fc.constant({ kind: 'COALITION' } as const),
      nation.map((n) => ({ kind: 'NATIONAL', nation: n }) as const),
      fc
        .uniqueArray(nation, { minLength: 1, maxLength: 4 })
        .map((ns) => ({ kind: 'REL', nations: ns.sort() }) as const),
    );
    const reader = fc.oneof(
      fc.constant(publicReader),
      nation.map((n) => ({ nation: n, coalitionMember: true })),
    );
    fc.assert(
      fc.property(label, label, reader, (a, b, r) => {
        expect(admits(meetLabels(a, b), r)).toBe(admits(a, r) && admits(b, r));
      }),
    );
  });
});
