import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate.ts';
import type { SectorDay } from './facts.ts';
import { type Breach, detectBreaches, proposeRungs, type ResponseLadder, responseTimes } from './ladder.ts';
import { compileRule } from './parser.ts';

const sectors = ['S-1', 'S-2', 'S-3'];
const rule = compileRule(
  { id: 'quiet-7', version: 1, text: 'verified violations per day <= 2 for 7 days' },
  { sectors, zones: [] },
);
const ladder: ResponseLadder = [
  {
    id: 'inspect',
    title: 'joint inspection within 24 h',
    respondWithinHours: 24,
    nations: ['USA', 'FRA'],
    rules: [],
    minSectors: 1,
  },
  {
    id: 'double',
    title: 'doubled monitoring in the sector',
    respondWithinHours: 48,
    nations: ['DEU'],
    rules: ['heavy-7'],
    minSectors: 1,
  },
  {
    id: 'convene',
    title: 'convene the cell',
    respondWithinHours: 12,
    nations: ['FRA', 'GBR'],
    rules: [],
    minSectors: 2,
  },
  {
    id: 'suspend',
    title: 'suspension',
    respondWithinHours: 24,
    nations: ['FRA', 'GBR', 'USA'],
    rules: [],
    minSectors: 3,
  },
];

function day(sector: string, date: string, violations: number): SectorDay {
  const incidents = Array.from({ length: violations }, (_, i) => ({
    id: `${sector}-${date}-${i}`,
    category: 'explosion_impact' as const,
    verification: 'verified' as const,
    count: 1,
    zones: [],
  }));
  return { sector, date, monitored: true, incidents };
}

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 21, 6);

describe('response ladder', () => {
  const facts = [day('S-1', '2026-11-19', 3), day('S-2', '2026-11-21', 4), day('S-3', '2026-11-21', 5)];
  const previous = evaluateRule(rule, { asOf: '2026-11-20', sectors, facts });
  const current = evaluateRule(rule, { asOf: '2026-11-21', sectors, facts });
  const breaches = detectBreaches(previous, current, T0);

  it('detects sectors that held and now fail, not sectors that were already failing', () => {
    expect(breaches.map((b) => [b.id, b.explanation, b.incidentIds.length])).toEqual([
      ['quiet-7@1:S-2:2026-11-21', 'day 2026-11-21 had 4 verified violations, limit 2', 4],
      ['quiet-7@1:S-3:2026-11-21', 'day 2026-11-21 had 5 verified violations, limit 2', 5],
    ]);
  });

  it('proposes the most severe rung the breach and the number of breaching sectors call for', () => {
    expect(proposeRungs(ladder, breaches).map((p) => p.rung?.id)).toEqual(['convene', 'convene']);
    expect(proposeRungs(ladder, breaches.slice(0, 1)).map((p) => p.rung?.id)).toEqual(['inspect']);
    const heavy: Breach = { ...breaches[0]!, rule: { id: 'heavy-7', version: 1 } };
    expect(proposeRungs(ladder, [heavy]).map((p) => p.rung?.id)).toEqual(['double']);
  });

  it('measures breach to first response against the rung commitment', () => {
    const times = responseTimes(ladder, breaches, [
      { breachId: breaches[0]!.id, rungId: 'convene', decidedAtMs: T0 + 20 * H, by: 'Cell', nation: 'FRA' },
      { breachId: breaches[0]!.id, rungId: 'convene', decidedAtMs: T0 + 10 * H, by: 'Cell', nation: 'FRA' },
    ]);
    expect(times.map((t) => [t.elapsedMs, t.withinCommitment])).toEqual([
      [10 * H, true],
      [null, null],
    ]);
  });

  it('refuses to compare two versions of a rule', () => {
    expect(() => detectBreaches(previous, { ...current, rule: { id: 'quiet-7', version: 2 } }, T0)).toThrow(
      RangeError,
    );
  });
});
