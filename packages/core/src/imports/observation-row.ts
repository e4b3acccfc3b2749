import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import type { Observation } from '../monitoring/types.ts';
import { ObservationError, validateObservation } from '../monitoring/validate.ts';
import { MappingError } from './mapping.ts';
import { readTime, type TimeReading } from './time.ts';

/** Radius for a point row that gives no `radius_m`: the same as CoT's unknown `ce`, about a village. */
export const DEFAULT_RADIUS_M = 1000;

/** Columns (CSV) and properties (GeoJSON) of the generic layout; see docs/import-csv.md. */
export const IMPORT_COLUMNS = [
  'uid',
  'source_kind',
  'source_id',
  'nation',
  'start',
  'end',
  'category',
  'count',
  'lng',
  'lat',
  'radius_m',
  'observer_lng',
  'observer_lat',
  'bearing_deg',
  'spread_deg',
  'min_distance_m',
  'max_distance_m',
  'remarks',
] as const;
/** A column of the generic layout. */
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns every row needs. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'uid',
  'source_kind',
  'source_id',
  'nation',
  'start',
  'category',
];
/** A point row's location; `radius_m` is optional. */
export const POINT_COLUMNS: readonly ImportColumn[] = ['lng', 'lat'];
/** A bearing row's location, all required. */
export const BEARING_COLUMNS: readonly ImportColumn[] = [
  'observer_lng',
  'observer_lat',
  'bearing_deg',
  'spread_deg',
  'min_distance_m',
  'max_distance_m',
];

/** One row's outcome: the observation, or the first wrong field and what to do about it. */
export type ImportRowResult =
  | { readonly ok: true; readonly row: number; readonly observation: Observation }
  | {
      readonly ok: false;
      readonly row: number;
      readonly field: string;
      readonly reason: string;
      /** `reason` as a catalogue key and values, for the reader's language (absent where the reason is not keyed yet). */
      readonly refusal?: Refusal;
      /** The file as a whole is refused (not the format, a bad header, unreadable bytes): no row after it is read. */
      readonly refused?: true;
    };

/** A row's value by column: text from CSV, text or number from GeoJSON; empty means absent. */
export type RowValues = (column: ImportColumn) => string | number | undefined;

/** Observation paths (from validateObservation) back to the column a user can fix. */
const COLUMN_OF_PATH: Readonly<Record<string, ImportColumn>> = {
  uid: 'uid',
  'source.kind': 'source_kind',
  'source.id': 'source_id',
  'source.nation': 'nation',
  'time.startMs': 'start',
  'time.endMs': 'end',
  category: 'category',
  count: 'count',
  'location.position[0]': 'lng',
  'location.position[1]': 'lat',
  'location.radiusM': 'radius_m',
  'location.observer[0]': 'observer_lng',
  'location.observer[1]': 'observer_lat',
  'location.bearingDeg': 'bearing_deg',
  'location.spreadDeg': 'spread_deg',
  'location.minDistanceM': 'min_distance_m',
  'location.maxDistanceM': 'max_distance_m',
  remarks: 'remarks',
};

class RowError extends Error {
  readonly field: string;
  readonly refusal: Refusal;
  constructor(field: string, reason: Said) {
    super(reason.reason);
    this.field = field;
    this.refusal = reason.refusal;
  }
}

/** How a row's cells are read beyond the generic layout's own rules. */
export interface RowReading {
  /** Zone and date order for times that are not ISO 8601 with a zone. */
  readonly time?: TimeReading;
  /** The file's column a field came from, for messages (a mapping's source column). */
  readonly columnOf?: (field: ImportColumn) => string;
  /** Numbers may write their decimals with a comma (`47,98`), as semicolon-separated files do. */
  readonly decimalComma?: boolean;
}

/**
 * Build and validate one observation from a row of the generic layout. A start given as a
 * date only (read in `reading.time.zone`) is that whole day, unless an end is given.
 */
export function rowToObservation(
  values: RowValues,
  row: number,
  reportedAtMs: number,
  reading: RowReading = {},
): ImportRowResult {
  const columnOf = reading.columnOf ?? ((field: ImportColumn) => field);
  try {
    const text = (column: ImportColumn): string | undefined => {
      const value = values(column);
      return value === undefined || value === '' ? undefined : String(value).trim() || undefined;
    };
    const number = (column: ImportColumn): number | undefined => {
      const value = values(column);
      if (typeof value === 'number') return value;
      const raw = text(column);
      if (raw === undefined) return undefined;
      // A file separated by semicolons comes from a locale that writes decimals with a comma.
      if (reading.decimalComma && /^[+-]?\d+,\d+$/.test(raw)) return Number(raw.replace(',', '.'));
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
        const commaDecimal = /^[+-]?\d+,\d+$/.test(raw);
        throw new RowError(
          column,
          said(commaDecimal ? 'importChecks.notNumberDot' : 'importChecks.notNumber', {
            text: raw.slice(0, 40),
          }),
        );
      }
      return Number(raw);
    };
    const time = (column: ImportColumn) => {
      const raw = text(column);
      if (raw === undefined) return undefined;
      const read = readTime(raw, reading.time);
      if (!read.ok) throw new RowError(column, read);
      return read;
    };
    const hasPoint = POINT_COLUMNS.some((c) => text(c) !== undefined);
    const hasBearing = BEARING_COLUMNS.some((c) => text(c) !== undefined);
    if (hasPoint === hasBearing) {
      throw new RowError(
        hasPoint ? 'location' : 'lng',
        said(hasPoint ? 'importChecks.pointAndBearing' : 'importChecks.noLocation'),
      );
    }
    const start = time('start');
    const end = time('end');
    const startMs = start?.startMs;
    // A day-only start without an end covers its whole day; a day-only end covers its day too.
    const endMs = end ? end.endMs : start?.endMs;
    const remarks = text('remarks');
    const observation = validateObservation({
      uid: text('uid'),
      source: {
        kind: text('source_kind')?.toLowerCase(),
        id: text('source_id'),
        nation: text('nation')?.toUpperCase(),
      },
      time: { startMs, endMs },
      category: text('category')?.toLowerCase(),
      count: number('count') ?? 1,
      location: hasPoint
        ? {
            kind: 'point',
            position: [number('lng'), number('lat')],
            radiusM: number('radius_m') ?? DEFAULT_RADIUS_M,
          }
        : {
            kind: 'bearing',
            observer: [number('observer_lng'), number('observer_lat')],
            bearingDeg: number('bearing_deg'),
            spreadDeg: number('spread_deg'),
            minDistanceM: number('min_distance_m'),
            maxDistanceM: number('max_distance_m'),
          },
      reportedAtMs,
      ...(remarks ? { remarks } : {}),
    });
    return { ok: true, row, observation };
  } catch (error) {
    if (error instanceof MappingError)
      return reasoned(
        { ok: false, row, field: error.column },
        { reason: error.message, refusal: error.refusal },
      );
    if (error instanceof RowError) {
      const field = (IMPORT_COLUMNS as readonly string[]).includes(error.field)
        ? columnOf(error.field as ImportColumn)
        : error.field;
      return reasoned({ ok: false, row, field }, { reason: error.message, refusal: error.refusal });
    }
    if (error instanceof ObservationError) {
      const column = COLUMN_OF_PATH[error.field];
      return reasoned(
        { ok: false, row, field: column ? columnOf(column) : error.field },
        { reason: error.reason, refusal: error.refusal },
      );
    }
    throw error;
  }
}
