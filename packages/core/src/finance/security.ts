/**
 * Security beside money (issue 18): per first-level unit, the money flowing there next to its
 * verified incident rate, the ceasefire status of the sectors over it and the risk on its supply
 * routes, with an investment-risk note that shows every input and weight it used (ADR 0043).
 *
 * The note is a weighted mean of three inputs, each a number from 0 (no pressure) to 1 (at or
 * past its saturation): an input that is not available (no route network loaded) is left out
 * of both sums and the note says so, so the score never pretends to know what it does not.
 * The parameters are data (`investment_risk_parameter`), not constants.
 */

import { said } from '../i18n/reasons/index.ts';
import type { Refusal, RefusalKey } from '../i18n/refusals/index.ts';
import { breakdown } from './breakdown.ts';
import type { RateBook } from './rates.ts';
import type { FlowStage } from './stages.ts';
import type { StageFigures, Unconverted } from './summary.ts';

/** Every parameter of the note, in the order a form shows them. */
export const RISK_PARAMETER_KEYS = [
  'weight_incidents',
  'weight_gate',
  'weight_routes',
  'window_days',
  'incidents_saturation_per_100k',
  'incidents_saturation_count',
  'state_verified',
  'state_corroborated',
  'state_reported',
  'gate_fragile',
  'gate_broken',
  'gate_unmonitored',
  'routes_saturation',
] as const;

/** A parameter's key. */
export type RiskParameterKey = (typeof RISK_PARAMETER_KEYS)[number];

/** The parameters as numbers. */
export type RiskParameters = Readonly<Record<RiskParameterKey, number>>;

/** Parameters that are shares of one: at most 1. */
const SHARES: readonly RiskParameterKey[] = [
  'state_verified',
  'state_corroborated',
  'state_reported',
  'gate_fragile',
  'gate_broken',
  'gate_unmonitored',
];

/** What is wrong with a set of parameters, by key; empty when they hold together. */
export function riskParameterProblems(p: Readonly<Record<string, number>>): RiskParameterProblem[] {
  const problems: RiskParameterProblem[] = [];
  const add = (key: string, key_: RefusalKey) => {
    const { reason, refusal } = said(key_);
    problems.push({ key, message: reason, refusal });
  };
  for (const key of RISK_PARAMETER_KEYS) {
    const v = p[key];
    if (v === undefined || !Number.isFinite(v) || v < 0) {
      add(key, 'financeChecks.risk.notNumber');
      continue;
    }
    if (SHARES.includes(key) && v > 1) add(key, 'financeChecks.risk.share');
  }
  if (problems.length === 0) {
    if (p.window_days! < 1 || p.window_days! > 366 || !Number.isInteger(p.window_days))
      add('window_days', 'financeChecks.risk.windowDays');
    for (const key of [
      'incidents_saturation_per_100k',
      'incidents_saturation_count',
      'routes_saturation',
    ] as const)
      if (p[key] === 0) add(key, 'financeChecks.risk.divides');
    if (p.weight_incidents! + p.weight_gate! + p.weight_routes! === 0)
      add('weight_incidents', 'financeChecks.risk.noWeight');
  }
  return problems;
}

/** One parameter that does not hold: its key, the English message, and the same as a refusal. */
export interface RiskParameterProblem {
  readonly key: string;
  readonly message: string;
  readonly refusal: Refusal;
}

/** A sector over the region and its latest status (null when it has none recorded). */
export interface RegionSector {
  readonly id: string;
  readonly name: string;
  readonly status: 'holding' | 'fragile' | 'broken' | null;
  readonly asOf: string | null;
}

/** What the note is computed from, for one region, as the reader may see it. */
export interface RegionSecurityInputs {
  /** Incidents in the window by state (attributed counts with verified; dismissed not at all). */
  readonly incidents: { readonly verified: number; readonly corroborated: number; readonly reported: number };
  /** Residents (pre-war baseline) where a population table is loaded. */
  readonly population: number | null;
  readonly sectors: readonly RegionSector[];
  /** The riskiest route segment in the region, or null when no route network is loaded there. */
  readonly routeRisk: { readonly score: number; readonly segment: string } | null;
}

/** One input of the note: its value from 0 to 1, its weight, and why. */
export interface RiskPart {
  readonly input: 'incidents' | 'gate' | 'routes';
  /** From 0 to 1; null when the input is not available. */
  readonly pressure: number | null;
  readonly weight: number;
  /** weight × pressure ÷ the sum of the weights counted; 0 when not counted. */
  readonly contribution: number;
  /** The input in words, with its figures. */
  readonly because: string;
}

