import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntMap } from './intmap.ts';

type Op = { readonly set: readonly [number, number] } | { readonly delete: number };

describe('IntMap', () => {
  it('behaves as a Map under any sequence of sets and deletes (colliding keys, growth, wrap-around)', () => {
    // Few distinct keys with many collisions in a small table, and large keys spread wide.
    const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }));
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.tuple(key, fc.integer({ min: 0, max: 0x7fffffff })).map((set) => ({ set })),
      key.map((k) => ({ delete: k })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const map = new IntMap(2);
        const reference = new Map<number, number>();
        for (const o of ops) {
          if ('set' in o) {
            map.set(o.set[0], o.set[1]);
            reference.set(o.set[0], o.set[1]);
          } else expect(map.delete(o.delete)).toBe(reference.delete(o.delete));
          expect(map.size).toBe(reference.size);
        }
        for (const [k, v] of reference) expect(map.get(k)).toBe(v);
        for (let k = 0; k <= 40; k++) if (!reference.has(k)) expect(map.get(k)).toBe(IntMap.NONE);
        const values: number[] = [];
        for (let i = 0; i < map.slotCount; i++)
          if (map.valueAt(i) !== IntMap.NONE) values.push(map.valueAt(i));
        expect(values.sort()).toEqual([...reference.values()].sort());
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
