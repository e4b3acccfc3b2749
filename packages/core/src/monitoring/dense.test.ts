/**
 * A dense burst (every report within a few hundred metres and an hour of the others): the
 * indexed engine links whole grid cells (docs/adr/0022), so its partition is checked against
 * the naive engine's, in two orders; an incident above JOIN_TREE_LIMIT lists no joins and a
 * short explanation.
 */
import { describe, expect, it } from 'vitest';
import { createIndexedFusionEngine, JOIN_TREE_LIMIT, type Observation } from './index.ts';
import { createNaiveFusionEngine } from './naive.ts';

const T = Date.UTC(2026, 5, 1, 3);

function burst(n: number): Observation[] {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const categories = ['explosion_impact', 'explosion_undetermined', 'uav_overflight'] as const;
  return Array.from({ length: n }, (_, i) => {
    const t = T + Math.floor(rnd() * 3_300_000);
    return {
      uid: `b-${String(i).padStart(5, '0')}`,
      source: { kind: 'patrol', id: `patrol-${Math.floor(rnd() * 40)}`, nation: 'FRA' },
      time: { startMs: t, endMs: t + (rnd() < 0.3 ? 300_000 : 0) },
      category: categories[Math.floor(rnd() * categories.length)]!,
      count: 1,
      location: {
        kind: 'point',
        position: [37.75 + (rnd() - 0.5) * 0.009, 48.14 + (rnd() - 0.5) * 0.006],
        radiusM: 50 + Math.floor(rnd() * 100),
      },
      reportedAtMs: t + 600_000,
    } as Observation;
  });
}

describe('a dense burst', () => {
  const reports = burst(1500);

  it('gives the naive engine’s incidents, in arrival order and reversed', () => {
    const naive = createNaiveFusionEngine();
    naive.addBatch(reports);
    for (const order of [reports, [...reports].reverse()]) {
      const indexed = createIndexedFusionEngine();
      indexed.addBatch(order);
      expect(indexed.partition()).toEqual(naive.partition());
    }
  });

  it('lists no joins for an incident above the limit, and says so in a few lines', () => {
    const engine = createIndexedFusionEngine();
    engine.addBatch(reports);
    const largest = engine.partition().reduce((a, b) => (b.length > a.length ? b : a));
    expect(largest.length).toBeGreaterThan(JOIN_TREE_LIMIT);
    const explained = engine.explain(`inc-${largest[0]}`)!;
    expect(explained.incident.joins).toEqual([]);
    expect(explained.incident.observationUids).toHaveLength(largest.length);
    expect(explained.lines.join('\n')).toContain(`listed only up to ${JOIN_TREE_LIMIT}`);
    expect(explained.lines.length).toBeLessThan(60);
  });
});
