import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offer, stressInstance } from '../../../../bench/planning-instances.ts';
import { type Caveat, type CaveatFacts, checkCaveats, type Offer } from '../coalition/index.ts';
import { phrasing } from '../i18n/words/index.ts';
import { certify, solveTransport, type Transport } from './flow.ts';
import {
  claimInWords,
  diffInWords,
  diffPlans,
  type Plan,
  type PlanInput,
  planGreedy,
  planOptimal,
  type Requirement,
  refusal,
} from './index.ts';

const facts: CaveatFacts = {
  distanceToContactKm: { 'UA-14': 10, 'UA-63': 40, 'UA-30': 420, 'UA-46': 900, POL: 1000, BLACK_SEA: 100 },
  participatingNations: new Set(['FRA', 'GBR', 'DEU', 'POL']),
  mandates: {},
};

const need = (
  id: string,
  region: string,
  quantity: number,
  priority: Requirement['priority'],
  over: Partial<Requirement> = {},
): Requirement => ({
  id,
  region,
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  role: 'monitoring',
  quantity,
  priority,
  phase: 'ceasefire_holding',
  maxDaysToDeploy: 30,
  ...over,
});

const input = (offers: Offer[], requirements: Requirement[], over: Partial<PlanInput> = {}): PlanInput => ({
  offers,
  requirements,
  facts,
  atMs: Date.parse('2026-03-01T00:00:00Z'),
  ...over,
});

describe('explanations', () => {
  it('says which caveat, which readiness and which requirement stopped each offer', async () => {
    const plan = await planOptimal(
      input(
        [
          offer('DEU-1', 'monitoring_team', 4, 14, [{ kind: 'outside_ukraine_only' }]),
          offer('FRA-1', 'monitoring_team', 2, 14, [
            { kind: 'min_distance_from_contact', minDistanceKm: 50 },
          ]),
          offer('GBR-1', 'monitoring_team', 2, 60),
          offer('USA-1', 'monitoring_team', 1, 7),
        ],
        [need('R-1', 'UA-14', 3, 1), need('R-2', 'UA-30', 2, 2), need('R-3', 'POL', 1, 4)],
      ),
    );
    expect(plan.status).toBe('optimal');
    const r1 = plan.shortfalls.find((s) => s.requirementId === 'R-1')!;
    expect(r1.allocated).toBe(1);
    expect(Object.fromEntries(r1.candidates.map((c) => [c.offerId, c.reason.message]))).toEqual({
      'DEU-1':
        "offer DEU-1 cannot serve UA-14 (truce_monitoring, monitoring): caveat 'outside Ukraine only (from neighbouring countries, the sea or staging areas)', Donetsk Oblast lies inside Ukraine",
      'FRA-1':
        "offer FRA-1 cannot serve UA-14 (truce_monitoring, monitoring): caveat 'minimum 50 km from the line of contact', region is 10 km away",
      'GBR-1': 'readiness too slow: offer GBR-1 needs 60 days to deploy, R-1 needs it within 30',
      'USA-1': expect.stringMatching(/^offer USA-1 gave 1 to R-1/) as unknown as string,
    });
    expect(r1.summary).toBe(
      'R-1: 1 of 3 monitoring team in UA-14 (truce_monitoring); offers: 2 refused by caveats, 1 not ready in time, 1 used elsewhere',
    );
  });

  it('names the more urgent requirement that took the capacity', async () => {
    const plan = await planOptimal(
      input(
        [offer('FRA-1', 'monitoring_team', 2, 14)],
        [need('R-1', 'UA-30', 2, 1), need('R-2', 'UA-46', 1, 3)],
      ),
    );
    const reason = plan.shortfalls[0]?.candidates[0]?.reason;
    expect(reason?.message).toBe('capacity of offer FRA-1 taken by R-1 (priority 1) ×2');
  });

  it('returns a plan, not an exception, when nothing fits or input is bad', async () => {
    const plan = await planOptimal(
      input(
        [offer('FRA-1', 'monitoring_team', 2, 14)],
        [
          need('R-1', 'UA-30', 0, 1),
          need('R-2', 'XX-1', 1, 1),
          need('R-3', 'UA-30', 1, 1, { capability: 'funding', role: 'logistics' }),
        ],
      ),
    );
    expect(plan.status).toBe('heuristic');
    expect(plan.rejected).toEqual([
      { kind: 'requirement', id: 'R-1', reason: 'quantity must be a whole number of at least 1' },
      { kind: 'requirement', id: 'R-2', reason: "unknown region 'XX-1'" },
    ]);
    expect(plan.shortfalls[0]?.summary).toBe(
      'R-3: 0 of 1 funding in UA-30 (truce_monitoring); no offer of this capability exists',
    );
  });

  it('prefers a claimant lead that delivers its share', async () => {
    const plan = await planOptimal(
      input(
        [offer('FRA-1', 'monitoring_team', 2, 14), offer('GBR-1', 'monitoring_team', 2, 14)],
        [need('R-1', 'UA-30', 4, 1)],
        { leadClaims: [{ nation: 'GBR', region: 'UA-30', lineOfEffort: 'truce_monitoring' }] },
      ),
    );
    expect(plan.leads).toEqual([
      { region: 'UA-30', lineOfEffort: 'truce_monitoring', nation: 'GBR', share: 0.5 },
    ]);
  });
});

