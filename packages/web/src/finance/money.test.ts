import { describe, expect, it } from 'vitest';
import { moneyShort, percent } from './money.ts';

describe('amounts as people read them', () => {
  it('shortens in bn and m, rounding at the last shown digit', () => {
    expect(moneyShort('64830000000.00')).toBe('€64.83bn');
    expect(moneyShort('1005000000.00')).toBe('€1.01bn');
    expect(moneyShort('250000000.00')).toBe('€250.0m');
    expect(moneyShort('12500.49')).toBe('€12,500');
    expect(moneyShort('588000000000.00', 'USD')).toBe('$588.00bn');
    expect(moneyShort('0.00')).toBe('€0');
  });
  it('follows the language', () => {
    expect(moneyShort('64830000000.00', 'EUR', 'uk')).toMatch(/^64,83\sмлрд\s€$/u);
    expect(moneyShort('250000000.00', 'EUR', 'fr')).toMatch(/^250,0\sM\s€$/u);
  });
  it('gives ratios as percent with one decimal', () => {
    expect(percent('0.8125')).toBe('81.3%');
    expect(percent('1.0000')).toBe('100.0%');
    expect(percent('0.8125', 'fr')).toMatch(/^81,3\s%$/u); // the space differs between ICU versions
    expect(percent(null)).toBe('—');
  });
});
