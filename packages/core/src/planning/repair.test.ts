import { describe, expect, it } from 'vitest';
import { offer } from '../../../../bench/planning-instances.ts';
import { type CaveatFacts, cellKey } from '../coalition/index.ts';
import { leadsOf, pairShares } from './evaluate.ts';
import { type Prepared, prepare } from './feasibility.ts';
import { loadHighs, type Row } from './highs.ts';
import { repairLeads } from './repair.ts';
import { consolidate, type SteerInput } from './steer.ts';
import type { Requirement } from './types.ts';

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
  phase: 'ceasefire_holding',
  maxDaysToDeploy: 30,
});

/**
 * Stage 2's description of `p` as the repair reads it, with every pair free and each requirement
 * row held at what `x` gives it (so coverage cannot change), each class row at most its capacity.
 */
function stageTwo(p: Prepared, x: readonly number[], leadMinShare: number): SteerInput {
  const rows: Row[] = [];
  const capRow = new Map<number, number>();
  const reqRow = new Map<number, number>();
  const received = (req: number) => p.pairs.reduce((sum, pair, k) => sum + (pair.req === req ? x[k]! : 0), 0);
  for (const { cls, req } of p.pairs) {
    if (!capRow.has(cls)) capRow.set(cls, rows.push({ lower: 0, upper: p.classes[cls]!.capacity }) - 1);
    if (!reqRow.has(req)) reqRow.set(req, rows.push({ lower: received(req), upper: received(req) }) - 1);
  }
  // Whole coefficients, as stage 2 scales them: every quantity here is 4.
  const coef = p.requirements.map((r, i) => (p.weights[i]! * 4) / r.quantity);
  const cellOf = (k: number) => cellKey(p.requirements[p.pairs[k]!.req]!);
  const nationOf = (k: number) => p.classes[p.pairs[k]!.cls]!.nation;
  const cellWeight = new Map<string, number>();
  for (const [i, r] of p.requirements.entries())
    cellWeight.set(cellKey(r), (cellWeight.get(cellKey(r)) ?? 0) + p.weights[i]!);
  const keys = new Set(p.pairs.map((_, k) => `${cellOf(k)}|${nationOf(k)}`));
  return {
    p,
    active: p.pairs.map((_, k) => k),
    fixed: p.pairs.map(() => false),
    x1: x,
    upper: p.pairs.map(({ cls, req }) => Math.min(p.classes[cls]!.capacity, p.requirements[req]!.quantity)),
    coef,
    rows,
    capRow,
    reqRow,
    leadColumns: [...keys].map((key) => {
      const cell = key.slice(0, key.lastIndexOf('|'));
      return {
        key,
        cell,
        nation: key.slice(key.lastIndexOf('|') + 1),
        needed: leadMinShare * cellWeight.get(cell)! * 4,
      };
    }),
    reach: new Map(),
    claims: new Set((p.input.leadClaims ?? []).map((c) => `${cellKey(c)}|${c.nation}`)),
    cellOf,
    nationOf,
    leadMinShare,
    options: {},
    clock: () => 0,
    regionOf: (k) => p.requirements[p.pairs[k]!.req]!.region,
    pairCost: () => 0,
    nationInRegion: 10,
  };
}

/**
 * France claims UA-30, where Britain leads with 3 of 4 teams; France leads UA-46 with 3 of 4 and
 * offers `franceTeams` in all. Repairs that start.
 */
function claimOnUa30(highs: Awaited<ReturnType<typeof loadHighs>>, franceTeams: number) {
  const p = prepare({
    offers: [offer('FRA-1', 'monitoring_team', franceTeams, 14), offer('GBR-1', 'monitoring_team', 4, 14)],
    requirements: [need('R-1', 'UA-30', 4), need('R-2', 'UA-46', 4)],
    leadClaims: [{ nation: 'FRA', region: 'UA-30', lineOfEffort: 'truce_monitoring' }],
    facts,
    atMs: Date.parse('2026-03-01T00:00:00Z'),
  });
  const x = [1, 3, 3, 1];
  const before = leadsOf(p, pairShares(p, x), 0.75);
  expect(before.map((l) => `${l.region} ${l.nation}`).sort()).toEqual(['UA-30 GBR', 'UA-46 FRA']);
  const s = stageTwo(p, x, 0.75);
  return repairLeads(
    highs,
    s,
    { x, leads: before },
    () => 10,
    (from) => consolidate(highs, s, from),
  );
}

