import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadReach, type ReachInput } from './reach.ts';

interface Pair {
  readonly cls: number;
  readonly req: number;
  readonly upper: number;
  readonly fixed?: number;
}

/** One nation, one cell ('c|N'), unless a pair's requirement is listed in `elsewhere`. */
function input(
  pairs: readonly Pair[],
  classRoom: readonly number[],
  requirementRoom: readonly number[],
  value: readonly number[],
  elsewhere: ReadonlySet<number> = new Set(),
): ReachInput {
  return {
    pairs,
    active: pairs.map((_, k) => k),
    fixed: pairs.map((p) => p.fixed !== undefined),
    x1: pairs.map((p) => p.fixed ?? 0),
    upper: pairs.map((p) => p.upper),
    classRoom: (cls) => classRoom[cls]!,
    requirementRoom: (req) => requirementRoom[req]!,
    value,
    keyOf: (k) => (elsewhere.has(pairs[k]!.req) ? 'other|N' : 'c|N'),
  };
}

describe('leadReach', () => {
  it("counts a class's units once, however many of the cell's requirements it could serve", () => {
    // Three units that could go to either requirement: the old sum of upper bounds said 9.
    const reach = leadReach(
      input(
        [
          { cls: 0, req: 0, upper: 3 },
          { cls: 0, req: 1, upper: 3 },
        ],
        [3],
        [3, 3],
        [2, 1],
      ),
    );
    expect(reach.get('c|N')).toBe(6);
  });

  it('leaves out units that pairs fixed by stage 1 send to another cell, and counts those fixed in this one', () => {
    const reach = leadReach(
      input(
        [
          { cls: 0, req: 0, upper: 3 },
          { cls: 0, req: 2, upper: 2, fixed: 2 },
          { cls: 1, req: 1, upper: 1, fixed: 1 },
        ],
        [3, 1],
        [3, 4, 2],
        [2, 5, 7],
        new Set([2]),
      ),
    );
    // Class 0 has one unit left for requirement 0 (worth 2); class 1's fixed unit is worth 5.
    expect(reach.get('c|N')).toBe(7);
    expect(reach.get('other|N')).toBe(14);
  });

  it('keeps the sum of upper bounds, which is larger and so still safe, when values are not whole', () => {
    const reach = leadReach(
      input(
        [
          { cls: 0, req: 0, upper: 3 },
          { cls: 0, req: 1, upper: 3 },
        ],
        [3],
        [3, 3],
        [1.5, 1],
      ),
    );
    expect(reach.get('c|N')).toBe(7.5);
  });

  it('equals the best whole allocation found by enumeration (property)', () => {
    const pair = fc.record({
      cls: fc.integer({ min: 0, max: 1 }),
      req: fc.integer({ min: 0, max: 1 }),
      upper: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(pair, { minLength: 1, maxLength: 4, selector: (p) => `${p.cls}|${p.req}` }),
        fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
        fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
        fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })),
        (pairs, classRoom, requirementRoom, value) => {
          let best = 0;
          const x = pairs.map(() => 0);
          const search = (i: number): void => {
            if (i === pairs.length) {
              const sent = [0, 0];
              const received = [0, 0];
              pairs.forEach((p, k) => {
                sent[p.cls]! += x[k]!;
                received[p.req]! += x[k]!;
              });
              if (
                sent.every((s, c) => s <= classRoom[c]!) &&
                received.every((r, q) => r <= requirementRoom[q]!)
              )
                best = Math.max(
                  best,
                  pairs.reduce((sum, p, k) => sum + x[k]! * value[p.req]!, 0),
                );
              return;
            }
            for (let v = 0; v <= pairs[i]!.upper; v++) {
              x[i] = v;
              search(i + 1);
            }
          };
          search(0);
          expect(leadReach(input(pairs, classRoom, requirementRoom, value)).get('c|N')).toBe(best);
        },
      ),
      { numRuns: 300 },
    );
  });
});
