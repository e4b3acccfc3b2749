import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../monitoring/types.ts';
import { MAX_WINDOW_DAYS, parseRule, type RuleVocabulary } from './parser.ts';
import { RuleError } from './syntax.ts';

const vocabulary: RuleVocabulary = {
  sectors: ['S-1', 'S-2', 'S-3'],
  zones: ['withdrawal_zone', 'buffer_zone'],
};

function errorOf(text: string): RuleError {
  try {
    parseRule(text, vocabulary);
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

describe('parseRule', () => {
  it('reads the four rules of the issue', () => {
    expect(
      parseRule('every sector: verified_violations per day <= 5 for 14 consecutive days', vocabulary),
    ).toEqual({
      sectors: null,
      condition: {
        kind: 'daily_limit',
        selection: { level: 'verified', categories: null, zone: null },
        maxPerDay: 5,
        days: 14,
        span: expect.objectContaining({ source: 'verified_violations per day <= 5 for 14 consecutive days' }),
      },
    });
    expect(
      parseRule('no heavy_weapon_sighting in withdrawal_zone for 7 days', vocabulary).condition,
    ).toMatchObject({
      kind: 'daily_limit',
      selection: { level: 'all', categories: ['heavy_weapon_sighting'], zone: 'withdrawal_zone' },
      maxPerDay: 0,
      days: 7,
    });
    expect(parseRule('no fom_restriction for 7 days', vocabulary).condition).toMatchObject({
      selection: { categories: ['fom_restriction'] },
      maxPerDay: 0,
    });
    expect(parseRule('coverage > 80% over 14 days', vocabulary).condition).toMatchObject({
      kind: 'coverage',
      minPercent: 80,
      strict: true,
      days: 14,
    });
  });

  it('filters by level and category, scopes sectors, and binds and tighter than or', () => {
    const ast = parseRule(
      `sectors S-1, "S-3":  # the two eastern sectors
       corroborated violations of explosion_impact, burst_and_shots per day < 3 for 10 days
       or no verified heavy_weapon_sighting for 2 days and (coverage >= 90% over 7 days)`,
      vocabulary,
    );
    expect(ast.sectors).toEqual(['S-1', 'S-3']);
    expect(ast.condition).toMatchObject({
      kind: 'any',
      of: [
        {
          selection: { level: 'corroborated', categories: ['burst_and_shots', 'explosion_impact'] },
          maxPerDay: 2,
        },
        {
          kind: 'all',
          of: [
            { selection: { level: 'verified' }, days: 2 },
            { kind: 'coverage', minPercent: 90 },
          ],
        },
      ],
    });
  });

  it.each([
    [
      'every sector: no heavy_weapons for 7 days',
      'rule.unknown_category',
      1,
      18,
      "unknown category 'heavy_weapons'; did you mean 'heavy_weapon_sighting'?",
    ],
    ['sector S-9: no fom_restriction for 7 days', 'rule.unknown_sector', 1, 8, "unknown sector 'S-9'"],
    ['no other in green_zone for 7 days', 'rule.unknown_zone', 1, 13, "unknown zone 'green_zone'"],
    [
      'no other for 0 days',
      'rule.unbounded',
      1,
      14,
      'window must be a whole number from 1 to 366 (every window must be bounded), found 0',
    ],
    ['no other\n  for 400 days', 'rule.unbounded', 2, 7, 'window must be a whole number from 1 to 366'],
    ['violations per day >= 5 for 7 days', 'rule.syntax', 1, 20, "expected '<=' or '<' after 'per day'"],
    ['coverage >= 120% over 7 days', 'rule.syntax', 1, 13, 'could never pass'],
    ['no other for 7 days and', 'rule.syntax', 1, 24, 'found the end of the rule'],
    ['no other for 7 days ?', 'rule.syntax', 1, 21, 'unexpected character "?"'],
    ['no other for 7days', 'rule.syntax', 1, 14, "'7days' is neither a number nor a name"],
    [`${'('.repeat(9)}no other for 1 day${')'.repeat(9)}`, 'rule.too_complex', 1, 9, 'nest deeper than 8'],
  ])('rejects %j with its position', (text, code, line, column, detail) => {
    const error = errorOf(text);
    expect(error).toMatchObject({ code, position: { line, column } });
    expect(error.position.offset).toBe(
      text
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length +
        (line > 1 ? 1 : 0) +
        column -
        1,
    );
    expect(error.detail).toContain(detail);
  });

  it('accepts every monitoring category and the largest window', () => {
    for (const category of CATEGORIES) {
      expect(() => parseRule(`no ${category} for ${MAX_WINDOW_DAYS} days`, vocabulary)).not.toThrow();
    }
  });

  it('throws nothing but RuleError on random text', () => {
    const words = [
      'every',
      'sector',
      'sectors',
      'S-1',
      ':',
      'no',
      'per',
      'day',
      'days',
      '<=',
      '<',
      '>',
      '>=',
      '%',
      'for',
      'over',
      'consecutive',
      'coverage',
      'and',
      'or',
      '(',
      ')',
      ',',
      'in',
      'of',
      'verified',
      'violations',
      'other',
      'withdrawal_zone',
      '5',
      '14',
      '0',
      '999',
      '80.5',
      '"S-2"',
      '"',
      '\n',
      '#',
    ];
    const soup = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), soup),
        (text) => {
          try {
            parseRule(text, vocabulary);
          } catch (error) {
            expect(error).toBeInstanceOf(RuleError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
