import { describe, expect, it } from 'vitest';
import { type Caveat, explainCaveat } from '../coalition/index.ts';
import { phrasing } from '../i18n/words/index.ts';
import { caveatTextInWords } from './words.ts';

const CAVEATS: readonly Caveat[] = [
  { kind: 'allowed_regions', regions: ['UA-65', 'BLACK_SEA'] },
  { kind: 'excluded_regions', regions: ['UA-14'] },
  { kind: 'outside_ukraine_only' },
  { kind: 'min_distance_from_contact', minDistanceKm: 1500 },
  { kind: 'roles_allowed', roles: ['air'] },
  { kind: 'roles_allowed', roles: ['monitoring', 'training'] },
  { kind: 'national_mandate', status: 'pending', body: 'Bundestag' },
  { kind: 'conditional_on_participation', nation: 'USA' },
  { kind: 'valid_until', date: '2027-06-30' },
];

describe("an offer's caveats in the reader's words", () => {
  it('says in English what coalition has always said', () => {
    for (const c of CAVEATS) expect(caveatTextInWords(c, phrasing('en'))).toBe(explainCaveat(c));
  });

  it('names regions, roles, nations, mandate states and dates in Ukrainian and French, no codes', () => {
    const uk = CAVEATS.map((c) => caveatTextInWords(c, phrasing('uk')));
    expect(uk[4]).toBe(`лише одна роль: ${phrasing('uk').role('air')}`);
    expect(uk[7]).toBe(`лише за умови участі держави: ${phrasing('uk').nation('USA')}`);
    expect(uk[8]).toMatch(/^чинне до 30 червня 2027/);
    expect(uk[3]).toBe(
      'не ближче ніж 1500 км від лінії зіткнення'.replace('1500', phrasing('uk').words.number(1500)),
    );
    const fr = CAVEATS.map((c) => caveatTextInWords(c, phrasing('fr')));
    expect(fr[7]).toBe(
      `uniquement sous réserve de la participation de la nation suivante\u202f: ${phrasing('fr').nation('USA')}`,
    );
    expect(fr[8]).toBe('valable jusqu’au 30 juin 2027');
    for (const text of [...uk, ...fr]) {
      expect(text).not.toMatch(/\b(USA|UA-\d\d|BLACK_SEA|air|monitoring|pending)\b/);
      expect(text).not.toMatch(/\{\{/);
    }
  });
});
