/**
 * The reasons core's own checks give (coalition, phases, zones) carry a catalogue key beside their
 * English sentence (ADR 0051): worded in English the key says the sentence word for word, and
 * Ukrainian and French find every key and value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Caveat,
  lifecycleReason,
  type Offer,
  parseCaveats,
  readinessReason,
  validateCaveats,
} from '../../coalition/index.ts';
import { CATEGORIES } from '../../monitoring/types.ts';
import { parseRule, RuleError, TruceWindowError, truceWindow } from '../../phases/index.ts';
import {
  describeProblem,
  problemRefusal,
  readZoneCollection,
  ViolationRuleError,
  validateViolationRule,
} from '../../zones/index.ts';
import { createI18n } from '../index.ts';
import { type Refusal, refusalText } from './index.ts';
import type { Reason } from './reason.ts';

const missing: string[] = [];
const i18n = createI18n({ onMissing: (l, key) => missing.push(`${l}:${key}`) });
const en = i18n.words('en');
const uk = i18n.words('uk');
const fr = i18n.words('fr');

/** Each reason worded in English is its message; in Ukrainian and French every key is found. */
function expectKeyed(reasons: readonly Reason[]): void {
  expect(reasons.length).toBeGreaterThan(0);
  for (const r of reasons) {
    expect(refusalText(en, r.refusal)).toBe(r.message);
    refusalText(uk, r.refusal);
    refusalText(fr, r.refusal);
  }
  expect(missing).toEqual([]);
}

const offer = (over: Partial<Offer> = {}): Offer => ({
  id: 'FRA-3',
  nation: 'FRA',
  capability: 'monitoring_team',
  quantity: 4,
  daysToDeploy: 10,
  durationDays: 180,
  readiness: 'pledged',
  readinessHistory: [],
  lifecycle: 'proposed',
  caveats: [],
  ...over,
});

describe('caveat problems', () => {
  const lists: unknown[] = [
    { kind: 'outside_ukraine_only' },
    [42, { kind: 'nope' }, { kind: 'roles_allowed', roles: 'monitoring', extra: 1 }],
    [{ kind: 'national_mandate', status: 5, body: 7 }, { kind: 'valid_until' }, { kind: 'allowed_regions' }],
    [{ kind: 'min_distance_from_contact' }, { kind: 'conditional_on_participation', nation: 3 }],
    [
      { kind: 'allowed_regions', regions: ['UA-14', 'NOWHERE'] },
      { kind: 'allowed_regions', regions: ['UA-14', 'NOWHERE'] },
      { kind: 'excluded_regions', regions: ['UA-14'] },
      { kind: 'excluded_regions', regions: [] },
      { kind: 'roles_allowed', roles: [] },
      { kind: 'roles_allowed', roles: ['monitoring', 'tanks'] },
      { kind: 'min_distance_from_contact', minDistanceKm: -1 },
      { kind: 'conditional_on_participation', nation: 'XX' },
      { kind: 'valid_until', date: '2026-02-30' },
      { kind: 'national_mandate', status: 'maybe', body: 'Bundestag' },
      { kind: 'outside_ukraine_only' },
    ],
  ];

  it('are keyed: shape problems, meaning problems and explained caveats', () => {
    const reasons = lists.flatMap((l) => {
      const parsed = parseCaveats(l);
      return parsed.ok ? [] : parsed.errors;
    });
    expect(new Set(reasons.map((r) => r.refusal.key)).size).toBeGreaterThan(12);
    expectKeyed(reasons);
  });

  it('word a caveat in Ukrainian and French', () => {
    const [error] = validateCaveats([
      { kind: 'allowed_regions', regions: ['UA-14'] },
      { kind: 'allowed_regions', regions: ['UA-63'] },
    ]);
    expect(error!.message).toBe(
      "caveat 2 ('only in UA-63') conflicts with caveat 1 of the same kind ('only in UA-14'); keep one",
    );
    expect(refusalText(uk, error!.refusal)).toBe(
      'застереження 2 («лише в межах: UA-63») суперечить застереженню 1 того самого виду («лише в межах: UA-14»); залиште одне',
    );
    expect(refusalText(fr, error!.refusal)).toContain('contredit la restriction 1');
  });

  it('name the mandate status as the catalogue does', () => {
    const caveats: Caveat[] = [
      { kind: 'national_mandate', status: 'pending', body: 'Bundestag' },
      { kind: 'national_mandate', status: 'granted' },
    ];
    const [error] = validateCaveats(caveats);
    expectKeyed([error!]);
    expect(refusalText(uk, error!.refusal)).toContain('наразі: очікується');
  });
});

