import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Category, LngLat } from '../monitoring/types.ts';
import type { IsoDate } from '../phases/dates.ts';
import { type DayIncident, type IncidentVerification, reaches, type SectorDay } from '../phases/facts.ts';
import type { ViolationRule } from './rules.ts';
import { AREA_ZONE_KINDS, type WeaponClass, type Zone, type ZoneKind, zoneValidAt } from './types.ts';

/** An incident as the violation rules see it. */
export interface ZoneIncident {
  readonly id: string;
  readonly category: Category;
  readonly position: LngLat;
  /** When it began, epoch ms; its UTC day is the day it counts on. */
  readonly timeMs: number;
  readonly verification: IncidentVerification;
  /** Violations it stands for ("48 explosions" is 48); at least 1. */
  readonly count: number;
  /** For heavy-weapon sightings, when the monitors recorded it. */
  readonly weaponClass?: WeaponClass | null;
}

/** One incident that breaks at least one rule. */
export interface Violation {
  readonly incidentId: string;
  readonly category: Category;
  readonly verification: IncidentVerification;
  readonly count: number;
  readonly date: IsoDate;
  /** The sector it lies in (the first by id when on a shared border); null outside every sector. */
  readonly sector: string | null;
  /** Rules it breaks, sorted. */
  readonly ruleIds: readonly string[];
  /** Area zones it lies in, sorted by id (sectors included). */
  readonly zoneIds: readonly string[];
  /** Kinds of those zones, sorted, unique. */
  readonly zoneKinds: readonly ZoneKind[];
}

/** Violations in one sector on one UTC day in one category, at each verification level. */
export interface SectorDayCount {
  readonly sector: string | null;
  readonly date: IsoDate;
  readonly category: Category;
  /** Incidents (not violations) behind the counts, dismissed excluded. */
  readonly incidents: number;
  /** Sum of violation counts, reported and up. */
  readonly all: number;
  readonly corroborated: number;
  /** Verified and attributed. */
  readonly verified: number;
}

/** The evaluator's answer: violations in incident-id order and counts in (sector, date, category) order. */
export interface ViolationResult {
  readonly violations: readonly Violation[];
  readonly counts: readonly SectorDayCount[];
}

/** Area zones behind a bounding-box index, for point-in-zone queries over many zones. */
export interface ZoneIndex {
  readonly zones: readonly Zone[];
  /** Area zones covering the point (boundary included, as PostGIS ST_Covers) that apply at the time, sorted by id. */
  containing(position: LngLat, timeMs: number): readonly Zone[];
}

function bbox(zone: Zone): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const rings =
    zone.geometry.type === 'Polygon'
      ? zone.geometry.coordinates
      : zone.geometry.type === 'MultiPolygon'
        ? zone.geometry.coordinates.flat()
        : [];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Indexes the area zones (lines are skipped: nothing lies inside a line). */
export function indexZones(zones: readonly Zone[]): ZoneIndex {
  const areas = zones
    .filter((z) => AREA_ZONE_KINDS.includes(z.kind))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tree = areas.length > 0 ? new Flatbush(areas.length) : null;
  if (tree) {
    for (const z of areas) tree.add(...bbox(z));
    tree.finish();
  }
  return {
    zones,
    containing(position, timeMs) {
      if (!tree) return [];
      const [x, y] = position;
      return tree
        .search(x, y, x, y)
        .sort((a, b) => a - b)
        .map((i) => areas[i]!)
        .filter(
          (z) =>
            zoneValidAt(z, timeMs) &&
            booleanPointInPolygon([x, y], z.geometry as unknown as Polygon | MultiPolygon, {
              ignoreBoundary: false,
            }),
        );
    },
  };
}

/** The UTC calendar day of an instant. */
export function utcDate(timeMs: number): IsoDate {
  return new Date(timeMs).toISOString().slice(0, 10);
}

function breaks(rule: ViolationRule, incident: ZoneIncident, inside: readonly Zone[]): boolean {
  if (!rule.categories.includes(incident.category)) return false;
  if (rule.anywhere) return true;
  return inside.some(
    (z) =>
      z.kind === rule.zoneKind &&
      (!rule.weaponClassMatch ||
        (incident.weaponClass
          ? z.weaponClasses.includes(incident.weaponClass)
          : rule.unknownWeaponClassMatches !== false)),
  );
}

