import { describe, expect, it } from 'vitest';
import { phrasing } from '../i18n/words/index.ts';
import { addDays } from './dates.ts';
import { evaluateRule } from './evaluate.ts';
import type { SectorDay } from './facts.ts';
import { compileRule } from './parser.ts';
import { conditionInWords, sectorEvaluationInWords, standingReasonInWords } from './words.ts';

const vocabulary = { sectors: ['S-1', 'S-2'], zones: ['withdrawal_zone'] };
const rule = (text: string) => compileRule({ id: 'r', version: 1, text }, vocabulary);
const monitored = (sector: string, from: string, days: number, off: readonly string[] = []): SectorDay[] =>
  Array.from({ length: days }, (_, i) => addDays(from, i)).map((date) => ({
    sector,
    date,
    monitored: !off.includes(date),
    incidents: [],
  }));

const flare: SectorDay = {
  sector: 'S-1',
  date: '2026-11-20',
  monitored: true,
  incidents: [
    { id: 'I-1', category: 'explosion_impact', verification: 'verified', count: 7, zones: [] },
    {
      id: 'H-1',
      category: 'heavy_weapon_sighting',
      verification: 'attributed',
      count: 1,
      zones: ['withdrawal_zone'],
    },
  ],
};
const facts = [...monitored('S-1', '2026-11-01', 25), ...monitored('S-2', '2026-11-01', 25, ['2026-11-22'])];
const quiet = evaluateRule(rule('every sector: verified_violations per day <= 5 for 14 consecutive days'), {
  asOf: '2026-11-25',
  sectors: vocabulary.sectors,
  facts: [...facts, flare],
});
const heavy = evaluateRule(rule('no verified heavy_weapon_sighting in withdrawal_zone for 7 days'), {
  asOf: '2026-11-25',
  sectors: vocabulary.sectors,
  facts: [...facts, flare],
});
const coverage = evaluateRule(rule('sector S-2: coverage > 98% over 5 days'), {
  asOf: '2026-11-25',
  sectors: vocabulary.sectors,
  facts,
});

describe('a rule evaluation in words', () => {
  it('in English, word for word what the evaluator wrote', () => {
    const en = phrasing('en');
    for (const e of [quiet, heavy, coverage])
      for (const s of e.sectors) {
        expect(sectorEvaluationInWords(s, en)).toBe(s.explanation);
        for (const c of s.conditions) expect(conditionInWords(c, en)).toBe(c.explanation);
      }
    expect(standingReasonInWords('quiet-14', quiet.sectors[0]!, en)).toBe(
      "rule 'quiet-14' fails (day 2026-11-20 had 8 verified violations, limit 5)",
    );
  });

  it('in Ukrainian: dates, levels, categories and plurals', () => {
    const uk = phrasing('uk');
    expect(standingReasonInWords('quiet-14', quiet.sectors[0]!, uk)).toBe(
      "'quiet-14' не виконується (20 лист. 2026 р.: верифіковані порушення — 8, межа 5)",
    );
    expect(sectorEvaluationInWords(heavy.sectors[0]!, uk)).toBe(
      '20 лист. 2026 р.: виявлення важкого озброєння (верифіковані) у зоні withdrawal_zone — 1, межа 0',
    );
    expect(sectorEvaluationInWords(coverage.sectors[0]!, uk)).toBe(
      'під моніторингом 4 з 5 днів (80%), потрібно > 98%',
    );
    expect(sectorEvaluationInWords(quiet.sectors[1]!, uk)).toBe('виконується');
    expect(conditionInWords(quiet.sectors[1]!.conditions[0]!, uk)).toBe(
      '14 днів: верифіковані порушення — не більше 5 на добу',
    );
  });

  it('in French', () => {
    const fr = phrasing('fr');
    expect(standingReasonInWords('quiet-14', quiet.sectors[0]!, fr)).toBe(
      "'quiet-14' n’est pas respectée (le 20 nov. 2026 : violations vérifiées — 8, limite 5)",
    );
    expect(sectorEvaluationInWords(coverage.sectors[0]!, fr)).toBe(
      'surveillé 4 jours sur 5 (80 %), il faut > 98 %',
    );
  });
});
