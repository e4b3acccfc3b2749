import { describe, expect, it } from 'vitest';
import { type Caveat, checkCaveats, type Offer } from '../../coalition/index.ts';
import type { LANGUAGES } from '../../i18n/index.ts';
import { en as wordsEn } from '../../i18n/words/en.ts';
import { fr as wordsFr } from '../../i18n/words/fr.ts';
import { phrasing } from '../../i18n/words/index.ts';
import { evaluateRule } from '../evaluate.ts';
import { detectBreaches } from '../ladder.ts';
import { noticeInEnglish, type PhaseNotice } from '../notices.ts';
import {
  type CaveatFacts,
  checkOrder,
  type DeploymentOrder,
  newlyIssuable,
  type OrderContext,
} from '../orders.ts';
import { compileRule } from '../parser.ts';
import { sectorStandings } from '../phase.ts';
import {
  blockerInWords,
  blockerView,
  breachExplanationInWords,
  checkInWords,
  clearedInWords,
  noticeReasonsInWords,
  phaseNoticeInWords,
  waitingInWords,
} from './index.ts';

const order: DeploymentOrder = {
  id: 'ORD-7',
  offerId: 'FRA-3',
  nation: 'FRA',
  sector: 'S-3',
  lineOfEffort: 'reassurance_force',
  quantity: 2,
  drafted: '2026-11-03',
};
const open: OrderContext = {
  phase: 'force_deploying',
  sectorStatus: 'holding',
  mandateHeld: true,
  caveatViolations: [],
  supportedBy: 'plan',
};
const offer: Offer = {
  id: 'FRA-3',
  nation: 'FRA',
  capability: 'infantry_battalion',
  quantity: 2,
  daysToDeploy: 30,
  durationDays: 180,
  readiness: 'available',
  readinessHistory: [],
  lifecycle: 'offered',
  caveats: [
    { kind: 'allowed_regions', regions: ['UA-51', 'UA-14'] },
    { kind: 'min_distance_from_contact', minDistanceKm: 50 },
    { kind: 'roles_allowed', roles: ['training'] },
  ] satisfies Caveat[],
} as unknown as Offer;
const target = { region: 'UA-53', lineOfEffort: 'reassurance_force', role: 'deterrence' as const, atMs: 0 };
const found = checkCaveats(offer, target, {
  distanceToContactKm: { 'UA-53': 12.4 },
  participatingNations: new Set(),
  mandates: {},
});
const violations = found.ok ? [] : found.violations;
const caveats: CaveatFacts[] = violations.map((v) => ({
  offerId: offer.id,
  region: target.region,
  lineOfEffort: target.lineOfEffort,
  role: target.role,
  caveat: v.caveat,
  reason: v.reason,
}));

/** Every context the tests say: each kind of blocker, waiting and refusing. */
const contexts: OrderContext[] = [
  { ...open, phase: 'ceasefire_agreed', sectorStatus: 'fragile' },
  { ...open, phase: 'hostilities', sectorStatus: 'broken', period: { month: '2028-03', now: '2026-12' } },
  {
    ...open,
    phase: 'ceasefire_holding',
    mandateHeld: false,
    caveatViolations: violations.map((v) => v.message),
    caveats,
    supportedBy: null,
  },
  open,
];
const checks = contexts.map((c) => checkOrder(order, c));

const notices: PhaseNotice[] = [
  {
    key: 'phase_changed',
    params: {
      phase: 'force_deploying',
      from: 'ceasefire_holding',
      by: 'j3.lead',
      nation: 'GBR',
      authority: 'Coordination Cell',
    },
  },
  {
    key: 'phase_changed',
    params: { phase: 'ceasefire_agreed', from: null, by: 'a', nation: 'FRA', authority: 'b' },
  },
  {
    key: 'phase_override',
    params: { phase: 'force_deploying', from: 'ceasefire_holding', reason: 'urgent' },
  },
  { key: 'sector_status', params: { sector: 'S-2', status: 'fragile', day: '2026-11-20', was: 'holding' } },
  {
    key: 'order_issuable',
    params: { order: 'ORD-7', offer: 'FRA-3', quantity: 1200, region: 'UA-51', sector: 'S-3', cleared: [] },
  },
];