/**
 * Applies the violation rules to incidents in zones. Dismissed incidents never violate. The
 * result does not depend on the order of incidents, zones or rules.
 */
export function evaluateViolations(
  incidents: readonly ZoneIncident[],
  zones: readonly Zone[] | ZoneIndex,
  rules: readonly ViolationRule[],
): ViolationResult {
  const index = Array.isArray(zones) ? indexZones(zones as readonly Zone[]) : (zones as ZoneIndex);
  const violations: Violation[] = [];
  for (const incident of incidents) {
    if (incident.verification === 'dismissed') continue;
    const inside = index.containing(incident.position, incident.timeMs);
    const ruleIds = rules
      .filter((r) => breaks(r, incident, inside))
      .map((r) => r.id)
      .sort();
    if (ruleIds.length === 0) continue;
    violations.push({
      incidentId: incident.id,
      category: incident.category,
      verification: incident.verification,
      count: Math.max(1, incident.count),
      date: utcDate(incident.timeMs),
      sector: inside.find((z) => z.kind === 'sector')?.id ?? null,
      ruleIds: [...new Set(ruleIds)],
      zoneIds: inside.map((z) => z.id),
      zoneKinds: [...new Set(inside.map((z) => z.kind))].sort(),
    });
  }
  violations.sort((a, b) => (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));
  return { violations, counts: countViolations(violations) };
}

/** Per sector, day and category: incidents and violations at each verification level. */
export function countViolations(violations: readonly Violation[]): readonly SectorDayCount[] {
  const byKey = new Map<string, { sector: string | null; date: IsoDate; category: Category; n: number[] }>();
  for (const v of violations) {
    const key = `${v.sector ?? ''}\u0000${v.date}\u0000${v.category}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { sector: v.sector, date: v.date, category: v.category, n: [0, 0, 0, 0] };
      byKey.set(key, entry);
    }
    entry.n[0]! += 1;
    entry.n[1]! += v.count;
    if (reaches(v.verification, 'corroborated')) entry.n[2]! += v.count;
    if (reaches(v.verification, 'verified')) entry.n[3]! += v.count;
  }
  const order = (s: string | null) => s ?? '\uffff';
  return [...byKey.values()]
    .sort(
      (a, b) =>
        order(a.sector).localeCompare(order(b.sector)) ||
        a.date.localeCompare(b.date) ||
        a.category.localeCompare(b.category),
    )
    .map(({ sector, date, category, n }) => ({
      sector,
      date,
      category,
      incidents: n[0]!,
      all: n[1]!,
      corroborated: n[2]!,
      verified: n[3]!,
    }));
}

/** The names the ceasefire rules (phases) use for zone kinds, e.g. `in withdrawal_zone`. */
export const PHASE_ZONE_NAMES: Readonly<Partial<Record<ZoneKind, string>>> = {
  buffer_zone: 'buffer_zone',
  weapons_withdrawal: 'withdrawal_zone',
};

/**
 * Adapts violations to the ceasefire gate's input (phases' `SectorDay`): one record per sector
 * and date given, with the sector's violations that day. `monitored` says whether any source
 * watched the sector that day; without it every day counts as monitored. Violations outside
 * every sector, or on other days, are left out.
 */
export function toSectorDays(
  violations: readonly Violation[],
  sectors: readonly string[],
  dates: readonly IsoDate[],
  monitored: (sector: string, date: IsoDate) => boolean = () => true,
): readonly SectorDay[] {
  const grouped = new Map<string, DayIncident[]>();
  for (const v of violations) {
    if (v.sector === null) continue;
    const key = `${v.sector}\u0000${v.date}`;
    const list = grouped.get(key) ?? [];
    list.push({
      id: v.incidentId,
      category: v.category,
      verification: v.verification,
      count: v.count,
      zones: v.zoneKinds.flatMap((k) => PHASE_ZONE_NAMES[k] ?? []).sort(),
    });
    grouped.set(key, list);
  }
  return sectors.flatMap((sector) =>
    dates.map((date) => ({
      sector,
      date,
      monitored: monitored(sector, date),
      incidents: grouped.get(`${sector}\u0000${date}`) ?? [],
    })),
  );
}