describe('lead claims', () => {
  const cell = { region: 'UA-46', lineOfEffort: 'reassurance_force' };
  const battalion = (id: string, caveats: Caveat[] = []) => offer(id, 'infantry_battalion', 1, 30, caveats);
  const reassurance = need('R-1', 'UA-46', 2, 3, {
    lineOfEffort: 'reassurance_force',
    capability: 'infantry_battalion',
    role: 'deterrence',
  });

  it('honours a claim over an equal contributor that did not claim', async () => {
    const plan = await planOptimal(
      input([battalion('ESP-1'), battalion('GBR-1')], [{ ...reassurance, quantity: 2 }], {
        leadClaims: [{ nation: 'GBR', ...cell }],
      }),
    );
    expect(plan.leads.map((l) => l.nation)).toEqual(['GBR']);
    expect(plan.claims).toEqual([
      expect.objectContaining({ nation: 'GBR', outcome: 'honoured', share: 0.5 }),
    ]);
  });

  it("starts stage 2 from an allocation steered to the claimant when stage 1's left it out", async () => {
    // Two interchangeable offers, room for one: stage 1 takes the first class (FRA) and only the
    // steering LP, on the same optimal coverage, hands the cell to the claimant.
    const plan = await planOptimal(
      input(
        [offer('FRA-1', 'infantry_battalion', 2, 30), offer('GBR-1', 'infantry_battalion', 2, 30)],
        [reassurance],
        { leadClaims: [{ nation: 'GBR', ...cell }] },
      ),
    );
    expect(plan.notes).toContainEqual(
      expect.stringMatching(
        /^stage 2 starts from stage 1's allocation steered towards claimants and likely leads.*: 1 leads, 1 claims honoured \(stage 1's own: 1 leads, 0 claims\)$/,
      ),
    );
    expect(plan.leads.map((l) => l.nation)).toEqual(['GBR']);
    expect(plan.metrics.coverage).toBe(1);
  });

  it('moves small contributions to nations already in the region, keeping every lead and claim', async () => {
    // The seeded stress instance of bench/planning.ts at 300 offers and 300 requirements: its
    // lead rounds leave 174 nation-regions, its cohesion rounds 168, and stage 2 then proves
    // the plan optimal.
    const plan = await planOptimal(stressInstance({ offers: 300, requirements: 300 }), { timeLimitS: 20 });
    const note = plan.notes.find((n) => n.startsWith('stage 2 starts from'));
    const [, leads, claims, before, after] =
      /: (\d+) leads, (\d+) claims honoured .*; nation-regions (\d+) → (\d+)$/.exec(note ?? '') ?? [];
    expect(Number(after)).toBeLessThan(Number(before));
    expect(plan.status).toBe('optimal');
    expect(plan.metrics.nationRegionPairs).toBeLessThanOrEqual(Number(after));
    expect(plan.metrics.cellsWithLead).toBeGreaterThanOrEqual(Number(leads));
    expect(plan.claims.filter((c) => c.outcome === 'honoured').length).toBeGreaterThanOrEqual(Number(claims));
  });

  it('a time-limited plan says how many leads and claims no plan could exceed', async () => {
    const plan = await planOptimal(
      input(
        [offer('FRA-1', 'infantry_battalion', 2, 30), offer('GBR-1', 'infantry_battalion', 2, 30)],
        [reassurance],
        { leadClaims: [{ nation: 'GBR', ...cell }] },
      ),
      { timeLimitS: 1e-9 },
    );
    expect(plan.status).toBe('time_limited');
    expect(plan.ceiling).toEqual({ leads: 1, claims: 1 });
    expect(plan.notes).toContainEqual(
      expect.stringMatching(
        /^stage 2 stopped at its time limit: this plan has \d+ leads and honours \d+ claims; no plan can have more than 1 leads .* or honour more than 1 claims /,
      ),
    );
  });

  it('says why a claimant whose caveats forbid the cell does not lead it', async () => {
    const plan = await planOptimal(
      input(
        [battalion('ESP-1'), battalion('GBR-1', [{ kind: 'national_mandate', status: 'pending' }])],
        [reassurance],
        { leadClaims: [{ nation: 'GBR', ...cell }] },
      ),
    );
    expect(plan.leads.map((l) => l.nation)).toEqual(['ESP']);
    expect(plan.claims[0]).toMatchObject({ nation: 'GBR', outcome: 'forbidden', share: 0 });
    expect(plan.claims[0]?.message).toMatch(
      /^GBR claims UA-46 \/ reassurance_force but cannot lead it: offer GBR-1 .*the mandate is pending; ESP leads it with 50%$/,
    );
  });

  it('says a claim on a cell without any requirement has nothing to lead, not that it is forbidden', async () => {
    const plan = await planOptimal(
      input([battalion('ESP-1')], [reassurance], {
        leadClaims: [{ nation: 'ESP', region: 'UA-14', lineOfEffort: 'reassurance_force' }],
      }),
    );
    expect(plan.claims[0]).toMatchObject({ nation: 'ESP', region: 'UA-14', outcome: 'unrequired', share: 0 });
    expect(plan.claims[0]?.message).toBe(
      'ESP claims UA-14 / reassurance_force, but no requirement asks for anything there yet: nothing to lead',
    );
  });

  it('picks one of two claimants and says why the other lost', async () => {
    const plan = await planOptimal(
      input([battalion('FRA-1'), battalion('FRA-2'), battalion('GBR-1')], [{ ...reassurance, quantity: 3 }], {
        leadClaims: [
          { nation: 'GBR', ...cell },
          { nation: 'FRA', ...cell },
        ],
      }),
    );
    expect(plan.leads.map((l) => l.nation)).toHaveLength(1);
    const lost = plan.claims.find((c) => c.outcome !== 'honoured')!;
    expect(plan.claims.filter((c) => c.outcome === 'honoured')).toHaveLength(1);
    expect(lost.outcome).toBe('outweighed');
    expect(lost.message).toMatch(/both claim UA-46 \/ reassurance_force; the plan chose/);
    // In Ukrainian and French, from the outcome's data; English stays the planner's sentence.
    const lviv = phrasing('uk', {
      ukrainianRegion: (code) => (code === 'UA-46' ? 'Львівська область' : undefined),
    });
    const winner =
      plan.leads[0]!.nation === 'FRA' ? ['Франція', 'Велика Британія'] : ['Велика Британія', 'Франція'];
    expect(claimInWords(lost, lviv)).toBe(
      `Сили підтримки (Львівська область): роль провідної заявили держави ${winner[1]} і ${winner[0]}; план обрав державу ${winner[0]}, що забезпечує ${Math.round(100 * plan.leads[0]!.share)}% проти ${Math.round(100 * lost.share)}% у держави ${winner[1]}`,
    );
    expect(claimInWords(lost)).toBe(lost.message);
    expect(claimInWords({ ...lost, outcome: 'unrequired' }, phrasing('fr'))).toBe(
      `Force de réassurance (Lviv Oblast)\u202f: la nation ${lost.nation === 'FRA' ? 'France' : 'Royaume-Uni'} revendique le rôle de nation pilote, mais aucun besoin n’y est encore exprimé\u202f: rien à piloter`,
    );
  });
});

