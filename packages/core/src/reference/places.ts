/**
 * The nearest named place to a point, as a monitor says it: "23 km south-east of Zaporizhzhia".
 * Distances are great-circle (haversine on a 6,371 km sphere), bearings the initial bearing
 * from the place to the point, named on an eight-point compass.
 */
import type { Phrasing } from '../i18n/words/index.ts';

/** A named place: [longitude, latitude] and its names. */
export interface NamedPlace {
  readonly name: string;
  readonly nameUk: string | null;
  readonly position: readonly [number, number];
}

export interface NearestPlace {
  readonly name: string;
  readonly nameUk: string | null;
  readonly distanceKm: number;
  /** From the place to the point: "north", "south-east"…; null when within 1 km. */
  readonly direction: string | null;
}

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;
const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];

export function distanceKm(
  [lng1, lat1]: readonly [number, number],
  [lng2, lat2]: readonly [number, number],
): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

function bearing([lng1, lat1]: readonly [number, number], [lng2, lat2]: readonly [number, number]): number {
  const y = Math.sin(rad(lng2 - lng1)) * Math.cos(rad(lat2));
  const x =
    Math.cos(rad(lat1)) * Math.sin(rad(lat2)) -
    Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lng2 - lng1));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** The place nearest to `point`, or null when there are none. */
export function nearestPlace(
  places: readonly NamedPlace[],
  point: readonly [number, number],
): NearestPlace | null {
  let best: { place: NamedPlace; km: number } | null = null;
  for (const place of places) {
    const km = distanceKm(place.position, point);
    if (!best || km < best.km) best = { place, km };
  }
  if (!best) return null;
  const direction = best.km < 1 ? null : COMPASS[Math.round(bearing(best.place.position, point) / 45) % 8]!;
  return { name: best.place.name, nameUk: best.place.nameUk, distanceKm: best.km, direction };
}

/**
 * "23 km south-east of Zaporizhzhia", "in Kyiv" (within 1 km); in Ukrainian "за 23 км на
 * південний схід від м. Запоріжжя" with the place's Ukrainian name from the reference data (a
 * place without one keeps its own name, never a transliteration), in French "à 23 km au sud-est
 * de Zaporizhzhia". English without a phrasing, as before.
 */
export function nearestInWords(nearest: NearestPlace, p?: Phrasing): string {
  if (!p || p.language === 'en') {
    if (!nearest.direction) return `in ${nearest.name}`;
    const km =
      nearest.distanceKm < 10 ? nearest.distanceKm.toFixed(1) : String(Math.round(nearest.distanceKm));
    return `${km} km ${nearest.direction} of ${nearest.name}`;
  }
  const place = (p.language === 'uk' ? nearest.nameUk : null) ?? nearest.name;
  // French elides "de" before a vowel: "d'Odesa".
  const elided = /^[AEIOUYHÀÂÉÈÊÎÔÛaeiouyh]/.test(place) ? 'Vowel' : '';
  if (!nearest.direction) return p.say(`where.in${elided}`, { place });
  return p.say(`where.near${elided}`, {
    km: p.words.number(nearest.distanceKm, nearest.distanceKm < 10 ? 1 : 0),
    direction: p.say(`where.direction.${nearest.direction}`),
    place,
  });
}
