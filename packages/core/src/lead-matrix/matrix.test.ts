import { describe, expect, it } from 'vitest';
import { type Offer, quantityInWords } from '../coalition/index.ts';
import type { Requirement } from '../planning/index.ts';
import { analyseLeadMatrix, flagInWords, offerInWords } from './index.ts';

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
