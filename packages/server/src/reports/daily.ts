/**
 * The daily report, after the OSCE Special Monitoring Mission's daily reports: violations per
 * sector against the previous day, a table by category, notable incidents, restrictions of the
 * monitors' freedom of movement, and which sources were active or down — so a low count from
 * blind sensors is not read as calm. The data is read as the requesting reader (asReader), so
 * it holds only what that reader may see, and the report carries the label of what it holds.
 */
import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import { addDays, type IsoDate } from '@guarantor/core/phases';
import type { SectorDayCount, Violation, ZoneGeometry } from '@guarantor/core/zones';
import {
  computeViolations,
  getIncidents,
  type IncidentRecord,
  labelOf,
  listIncidents,
  listZones,
  monitoredSectorDays,
  type SourceDayStatus,
  sourcesForDay,
  type UnitName,
  unitsOfPoints,
  type ZoneRecord,
} from '@guarantor/db';
import type { Kysely, Transaction } from 'kysely';

type Trx = Transaction<import('@guarantor/db').Database> | Kysely<import('@guarantor/db').Database>;

/** Violations at the three verification levels. */
export interface Levels {
  readonly all: number;
  readonly corroborated: number;
  readonly verified: number;
}

/** One sector's line in the report. */
export interface SectorLine {
  readonly id: string;
  readonly name: string;
  readonly today: Levels;
  readonly previous: Levels;
  readonly monitoredToday: boolean;
  readonly monitoredPrevious: boolean;
}

/** One category's line. */
export interface CategoryLine {
  readonly category: string;
  readonly today: Levels;
  readonly previous: Levels;
}

/** An incident as the report lists it. */
export interface ReportIncident {
  readonly id: string;
  readonly category: string;
  readonly state: string;
  readonly start: Date;
  /** The incident's window is a whole day or longer: its time of day is not known. */
  readonly dateOnly: boolean;
  readonly position: readonly [number, number];
  readonly count: number;
  /** The sector's id, and its name for people. */
  readonly sector: string | null;
  readonly sectorName: string | null;
  readonly ruleIds: readonly string[];
  readonly attributedParty: string | null;
  readonly releasability: string;
  /** The oblast (or city with special status) it lies in, null outside Ukraine or not looked up. */
  readonly region: UnitName | null;
}

/** A zone drawn on the report's map. */
export interface MapZone {
  readonly id: string;
  readonly kind: ZoneRecord['kind'];
  readonly name: string;
  readonly geometry: ZoneGeometry;
}

/** Everything the HTML and PDF renderings show. */
export interface DailyReport {
  readonly date: IsoDate;
  readonly previousDate: IsoDate;
  readonly generatedAt: Date;
  /** The reader it was made for: nation and whether a coalition member. */
  readonly readerNation: string | null;
  /** The label of the report: the meet of every record it holds. */
  readonly releasability: string;
  readonly sectors: readonly SectorLine[];
  /** Violations outside every sector (e.g. a movement restriction far from the line). */
  readonly outsideSectors: { readonly today: Levels; readonly previous: Levels };
  readonly categories: readonly CategoryLine[];
  readonly totals: { readonly today: Levels; readonly previous: Levels };
  readonly notable: readonly ReportIncident[];
  readonly fomRestrictions: readonly ReportIncident[];
  readonly sources: readonly SourceDayStatus[];
  /** All incidents of the day, violating or not, for the map. */
  readonly mapIncidents: readonly ReportIncident[];
  readonly zones: readonly MapZone[];
  readonly illustrativeZones: boolean;
}

const ZERO: Levels = { all: 0, corroborated: 0, verified: 0 };
const add = (a: Levels, c: SectorDayCount): Levels => ({
  all: a.all + c.all,
  corroborated: a.corroborated + c.corroborated,
  verified: a.verified + c.verified,
});

/** Incidents listed as notable: the most-verified, largest violations of the day. */
export const NOTABLE_LIMIT = 12;
/** Incidents drawn on the map, at most. */
export const MAP_INCIDENT_LIMIT = 5000;

const RANK: Record<string, number> = {
  attributed: 4,
  verified: 3,
  corroborated: 2,
  reported: 1,
  dismissed: 0,
};

/** A window this long or longer says a day (or more), not a time of day; 23 h for the day clocks go forward. */
const DAY_PRECISION_MS = 23 * 3_600_000;

function reportIncident(
  i: IncidentRecord,
  v: Violation | undefined,
  sectorNames: ReadonlyMap<string, string>,
): ReportIncident {
  const sector = v?.sector ?? null;
  return {
    id: i.id,
    category: i.category,
    state: i.state,
    start: i.start,
    dateOnly: i.end.getTime() - i.start.getTime() >= DAY_PRECISION_MS - 1,
    position: i.position,
    count: i.count.best,
    sector,
    sectorName: sector === null ? null : (sectorNames.get(sector) ?? sector),
    ruleIds: v?.ruleIds ?? [],
    attributedParty: i.attributedParty,
    releasability: i.releasability,
    region: null,
  };
}