describe('readiness and lifecycle refusals', () => {
  it('are keyed for every refused move', () => {
    const reasons = [
      readinessReason(offer(), 'pledged'),
      readinessReason(offer(), 'rapid'),
      readinessReason(offer({ lifecycle: 'withdrawn' }), 'assessed'),
      lifecycleReason(offer({ lifecycle: 'withdrawn' }), 'confirmed'),
      lifecycleReason(offer(), 'deployed'),
      lifecycleReason(offer({ lifecycle: 'confirmed' }), 'deployed'),
      lifecycleReason(
        offer({
          lifecycle: 'confirmed',
          caveats: [{ kind: 'national_mandate', status: 'pending', body: 'Storting' }],
        }),
        'mandated',
      ),
      lifecycleReason(
        offer({ lifecycle: 'confirmed', caveats: [{ kind: 'national_mandate', status: 'none' }] }),
        'mandated',
      ),
    ];
    expect(reasons.every((r) => r !== null)).toBe(true);
    expectKeyed(reasons as Reason[]);
    expect(readinessReason(offer(), 'assessed')).toBeNull();
    expect(lifecycleReason(offer(), 'confirmed')).toBeNull();
  });

  it('word the stages in Ukrainian and French', () => {
    const skip = readinessReason(offer(), 'aligned')!;
    expect(refusalText(uk, skip.refusal)).toBe(
      'готовність пропозиції FRA-3 не може перейти з «заявлено» до «узгоджено з потребою»: спершу має бути «оцінено»',
    );
    const next = lifecycleReason(offer({ lifecycle: 'confirmed' }), 'deployed')!;
    expect(refusalText(fr, next.refusal)).toBe(
      'l’offre FRA-3 ne peut pas passer de «\u202fconfirmée\u202f» à «\u202fdéployée\u202f»\u202f; l’étape suivante est mandatée ou retirée',
    );
  });
});

describe('gate rule syntax errors', () => {
  const vocabulary = { sectors: ['S-1', 'S-2', 'S-3'], zones: ['withdrawal_zone', 'buffer_zone'] };
  const errorOf = (text: string): RuleError | null => {
    try {
      parseRule(text, vocabulary);
      return null;
    } catch (error) {
      if (error instanceof RuleError) return error;
      throw error;
    }
  };
  const keyed = (e: RuleError): Reason[] => [
    { message: e.message, refusal: e.refusal },
    { message: e.detail, refusal: e.detailRefusal },
  ];

  it('are keyed, position and detail, for any text', () => {
    const words = [
      'every',
      'sector',
      'sectors',
      'S-1',
      'S-9',
      ':',
      'no',
      'per',
      'day',
      'days',
      '<=',
      '<',
      '>',
      '>=',
      '%',
      'for',
      'over',
      'consecutive',
      'coverage',
      'and',
      'or',
      '(',
      ')',
      ',',
      'in',
      'of',
      'verified',
      'violations',
      'other',
      'heavy_weapons',
      'withdrawal_zon',
      'withdrawal_zone',
      '5',
      '14',
      '0',
      '999',
      '120',
      '80.5',
      '7days',
      '"S-2"',
      '"',
      '\n',
      '#',
      '?',
    ];
    const soup = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((ws) => ws.join(' '));
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), soup, soup), (text) => {
        const e = errorOf(text);
        if (!e) return;
        seen.add(e.detailRefusal.key);
        for (const r of keyed(e)) expect(refusalText(en, r.refusal)).toBe(r.message);
      }),
      { numRuns: 1500 },
    );
    const long = errorOf(`no other for 7 days ${' '.repeat(4000)}`)!;
    const nested = errorOf(`${'('.repeat(9)}no other for 1 day${')'.repeat(9)}`)!;
    const many = errorOf(Array.from({ length: 60 }, () => 'no other for 1 day').join(' and '))!;
    expectKeyed([...keyed(long), ...keyed(nested), ...keyed(many)]);
    expect(seen.size).toBeGreaterThan(10);
  });

  it('word the detail in Ukrainian and French, keywords as written', () => {
    const e = errorOf('no other for 7 days and')!;
    expect(refusalText(uk, e.refusal)).toBe(
      'помилка в правилі, рядок 1, позиція 24: очікувалася умова (`no …`, `… per day <= N …`, `coverage …` або `(`), знайдено: кінець правила',
    );
    const near = errorOf('no heavy_weapons for 7 days')!;
    expect(refusalText(fr, near.detailRefusal)).toBe(
      'catégorie inconnue «\u202fheavy_weapons\u202f»\u202f; vouliez-vous dire «\u202fheavy_weapon_sighting\u202f»\u202f?',
    );
    expect(CATEGORIES).toContain('heavy_weapon_sighting');
  });
});

