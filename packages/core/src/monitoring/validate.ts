import { inEnglish } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import {
  type BearingLocation,
  CATEGORIES,
  type Category,
  type LngLat,
  type Observation,
  type ObservationLocation,
  SOURCE_KINDS,
  type SourceKind,
} from './types.ts';

/** Stable codes for a rejected observation; the HTTP API and CoT intake map them to responses. */
export type ObservationErrorCode =
  | 'observation.missing'
  | 'observation.invalid_type'
  | 'observation.out_of_range'
  | 'observation.reversed_range'
  | 'observation.unknown_value';

/**
 * A rejected observation, naming the offending field by its path (e.g. `location.bearingDeg`).
 * `refusal` is why, as a catalogue key and values (`observationChecks.*`), for the reader's
 * words; `message` is its English (logs, the command line, the intake API).
 */
export class ObservationError extends Error {
  override readonly name = 'ObservationError';
  readonly field: string;
  readonly code: ObservationErrorCode;
  readonly refusal: Refusal;
  /** Why, in English, without the field: the refusal's English. */
  readonly reason: string;
  constructor(field: string, code: ObservationErrorCode, refusal: Refusal) {
    const reason = inEnglish(refusal);
    super(`observation rejected: ${field}: ${reason}`);
    this.field = field;
    this.code = code;
    this.refusal = refusal;
    this.reason = reason;
  }
}

/** A unit of a range, as its catalogue key names it. */
type RangeUnit = 'degreesLongitude' | 'degreesLatitude' | 'degrees' | 'metres' | 'epochMs' | 'none';

type Fields = Readonly<Record<string, unknown>>;

function record(value: unknown, field: string): Fields {
  if (value === undefined || value === null)
    throw new ObservationError(field, 'observation.missing', {
      key: 'observationChecks.missing',
    });
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ObservationError(field, 'observation.invalid_type', {
      key: 'observationChecks.notObject',
    });
  }
  return value as Fields;
}

function text(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    throw new ObservationError(field, 'observation.missing', {
      key: 'observationChecks.missingText',
    });
  }
  if (typeof value !== 'string')
    throw new ObservationError(field, 'observation.invalid_type', {
      key: 'observationChecks.notString',
    });
  return value;
}

function num(value: unknown, field: string, min: number, max: number, unit: RangeUnit): number {
  if (value === undefined || value === null)
    throw new ObservationError(field, 'observation.missing', {
      key: 'observationChecks.missing',
    });
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ObservationError(field, 'observation.invalid_type', {
      key: 'observationChecks.notFinite',
    });
  }
  if (value < min || value > max) {
    throw new ObservationError(field, 'observation.out_of_range', {
      key: 'observationChecks.outside',
      params: { value, min, max, unit: { refusal: { key: `observationChecks.unit.${unit}` } } },
    });
  }
  return value;
}

function wholeMs(value: number, field: string): void {
  if (!Number.isInteger(value))
    throw new ObservationError(field, 'observation.invalid_type', {
      key: 'observationChecks.wholeMs',
    });
}

/** Three capital letters A–Z (ISO 3166-1 alpha-3 shape); a regular expression costs more per report. */
function isAlpha3(s: string): boolean {
  if (s.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

const ALLOWED = new WeakMap<readonly string[], ReadonlySet<string>>();

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  const s = text(value, field);
  let set = ALLOWED.get(allowed);
  if (!set) {
    set = new Set(allowed);
    ALLOWED.set(allowed, set);
  }
  if (!set.has(s)) {
    throw new ObservationError(field, 'observation.unknown_value', {
      key: 'observationChecks.unknownValue',
      params: { value: s, allowed: allowed.join(', ') },
    });
  }
  return s as T;
}

function lngLat(value: unknown, field: string): LngLat {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ObservationError(field, 'observation.invalid_type', { key: 'observationChecks.lngLat' });
  }
  return [
    num(value[0], `${field}[0]`, -180, 180, 'degreesLongitude'),
    num(value[1], `${field}[1]`, -90, 90, 'degreesLatitude'),
  ];
}

const LOCATION_KINDS = ['point', 'bearing'] as const;

