import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CaveatFacts,
  changeReadiness,
  checkCaveats,
  explainCaveat,
  lifecycleRefusal,
  type Offer,
  REGIONS,
  transitionLifecycle,
  validateCaveats,
  validateOffer,
  violationInWords,
} from './index.ts';

const offer = (over: Partial<Offer> = {}): Offer => ({
  id: 'FRA-3',
  nation: 'FRA',
  capability: 'infantry_battalion',
  quantity: 2,
  daysToDeploy: 30,
  durationDays: 180,
  readiness: 'pledged',
  readinessHistory: [],
  lifecycle: 'proposed',
  caveats: [],
  ...over,
});

const facts: CaveatFacts = {
  distanceToContactKm: { 'UA-14': 12, 'UA-30': 420, POL: 700 },
  participatingNations: new Set(['FRA', 'GBR']),
  mandates: {},
};
const kyiv = { region: 'UA-30', lineOfEffort: 'reassurance_force', role: 'deterrence', atMs: 0 } as const;

describe('catalogue', () => {
  it('names the 27 units shipped in data/ukraine-adm1.geojson', () => {
    const url = new URL('../../../../data/ukraine-adm1.geojson', import.meta.url);
    const geo = JSON.parse(readFileSync(url, 'utf8')) as { features: { properties: { code: string } }[] };
    const shipped = geo.features.map((f) => f.properties.code).sort();
    expect(REGIONS.filter((r) => r.kind === 'ukraine_unit').map((r) => r.code)).toEqual(shipped);
  });
});

describe('checkCaveats', () => {
  it('names the offer, the caveat and the fact that breaks it', () => {
    const o = offer({ caveats: [{ kind: 'min_distance_from_contact', minDistanceKm: 50 }] });
    const check = checkCaveats(o, { ...kyiv, region: 'UA-14' }, facts);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.violations[0]?.message).toBe(
      "offer FRA-3 cannot serve UA-14 (reassurance_force, deterrence): caveat 'minimum 50 km from the line of contact', region is 12 km away",
    );
    expect(checkCaveats(o, kyiv, facts).ok).toBe(true);
    // Measured distances are rounded for the sentence: whole km, tenths below 10 km.
    const measured = { ...facts, distanceToContactKm: { 'UA-14': 29.0512612371, 'UA-23': 4.26 } };
    const far = checkCaveats(o, { ...kyiv, region: 'UA-14' }, measured);
    const near = checkCaveats(o, { ...kyiv, region: 'UA-23' }, measured);
    expect(!far.ok && far.violations[0]?.message.endsWith('region is 29 km away')).toBe(true);
    expect(!near.ok && near.violations[0]?.message.endsWith('region is 4.3 km away')).toBe(true);
  });

  it('says each kind of broken caveat in names, as a predicate for "offer FRA-3 …"', () => {
    const target = { ...kyiv, region: 'UA-14' };
    const words = (caveat: Offer['caveats'][number], f: CaveatFacts = facts) => {
      const check = checkCaveats(offer({ caveats: [caveat] }), target, f);
      return check.ok ? 'allowed' : violationInWords(check.violations[0]!, target);
    };
    expect(words({ kind: 'allowed_regions', regions: ['BLACK_SEA', 'UA-30'] })).toBe(
      'serves only in Black Sea, Kyiv, not in Donetsk Oblast',
    );
    expect(words({ kind: 'excluded_regions', regions: ['UA-14'] })).toBe('may not serve in Donetsk Oblast');
    expect(words({ kind: 'outside_ukraine_only' })).toBe(
      'serves only outside Ukraine, and Donetsk Oblast is inside',
    );
    expect(words({ kind: 'min_distance_from_contact', minDistanceKm: 50 })).toBe(
      'keeps at least 50 km from the line of contact, and Donetsk Oblast is 12 km from it',
    );
    expect(
      words({ kind: 'min_distance_from_contact', minDistanceKm: 50 }, { ...facts, distanceToContactKm: {} }),
    ).toBe('keeps at least 50 km from the line of contact, and the distance of Donetsk Oblast is not known');
    expect(words({ kind: 'roles_allowed', roles: ['training', 'logistics'] })).toBe(
      'serves only as training or logistics, not as deterrence',
    );
    expect(words({ kind: 'national_mandate', body: 'Bundestag', status: 'pending' })).toBe(
      'needs a national mandate (Bundestag), which is pending',
    );
    expect(words({ kind: 'conditional_on_participation', nation: 'USA' })).toBe(
      'serves only while USA takes part, and USA does not',
    );
    expect(words({ kind: 'valid_until', date: '1969-12-31' })).toBe('was offered until 1969-12-31');
  });

  it('keeps the German caveat out of Ukraine but lets it monitor from Poland', () => {
    const o = offer({ nation: 'DEU', caveats: [{ kind: 'outside_ukraine_only' }] });
    const monitoring = { lineOfEffort: 'truce_monitoring', role: 'monitoring', atMs: 0 } as const;
    expect(checkCaveats(o, { ...monitoring, region: 'POL' }, facts).ok).toBe(true);
    const inside = checkCaveats(o, { ...monitoring, region: 'UA-30' }, facts);
    expect(inside.ok ? [] : inside.violations.map((v) => v.reason)).toEqual(['Kyiv lies inside Ukraine']);
  });

  it('lists every broken caveat: role, mandate, backstop and expiry', () => {
    const o = offer({
      caveats: [
        { kind: 'roles_allowed', roles: ['training'] },
        { kind: 'national_mandate', status: 'pending', body: 'Assemblée nationale' },
        { kind: 'conditional_on_participation', nation: 'USA' },
        { kind: 'valid_until', date: '2026-01-31' },
      ],
    });
    const check = checkCaveats(o, { ...kyiv, atMs: Date.parse('2026-02-01T00:00:00Z') }, facts);
    expect(check.ok ? [] : check.violations.map((v) => v.reason)).toEqual([
      'the role would be deterrence',
      'the mandate is pending',
      'USA is not taking part',
      'the offer expired on 2026-01-31',
    ]);
    const later = { ...facts, participatingNations: new Set(['USA']), mandates: { FRA: 'granted' as const } };
    expect(
      checkCaveats(o, { ...kyiv, role: 'training', atMs: Date.parse('2026-01-31T23:00:00Z') }, later).ok,
    ).toBe(true);
  });

  it('counts an unknown distance against the offer', () => {
    const o = offer({ caveats: [{ kind: 'min_distance_from_contact', minDistanceKm: 10 }] });
    const check = checkCaveats(o, { ...kyiv, region: 'UA-63' }, facts);
    expect(check.ok ? '' : check.violations[0]?.reason).toMatch(/unknown/);
  });
});

