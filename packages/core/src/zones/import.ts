import { kinks } from '@turf/turf';
import type { Polygon } from 'geojson';
import { formatReleasability, LabelError, parseReleasability } from '../access/releasability.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import { fieldProblem, semicolons, withRefusal } from '../i18n/refusals/reason.ts';
import {
  AREA_ZONE_KINDS,
  type Position,
  WEAPON_CLASSES,
  type WeaponClass,
  ZONE_KINDS,
  type Zone,
  type ZoneGeometry,
  type ZoneKind,
} from './types.ts';

/** Stable codes for a rejected zone feature. */
export type ZoneErrorCode =
  | 'zone.not_feature_collection'
  | 'zone.missing'
  | 'zone.invalid_type'
  | 'zone.unknown_value'
  | 'zone.wrong_geometry'
  | 'zone.bad_coordinates'
  | 'zone.open_ring'
  | 'zone.self_intersection'
  | 'zone.duplicate_id'
  | 'zone.bad_label'
  | 'zone.bad_time'
  | 'zone.not_yours';

/** One problem in a zone file, naming the feature by index and the field by path. */
export interface ZoneProblem {
  /** Index in `features`, or -1 for the file itself. */
  readonly index: number;
  /** Path from the feature, e.g. `geometry.coordinates[0][3]` or `properties.kind`. */
  readonly field: string;
  readonly code: ZoneErrorCode;
  readonly message: string;
  /**
   * `message` as a catalogue key and values, for the reader's language (ADR 0051); not enumerable,
   * so the problem as data (JSON, the command line's report) is as before.
   */
  readonly refusal: Refusal;
}

/** A zone read from a file, with the label text it asked for (null: the importer decides). */
export interface ImportedZone extends Zone {
  readonly releasability: string | null;
}

/** What a zone file gave: every feature accepted, skipped or rejected with its reasons. */
export interface ZoneImportResult {
  readonly read: number;
  readonly accepted: readonly ImportedZone[];
  readonly rejected: readonly ZoneProblem[];
  /** Features left out on request (`skipWrongGeometry`), each with why; not problems. */
  readonly skipped: readonly ZoneProblem[];
}

/** How to read a zone file laid out by others. */
export interface ZoneReadOptions {
  /** The kind of every feature that names none (a file of sectors, a file of buffer zones). */
  readonly kind?: ZoneKind;
  /** The property holding the zone's name (default `name`). */
  readonly nameField?: string;
  /** The property holding the zone's id (default `id`, then the feature's id, then the name as a slug). */
  readonly idField?: string;
  /**
   * Leave out features whose geometry the kind does not take (a point in a file of sectors) and
   * report them as skipped, instead of refusing the file.
   */
  readonly skipWrongGeometry?: boolean;
}

