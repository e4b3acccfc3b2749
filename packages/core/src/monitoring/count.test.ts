/**
 * The count rule (estimateCount) against the rule as its comment states it, written plainly:
 * each source's reports sorted and split into time runs on their own, each run of the incident
 * grouped by source on its own. estimateCount sorts once and reads every field once, for a
 * burst's incident of tens of thousands of reports; the numbers must not move.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCount, independenceKey } from './incident.ts';
import type { Observation } from './types.ts';

function runs(obs: readonly Observation[]): Observation[][] {
  const sorted = [...obs].sort((a, b) => a.time.startMs - b.time.startMs);
  const out: Observation[][] = [];
  let end = -Infinity;
  for (const o of sorted) {
    if (o.time.startMs > end) out.push([]);
    out.at(-1)!.push(o);
    end = Math.max(end, o.time.endMs);
  }
  return out;
}

function bySource(obs: readonly Observation[]): Observation[][] {
  const groups = new Map<string, Observation[]>();
  for (const o of obs) groups.set(independenceKey(o), [...(groups.get(independenceKey(o)) ?? []), o]);
  return [...groups.values()];
}

const total = (obs: readonly Observation[]) =>
  runs(obs).reduce((sum, run) => sum + Math.max(...run.map((o) => o.count)), 0);

function plainCount(obs: readonly Observation[]) {
  const totals = bySource(obs).map(total);
  const high = runs(obs).reduce((sum, run) => sum + Math.max(...bySource(run).map(total)), 0);
  return { low: Math.min(...totals), best: Math.max(...totals), high };
}

const T = Date.parse('2026-11-26T06:00:00Z');

const reportArb = fc
  .record({
    source: fc.integer({ min: 0, max: 5 }),
    submitter: fc.option(fc.integer({ min: 0, max: 3 })),
    startMin: fc.integer({ min: 0, max: 240 }),
    lengthMin: fc.integer({ min: 0, max: 90 }),
    count: fc.integer({ min: 1, max: 20 }),
  })
  .map(
    ({ source, submitter, startMin, lengthMin, count }): Observation => ({
      uid: `c-${source}-${startMin}`,
      source: { kind: 'patrol', id: `patrol-${source}`, nation: 'USA' },
      ...(submitter === null ? {} : { submitter: `token:${submitter}` }),
      time: { startMs: T + startMin * 60_000, endMs: T + (startMin + lengthMin) * 60_000 },
      category: 'explosion_impact',
      count,
      location: { kind: 'point', position: [37.5, 48.1], radiusM: 100 },
      reportedAtMs: T + 86_400_000,
    }),
  );

describe('the count rule', () => {
  it('says what the plainly written rule says, for any reports', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { minLength: 1, maxLength: 40 }), (reports) => {
        expect(estimateCount(reports)).toEqual(plainCount(reports));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds a source’s reports at disjoint times and not at overlapping ones', () => {
    const at = (startMin: number, count: number, id = 'patrol-1'): Observation => ({
      uid: `${id}-${startMin}`,
      source: { kind: 'patrol', id, nation: 'USA' },
      time: { startMs: T + startMin * 60_000, endMs: T + (startMin + 10) * 60_000 },
      category: 'explosion_impact',
      count,
      location: { kind: 'point', position: [37.5, 48.1], radiusM: 100 },
      reportedAtMs: T + 86_400_000,
    });
    // patrol-1: 3 and 5 overlap (5), then 2 alone: 7. patrol-2: 4 overlapping the first run.
    expect(estimateCount([at(0, 3), at(5, 5), at(60, 2), at(2, 4, 'patrol-2')])).toEqual({
      low: 4,
      best: 7,
      high: 7,
    });
  });
});
