import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { KIEL_COLUMNS, parseKielCsv } from './kiel.ts';
import { formatMinor } from './money.ts';

const KIEL = sharedData('kiel/ust_data_explorer.csv', 'Kiel Ukraine Support Tracker (TEST ONLY)');

/**
 * The tracker's own column sum, done apart from Guarantor's money code: each cell's digits
 * as an integer of millionths of a billion (the file's six decimals), summed, then printed.
 */
export function kielColumnSum(cells: readonly string[]): string {
  let sum = 0n;
  for (const cell of cells) {
    const [whole, fraction = ''] = cell.split('.');
    sum += BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  }
  const digits = sum.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** Euro cents as EUR billions with six decimals (exactly: the tracker's unit and precision). */
function centsAsBn(cents: bigint): string {
  expect(cents % 100_000n).toBe(0n); // nothing below the tracker's last digit
  return formatMinor(cents / 100_000n, 'JPY').replace(
    /^(\d*?)(\d{0,6})$/,
    (_, a: string, b: string) => `${a || '0'}.${b.padStart(6, '0')}`,
  );
}

describe('Kiel Ukraine Support Tracker CSV', () => {
  it.skipIf(KIEL.skip)(
    "reads the whole release: Guarantor's totals per donor and per category equal the tracker's column sums to the last digit",
    () => {
      const text = readFileSync(KIEL.path, 'utf8');
      const read = parseKielCsv(text);
      expect(read.problems).toEqual([]);
      expect(read.rowsRead).toBe(1079);
      expect(read.donors).toHaveLength(42);
      expect(read.donors.find((d) => d.code === 'EU')).toEqual({
        code: 'EU',
        name: 'EU (Commission and Council)',
        kind: 'institution',
      });
      const lines = text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      const col = (name: string) => KIEL_COLUMNS.indexOf(name as (typeof KIEL_COLUMNS)[number]);
      let checked = 0;
      for (const donor of read.donors) {
        const rows = lines.filter((l) => l[col('iso')] === `"${donor.code}"`);
        for (const [column, pick] of [
          ['military', (f: (typeof read.flows)[number]) => f.category === 'military'],
          ['financial', (f: (typeof read.flows)[number]) => f.category === 'financial'],
          ['humanitarian', (f: (typeof read.flows)[number]) => f.category === 'humanitarian'],
          ['total', (f: (typeof read.flows)[number]) => f.stage === 'allocation'],
          ['commitments', (f: (typeof read.flows)[number]) => f.stage === 'commitment'],
        ] as const) {
          const ours = read.flows
            .filter((f) => f.donor === donor.code && pick(f))
            .reduce((s, f) => s + f.amountMinor, 0n);
          expect(centsAsBn(ours), `${donor.code} ${column}`).toBe(
            kielColumnSum(rows.map((l) => l[col(column)]!)),
          );
          checked += 1;
        }
      }
      expect(checked).toBe(42 * 5);
      const all = read.flows.filter((f) => f.stage === 'allocation').reduce((s, f) => s + f.amountMinor, 0n);
      expect(centsAsBn(all)).toBe('358.399501');
    },
  );

  const header = KIEL_COLUMNS.map((c) => `"${c}"`).join(',');
  const ok = '"France","FRA",2023,5,0.3,0.1,0.05,0.15,0.5,0.2';

  it('names row and field of negative, non-numeric and shifted values, and of duplicates; stores no flow of a bad row', () => {
    const read = parseKielCsv(
      [
        header,
        ok,
        '"France","FRA",2023,5,0.3,0.1,0.05,0.15,0.5,0.2', // the same donor-month again
        '"Poland","POL",2023,6,0.1,-0.1,0.1,0.1,0.1,0',
        '"Poland","POL",2023,7,0.1,abc,0.1,0,0.1,0',
        '"Poland",2023,8,0.1,0,0.1,0,0.1,0,0', // iso missing: every value one column left
        '"Poland","POL",2023,9,0.1,0,0.1',
        '"Poland","POL",2023,13,0.1,0,0.1,0,0.1,0',
        '"Poland","POL",2023,10,0.2,0,0.1,0,0.1,0',
        '"Poland","POL",2023,11,1e-3,0,0.001,0,0.001,0',
        '"Poland","POL",2023,12,0.1,0,0.1,0,0.1,0.1',
        '"=cmd|calc","FRA",2024,1,0.1,0,0.1,0,0.1,0',
      ].join('\n'),
    );
    expect(read.problems).toEqual([
      { row: 3, field: 'row', reason: 'duplicate: FRA 2023-05 is also row 2; a donor has one row per month' },
      { row: 4, field: 'financial', reason: "'-0.1' is negative; amounts are EUR billions ≥ 0" },
      { row: 5, field: 'financial', reason: expect.stringMatching(/'abc' is not a decimal number/) },
      { row: 6, field: 'iso', reason: "'2023' is not a donor code (ISO alpha-3, or the tracker's EU)" },
      { row: 6, field: 'year', reason: "'8' is not a year" },
      { row: 6, field: 'month', reason: "'0.1' is not a month 1–12" },
      {
        row: 7,
        field: 'row',
        reason: expect.stringMatching(/has 7 fields, the header has 10: columns shifted/),
      },
      { row: 8, field: 'month', reason: "'13' is not a month 1–12" },
      { row: 9, field: 'total', reason: '0.2 is not financial + humanitarian + military (columns shifted?)' },
      { row: 10, field: 'total', reason: expect.stringMatching(/'1e-3' is not a decimal number/) },
      { row: 11, field: 'to_be_allocated', reason: '0.1 is not commitments − total (columns shifted?)' },
      { row: 12, field: 'country', reason: "'=cmd|calc' but FRA is 'France' on an earlier row" },
    ]);
    expect(read.rowsRead).toBe(11);
  });

  it('refuses a file without the tracker header, and an empty one', () => {
    expect(parseKielCsv('').problems).toEqual([{ row: 1, field: 'header', reason: 'the file is empty' }]);
    expect(parseKielCsv('"country","iso"\n"France","FRA"').problems).toEqual([
      { row: 1, field: 'header', reason: expect.stringMatching(/missing columns 'year', 'month'/) },
    ]);
  });

  it('makes an allocation per category and one commitment per row; zero is no flow', () => {
    const read = parseKielCsv(
      [header, ok, '"EU (Commission and Council)","EU",2022,3,0,0,0,0,0,0'].join('\n'),
    );
    expect(read.problems).toEqual([]);
    expect(
      read.flows.map((f) => [f.donor, f.date, f.stage, f.category, formatMinor(f.amountMinor, 'EUR')]),
    ).toEqual([
      ['FRA', '2023-05-01', 'allocation', 'military', '150000000.00'],
      ['FRA', '2023-05-01', 'allocation', 'financial', '100000000.00'],
      ['FRA', '2023-05-01', 'allocation', 'humanitarian', '50000000.00'],
      ['FRA', '2023-05-01', 'commitment', null, '500000000.00'],
    ]);
    expect(read.donors.map((d) => d.kind)).toEqual(['nation', 'institution']);
  });
});
