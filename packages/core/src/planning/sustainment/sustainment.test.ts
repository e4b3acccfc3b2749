import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offer } from '../../../../../bench/planning-instances.ts';
import type { CaveatFacts, Offer } from '../../coalition/index.ts';
import { phrasing } from '../../i18n/words/index.ts';
import type { Requirement } from '../types.ts';
import {
  checkAllocation,
  cliffInWords,
  monthNumber,
  type OfferRotation,
  offerRotation,
  planSustainment,
  planSustainmentGreedy,
  prepareSustainment,
  type RequirementTimeline,
  rollingHorizonUnits,
  type SustainmentInput,
  spanInWords,
  sustainmentReasonInWords,
  validateRotation,
  validateTimeline,
} from './index.ts';

const facts: CaveatFacts = {
  distanceToContactKm: { 'UA-14': 10, 'UA-63': 40, 'UA-30': 420, 'UA-46': 900, POL: 1000 },
  participatingNations: new Set(['FRA', 'GBR', 'DEU', 'POL', 'NOR']),
  mandates: {},
};

const need = (
  id: string,
  region: string,
  quantity: number,
  priority: Requirement['priority'] = 1,
): Requirement => ({
  id,
  region,
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  role: 'monitoring',
  quantity,
  priority,
  phase: 'sustainment',
  maxDaysToDeploy: 30,
});

const rotation = (over: Partial<OfferRotation> = {}): OfferRotation => ({
  availableFrom: '2027-01',
  monthsDeployed: 6,
  monthsRecovering: 12,
  rotationalUnits: 2,
  mandateEnds: null,
  renewalExpected: false,
  maxMonths: null,
  ...over,
});

const input = (
  offers: Offer[],
  requirements: Requirement[],
  rotations: Record<string, OfferRotation>,
  timelines: Record<string, RequirementTimeline> = {},
  months = 36,
): SustainmentInput => ({
  base: { offers, requirements, facts, atMs: Date.parse('2027-01-01T00:00:00Z') },
  horizon: { start: '2027-01', months },
  timelines,
  rotations,
});

const units = (plan: Awaited<ReturnType<typeof planSustainment>>, requirementId: string, month: string) =>
  plan.commitments
    .filter((c) => c.requirementId === requirementId && c.from <= month && month <= c.to)
    .reduce((s, c) => s + c.quantity, 0);

describe('rotation', () => {
  it('holds a post for the whole horizon with the rule of three (6 deployed, 12 recovering, 3 contingents)', async () => {
    const plan = await planSustainment(
      input([offer('FRA-1', 'monitoring_team', 2, 14)], [need('R-1', 'UA-30', 2)], { 'FRA-1': rotation() }),
    );
    expect(plan.status).toBe('optimal');
    expect(plan.metrics.coverage).toBe(1);
    // A contingent swap every 6 months on a post held 36 months: 5 rotations.
    expect(plan.handovers.filter((h) => h.kind === 'rotation')).toHaveLength(5);
    expect(plan.cliffs).toEqual([]);
  });

  it('with one contingent behind the offered one, covers two months in three, and says the rotations ran out', async () => {
    const plan = await planSustainment(
      input(
        [offer('FRA-1', 'monitoring_team', 1, 14)],
        [need('R-1', 'UA-30', 1)],
        { 'FRA-1': rotation({ rotationalUnits: 1 }) },
        {},
        18,
      ),
    );
    // 2 contingents × 6 months in any 18 months: 12 of 18 months.
    expect(plan.metrics.unitMonthsAllocated).toBe(12);
    expect(plan.proof.coverageCeiling).toBe(1);
    const gap = plan.uncovered.find((u) => u.requirementId === 'R-1')!;
    expect(gap.candidates[0]!.reason.kind).toBe('rotation');
    expect(
      sustainmentReasonInWords(
        gap.candidates[0]!.reason,
        offer('FRA-1', 'monitoring_team', 1, 14),
        need('R-1', 'UA-30', 1),
      ),
    ).toMatch(/has no contingent left to send: its units have served 12 of the 12 unit-months/);
  });

  it('the rolling-horizon planner spends a rotation early; the MILP saves it for the surge', async () => {
    const plan = input(
      [offer('FRA-1', 'monitoring_team', 1, 14)],
      [need('R-1', 'UA-30', 1, 5), need('R-2', 'UA-46', 1, 1)],
      { 'FRA-1': rotation({ rotationalUnits: 0, monthsDeployed: 6, monthsRecovering: 30 }) },
      { 'R-2': { start: '2027-07', end: '2027-12', sizeChanges: [] } },
      12,
    );
    const greedy = planSustainmentGreedy(plan);
    const optimal = await planSustainment(plan);
    expect(units(greedy, 'R-1', '2027-01')).toBe(1);
    expect(units(greedy, 'R-2', '2027-07')).toBe(0);
    expect(units(optimal, 'R-2', '2027-07')).toBe(1);
    expect(optimal.metrics.coverage).toBeGreaterThan(greedy.metrics.coverage);
  });
});

