import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../monitoring/types.ts';
import { addDays } from './dates.ts';
import { evaluateRule } from './evaluate.ts';
import type { SectorDay } from './facts.ts';
import { type DeploymentOrder, type IssuedOrder, issueOrder, type OrderContext } from './orders.ts';
import { compileRule } from './parser.ts';
import {
  type Decision,
  initialPhase,
  ORDER_PHASES,
  PHASES,
  type PhaseRecord,
  TRANSITIONS,
  transition,
} from './phase.ts';

const SECTORS = ['S-1', 'S-2', 'S-3'];
const vocabulary = { sectors: SECTORS, zones: ['withdrawal_zone'] };
const RULE_TEXTS = [
  'every sector: verified violations per day <= 2 for 5 consecutive days',
  'no heavy_weapon_sighting in withdrawal_zone for 3 days and coverage >= 60% over 6 days',
  'sectors S-1, S-2: corroborated violations of explosion_impact, fom_restriction per day < 2 for 4 days or coverage > 50% over 3 days',
];
const rules = RULE_TEXTS.map((text, i) => compileRule({ id: `r${i}`, version: 1, text }, vocabulary));
const START = '2026-11-01';

const sectorDay = fc.record({
  sector: fc.constantFrom(...SECTORS),
  date: fc.integer({ min: 0, max: 12 }).map((d) => addDays(START, d)),
  monitored: fc.boolean(),
  incidents: fc.array(
    fc.record({
      id: fc.integer({ min: 1, max: 8 }).map((n) => `I-${n}`),
      category: fc.constantFrom(...CATEGORIES),
      verification: fc.constantFrom('reported', 'corroborated', 'verified', 'attributed', 'dismissed'),
      count: fc.integer({ min: 1, max: 4 }),
      zones: fc.subarray(['withdrawal_zone', 'buffer_zone']),
    }),
    { maxLength: 3 },
  ),
}) satisfies fc.Arbitrary<SectorDay>;

describe('rule evaluation properties', () => {
  it('is deterministic and independent of the order of the facts', () => {
    fc.assert(
      fc.property(
        fc.array(sectorDay, { maxLength: 30 }),
        fc.integer({ min: 0, max: 14 }),
        fc.func(fc.integer()),
        (facts, d, key) => {
          const asOf = addDays(START, d);
          const shuffled = [...facts].sort((a, b) => key(a) - key(b) || 0);
          for (const rule of rules) {
            const once = evaluateRule(rule, { asOf, sectors: SECTORS, facts });
            expect(evaluateRule(rule, { asOf, sectors: SECTORS, facts })).toEqual(once);
            expect(evaluateRule(rule, { asOf, sectors: SECTORS, facts: shuffled })).toEqual(once);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('passes exactly on firstPassDate when monitored days bring nothing new', () => {
    fc.assert(
      fc.property(fc.array(sectorDay, { maxLength: 30 }), fc.integer({ min: 0, max: 12 }), (facts, d) => {
        const asOf = addDays(START, d);
        const known = facts.filter((f) => f.date <= asOf);
        for (const rule of rules) {
          const now = evaluateRule(rule, { asOf, sectors: SECTORS, facts: known });
          const quiet = (until: string): SectorDay[] => {
            const days: SectorDay[] = [];
            for (let day = addDays(asOf, 1); day <= until; day = addDays(day, 1)) {
              for (const sector of SECTORS) days.push({ sector, date: day, monitored: true, incidents: [] });
            }
            return [...known, ...days];
          };
          const at = (date: string) =>
            evaluateRule(rule, { asOf: date, sectors: SECTORS, facts: quiet(date) }).pass;
          expect(at(now.firstPassDate)).toBe(true);
          if (now.firstPassDate > asOf) expect(at(addDays(now.firstPassDate, -1))).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});

// The gate, modelled over the pure functions: a cell that tries anything in any order.
const quietRule = compileRule(
  { id: 'quiet', version: 1, text: 'verified violations per day <= 0 for 1 day' },
  vocabulary,
);
const policy = {
  ceasefire_holding: [{ id: 'quiet', version: 1 }],
  force_deploying: [{ id: 'quiet', version: 1 }],
  sustainment: [{ id: 'quiet', version: 1 }],
};
const order: DeploymentOrder = {
  id: 'O-1',
  offerId: 'F-1',
  nation: 'FRA',
  sector: 'S-1',
  lineOfEffort: 'reassurance',
  quantity: 100,
  drafted: START,
};
const override = fc.option(fc.constantFrom('', '  ', 'cell judged the incident isolated'), {
  nil: undefined,
});
const action = fc.oneof(
  // Mostly forward moves and valid contexts, so runs reach deployment; sometimes anything at all.
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(5) }),
    anywhere: fc.nat(9).map((n) => n === 0),
    violations: fc.boolean(),
    override,
  }),
  fc.record({
    kind: fc.constant('issue' as const),
    context: fc.record({
      sectorStatus: fc.constantFrom('holding', 'fragile', 'broken'),
      mandateHeld: fc.nat(3).map((n) => n > 0),
      caveatViolations: fc.constantFrom([], [], ['outside Ukraine only']),
      supportedBy: fc.constantFrom('plan', 'lead_matrix', 'plan', null),
    }),
    override,
  }),
);

describe('deployment gate properties', () => {
  it('never issues an order while the gate is closed, except by a recorded override', () => {
    let issuedRuns = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 40 }), (actions) => {
        let phase: PhaseRecord = initialPhase({ by: 'x', nation: 'FRA', date: START, authority: 'cell' });
        const chain: PhaseRecord[] = [phase];
        const issued: IssuedOrder[] = [];
        actions.forEach((a, i) => {
          const decision: Decision = {
            by: 'Cell chief',
            nation: 'FRA',
            date: addDays(START, i),
            authority: 'Coordination Cell',
            ...(a.override === undefined ? {} : { override: { reason: a.override } }),
          };
          if (a.kind === 'move') {
            const facts: SectorDay[] = a.violations
              ? [
                  {
                    sector: 'S-2',
                    date: decision.date,
                    monitored: true,
                    incidents: [
                      { id: `V${i}`, category: 'other', verification: 'verified', count: 1, zones: [] },
                    ],
                  },
                ]
              : [];
            const evaluation = evaluateRule(quietRule, { asOf: decision.date, sectors: SECTORS, facts });
            const allowed = TRANSITIONS[phase.phase];
            const target = a.anywhere ? PHASES[a.pick]! : allowed[a.pick % allowed.length]!;
            const result = transition({
              current: phase.phase,
              target,
              policy,
              evaluations: [evaluation],
              decision,
            });
            if (result.ok) {
              phase = result.record;
              chain.push(phase);
            }
          } else {
            const context: OrderContext = { ...a.context, phase: phase.phase };
            const result = issueOrder(order, context, decision);
            if (result.ok) issued.push(result.issued);
          }
        });
        for (const record of chain) {
          const failing = record.evaluations.some((e) => !e.pass);
          expect(record.override !== null).toBe(failing);
          if (failing) expect(record.override!.reason.trim()).not.toBe('');
        }
        if (issued.length > 0) issuedRuns++;
        for (const { context, override } of issued) {
          expect(ORDER_PHASES).toContain(context.phase);
          expect(
            context.mandateHeld && context.caveatViolations.length === 0 && context.supportedBy !== null,
          ).toBe(true);
          if (context.sectorStatus !== 'holding') expect(override?.reason.trim()).toBeTruthy();
          else expect(override).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
    // The model must actually reach the deployment phases, or the property proves nothing.
    expect(issuedRuns).toBeGreaterThan(40);
  });
});
