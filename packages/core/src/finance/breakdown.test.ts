import { describe, expect, it } from 'vitest';
import { breakdown, deliveryLag, parseBreakdownBy } from './breakdown.ts';
import { rateBook } from './rates.ts';

const book = rateBook([{ currency: 'USD', date: '2025-01-15', ratePerEurMicro: 1_250_000n, source: 'ECB' }]);

describe('promise to delivery by a dimension, with the lag', () => {
  it('sums per key in euros, largest promise first, and counts the days to half delivered', () => {
    const { rows, unconverted } = breakdown(
      [
        { key: 'energy', stage: 'pledge', currency: 'EUR', date: '2024-01-01', amountMinor: 900n, flows: 1 },
        {
          key: 'energy',
          stage: 'commitment',
          currency: 'EUR',
          date: '2024-03-01',
          amountMinor: 1000n,
          flows: 1,
        },
        {
          key: 'energy',
          stage: 'disbursement',
          currency: 'EUR',
          date: '2024-06-01',
          amountMinor: 300n,
          flows: 1,
        },
        {
          key: 'energy',
          stage: 'disbursement',
          currency: 'USD',
          date: '2025-01-15',
          amountMinor: 250n,
          flows: 2,
        },
        {
          key: 'health',
          stage: 'commitment',
          currency: 'EUR',
          date: '2024-05-01',
          amountMinor: 400n,
          flows: 1,
        },
        { key: 'health', stage: 'pledge', currency: 'UAH', date: '2024-05-01', amountMinor: 5n, flows: 1 },
      ],
      book,
    );
    expect(rows.map((r) => [r.key, r.promised, r.delivered, r.ratio, r.flows])).toEqual([
      ['energy', 1000n, 500n, '0.5000', 5],
      ['health', 400n, 0n, '0.0000', 1],
    ]);
    // Committed on 2024-03-01; 300 by June is under half of 1000, 300 + 200 reaches it on 2025-01-15.
    expect(rows[0]!.lag).toEqual({ promisedFrom: '2024-03-01', halfDeliveredOn: '2025-01-15', days: 320 });
    expect(rows[1]!.lag).toEqual({ promisedFrom: '2024-05-01', halfDeliveredOn: null, days: null });
    expect(unconverted.map((u) => [u.donor, u.currency])).toEqual([['health', 'UAH']]);
  });

  it('falls back to pledges and allocations as the summary does, and has no lag with nothing promised', () => {
    expect(
      deliveryLag([
        { stage: 'pledge', date: '2024-01-10', eur: 100n },
        { stage: 'allocation', date: '2024-01-20', eur: 60n },
      ]),
    ).toEqual({ promisedFrom: '2024-01-10', halfDeliveredOn: '2024-01-20', days: 10 });
    expect(deliveryLag([{ stage: 'disbursement', date: '2024-01-20', eur: 60n }])).toEqual({
      promisedFrom: null,
      halfDeliveredOn: null,
      days: null,
    });
  });
});

describe('the dimensions a breakdown crosses', () => {
  it('reads one dimension, or up to three crossed with month among them', () => {
    expect(parseBreakdownBy('donor')).toEqual(['donor']);
    expect(parseBreakdownBy('donor,sector,month')).toEqual(['donor', 'sector', 'month']);
    expect(parseBreakdownBy('region, instrument')).toEqual(['region', 'instrument']);
  });

  it('names what is wrong with any other', () => {
    expect(parseBreakdownBy('colour')).toMatch(/'colour' is not a dimension: one of donor, category/);
    expect(parseBreakdownBy('donor,')).toMatch(/'' is not a dimension/);
    expect(parseBreakdownBy('sector,sector')).toMatch(/named twice/);
    expect(parseBreakdownBy('donor,sector,region,month')).toMatch(/at most 3 dimensions/);
    expect(parseBreakdownBy('month,donor')).toMatch(/not month/);
  });
});
