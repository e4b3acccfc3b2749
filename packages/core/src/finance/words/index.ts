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
  type RiskPart,
  round2,
  weighRiskParts,
  weightedIncidents,
} from '../security.ts';

/** A figure as the note writes it: English as it always has (0.35), other languages by locale (0,35). */
const figure = (n: number, ph: Phrasing) =>
  ph.language === 'en'
    ? String(n)
    : new Intl.NumberFormat(ph.words.locale, { maximumFractionDigits: 2 }).format(n);

function incidentPart(
  inputs: RegionSecurityInputs,
  p: RiskParameters,
  ph: Phrasing,
): Omit<RiskPart, 'contribution'> {
  const i = inputs.incidents;
  const weighted = weightedIncidents(i, p);
  const counts = ph.say('risk.counts', {
    verified: figure(i.verified, ph),
    corroborated: figure(i.corroborated, ph),
    reported: figure(i.reported, ph),
    count: p.window_days,
    weighted: figure(round2(weighted), ph),
  });
  if (inputs.population !== null && inputs.population > 0) {
    const per100k = (weighted / inputs.population) * 100_000;
    const pressure = Math.min(1, per100k / p.incidents_saturation_per_100k);
    return {
      input: 'incidents',
      pressure: round2(pressure),
      weight: p.weight_incidents,
      because: ph.say('risk.per100k', {
        counts,
        rate: figure(round2(per100k), ph),
        saturation: figure(p.incidents_saturation_per_100k, ph),
      }),
    };
  }
  const pressure = Math.min(1, weighted / p.incidents_saturation_count);
  return {
    input: 'incidents',
    pressure: round2(pressure),
    weight: p.weight_incidents,
    because: ph.say('risk.noPopulation', { counts, saturation: figure(p.incidents_saturation_count, ph) }),
  };
}

const STATUS_ORDER = { holding: 0, fragile: 1, broken: 2 } as const;

function gatePart(
  inputs: RegionSecurityInputs,
  p: RiskParameters,
  ph: Phrasing,
): Omit<RiskPart, 'contribution'> {
  const rated = inputs.sectors.filter((s) => s.status !== null);
  if (rated.length === 0) {
    return {
      input: 'gate',
      pressure: round2(p.gate_unmonitored),
      weight: p.weight_gate,
      because:
        inputs.sectors.length === 0
          ? ph.say('risk.unmonitored')
          : ph.say('risk.noStatus', { sectors: inputs.sectors.map((s) => s.name).join(', ') }),
    };
  }
  const worst = rated.reduce((a, b) => (STATUS_ORDER[b.status!] > STATUS_ORDER[a.status!] ? b : a));
  const pressure =
    worst.status === 'broken' ? p.gate_broken : worst.status === 'fragile' ? p.gate_fragile : 0;
  return {
    input: 'gate',
    pressure: round2(pressure),
    weight: p.weight_gate,
    because: ph.say(rated.length > 1 ? 'risk.gateWorst' : 'risk.gate', {
      sector: worst.name,
      status: ph.word('risk.status', worst.status!, worst.status!),
      day:
        ph.language !== 'en' && worst.asOf && /^\d{4}-\d\d-\d\d/.test(worst.asOf)
          ? ph.words.longDate(worst.asOf.slice(0, 10))
          : String(worst.asOf),
      count: rated.length,
    }),
  };
}

function routePart(
  inputs: RegionSecurityInputs,
  p: RiskParameters,
  ph: Phrasing,
): Omit<RiskPart, 'contribution'> {
  if (inputs.routeRisk === null) {
    return {
      input: 'routes',
      pressure: null,
      weight: p.weight_routes,
      because: ph.say('risk.noRoutes'),
    };
  }
  const pressure = Math.min(1, inputs.routeRisk.score / p.routes_saturation);
  return {
    input: 'routes',
    pressure: round2(pressure),
    weight: p.weight_routes,
    because: ph.say('risk.routes', {
      segment: inputs.routeRisk.segment,
      score: figure(round2(inputs.routeRisk.score), ph),
      saturation: figure(p.routes_saturation, ph),
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
  const { score, band, parts } = weighRiskParts([
    incidentPart(inputs, p, ph),
    gatePart(inputs, p, ph),
    routePart(inputs, p, ph),
  ]);
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
