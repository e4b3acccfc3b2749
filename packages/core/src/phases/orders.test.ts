import { describe, expect, it } from 'vitest';
import { checkOrder, type DeploymentOrder, issueOrder, newlyIssuable, type OrderContext } from './orders.ts';
import type { Decision } from './phase.ts';

const order: DeploymentOrder = {
  id: 'O-1',
  offerId: 'FRA-inf-1',
  nation: 'FRA',
  sector: 'S-3',
  lineOfEffort: 'reassurance',
  quantity: 1200,
  drafted: '2026-11-03',
};
const open: OrderContext = {
  phase: 'force_deploying',
  sectorStatus: 'holding',
  mandateHeld: true,
  caveatViolations: [],
  supportedBy: 'plan',
};
const decision: Decision = {
  by: 'Cell J3',
  nation: 'GBR',
  date: '2026-11-20',
  authority: 'Coordination Cell',
};

describe('checkOrder', () => {
  it('issues when the phase allows it and every condition holds', () => {
    expect(checkOrder(order, open).status).toBe('issuable');
    expect(checkOrder(order, { ...open, phase: 'sustainment', supportedBy: 'lead_matrix' }).status).toBe(
      'issuable',
    );
  });

  it('keeps an early order ready on the gate, naming what it waits for', () => {
    expect(checkOrder(order, { ...open, phase: 'ceasefire_agreed', sectorStatus: 'fragile' })).toMatchObject({
      status: 'ready_on_gate',
      message:
        'ready on gate: waiting for phase force_deploying (now ceasefire_agreed) and sector S-3 to hold (now fragile)',
    });
  });

  it('keeps an order for a future month of a sustainment plan ready on gate: the ceasefire first, then the month', () => {
    const planned = {
      ...open,
      phase: 'ceasefire_agreed' as const,
      period: { month: '2028-03', now: '2026-12' },
    };
    expect(checkOrder(order, planned)).toMatchObject({
      status: 'ready_on_gate',
      message:
        'ready on gate: waiting for phase force_deploying (now ceasefire_agreed) and month 2028-03 (now 2026-12)',
    });
    expect(checkOrder(order, planned).blockers.map((b) => b.kind)).toEqual(['phase', 'period']);
    // The gate open, the month not yet come: it still waits, and only for the month.
    expect(checkOrder(order, { ...open, period: { month: '2028-03', now: '2028-02' } })).toMatchObject({
      status: 'ready_on_gate',
      message: 'ready on gate: waiting for month 2028-03 (now 2028-02)',
    });
    // The month come (or past) and the gate open: issuable; the month never holds back a refusal's other reasons.
    expect(checkOrder(order, { ...open, period: { month: '2028-03', now: '2028-03' } }).status).toBe(
      'issuable',
    );
    expect(
      newlyIssuable(
        [order],
        () => ({ ...open, period: { month: '2028-03', now: '2028-02' } }),
        () => ({ ...open, period: { month: '2028-03', now: '2028-03' } }),
      ),
    ).toEqual([
      { order, because: ['month 2028-03 has come'], cleared: [{ kind: 'period', month: '2028-03' }] },
    ]);
    expect(
      checkOrder(order, { ...open, mandateHeld: false, period: { month: '2028-03', now: '2026-12' } }).status,
    ).toBe('refused');
  });

  it('refuses with every reason when something other than the gate blocks', () => {
    const check = checkOrder(order, {
      phase: 'ceasefire_agreed',
      sectorStatus: 'holding',
      mandateHeld: false,
      caveatViolations: ['caveat "outside Ukraine only" excludes S-3'],
      supportedBy: null,
    });
    expect(check.status).toBe('refused');
    expect(check.message).toBe(
      'deployment refused: phase is ceasefire_agreed; orders open at force_deploying; FRA holds no national mandate for this deployment; ' +
        'caveat "outside Ukraine only" excludes S-3; neither the plan nor the lead matrix supports FRA in S-3 (reassurance)',
    );
  });
});

describe('issueOrder', () => {
  it('issues an issuable order with its decision and context', () => {
    expect(issueOrder(order, open, decision)).toEqual({
      ok: true,
      issued: { order, decision, context: open, override: null },
    });
  });

  it('lets a recorded override set aside a sector that is not holding, and nothing else', () => {
    const overriding = {
      ...decision,
      override: { reason: 'stabilisation force requested by the sector commander' },
    };
    expect(issueOrder(order, { ...open, sectorStatus: 'fragile' }, overriding)).toMatchObject({
      ok: true,
      issued: {
        override: {
          reason: 'stabilisation force requested by the sector commander',
          bypassed: ['sector S-3 is fragile, not holding'],
        },
      },
    });
    expect(issueOrder(order, { ...open, sectorStatus: 'fragile' }, decision).ok).toBe(false);
    expect(issueOrder(order, { ...open, phase: 'ceasefire_holding' }, overriding).ok).toBe(false);
    expect(issueOrder(order, { ...open, sectorStatus: 'broken', mandateHeld: false }, overriding).ok).toBe(
      false,
    );
  });
});

describe('newlyIssuable', () => {
  it('names the orders the change opened and what cleared for each', () => {
    const other = { ...order, id: 'O-2', nation: 'DEU', sector: 'S-1' };
    const before = (o: DeploymentOrder): OrderContext =>
      o.id === 'O-1'
        ? { ...open, phase: 'ceasefire_holding', sectorStatus: 'fragile' }
        : { ...open, mandateHeld: false };
    expect(newlyIssuable([order, other], before, () => open)).toEqual([
      {
        order,
        because: ['phase is now force_deploying', 'sector S-3 is now holding'],
        cleared: [
          { kind: 'phase', phase: 'force_deploying' },
          { kind: 'sector', sector: 'S-3' },
        ],
      },
      { order: other, because: ['DEU now holds the mandate'], cleared: [{ kind: 'mandate', nation: 'DEU' }] },
    ]);
    expect(
      newlyIssuable(
        [order, other],
        () => open,
        () => open,
      ),
    ).toEqual([]);
  });
});