describe('the repair of leads', () => {
  it('gives leaderless cells a lead by moving units, keeping coverage and capacities', async () => {
    const highs = await loadHighs();
    // A lead needs 75 % of its cell. France (4 teams) and Britain (7) split UA-30 and UA-46 two
    // and two, so neither leads them; Britain leads UA-63 with 3 teams. Coverage stays the same if
    // France sends all 4 to UA-30 and Britain 4 to UA-46: three leads.
    const p = prepare({
      offers: [offer('FRA-1', 'monitoring_team', 4, 14), offer('GBR-1', 'monitoring_team', 7, 14)],
      requirements: [need('R-1', 'UA-30', 4), need('R-2', 'UA-46', 4), need('R-3', 'UA-63', 4)],
      facts: { ...facts, distanceToContactKm: { ...facts.distanceToContactKm, 'UA-63': 300 } },
      atMs: Date.parse('2026-03-01T00:00:00Z'),
    });
    // Pairs are sorted by requirement, then class (FRA-1, GBR-1).
    const x = [2, 2, 2, 2, 0, 3];
    const s = stageTwo(p, x, 0.75);
    const before = leadsOf(p, pairShares(p, x), 0.75);
    expect(before.map((l) => `${l.region} ${l.nation}`)).toEqual(['UA-63 GBR']);
    const repaired = repairLeads(
      highs,
      s,
      { x, leads: before },
      () => 10,
      (from) => consolidate(highs, s, from),
    );
    expect(repaired.repaired).toBe(true);
    // Coverage: each requirement receives what it did.
    for (const [req, row] of s.reqRow) {
      const received = p.pairs.reduce((sum, pair, k) => sum + (pair.req === req ? repaired.x[k]! : 0), 0);
      expect(received).toBe(s.rows[row]!.lower);
    }
    // Capacities.
    for (const [cls] of s.capRow) {
      const sent = p.pairs.reduce((sum, pair, k) => sum + (pair.cls === cls ? repaired.x[k]! : 0), 0);
      expect(sent).toBeLessThanOrEqual(p.classes[cls]!.capacity);
    }
    // Every cell has a lead: one nation takes UA-30 and the other UA-46 (either way round).
    expect(repaired.leads.map((l) => l.region).sort()).toEqual(['UA-30', 'UA-46', 'UA-63']);
    expect(new Set(repaired.leads.filter((l) => l.region !== 'UA-63').map((l) => l.nation))).toEqual(
      new Set(['FRA', 'GBR']),
    );
    expect(repaired.note).toMatch(/^the repair of leads: 1 → 3 leads/);
  });

  it('hands a claimed cell to its claimant when the claimant has teams to spare', async () => {
    const highs = await loadHighs();
    // France claims UA-30, where Britain leads with 3 of 4 teams; France leads UA-46 with 3 of 4
    // and keeps 4 of its 8 teams at home. Sending 2 more to UA-30 (and 2 British home) honours the
    // claim; France still leads UA-46.
    const repaired = claimOnUa30(highs, 8);
    expect(repaired.leads.map((l) => `${l.region} ${l.nation}`).sort()).toEqual(['UA-30 FRA', 'UA-46 FRA']);
    expect(repaired.note).toMatch(/^the repair of leads: 2 → 2 leads, 0 → 1 claims honoured/);
  });

  it('swaps two cells between two nations when that honours a claim', async () => {
    const highs = await loadHighs();
    // France claims UA-30, where Britain leads with 3 of 4 teams; France leads UA-46 with 3 of 4.
    // Neither has a team to spare: swapping the two cells' teams keeps both leads and honours the
    // claim, which only the pass over the whole lead tier may do.
    const repaired = claimOnUa30(highs, 4);
    expect(repaired.leads.map((l) => `${l.region} ${l.nation}`).sort()).toEqual(['UA-30 FRA', 'UA-46 GBR']);
    expect(repaired.note).toMatch(
      /^the repair of leads found nothing .*; the repair of leads, whole tier: 2 → 2 leads, 0 → 1 claims honoured/,
    );
  });
});
