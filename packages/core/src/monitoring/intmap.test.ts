import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntMap } from './intmap.ts';

describe('IntMap', () => {
  it('behaves as a Map under any sequence of sets (colliding keys, growth, wrap-around)', () => {
    // Few distinct keys with many collisions in a small table, and large keys spread wide.
    const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }));
    const set = fc.tuple(key, fc.integer({ min: 0, max: 0x7fffffff }));
    fc.assert(
      fc.property(fc.array(set, { maxLength: 300 }), (sets) => {
        const map = new IntMap(2);
        const reference = new Map<number, number>();
        for (const [k, v] of sets) {
          map.set(k, v);
          reference.set(k, v);
          expect(map.size).toBe(reference.size);
        }
        for (const [k, v] of reference) expect(map.get(k)).toBe(v);
        for (let k = 0; k <= 40; k++) if (!reference.has(k)) expect(map.get(k)).toBe(IntMap.NONE);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses keys and values it cannot store', () => {
    const map = new IntMap();
    for (const [k, v] of [
      [-1, 0],
      [0, -1],
      [1.5, 0],
      [2 ** 31, 0],
      [Number.NaN, 0],
    ] as const)
      expect(() => map.set(k, v)).toThrow(RangeError);
    expect(map.size).toBe(0);
  });
});