describe('handovers', () => {
  it('needs the overlap of a relief in place from the incoming offer the month before', async () => {
    // GBR holds R-1 to June (its mandate ends); NOR, available from May, takes over. R-2 (low
    // priority, May and June) can have NOR's unit only in a month NOR does not spend beside GBR.
    const offers = [offer('GBR-1', 'monitoring_team', 1, 14), offer('NOR-1', 'monitoring_team', 1, 14)];
    const rotations = {
      'GBR-1': rotation({ mandateEnds: '2027-06-30' }),
      'NOR-1': rotation({ availableFrom: '2027-05' }),
    };
    const reqs = [need('R-1', 'UA-30', 1, 1), need('R-2', 'UA-46', 1, 5)];
    const tl = { 'R-2': { start: '2027-05', end: '2027-06', sizeChanges: [] } };
    const r2 = (plan: Awaited<ReturnType<typeof planSustainment>>) =>
      units(plan, 'R-2', '2027-05') + units(plan, 'R-2', '2027-06');
    const plan = await planSustainment(input(offers, reqs, rotations, tl, 12), { overlapDays: 14 });
    expect(plan.status).toBe('optimal');
    const relief = plan.handovers.find((h) => h.kind === 'relief_in_place' && h.requirementId === 'R-1');
    expect(relief).toMatchObject({ fromNations: ['GBR'], toNations: ['NOR'], units: 1 });
    expect(units(plan, 'R-1', '2027-07')).toBe(1);
    expect(r2(plan)).toBe(1);
    // Without an overlap NOR can serve R-2 both months and still take over in July.
    const loose = await planSustainment(input(offers, reqs, rotations, tl, 12), { overlapDays: 0 });
    expect(r2(loose)).toBe(2);
    expect(loose.metrics.coverage).toBeGreaterThan(plan.metrics.coverage);
  });

  it('changes the lead once when the lead nation must go', async () => {
    const plan = await planSustainment(
      input(
        [offer('FRA-1', 'monitoring_team', 1, 14), offer('POL-1', 'monitoring_team', 1, 14)],
        [need('R-1', 'UA-30', 1)],
        { 'FRA-1': rotation({ mandateEnds: '2027-12-31' }), 'POL-1': rotation({ availableFrom: '2027-12' }) },
        {},
        24,
      ),
    );
    expect(plan.metrics.leadChanges).toBe(1);
    expect(plan.handovers.filter((h) => h.kind === 'relief_in_place')).toEqual([
      {
        requirementId: 'R-1',
        month: '2028-01',
        kind: 'relief_in_place',
        fromNations: ['FRA'],
        toNations: ['POL'],
        units: 1,
      },
    ]);
    expect(plan.leads.map((l) => [l.nation, l.from, l.to])).toEqual([
      ['FRA', '2027-01', '2027-12'],
      ['POL', '2028-01', '2028-12'],
    ]);
  });

  it('keeps the lead with the nation that stays when two share a cell', async () => {
    const plan = await planSustainment(
      input(
        [offer('FRA-1', 'monitoring_team', 1, 14), offer('POL-1', 'monitoring_team', 1, 14)],
        [need('R-1', 'UA-30', 2)],
        { 'FRA-1': rotation({ mandateEnds: '2027-12-31' }), 'POL-1': rotation() },
        {},
        24,
      ),
    );
    expect(plan.metrics.leadChanges).toBe(0);
    expect(plan.leads.map((l) => [l.nation, l.from, l.to])).toEqual([['POL', '2027-01', '2028-12']]);
  });
});

