import { describe, expect, it } from 'vitest';
import { type DayWriting, dayReports } from '../../../../test/support/day-reports.ts';
import { createIndexedFusionEngine } from './indexed.ts';
import { createNaiveFusionEngine } from './naive.ts';
import { pairwiseScores } from './scores.ts';

/**
 * Real multi-source event data is dated to the day at exact places; towns are hit on
 * consecutive days. Fusion must keep each event's reports together without chaining the days
 * (issue 15): goal precision ≥ 0.9 at recall ≥ 0.95 on a set of that shape.
 */
describe('fusion of day-precision reports at exact places', () => {
  for (const writing of ['last-millisecond', 'next-midnight'] as DayWriting[]) {
    it(`keeps each event together and consecutive days apart, days written to the ${writing}`, () => {
      const set = dayReports(7, 80, 30, writing);
      const engine = createIndexedFusionEngine();
      expect(engine.addBatch(set.observations).rejected).toEqual([]);
      const partition = engine.partition();
      const s = pairwiseScores(partition, set.eventOf);
      const largest = Math.max(...partition.map((g) => new Set(g.map((u) => set.eventOf.get(u))).size));
      console.log(
        `day reports (${writing}): ${set.observations.length} observations of ${set.events} events -> ` +
          `${partition.length} incidents (largest spans ${largest} events); precision ${s.precision.toFixed(3)}, ` +
          `recall ${s.recall.toFixed(3)} (${s.agreeingPairs} agreeing of ${s.predictedPairs} fused, ${s.truePairs} true pairs)`,
      );
      expect(s.precision).toBeGreaterThanOrEqual(0.9);
      expect(s.recall).toBeGreaterThanOrEqual(0.95);
      expect(largest).toBe(1);
      // The reference engine agrees on every partition.
      const naive = createNaiveFusionEngine();
      naive.addBatch(set.observations);
      expect(partition).toEqual(naive.partition());
    });
  }
});