describe('diffPlans', () => {
  it('says what changed between two plans', async () => {
    const base = input([offer('FRA-1', 'monitoring_team', 2, 14)], [need('R-1', 'UA-30', 3, 1)]);
    const before = await planOptimal(base);
    const after = await planOptimal({
      ...base,
      offers: [...base.offers, offer('GBR-1', 'monitoring_team', 1, 7)],
    });
    const diff = diffPlans(before, after);
    expect(diff.summary).toEqual([
      'coverage 66.7% → 100.0%',
      'R-1: 2 → 3 units',
      'offer GBR-1 to R-1: 0 → 1',
    ]);
    expect(diffPlans(after, after).summary).toEqual([]);
    // In the reader's language: names for codes, the locale's percent.
    expect(diffPlans(before, after, phrasing('uk')).summary).toEqual([
      'покриття: 66,7% → 100,0%',
      'R-1: 2 → 3 (підрозділи)',
      'пропозиція GBR-1 для потреби R-1: 0 → 1',
    ]);
    const leads = diffInWords(
      {
        ...diff,
        leads: [{ region: 'BLACK_SEA', lineOfEffort: 'maritime_security', before: 'ROU', after: null }],
      },
      'greedy',
      'optimal',
      phrasing('fr'),
    );
    expect(leads[0]).toBe('statut glouton → optimal');
    expect(leads.at(-2)).toBe('nation pilote, sûreté maritime (mer Noire)\u202f: Roumanie → aucune');
  });
});