describe('violation rule problems', () => {
  const errorOf = (value: unknown): ViolationRuleError => {
    try {
      validateViolationRule(value);
    } catch (error) {
      if (error instanceof ViolationRuleError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('are keyed, each and all together', () => {
    const errors = [
      errorOf(null),
      errorOf({}),
      errorOf({
        id: 'ok-1',
        name: 'xx',
        categories: ['nope', 'other'],
        zoneKind: 'sector',
        weaponClassMatch: true,
      }),
      errorOf({ id: 'ok-1', name: 'xx', categories: ['other'], zoneKind: 'line_of_contact' }),
    ];
    expectKeyed(errors.flatMap((e) => [{ message: e.message, refusal: e.refusal }, ...e.problems]));
    expect(refusalText(uk, errors[1]!.refusal)).toBe(
      'правило виявлення порушень відхилено: id: має містити від 2 до 64 символів `a-z`, `0-9`, `_` і `-`; name: обов’язкове; categories: потрібна щонайменше одна категорія; zoneKind: вкажіть або `zoneKind`, або `anywhere: true` — не обидва й не жодного',
    );
  });
});

describe('truce window problems', () => {
  it('are keyed, every problem of the window', () => {
    let error: unknown;
    try {
      truceWindow({
        id: 'TW-1',
        site: ' ',
        location: [200, -95],
        radiusM: 0,
        startMs: 10,
        endMs: 5,
        purpose: 'repairs',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TruceWindowError);
    expect(error).toBeInstanceOf(RangeError);
    const e = error as TruceWindowError;
    expectKeyed([{ message: e.message, refusal: e.refusal }]);
    const problems: Refusal = e.problems;
    expect(refusalText(uk, problems)).toBe(
      'довгота 200 поза межами [-180, 180]; широта -95 поза межами [-90, 90]; `radiusM` 0 має бути додатним; режим тиші закінчується (5) раніше, ніж починається (10); не вказано місце режиму тиші',
    );
  });
});

describe('zone file problems', () => {
  it('are keyed, each problem and as the file refusal lists it', () => {
    const ring = (points: unknown[][]) => ({ type: 'Polygon', coordinates: [points] });
    const feature = (
      properties: unknown,
      geometry: unknown = ring([
        [30, 48],
        [31, 48],
        [31, 49],
        [30, 48],
      ]),
    ) => ({
      type: 'Feature',
      properties,
      geometry,
    });
    const read = readZoneCollection({
      type: 'FeatureCollection',
      features: [
        'nope',
        { type: 'Feature', properties: 3 },
        feature({ name: 'xx' }),
        feature({ kind: 'moat', name: 'xx' }),
        feature({ kind: 'sector', name: ' ' }),
        feature({ kind: 'sector', name: 'xx', id: 'Bad Id' }),
        feature({ kind: 'sector', name: 'xx', weaponClasses: ['mortar'] }),
        feature({ kind: 'weapons_withdrawal', name: 'xx' }),
        feature({ kind: 'weapons_withdrawal', name: 'xx', weaponClasses: ['slingshot'] }),
        feature({ kind: 'sector', name: 'xx', releasability: 'SECRET' }),
        feature({ kind: 'sector', name: 'xx', validFrom: 'soon' }),
        feature({ kind: 'sector', name: 'xx', validFrom: '2026-11-20', validTo: '2026-11-19' }),
        feature({ kind: 'sector', name: 'xx' }, null),
        feature({ kind: 'sector', name: 'xx' }, { type: 'LineString', coordinates: [] }),
        feature({ kind: 'line_of_contact', name: 'xx' }),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [30, 48],
            [31, 48],
            [30, 48],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [30, 48],
            [31, 48],
            [31, 49],
            [30, 49],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [0, 0],
            [2, 2],
            [2, 0],
            [0, 2],
            [0, 0],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [200, 48],
            [31, 48],
            [31, 49],
            [200, 48],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [120, 95],
            [31, 48],
            [31, 49],
            [120, 95],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            [30, 95],
            [31, 48],
            [31, 49],
            [30, 95],
          ]),
        ),
        feature(
          { kind: 'sector', name: 'xx' },
          ring([
            ['a', 48],
            [31, 48],
            [31, 49],
            ['a', 48],
          ]),
        ),
        feature({ kind: 'sector', name: 'xx' }, ring([[30], [31, 48], [31, 49], [30]])),
        feature({ kind: 'sector', name: 'xx' }, { type: 'Polygon', coordinates: [] }),
        feature({ kind: 'sector', name: 'xx' }, { type: 'MultiPolygon', coordinates: [] }),
        feature({ kind: 'line_of_contact', name: 'xx' }, { type: 'MultiLineString', coordinates: [] }),
        feature({ kind: 'line_of_contact', name: 'xx' }, { type: 'LineString', coordinates: 'x' }),
        feature({ kind: 'line_of_contact', name: 'xx' }, { type: 'LineString', coordinates: [[30, 48]] }),
        feature({ kind: 'sector', name: 'twin' }),
        feature({ kind: 'sector', name: 'twin' }),
      ],
    });
    expect(new Set(read.rejected.map((p) => p.refusal.key)).size).toBeGreaterThan(25);
    expectKeyed(read.rejected);
    expectKeyed(read.rejected.map((p) => ({ message: describeProblem(p), refusal: problemRefusal(p) })));
    expectKeyed(readZoneCollection({ type: 'Feature' }).rejected);
  });
});