function location(value: unknown): ObservationLocation {
  const loc = record(value, 'location');
  const kind = oneOf(loc['kind'], LOCATION_KINDS, 'location.kind');
  if (kind === 'point') {
    return {
      kind,
      position: lngLat(loc['position'], 'location.position'),
      radiusM: num(loc['radiusM'], 'location.radiusM', 0, 20_000_000, 'metres'),
    };
  }
  const bearingDeg = num(loc['bearingDeg'], 'location.bearingDeg', 0, 360, 'degrees');
  if (bearingDeg === 360) {
    throw new ObservationError('location.bearingDeg', 'observation.out_of_range', {
      key: 'observationChecks.bearing360',
    });
  }
  const minDistanceM = num(loc['minDistanceM'], 'location.minDistanceM', 0, 1_000_000, 'metres');
  const maxDistanceM = num(loc['maxDistanceM'], 'location.maxDistanceM', 0, 1_000_000, 'metres');
  if (maxDistanceM < minDistanceM) {
    throw new ObservationError('location.maxDistanceM', 'observation.reversed_range', {
      key: 'observationChecks.reversedDistance',
      params: { max: maxDistanceM, min: minDistanceM },
    });
  }
  // A half-width of 90° or more is no longer a bearing; report a point with a radius instead.
  const spreadDeg = num(loc['spreadDeg'], 'location.spreadDeg', 0, 89, 'degrees');
  const sector: BearingLocation = {
    kind,
    observer: lngLat(loc['observer'], 'location.observer'),
    bearingDeg,
    spreadDeg,
    minDistanceM,
    maxDistanceM,
  };
  return sector;
}

/**
 * Checks an untrusted value (HTTP body, CoT mapping, CSV row) and returns a clean copy as an
 * Observation; throws ObservationError naming the first wrong field.
 */
export function validateObservation(input: unknown): Observation {
  const fields = new ObservationFields();
  readObservation(input, fields);
  // A body never says who submitted it: the server sets that from authentication.
  fields.submitter = undefined;
  return fields.observation();
}

/**
 * A valid observation's fields, flat: what validateObservation checks, without the nested
 * copy. The engine reads every report into one such record, reused from report to report, so
 * that validation allocates nothing for a point (a bearing keeps its validated location).
 */
export class ObservationFields {
  uid = '';
  sourceKind: SourceKind = 'patrol';
  sourceId = '';
  nation = '';
  startMs = 0;
  endMs = 0;
  category: Category = 'other';
  count = 1;
  reportedAtMs = 0;
  remarks: string | undefined = undefined;
  /** Who really sent it (Observation.submitter); read from stored reports, never from a body. */
  submitter: string | undefined = undefined;
  /** The bearing location; undefined for a point, whose position and radius follow. */
  bearing: BearingLocation | undefined = undefined;
  lng = 0;
  lat = 0;
  radiusM = 0;

  /** The clean copy, as validateObservation returns it (fields in this order). */
  observation(): Observation {
    const location: ObservationLocation = this.bearing ?? {
      kind: 'point',
      position: [this.lng, this.lat],
      radiusM: this.radiusM,
    };
    const observation: Observation = {
      uid: this.uid,
      source: { kind: this.sourceKind, id: this.sourceId, nation: this.nation },
      time: { startMs: this.startMs, endMs: this.endMs },
      category: this.category,
      count: this.count,
      location,
      reportedAtMs: this.reportedAtMs,
    };
    const remarked = this.remarks === undefined ? observation : { ...observation, remarks: this.remarks };
    return this.submitter === undefined ? remarked : { ...remarked, submitter: this.submitter };
  }
}

/**
 * Checks an untrusted value and writes its fields into `into`; throws ObservationError naming
 * the first wrong field (and then `into` holds no valid observation).
 */
export function readObservation(input: unknown, into: ObservationFields): void {
  const submitter = (input as { submitter?: unknown } | null)?.submitter;
  into.submitter = typeof submitter === 'string' && submitter !== '' ? submitter : undefined;
  if (wellFormed(input, into)) return;
  const o = checked(input);
  into.uid = o.uid;
  into.sourceKind = o.source.kind;
  into.sourceId = o.source.id;
  into.nation = o.source.nation;
  into.startMs = o.time.startMs;
  into.endMs = o.time.endMs;
  into.category = o.category;
  into.count = o.count;
  into.reportedAtMs = o.reportedAtMs;
  into.remarks = o.remarks;
  const loc = o.location;
  into.bearing = loc.kind === 'bearing' ? loc : undefined;
  into.lng = loc.kind === 'point' ? loc.position[0] : 0;
  into.lat = loc.kind === 'point' ? loc.position[1] : 0;
  into.radiusM = loc.kind === 'point' ? loc.radiusM : 0;
}

const SOURCE_KIND_SET: ReadonlySet<unknown> = new Set(SOURCE_KINDS);
const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);
const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isEpochMs = (value: unknown): value is number =>
  typeof value === 'number' && value >= -8.64e15 && value <= 8.64e15;

/**
 * The fast path for the common case: the same fields as `checked` when every field is plainly
 * well formed, tested inline (no per-field calls, no boxed intermediates), written into `into`;
 * false at the first doubt, and `checked` then names the wrong field. It accepts a subset of
 * what `checked` accepts (NaN and ±Infinity fail every range test here).
 */