describe('cliffs', () => {
  it('finds the month a mandate ends with nobody to follow, the requirements hit and no fill', async () => {
    const plan = await planSustainment(
      input(
        [offer('DEU-1', 'monitoring_team', 3, 14)],
        [need('R-1', 'UA-30', 2), need('R-2', 'UA-46', 1)],
        { 'DEU-1': rotation({ mandateEnds: '2028-03-31', renewalExpected: false }) },
        {},
        24,
      ),
    );
    expect(plan.cliffs).toHaveLength(1);
    const cliff = plan.cliffs[0]!;
    expect(cliff).toMatchObject({
      month: '2028-04',
      cause: 'mandate_end',
      nation: 'DEU',
      offerIds: ['DEU-1'],
      nextBestFill: [],
    });
    expect(cliff.requirements).toEqual([
      { requirementId: 'R-1', lost: 2, after: 0, needed: 2 },
      { requirementId: 'R-2', lost: 1, after: 0, needed: 1 },
    ]);
    expect(cliff.message).toMatch(
      /^In April 2028 the national mandate of Germany ends \(2028-03-31\) with no renewal expected: /,
    );
    expect(cliff.message).toMatch(/No other offer has units to spare/);
    expect(plan.uncovered[0]!.summary).toMatch(
      /from April 2028 to December 2028: 1 offer past their mandate/,
    );
  });

  it('says cliffs, spans and reasons again from the stored data: English as stored, Ukrainian and French', async () => {
    const given = input(
      [offer('DEU-1', 'monitoring_team', 2, 14), offer('POL-1', 'monitoring_team', 2, 14)],
      [need('R-1', 'UA-30', 2), need('R-2', 'UA-46', 1)],
      { 'DEU-1': rotation({ mandateEnds: '2027-12-31', renewalExpected: true }), 'POL-1': rotation() },
      {},
      24,
    );
    const h0 = monthNumber(given.horizon.start);
    const requirements = new Map(given.base.requirements.map((r) => [r.id, r]));
    const offers = new Map(given.base.offers.map((o) => [o.id, o]));
    const rotationOf = (id: string) => offerRotation(offers.get(id)!, given.rotations[id], h0);
    for (const assumeRenewal of [true, false]) {
      const plan = await planSustainment(given, { assumeRenewal });
      expect(plan.cliffs.length).toBeGreaterThan(0);
      for (const c of plan.cliffs)
        expect(cliffInWords(c, rotationOf(c.offerIds[0]!), (id) => requirements.get(id))).toBe(c.message);
      for (const u of plan.uncovered)
        expect(spanInWords(u, requirements.get(u.requirementId)!, new Map(Object.entries(u.counts!)))).toBe(
          u.summary,
        );
    }
    const plan = await planSustainment(given);
    const cliff = plan.cliffs.find((c) => c.cause === 'mandate_renewal')!;
    const uk = phrasing('uk', {
      ukrainianRegion: (code) => ({ 'UA-30': 'Київ', 'UA-46': 'Львівська область' })[code],
    });
    expect(cliffInWords(cliff, rotationOf('DEU-1'), (id) => requirements.get(id), uk)).toBe(
      'Січень 2028 р.: закінчується національний мандат держави Німеччина (31 грудня 2027 р.); його продовження очікується, але якщо його не буде: Моніторингова група — Київ (R-1): втрата — 1 група, залишається 1 з 2; Моніторингова група — Львівська область (R-2): втрата — 1 група, залишається 0 з 1. Найкраща заміна: Польща (пропозиція POL-1, вільних: 1).',
    );
    expect(cliffInWords(cliff, rotationOf('DEU-1'), (id) => requirements.get(id), phrasing('fr'))).toBe(
      'Janvier 2028\u202f: le mandat national de la nation Allemagne prend fin (31 décembre 2027)\u202f; son renouvellement est attendu, et s’il ne vient pas\u202f: Équipe d’observation — Kyiv (R-1) perd 1 équipe et en a 1 sur 2\u202f; Équipe d’observation — Lviv Oblast (R-2) perd 1 équipe et en a 0 sur 1. Meilleure relève possible\u202f: Pologne (offre POL-1, disponibles\u202f: 1).',
    );
    const span = { from: '2028-04', to: '2028-12', required: 2, allocated: 1 };
    expect(
      spanInWords(
        span,
        need('R-1', 'UA-30', 2),
        new Map([
          ['mandate', 1],
          ['rotation', 3],
        ]),
        uk,
      ),
    ).toBe(
      'Моніторингова група — Київ (R-1): 1 група з 2 (період: квітень 2028 р. — грудень 2028 р.); мандат закінчився: 1, ротаційні можливості вичерпано: 3.',
    );
    const reason = { kind: 'rotation' as const, used: 12, budget: 12, windowMonths: 18, message: '' };
    expect(
      sustainmentReasonInWords(reason, offer('FRA-1', 'monitoring_team', 1, 14), need('R-1', 'UA-30', 1), {
        phrasing: uk,
      }),
    ).toBe(
      'немає контингенту для відправлення: її підрозділи відслужили 12 з 12 підрозділо-місяців, які ротація дозволяє за 18 міс.',
    );
  });

  it('lists an expected renewal the plan counts on, with the next-best fill', async () => {
    const plan = await planSustainment(
      input(
        [offer('DEU-1', 'monitoring_team', 2, 14), offer('POL-1', 'monitoring_team', 2, 14)],
        [need('R-1', 'UA-30', 2), need('R-2', 'UA-46', 1)],
        { 'DEU-1': rotation({ mandateEnds: '2027-12-31', renewalExpected: true }), 'POL-1': rotation() },
        {},
        24,
      ),
    );
    const cliff = plan.cliffs.find((c) => c.cause === 'mandate_renewal')!;
    expect(cliff).toMatchObject({ month: '2028-01', nation: 'DEU' });
    expect(plan.metrics.coverage).toBe(1);
    expect(cliff.message).toMatch(/its renewal is expected, and if it does not come/);
    // POL has one unit spare (2 units, R-2 needs one): that is the next-best fill.
    expect(cliff.nextBestFill).toEqual([{ offerId: 'POL-1', nation: 'POL', units: 1 }]);
    // Not assuming renewals turns it into a cliff of the plan itself.
    const strict = await planSustainment(
      input(
        [offer('DEU-1', 'monitoring_team', 2, 14), offer('POL-1', 'monitoring_team', 2, 14)],
        [need('R-1', 'UA-30', 2), need('R-2', 'UA-46', 1)],
        { 'DEU-1': rotation({ mandateEnds: '2027-12-31', renewalExpected: true }), 'POL-1': rotation() },
        {},
        24,
      ),
      { assumeRenewal: false },
    );
    expect(strict.metrics.coverage).toBeLessThan(1);
  });
});

