import { describe, expect, it } from 'vitest';
import { offer } from '../../../../bench/planning-instances.ts';
import type { CaveatFacts } from '../coalition/index.ts';
import { planOptimal, type Requirement } from './index.ts';

const facts: CaveatFacts = {
  distanceToContactKm: { 'UA-30': 420, 'UA-46': 900 },
  participatingNations: new Set(['FRA', 'GBR']),
  mandates: {},
};

const need = (id: string, region: string): Requirement => ({
  id,
  region,
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  role: 'monitoring',
  quantity: 2,
  priority: 1,
  phase: 'ceasefire_holding',
  maxDaysToDeploy: 30,
});

describe('the claim ceiling of a time-limited plan', () => {
  it('counts claimants that share one class once, by the linear relaxation', async () => {
    // France claims two cells; each alone it could lead (its 2 teams are its share of 75%), but
    // it has 2 teams in all, so no plan honours both claims.
    const plan = await planOptimal(
      {
        offers: [offer('FRA-1', 'monitoring_team', 2, 14), offer('GBR-1', 'monitoring_team', 2, 14)],
        requirements: [need('R-1', 'UA-30'), need('R-2', 'UA-46')],
        leadClaims: [
          { nation: 'FRA', region: 'UA-30', lineOfEffort: 'truce_monitoring' },
          { nation: 'FRA', region: 'UA-46', lineOfEffort: 'truce_monitoring' },
        ],
        facts,
        atMs: Date.parse('2026-03-01T00:00:00Z'),
      },
      { timeLimitS: 1e-9, leadMinShare: 0.75 },
    );
    expect(plan.status).toBe('time_limited');
    expect(plan.ceiling).toEqual({ leads: 2, claims: 1 });
    expect(plan.notes).toContainEqual(
      expect.stringContaining(
        'or honour more than 1 claims (2 cells with a claimant that could reach it, each cell taken alone; 1 when they share classes and requirements, by a linear relaxation;',
      ),
    );
  });
});
