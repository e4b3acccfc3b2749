import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { inEnglish } from '../i18n/reasons/index.ts';
import { refusalText } from '../i18n/refusals/text.ts';
import { ObservationError, validateObservation } from './validate.ts';

const GOOD = {
  uid: 'v-1',
  source: { kind: 'patrol', id: 'p-1', nation: 'FRA' },
  time: { startMs: 1_000, endMs: 2_000 },
  category: 'small_arms_fire',
  count: 1,
  location: { kind: 'point', position: [35, 47.5], radiusM: 100 },
  reportedAtMs: 3_000,
};
const BEARING = {
  kind: 'bearing',
  observer: [35, 47.5],
  bearingDeg: 90,
  spreadDeg: 10,
  minDistanceM: 100,
  maxDistanceM: 2_000,
};

/** One wrong field at a time, each rejection the validator knows. */
const BAD: readonly [string, unknown][] = [
  ['not an object', 'observation'],
  ['no source', { ...GOOD, source: undefined }],
  ['empty uid', { ...GOOD, uid: '' }],
  ['uid a number', { ...GOOD, uid: 7 }],
  ['count NaN', { ...GOOD, count: Number.NaN }],
  ['count zero', { ...GOOD, count: 0 }],
  ['count 1.5', { ...GOOD, count: 1.5 }],
  ['start fraction', { ...GOOD, time: { startMs: 1.5, endMs: 2_000 } }],
  ['reversed time', { ...GOOD, time: { startMs: 2_000, endMs: 1_000 } }],
  ['nation lower case', { ...GOOD, source: { ...GOOD.source, nation: 'fra' } }],
  ['unknown kind', { ...GOOD, source: { ...GOOD.source, kind: 'rumour' } }],
  ['unknown category', { ...GOOD, category: 'anything' }],
  ['remarks a number', { ...GOOD, remarks: 5 }],
  ['position one number', { ...GOOD, location: { kind: 'point', position: [35], radiusM: 1 } }],
  ['latitude 91', { ...GOOD, location: { kind: 'point', position: [35, 91], radiusM: 1 } }],
  ['longitude -181', { ...GOOD, location: { kind: 'point', position: [-181, 47], radiusM: 1 } }],
  ['radius negative', { ...GOOD, location: { kind: 'point', position: [35, 47], radiusM: -1 } }],
  ['bearing 360', { ...GOOD, location: { ...BEARING, bearingDeg: 360 } }],
  ['bearing 400', { ...GOOD, location: { ...BEARING, bearingDeg: 400 } }],
  ['spread 90', { ...GOOD, location: { ...BEARING, spreadDeg: 90 } }],
  ['reversed distances', { ...GOOD, location: { ...BEARING, minDistanceM: 3_000 } }],
  ['reported at infinity', { ...GOOD, reportedAtMs: Number.POSITIVE_INFINITY }],
  ['reported far future', { ...GOOD, reportedAtMs: 9e15 }],
];

function rejection(input: unknown): ObservationError {
  try {
    validateObservation(input);
  } catch (error) {
    if (error instanceof ObservationError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('why an observation is rejected, in the reader’s words', () => {
  const i18n = createI18n();

  it.each(BAD)('%s: the refusal says in English what the message says', (_, input) => {
    const error = rejection(input);
    expect(`observation rejected: ${error.field}: ${inEnglish(error.refusal)}`).toBe(error.message);
  });

  it('says every rejection in Ukrainian and French, with no English word of the message left', () => {
    for (const [name, input] of BAD) {
      const error = rejection(input);
      for (const language of ['uk', 'fr'] as const) {
        const text = refusalText(i18n.words(language), error.refusal);
        expect(text, name).not.toMatch(/\{\{|\b(is required|must be|outside|is not one of|metres|degrees)\b/);
        expect(text.length, name).toBeGreaterThan(0);
      }
    }
  });

  it('any malformed report is rejected with a refusal whose English is the message', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        let error: unknown;
        try {
          validateObservation(junk);
        } catch (e) {
          error = e;
        }
        if (!(error instanceof ObservationError)) return;
        expect(`observation rejected: ${error.field}: ${inEnglish(error.refusal)}`).toBe(error.message);
      }),
      { numRuns: 300 },
    );
  });
});
