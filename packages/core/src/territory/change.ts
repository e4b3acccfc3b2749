/**
 * The change between two control areas, pure: what is held at `to` and not at `from` (gained),
 * and the reverse (lost), with their geodesic areas. The server measures the same with PostGIS
 * (`ST_Difference` on the stored geometry, then `ST_Area` on geography); this is the rule in
 * core, for tests and for a client without a database, and the territory benchmark compares the
 * two (`bench/territory.ts`).
 *
 * The clipping is polygon-clipping's (Martinez–Rueda–Feito sweep line, in floating point), in
 * longitude and latitude as PostGIS clips `geometry(4326)`; only the areas are geodesic
 * (`geodesicAreaKm2`). The parts of each side are unioned first, so parts that overlap or touch
 * (as DeepStateMap files repeat rings) count once, as PostGIS's repaired MultiPolygon does.
 * Turf 7's own clipping (polyclip-ts, the same algorithm on bignumber.js) was measured first:
 * 2.6 s for the change between the two shared files against 0.16 s here, with the same areas.
 */
import polygonClipping, { type MultiPolygon } from 'polygon-clipping';
import { geodesicAreaKm2 } from './area.ts';
import type { AreaGeometry } from './types.ts';

/** What was gained and lost between two control areas, in km² on the WGS 84 ellipsoid. */
export interface ControlChange {
  readonly gained: AreaGeometry;
  readonly lost: AreaGeometry;
  readonly gainedKm2: number;
  readonly lostKm2: number;
}

const EMPTY: AreaGeometry = { type: 'MultiPolygon', coordinates: [] };

const mutable = (g: AreaGeometry) => g.coordinates as MultiPolygon;
const area = (coordinates: MultiPolygon): AreaGeometry => ({ type: 'MultiPolygon', coordinates });

/** The area one side holds, its parts unioned into one MultiPolygon (empty when there is none). */
export function unionOfParts(parts: readonly AreaGeometry[]): AreaGeometry {
  const given = parts.filter((p) => p.coordinates.length > 0).map(mutable);
  if (given.length === 0) return EMPTY;
  if (given.length === 1) return parts.find((p) => p.coordinates.length > 0)!;
  return area(polygonClipping.union(given[0]!, ...given.slice(1)));
}

/** The change from `from` to `to`; each side given as the parts a control-area file holds. */
export function controlChange(from: readonly AreaGeometry[], to: readonly AreaGeometry[]): ControlChange {
  const a = unionOfParts(from);
  const b = unionOfParts(to);
  const gained = minus(b, a);
  const lost = minus(a, b);
  return { gained, lost, gainedKm2: geodesicAreaKm2(gained), lostKm2: geodesicAreaKm2(lost) };
}

/** `a` less `b`. */
function minus(a: AreaGeometry, b: AreaGeometry): AreaGeometry {
  if (a.coordinates.length === 0 || b.coordinates.length === 0) return a;
  return area(polygonClipping.difference(mutable(a), mutable(b)));
}
