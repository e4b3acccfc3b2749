import { describe, expect, it } from 'vitest';
import {
  type CaveatFacts,
  type CaveatTarget,
  checkCaveats,
  type Offer,
  quantityInWords,
  violationInWords,
} from '../coalition/index.ts';
import { en as englishWords } from '../i18n/words/en.ts';
import { type Phrasing, phrasing } from '../i18n/words/index.ts';
import { type Requirement, requirementLabel, shortfallInWords } from '../planning/index.ts';
import { analyseLeadMatrix, caveatInWords, flagInWords, offerInWords, refusalInWords } from './index.ts';

const offer = (id: string, caveats: Offer['caveats'] = []): Offer => ({
  id,
  nation: id.slice(0, 3),
  capability: 'monitoring_team',
  quantity: 2,
  daysToDeploy: 14,
  durationDays: 180,
  readiness: 'assessed',
  readinessHistory: [],
  lifecycle: 'confirmed',
  caveats,
});
const requirement = (id: string, region: string): Requirement => ({
  id,
  region,
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  role: 'monitoring',
  quantity: 2,
  priority: 1,
  phase: 'ceasefire_holding',
  maxDaysToDeploy: 30,
});

describe('analyseLeadMatrix', () => {
  it('flags gaps, missing leads, conflicts, forbidden leads and idle leads', () => {
    const matrix = analyseLeadMatrix({
      requirements: [requirement('R-1', 'UA-14'), requirement('R-2', 'UA-30'), requirement('R-3', 'UA-63')],
      offers: [offer('DEU-1', [{ kind: 'outside_ukraine_only' }]), offer('FRA-1'), offer('USA-1')],
      claims: [
        { nation: 'DEU', region: 'UA-14', lineOfEffort: 'truce_monitoring' },
        { nation: 'FRA', region: 'UA-30', lineOfEffort: 'truce_monitoring' },
        { nation: 'USA', region: 'UA-30', lineOfEffort: 'truce_monitoring' },
      ],
      allocations: [
        { offerId: 'USA-1', requirementId: 'R-1', quantity: 2 },
        { offerId: 'FRA-1', requirementId: 'R-2', quantity: 1 },
      ],
      facts: { distanceToContactKm: {}, participatingNations: new Set(), mandates: {} },
      atMs: 0,
    });
    expect(matrix.cells.find((c) => c.region === 'UA-30')).toEqual({
      region: 'UA-30',
      lineOfEffort: 'truce_monitoring',
      claims: ['FRA', 'USA'],
      contributors: [{ nation: 'FRA', units: 1 }],
      requirementIds: ['R-2'],
    });
    expect(matrix.flags.map((f) => f.message)).toEqual([
      "DEU claims the lead of UA-14 / truce_monitoring but its caveats forbid every offer there: offer DEU-1 cannot serve UA-14 (truce_monitoring, monitoring): caveat 'outside Ukraine only (from neighbouring countries, the sea or staging areas)', Donetsk Oblast lies inside Ukraine",
      'DEU claims the lead of UA-14 / truce_monitoring but contributes no units to it',
      'gap in UA-30 / truce_monitoring: R-2 has 1 of 2 monitoring_team',
      'FRA and USA both claim the lead of UA-30 / truce_monitoring',
      'USA claims the lead of UA-30 / truce_monitoring but contributes no units to it',
      'gap in UA-63 / truce_monitoring: R-3 has 0 of 2 monitoring_team',
      'no nation claims the lead of UA-63 / truce_monitoring',
    ]);
    // The same flags as a staff officer reads them: names, not codes.
    const offers = new Map([['DEU-1', offer('DEU-1', [{ kind: 'outside_ukraine_only' }])]]);
    const title = (id: string) => (offers.get(id) ? offerInWords(offers.get(id)!) : id);
    expect(matrix.flags.map((f) => flagInWords(f, { offer: title }))).toEqual([
      'Germany claims the lead of truce monitoring in Donetsk Oblast, but its caveats forbid every offer it made there: Monitoring team, 2 teams (Germany) serves only outside Ukraine, and Donetsk Oblast is inside.',
      'Germany claims the lead of truce monitoring in Donetsk Oblast but contributes no units to it in the plan.',
      'Truce monitoring in Kyiv needs 2 monitoring teams and has 1 team (requirement R-2).',
      'France and United States of America each claim the lead of truce monitoring in Kyiv; the cell staff choose one.',
      'United States of America claims the lead of truce monitoring in Kyiv but contributes no units to it in the plan.',
      'Truce monitoring in Kharkiv Oblast needs 2 monitoring teams and has none (requirement R-3).',
      'No nation claims the lead of truce monitoring in Kharkiv Oblast.',
    ]);
  });
});

