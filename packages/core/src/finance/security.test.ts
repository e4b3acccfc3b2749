import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrasing } from '../i18n/words/index.ts';
import { rateBook } from './rates.ts';
import {
  investmentRisk,
  NATIONAL,
  type RegionSecurityInputs,
  type RiskParameters,
  regionMoney,
  riskParameterProblems,
} from './security.ts';
import { investmentRiskInWords } from './words/index.ts';

/** The defaults of migration 0026. */
const P: RiskParameters = {
  weight_incidents: 0.5,
  weight_gate: 0.3,
  weight_routes: 0.2,
  window_days: 30,
  incidents_saturation_per_100k: 2,
  incidents_saturation_count: 20,
  state_verified: 1,
  state_corroborated: 0.5,
  state_reported: 0.25,
  gate_fragile: 0.5,
  gate_broken: 1,
  gate_unmonitored: 0.5,
  routes_saturation: 1,
};

const quiet: RegionSecurityInputs = {
  incidents: { verified: 0, corroborated: 0, reported: 0 },
  population: 1_000_000,
  sectors: [{ id: 'S-EAST', name: 'Sector East', status: 'holding', asOf: '2026-12-01' }],
  routeRisk: null,
};

describe('the investment-risk note', () => {
  it('shows each input with its figures and weight, and leaves out what is not available', () => {
    const note = investmentRisk(
      {
        ...quiet,
        incidents: { verified: 10, corroborated: 4, reported: 4 },
        sectors: [
          { id: 'S-EAST', name: 'Sector East', status: 'holding', asOf: '2026-12-01' },
          { id: 'S-SOUTH', name: 'Sector South', status: 'fragile', asOf: '2026-12-03' },
        ],
      },
      P,
    );
    // 10 + 4×0.5 + 4×0.25 = 13 weighted; 1.3 per 100k of 2 → 0.65. Gate: fragile → 0.5.
    expect(note.parts.map((p) => [p.input, p.pressure, p.contribution])).toEqual([
      ['incidents', 0.65, 0.41],
      ['gate', 0.5, 0.19],
      ['routes', null, 0],
    ]);
    // (0.5×0.65 + 0.3×0.5) / 0.8 = 0.59375
    expect(note.score).toBe(0.59);
    expect(note.band).toBe('elevated');
    expect(note.note).toContain('10 verified, 4 corroborated, 4 reported in 30 days (13 weighted)');
    expect(note.note).toContain('Sector South fragile as of 2026-12-03 (worst of 2 sectors)');
    expect(note.note).toContain('routes not available: no route network loaded in the region: not counted');
  });

  it('counts a region no sector covers as unmonitored, and uses a count where no population is loaded', () => {
    const note = investmentRisk(
      { ...quiet, population: null, sectors: [], incidents: { verified: 30, corroborated: 0, reported: 0 } },
      P,
    );
    expect(note.parts[0]!.pressure).toBe(1);
    expect(note.parts[0]!.because).toContain('no population loaded');
    expect(note.parts[1]!.because).toBe('no monitored sector covers the region');
    expect(note.score).toBe(0.81);
    expect(note.band).toBe('high');
  });

  it('is said in Ukrainian and French from the same figures; English byte for byte as before', () => {
    const cases: RegionSecurityInputs[] = [
      {
        ...quiet,
        incidents: { verified: 10, corroborated: 4, reported: 4 },
        sectors: [
          { id: 'S-EAST', name: 'Sector East', status: 'holding', asOf: '2026-12-01' },
          { id: 'S-SOUTH', name: 'Sector South', status: 'fragile', asOf: '2026-12-03' },
        ],
        routeRisk: { score: 0.42, segment: 'M-14 Odesa–Mykolaiv' },
      },
      { ...quiet, population: null, sectors: [], incidents: { verified: 30, corroborated: 0, reported: 0 } },
      { ...quiet, sectors: [{ id: 'S-EAST', name: 'Sector East', status: null, asOf: null }] },
    ];
    for (const inputs of cases) {
      expect(investmentRiskInWords(inputs, P)).toEqual(investmentRisk(inputs, P));
      expect(investmentRiskInWords(inputs, { ...P, weight_incidents: 0, weight_gate: 0 })).toEqual(
        investmentRisk(inputs, { ...P, weight_incidents: 0, weight_gate: 0 }),
      );
    }
    const uk = investmentRiskInWords(cases[0]!, P, phrasing('uk'));
    expect(uk.score).toBe(0.56);
    expect(uk.note).toBe(
      'Ризик: підвищений (0,56): рівень верифікованих інцидентів — 0,65 × вага 0,5: 10 верифікованих, 4 підтверджених, 4 повідомлених за 30 днів (13 зважено): 1,3 на 100 000 мешканців при порозі насичення 2; стан режиму припинення вогню в секторах — 0,5 × вага 0,3: Sector South: нестійкий станом на 3 грудня 2026 р. (найгірший з 2 секторів); ризик на маршрутах постачання — 0,42 × вага 0,2: найризикованіший відрізок M-14 Odesa–Mykolaiv має оцінку 0,42 при порозі насичення 1.',
    );
    const fr = investmentRiskInWords(cases[1]!, P, phrasing('fr'));
    expect(fr.parts[1]!.because).toBe('aucun secteur surveillé ne couvre la région');
    expect(fr.note).toMatch(
      /^Risque fort \(0,81\)\u202f: taux d’incidents vérifiés 1 × poids 0,5\u202f: 30 vérifiés, /,
    );
  });

  it('is unknown, not zero, when every counted weight is zero', () => {
    const note = investmentRisk(quiet, { ...P, weight_incidents: 0, weight_gate: 0 });
    expect(note.score).toBeNull();
    expect(note.band).toBe('unknown');
  });

  it('never falls when incidents rise or a sector worsens, and stays between 0 and 1', () => {
    const counts = fc.record({
      verified: fc.nat(500),
      corroborated: fc.nat(500),
      reported: fc.nat(500),
    });
    const status = fc.constantFrom('holding', 'fragile', 'broken', null);
    fc.assert(
      fc.property(
        counts,
        fc.nat(50),
        status,
        fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
        (c, more, s, route) => {
          const inputs: RegionSecurityInputs = {
            incidents: c,
            population: 250_000,
            sectors: [{ id: 'S', name: 'S', status: s, asOf: s ? '2026-12-01' : null }],
            routeRisk: route === null ? null : { score: route, segment: 'A–B' },
          };
          const base = investmentRisk(inputs, P).score!;
          const worse = investmentRisk({ ...inputs, incidents: { ...c, verified: c.verified + more } }, P)
            .score!;
          const broken = investmentRisk(
            { ...inputs, sectors: [{ id: 'S', name: 'S', status: 'broken', asOf: '2026-12-01' }] },
            P,
          ).score!;
          expect(base).toBeGreaterThanOrEqual(0);
          expect(base).toBeLessThanOrEqual(1);
          expect(worse).toBeGreaterThanOrEqual(base);
          expect(broken).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });

  it('refuses parameters that do not hold together, naming each', () => {
    expect(riskParameterProblems(P)).toEqual([]);
    const keys = riskParameterProblems({
      ...P,
      state_verified: 1.5,
      window_days: 0,
      routes_saturation: 0,
    }).map((p) => p.key);
    expect(keys).toEqual(['state_verified']);
    expect(riskParameterProblems({ ...P, window_days: 0, routes_saturation: 0 }).map((p) => p.key)).toEqual([
      'window_days',
      'routes_saturation',
    ]);
    expect(
      riskParameterProblems({ ...P, weight_incidents: 0, weight_gate: 0, weight_routes: 0 }),
    ).toHaveLength(1);
    expect(riskParameterProblems({ ...P, weight_gate: Number.NaN })[0]!.key).toBe('weight_gate');
  });
});

describe('money per region', () => {
  it('sums promised and delivered per region in euros at each flow’s rate, and lists what has no rate', () => {
    const book = rateBook([
      { currency: 'USD', date: '2026-11-02', ratePerEurMicro: 1_100_000n, source: 'ECB' },
    ]);
    const { byRegion, unconverted } = regionMoney(
      [
        {
          region: 'UA-63',
          stage: 'commitment',
          currency: 'EUR',
          date: '2026-10-01',
          amountMinor: 1_000_00n,
          flows: 1,
        },
        {
          region: 'UA-63',
          stage: 'disbursement',
          currency: 'USD',
          date: '2026-11-02',
          amountMinor: 550_00n,
          flows: 2,
        },
        { region: null, stage: 'pledge', currency: 'EUR', date: '2026-10-01', amountMinor: 7_00n, flows: 1 },
        {
          region: 'UA-14',
          stage: 'pledge',
          currency: 'UAH',
          date: '2026-10-01',
          amountMinor: 9_00n,
          flows: 1,
        },
      ],
      book,
    );
    expect(byRegion.get('UA-63')).toMatchObject({
      promised: 1_000_00n,
      delivered: 500_00n,
      ratio: '0.5000',
      flows: 3,
    });
    expect(byRegion.get(NATIONAL)).toMatchObject({ promised: 7_00n, delivered: 0n });
    expect(byRegion.has('UA-14')).toBe(false);
    expect(unconverted).toHaveLength(1);
    expect(unconverted[0]).toMatchObject({ donor: 'UA-14', currency: 'UAH' });
  });
});
