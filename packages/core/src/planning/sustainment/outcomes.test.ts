/**
 * What a multi-period plan says when HiGHS does not prove it (issue 19, bad input): a solve that
 * fails (HiGHS throws, proves the model infeasible, or rounds to a plan that breaks a rule) and
 * one stopped by its time limit, forced here by standing in for the MILP, so both paths are
 * taken on every run whatever the machine's speed. Neither throws; each returns its best plan
 * marked as such, with what it proves.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { offer } from '../../../../../bench/planning-instances.ts';
import type { CaveatFacts } from '../../coalition/index.ts';
import type { Requirement } from '../types.ts';
import type { MilpOutcome } from './milp.ts';
import { planSustainment, planSustainmentGreedy } from './plan.ts';
import type { SustainmentInput } from './types.ts';

const outcome = vi.hoisted(() => ({ next: null as null | ((start: unknown) => unknown) }));
vi.mock('./milp.ts', () => ({
  solveSustainmentMilp: async (_p: unknown, start: unknown) => outcome.next!(start),
}));

const facts: CaveatFacts = {
  distanceToContactKm: { 'UA-30': 420, 'UA-46': 900 },
  participatingNations: new Set(['FRA', 'GBR']),
  mandates: {},
};
const need = (id: string, region: string, quantity: number): Requirement => ({
  id,
  region,
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  role: 'monitoring',
  quantity,
  priority: 1,
  phase: 'sustainment',
  maxDaysToDeploy: 30,
});
const input: SustainmentInput = {
  base: {
    offers: [offer('FRA-1', 'monitoring_team', 2, 14), offer('GBR-1', 'monitoring_team', 1, 14)],
    requirements: [need('R-1', 'UA-30', 2), need('R-2', 'UA-46', 2)],
    facts,
    atMs: Date.parse('2027-01-01T00:00:00Z'),
  },
  horizon: { start: '2027-01', months: 12 },
  timelines: {},
  rotations: {
    'FRA-1': {
      availableFrom: '2027-01',
      monthsDeployed: 6,
      monthsRecovering: 12,
      rotationalUnits: 1,
      mandateEnds: null,
      renewalExpected: false,
      maxMonths: null,
    },
  },
};

describe('a multi-period solve HiGHS does not prove', () => {
  beforeEach(() => {
    outcome.next = null;
  });

  it('a failed (or infeasible) solve returns the rolling-horizon plan marked heuristic, with its ceiling', async () => {
    outcome.next = (): MilpOutcome => ({
      status: 'failed',
      note: 'HiGHS multi-period MILP failed: model status Infeasible',
    });
    const plan = await planSustainment(input, { timeLimitS: 1 });
    const greedy = planSustainmentGreedy(input);
    expect(plan.status).toBe('heuristic');
    expect(plan.method).toBe('optimal');
    expect(plan.commitments).toEqual(greedy.commitments);
    expect(plan.metrics).toEqual(greedy.metrics);
    expect(plan.proof.gap).toBeUndefined();
    expect(plan.proof.coverageCeiling).toBeGreaterThanOrEqual(plan.metrics.coverage);
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'HiGHS multi-period MILP failed: model status Infeasible',
        'the solver gave no plan: this is the rolling-horizon plan',
        expect.stringMatching(/^no plan covers more than [\d.]+%.*this plan covers [\d.]+%$/),
      ]),
    );
    // Every short month still says why, offer by offer.
    expect(plan.uncovered.every((u) => u.summary.length > 0)).toBe(true);
  });

  it('a solve stopped by its limit returns its best plan marked time_limited, with its gap', async () => {
    outcome.next = (start): MilpOutcome => ({
      status: 'time_limited',
      x: start as MilpOutcome['x'],
      gap: 0.25,
      start: start as MilpOutcome['x'],
      note: 'HiGHS multi-period MILP: stopped by its time limit',
    });
    const plan = await planSustainment(input, { timeLimitS: 0.5 });
    expect(plan.status).toBe('time_limited');
    expect(plan.proof.gap).toBe(0.25);
    expect(plan.proof.coverageCeiling).toBeGreaterThanOrEqual(plan.metrics.coverage);
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'HiGHS found no plan covering more than its start within the limit',
        'stopped at the 0.5 s limit with a relative gap of 2.5e-1: the best plan found, not proven best',
      ]),
    );
  });
});