// Small random instances: few regions and nations, so that caveats bite and capacity is scarce.
const REGIONS = ['UA-14', 'UA-63', 'UA-30', 'UA-46', 'POL'] as const;
const NATIONS = ['FRA', 'GBR', 'DEU', 'USA'] as const;
const caveatArb: fc.Arbitrary<Caveat> = fc.oneof(
  fc.constant<Caveat>({ kind: 'outside_ukraine_only' }),
  fc
    .constantFrom(20, 50, 500)
    .map((minDistanceKm): Caveat => ({ kind: 'min_distance_from_contact', minDistanceKm })),
  fc
    .subarray([...REGIONS], { minLength: 1 })
    .map((regions): Caveat => ({ kind: 'excluded_regions', regions })),
  fc
    .subarray([...REGIONS], { minLength: 1 })
    .map((regions): Caveat => ({ kind: 'allowed_regions', regions })),
  fc.constantFrom('granted', 'pending').map((status): Caveat => ({ kind: 'national_mandate', status })),
  fc.constant<Caveat>({ kind: 'conditional_on_participation', nation: 'USA' }),
  fc.constant<Caveat>({ kind: 'roles_allowed', roles: ['training'] }),
);
const offerArb = (i: number) =>
  fc
    .record({
      nation: fc.constantFrom(...NATIONS),
      capability: fc.constantFrom('monitoring_team', 'uav_reconnaissance'),
      quantity: fc.integer({ min: 1, max: 3 }),
      days: fc.constantFrom(7, 30, 60),
      caveats: fc.array(caveatArb, { maxLength: 2 }),
    })
    .map((o) =>
      offer(
        `${o.nation}-${i}`,
        o.capability,
        o.quantity,
        o.days,
        o.caveats.filter((c, j, a) => a.findIndex((d) => d.kind === c.kind) === j),
      ),
    );
