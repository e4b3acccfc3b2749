/**
 * Land options (issue 17, docs/adr/0032-land-options.md): an alternative demarcation, a line
 * across Ukraine with the side of it the occupying force would hold, or the area it would hold.
 * This file reads an option from GeoJSON (what is refused names the feature and the field; what
 * is repaired is reported), and holds the two documented rules the facts use: the monitoring
 * force a line needs, and the population on each side of a unit the line splits.
 */
import { parse } from 'csv-parse/sync';
import type { ControlAreaNote } from './import.ts';
import type { AreaGeometry, Position } from './types.ts';

/** A line option's geometry, or an area option's. */
export type LandOptionGeometry =
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | AreaGeometry;

/** What reading an option file gave: the geometry and its repairs, or why it was refused. */
export type LandOptionRead =
  | {
      readonly ok: true;
      readonly kind: 'line' | 'area';
      readonly geometry: LandOptionGeometry;
      readonly repaired: readonly ControlAreaNote[];
    }
  | { readonly ok: false; readonly problem: ControlAreaNote };

/** More positions than this in one option are refused: a demarcation, not a survey. */
export const MAX_LAND_OPTION_POSITIONS = 200_000;

class Refuse extends Error {
  readonly index: number;
  readonly field: string;
  constructor(index: number, field: string, reason: string) {
    super(reason);
    this.index = index;
    this.field = field;
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Reading {
  readonly index: number;
  positions: number;
  heights: number;
  flat: number;
  repeats: number;
}

function position(value: unknown, field: string, r: Reading): Position {
  if (++r.positions > MAX_LAND_OPTION_POSITIONS) {
    throw new Refuse(
      r.index,
      field,
      `more than ${MAX_LAND_OPTION_POSITIONS.toLocaleString('en')} positions: simplify the line first`,
    );
  }
  if (!Array.isArray(value) || value.length < 2 || value.length > 4) {
    throw new Refuse(r.index, field, 'a position must be [longitude, latitude] (a height may follow)');
  }
  if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Refuse(r.index, field, 'longitude and latitude must be finite numbers');
  }
  const [lng, lat] = value as number[];
  if (lng! < -180 || lng! > 180) throw new Refuse(r.index, field, `longitude ${lng} is outside [-180, 180]`);
  if (lat! < -90 || lat! > 90) {
    throw new Refuse(
      r.index,
      field,
      `latitude ${lat} is outside [-90, 90]${Math.abs(lng!) <= 90 ? '; GeoJSON puts longitude first' : ''}`,
    );
  }
  if (value.length > 2) r.heights++;
  else r.flat++;
  return [lng!, lat!];
}

/** Positions without consecutive repeats. */
function positions(value: unknown, field: string, r: Reading): Position[] {
  if (!Array.isArray(value)) throw new Refuse(r.index, field, 'must be an array of positions');
  const out: Position[] = [];
  value.forEach((p, i) => {
    const next = position(p, `${field}[${i}]`, r);
    const last = out.at(-1);
    if (last && last[0] === next[0] && last[1] === next[1]) r.repeats++;
    else out.push(next);
  });
  return out;
}

function ring(value: unknown, field: string, r: Reading, closed: string[]): Position[] {
  const out = positions(value, field, r);
  const first = out[0];
  const last = out.at(-1);
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push(first);
    closed.push(field);
  }
  if (out.length < 4) throw new Refuse(r.index, field, 'a ring needs at least 3 distinct positions');
  return out;
}

function polygon(value: unknown, field: string, r: Reading, closed: string[]): Position[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Refuse(r.index, field, 'a polygon must be an array of rings, the outer ring first');
  }
  return value.map((raw, i) => ring(raw, `${field}[${i}]`, r, closed));
}

/** The single feature of an option file, and its index. */
function theFeature(input: unknown): { readonly geometry: unknown; readonly index: number } {
  if (!isRecord(input)) {
    throw new Refuse(-1, 'body', 'must be a GeoJSON FeatureCollection, Feature or geometry (an object)');
  }
  if (input.type === 'FeatureCollection') {
    if (!Array.isArray(input.features))
      throw new Refuse(-1, 'features', 'a FeatureCollection needs a features array');
    const drawn = input.features.flatMap((f, i) => (isRecord(f) && isRecord(f.geometry) ? [i] : []));
    if (drawn.length !== 1) {
      throw new Refuse(
        -1,
        'features',
        `an option is one line or one area: the file has ${drawn.length} features with a geometry; save each as its own option`,
      );
    }
    const index = drawn[0]!;
    return { geometry: (input.features[index] as Record<string, unknown>).geometry, index };
  }
  if (input.type === 'Feature') return { geometry: input.geometry, index: 0 };
  return { geometry: input, index: 0 };
}