/** The band of a score. */
export type RiskBand = 'low' | 'moderate' | 'elevated' | 'high' | 'unknown';

/** The investment-risk note of one region. */
export interface RiskNote {
  /** From 0 to 1, to two decimals; null when no input is available. */
  readonly score: number | null;
  readonly band: RiskBand;
  readonly parts: readonly RiskPart[];
  /** The whole note in one sentence. */
  readonly note: string;
}

/** A figure to two decimals, as the note shows it. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Score bands (ADR 0043): below 0.25 low, below 0.5 moderate, below 0.75 elevated, else high. */
export function riskBand(score: number | null): RiskBand {
  if (score === null) return 'unknown';
  if (score < 0.25) return 'low';
  if (score < 0.5) return 'moderate';
  if (score < 0.75) return 'elevated';
  return 'high';
}

/** The incidents weighted by how far each is confirmed. */
export function weightedIncidents(i: RegionSecurityInputs['incidents'], p: RiskParameters): number {
  return (
    i.verified * p.state_verified + i.corroborated * p.state_corroborated + i.reported * p.state_reported
  );
}

/**
 * What each part's `because` says, written in one language from the part's figures: English
 * here (`ENGLISH_RISK_SENTENCES`), the others in `finance/words`. The figures and the rule are
 * {@link riskParts}'s alone.
 */
export interface RiskSentences {
  /** The incidents part; `per100k` is null when no population is loaded (then `saturation` is a count). */
  incidents(f: {
    readonly verified: number;
    readonly corroborated: number;
    readonly reported: number;
    readonly days: number;
    readonly weighted: number;
    readonly per100k: number | null;
    readonly saturation: number;
  }): string;
  /** No monitored sector covers the region. */
  unmonitored(): string;
  /** Sectors cover it but none has a status yet. */
  noStatus(sectors: readonly string[]): string;
  /** The worst sector's status, of `of` rated sectors. */
  gate(f: {
    readonly sector: string;
    readonly status: string;
    readonly asOf: string | null;
    readonly of: number;
  }): string;
  /** No route network in the region. */
  noRoutes(): string;
  /** The riskiest segment's score. */
  routes(f: { readonly segment: string; readonly score: number; readonly saturation: number }): string;
}

/** The parts' sentences in English (the API's `because`). */
export const ENGLISH_RISK_SENTENCES: RiskSentences = {
  incidents: (f) => {
    const counts = `${f.verified} verified, ${f.corroborated} corroborated, ${f.reported} reported in ${plural(f.days, 'day', 'days')} (${f.weighted} weighted)`;
    return f.per100k === null
      ? `${counts} against a saturation of ${f.saturation} (no population loaded)`
      : `${counts}: ${f.per100k} per 100,000 residents against a saturation of ${f.saturation}`;
  },
  unmonitored: () => 'no monitored sector covers the region',
  noStatus: (sectors) => `no status recorded yet for ${sectors.join(', ')}`,
  gate: (f) => `${f.sector} ${f.status} as of ${f.asOf}${f.of > 1 ? ` (worst of ${f.of} sectors)` : ''}`,
  noRoutes: () => 'no route network loaded in the region: not counted',
  routes: (f) => `riskiest segment ${f.segment} scores ${f.score} against a saturation of ${f.saturation}`,
};

const STATUS_ORDER = { holding: 0, fragile: 1, broken: 2 } as const;