const rule = compileRule(
  {
    id: 'quiet-14',
    version: 1,
    text: 'every sector: verified_violations per day <= 5 for 14 consecutive days',
  },
  { sectors: ['S-1'], zones: [] },
);
const day = (date: string, count: number) => ({
  sector: 'S-1',
  date,
  monitored: true,
  incidents: count
    ? [
        {
          id: 'I-1',
          category: 'explosion_impact' as const,
          verification: 'verified' as const,
          count,
          zones: [],
        },
      ]
    : [],
});
const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const before = evaluateRule(rule, {
  asOf: '2026-11-19',
  sectors: ['S-1'],
  facts: days.map((d) => day(d, 0)),
});
const after = evaluateRule(rule, {
  asOf: '2026-11-20',
  sectors: ['S-1'],
  facts: days.map((d) => day(d, d === '2026-11-20' ? 8 : 0)),
});
const breach = detectBreaches(before, after, 0)[0]!;
for (const rung of [
  { title: 'joint inspection', nations: ['FRA', 'GBR'] },
  { title: 'convene', nations: [] },
  null,
])
  notices.push({
    key: 'breach',
    params: {
      sector: breach.sector,
      rule: breach.rule.id,
      day: breach.asOf,
      explanation: breach.explanation,
      conditions: breach.conditions,
      rung,
    },
  });

const cleared = newlyIssuable(
  [order, { ...order, id: 'ORD-8', nation: 'DEU' }],
  (o) =>
    o.id === 'ORD-7'
      ? { ...open, phase: 'ceasefire_holding', sectorStatus: 'fragile', supportedBy: null }
      : {
          ...open,
          mandateHeld: false,
          caveatViolations: ['x'],
          period: { month: '2027-01', now: '2026-12' },
        },
  (o) =>
    o.id === 'ORD-7'
      ? { ...open, supportedBy: 'lead_matrix' }
      : { ...open, period: { month: '2027-01', now: '2027-01' } },
);
notices.push({
  key: 'order_issuable',
  params: {
    order: 'ORD-7',
    offer: 'FRA-3',
    quantity: 2,
    region: 'UA-51',
    sector: 'S-3',
    cleared: cleared[0]!.cleared,
  },
});

/** Every text each language would say. */
function said(language: (typeof LANGUAGES)[number]): string[] {
  const p = phrasing(language);
  return [
    ...checks.flatMap((c) => [
      checkInWords(c, order.id, p),
      ...c.blockers.flatMap((b) => [blockerInWords(b, p), waitingInWords(b, p) ?? '']),
    ]),
    ...cleared.flatMap((n) => n.cleared.map((c) => clearedInWords(c, p))),
    ...notices.map((n) => phaseNoticeInWords(n, p)),
  ];
}

describe('a notification’s reasons in words', () => {
  it('says why a sector does not hold as the standing’s English, and in Ukrainian from the same conditions', () => {
    const standing = sectorStandings([after])[0]!;
    const notice: PhaseNotice = {
      key: 'sector_status',
      params: {
        sector: 'S-1',
        status: standing.status,
        day: '2026-11-20',
        was: 'holding',
        failing: after.sectors
          .filter((x) => !x.pass)
          .map((x) => ({ rule: after.rule.id, explanation: x.explanation, conditions: x.conditions })),
      },
    };
    expect(noticeReasonsInWords(notice, standing.reasons, phrasing('en'))).toEqual(standing.reasons);
    expect(noticeReasonsInWords(notice, standing.reasons, phrasing('uk'))).toEqual([
      "'quiet-14' не виконується (20 лист. 2026 р.: верифіковані порушення — 8, межа 5)",
    ]);
    // Reasons the facts do not match (or incident ids) are left as stored.
    expect(noticeReasonsInWords(notice, [], phrasing('uk'))).toBeNull();
    expect(noticeReasonsInWords(notices[0]!, ['x'], phrasing('uk'))).toBeNull();
    expect(noticeReasonsInWords(notices.at(-1)!, cleared[0]!.because, phrasing('en'))).toEqual(
      cleared[0]!.because,
    );
  });
});