describe('caveats per period', () => {
  it('checks valid_until month by month and explains the refusal in words', async () => {
    const plan = await planSustainment(
      input(
        [offer('GBR-1', 'monitoring_team', 1, 14, [{ kind: 'valid_until', date: '2027-06-30' }])],
        [need('R-1', 'UA-30', 1)],
        { 'GBR-1': rotation() },
        {},
        12,
      ),
    );
    expect(units(plan, 'R-1', '2027-06')).toBe(1);
    expect(units(plan, 'R-1', '2027-07')).toBe(0);
    const gap = plan.uncovered[0]!;
    expect(gap).toMatchObject({ from: '2027-07', to: '2027-12', required: 1, allocated: 0 });
    expect(gap.candidates[0]!.reason.kind).toBe('caveat');
  });

  it('keeps a region caveat in every month', async () => {
    const plan = await planSustainment(
      input(
        [
          offer('FRA-1', 'monitoring_team', 2, 14, [
            { kind: 'min_distance_from_contact', minDistanceKm: 50 },
          ]),
        ],
        [need('R-1', 'UA-14', 1), need('R-2', 'UA-30', 1)],
        { 'FRA-1': rotation() },
        {},
        6,
      ),
    );
    expect(plan.commitments.every((c) => c.requirementId === 'R-2')).toBe(true);
    expect(plan.uncovered).toHaveLength(1);
    expect(plan.uncovered[0]).toMatchObject({ requirementId: 'R-1', from: '2027-01', to: '2027-06' });
  });
});

describe('requirements over time', () => {
  it('follows a surge and a drawdown', async () => {
    const plan = await planSustainment(
      input(
        [offer('FRA-1', 'monitoring_team', 4, 14)],
        [need('R-1', 'UA-30', 2)],
        { 'FRA-1': rotation() },
        {
          'R-1': {
            start: '2027-03',
            end: null,
            sizeChanges: [
              { from: '2027-05', to: '2027-06', quantity: 4 },
              { from: '2027-10', to: null, quantity: 1 },
            ],
          },
        },
        12,
      ),
    );
    expect(['2027-02', '2027-03', '2027-05', '2027-07', '2027-11'].map((m) => units(plan, 'R-1', m))).toEqual(
      [0, 2, 4, 2, 1],
    );
    expect(plan.coverageByMonth[0]).toMatchObject({ month: '2027-01', unitsRequired: 0 });
  });
});

