import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { formatMinor } from './money.ts';
import { fromEur, MissingRateError, parseEcbRates, rateBook, toEur } from './rates.ts';

const ECB = sharedData('finance/ecb_eurofxref_hist.csv', 'ECB euro reference rates');

describe('euro reference rates', () => {
  it.skipIf(ECB.skip)("reads the ECB's file: 857 days × 11 currencies, no problem", () => {
    const read = parseEcbRates(readFileSync(ECB.path, 'utf8'), 'ECB');
    expect(read.problems).toEqual([]);
    expect(read.rowsRead).toBe(857);
    expect(read.rates).toHaveLength(857 * 11);
    const book = rateBook(read.rates);
    // 1,000,000.00 USD on 2025-05-09 at 1.1252 USD per EUR.
    expect(toEur(book, 100_000_000n, 'USD', '2025-05-09')).toEqual({
      minor: 88_873_089n,
      currency: 'EUR',
      ratePerEur: '1.1252',
      rateDate: '2025-05-09',
      rateSource: 'ECB',
    });
    expect(formatMinor(toEur(book, 1_000_000n, 'JPY', '2025-05-09').minor, 'EUR')).toBe('6121.45');
    expect(formatMinor(fromEur(book, 100n, 'JPY', '2025-05-09').minor, 'JPY')).toBe('163');
  });

  it('never guesses a rate: a weekend, or the hryvnia, is an error naming currency and date', () => {
    const book = rateBook(parseEcbRates('Date,USD\n2025-05-09,1.1252\n', 'ECB').rates);
    expect(() => toEur(book, 100n, 'USD', '2025-05-10')).toThrow(MissingRateError);
    expect(() => toEur(book, 100n, 'USD', '2025-05-10')).toThrow(/USD on 2025-05-10/);
    expect(() => toEur(book, 100n, 'UAH', '2025-05-09')).toThrow(/UAH on 2025-05-09/);
    expect(toEur(book, 100n, 'EUR', '2025-05-10').minor).toBe(100n);
  });

  it('names the row and field of every bad cell, and refuses an unknown currency', () => {
    const read = parseEcbRates(
      [
        'Date,USD,XYZ',
        '2025-05-09,1.1252,1',
        '2025-05-08,-1.2,1',
        '2025-02-30,1.1,1',
        '2025-05-07,abc,1',
        '2025-05-09,1.1,1',
        '2025-05-06,1.1',
        '2025-05-05,N/A,1',
      ].join('\n'),
      'ECB',
    );
    expect(read.problems).toEqual([
      { row: 1, field: 'XYZ', reason: 'XYZ is not a currency Guarantor takes (ISO 4217)' },
      { row: 3, field: 'USD', reason: "'-1.2' is not a positive rate" },
      { row: 4, field: 'Date', reason: "'2025-02-30' is not a date YYYY-MM-DD" },
      { row: 5, field: 'USD', reason: expect.stringMatching(/'abc' is not a decimal number/) },
      { row: 6, field: 'Date', reason: 'duplicate: 2025-05-09 is also row 2' },
      { row: 7, field: 'row', reason: expect.stringMatching(/has 2 fields, the header has 3/) },
    ]);
  });
});