/** A zone file problem as an exception, for callers that store nothing unless the whole file is good. */
export class ZoneImportError extends Error {
  override readonly name = 'ZoneImportError';
  readonly problems: readonly ZoneProblem[];
  constructor(problems: readonly ZoneProblem[]) {
    super(
      `zone file refused, nothing stored: ${problems
        .slice(0, 5)
        .map((p) => describeProblem(p))
        .join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
    this.problems = problems;
  }
}

/** `feature 3, geometry.coordinates[0][2]: longitude 200 is outside [-180, 180]`. */
export function describeProblem(p: ZoneProblem): string {
  return p.index < 0 ? `${p.field}: ${p.message}` : `feature ${p.index}, ${p.field}: ${p.message}`;
}

/** {@link describeProblem} as a catalogue key and values, the problem worded in the reader's language. */
export function problemRefusal(p: ZoneProblem): Refusal {
  return p.index < 0
    ? fieldProblem(p.field, p.refusal)
    : {
        key: 'zoneFileChecks.featureProblem',
        params: { index: p.index, field: p.field, problem: { refusal: p.refusal } },
      };
}

/** A zone file problem with its reason's catalogue key (kept off the problem's data: see {@link ZoneProblem}). */
export function zoneProblem(problem: Omit<ZoneProblem, 'refusal'>, refusal: Refusal): ZoneProblem {
  return withRefusal({ ...problem }, refusal);
}

/** The first five problems, "a; b; …", as a catalogue key and values (as {@link ZoneImportError} lists them). */
export function firstProblemsRefusal(problems: readonly ZoneProblem[]): Refusal {
  return semicolons(problems.slice(0, 5).map(problemRefusal));
}

/** Self-intersection checks are quadratic per ring; beyond this many vertices in one feature they are skipped. */
export const MAX_KINK_CHECK_VERTICES = 20_000;

/**
 * A zone id: 2-64 of a-z, 0-9, _ and -, optionally followed by the namespace of the nation that
 * created it (`sector-east@FRA`). Zones a nation creates live in its namespace (ADR 0013).
 */
export const ZONE_ID = /^[a-z0-9][a-z0-9_-]{1,63}(@[A-Z]{3})?$/;
const ID = ZONE_ID;

/** The nation whose namespace a zone id names (`x@FRA` → FRA), or null for a shared id. */
export function zoneIdNation(id: string): string | null {
  return /@([A-Z]{3})$/.exec(id)?.[1] ?? null;
}

class Problem extends Error {
  readonly field: string;
  readonly code: ZoneErrorCode;
  readonly refusal: Refusal;
  constructor(field: string, code: ZoneErrorCode, message: string, refusal: Refusal) {
    super(message);
    this.field = field;
    this.code = code;
    this.refusal = refusal;
  }
}

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function position(value: unknown, field: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    throw new Problem(field, 'zone.bad_coordinates', 'must be a [longitude, latitude] pair', {
      key: 'zoneFileChecks.pair',
    });
  }
  const [lng, lat] = value as unknown[];
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    throw new Problem(field, 'zone.bad_coordinates', 'longitude and latitude must be finite numbers', {
      key: 'zoneFileChecks.finite',
    });
  }
  if (lng < -180 || lng > 180) {
    throw new Problem(field, 'zone.bad_coordinates', `longitude ${lng} is outside [-180, 180]`, {
      key: 'zoneFileChecks.longitude',
      params: { longitude: lng },
    });
  }
  if (lat < -90 || lat > 90) {
    throw new Problem(
      field,
      'zone.bad_coordinates',
      `latitude ${lat} is outside [-90, 90]${Math.abs(lng) <= 90 ? '; GeoJSON puts longitude first' : ''}`,
      {
        key: Math.abs(lng) <= 90 ? 'zoneFileChecks.latitudeFirst' : 'zoneFileChecks.latitude',
        params: { latitude: lat },
      },
    );
  }
  return [lng, lat];
}

function line(value: unknown, field: string): Position[] {
  if (!Array.isArray(value))
    throw new Problem(field, 'zone.bad_coordinates', 'must be an array of positions', {
      key: 'zoneFileChecks.positions',
    });
  const points = value.map((p, i) => position(p, `${field}[${i}]`));
  if (points.length < 2)
    throw new Problem(field, 'zone.bad_coordinates', 'a line needs at least 2 positions', {
      key: 'zoneFileChecks.lineShort',
    });
  return points;
}

function ring(value: unknown, field: string): Position[] {
  const points = line(value, field);
  if (points.length < 4) {
    throw new Problem(field, 'zone.open_ring', `a ring needs at least 4 positions, has ${points.length}`, {
      key: 'zoneFileChecks.ringShort',
      params: { has: points.length },
    });
  }
  const first = points[0]!;
  const last = points.at(-1)!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new Problem(
      field,
      'zone.open_ring',
      'the ring is not closed: its last position must equal its first',
      { key: 'zoneFileChecks.ringOpen' },
    );
  }
  return points;
}

function polygon(value: unknown, field: string): Position[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Problem(field, 'zone.bad_coordinates', 'a polygon needs at least one ring', {
      key: 'zoneFileChecks.noRing',
    });
  }
  return value.map((r, i) => ring(r, `${field}[${i}]`));
}

function selfIntersection(rings: readonly Position[][], field: string): void {
  const vertices = rings.reduce((n, r) => n + r.length, 0);
  if (vertices > MAX_KINK_CHECK_VERTICES) return;
  const found = kinks({ type: 'Polygon', coordinates: rings as unknown as Polygon['coordinates'] });
  const at = found.features[0]?.geometry.coordinates;
  if (at) {
    throw new Problem(
      field,
      'zone.self_intersection',
      `the outline crosses itself near [${at[0]!.toFixed(5)}, ${at[1]!.toFixed(5)}]; fix the ring order`,
      { key: 'zoneFileChecks.crosses', params: { x: at[0]!.toFixed(5), y: at[1]!.toFixed(5) } },
    );
  }
}

function geometry(value: unknown, kind: ZoneKind): ZoneGeometry {
  if (!isRecord(value))
    throw new Problem('geometry', 'zone.missing', 'is required: a GeoJSON geometry', {
      key: 'zoneFileChecks.geometryRequired',
    });
  const area = AREA_ZONE_KINDS.includes(kind);
  const allowed = area ? ['Polygon', 'MultiPolygon'] : ['LineString', 'MultiLineString'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    throw new Problem(
      'geometry.type',
      'zone.wrong_geometry',
      `a ${kind} must be ${allowed.join(' or ')}, not ${String(value.type)}`,
      {
        key: area ? 'zoneFileChecks.wrongGeometryArea' : 'zoneFileChecks.wrongGeometryLine',
        params: { kind, type: String(value.type) },
      },
    );
  }
  const c = value.coordinates;
  const f = 'geometry.coordinates';
  switch (value.type) {
    case 'Polygon': {
      const rings = polygon(c, f);
      selfIntersection(rings, f);
      return { type: 'Polygon', coordinates: rings };
    }
    case 'MultiPolygon': {
      if (!Array.isArray(c) || c.length === 0)
        throw new Problem(f, 'zone.bad_coordinates', 'needs at least one polygon', {
          key: 'zoneFileChecks.noPolygon',
        });
      const polygons = c.map((p, i) => polygon(p, `${f}[${i}]`));
      polygons.forEach((rings, i) => {
        selfIntersection(rings, `${f}[${i}]`);
      });
      return { type: 'MultiPolygon', coordinates: polygons };
    }
    case 'LineString':
      return { type: 'LineString', coordinates: line(c, f) };
    default: {
      if (!Array.isArray(c) || c.length === 0)
        throw new Problem(f, 'zone.bad_coordinates', 'needs at least one line', {
          key: 'zoneFileChecks.noLine',
        });
      return { type: 'MultiLineString', coordinates: c.map((l, i) => line(l, `${f}[${i}]`)) };
    }
  }
}

function time(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new Problem(field, 'zone.bad_time', 'must be an ISO 8601 date or time, e.g. 2026-11-20T00:00:00Z', {
      key: 'zoneFileChecks.time',
    });
  }
  return ms;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Reads one feature; throws Problem naming the first bad field. */
function feature(value: unknown, options: ZoneReadOptions): ImportedZone {
  if (!isRecord(value) || value.type !== 'Feature') {
    throw new Problem('type', 'zone.invalid_type', 'must be a GeoJSON Feature', {
      key: 'zoneFileChecks.notFeature',
    });
  }
  if (value.properties !== null && value.properties !== undefined && !isRecord(value.properties)) {
    throw new Problem('properties', 'zone.invalid_type', 'must be an object with kind and name', {
      key: 'zoneFileChecks.propertiesObject',
    });
  }
  const p: Fields = isRecord(value.properties) ? value.properties : {};
  const givenKind = p.kind ?? options.kind;
  if (typeof givenKind !== 'string' || !(ZONE_KINDS as readonly string[]).includes(givenKind)) {
    throw new Problem(
      'properties.kind',
      givenKind === undefined ? 'zone.missing' : 'zone.unknown_value',
      `${givenKind === undefined ? 'is required (or give every feature one kind: --kind sector)' : `'${String(givenKind)}' is unknown`}; use one of ${ZONE_KINDS.join(', ')}`,
      givenKind === undefined
        ? { key: 'zoneFileChecks.kindRequired', params: { kinds: ZONE_KINDS.join(', ') } }
        : {
            key: 'zoneFileChecks.kindUnknown',
            params: { kind: String(givenKind), kinds: ZONE_KINDS.join(', ') },
          },
    );
  }
  const kind = givenKind as ZoneKind;
  const nameField = options.nameField ?? 'name';
  const givenName = p[nameField];
  if ((typeof givenName !== 'string' && typeof givenName !== 'number') || String(givenName).trim() === '') {
    throw new Problem(
      `properties.${nameField}`,
      'zone.missing',
      `is required: a non-empty string${options.nameField ? '' : ' (or name the property that holds it: --name-field NAME_EN)'}`,
      { key: options.nameField ? 'zoneFileChecks.nameRequired' : 'zoneFileChecks.nameRequiredHint' },
    );
  }
  const name = String(givenName).trim();
  const idField = options.idField ?? 'id';
  const givenId = p[idField] ?? (options.idField ? undefined : value.id);
  // An id from a property the caller named (a publisher's code, `UA-14`) is made an id (`ua-14`).
  const named = options.idField !== undefined && (typeof givenId === 'string' || typeof givenId === 'number');
  const rawId =
    givenId === undefined || givenId === null
      ? slug(name)
      : named && !ID.test(String(givenId))
        ? slug(String(givenId))
        : typeof givenId === 'number'
          ? String(givenId)
          : givenId;
  if (typeof rawId !== 'string' || !ID.test(rawId)) {
    throw new Problem(
      `properties.${idField}`,
      'zone.invalid_type',
      'must be 2-64 of a-z, 0-9, _ and -, starting with a letter or digit, optionally followed by @ and a nation code (sector-east@FRA)',
      { key: 'zoneFileChecks.idShape' },
    );
  }
  let weaponClasses: WeaponClass[] = [];
  const rawClasses = p.weaponClasses ?? p.weapon_classes ?? p.weaponClass ?? p.weapon_class;
  if (rawClasses !== undefined && rawClasses !== null) {
    const list = Array.isArray(rawClasses) ? rawClasses : [rawClasses];
    weaponClasses = list.map((c, i) => {
      if (typeof c !== 'string' || !(WEAPON_CLASSES as readonly string[]).includes(c)) {
        throw new Problem(
          `properties.weaponClasses[${i}]`,
          'zone.unknown_value',
          `'${String(c)}' is not a weapon class; use ${WEAPON_CLASSES.join(', ')}`,
          {
            key: 'zoneFileChecks.notWeaponClass',
            params: { value: String(c), classes: WEAPON_CLASSES.join(', ') },
          },
        );
      }
      return c as WeaponClass;
    });
  }
  if (kind === 'weapons_withdrawal' && weaponClasses.length === 0) {
    throw new Problem(
      'properties.weaponClasses',
      'zone.missing',
      `a weapons_withdrawal zone needs its weapon classes (${WEAPON_CLASSES.join(', ')})`,
      { key: 'zoneFileChecks.weaponClassesNeeded', params: { classes: WEAPON_CLASSES.join(', ') } },
    );
  }
  if (kind !== 'weapons_withdrawal' && weaponClasses.length > 0) {
    throw new Problem(
      'properties.weaponClasses',
      'zone.invalid_type',
      `only a weapons_withdrawal zone has weapon classes, not a ${kind}`,
      { key: 'zoneFileChecks.weaponClassesOnly', params: { kind } },
    );
  }
  let releasability: string | null = null;
  if (p.releasability !== undefined && p.releasability !== null) {
    try {
      releasability = formatReleasability(parseReleasability(String(p.releasability)));
    } catch (error) {
      if (error instanceof LabelError)
        throw new Problem('properties.releasability', 'zone.bad_label', error.message, error.refusal);
      throw error;
    }
  }
  const validFromMs = time(p.validFrom ?? p.valid_from, 'properties.validFrom');
  const validToMs = time(p.validTo ?? p.valid_to, 'properties.validTo');
  if (validFromMs !== null && validToMs !== null && validToMs <= validFromMs) {
    throw new Problem('properties.validTo', 'zone.bad_time', 'must be later than validFrom', {
      key: 'zoneFileChecks.validToOrder',
    });
  }
  return {
    id: rawId,
    kind,
    name,
    weaponClasses: [...new Set(weaponClasses)].sort(),
    geometry: geometry(value.geometry, kind),
    validFromMs,
    validToMs,
    illustrative: p.illustrative === true,
    releasability,
  };
}

/**
 * Reads a GeoJSON FeatureCollection of zones. Every feature is accepted or rejected with the
 * field that was wrong (or skipped, when asked, for a geometry its kind does not take); callers
 * that store zones store nothing unless `rejected` is empty. `options` reads files laid out by
 * others: a kind for every feature, the properties holding the name and the id.
 * Properties: `kind`, `name`, optional `id` (default: the name as a slug), `weaponClasses`,
 * `validFrom`, `validTo`, `illustrative`, `releasability`.
 */
export function readZoneCollection(input: unknown, options: ZoneReadOptions = {}): ZoneImportResult {
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return {
      read: 0,
      accepted: [],
      skipped: [],
      rejected: [
        withRefusal(
          {
            index: -1,
            field: 'type',
            code: 'zone.not_feature_collection',
            message: 'must be a GeoJSON FeatureCollection with a features array',
          } as const,
          { key: 'zoneFileChecks.notCollection' },
        ),
      ],
    };
  }
  const accepted: { index: number; zone: ImportedZone }[] = [];
  const rejected: ZoneProblem[] = [];
  const skipped: ZoneProblem[] = [];
  input.features.forEach((raw, index) => {
    try {
      accepted.push({ index, zone: feature(raw, options) });
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const problem = withRefusal(
        { index, field: error.field, code: error.code, message: error.message },
        error.refusal,
      );
      (options.skipWrongGeometry && error.code === 'zone.wrong_geometry' ? skipped : rejected).push(problem);
    }
  });
  const colliding = collidingIds(accepted);
  const repeated = new Set(colliding.map((p) => p.index));
  rejected.push(...colliding);
  rejected.sort((a, b) => a.index - b.index);
  return {
    read: input.features.length,
    // The first feature with an id keeps it; the later ones are rejected.
    accepted: accepted.filter((a) => !repeated.has(a.index)).map((a) => a.zone),
    rejected,
    skipped,
  };
}

/** Every feature whose id another feature also has, each naming all the features involved. */
function collidingIds(zones: readonly { index: number; zone: ImportedZone }[]): ZoneProblem[] {
  const byId = new Map<string, { index: number; zone: ImportedZone }[]>();
  for (const z of zones) byId.set(z.zone.id, [...(byId.get(z.zone.id) ?? []), z]);
  const problems: ZoneProblem[] = [];
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    const named = group.map((g) => `${g.index} (${g.zone.name})`).join(', ');
    for (const g of group.slice(1)) {
      problems.push(
        withRefusal(
          {
            index: g.index,
            field: 'properties.id',
            code: 'zone.duplicate_id',
            message: `'${id}' is the id of features ${named}; give each zone its own id`,
          } as const,
          { key: 'zoneFileChecks.duplicateId', params: { id, features: named } },
        ),
      );
    }
  }
  return problems;
}