/**
 * Reads a land option from GeoJSON: one LineString (a MultiLineString of one part is taken as
 * its part) is a line; one Polygon or MultiPolygon is an area. Heights (3-D or mixed 2-D and
 * 3-D positions) are dropped, repeated positions removed and open rings closed, each reported.
 * Anything else is refused with the feature's index and the field. Whether the line crosses
 * itself or Ukraine, and whether it closes an area against the border, is checked where
 * Ukraine's outline is (the database).
 */
export function readLandOption(input: unknown): LandOptionRead {
  try {
    const { geometry, index } = theFeature(input);
    const r: Reading = { index, positions: 0, heights: 0, flat: 0, repeats: 0 };
    if (!isRecord(geometry)) throw new Refuse(index, 'geometry', 'no geometry (null or not an object)');
    const c = geometry.coordinates;
    const closed: string[] = [];
    let kind: 'line' | 'area';
    let out: LandOptionGeometry;
    switch (geometry.type) {
      case 'LineString':
      case 'MultiLineString': {
        let raw = c;
        let field = 'geometry.coordinates';
        if (geometry.type === 'MultiLineString') {
          if (!Array.isArray(c) || c.length !== 1) {
            throw new Refuse(
              index,
              'geometry.coordinates',
              `a MultiLineString of ${Array.isArray(c) ? c.length : 'no'} parts: an option is one line; join the parts or save each as its own option`,
            );
          }
          raw = c[0];
          field = 'geometry.coordinates[0]';
        }
        const line = positions(raw, field, r);
        if (line.length < 2) throw new Refuse(index, field, 'a line needs at least 2 distinct positions');
        kind = 'line';
        out = { type: 'LineString', coordinates: line };
        break;
      }
      case 'Polygon':
        kind = 'area';
        out = { type: 'MultiPolygon', coordinates: [polygon(c, 'geometry.coordinates', r, closed)] };
        break;
      case 'MultiPolygon':
        if (!Array.isArray(c) || c.length === 0) {
          throw new Refuse(
            index,
            'geometry.coordinates',
            'a MultiPolygon must be a non-empty array of polygons',
          );
        }
        kind = 'area';
        out = {
          type: 'MultiPolygon',
          coordinates: c.map((p, i) => polygon(p, `geometry.coordinates[${i}]`, r, closed)),
        };
        break;
      default:
        throw new Refuse(
          index,
          'geometry.type',
          `'${String(geometry.type)}' is not an option: draw a LineString (the demarcation line) or a Polygon (the area the occupying side would hold)`,
        );
    }
    const repaired: ControlAreaNote[] = [];
    if (r.heights > 0) {
      repaired.push({
        index,
        field: 'geometry.coordinates',
        reason:
          r.flat > 0
            ? `mixed 2-D and 3-D positions: the height of ${r.heights} positions dropped`
            : `3-D coordinates: the height of ${r.heights} positions dropped`,
      });
    }
    if (r.repeats > 0) {
      repaired.push({
        index,
        field: 'geometry.coordinates',
        reason: `${r.repeats} repeated consecutive positions removed`,
      });
    }
    for (const field of closed)
      repaired.push({ index, field, reason: 'the ring was open: closed with its first position' });
    return { ok: true, kind, geometry: out, repaired };
  } catch (error) {
    if (!(error instanceof Refuse)) throw error;
    return { ok: false, problem: { index: error.index, field: error.field, reason: error.message } };
  }
}

/**
 * The OSCE Special Monitoring Mission's deployment that the monitors-per-km parameter comes from
 * (docs/adr/0032-land-options.md cites each figure): over 600 of its more than 700 international
 * monitors worked in Donbas (2017), along a contact line commonly given as about 420–500 km.
 */
export const SMM_REFERENCE = {
  monitorsInDonbas: 600,
  contactLineKmLow: 420,
  contactLineKmHigh: 500,
} as const;

/** How many monitors a km of line needs, and how long a segment one patrol base serves. */
export interface MonitoringParameters {
  readonly monitorsPerKm: number;
  readonly monitorsPerKmLow: number;
  readonly monitorsPerKmHigh: number;
  readonly patrolBaseSegmentKm: number;
}

/**
 * The default: 600 monitors over 460 km (the middle of 420–500) ≈ 1.30 per km; the range 1.2
 * (over 500 km) to 1.43 (over 420 km) is the uncertainty of the line's length alone. One
 * patrol base per 50 km of line: the SMM's forward patrol bases and hubs along its line, about
 * one every 40–60 km (ADR 0032: an estimate, not a count the mission published).
 */
export const SMM_MONITORING: MonitoringParameters = {
  monitorsPerKm:
    SMM_REFERENCE.monitorsInDonbas / ((SMM_REFERENCE.contactLineKmLow + SMM_REFERENCE.contactLineKmHigh) / 2),
  monitorsPerKmLow: SMM_REFERENCE.monitorsInDonbas / SMM_REFERENCE.contactLineKmHigh,
  monitorsPerKmHigh: SMM_REFERENCE.monitorsInDonbas / SMM_REFERENCE.contactLineKmLow,
  patrolBaseSegmentKm: 50,
};