const requirementArb = (i: number) =>
  fc
    .record({
      region: fc.constantFrom(...REGIONS),
      capability: fc.constantFrom('monitoring_team', 'uav_reconnaissance'),
      quantity: fc.integer({ min: 1, max: 4 }),
      priority: fc.constantFrom(1, 2, 3, 4, 5),
      maxDays: fc.constantFrom(14, 45, 90),
      lineOfEffort: fc.constantFrom('truce_monitoring', 'civilian_protection'),
    })
    .map((r) =>
      need(`R-${i}`, r.region, r.quantity, r.priority as Requirement['priority'], {
        capability: r.capability,
        maxDaysToDeploy: r.maxDays,
        lineOfEffort: r.lineOfEffort,
      }),
    );
const instanceArb = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([o, r]) =>
  fc.record({
    offers: fc.tuple(...Array.from({ length: o }, (_, i) => offerArb(i))),
    requirements: fc.tuple(...Array.from({ length: r }, (_, i) => requirementArb(i))),
    extra: offerArb(99),
  }),
);
const RUNS = { numRuns: 25 };

function assertRespectsConstraints(plan: Plan, problem: PlanInput): void {
  const offers = new Map(problem.offers.map((o) => [o.id, o]));
  const requirements = new Map(problem.requirements.map((r) => [r.id, r]));
  const used = new Map<string, number>();
  const given = new Map<string, number>();
  for (const a of plan.allocations) {
    const o = offers.get(a.offerId)!;
    const r = requirements.get(a.requirementId)!;
    const target = { region: r.region, lineOfEffort: r.lineOfEffort, role: r.role, atMs: problem.atMs };
    expect(checkCaveats(o, target, problem.facts), `${o.id} → ${r.id}`).toEqual({ ok: true });
    expect(o.daysToDeploy).toBeLessThanOrEqual(r.maxDaysToDeploy);
    expect(o.capability).toBe(r.capability);
    used.set(o.id, (used.get(o.id) ?? 0) + a.quantity);
    given.set(r.id, (given.get(r.id) ?? 0) + a.quantity);
  }
  for (const [id, n] of used) expect(n).toBeLessThanOrEqual(offers.get(id)!.quantity);
  for (const [id, n] of given) expect(n).toBeLessThanOrEqual(requirements.get(id)!.quantity);
}

describe('plan properties', () => {
  it('never breaks a caveat, readiness or capacity (checked independently of the solver)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ offers, requirements }) => {
        const problem = input(offers, requirements);
        assertRespectsConstraints(await planOptimal(problem), problem);
        assertRespectsConstraints(planGreedy(problem), problem);
      }),
      RUNS,
    );
  });

  it('explains each candidate exactly as the caveat checker does, and stores the same', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ offers, requirements, extra }) => {
        // Offers of one nation with the same caveats share memoised verdicts; make some.
        const twins = offers.map((o, i) => ({ ...o, id: `${o.nation}-T${i}`, daysToDeploy: 7 }));
        const problem = input([...offers, ...twins, extra], requirements);
        const plan = planGreedy(problem);
        const byId = new Map(problem.offers.map((o) => [o.id, o]));
        for (const s of plan.shortfalls) {
          const r = problem.requirements.find((x) => x.id === s.requirementId)!;
          for (const c of s.candidates) {
            const refused = refusal(byId.get(c.offerId)!, r, problem);
            if (refused) expect(c.reason).toEqual(refused);
            else expect(['capacity', 'unused']).toContain(c.reason.kind);
          }
        }
        expect(JSON.parse(JSON.stringify(plan))).toEqual(JSON.parse(JSON.stringify({ ...plan })));
        expect(JSON.parse(JSON.stringify(plan.shortfalls))).toEqual(plan.shortfalls);
      }),
      RUNS,
    );
  });

  it('adding an offer never lowers optimal coverage, and greedy never beats it', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ offers, requirements, extra }) => {
        const without = await planOptimal(input(offers, requirements));
        const withExtra = await planOptimal(input([...offers, extra], requirements));
        expect(withExtra.metrics.coverage).toBeGreaterThanOrEqual(without.metrics.coverage - 1e-9);
        expect(planGreedy(input(offers, requirements)).metrics.coverage).toBeLessThanOrEqual(
          without.metrics.coverage + 1e-9,
        );
      }),
      RUNS,
    );
  });

  it('removing a caveat never lowers optimal coverage', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.nat(), async ({ offers, requirements }, pick) => {
        const withCaveats = offers.filter((o) => o.caveats.length > 0);
        fc.pre(withCaveats.length > 0);
        const target = withCaveats[pick % withCaveats.length]!;
        const relaxed = offers.map((o) => (o === target ? { ...o, caveats: o.caveats.slice(1) } : o));
        const before = await planOptimal(input(offers, requirements));
        const after = await planOptimal(input(relaxed, requirements));
        expect(after.metrics.coverage).toBeGreaterThanOrEqual(before.metrics.coverage - 1e-9);
      }),
      RUNS,
    );
  });
});