/** The listed incidents with their oblast: one query for all of them. */
async function withRegions(trx: Trx, list: readonly ReportIncident[]): Promise<ReportIncident[]> {
  const units = await unitsOfPoints(
    trx,
    list.map((i) => i.position),
  );
  return list.map((i, k) => ({ ...i, region: units[k] ?? null }));
}

/** Reads and assembles the daily report for one UTC day, as the transaction's reader. */
export async function buildDailyReport(
  trx: Trx,
  date: IsoDate,
  reader: { readonly nation: string | null },
  generatedAt: Date,
): Promise<DailyReport> {
  const previousDate = addDays(date, -1);
  const result = await computeViolations(trx, previousDate, date);
  const zones = await listZones(trx);
  const monitored = await monitoredSectorDays(trx, previousDate, date);
  const sources = await sourcesForDay(trx, date);
  const dayStart = new Date(`${date}T00:00:00Z`);
  const dayEnd = new Date(Date.parse(`${addDays(date, 1)}T00:00:00Z`) - 1);
  const dayIncidents = (
    await listIncidents(trx, { from: dayStart, to: dayEnd }, { limit: MAP_INCIDENT_LIMIT })
  ).incidents.filter((i) => i.start >= dayStart && i.start <= dayEnd && i.state !== 'dismissed');
  const byId = new Map(dayIncidents.map((i) => [i.id, i]));
  const todayViolations = result.violations.filter((v) => v.date === date);
  const missing = todayViolations.filter((v) => !byId.has(v.incidentId)).map((v) => v.incidentId);
  if (missing.length > 0) for (const i of await getIncidents(trx, missing)) byId.set(i.id, i);
  const violationOf = new Map(todayViolations.map((v) => [v.incidentId, v]));

  const sectorZones = zones.filter((z) => z.kind === 'sector');
  const sectorNames = new Map(sectorZones.map((z) => [z.id, z.name]));
  const sectors: SectorLine[] = sectorZones.map((z) => {
    const of = (d: IsoDate) =>
      result.counts.filter((c) => c.sector === z.id && c.date === d).reduce(add, ZERO);
    return {
      id: z.id,
      name: z.name,
      today: of(date),
      previous: of(previousDate),
      monitoredToday: monitored.has(`${z.id}\u0000${date}`),
      monitoredPrevious: monitored.has(`${z.id}\u0000${previousDate}`),
    };
  });
  const outside = (d: IsoDate) =>
    result.counts.filter((c) => c.sector === null && c.date === d).reduce(add, ZERO);
  const categoryNames = [...new Set(result.counts.map((c) => c.category))].sort();
  const categories = categoryNames.map((category) => ({
    category,
    today: result.counts.filter((c) => c.category === category && c.date === date).reduce(add, ZERO),
    previous: result.counts
      .filter((c) => c.category === category && c.date === previousDate)
      .reduce(add, ZERO),
  }));
  const total = (d: IsoDate) => result.counts.filter((c) => c.date === d).reduce(add, ZERO);

  const notable = todayViolations
    .map((v) => byId.get(v.incidentId))
    .filter((i): i is IncidentRecord => i !== undefined)
    .sort(
      (a, b) => RANK[b.state]! - RANK[a.state]! || b.count.best - a.count.best || a.id.localeCompare(b.id),
    )
    .slice(0, NOTABLE_LIMIT)
    .map((i) => reportIncident(i, violationOf.get(i.id), sectorNames));
  const fomRestrictions = [...byId.values()]
    .filter((i) => i.category === 'fom_restriction' && i.start >= dayStart)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((i) => reportIncident(i, violationOf.get(i.id), sectorNames));
  const mapIncidents = [...byId.values()].map((i) => reportIncident(i, violationOf.get(i.id), sectorNames));

  // The report holds these records, so it is no more releasable than the least releasable of them.
  let label: Releasability = { kind: 'PUBLIC' };
  for (const i of byId.values()) label = meetLabels(label, labelOf(i.label));
  for (const z of zones) label = meetLabels(label, labelOf(z.label));
  if (sources.length > 0 || result.violations.length > 0) label = meetLabels(label, { kind: 'COALITION' });

  return {
    date,
    previousDate,
    generatedAt,
    readerNation: reader.nation,
    releasability: formatReleasability(label),
    sectors,
    outsideSectors: { today: outside(date), previous: outside(previousDate) },
    categories,
    totals: { today: total(date), previous: total(previousDate) },
    notable: await withRegions(trx, notable),
    fomRestrictions: await withRegions(trx, fomRestrictions),
    sources,
    mapIncidents,
    zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, geometry: z.geometry })),
    illustrativeZones: zones.some((z) => z.illustrative),
  };
}
