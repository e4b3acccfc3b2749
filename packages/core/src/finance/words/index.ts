/**
 * The investment-risk note in the reader's language (ADR 0052). Apart from `security.ts` so
 * that the web, which imports the note's parameters from `@guarantor/core/finance`, does not
 * bundle the server's i18n with them.
 */
import { type Phrasing, phrasing } from '../../i18n/words/index.ts';
import {
  type RegionSecurityInputs,
  type RiskNote,
  type RiskParameters,
  type RiskSentences,
  riskParts,
  weighRiskParts,
} from '../security.ts';

/** A figure as the note writes it: English as it always has (0.35), other languages by locale (0,35). */
const figure = (n: number, ph: Phrasing) =>
  ph.language === 'en'
    ? String(n)
    : new Intl.NumberFormat(ph.words.locale, { maximumFractionDigits: 2 }).format(n);

/** The parts' sentences said by a phrasing (English: the same sentences as core's). */
function sentences(ph: Phrasing): RiskSentences {
  return {
    incidents: (f) => {
      const counts = ph.say('risk.counts', {
        verified: figure(f.verified, ph),
        corroborated: figure(f.corroborated, ph),
        reported: figure(f.reported, ph),
        count: f.days,
        weighted: figure(f.weighted, ph),
      });
      return f.per100k === null
        ? ph.say('risk.noPopulation', { counts, saturation: figure(f.saturation, ph) })
        : ph.say('risk.per100k', {
            counts,
            rate: figure(f.per100k, ph),
            saturation: figure(f.saturation, ph),
          });
    },
    unmonitored: () => ph.say('risk.unmonitored'),
    noStatus: (sectors) => ph.say('risk.noStatus', { sectors: sectors.join(', ') }),
    gate: (f) =>
      ph.say(f.of > 1 ? 'risk.gateWorst' : 'risk.gate', {
        sector: f.sector,
        status: ph.word('risk.status', f.status, f.status),
        day:
          ph.language !== 'en' && f.asOf && /^\d{4}-\d\d-\d\d/.test(f.asOf)
            ? ph.words.longDate(f.asOf.slice(0, 10))
            : String(f.asOf),
        count: f.of,
      }),
    noRoutes: () => ph.say('risk.noRoutes'),
    routes: (f) =>
      ph.say('risk.routes', {
        segment: f.segment,
        score: figure(f.score, ph),
        saturation: figure(f.saturation, ph),
      }),
  };
}

/**
 * The investment-risk note of one region in the reader's language: the same figures as
 * `investmentRisk`, its `because` and `note` said by a {@link Phrasing} (English: byte for byte
 * the same sentences).
 */
export function investmentRiskInWords(
  inputs: RegionSecurityInputs,
  p: RiskParameters,
  ph: Phrasing = phrasing(),
): RiskNote {
  const { score, band, parts } = weighRiskParts(riskParts(inputs, p, sentences(ph)));
  const words = parts
    .map((r) => {
      const input = ph.word('risk.input', r.input, r.input);
      return r.pressure === null
        ? ph.say('risk.partMissing', { input, because: r.because })
        : ph.say('risk.part', {
            input,
            pressure: figure(r.pressure, ph),
            weight: figure(r.weight, ph),
            because: r.because,
          });
    })
    .join(ph.say('risk.partsJoiner'));
  return {
    score,
    band,
    parts,
    note:
      score === null
        ? ph.say('risk.unknown', { parts: words })
        : ph.say('risk.known', {
            band: ph.word('risk.band', band, band),
            score: figure(score, ph),
            parts: words,
          }),
  };
}