/** The three parts of the note (incidents, gate, routes), unweighed, their reasons said by `say`. */
export function riskParts(
  inputs: RegionSecurityInputs,
  p: RiskParameters,
  say: RiskSentences,
): Omit<RiskPart, 'contribution'>[] {
  const i = inputs.incidents;
  const weighted = weightedIncidents(i, p);
  const counts = {
    verified: i.verified,
    corroborated: i.corroborated,
    reported: i.reported,
    days: p.window_days,
    weighted: round2(weighted),
  };
  const populated = inputs.population !== null && inputs.population > 0;
  const per100k = populated ? (weighted / inputs.population!) * 100_000 : null;
  const incidents: Omit<RiskPart, 'contribution'> = {
    input: 'incidents',
    pressure: round2(
      Math.min(
        1,
        per100k === null
          ? weighted / p.incidents_saturation_count
          : per100k / p.incidents_saturation_per_100k,
      ),
    ),
    weight: p.weight_incidents,
    because: say.incidents({
      ...counts,
      per100k: per100k === null ? null : round2(per100k),
      saturation: per100k === null ? p.incidents_saturation_count : p.incidents_saturation_per_100k,
    }),
  };

  const rated = inputs.sectors.filter((s) => s.status !== null);
  const worst = rated.reduce<(typeof rated)[number] | undefined>(
    (a, b) => (a === undefined || STATUS_ORDER[b.status!] > STATUS_ORDER[a.status!] ? b : a),
    undefined,
  );
  const gate: Omit<RiskPart, 'contribution'> = worst
    ? {
        input: 'gate',
        pressure: round2(
          worst.status === 'broken' ? p.gate_broken : worst.status === 'fragile' ? p.gate_fragile : 0,
        ),
        weight: p.weight_gate,
        because: say.gate({ sector: worst.name, status: worst.status!, asOf: worst.asOf, of: rated.length }),
      }
    : {
        input: 'gate',
        pressure: round2(p.gate_unmonitored),
        weight: p.weight_gate,
        because:
          inputs.sectors.length === 0 ? say.unmonitored() : say.noStatus(inputs.sectors.map((s) => s.name)),
      };

  const r = inputs.routeRisk;
  const routes: Omit<RiskPart, 'contribution'> = r
    ? {
        input: 'routes',
        pressure: round2(Math.min(1, r.score / p.routes_saturation)),
        weight: p.weight_routes,
        because: say.routes({ segment: r.segment, score: round2(r.score), saturation: p.routes_saturation }),
      }
    : { input: 'routes', pressure: null, weight: p.weight_routes, because: say.noRoutes() };
  return [incidents, gate, routes];
}

/** The investment-risk note of one region from its inputs and the parameters. */
export function investmentRisk(inputs: RegionSecurityInputs, p: RiskParameters): RiskNote {
  const { score, band, parts } = weighRiskParts(riskParts(inputs, p, ENGLISH_RISK_SENTENCES));
  const words = parts.map(
    (r) =>
      `${r.input} ${r.pressure === null ? 'not available' : `${r.pressure} × weight ${r.weight}`}: ${r.because}`,
  );
  return {
    score,
    band,
    parts,
    note:
      score === null
        ? `Risk unknown: no input is available. ${words.join('; ')}.`
        : `Risk ${band} (${score}): ${words.join('; ')}.`,
  };
}

/**
 * The score of the parts: the weighted mean of the pressures available, each part's share of
 * it, and the band; null (unknown) when no input is available. One rule for the note in every
 * language.
 */
export function weighRiskParts(raw: readonly Omit<RiskPart, 'contribution'>[]): {
  readonly score: number | null;
  readonly band: RiskBand;
  readonly parts: RiskPart[];
} {
  const counted = raw.filter((r) => r.pressure !== null && r.weight > 0);
  const weights = counted.reduce((s, r) => s + r.weight, 0);
  const parts: RiskPart[] = raw.map((r) => ({
    ...r,
    contribution:
      r.pressure === null || r.weight === 0 || weights === 0 ? 0 : round2((r.weight * r.pressure) / weights),
  }));
  const score =
    weights === 0 ? null : round2(counted.reduce((s, r) => s + r.weight * r.pressure!, 0) / weights);
  return { score, band: riskBand(score), parts };
}

/** One region's sum as the database gives it: per stage, currency and day. */
export interface RegionFlowGroup {
  /** A first-level unit's code, or null for national (unallocated to a region). */
  readonly region: string | null;
  readonly stage: FlowStage;
  readonly currency: string;
  readonly date: string;
  readonly amountMinor: bigint;
  readonly flows: number;
}

/** The key of national flows in `regionMoney`'s answer. */
export const NATIONAL = 'national';

/**
 * Promised and delivered per region in euros, by the same rule and conversion as the donor
 * summary (one stated rate per flow's day; sums without a rate listed, never guessed).
 */
export function regionMoney(
  groups: readonly RegionFlowGroup[],
  book: RateBook,
): { readonly byRegion: ReadonlyMap<string, StageFigures>; readonly unconverted: readonly Unconverted[] } {
  const { rows, unconverted } = breakdown(
    groups.map((g) => ({ ...g, key: g.region ?? NATIONAL })),
    book,
  );
  return { byRegion: new Map(rows.map((r) => [r.key, r])), unconverted };
}