describe('the gate in words', () => {
  it('covers every kind of blocker', () => {
    expect(new Set(checks.flatMap((c) => c.blockers.map((b) => b.kind)))).toEqual(
      new Set(['phase', 'sector', 'period', 'mandate', 'caveat', 'support']),
    );
    expect(violations.length).toBe(3);
  });

  it('in English, word for word what the check and the notifications store', () => {
    const en = phrasing('en');
    for (const c of checks) {
      expect(checkInWords(c, order.id, en)).toBe(c.message);
      for (const b of c.blockers) {
        expect(blockerInWords(b, en)).toBe(b.reason);
        expect(waitingInWords(b, en)).toBe(b.waitingFor);
        expect(blockerView(b, en)).toEqual({ kind: b.kind, reason: b.reason, waitingFor: b.waitingFor });
      }
    }
    for (const n of cleared) expect(n.cleared.map((c) => clearedInWords(c, en))).toEqual(n.because);
    for (const n of notices) expect(phaseNoticeInWords(n, en)).toBe(noticeInEnglish(n));
    expect(breachExplanationInWords(breach.explanation, breach.conditions, en)).toBe(breach.explanation);
  });

  it('says the server’s support blocker with the plan’s note, in English as the server wrote it', () => {
    const b = checks[2]!.blockers.find((x) => x.kind === 'support')!;
    const withPlan = {
      ...b,
      facts: {
        ...b.facts,
        region: 'UA-51',
        plan: { kind: 'allocates_some', plan: 'PLAN-2', offer: 'FRA-3', allocated: 1, quantity: 2 } as const,
      },
    };
    expect(blockerInWords(withPlan, phrasing('en'))).toBe(
      'neither the plan nor the lead matrix supports FRA in UA-51 (reassurance_force): the adopted plan PLAN-2 allocates 1 of FRA-3 there, not 2, and FRA neither leads nor contributes there in the lead matrix',
    );
    // Core names Ukraine's units in Ukrainian only when the caller gives their names (the server does).
    expect(blockerInWords(withPlan, phrasing('uk'))).toBe(
      'Франція: ні план, ні матриця провідних держав не підтримують розгортання в регіоні Odesa Oblast (сили підтримки): ухвалений план PLAN-2 виділяє туди 1 з пропозиції FRA-3, а не 2; у матриці провідних держав Франція там не є ні провідною державою, ні учасником',
    );
  });

  it('in Ukrainian and French: names and the language’s words, no English', () => {
    const english = (text: string) =>
      new Set((text.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
    const catalogue = (node: object): string =>
      Object.values(node)
        .map((v) => (typeof v === 'string' ? v : catalogue(v)))
        .join(' ');
    const enWords = english(catalogue({ a: wordsEn.orderGate, b: wordsEn.phaseNotice }));
    const frWords = english(catalogue(wordsFr));
    // Ids and codes stay as written in every language; French shares some words with English.
    const kept = new Set([
      'lead',
      'ord',
      'fra',
      'plan',
      'quiet',
      'joint',
      'inspection',
      'convene',
      'urgent',
      'coordination',
      'cell',
    ]);
    for (const language of ['uk', 'fr'] as const) {
      for (const text of said(language)) {
        const left = [...english(text)].filter(
          (w) => enWords.has(w) && !kept.has(w) && !(language === 'fr' && frWords.has(w)),
        );
        expect([language, text, left]).toEqual([language, text, []]);
      }
    }
    const uk = phrasing('uk');
    expect(checkInWords(checks[0]!, order.id, uk)).toBe(
      'чекає на контрольну точку: фаза «розгортання сил» (зараз «припинення вогню погоджено») і дотримання припинення вогню в секторі S-3 (зараз «нестійкий»)',
    );
    expect(blockerInWords(checks[2]!.blockers.find((b) => b.kind === 'mandate')!, uk)).toBe(
      'Франція: немає національного мандата на це розгортання',
    );
    expect(phaseNoticeInWords(notices.at(-1)!, phrasing('fr'))).toBe(
      'ordre ORD-7 (FRA-3, 2 vers la région Odesa Oblast, secteur S-3) désormais prêt à émettre : la phase est désormais « déploiement de la force » ; le cessez-le-feu est désormais respecté dans le secteur S-3 ; désormais soutenu par la matrice des nations pilotes',
    );
    expect(breachExplanationInWords(breach.explanation, breach.conditions, uk)).toBe(
      '20 лист. 2026 р.: верифіковані порушення — 8, межа 5',
    );
  });

  it('says a blocker kept without facts as it was written', () => {
    const b = {
      kind: 'sector' as const,
      reason: 'sector S-3 is fragile, not holding',
      waitingFor: 'x',
      facts: {},
    };
    expect(blockerInWords(b, phrasing('uk'))).toBe(b.reason);
    expect(breachExplanationInWords('old English', null, phrasing('fr'))).toBe('old English');
  });
});