/**
 * Dozens of offers with lead claims, where caveats and leads interact: a cell's likely lead may
 * be a nation whose other offers a caveat keeps out, claims compete, and capacity is short.
 */
const claimArb = fc.record({
  nation: fc.constantFrom(...NATIONS),
  region: fc.constantFrom(...REGIONS),
  lineOfEffort: fc.constantFrom('truce_monitoring', 'civilian_protection'),
});
const largeInstanceArb = fc
  .tuple(fc.integer({ min: 24, max: 40 }), fc.integer({ min: 8, max: 16 }))
  .chain(([o, r]) =>
    fc.record({
      offers: fc.tuple(...Array.from({ length: o }, (_, i) => offerArb(i))),
      requirements: fc.tuple(...Array.from({ length: r }, (_, i) => requirementArb(i))),
      claims: fc.uniqueArray(claimArb, {
        minLength: 2,
        maxLength: 4,
        selector: (c) => `${c.nation}|${c.region}|${c.lineOfEffort}`,
      }),
      extra: offerArb(99),
    }),
  );

/** What one plan reached: leads, caveat refusals, and both in one cell. */
function interplay(plan: Plan, problem: PlanInput) {
  const refusedIn = new Set<string>();
  for (const r of problem.requirements)
    for (const o of problem.offers)
      if (o.capability === r.capability && refusal(o, r, problem)?.kind === 'caveat')
        refusedIn.add(`${r.region}|${r.lineOfEffort}`);
  return {
    led: plan.leads.length > 0,
    caveatRefused: refusedIn.size > 0,
    ledWhereCaveatRefused: plan.leads.some((l) => refusedIn.has(`${l.region}|${l.lineOfEffort}`)),
    claimDecided: plan.claims.some((c) => c.outcome !== 'unrequired'),
  };
}

describe('plan properties at dozens of offers with lead claims', () => {
  it('never breaks a caveat, readiness or capacity, and adding an offer never lowers coverage', async () => {
    const reached = { runs: 0, led: 0, caveatRefused: 0, ledWhereCaveatRefused: 0, claimDecided: 0 };
    await fc.assert(
      fc.asyncProperty(largeInstanceArb, async ({ offers, requirements, claims, extra }) => {
        const problem = input(offers, requirements, { leadClaims: claims });
        const plan = await planOptimal(problem);
        assertRespectsConstraints(plan, problem);
        assertRespectsConstraints(planGreedy(problem), problem);
        // A lead delivers in its cell, so its nation has allocations there.
        const requirementOf = new Map(requirements.map((r) => [r.id, r]));
        for (const lead of plan.leads) {
          const delivered = plan.allocations.some((a) => {
            const r = requirementOf.get(a.requirementId)!;
            return (
              r.region === lead.region &&
              r.lineOfEffort === lead.lineOfEffort &&
              a.offerId.startsWith(lead.nation)
            );
          });
          expect(delivered, `${lead.nation} leads ${lead.region} ${lead.lineOfEffort}`).toBe(true);
        }
        const more = await planOptimal(input([...offers, extra], requirements, { leadClaims: claims }));
        expect(more.metrics.coverage).toBeGreaterThanOrEqual(plan.metrics.coverage - 1e-9);
        reached.runs++;
        const r = interplay(plan, problem);
        for (const k of ['led', 'caveatRefused', 'ledWhereCaveatRefused', 'claimDecided'] as const)
          if (r[k]) reached[k]++;
      }),
      { numRuns: 8 },
    );
    console.log(`plan properties, dozens of offers: ${JSON.stringify(reached)}`);
    // Nearly every run has a lead in a cell where a caveat keeps some offer out, and decides a
    // claim (measured: 8 and 7 of 8; the 1-6 offer instances above: 37% and, having no claims, 0%).
    expect(reached.ledWhereCaveatRefused).toBeGreaterThanOrEqual(reached.runs / 2);
    expect(reached.claimDecided).toBeGreaterThanOrEqual(reached.runs / 2);
  });
});

