/**
 * Reads a control-area file laid out as DeepStateMap publishes it (GeoJSON, WGS 84): takes what
 * is an area and says, feature by feature, what it left out and what it repaired. Real files mix
 * Polygons, MultiPolygons, LineStrings (the front line drawn as a line) and Points (places,
 * markers), carry 3-D coordinates, and repeat positions or leave rings open. Nothing here throws
 * on bad input: the caller stores a version only when at least one area was taken, and shows
 * the whole report. Rings that self-touch or cross are left to the database (`ST_MakeValid`),
 * which reports each repair with PostGIS's reason.
 */
import type { AreaGeometry, Position } from './types.ts';

/** One thing an import left out or repaired, naming the feature by index and the field by path. */
export interface ControlAreaNote {
  /** Index in `features`; -1 for the file itself. */
  readonly index: number;
  /** Path from the feature, e.g. `geometry.coordinates[0][2]`. */
  readonly field: string;
  readonly reason: string;
}

/** One feature's area as read: 2-D, rings closed, no repeated positions. */
export interface ControlAreaPart {
  readonly index: number;
  readonly geometry: AreaGeometry;
}

/** What a control-area file gave. */
export interface ControlAreaRead {
  /** Features in the file (1 for a bare geometry or a single Feature). */
  readonly read: number;
  readonly parts: readonly ControlAreaPart[];
  /** Features, polygons or rings left out, each with why. */
  readonly skipped: readonly ControlAreaNote[];
  /** What was changed to take a feature: heights dropped, rings closed, repeats removed. */
  readonly repaired: readonly ControlAreaNote[];
  /** Why the file as a whole could not be read; parts is then empty. */
  readonly refused?: string;
}

/** More positions than this in one file are refused (a hostile or mistaken upload, not a map). */
export const MAX_CONTROL_AREA_POSITIONS = 2_000_000;

const AREA_TYPES = new Set(['Polygon', 'MultiPolygon']);
const NOT_AREAS: Readonly<Record<string, string>> = {
  Point: 'a Point is not an area (a place or marker)',
  MultiPoint: 'a MultiPoint is not an area (places or markers)',
  LineString: 'a LineString is not an area (a line, not the area it bounds)',
  MultiLineString: 'a MultiLineString is not an area (lines, not the area they bound)',
};

class Skip extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(reason);
    this.field = field;
  }
}

class TooLarge extends Error {}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reading state of one file: the position budget and what each feature needed repaired. */
interface Reading {
  positions: number;
  heights: number;
  closed: string[];
  repeats: number;
  dropped: ControlAreaNote[];
  index: number;
}

function position(value: unknown, field: string, r: Reading): Position {
  if (++r.positions > MAX_CONTROL_AREA_POSITIONS) throw new TooLarge();
  if (!Array.isArray(value) || value.length < 2) {
    throw new Skip(field, 'a position must be [longitude, latitude]');
  }
  const [lng, lat] = value as unknown[];
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    throw new Skip(field, 'longitude and latitude must be finite numbers');
  }
  if (lng < -180 || lng > 180) throw new Skip(field, `longitude ${lng} is outside [-180, 180]`);
  if (lat < -90 || lat > 90) {
    throw new Skip(
      field,
      `latitude ${lat} is outside [-90, 90]${Math.abs(lng) <= 90 ? '; GeoJSON puts longitude first' : ''}`,
    );
  }
  if (value.length > 2) r.heights++;
  return [lng, lat];
}

/** A ring, closed and without consecutive repeats; null when fewer than 3 distinct positions remain. */
function ring(value: unknown, field: string, r: Reading): Position[] | null {
  if (!Array.isArray(value)) throw new Skip(field, 'a ring must be an array of positions');
  const out: Position[] = [];
  value.forEach((p, i) => {
    const next = position(p, `${field}[${i}]`, r);
    const last = out.at(-1);
    if (last && last[0] === next[0] && last[1] === next[1]) r.repeats++;
    else out.push(next);
  });
  const first = out[0];
  const last = out.at(-1);
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push(first);
    r.closed.push(field);
  }
  if (out.length < 4) return null;
  return out;
}

function polygon(value: unknown, field: string, r: Reading): Position[][] | null {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Skip(field, 'a polygon must be an array of rings, the outer ring first');
  }
  const rings: Position[][] = [];
  for (const [i, raw] of value.entries()) {
    const read = ring(raw, `${field}[${i}]`, r);
    if (read) {
      rings.push(read);
      continue;
    }
    if (i === 0) {
      r.dropped.push({
        index: r.index,
        field: `${field}[0]`,
        reason: 'the outer ring has fewer than 3 distinct positions: no area; polygon left out',
      });
      return null;
    }
    r.dropped.push({
      index: r.index,
      field: `${field}[${i}]`,
      reason: 'a hole with fewer than 3 distinct positions: left out',
    });
  }
  return rings;
}