describe('validateCaveats', () => {
  it('accepts a coherent list', () => {
    expect(
      validateCaveats([
        { kind: 'allowed_regions', regions: ['POL', 'UA-46'] },
        { kind: 'outside_ukraine_only' },
        { kind: 'conditional_on_participation', nation: 'USA' },
        { kind: 'conditional_on_participation', nation: 'GBR' },
      ]),
    ).toEqual([]);
  });

  it('finds contradictions and names the caveat and field', () => {
    const errors = validateCaveats([
      { kind: 'allowed_regions', regions: ['UA-14', 'UA-30'] },
      { kind: 'excluded_regions', regions: ['UA-14', 'UA-30', 'XX-99'] },
      { kind: 'outside_ukraine_only' },
      { kind: 'min_distance_from_contact', minDistanceKm: 50 },
      { kind: 'min_distance_from_contact', minDistanceKm: 30 },
      { kind: 'roles_allowed', roles: ['combat' as never] },
      { kind: 'valid_until', date: '2026-02-30' },
    ]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['caveat.unknown_region', 'caveats[1].regions[2]'],
      ['caveat.duplicate', 'caveats[4]'],
      ['caveat.unknown_role', 'caveats[5].roles[0]'],
      ['caveat.invalid_value', 'caveats[6].date'],
      ['caveat.no_region_left', 'caveats[0].regions'],
      ['caveat.contradiction', 'caveats[2]'],
    ]);
    expect(errors[1]?.message).toBe(
      "caveat 5 ('minimum 30 km from the line of contact') conflicts with caveat 4 of the same kind ('minimum 50 km from the line of contact'); keep one",
    );
  });

  it('explains each kind in a sentence', () => {
    expect(explainCaveat({ kind: 'outside_ukraine_only' })).toMatch(/neighbouring countries/);
    expect(explainCaveat({ kind: 'national_mandate', status: 'none', body: 'Bundestag' })).toBe(
      'needs a national parliamentary mandate (Bundestag), currently none',
    );
  });
});

describe('offers', () => {
  it('refuses bad input field by field', () => {
    const errors = validateOffer(offer({ nation: 'XXX', capability: 'tank_army', quantity: -2 }));
    expect(errors.map((e) => e.field)).toEqual(['nation', 'capability', 'quantity']);
  });

  it('keeps readiness history and refuses to skip a stage', () => {
    const skipped = changeReadiness(offer(), 'aligned', 1);
    expect(skipped).toEqual({
      ok: false,
      error: 'offer FRA-3 cannot go from pledged to aligned: it must be assessed first',
    });
    const assessed = changeReadiness(offer(), 'assessed', 1, 'visit by the cell');
    expect(assessed.ok && assessed.value.readinessHistory).toEqual([
      { from: 'pledged', to: 'assessed', atMs: 1, note: 'visit by the cell' },
    ]);
  });

  it('moves through the lifecycle and says why it refuses', () => {
    expect(lifecycleRefusal(offer(), 'deployed')).toBe(
      'offer FRA-3 cannot go from proposed to deployed; next is confirmed or withdrawn',
    );
    const confirmed = offer({
      lifecycle: 'confirmed',
      caveats: [{ kind: 'national_mandate', status: 'pending', body: 'Bundestag' }],
    });
    expect(lifecycleRefusal(confirmed, 'mandated')).toBe(
      'offer FRA-3 cannot be mandated: its national mandate (Bundestag) is pending, not granted',
    );
    const mandated = transitionLifecycle(confirmed, 'mandated', { FRA: 'granted' });
    expect(mandated.ok && mandated.value.lifecycle).toBe('mandated');
    expect(lifecycleRefusal(offer({ lifecycle: 'withdrawn' }), 'confirmed')).toBe(
      'offer FRA-3 is withdrawn and cannot become confirmed',
    );
  });
});
