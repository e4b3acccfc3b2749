import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from './dates.ts';
import { evaluateRule, type RuleEvaluation } from './evaluate.ts';
import type { DayIncident, SectorDay } from './facts.ts';
import { type Breach, detectBreaches, proposeRungs, type ResponseLadder } from './ladder.ts';
import { type DeploymentOrder, issueOrder, newlyIssuable, type OrderContext } from './orders.ts';
import { compileRule, type TriggerRule } from './parser.ts';
import {
  type Decision,
  type GuardPolicy,
  initialPhase,
  type Phase,
  type PhaseRecord,
  type SectorStatus,
  sectorStandings,
  transition,
} from './phase.ts';

// Thirty days of synthetic monitoring: fighting ends on 1 Nov, calm follows (with a freedom-of-
// movement restriction and two blind days in S-2), S-3 flares up on 16-17 Nov, then recovers.
const SECTORS = ['S-1', 'S-2', 'S-3'];
const FIRST = '2026-11-01';
const DAYS = Array.from({ length: 30 }, (_, i) => addDays(FIRST, i));
const vocabulary = { sectors: SECTORS, zones: ['withdrawal_zone', 'buffer_zone'] };

const RULES: readonly TriggerRule[] = [
  {
    id: 'quiet-7',
    version: 1,
    text: 'every sector: verified violations per day <= 5 for 7 consecutive days',
  },
  {
    id: 'quiet-14',
    version: 1,
    text: 'every sector: verified violations per day <= 5 for 14 consecutive days',
  },
  { id: 'heavy-7', version: 1, text: 'no verified heavy_weapon_sighting in withdrawal_zone for 7 days' },
  { id: 'fom-7', version: 1, text: 'no fom_restriction for 7 days' },
  { id: 'coverage-80', version: 1, text: 'coverage >= 80% over 14 days' },
];
const compiled = RULES.map((r) => compileRule(r, vocabulary));
const DEPLOYMENT_RULES = ['quiet-14', 'heavy-7', 'fom-7', 'coverage-80'].map((id) => ({ id, version: 1 }));
const policy: GuardPolicy = {
  ceasefire_holding: [{ id: 'quiet-7', version: 1 }],
  force_deploying: DEPLOYMENT_RULES,
  sustainment: DEPLOYMENT_RULES,
};

function incident(id: string, count: number, extra: Partial<DayIncident> = {}): DayIncident {
  return { id, category: 'explosion_impact', verification: 'verified', count, zones: [], ...extra };
}

function history(): SectorDay[] {
  return SECTORS.flatMap((sector, s) =>
    DAYS.map((date, d): SectorDay => {
      const key = `${sector} ${date}`;
      const calm = [
        ...((d + s) % 3 > 0 ? [incident(`${key} calm`, (d + s) % 3)] : []),
        // Reported but never verified: must not count against a `verified` rule.
        ...(d % 5 === 0 ? [incident(`${key} rumour`, 4, { verification: 'reported' })] : []),
      ];
      const special: Record<string, readonly DayIncident[]> = {
        [`S-1 ${FIRST}`]: [incident('S-1 last shelling', 40)],
        [`S-2 ${FIRST}`]: [incident('S-2 last shelling', 40)],
        [`S-3 ${FIRST}`]: [incident('S-3 last shelling', 40)],
        'S-2 2026-11-05': [
          ...calm,
          incident('S-2 checkpoint turned back patrol', 1, { category: 'fom_restriction' }),
        ],
        'S-3 2026-11-16': [
          incident('S-3 flare a', 3),
          incident('S-3 flare b', 2),
          incident('S-3 flare c', 2),
        ],
        'S-3 2026-11-17': [
          ...calm,
          incident('S-3 tank in zone', 1, { category: 'heavy_weapon_sighting', zones: ['withdrawal_zone'] }),
        ],
      };
      const blind = sector === 'S-2' && (date === '2026-11-06' || date === '2026-11-07');
      return { sector, date, monitored: !blind, incidents: special[key] ?? calm };
    }),
  );
}

