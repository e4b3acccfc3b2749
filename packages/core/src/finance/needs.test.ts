import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { formatMinor } from './money.ts';
import { NEEDS_COLUMNS, parseNeeds } from './needs.ts';

const RDNA = sharedData('finance/rdna_needs_by_sector.csv', 'RDNA needs by sector');

describe('reconstruction needs per sector', () => {
  it.skipIf(RDNA.skip)('reads the RDNA table: 14 rows, each with its source, the rounded ones marked', () => {
    const read = parseNeeds(readFileSync(RDNA.path, 'utf8'));
    expect(read.problems).toEqual([]);
    expect(read.needs).toHaveLength(14);
    const rdna5 = read.needs.filter((n) => n.assessment === 'RDNA5');
    expect(rdna5.map((n) => n.sector)).toEqual([
      'TOTAL',
      'Transport',
      'Energy',
      'Housing',
      'Commerce and industry',
      'Agriculture',
      'Explosive hazard management and debris clearance',
    ]);
    expect(rdna5[0]).toMatchObject({
      published: '2026-02-23',
      rounded: true,
      damageMinor: 195_000_000_000_00n,
    });
    expect(formatMinor(rdna5[0]!.needsMinor, 'USD')).toBe('588000000000.00');
    const rdna3 = read.needs.find((n) => n.assessment === 'RDNA3' && n.sector === 'TOTAL')!;
    // "USD 486 billion" of needs is exact; the rounding words are about the damage ("almost USD 152 billion").
    expect(rdna3.rounded).toBe(false);
    // "over the next ten years" is not a rounding.
    expect(read.needs.find((n) => n.assessment === 'RDNA4')!.rounded).toBe(false);
    expect(read.needs.find((n) => n.assessment === 'RDNA2')!.rounded).toBe(true); // "about USD411 billion"
    expect(read.needs.filter((n) => n.rounded).map((n) => `${n.assessment} ${n.sector}`)).toEqual([
      'RDNA2 TOTAL',
      'RDNA5 TOTAL',
      'RDNA5 Transport',
      'RDNA5 Energy',
      'RDNA5 Housing',
      'RDNA5 Commerce and industry',
      'RDNA5 Agriculture',
      'RDNA5 Explosive hazard management and debris clearance',
    ]);
    expect(read.needs.find((n) => n.assessment === 'RDNA3' && n.sector === 'Transport')!.rounded).toBe(false);
    expect(read.needs.every((n) => n.sourceUrl.startsWith('https://'))).toBe(true);
  });

  it('names the row and field of a bad figure, a missing source, a duplicate, shifted columns', () => {
    const header = NEEDS_COLUMNS.join(',');
    const read = parseNeeds(
      [
        header,
        'RDNA9 (published 2030-01-01),Energy,,-5,https://x.example/a,n/a,"""x"""',
        'RDNA9 (published 2030-01-01),Housing,,1e9,https://x.example/a,n/a,x',
        'RDNA9 (published 2030-01-01),Transport,,100,ftp://nowhere,n/a,x',
        'RDNA9 (published 2030-01-01),Water,,100,https://x.example/a,n/a,x',
        'RDNA9 (published 2030-01-01),Water,,100,https://x.example/a,n/a,x',
        'RDNA9 (published 2030-01-01),Roads,100,https://x.example/a,n/a,x',
      ].join('\n'),
    );
    expect(read.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'needs_usd'],
      [3, 'needs_usd'],
      [4, 'source_url'],
      [6, 'row'],
      [7, 'row'],
    ]);
    expect(read.needs.map((n) => n.sector)).toEqual(['Water']);
    expect(parseNeeds('assessment,sector\nx,y').problems[0]).toMatchObject({ row: 1, field: 'header' });
  });
});