describe('stage 1 as a transportation flow', () => {
  const transportArb = fc
    .record({ supplies: fc.integer({ min: 1, max: 6 }), demands: fc.integer({ min: 1, max: 8 }) })
    .chain(({ supplies, demands }) =>
      fc.record({
        supplies: fc.constant(supplies),
        demands: fc.constant(demands),
        supply: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: supplies, maxLength: supplies }),
        demand: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: demands, maxLength: demands }),
        value: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: demands, maxLength: demands }),
        pairs: fc.uniqueArray(
          fc.record({
            from: fc.nat(supplies - 1),
            to: fc.nat(demands - 1),
            upper: fc.integer({ min: 1, max: 5 }),
          }),
          { selector: (x) => `${x.from}|${x.to}`, maxLength: supplies * demands },
        ),
      }),
    )
    .map(
      (x): Transport => ({
        supplies: x.supplies,
        demands: x.demands,
        supply: x.supply,
        demand: x.demand,
        value: x.value,
        from: x.pairs.map((q) => q.from),
        to: x.pairs.map((q) => q.to),
        upper: x.pairs.map((q) => q.upper),
      }),
    );

  it('reaches the optimum HiGHS proves for the same LP, with a checked certificate', async () => {
    const highs = await (await import('highs')).default();
    fc.assert(
      fc.property(transportArb, (t) => {
        const solution = solveTransport(t);
        expect(solution).not.toBeNull();
        const m = t.from.length;
        if (m === 0) {
          expect(solution!.objective).toBe(0);
          return;
        }
        const starts = [0];
        const indices: number[] = [];
        for (let k = 0; k < m; k++) {
          indices.push(t.from[k]!, t.supplies + t.to[k]!);
          starts.push(indices.length);
        }
        const rows = t.supplies + t.demands;
        const model = highs.createModel({
          numCols: m,
          numRows: rows,
          sense: highs.constants.objectiveSense.maximize,
          colCost: Array.from({ length: m }, (_, k) => t.value[t.to[k]!]!),
          colLower: Array.from({ length: m }, () => 0),
          colUpper: Array.from(t.upper),
          rowLower: Array.from({ length: rows }, () => 0),
          rowUpper: [...Array.from(t.supply), ...Array.from(t.demand)],
          matrix: { format: 'csc', numRows: rows, numCols: m, starts, indices, values: indices.map(() => 1) },
        });
        try {
          model.options.set({ output_flag: false });
          model.run();
          expect(solution!.objective).toBeCloseTo(Number(model.info.get('objective_function_value')), 6);
        } finally {
          model.dispose();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a certificate that does not prove optimality', () => {
    const t: Transport = {
      supplies: 1,
      demands: 2,
      supply: [2],
      demand: [2, 2],
      value: [5, 3],
      from: [0, 0],
      to: [0, 1],
      upper: [2, 2],
    };
    expect(solveTransport(t)?.objective).toBe(10);
    // Two units to the cheaper requirement, priced by a dual that makes it look optimal.
    expect(certify(t, Int32Array.from([0, 2]), Float64Array.from([3, 0, 0]))).toBeNull();
    expect(certify(t, Int32Array.from([2, 0]), Float64Array.from([3, 2, 0]))).not.toBeNull();
  });
});
