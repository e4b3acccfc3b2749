/**
 * Route risk per segment, explainable: a segment's score is the sum of the weights of the
 * incidents within `radiusKm` of it that ended in the last `days` days, each weighted by its
 * category and its verification state. Every score comes with the incidents that make it.
 * The database computes the same rule in PostGIS (db/logistics `segmentRisks`), on the same
 * sphere; a test holds the two to the same answer. See docs/adr/0036-route-network-and-risk.md.
 */
import type { Category, IncidentStateName } from '../monitoring/types.ts';
import { CATEGORIES, INCIDENT_STATES } from '../monitoring/types.ts';
import { type LngLat, lineDistanceM } from './geo.ts';

/** The rule's parameters. */
export interface RiskRule {
  readonly radiusKm: number;
  readonly days: number;
  readonly categoryWeights: Readonly<Record<Category, number>>;
  readonly stateWeights: Readonly<Record<IncidentStateName, number>>;
}

/**
 * The default weights: what threatens a convoy weighs most (impacts, fire, restrictions of
 * movement); a reported incident counts half, a corroborated one three quarters, a verified or
 * attributed one fully, a dismissed one not at all.
 */
export const DEFAULT_RISK_RULE: RiskRule = {
  radiusKm: 10,
  days: 30,
  categoryWeights: {
    explosion_impact: 3,
    explosion_airburst: 3,
    explosion_outgoing: 1,
    explosion_undetermined: 2,
    projectile_in_flight: 2,
    muzzle_flash: 1,
    illumination_flare: 0.5,
    burst_and_shots: 2,
    heavy_weapon_sighting: 1,
    troop_movement: 1,
    uav_overflight: 1.5,
    fom_restriction: 2,
    civilian_harm: 3,
    infrastructure_damage: 2,
    other: 0.5,
  },
  stateWeights: { reported: 0.5, corroborated: 0.75, verified: 1, attributed: 1, dismissed: 0 },
};

/** Checks a rule's values; the problem names the parameter. */
export function riskRuleProblem(rule: RiskRule): string | undefined {
  if (!(rule.radiusKm > 0 && rule.radiusKm <= 100)) return 'radiusKm must be above 0 and at most 100';
  if (!(rule.days > 0 && rule.days <= 3650)) return 'days must be above 0 and at most 3650';
  for (const c of CATEGORIES)
    if (!(rule.categoryWeights[c] >= 0)) return `categoryWeights.${c} must be a number of at least 0`;
  for (const s of INCIDENT_STATES)
    if (!(rule.stateWeights[s] >= 0)) return `stateWeights.${s} must be a number of at least 0`;
  return undefined;
}

/** An incident as the rule reads it. */
export interface RiskIncident {
  readonly id: string;
  readonly category: Category;
  readonly state: IncidentStateName;
  readonly position: LngLat;
  readonly startMs: number;
  readonly endMs: number;
}

/** A segment as the rule reads it. */
export interface RiskSegment {
  readonly id: string;
  readonly coordinates: readonly LngLat[];
}

/** One incident's share of a score. */
export interface RiskContribution {
  readonly incidentId: string;
  readonly category: Category;
  readonly state: IncidentStateName;
  /** Metres from the segment, rounded to the metre. */
  readonly distanceM: number;
  readonly weight: number;
}

/** A segment's score and the incidents that make it, heaviest first. */
export interface SegmentRisk {
  readonly segmentId: string;
  readonly score: number;
  readonly incidents: readonly RiskContribution[];
}

const DAY_MS = 86_400_000;

/** The weight one incident adds (0 when the rule ignores it). */
export function incidentWeight(rule: RiskRule, category: Category, state: IncidentStateName): number {
  return (rule.categoryWeights[category] ?? 0) * (rule.stateWeights[state] ?? 0);
}

