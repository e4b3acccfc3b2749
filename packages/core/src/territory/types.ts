/** Control areas: the area a side held on a date, and the baselines its shares are taken of. */

/** Which side's area a version holds: the occupied area, or the area the government holds. */
export const CONTROL_SIDES = ['occupied', 'government'] as const;
export type ControlSide = (typeof CONTROL_SIDES)[number];

/** Longitude, latitude (GeoJSON order), degrees. */
export type Position = readonly [number, number];

/** A polygon: an outer ring, then its holes; each ring closed. */
export type PolygonRings = readonly (readonly Position[])[];

/** A MultiPolygon as GeoJSON writes it. */
export interface AreaGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly PolygonRings[];
}

/**
 * Ukraine's area as officially stated (603,628 km², Crimea and Sevastopol included): the
 * "official" baseline of every share (issue 17).
 */
export const UKRAINE_OFFICIAL_AREA_KM2 = 603_628;

/** The two areas a share of Ukraine is taken of; every figure names the one it uses. */
export type AreaBaseline = 'official' | 'boundaries';

/** A share of Ukraine against both baselines, each a fraction in [0, 1] with its denominator. */
export interface ShareOfUkraine {
  /** Against the official 603,628 km². */
  readonly official: number;
  /** Against the sum of the 27 first-level units' polygons as shipped (water included). */
  readonly boundaries: number;
  readonly officialKm2: number;
  readonly boundariesKm2: number;
}

/** `areaKm2` as a share of Ukraine against both baselines. */
export function shareOfUkraine(areaKm2: number, boundariesKm2: number): ShareOfUkraine {
  if (!(boundariesKm2 > 0)) throw new RangeError(`boundariesKm2 must be positive, is ${boundariesKm2}`);
  return {
    official: areaKm2 / UKRAINE_OFFICIAL_AREA_KM2,
    boundaries: areaKm2 / boundariesKm2,
    officialKm2: UKRAINE_OFFICIAL_AREA_KM2,
    boundariesKm2,
  };
}
