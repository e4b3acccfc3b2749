import { describe, expect, it } from 'vitest';
import { evaluateRule, type RuleEvaluation } from './evaluate.ts';
import type { SectorDay } from './facts.ts';
import { compileRule } from './parser.ts';
import { type Decision, type GuardPolicy, sectorStandings, transition } from './phase.ts';

const vocabulary = { sectors: ['S-1', 'S-2', 'S-3'], zones: ['withdrawal_zone'] };
const quiet = compileRule(
  {
    id: 'quiet-14',
    version: 2,
    text: 'every sector: verified violations per day <= 5 for 14 consecutive days',
  },
  vocabulary,
);
const coverage = compileRule(
  { id: 'coverage-80', version: 1, text: 'coverage >= 80% over 14 days' },
  vocabulary,
);
const policy: GuardPolicy = {
  ceasefire_holding: [{ id: 'quiet-14', version: 2 }],
  force_deploying: [
    { id: 'quiet-14', version: 2 },
    { id: 'coverage-80', version: 1 },
  ],
};
const decision: Decision = {
  by: 'Col. A. Martin',
  nation: 'FRA',
  date: '2026-11-25',
  authority: 'Coordination Cell',
};

function monitoredDays(violationsOn: Record<string, number> = {}): SectorDay[] {
  return vocabulary.sectors.flatMap((sector) =>
    Array.from({ length: 30 }, (_, i) => {
      const date = `2026-11-${String(i + 1).padStart(2, '0')}`;
      const count = violationsOn[`${sector} ${date}`] ?? 0;
      return {
        sector,
        date,
        monitored: true,
        incidents:
          count === 0
            ? []
            : [
                {
                  id: `${sector}/${date}`,
                  category: 'explosion_impact' as const,
                  verification: 'verified' as const,
                  count,
                  zones: [],
                },
              ],
      };
    }),
  );
}

function evaluations(facts: SectorDay[], asOf = '2026-11-25'): RuleEvaluation[] {
  return [quiet, coverage].map((rule) => evaluateRule(rule, { asOf, sectors: vocabulary.sectors, facts }));
}

describe('transition', () => {
  it('moves forward when every guarding rule passes, attaching the evaluations', () => {
    const result = transition({
      current: 'ceasefire_holding',
      target: 'force_deploying',
      policy,
      evaluations: evaluations(monitoredDays()),
      decision,
    });
    expect(result).toMatchObject({
      ok: true,
      record: { phase: 'force_deploying', from: 'ceasefire_holding', since: '2026-11-25', override: null },
    });
    if (result.ok)
      expect(result.record.evaluations.map((e) => e.rule.id)).toEqual(['quiet-14', 'coverage-80']);
  });

  it('refuses while a rule fails, naming the rule, sector, day and limit', () => {
    const result = transition({
      current: 'ceasefire_agreed',
      target: 'ceasefire_holding',
      policy,
      evaluations: evaluations(monitoredDays({ 'S-3 2026-11-20': 7 })),
      decision,
    });
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'phase.gate_closed',
        reasons: ["rule 'quiet-14' fails in sector S-3 (day 2026-11-20 had 7 verified violations, limit 5)"],
        message:
          "phase change refused: rule 'quiet-14' fails in sector S-3 (day 2026-11-20 had 7 verified violations, limit 5)",
      },
    });
  });

  it('lets an override with a reason set failing rules aside, and records what it set aside', () => {
    const result = transition({
      current: 'ceasefire_agreed',
      target: 'ceasefire_holding',
      policy,
      evaluations: evaluations(monitoredDays({ 'S-3 2026-11-20': 7 })),
      decision: { ...decision, override: { reason: 'S-3 incident attributed to a training accident' } },
    });
    expect(result).toMatchObject({
      ok: true,
      record: {
        override: {
          reason: 'S-3 incident attributed to a training accident',
          bypassed: [
            "rule 'quiet-14' fails in sector S-3 (day 2026-11-20 had 7 verified violations, limit 5)",
          ],
        },
      },
    });
  });

  it('records no override when nothing failed', () => {
    const result = transition({
      current: 'force_deploying',
      target: 'suspended',
      policy,
      evaluations: [],
      decision: { ...decision, override: { reason: 'precaution' } },
    });
    expect(result).toMatchObject({ ok: true, record: { phase: 'suspended', override: null } });
  });

  it.each([
    [
      { current: 'ceasefire_agreed', target: 'force_deploying' },
      'phase.transition_not_allowed',
      'phase change refused: ceasefire_agreed cannot move to force_deploying; allowed next: ceasefire_holding, suspended',
    ],
    [
      { current: 'hostilities', target: 'suspended' },
      'phase.transition_not_allowed',
      'phase change refused: hostilities cannot move to suspended; allowed next: ceasefire_agreed',
    ],
    [
      { current: 'suspended', target: 'force_deploying' },
      'phase.transition_not_allowed',
      'phase change refused: suspended cannot move to force_deploying; allowed next: ceasefire_holding, hostilities',
    ],
    [
      { current: 'ceasefire_holding', target: 'force_deploying', evaluations: [] },
      'phase.decision_invalid',
      "phase change refused: rule 'quiet-14' version 2 was not evaluated; rule 'coverage-80' version 1 was not evaluated",
    ],
    [
      {
        current: 'ceasefire_holding',
        target: 'force_deploying',
        decision: { ...decision, nation: 'fr', override: { reason: ' ' } },
      },
      'phase.decision_invalid',
      "phase change refused: 'fr' is not an ISO 3166-1 alpha-3 nation code; an override needs a reason",
    ],
  ] as const)('refuses %j', (request, code, message) => {
    const result = transition({ policy, evaluations: evaluations(monitoredDays()), decision, ...request });
    expect(result).toMatchObject({ ok: false, refusal: { code, message } });
  });

  it('resumes from suspension only through the rules that guard ceasefire_holding', () => {
    const failing = evaluations(monitoredDays({ 'S-1 2026-11-24': 6 }));
    expect(
      transition({
        current: 'suspended',
        target: 'ceasefire_holding',
        policy,
        evaluations: failing,
        decision,
      }).ok,
    ).toBe(false);
    expect(
      transition({
        current: 'suspended',
        target: 'ceasefire_holding',
        policy,
        evaluations: evaluations(monitoredDays()),
        decision,
      }).ok,
    ).toBe(true);
  });
});

describe('sectorStandings', () => {
  it('is holding when the rules pass, broken within a week of a break, fragile after it', () => {
    const facts = monitoredDays({ 'S-2 2026-11-15': 9, 'S-3 2026-11-20': 9 });
    expect(sectorStandings(evaluations(facts)).map((s) => [s.sector, s.status])).toEqual([
      ['S-1', 'holding'],
      ['S-2', 'fragile'],
      ['S-3', 'broken'],
    ]);
  });

  it('calls a sector fragile when only coverage falls short', () => {
    const facts = monitoredDays().map((d) =>
      d.sector === 'S-1' && d.date > '2026-11-20' ? { ...d, monitored: false } : d,
    );
    const [s1] = sectorStandings(evaluations(facts));
    expect(s1).toEqual({
      sector: 'S-1',
      status: 'fragile',
      reasons: ["rule 'coverage-80' fails (monitored 9 of 14 days (64%), needs >= 80%)"],
    });
  });
});
