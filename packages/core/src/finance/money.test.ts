import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, formatMinor, formatScaled, parseScaled, ratioText } from './money.ts';

describe('money as exact integers', () => {
  it('reads decimals exactly and refuses what is not one, or would lose a digit', () => {
    expect(parseScaled('0.002645', 11)).toBe(264_500_000n);
    expect(parseScaled('-3.5', 2)).toBe(-350n);
    expect(parseScaled('12', 0)).toBe(12n);
    expect(parseScaled('1.10', 1)).toBe(11n);
    for (const bad of ['', 'abc', '1e-6', '1,5', '1.2.3', 'NaN', 'Infinity', '0x10', '١٢']) {
      expect(typeof parseScaled(bad, 6), bad).toBe('string');
    }
    expect(parseScaled('0.001', 2)).toMatch(/3 decimals; at most 2/);
  });

  it('sums of many decimal amounts are exact: 0.1 added ten thousand times is 1000.00', () => {
    let sum = 0n;
    for (let i = 0; i < 10_000; i += 1) sum += parseScaled('0.1', 2) as bigint;
    expect(formatMinor(sum, 'EUR')).toBe('1000.00');
    expect(0.1 * 3).not.toBe(0.3); // what a float would have done
  });

  it('formats and parses back every amount (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 11 }),
        (v, scale) => {
          expect(parseScaled(formatScaled(v, scale), scale)).toBe(v);
        },
      ),
    );
  });

  it('rounds half to even, and gives ratios to four decimals', () => {
    expect(divideRounded(5n, 2n)).toBe(2n);
    expect(divideRounded(7n, 2n)).toBe(4n);
    expect(divideRounded(-7n, 2n)).toBe(-4n);
    expect(divideRounded(10n, 3n)).toBe(3n);
    expect(ratioText(13n, 16n)).toBe('0.8125');
    expect(ratioText(1n, 0n)).toBeNull();
  });
});