const ORDERS: readonly DeploymentOrder[] = [
  {
    id: 'O-1',
    offerId: 'FRA-1',
    nation: 'FRA',
    sector: 'S-1',
    lineOfEffort: 'reassurance',
    quantity: 1500,
    drafted: '2026-11-03',
  },
  {
    id: 'O-2',
    offerId: 'GBR-1',
    nation: 'GBR',
    sector: 'S-3',
    lineOfEffort: 'reassurance',
    quantity: 900,
    drafted: '2026-11-10',
  },
  {
    id: 'O-3',
    offerId: 'DEU-1',
    nation: 'DEU',
    sector: 'S-2',
    lineOfEffort: 'training',
    quantity: 300,
    drafted: '2026-11-10',
  },
  {
    id: 'O-4',
    offerId: 'GBR-2',
    nation: 'GBR',
    sector: 'S-3',
    lineOfEffort: 'reassurance',
    quantity: 600,
    drafted: '2026-11-17',
  },
];
const DEU_MANDATE_FROM = '2026-11-20';
const LADDER: ResponseLadder = [
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
    title: 'doubled monitoring',
    respondWithinHours: 48,
    nations: ['DEU', 'POL'],
    rules: ['heavy-7'],
    minSectors: 1,
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

interface Day {
  readonly date: IsoDate;
  readonly phase: Phase;
  readonly holdingGate: boolean;
  readonly deploymentGate: boolean;
  readonly status: Readonly<Record<string, SectorStatus>>;
  readonly opened: readonly string[];
  readonly refusals: readonly string[];
}

/** Replays the history day by day the way the cell would: evaluate, decide, issue what opened. */
function replay() {
  const facts = history();
  const decision = (date: IsoDate): Decision => ({
    by: 'Cell chief',
    nation: 'FRA',
    date,
    authority: 'Coordination Cell',
  });
  let phase: PhaseRecord = initialPhase(decision('2026-10-01'));
  let yesterday: ((o: DeploymentOrder) => OrderContext) | null = null;
  let previous: readonly RuleEvaluation[] = [];
  const pending = new Set(ORDERS);
  const days: Day[] = [];
  const breaches: Breach[] = [];
  for (const date of DAYS) {
    const known = facts.filter((f) => f.date <= date);
    const evaluations = compiled.map((rule) =>
      evaluateRule(rule, { asOf: date, sectors: SECTORS, facts: known }),
    );
    for (const now of evaluations) {
      const before = previous.find((e) => e.rule.id === now.rule.id);
      if (before)
        breaches.push(...detectBreaches(before, now, Date.parse(`${date}T00:00:00Z`) + 30 * 3_600_000));
    }
    previous = evaluations;
    const refusals: string[] = [];
    const next: Partial<Record<Phase, Phase>> = {
      hostilities: 'ceasefire_agreed',
      ceasefire_agreed: 'ceasefire_holding',
      ceasefire_holding: 'force_deploying',
    };
    const target = date === '2026-11-20' ? 'sustainment' : next[phase.phase];
    if (target) {
      const result = transition({
        current: phase.phase,
        target,
        policy,
        evaluations,
        decision: decision(date),
      });
      if (result.ok) phase = result.record;
      else if (date === '2026-11-20' || phase.phase !== 'ceasefire_agreed')
        refusals.push(result.refusal.message);
    }
    const deploymentEvaluations = evaluations.filter((e) => DEPLOYMENT_RULES.some((r) => r.id === e.rule.id));
    const status = Object.fromEntries(
      sectorStandings(deploymentEvaluations).map((s) => [s.sector, s.status]),
    );
    const today = phase.phase;
    const context = (o: DeploymentOrder): OrderContext => ({
      phase: today,
      sectorStatus: status[o.sector]!,
      mandateHeld: o.nation !== 'DEU' || date >= DEU_MANDATE_FROM,
      caveatViolations: [],
      supportedBy: 'plan',
    });
    const drafted = [...pending].filter((o) => o.drafted <= date);
    const opened = yesterday ? newlyIssuable(drafted, yesterday, context) : [];
    for (const { order } of opened) {
      const issued = issueOrder(order, context(order), decision(date));
      expect(issued.ok).toBe(true);
      pending.delete(order);
    }
    yesterday = context;
    days.push({
      date,
      phase: phase.phase,
      holdingGate: evaluations[0]!.pass,
      deploymentGate: deploymentEvaluations.every((e) => e.pass),
      status,
      opened: opened.map((o) => `${o.order.id}: ${o.because.join(', ')}`),
      refusals,
    });
  }
  return { days, breaches, pending };
}

/** The days a gate opened and closed, as `+date` and `-date`. */
function edges(days: readonly Day[], open: (d: Day) => boolean): string[] {
  return days.flatMap((d, i) =>
    open(d) === (i > 0 && open(days[i - 1]!)) ? [] : [`${open(d) ? '+' : '-'}${d.date}`],
  );
}

describe('30-day scenario: calm, a flare-up in S-3, recovery', () => {
  const { days, breaches, pending } = replay();

  it('opens and closes each gate on the exact day', () => {
    expect(edges(days, (d) => d.holdingGate)).toEqual(['+2026-11-08', '-2026-11-16', '+2026-11-23']);
    expect(edges(days, (d) => d.deploymentGate)).toEqual(['+2026-11-15', '-2026-11-16', '+2026-11-30']);
  });

  it('moves the phase only when the gate is open', () => {
    const changes = days.flatMap((d, i) =>
      i === 0 || d.phase !== days[i - 1]!.phase ? [`${d.date} ${d.phase}`] : [],
    );
    expect(changes).toEqual([
      '2026-11-01 ceasefire_agreed',
      '2026-11-08 ceasefire_holding',
      '2026-11-15 force_deploying',
    ]);
    // A flare-up does not move the phase by itself: the ladder proposes, the cell decides.
    expect(days.filter((d) => d.phase === 'force_deploying' && !d.deploymentGate)).toHaveLength(14);
    expect(days.find((d) => d.date === '2026-11-20')!.refusals).toEqual([
      "phase change refused: rule 'quiet-14' fails in sector S-3 (day 2026-11-16 had 7 verified violations, limit 5); " +
        "rule 'heavy-7' fails in sector S-3 (day 2026-11-17 had 1 verified heavy_weapon_sighting in withdrawal_zone, limit 0)",
    ]);
  });

  it('derives each sector status day by day (b broken, f fragile, h holding)', () => {
    const line = (sector: string) => days.map((d) => d.status[sector]![0]).join('');
    expect(line('S-1')).toBe(`${'b'.repeat(7)}${'f'.repeat(7)}${'h'.repeat(16)}`);
    expect(line('S-2')).toBe(`${'b'.repeat(11)}${'f'.repeat(3)}${'h'.repeat(16)}`);
    expect(line('S-3')).toBe(`${'b'.repeat(7)}${'f'.repeat(7)}h${'b'.repeat(8)}${'f'.repeat(6)}h`);
  });

  it('makes orders issuable the day their gate opens, and says why', () => {
    expect(days.filter((d) => d.opened.length > 0).map((d) => [d.date, d.opened])).toEqual([
      [
        '2026-11-15',
        [
          'O-1: phase is now force_deploying, sector S-1 is now holding',
          'O-2: phase is now force_deploying, sector S-3 is now holding',
        ],
      ],
      ['2026-11-20', ['O-3: DEU now holds the mandate']],
      ['2026-11-30', ['O-4: sector S-3 is now holding']],
    ]);
    expect(pending.size).toBe(0);
  });

  it('detects each breach of a holding sector and proposes the matching rung', () => {
    const proposals = proposeRungs(LADDER, breaches).map((p) => `${p.breach.id} -> ${p.rung?.id}`);
    expect(proposals).toEqual([
      'fom-7@1:S-2:2026-11-05 -> inspect',
      'quiet-7@1:S-3:2026-11-16 -> inspect',
      'quiet-14@1:S-3:2026-11-16 -> inspect',
      'heavy-7@1:S-3:2026-11-17 -> double',
    ]);
  });
});