/** Rounds a score the same way in core and in SQL (to a thousandth). */
export const roundScore = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Scores every segment as of `asOfMs`: incidents whose time meets [asOf − days, asOf], within
 * radiusKm of the segment (great-circle distance on PostGIS's sphere), with a weight above 0.
 */
export function segmentRisks(
  segments: readonly RiskSegment[],
  incidents: readonly RiskIncident[],
  rule: RiskRule,
  asOfMs: number,
): SegmentRisk[] {
  const sinceMs = asOfMs - rule.days * DAY_MS;
  const radiusM = rule.radiusKm * 1000;
  const recent = incidents
    .filter((i) => i.endMs >= sinceMs && i.startMs <= asOfMs)
    .map((i) => ({ i, w: incidentWeight(rule, i.category, i.state) }))
    .filter(({ w }) => w > 0);
  return segments.map((s) => {
    const [minLng, minLat, maxLng, maxLat] = bbox(s.coordinates);
    // A cheap box first: a degree of latitude is at least 110.5 km; of longitude, at 60° N, 55.6 km.
    const padLat = rule.radiusKm / 110;
    const padLng = rule.radiusKm / 55;
    const contributions: RiskContribution[] = [];
    for (const { i, w } of recent) {
      const [lng, lat] = i.position;
      if (lng < minLng - padLng || lng > maxLng + padLng || lat < minLat - padLat || lat > maxLat + padLat)
        continue;
      const d = lineDistanceM(i.position, s.coordinates);
      if (d <= radiusM)
        contributions.push({
          incidentId: i.id,
          category: i.category,
          state: i.state,
          distanceM: Math.round(d),
          weight: w,
        });
    }
    contributions.sort(
      (a, b) => b.weight - a.weight || a.distanceM - b.distanceM || (a.incidentId < b.incidentId ? -1 : 1),
    );
    const score = roundScore(contributions.reduce((sum, c) => sum + c.weight, 0));
    return { segmentId: s.id, score, incidents: contributions };
  });
}

function bbox(line: readonly LngLat[]): [number, number, number, number] {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng, lat] of line) {
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** The rule in words, shown beside every score. */
export function describeRiskRule(rule: RiskRule): string {
  return `A segment's risk is the sum, over incidents within ${rule.radiusKm} km of it (great-circle distance) whose time falls in the last ${rule.days} days, of the incident's category weight times its state weight (reported ${rule.stateWeights.reported}, corroborated ${rule.stateWeights.corroborated}, verified ${rule.stateWeights.verified}, attributed ${rule.stateWeights.attributed}, dismissed ${rule.stateWeights.dismissed}).`;
}

/** An incident near a segment, not yet weighed: what a cache of route risk keeps (ADR 0048). */
export interface RiskPair {
  readonly segmentId: string;
  readonly incidentId: string;
  readonly category: Category;
  readonly state: IncidentStateName;
  /** Metres from the segment (not rounded). */
  readonly distanceM: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** A contribution with the segment it raises. */
export interface SegmentRiskContribution extends RiskContribution {
  readonly segmentId: string;
}

/**
 * The rule applied to pairs found within `rule.radiusKm`: those whose time meets
 * [asOf − days, asOf] and whose weight is above 0 count; every segment of `segmentIds` gets a
 * score (0 without incidents). Contributions keep the pairs' order.
 */
export function scoreRiskPairs(
  pairs: readonly RiskPair[],
  segmentIds: readonly string[],
  rule: RiskRule,
  asOfMs: number,
  /** False when only the scores are read (a plan, a map): no contribution is built. */
  withContributions = true,
): { scores: Map<string, number>; contributions: SegmentRiskContribution[] } {
  const sinceMs = asOfMs - rule.days * DAY_MS;
  const radiusM = rule.radiusKm * 1000;
  const scores = new Map<string, number>(segmentIds.map((id) => [id, 0]));
  const contributions: SegmentRiskContribution[] = [];
  for (const p of pairs) {
    if (p.endMs < sinceMs || p.startMs > asOfMs || p.distanceM > radiusM) continue;
    const weight = incidentWeight(rule, p.category, p.state);
    if (!(weight > 0)) continue;
    scores.set(p.segmentId, (scores.get(p.segmentId) ?? 0) + weight);
    if (!withContributions) continue;
    contributions.push({
      segmentId: p.segmentId,
      incidentId: p.incidentId,
      category: p.category,
      state: p.state,
      distanceM: Math.round(p.distanceM),
      weight,
    });
  }
  for (const [k, v] of scores) scores.set(k, roundScore(v));
  return { scores, contributions };
}
