import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateBook } from './rates.ts';
import { type FlowGroup, sectorCounts, summarise } from './summary.ts';

const book = rateBook([{ date: '2025-05-09', currency: 'USD', ratePerEurMicro: 1_125_200n, source: 'ECB' }]);
const g = (over: Partial<FlowGroup>): FlowGroup => ({
  donor: 'FRA',
  category: 'military',
  month: '2025-05',
  stage: 'allocation',
  currency: 'EUR',
  date: '2025-05-01',
  amountMinor: 100n,
  flows: 1,
  ...over,
});

describe('promise to delivery', () => {
  it('never adds stages: promised is committed (else pledged), delivered is disbursed (else allocated)', () => {
    const s = summarise(
      [
        g({ stage: 'pledge', category: 'unsplit', amountMinor: 1000n }),
        g({ stage: 'commitment', category: 'unsplit', amountMinor: 800n }),
        g({ stage: 'allocation', amountMinor: 300n }),
        g({ stage: 'allocation', category: 'financial', amountMinor: 200n }),
      ],
      book,
      false,
    );
    const all = s.rows.find((r) => r.category === 'all')!;
    expect(all).toMatchObject({ promised: 800n, delivered: 500n, ratio: '0.6250', flows: 4 });
    expect(s.rows.map((r) => r.category)).toEqual(['all', 'military', 'financial', 'unsplit']);
    expect(s.rows.find((r) => r.category === 'military')!.ratio).toBeNull();
  });

  it('converts each group at its own date and names what has no rate instead of guessing', () => {
    const s = summarise(
      [
        g({ currency: 'USD', date: '2025-05-09', amountMinor: 112_520n }),
        g({ currency: 'USD', date: '2025-05-10', amountMinor: 5n, donor: 'USA' }),
      ],
      book,
      false,
    );
    expect(s.rows.find((r) => r.donor === 'FRA' && r.category === 'all')!.allocated).toBe(100_000n);
    expect(s.conversions).toEqual([
      { currency: 'USD', flows: 1, firstRateDate: '2025-05-09', lastRateDate: '2025-05-09' },
    ]);
    expect(s.unconverted).toEqual([
      expect.objectContaining({
        donor: 'USA',
        currency: 'USD',
        date: '2025-05-10',
        reason: expect.stringMatching(/USD on 2025-05-10/),
      }),
    ]);
  });

  it('a donor’s all-row is the sum of its category rows, whatever the order of groups (property)', () => {
    const group = fc.record({
      donor: fc.constantFrom('FRA', 'DEU', 'EU'),
      category: fc.constantFrom('military', 'financial', 'humanitarian', 'unsplit'),
      month: fc.constantFrom('2024-01', '2024-02'),
      stage: fc.constantFrom('pledge', 'commitment', 'allocation', 'disbursement', 'expenditure'),
      currency: fc.constant('EUR'),
      date: fc.constant('2024-01-01'),
      amountMinor: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      flows: fc.constant(1),
    }) as fc.Arbitrary<FlowGroup>;
    fc.assert(
      fc.property(fc.array(group, { maxLength: 40 }), (groups) => {
        const s = summarise(groups, book, false);
        const r = summarise([...groups].reverse(), book, false);
        expect(r.rows).toEqual(s.rows);
        for (const row of s.rows.filter((x) => x.category === 'all')) {
          const parts = s.rows.filter((x) => x.donor === row.donor && x.category !== 'all');
          for (const k of ['pledged', 'committed', 'allocated', 'disbursed', 'spent'] as const) {
            expect(parts.reduce((a, p) => a + p[k], 0n)).toBe(row[k]);
          }
        }
      }),
    );
  });

  it('counts a flow toward a need by DAC prefix', () => {
    expect(sectorCounts('Transport', '21020')).toBe(true);
    expect(sectorCounts('Energy', '23210')).toBe(true);
    expect(sectorCounts('Housing', '16040')).toBe(true);
    expect(sectorCounts('Housing', '21020')).toBe(false);
    expect(sectorCounts('TOTAL', '31120')).toBe(true);
    expect(sectorCounts('TOTAL', null)).toBe(false);
  });
});
