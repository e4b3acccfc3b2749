import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allIso3 } from '../reference/nations.ts';
import {
  admits,
  formatReleasability,
  LabelError,
  meetLabels,
  parseReleasability,
  type Releasability,
} from './releasability.ts';

const fra = { nation: 'FRA', coalitionMember: true };
const usa = { nation: 'USA', coalitionMember: true };
const ukr = { nation: 'UKR', coalitionMember: true };
const publicReader = { nation: null, coalitionMember: false };

describe('releasability labels', () => {
  it('parses the four forms and prints them canonically', () => {
    expect(formatReleasability(parseReleasability('public'))).toBe('PUBLIC');
    expect(formatReleasability(parseReleasability(' COALITION '))).toBe('COALITION');
    expect(formatReleasability(parseReleasability('REL TO usa,UKR, fra'))).toBe('REL TO FRA, UKR, USA');
    expect(formatReleasability(parseReleasability('NATIONAL GBR'))).toBe('NATIONAL GBR');
  });

  it.each([
    ['', 'is not one of'],
    ['SECRET', 'is not one of'],
    ['REL TO XXX', '"XXX" is not an ISO 3166-1 alpha-3 code'],
    ['REL TO FRA,,USA', 'empty nation'],
    ['NATIONAL FR', 'is not one of'],
    ['NATIONAL ZZZ', '"ZZZ" is not an ISO'],
  ])('rejects %j with a message naming the fault', (text, message) => {
    expect(() => parseReleasability(text)).toThrow(LabelError);
    expect(() => parseReleasability(text)).toThrow(message);
  });

  it('admits readers as the label says', () => {
    const rel = parseReleasability('REL TO UKR, USA');
    expect([ukr, usa, fra, publicReader].map((r) => admits(rel, r))).toEqual([true, true, false, false]);
    const gbr = parseReleasability('NATIONAL GBR');
    expect(admits(gbr, fra)).toBe(false);
    expect(admits(gbr, { nation: 'GBR', coalitionMember: true })).toBe(true);
    expect(admits(parseReleasability('COALITION'), fra)).toBe(true);
    expect(admits(parseReleasability('COALITION'), { nation: 'RUS', coalitionMember: false })).toBe(false);
    expect(admits(parseReleasability('COALITION'), publicReader)).toBe(false);
    expect(admits(parseReleasability('PUBLIC'), publicReader)).toBe(true);
  });

  // Labels as people type them: any case, any run of blanks (spaces, tabs, line breaks) around
  // words and commas, nations repeated and in any order. Built from their parts, so every one
  // is valid and the test knows which label it must parse to.
  const NATIONS = allIso3();
  const blanks = (min: number) =>
    fc.array(fc.constantFrom(' ', '  ', '\t', '\n'), { minLength: min, maxLength: 3 }).map((b) => b.join(''));
  const anyCase = (word: string) =>
    fc
      .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
      .map((upper) => [...word].map((ch, i) => (upper[i] ? ch : ch.toLowerCase())).join(''));
  const typed = (words: readonly string[]) =>
    fc
      .tuple(blanks(0), ...words.map((w) => fc.tuple(anyCase(w), blanks(1))), blanks(0))
      .map(([lead, ...rest]) => {
        const trail = rest.pop() as string;
        const parts = rest as [string, string][];
        return lead + parts.map(([w, b], i) => (i < parts.length - 1 ? w + b : w)).join('') + trail;
      });
  const validLabel: fc.Arbitrary<{ text: string; label: Releasability }> = fc.oneof(
    typed(['PUBLIC']).map((text) => ({ text, label: { kind: 'PUBLIC' } as const })),
    typed(['COALITION']).map((text) => ({ text, label: { kind: 'COALITION' } as const })),
    fc
      .constantFrom(...NATIONS)
      .chain((nation) =>
        typed(['NATIONAL', nation]).map((text) => ({ text, label: { kind: 'NATIONAL', nation } as const })),
      ),
    fc
      .array(fc.tuple(fc.constantFrom(...NATIONS), blanks(0), blanks(0)), { minLength: 1, maxLength: 6 })
      .chain((list) =>
        fc
          .tuple(typed(['REL', 'TO']), blanks(1), ...list.map(([n]) => anyCase(n)))
          .map(([head, gap, ...ns]) => ({
            text: head + gap + ns.map((n, i) => list[i]![1] + n + list[i]![2]).join(','),
            label: { kind: 'REL', nations: [...new Set(list.map(([n]) => n))].sort() } as const,
          })),
      ),
  );

  it('parses every label typed from valid parts to the label meant, and round-trips it', () => {
    fc.assert(
      fc.property(validLabel, ({ text, label }) => {
        expect(parseReleasability(text)).toEqual(label);
        expect(formatReleasability(parseReleasability(text))).toBe(formatReleasability(label));
        expect(parseReleasability(formatReleasability(label))).toEqual(label);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but LabelError, on garbage and on near misses of valid labels', () => {
    // Near misses: a valid label with one character dropped, doubled or replaced, so both the
    // parsing and the rejecting branches run (a plain random string almost never parses).
    const nearMiss = fc
      .tuple(
        validLabel,
        fc.nat(),
        fc.constantFrom('drop', 'double', 'replace'),
        fc.string({ minLength: 1, maxLength: 1 }),
      )
      .map(([{ text }, at, edit, ch]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        if (edit === 'drop') return text.slice(0, i) + text.slice(i + 1);
        if (edit === 'double') return text.slice(0, i + 1) + text.slice(i);
        return text.slice(0, i) + ch + text.slice(i + 1);
      });
    let parsed = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), nearMiss), (text) => {
        try {
          const label = parseReleasability(text);
          parsed++;
          expect(parseReleasability(formatReleasability(label))).toEqual(label);
        } catch (error) {
          expect(error).toBeInstanceOf(LabelError);
          rejected++;
        }
      }),
      { numRuns: 500 },
    );
    console.log(`releasability garbage property: ${parsed} parsed, ${rejected} rejected`);
    // Both branches run, each on a good share of the inputs.
    expect(parsed).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });

  it('the meet of two labels admits exactly the readers both admit', () => {
    const nation = fc.constantFrom('FRA', 'GBR', 'UKR', 'USA', 'DEU');
    const label: fc.Arbitrary<Releasability> = fc.oneof(
      fc.constant({ kind: 'PUBLIC' } as const),
      fc.constant({ kind: 'COALITION' } as const),
      nation.map((n) => ({ kind: 'NATIONAL', nation: n }) as const),
      fc
        .uniqueArray(nation, { minLength: 1, maxLength: 4 })
        .map((ns) => ({ kind: 'REL', nations: ns.sort() }) as const),
    );
    const reader = fc.oneof(
      fc.constant(publicReader),
      nation.map((n) => ({ nation: n, coalitionMember: true })),
    );
    fc.assert(
      fc.property(label, label, reader, (a, b, r) => {
        expect(admits(meetLabels(a, b), r)).toBe(admits(a, r) && admits(b, r));
      }),
    );
  });
});