describe('time limits and failure', () => {
  it('a solve cut short returns its best plan marked as such, with its gap and the coverage ceiling', async () => {
    const offers: Offer[] = [];
    const reqs: Requirement[] = [];
    const rotations: Record<string, OfferRotation> = {};
    const regions = ['UA-30', 'UA-46', 'UA-63', 'POL'];
    for (let i = 0; i < 30; i++) {
      const id = `${['FRA', 'GBR', 'DEU', 'POL', 'NOR'][i % 5]}-${i}`;
      offers.push(offer(id, 'monitoring_team', 1 + (i % 3), 14));
      rotations[id] = rotation({
        rotationalUnits: i % 3,
        monthsRecovering: 6 + (i % 7) * 3,
        mandateEnds: i % 4 === 0 ? '2028-06-30' : null,
      });
    }
    for (let i = 0; i < 40; i++)
      reqs.push(need(`R-${i}`, regions[i % 4]!, 1 + (i % 3), ((i % 5) + 1) as Requirement['priority']));
    const plan = await planSustainment(input(offers, reqs, rotations, {}, 12), { timeLimitS: 0.05 });
    expect(['time_limited', 'optimal', 'heuristic']).toContain(plan.status);
    expect(plan.proof.coverageCeiling).toBeGreaterThanOrEqual(plan.metrics.coverage);
    if (plan.status === 'time_limited') {
      expect(plan.notes.join(' ')).toMatch(/stopped at the 0.05 s limit/);
      expect(plan.proof.gap ?? 0).toBeGreaterThanOrEqual(0);
    }
    const greedy = planSustainmentGreedy(input(offers, reqs, rotations, {}, 12));
    expect(plan.metrics.coverage).toBeGreaterThanOrEqual(greedy.metrics.coverage - 1e-9);
  });

  it('rejects bad input records with the field named, and plans the rest', async () => {
    const plan = await planSustainment(
      input(
        [offer('FRA-1', 'monitoring_team', 1, 14), offer('FRA-2', 'monitoring_team', 1, 14)],
        [need('R-1', 'UA-30', 1), need('R-2', 'UA-46', 1)],
        { 'FRA-1': rotation({ monthsDeployed: 0 }), 'FRA-2': rotation() },
        { 'R-2': { start: '2031-01', end: null, sizeChanges: [] } },
        12,
      ),
    );
    expect(plan.rejected).toEqual([
      {
        kind: 'requirement',
        id: 'R-2',
        reason: 'it is not needed in any month of the horizon (2027-01 to 2027-12)',
      },
      { kind: 'offer', id: 'FRA-1', reason: expect.stringMatching(/^monthsDeployed: .*at least 1, got 0/) },
    ]);
    expect(plan.metrics.coverage).toBe(1);
  });
});

describe('validation', () => {
  it('names the field of each bad timeline', () => {
    expect(validateTimeline({ start: '2027-13', end: null, sizeChanges: [] })[0]).toMatchObject({
      field: 'start',
      code: 'sustainment.invalid_month',
    });
    expect(validateTimeline({ start: '2027-05', end: '2027-04', sizeChanges: [] })[0]).toMatchObject({
      field: 'end',
    });
    expect(
      validateTimeline({
        start: '2027-01',
        end: '2027-12',
        sizeChanges: [{ from: '2028-01', to: null, quantity: 2 }],
      })[0],
    ).toMatchObject({ field: 'sizeChanges[0].from', code: 'sustainment.outside_horizon' });
    expect(
      validateTimeline({
        start: '2027-01',
        end: null,
        sizeChanges: [
          { from: '2027-03', to: '2027-06', quantity: 2 },
          { from: '2027-06', to: '2027-08', quantity: 3 },
        ],
      })[0],
    ).toMatchObject({ field: 'sizeChanges[1].from', code: 'sustainment.overlapping_changes' });
    expect(
      validateTimeline({
        start: '2027-01',
        end: null,
        sizeChanges: [{ from: '2027-02', to: null, quantity: -1 }],
      })[0],
    ).toMatchObject({
      field: 'sizeChanges[0].quantity',
    });
  });

  it('names the field of each bad rotation', () => {
    expect(validateRotation(rotation({ monthsDeployed: 0 }))[0]).toMatchObject({ field: 'monthsDeployed' });
    expect(validateRotation(rotation({ monthsDeployed: -3 }))[0]).toMatchObject({ field: 'monthsDeployed' });
    expect(validateRotation(rotation({ rotationalUnits: 1.5 }))[0]).toMatchObject({
      field: 'rotationalUnits',
    });
    expect(validateRotation(rotation({ mandateEnds: '2026-12-31' }))[0]).toMatchObject({
      field: 'mandateEnds',
      code: 'sustainment.mandate_before_start',
    });
    expect(validateRotation(rotation({ mandateEnds: '2027-02-30' }))[0]).toMatchObject({
      field: 'mandateEnds',
      code: 'sustainment.invalid_month',
    });
    expect(validateRotation(rotation())).toEqual([]);
  });
});

