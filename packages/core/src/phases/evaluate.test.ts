import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { evaluateRule } from './evaluate.ts';
import type { DayIncident, SectorDay } from './facts.ts';
import { compileRule, type RuleVocabulary } from './parser.ts';

const vocabulary: RuleVocabulary = { sectors: ['S-1', 'S-2', 'S-3'], zones: ['withdrawal_zone'] };
const rule = (text: string) => compileRule({ id: 'r', version: 1, text }, vocabulary);

function incident(id: string, overrides: Partial<DayIncident> = {}): DayIncident {
  return { id, category: 'explosion_impact', verification: 'verified', count: 1, zones: [], ...overrides };
}

/** Every sector monitored every day from `from` for `days` days, with no incidents. */
function quietDays(from: string, days: number): SectorDay[] {
  return vocabulary.sectors.flatMap((sector) =>
    Array.from({ length: days }, (_, i) => ({
      sector,
      date: addDays(from, i),
      monitored: true,
      incidents: [],
    })),
  );
}

describe('evaluateRule', () => {
  const quiet14 = rule('every sector: verified_violations per day <= 5 for 14 consecutive days');

  it('names the day that broke the streak, its incidents, the streak and the first passing date', () => {
    const flare: SectorDay = {
      sector: 'S-3',
      date: '2026-11-20',
      monitored: true,
      incidents: [
        incident('I-1', { count: 4 }),
        incident('I-2', { count: 3, category: 'burst_and_shots' }),
        incident('I-3', { verification: 'reported', count: 9 }),
        incident('I-4', { verification: 'dismissed', count: 9 }),
      ],
    };
    const evaluation = evaluateRule(quiet14, {
      asOf: '2026-11-25',
      sectors: vocabulary.sectors,
      facts: [...quietDays('2026-11-01', 25), flare],
    });
    expect(evaluation.pass).toBe(false);
    expect(evaluation.firstPassDate).toBe('2026-12-04');
    expect(evaluation.sectors.map((s) => [s.sector, s.pass])).toEqual([
      ['S-1', true],
      ['S-2', true],
      ['S-3', false],
    ]);
    const s3 = evaluation.sectors[2]!;
    expect(s3.explanation).toBe('day 2026-11-20 had 7 verified violations, limit 5');
    expect(s3.conditions[0]).toMatchObject({
      streakDays: 5,
      requiredDays: 14,
      breakingDay: { date: '2026-11-20', count: 7, limit: 5, incidentIds: ['I-1', 'I-2'] },
      firstPassDate: '2026-12-04',
    });
  });

  it('counts attributed incidents as verified and filters by zone and category', () => {
    const facts: SectorDay[] = [
      {
        sector: 'S-1',
        date: '2026-11-10',
        monitored: true,
        incidents: [
          incident('H-1', {
            category: 'heavy_weapon_sighting',
            verification: 'attributed',
            zones: ['withdrawal_zone'],
          }),
          incident('H-2', { category: 'heavy_weapon_sighting' }),
        ],
      },
    ];
    const evaluation = evaluateRule(rule('no verified heavy_weapon_sighting in withdrawal_zone for 7 days'), {
      asOf: '2026-11-12',
      sectors: ['S-1', 'S-2'],
      facts,
    });
    expect(evaluation.sectors[0]).toMatchObject({
      pass: false,
      explanation: 'day 2026-11-10 had 1 verified heavy_weapon_sighting in withdrawal_zone, limit 0',
      conditions: [{ streakDays: 2, breakingDay: { incidentIds: ['H-1'] }, firstPassDate: '2026-11-17' }],
    });
    expect(evaluation.sectors[1]!.pass).toBe(true);
  });

  it('measures coverage and when it would pass if monitoring runs every day from tomorrow', () => {
    const facts = quietDays('2026-11-01', 14).map((d) =>
      d.sector === 'S-2' && d.date >= '2026-11-03' && d.date <= '2026-11-06' ? { ...d, monitored: false } : d,
    );
    const evaluation = evaluateRule(rule('sector S-2: coverage >= 80% over 14 days'), {
      asOf: '2026-11-14',
      sectors: vocabulary.sectors,
      facts,
    });
    expect(evaluation.sectors).toHaveLength(1);
    expect(evaluation.sectors[0]).toMatchObject({
      pass: false,
      // 10 of 14 monitored; 12 are needed, so the window must slide past 3 and 4 Nov.
      firstPassDate: '2026-11-18',
      explanation: 'monitored 10 of 14 days (71%), needs >= 80%',
      conditions: [{ unmonitoredDates: ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'] }],
    });
  });

  it('merges two reports of one incident the same way in either order', () => {
    const a: SectorDay = {
      sector: 'S-2',
      date: '2026-11-12',
      monitored: false,
      incidents: [incident('I-26', { category: 'explosion_impact', verification: 'attributed' })],
    };
    const b: SectorDay = {
      sector: 'S-2',
      date: '2026-11-12',
      monitored: true,
      incidents: [
        incident('I-26', { category: 'heavy_weapon_sighting', verification: 'reported', count: 2 }),
      ],
    };
    const heavy = rule('no heavy_weapon_sighting for 3 days or coverage >= 50% over 2 days');
    const input = { asOf: '2026-11-12', sectors: ['S-2'] };
    const forward = evaluateRule(heavy, { ...input, facts: [a, b] });
    expect(evaluateRule(heavy, { ...input, facts: [b, a] })).toEqual(forward);
    // The attributed report decides the category; the day was monitored because one report says so.
    expect(forward.sectors[0]).toMatchObject({
      pass: true,
      conditions: [{ pass: true }, { monitoredDays: 1 }],
    });
  });

  it('combines conditions: and passes on the latest first-pass date, or on the earliest', () => {
    const facts: SectorDay[] = [
      ...quietDays('2026-11-01', 20),
      { sector: 'S-1', date: '2026-11-18', monitored: true, incidents: [incident('A')] },
      {
        sector: 'S-1',
        date: '2026-11-19',
        monitored: true,
        incidents: [incident('B', { category: 'fom_restriction' })],
      },
    ];
    const input = { asOf: '2026-11-20', sectors: ['S-1'], facts };
    const both = evaluateRule(
      rule('no explosion_impact for 5 days and no fom_restriction for 7 days'),
      input,
    );
    expect(both.sectors[0]).toMatchObject({ pass: false, firstPassDate: '2026-11-26' });
    expect(both.sectors[0]!.explanation).toBe(
      'day 2026-11-18 had 1 explosion_impact, limit 0; day 2026-11-19 had 1 fom_restriction, limit 0',
    );
    const either = evaluateRule(
      rule('no explosion_impact for 5 days or no fom_restriction for 7 days'),
      input,
    );
    expect(either.sectors[0]).toMatchObject({ pass: false, firstPassDate: '2026-11-23' });
  });
});