/** The polygons of one geometry; Skip when it is not an area or its coordinates are unreadable. */
function polygons(value: unknown, field: string, r: Reading, depth = 0): Position[][][] {
  if (!isRecord(value)) throw new Skip(field, 'no geometry (null or not an object): nothing to take');
  const type = value.type;
  if (type === 'GeometryCollection') {
    if (depth > 0) throw new Skip(`${field}.type`, 'a GeometryCollection inside another: left out');
    if (!Array.isArray(value.geometries)) {
      throw new Skip(`${field}.geometries`, 'a GeometryCollection needs a geometries array');
    }
    const out: Position[][][] = [];
    value.geometries.forEach((g, i) => {
      try {
        out.push(...polygons(g, `${field}.geometries[${i}]`, r, depth + 1));
      } catch (error) {
        if (!(error instanceof Skip)) throw error;
        r.dropped.push({ index: r.index, field: error.field, reason: error.message });
      }
    });
    return out;
  }
  if (typeof type !== 'string' || !AREA_TYPES.has(type)) {
    const why = typeof type === 'string' ? NOT_AREAS[type] : undefined;
    throw new Skip(
      `${field}.type`,
      why ?? `'${String(type)}' is not a GeoJSON geometry type; an area is a Polygon or MultiPolygon`,
    );
  }
  const c = value.coordinates;
  const f = `${field}.coordinates`;
  if (type === 'Polygon') {
    const p = polygon(c, f, r);
    return p ? [p] : [];
  }
  if (!Array.isArray(c)) throw new Skip(f, 'a MultiPolygon must be an array of polygons');
  return c.map((p, i) => polygon(p, `${f}[${i}]`, r)).filter((p) => p !== null);
}

/** The features of a FeatureCollection, a single Feature, or a bare geometry; a string when none. */
function featuresOf(input: unknown): readonly unknown[] | string {
  if (!isRecord(input)) return 'must be a GeoJSON FeatureCollection, Feature or geometry (an object)';
  if (input.type === 'FeatureCollection') {
    return Array.isArray(input.features) ? input.features : 'a FeatureCollection needs a features array';
  }
  if (input.type === 'Feature') return [input];
  if (typeof input.type === 'string' && input.type in NOT_AREAS)
    return [{ type: 'Feature', geometry: input }];
  if (input.type === 'Polygon' || input.type === 'MultiPolygon' || input.type === 'GeometryCollection') {
    return [{ type: 'Feature', geometry: input }];
  }
  return `type '${String(input.type)}' is not GeoJSON; send a FeatureCollection`;
}

/**
 * Reads a control-area file: every feature is taken (its polygons, 2-D, rings closed, repeats
 * removed) or skipped with its index and why. A feature with one unreadable coordinate is
 * skipped whole: a map whose coordinates cannot be trusted in one place is not an area to
 * measure. More than {@link MAX_CONTROL_AREA_POSITIONS} positions refuse the file.
 */
export function readControlAreas(input: unknown): ControlAreaRead {
  const features = featuresOf(input);
  if (typeof features === 'string')
    return { read: 0, parts: [], skipped: [], repaired: [], refused: features };
  const parts: ControlAreaPart[] = [];
  const skipped: ControlAreaNote[] = [];
  const repaired: ControlAreaNote[] = [];
  const r: Reading = { positions: 0, heights: 0, closed: [], repeats: 0, dropped: [], index: 0 };
  try {
    features.forEach((raw, index) => {
      Object.assign(r, { heights: 0, closed: [], repeats: 0, dropped: [], index });
      if (!isRecord(raw) || raw.type !== 'Feature') {
        skipped.push({ index, field: 'type', reason: 'not a GeoJSON Feature' });
        return;
      }
      let taken: Position[][][];
      try {
        taken = polygons(raw.geometry, 'geometry', r);
      } catch (error) {
        if (!(error instanceof Skip)) throw error;
        skipped.push({ index, field: error.field, reason: error.message });
        return;
      }
      skipped.push(...r.dropped);
      if (taken.length === 0) {
        skipped.push({ index, field: 'geometry', reason: 'no polygon with an area left: nothing to take' });
        return;
      }
      if (r.heights > 0) {
        repaired.push({
          index,
          field: 'geometry.coordinates',
          reason: `3-D coordinates: the height of ${r.heights} positions dropped (areas are measured on the ellipsoid)`,
        });
      }
      if (r.repeats > 0) {
        repaired.push({
          index,
          field: 'geometry.coordinates',
          reason: `${r.repeats} repeated consecutive positions removed`,
        });
      }
      for (const field of r.closed) {
        repaired.push({ index, field, reason: 'the ring was open: closed with its first position' });
      }
      parts.push({ index, geometry: { type: 'MultiPolygon', coordinates: taken } });
    });
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return {
      read: features.length,
      parts: [],
      skipped: [],
      repaired: [],
      refused: `more than ${MAX_CONTROL_AREA_POSITIONS.toLocaleString('en')} positions: not a map this import takes; simplify it first`,
    };
  }
  return { read: features.length, parts, skipped, repaired };
}

/** `feature 3, geometry.type: a LineString is not an area`. */
export function describeNote(note: ControlAreaNote): string {
  return note.index < 0
    ? `${note.field}: ${note.reason}`
    : `feature ${note.index}, ${note.field}: ${note.reason}`;
}
