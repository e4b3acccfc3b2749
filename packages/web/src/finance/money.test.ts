import { describe, expect, it } from 'vitest';
import { moneyShort, percent } from './money.ts';

describe('amounts as people read them', () => {
  it('shortens exactly, from text, in bn and m', () => {
    expect(moneyShort('64830000000.00')).toBe('€64.83 bn');
    expect(moneyShort('1005000000.00')).toBe('€1.01 bn');
    expect(moneyShort('250000000.00')).toBe('€250.0 m');
    expect(moneyShort('12500.49')).toBe('€12,500');
    expect(moneyShort('588000000000.00', 'USD')).toBe('$588.00 bn');
    expect(moneyShort('0.00')).toBe('€0');
  });
  it('gives ratios as percent with one decimal', () => {
    expect(percent('0.8125')).toBe('81.3 %');
    expect(percent('1.0000')).toBe('100.0 %');
    expect(percent(null)).toBe('—');
  });
});
