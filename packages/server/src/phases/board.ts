/**
 * The compliance board: per sector, its standing, every rule's result there, and the daily
 * series the streak chart draws (violations the chart's rule counts, against its limit).
 */
import {
  addDays,
  type Condition,
  type DailyLimit,
  type DayIncident,
  type IsoDate,
  type SectorDay,
  type Selection,
} from '@guarantor/core/phases';
import type { GateState } from './gate.ts';

const RANK = { dismissed: -1, reported: 0, corroborated: 1, verified: 2, attributed: 3 } as const;
const NEED = { all: 0, corroborated: 1, verified: 2 } as const;

/** The daily-limit condition the chart draws: the first over all categories, else the first at all. */
export function chartCondition(
  gate: GateState,
): { rule: string; version: number; condition: DailyLimit } | null {
  const found: { rule: string; version: number; condition: DailyLimit }[] = [];
  const walk = (c: Condition, rule: string, version: number) => {
    if (c.kind === 'daily_limit') found.push({ rule, version, condition: c });
    else if (c.kind === 'all' || c.kind === 'any') for (const p of c.of) walk(p, rule, version);
  };
  for (const id of gate.deploymentRules) {
    const compiled = gate.rules.get(id)?.compiled;
    if (compiled) walk(compiled.ast.condition, compiled.id, compiled.version);
  }
  return found.find((f) => f.condition.selection.categories === null) ?? found[0] ?? null;
}

/** One day of a sector's chart. */
export interface ChartDay {
  readonly date: IsoDate;
  readonly count: number;
  readonly monitored: boolean;
  readonly incidentIds: readonly string[];
}

/** Violations a selection counts per day in one sector, for `days` days ending on `asOf`. */
export function dailySeries(
  facts: readonly SectorDay[],
  sector: string,
  selection: Selection,
  asOf: IsoDate,
  days: number,
): readonly ChartDay[] {
  const byDate = new Map<
    string,
    { monitored: boolean; incidents: Map<string, SectorDay['incidents'][number]> }
  >();
  for (const f of facts) {
    if (f.sector !== sector) continue;
    const seen = byDate.get(f.date) ?? { monitored: false, incidents: new Map<string, DayIncident>() };
    seen.monitored ||= f.monitored;
    for (const i of f.incidents) {
      const prior = seen.incidents.get(i.id);
      if (!prior || RANK[i.verification] > RANK[prior.verification] || i.count > prior.count)
        seen.incidents.set(i.id, i);
    }
    byDate.set(f.date, seen);
  }
  return Array.from({ length: days }, (_, k) => {
    const date = addDays(asOf, k - days + 1);
    const day = byDate.get(date);
    const selected = [...(day?.incidents.values() ?? [])].filter(
      (i) =>
        RANK[i.verification] >= NEED[selection.level] &&
        (selection.categories === null || selection.categories.includes(i.category)) &&
        (selection.zone === null || i.zones.includes(selection.zone)),
    );
    return {
      date,
      count: selected.reduce((sum, i) => sum + i.count, 0),
      monitored: day?.monitored ?? false,
      incidentIds: selected.map((i) => i.id),
    };
  });
}