describe('quantityInWords', () => {
  it('counts units in English and money as money', () => {
    expect(quantityInWords(1, 'battery')).toBe('1 battery');
    expect(quantityInWords(2, 'battery')).toBe('2 batteries');
    expect(quantityInWords(3, 'company')).toBe('3 companies');
    expect(quantityInWords(4, 'team')).toBe('4 teams');
    expect(quantityInWords(2, 'package')).toBe('2 packages');
    expect(quantityInWords(300, 'EUR million')).toBe('EUR 300 million');
    expect(quantityInWords(1200, 'detachment')).toBe('1,200 detachments');
  });
});

// Ukraine's units in Ukrainian as the server gives them (data/ukraine-adm1.geojson's nameUk).
const UKRAINIAN: Readonly<Record<string, string>> = {
  'UA-14': 'Донецька область',
  'UA-30': 'Київ',
  'UA-51': 'Одеська область',
  'UA-63': 'Харківська область',
};
const reader = (language: 'en' | 'uk' | 'fr'): Phrasing =>
  phrasing(language, { ukrainianRegion: (code) => UKRAINIAN[code] });

/** The Latin words of the English templates, for "no English left in Ukrainian". */
const englishWordsOf = (() => {
  const out = new Set<string>();
  const walk = (node: object) => {
    for (const v of Object.values(node)) {
      if (typeof v === 'string')
        for (const w of v.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? [])
          out.add(w.toLowerCase());
      else walk(v);
    }
  };
  walk(englishWords);
  return out;
})();
const englishIn = (text: string) =>
  (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => englishWordsOf.has(w.toLowerCase()));