function wellFormed(input: unknown, into: ObservationFields): boolean {
  if (!isRecord(input)) return false;
  const source = input['source'];
  const time = input['time'];
  if (!isRecord(source) || !isRecord(time)) return false;
  const startMs = time['startMs'];
  const endMs = time['endMs'];
  if (!isEpochMs(startMs) || !isEpochMs(endMs) || !Number.isInteger(startMs) || !Number.isInteger(endMs))
    return false;
  if (endMs < startMs) return false;
  const count = input['count'];
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > Number.MAX_SAFE_INTEGER)
    return false;
  const nation = source['nation'];
  if (typeof nation !== 'string' || !isAlpha3(nation)) return false;
  const remarks = input['remarks'];
  if (remarks !== undefined && typeof remarks !== 'string') return false;
  const uid = input['uid'];
  const kind = source['kind'];
  const id = source['id'];
  const category = input['category'];
  if (typeof uid !== 'string' || uid === '' || typeof id !== 'string' || id === '') return false;
  if (!SOURCE_KIND_SET.has(kind) || !CATEGORY_SET.has(category)) return false;
  const reportedAtMs = input['reportedAtMs'];
  if (!isEpochMs(reportedAtMs)) return false;
  // Every other field is valid, so the location's own error is the one `checked` would throw.
  const loc = input['location'];
  if (isRecord(loc) && loc['kind'] === 'point') {
    const position = loc['position'];
    const radiusM = loc['radiusM'];
    if (!Array.isArray(position) || position.length !== 2) return false;
    const lng = position[0];
    const lat = position[1];
    if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) return false;
    if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) return false;
    if (typeof radiusM !== 'number' || !(radiusM >= 0 && radiusM <= 20_000_000)) return false;
    into.bearing = undefined;
    into.lng = lng;
    into.lat = lat;
    into.radiusM = radiusM;
  } else {
    const where = location(loc);
    // A getter that answers 'point' only on its second read: let `checked` read it once.
    if (where.kind !== 'bearing') return false;
    into.bearing = where;
    into.lng = 0;
    into.lat = 0;
    into.radiusM = 0;
  }
  into.uid = uid;
  into.sourceKind = kind as SourceKind;
  into.sourceId = id;
  into.nation = nation;
  into.startMs = startMs;
  into.endMs = endMs;
  into.category = category as Category;
  into.count = count as number;
  into.reportedAtMs = reportedAtMs;
  into.remarks = remarks as string | undefined;
  return true;
}

/** The field-by-field path: the first wrong field's error, in a fixed order. */
function checked(input: unknown): Observation {
  const o = record(input, 'observation');
  const source = record(o['source'], 'source');
  const time = record(o['time'], 'time');
  const startMs = num(time['startMs'], 'time.startMs', -8.64e15, 8.64e15, 'epochMs');
  const endMs = num(time['endMs'], 'time.endMs', -8.64e15, 8.64e15, 'epochMs');
  // Whole milliseconds keep every time sum exact, which the index relies on.
  wholeMs(startMs, 'time.startMs');
  wholeMs(endMs, 'time.endMs');
  if (endMs < startMs) {
    throw new ObservationError('time.endMs', 'observation.reversed_range', {
      key: 'observationChecks.reversedTime',
      params: { ms: startMs - endMs },
    });
  }
  const count = num(o['count'], 'count', 1, Number.MAX_SAFE_INTEGER, 'none');
  if (!Number.isInteger(count))
    throw new ObservationError('count', 'observation.invalid_type', {
      key: 'observationChecks.notInteger',
    });
  const nation = text(source['nation'], 'source.nation');
  if (!isAlpha3(nation)) {
    throw new ObservationError('source.nation', 'observation.invalid_type', {
      key: 'observationChecks.notAlpha3',
      params: { value: nation },
    });
  }
  const remarks = o['remarks'];
  if (remarks !== undefined && typeof remarks !== 'string') {
    throw new ObservationError('remarks', 'observation.invalid_type', {
      key: 'observationChecks.remarks',
    });
  }
  const observation: Observation = {
    uid: text(o['uid'], 'uid'),
    source: {
      kind: oneOf<SourceKind>(source['kind'], SOURCE_KINDS, 'source.kind'),
      id: text(source['id'], 'source.id'),
      nation,
    },
    time: { startMs, endMs },
    category: oneOf<Category>(o['category'], CATEGORIES, 'category'),
    count,
    location: location(o['location']),
    reportedAtMs: num(o['reportedAtMs'], 'reportedAtMs', -8.64e15, 8.64e15, 'epochMs'),
  };
  return remarks === undefined ? observation : { ...observation, remarks };
}
