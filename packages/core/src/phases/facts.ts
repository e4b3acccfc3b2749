import type { Category } from '../monitoring/types.ts';
import type { IsoDate } from './dates.ts';

/** Verification states from monitoring; a dismissed incident never counts against a rule. */
export type IncidentVerification = 'reported' | 'corroborated' | 'verified' | 'attributed' | 'dismissed';

/** One incident as the rules see it: what, how sure, how many violations, which zones it lies in. */
export interface DayIncident {
  readonly id: string;
  readonly category: Category;
  readonly verification: IncidentVerification;
  /** Violations the incident stands for ("48 explosions" is 48); at least 1. */
  readonly count: number;
  /** Kinds of zone the incident lies inside (`withdrawal_zone`, `buffer_zone`, …). */
  readonly zones: readonly string[];
}

/**
 * What monitoring knows about one sector on one UTC day. A missing record means the sector was
 * not monitored that day and nothing was recorded there.
 */
export interface SectorDay {
  readonly sector: string;
  readonly date: IsoDate;
  /** Whether any monitoring source was active in the sector that day. */
  readonly monitored: boolean;
  readonly incidents: readonly DayIncident[];
}

const RANK: Readonly<Record<IncidentVerification, number>> = {
  dismissed: -1,
  reported: 0,
  corroborated: 1,
  verified: 2,
  attributed: 3,
};

/** Whether an incident reached the verification a rule asks for. */
export function reaches(
  verification: IncidentVerification,
  level: 'all' | 'corroborated' | 'verified',
): boolean {
  return RANK[verification] >= { all: 0, corroborated: 1, verified: 2 }[level];
}

/** Sector-days by sector and date, for lookups during evaluation. */
export type FactIndex = ReadonlyMap<string, SectorDay>;

/** The lookup key of a sector-day. */
export function factKey(sector: string, date: IsoDate): string {
  return `${sector}\u0000${date}`;
}

/**
 * Indexes sector-days, merging duplicates so the result does not depend on input order: a day is
 * monitored if any record says so, and one incident id counts once, at its furthest verification
 * and largest count, in the category of its furthest-verified report.
 */
export function indexFacts(facts: readonly SectorDay[]): FactIndex {
  const index = new Map<string, SectorDay>();
  for (const day of facts) {
    const key = factKey(day.sector, day.date);
    const seen = index.get(key);
    if (!seen) {
      index.set(key, { ...day, incidents: mergeIncidents([], day.incidents) });
      continue;
    }
    index.set(key, {
      ...seen,
      monitored: seen.monitored || day.monitored,
      incidents: mergeIncidents(seen.incidents, day.incidents),
    });
  }
  return index;
}

function mergeIncidents(a: readonly DayIncident[], b: readonly DayIncident[]): readonly DayIncident[] {
  const byId = new Map<string, DayIncident>();
  for (const incident of [...a, ...b]) {
    const seen = byId.get(incident.id);
    if (!seen) {
      byId.set(incident.id, { ...incident, zones: [...new Set(incident.zones)].sort() });
      continue;
    }
    // The further-verified report decides the category; a tie goes to the first name, not the first seen.
    const rank = RANK[incident.verification] - RANK[seen.verification];
    const decides = rank > 0 || (rank === 0 && incident.category < seen.category) ? incident : seen;
    byId.set(incident.id, {
      ...seen,
      category: decides.category,
      verification: decides.verification,
      count: Math.max(seen.count, incident.count),
      zones: [...new Set([...seen.zones, ...incident.zones])].sort(),
    });
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