describe('properties', () => {
  const instance = fc.record({
    offers: fc.array(
      fc.record({
        nation: fc.constantFrom('FRA', 'GBR', 'POL', 'NOR'),
        quantity: fc.integer({ min: 1, max: 3 }),
        deployed: fc.integer({ min: 1, max: 8 }),
        recovering: fc.integer({ min: 0, max: 14 }),
        behind: fc.integer({ min: 0, max: 3 }),
        from: fc.integer({ min: 0, max: 6 }),
        mandate: fc.option(fc.integer({ min: 6, max: 20 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    requirements: fc.array(
      fc.record({
        region: fc.constantFrom('UA-30', 'UA-46', 'POL'),
        quantity: fc.integer({ min: 1, max: 3 }),
        priority: fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<Requirement['priority']>,
        start: fc.integer({ min: 0, max: 8 }),
        surge: fc.integer({ min: 0, max: 4 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;
  const build = (v: Instance) => {
    const offers = v.offers.map((o, i) => offer(`${o.nation}-${i}`, 'monitoring_team', o.quantity, 14));
    const rotations = Object.fromEntries(
      v.offers.map((o, i) => [
        `${o.nation}-${i}`,
        rotation({
          availableFrom: `2027-0${1 + o.from}`,
          monthsDeployed: o.deployed,
          monthsRecovering: o.recovering,
          rotationalUnits: o.behind,
          mandateEnds:
            o.mandate === null
              ? null
              : `${2027 + Math.floor(o.mandate / 12)}-${String((o.mandate % 12) + 1).padStart(2, '0')}-15`,
        }),
      ]),
    );
    const requirements = v.requirements.map((r, i) => need(`R-${i}`, r.region, r.quantity, r.priority));
    const timelines = Object.fromEntries(
      v.requirements.map((r, i) => [
        `R-${i}`,
        {
          start: `2027-0${1 + r.start}`,
          end: null,
          sizeChanges:
            r.surge > 0 ? [{ from: '2028-01', to: '2028-03', quantity: r.quantity + r.surge }] : [],
        },
      ]),
    );
    return input(offers, requirements, rotations, timelines, 18);
  };

  it('both planners give plans that keep every rule, and HiGHS covers at least as much', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (v) => {
        const sin = build(v);
        const p = prepareSustainment(sin);
        expect(checkAllocation(p, rollingHorizonUnits(p))).toEqual([]);
        const optimal = await planSustainment(sin, { timeLimitS: 5 });
        const greedy = planSustainmentGreedy(sin);
        expect(optimal.metrics.coverage).toBeGreaterThanOrEqual(greedy.metrics.coverage - 1e-9);
        expect(optimal.proof.coverageCeiling).toBeGreaterThanOrEqual(optimal.metrics.coverage - 1e-9);
      }),
      { numRuns: 8 },
    );
  });

  it('another rotational unit never lowers the coverage HiGHS proves', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.nat(), async (v, pick) => {
        const i = pick % v.offers.length;
        const more = { ...v, offers: v.offers.map((o, j) => (j === i ? { ...o, behind: o.behind + 1 } : o)) };
        const a = await planSustainment(build(v), { timeLimitS: 5 });
        const b = await planSustainment(build(more), { timeLimitS: 5 });
        if (a.status === 'optimal' && b.status === 'optimal')
          expect(b.metrics.coverage).toBeGreaterThanOrEqual(a.metrics.coverage - 1e-3);
      }),
      { numRuns: 5 },
    );
  });
});