describe('the lead matrix in the reader\u2019s language', () => {
  const odesa = analyseLeadMatrix({
    requirements: [
      { ...requirement('R-4', 'UA-51'), lineOfEffort: 'maritime_security', capability: 'uav_reconnaissance' },
    ],
    offers: [offer('FRA-1'), { ...offer('TUR-1'), capability: 'uav_reconnaissance', quantity: 1 }],
    claims: [
      { nation: 'FRA', region: 'UA-51', lineOfEffort: 'maritime_security' },
      { nation: 'TUR', region: 'UA-51', lineOfEffort: 'maritime_security' },
    ],
    allocations: [{ offerId: 'TUR-1', requirementId: 'R-4', quantity: 1 }],
    facts: { distanceToContactKm: {}, participatingNations: new Set(), mandates: {} },
    atMs: 0,
  });
  const conflict = odesa.flags.find((f) => f.kind === 'conflict')!;
  const gap = odesa.flags.find((f) => f.kind === 'gap')!;

  it('says the Odesa lead conflict and gap in Ukrainian, French and (unchanged) English', () => {
    expect(flagInWords(conflict, { phrasing: reader('uk') })).toBe(
      'Морська безпека (Одеська область): роль провідної держави заявили Франція і Туреччина; штаб осередку обирає одну з них.',
    );
    expect(flagInWords(conflict, { phrasing: reader('fr') })).toBe(
      'Sûreté maritime (Odesa Oblast)\u202f: le rôle de nation pilote est revendiqué par plusieurs nations (France et Turquie)\u202f; l’état-major de la cellule en choisit une.',
    );
    expect(flagInWords(conflict)).toBe(
      'France and Türkiye each claim the lead of maritime security in Odesa Oblast; the cell staff choose one.',
    );
    expect(flagInWords(gap, { phrasing: reader('uk') })).toBe(
      'Морська безпека (Одеська область): потрібно 2 загони (розвідка БпЛА); виділено: 1 загін (потреба R-4).',
    );
    expect(flagInWords(gap, { phrasing: reader('fr') })).toBe(
      'Sûreté maritime (Odesa Oblast)\u202f: il faut 2 détachements (reconnaissance par drone), le plan en affecte 1 détachement (besoin R-4).',
    );
    expect(offerInWords(offer('NOR-1'), undefined, reader('uk'))).toBe(
      'Моніторингова група, 2 групи (Норвегія)',
    );
    expect(offerInWords({ ...offer('NOR-1'), quantity: 5 }, undefined, reader('uk'))).toBe(
      'Моніторингова група, 5 груп (Норвегія)',
    );
    expect(offerInWords(offer('NOR-1'), undefined, reader('fr'))).toBe(
      'Équipe d’observation, 2 équipes (Norvège)',
    );
  });

  it('counts with each language\u2019s plural rules and money as money', () => {
    const uk = reader('uk');
    expect([1, 2, 5, 11, 21, 22].map((n) => uk.quantity(n, 'battery'))).toEqual([
      '1 батарея',
      '2 батареї',
      '5 батарей',
      '11 батарей',
      '21 батарея',
      '22 батареї',
    ]);
    expect(uk.quantity(300, 'EUR million')).toBe('300 млн EUR');
    expect(reader('fr').quantity(1200, 'hospital')).toBe('1\u202f200 hôpitaux');
    expect(reader('fr').quantity(300, 'EUR million')).toBe('300 M EUR');
    expect(reader('en').quantity(1200, 'detachment')).toBe('1,200 detachments');
  });

  const target: CaveatTarget = {
    region: 'UA-14',
    lineOfEffort: 'truce_monitoring',
    role: 'monitoring',
    atMs: Date.parse('2026-01-01'),
  };
  const facts: CaveatFacts = {
    distanceToContactKm: { 'UA-14': 12 },
    participatingNations: new Set(),
    mandates: {},
  };
  const caveats: Offer['caveats'] = [
    { kind: 'allowed_regions', regions: ['BLACK_SEA', 'UA-30', 'POL'] },
    { kind: 'excluded_regions', regions: ['UA-14'] },
    { kind: 'outside_ukraine_only' },
    { kind: 'min_distance_from_contact', minDistanceKm: 50 },
    { kind: 'roles_allowed', roles: ['training', 'logistics'] },
    { kind: 'national_mandate', status: 'pending', body: 'Bundestag' },
    { kind: 'national_mandate', status: 'refused' },
    { kind: 'conditional_on_participation', nation: 'USA' },
    { kind: 'valid_until', date: '2020-01-01' },
  ];
  const violations = caveats.map((c) => {
    const check = checkCaveats(offer('DEU-3', [c]), target, facts);
    if (check.ok) throw new Error(`caveat ${c.kind} did not break`);
    return check.violations[0]!;
  });

  it('says every broken caveat as coalition does in English, and in Ukrainian and French', () => {
    expect(violations.map((v) => caveatInWords(v, target))).toEqual(
      violations.map((v) => violationInWords(v, target)),
    );
    const uk = violations.map((v) => caveatInWords(v, target, undefined, reader('uk')));
    expect(uk[0]).toBe('дозволено лише: Чорне море, Київ, Польща; Донецька область — поза цим переліком');
    expect(uk[3]).toBe(
      'потрібна відстань щонайменше 50 км від лінії зіткнення, а Донецька область — за 12 км від неї',
    );
    expect(uk[4]).toBe('дозволені ролі: підготовка або логістика; роль «моніторинг» не дозволена');
    expect(uk[8]).toBe('пропозиція діяла до 1 січня 2020 р.');
    const fr = violations.map((v) => caveatInWords(v, target, undefined, reader('fr')));
    expect(fr[5]).toBe('exige un mandat national (Bundestag), dont l’état est\u202f: en attente');
    expect(fr[3]).toBe('se tient à au moins 50 km de la ligne de contact, et Donetsk Oblast en est à 12 km');
  });

  it('leaves no English template word in Ukrainian (names and codes aside)', () => {
    const uk = reader('uk');
    const o = offer('NOR-1');
    const r = requirement('R-1', 'UA-14');
    const texts = [
      ...odesa.flags.map((f) => flagInWords(f, { phrasing: uk })),
      ...violations.map((v) => caveatInWords(v, target, undefined, uk)),
      refusalInWords({ kind: 'caveat', violations, message: '' }, o, r, { phrasing: uk }),
      refusalInWords({ kind: 'readiness', message: '' }, { ...o, daysToDeploy: 60 }, r, { phrasing: uk }),
      refusalInWords({ kind: 'readiness', message: '' }, { ...o, readiness: 'pledged' }, r, { phrasing: uk }),
      refusalInWords({ kind: 'readiness', message: '' }, { ...o, lifecycle: 'withdrawn' }, r, {
        phrasing: uk,
      }),
      refusalInWords(
        {
          kind: 'capacity',
          givenHere: 1,
          takenBy: [{ requirementId: 'R-2', priority: 1, quantity: 3 }],
          message: '',
        },
        o,
        r,
        { phrasing: uk, requirement: () => requirementLabel(requirement('R-2', 'UA-30'), uk) },
      ),
      refusalInWords({ kind: 'unused', spare: 3, message: '' }, o, r, { phrasing: uk }),
      shortfallInWords(r, 1, [{ reason: { kind: 'caveat', violations, message: '' } }], uk),
      shortfallInWords(r, 0, [], uk),
      shortfallInWords(r, 2, null, uk),
    ];
    for (const text of texts) expect([text, englishIn(text)]).toEqual([text, []]);
    expect(texts.at(-3)).toBe(
      'R-1: 1 з 2 — моніторингова група, Донецька область (моніторинг перемир’я); пропозиції: відхилено застереженнями: 1',
    );
    expect(refusalInWords({ kind: 'unused', spare: 3, message: '' }, o, r, { phrasing: reader('fr') })).toBe(
      'a 3 équipes qui pourraient servir ici (un plan interrompu par sa limite de temps peut en laisser)',
    );
  });
});