/** The monitoring force a line of this length needs. */
export interface MonitoringForce {
  readonly lineKm: number;
  readonly monitors: number;
  readonly monitorsLow: number;
  readonly monitorsHigh: number;
  readonly patrolBases: number;
  readonly parameters: MonitoringParameters;
}

/** Monitors (rounded up) and patrol bases (one per started segment) for `lineKm` of line. */
export function monitoringForce(lineKm: number, p: MonitoringParameters = SMM_MONITORING): MonitoringForce {
  if (!(lineKm >= 0)) throw new RangeError(`lineKm must be 0 or more, is ${lineKm}`);
  return {
    lineKm,
    monitors: Math.ceil(lineKm * p.monitorsPerKm),
    monitorsLow: Math.ceil(lineKm * p.monitorsPerKmLow),
    monitorsHigh: Math.ceil(lineKm * p.monitorsPerKmHigh),
    patrolBases: Math.ceil(lineKm / p.patrolBaseSegmentKm),
    parameters: p,
  };
}

/** One first-level unit's land, and how much of it the occupying side would hold. */
export interface UnitSplitInput {
  readonly code: string;
  /** Pre-war population, or null when none is loaded for the unit. */
  readonly population: number | null;
  /** The unit's land (its polygon within Ukraine's land outline), km². */
  readonly landKm2: number;
  /** Of that land, held by the occupying side under the option, km². */
  readonly occupiedKm2: number;
}

/** A unit's population on each side. */
export interface UnitPopulationSplit {
  readonly code: string;
  /** Occupied share of the unit's land, in [0, 1]. */
  readonly occupiedShare: number;
  /** True when the line splits the unit (share strictly between 0.1% and 99.9%). */
  readonly split: boolean;
  readonly occupiedPopulation: number | null;
  readonly governmentPopulation: number | null;
}

/** The stated rule, for every output that uses it. */
export const POPULATION_RULE =
  "Area-weighted: a unit the line splits counts its pre-war population on each side in proportion to its land on that side (as if people were spread evenly over the unit); a unit on one side counts whole there. Land is the unit's polygon within Ukraine's land outline, so coastal water does not weigh.";

/** Population on each side by {@link POPULATION_RULE}; units without a figure are named in `missing`. */
export function populationBySide(units: readonly UnitSplitInput[]): {
  readonly occupied: number;
  readonly government: number;
  readonly units: readonly UnitPopulationSplit[];
  readonly missing: readonly string[];
} {
  let occupied = 0;
  let government = 0;
  const missing: string[] = [];
  const out = units.map((u): UnitPopulationSplit => {
    const share = u.landKm2 > 0 ? Math.max(0, Math.min(1, u.occupiedKm2 / u.landKm2)) : 0;
    const split = share > 0.001 && share < 0.999;
    if (u.population === null) {
      missing.push(u.code);
      return {
        code: u.code,
        occupiedShare: share,
        split,
        occupiedPopulation: null,
        governmentPopulation: null,
      };
    }
    const occ = Math.round(u.population * share);
    occupied += occ;
    government += u.population - occ;
    return {
      code: u.code,
      occupiedShare: share,
      split,
      occupiedPopulation: occ,
      governmentPopulation: u.population - occ,
    };
  });
  return { occupied, government, units: out, missing };
}

/** Reads a population table (CSV with `iso_3166_2` and `population` columns) into rows; problems name the line. */
export function readPopulationCsv(rows: readonly Readonly<Record<string, string | undefined>>[]): {
  readonly rows: readonly { code: string; population: number; year: number | null }[];
  readonly problems: readonly string[];
} {
  const out: { code: string; population: number; year: number | null }[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const code = (row.iso_3166_2 ?? row.code ?? '').trim();
    const pop = (row.population ?? '').trim();
    if (!/^UA-[0-9]{2}$/.test(code)) {
      problems.push(`line ${line}, iso_3166_2: '${code}' is not an ISO 3166-2 code of Ukraine (UA-14)`);
      return;
    }
    if (!/^[0-9]+$/.test(pop)) {
      problems.push(`line ${line}, population: '${pop}' is not a whole number of people`);
      return;
    }
    const year = (row.year ?? '').trim();
    out.push({ code, population: Number(pop), year: /^[0-9]{4}$/.test(year) ? Number(year) : null });
  });
  return { rows: out, problems };
}

/** Reads population CSV text (a BOM is fine); a file that is not CSV is one problem. */
export function parsePopulationCsv(text: string): ReturnType<typeof readPopulationCsv> {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<
      string,
      string
    >[];
  } catch (error) {
    return { rows: [], problems: [`not a CSV file: ${(error as Error).message}`] };
  }
  if (rows.length > 0 && !('population' in rows[0]!)) {
    return {
      rows: [],
      problems: ['line 1: no population column (the header needs iso_3166_2 and population)'],
    };
  }
  return readPopulationCsv(rows);
}
