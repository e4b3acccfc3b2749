/**
 * Zones of a ceasefire: the line of contact, the buffer (disengagement) zone, weapons-withdrawal
 * zones per weapon class, and sectors, the units ceasefire compliance is counted in.
 * Coordinates are GeoJSON order [lng, lat], WGS 84; times are epoch milliseconds.
 */

/** Kinds of zone. Only `line_of_contact` is a line; the others are areas. */
export const ZONE_KINDS = ['line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** Zone kinds whose geometry is an area (Polygon or MultiPolygon). */
export const AREA_ZONE_KINDS: readonly ZoneKind[] = ['buffer_zone', 'weapons_withdrawal', 'sector'];

/**
 * Weapon classes a withdrawal zone can forbid, after the Minsk package's withdrawal lines
 * (artillery of 100 mm calibre and above, MLRS, and the 2015 addendum's tanks, artillery under
 * 100 mm and mortars up to 120 mm).
 */
export const WEAPON_CLASSES = [
  'artillery_100mm_plus',
  'artillery_under_100mm',
  'mlrs',
  'mortars',
  'tanks',
  'anti_tank_guns',
  'air_defence',
] as const;
export type WeaponClass = (typeof WEAPON_CLASSES)[number];

/** A GeoJSON position, [lng, lat]. */
export type Position = readonly [number, number];

export type ZoneGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] };

/** A zone as the evaluator sees it: what it is, where, which weapons it forbids, and when it holds. */
export interface Zone {
  /** Stable id; for a sector, the sector name the ceasefire rules use (`sector-donetsk-south`). */
  readonly id: string;
  readonly kind: ZoneKind;
  readonly name: string;
  /** Weapon classes the zone forbids; empty except for `weapons_withdrawal`. */
  readonly weaponClasses: readonly WeaponClass[];
  readonly geometry: ZoneGeometry;
  /** From when the zone applies, epoch ms; null = always. */
  readonly validFromMs: number | null;
  /** Until when (exclusive), epoch ms; null = open-ended. */
  readonly validToMs: number | null;
  /** Drawn for demonstration, not agreed by the parties. */
  readonly illustrative: boolean;
}

/** Whether a zone applies at a time. */
export function zoneValidAt(zone: Pick<Zone, 'validFromMs' | 'validToMs'>, timeMs: number): boolean {
  return (
    (zone.validFromMs === null || timeMs >= zone.validFromMs) &&
    (zone.validToMs === null || timeMs < zone.validToMs)
  );
}
