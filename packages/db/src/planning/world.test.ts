import type { Offer } from '@guarantor/core/coalition';
import type { Requirement } from '@guarantor/core/planning';
import { describe, expect, it } from 'vitest';
import type { PlanInputSnapshot } from '../schema.ts';
import { type Commitment, holdBackCommitted } from './world.ts';

const offer = (id: string, capability: string, quantity: number): Offer => ({
  id,
  nation: id.slice(0, 3),
  capability,
  quantity,
  daysToDeploy: 14,
  durationDays: 180,
  readiness: 'assessed',
  readinessHistory: [],
  lifecycle: 'confirmed',
  caveats: [],
});

const requirement = (id: string, capability: string, quantity: number, priority: 1 | 3): Requirement => ({
  id,
  region: 'UA-46',
  lineOfEffort: 'reassurance_force',
  capability,
  role: 'deterrence',
  quantity,
  priority,
  phase: 'force_deploying',
  maxDaysToDeploy: 60,
});

const snapshot: PlanInputSnapshot = {
  atMs: 0,
  offers: [offer('FRA-1', 'infantry_battalion', 5), offer('DEU-1', 'monitoring_team', 4)],
  requirements: [
    requirement('R-2', 'infantry_battalion', 2, 3),
    requirement('R-1', 'infantry_battalion', 2, 1),
    requirement('R-3', 'monitoring_team', 3, 1),
  ],
  leadClaims: [],
  facts: { distanceToContactKm: {}, participatingNations: [], mandates: {} },
};

const order = (orderId: string, offerId: string, quantity: number, region = 'UA-46'): Commitment => ({
  orderId,
  offerId,
  quantity,
  region,
  lineOfEffort: 'reassurance_force',
  label: { kind: 'COALITION' },
});

describe('holdBackCommitted', () => {
  it('credits an order to the most important requirements of its cell and capability first', () => {
    const held = holdBackCommitted(snapshot, [order('O-1', 'FRA-1', 3)]);
    expect(held.snapshot.offers.find((o) => o.id === 'FRA-1')?.quantity).toBe(2);
    // R-1 (priority 1) is served in full, R-2 (priority 3) gets the third unit.
    expect(held.snapshot.requirements.map((r) => [r.id, r.quantity])).toEqual([
      ['R-2', 1],
      ['R-3', 3],
    ]);
    expect(held.notes).toEqual([
      'FRA-1: 3 of 5 units held back, committed by issued order O-1 (3 to UA-46 / reassurance_force); 2 left to plan',
      'R-2: 1 of 2 units already served by issued order O-1; 1 left to plan',
      'R-1: already served in full (2 units) by issued order O-1, so the requirement is left out',
    ]);
  });

  it('credits nothing outside the order cell or capability, nor an order the audience may not read', () => {
    const elsewhere = holdBackCommitted(snapshot, [order('O-2', 'FRA-1', 2, 'UA-14')]);
    expect(elsewhere.snapshot.requirements).toEqual(snapshot.requirements);
    const hidden = holdBackCommitted(snapshot, [order('O-3', 'DEU-1', 2)], () => false);
    expect(hidden.snapshot.requirements).toEqual(snapshot.requirements);
    expect(hidden.snapshot.offers.find((o) => o.id === 'DEU-1')?.quantity).toBe(2);
    expect(hidden.notes.join(' ')).not.toContain('O-3');
  });

  it('holds back units of orders the reader may not read, counted but not credited', () => {
    const held = holdBackCommitted(snapshot, [], undefined, [{ offerId: 'DEU-1', orders: 2, units: 4 }]);
    expect(held.snapshot.offers.map((o) => o.id)).toEqual(['FRA-1']);
    expect(held.snapshot.requirements).toEqual(snapshot.requirements);
    expect(held.notes).toEqual([
      'DEU-1: 4 of 4 units held back, committed by 2 issued orders you may not read (4); none left to plan, so the offer is left out',
    ]);
  });
});
