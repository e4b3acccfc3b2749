import { describe, expect, it } from 'vitest';
import { parseKielCsv } from '../../finance/kiel.ts';
import { MissingRateError } from '../../finance/rates.ts';
import { riskParameterProblems } from '../../finance/security.ts';
import { readTime } from '../../imports/time.ts';
import { importRouteLayer } from '../../logistics/network.ts';
import { validateRotation } from '../../planning/sustainment/validate.ts';
import { createI18n } from '../index.ts';
import { refusalText } from '../refusals/index.ts';
import { joined, joinedComma, reasoned, reasonIn, said } from './index.ts';

const i18n = createI18n();
const en = i18n.words('en');
const uk = i18n.words('uk');
const fr = i18n.words('fr');

describe('reasons of core’s checks', () => {
  it('say the catalogue’s English, and keep the refusal out of the record’s JSON and equality', () => {
    const r = reasoned({ row: 2, field: 'Date' }, said('financeChecks.notDate', { text: 'soon' }));
    expect(r.reason).toBe("'soon' is not a date YYYY-MM-DD");
    expect(r).toEqual({ row: 2, field: 'Date', reason: "'soon' is not a date YYYY-MM-DD" });
    expect(JSON.parse(JSON.stringify(r))).toEqual({
      row: 2,
      field: 'Date',
      reason: "'soon' is not a date YYYY-MM-DD",
    });
    expect(r.refusal).toEqual({ key: 'financeChecks.notDate', params: { text: 'soon' } });
    expect(reasonIn(en, r)).toBe(r.reason);
    expect(reasonIn(uk, r)).toBe('«soon» не є датою РРРР-ММ-ДД');
    expect(reasonIn(fr, r)).toBe('«\u202fsoon\u202f» n’est pas une date AAAA-MM-JJ');
    // A reason not keyed yet stays English in every language.
    expect(reasonIn(uk, { reason: 'as written' })).toBe('as written');
  });

  it('join lists as the English messages join them', () => {
    const a = said('financeChecks.risk.share').refusal;
    const b = said('financeChecks.risk.divides').refusal;
    expect(refusalText(en, joined([a, b]))).toBe('is a share: 0 to 1; must be more than 0 (it divides)');
    expect(refusalText(en, joinedComma(['uid', 'start']))).toBe('uid, start');
    expect(refusalText(uk, joined([a, b]))).toBe(
      'це частка: від 0 до 1; має бути більше за 0 (на нього ділять)',
    );
  });

  it('give plural forms in Ukrainian and the English text unchanged', () => {
    const missing = parseKielCsv('a,b\n1,2\n').problems[0]!;
    expect(missing.reason).toMatch(/^missing columns 'country', 'iso'/);
    expect(reasonIn(uk, missing)).toMatch(/^бракує стовпців 'country', 'iso'/);
    const decimals = (n: number) => said('financeChecks.tooManyDecimals', { text: 'x', count: n, scale: 0 });
    expect(decimals(1).reason).toBe("'x' has 1 decimals; at most 0 are kept exactly");
    expect(reasonIn(uk, decimals(1))).toContain('має 1 знак після коми');
    expect(reasonIn(uk, decimals(3))).toContain('має 3 знаки після коми');
    expect(reasonIn(uk, decimals(5))).toContain('має 5 знаків після коми');
  });

  it('ride with finance, import, logistics and sustainment checks', () => {
    const rate = new MissingRateError('USD', '2025-05-10');
    expect(refusalText(uk, rate.refusal)).toMatch(/^немає референтного курсу євро для USD на 2025-05-10/);
    const risk = riskParameterProblems({ window_days: 0 });
    expect(risk[0]).toMatchObject({ message: 'must be a number of 0 or more' });
    expect(refusalText(fr, risk[0]!.refusal)).toBe('doit être un nombre supérieur ou égal à 0');
    const time = readTime('soon');
    expect(time.ok).toBe(false);
    if (!time.ok) expect(refusalText(uk, time.refusal)).toMatch(/^«soon» не є часом/);
    const layer = importRouteLayer(
      { type: 'FeatureCollection', features: [{ geometry: { type: 'Point', coordinates: [30, 50] } }] },
      { toleranceM: 10 },
    );
    const skipped = layer.ok ? layer.report.skipped[0]! : layer.problem;
    expect(skipped.reason).toBe('a Point is not a route: only LineString and MultiLineString are');
    expect(reasonIn(fr, skipped)).toBe(
      'un Point n’est pas un itinéraire\u202f: seuls LineString et MultiLineString le sont',
    );
    const rotation = validateRotation({
      availableFrom: '2027-13',
      monthsDeployed: 6,
      monthsRecovering: 0,
      rotationalUnits: 1,
      mandateEnds: null,
      renewalExpected: false,
      maxMonths: null,
    });
    expect(rotation[0]).toEqual({
      code: 'sustainment.invalid_month',
      field: 'availableFrom',
      message: "availableFrom must be a month written YYYY-MM, got '2027-13'",
    });
    expect(refusalText(uk, rotation[0]!.refusal)).toBe(
      'availableFrom має бути місяцем у форматі РРРР-ММ; отримано «2027-13»',
    );
  });
});
