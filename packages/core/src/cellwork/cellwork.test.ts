import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admits, parseReleasability, type Releasability } from '../access/releasability.ts';
import {
  dueRefusal,
  isNoWiderThan,
  labelBound,
  overdueByNation,
  preferenceTakes,
  reminderFor,
  retryDelayMs,
} from './index.ts';

const L = parseReleasability;
const NATIONS = ['DEU', 'FRA', 'POL', 'GBR'] as const;
const label: fc.Arbitrary<Releasability> = fc.oneof(
  fc.constant<Releasability>({ kind: 'PUBLIC' }),
  fc.constant<Releasability>({ kind: 'COALITION' }),
  fc.constantFrom(...NATIONS).map((nation): Releasability => ({ kind: 'NATIONAL', nation })),
  fc
    .subarray([...NATIONS], { minLength: 1 })
    .map((n): Releasability => ({ kind: 'REL', nations: [...n].sort() })),
);
const readers = [
  ...NATIONS.map((nation) => ({ nation, coalitionMember: true })),
  { nation: null, coalitionMember: false },
];

describe('the label a decision may carry', () => {
  it('is no wider than the meet of its records: a reader it admits is admitted by every record', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 4 }), label, (records, chosen) => {
        const bound = labelBound(records);
        if (!isNoWiderThan(chosen, bound)) return;
        for (const r of readers)
          if (admits(chosen, r)) for (const rec of records) expect(admits(rec, r)).toBe(true);
      }),
    );
  });

  it('takes the bound itself and anything narrower, and refuses what is wider', () => {
    expect(isNoWiderThan(L('NATIONAL DEU'), L('REL TO DEU, POL'))).toBe(true);
    expect(isNoWiderThan(L('COALITION'), L('REL TO DEU, POL'))).toBe(false);
    expect(isNoWiderThan(L('REL TO DEU, FRA'), L('REL TO DEU, POL'))).toBe(false);
    expect(isNoWiderThan(L('PUBLIC'), labelBound([]))).toBe(true);
    fc.assert(
      fc.property(label, (l) => {
        expect(isNoWiderThan(l, l)).toBe(true);
      }),
    );
  });
});

describe('due dates and reminders', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it('refuses a due date at or before now, in words', () => {
    expect(dueRefusal(now - 1, now)).toContain('is in the past');
    expect(dueRefusal(now, now)).not.toBeNull();
    expect(dueRefusal(Number.NaN, now)).toBe('the due date is not a date');
    expect(dueRefusal(now + 1, now)).toBeNull();
  });
  it('reminds once before the due time and tells once when overdue; done actions stay quiet', () => {
    const a = {
      status: 'open' as const,
      dueAtMs: now + 10 * 3_600_000,
      remindBeforeHours: 24,
      remindedAtMs: null,
      overdueNotifiedAtMs: null,
    };
    expect(reminderFor(a, now)).toBe('due_soon');
    expect(reminderFor({ ...a, remindedAtMs: now }, now)).toBeNull();
    expect(reminderFor({ ...a, remindedAtMs: now }, a.dueAtMs)).toBe('overdue');
    expect(reminderFor({ ...a, overdueNotifiedAtMs: a.dueAtMs }, a.dueAtMs + 1)).toBeNull();
    expect(reminderFor({ ...a, status: 'done' }, a.dueAtMs + 1)).toBeNull();
    expect(reminderFor({ ...a, remindBeforeHours: 1 }, now)).toBeNull();
  });
  it('groups overdue open actions per nation, alphabetically, oldest first', () => {
    const x = (ownerNation: string, dueAtMs: number, status: 'open' | 'done' = 'open') => ({
      ownerNation,
      dueAtMs,
      status,
    });
    const groups = overdueByNation(
      [x('FRA', now - 1), x('DEU', now - 5), x('DEU', now - 9), x('POL', now + 1), x('GBR', now - 1, 'done')],
      now,
    );
    expect(groups.map((g) => [g.nation, g.actions.map((a) => a.dueAtMs)])).toEqual([
      ['DEU', [now - 9, now - 5]],
      ['FRA', [now - 1]],
    ]);
  });
});

describe('preferences and retries', () => {
  it('takes an event the user chose, in a chosen sector or in any when none is chosen', () => {
    const p = { events: ['action_created'], sectors: ['sector-east'] };
    expect(preferenceTakes(p, { event: 'action_created', sector: 'sector-east' })).toBe(true);
    expect(preferenceTakes(p, { event: 'action_created', sector: 'sector-west' })).toBe(false);
    expect(preferenceTakes(p, { event: 'action_created', sector: null })).toBe(true);
    expect(preferenceTakes(p, { event: 'meeting_scheduled', sector: null })).toBe(false);
    expect(preferenceTakes({ ...p, sectors: [] }, { event: 'action_created', sector: 'sector-west' })).toBe(
      true,
    );
  });
  it('waits 30 s, doubling, never more than an hour', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(50)).toBe(3_600_000);
  });
});
