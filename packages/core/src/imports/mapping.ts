/**
 * Column mapping: how a file laid out by others (an ACLED export, an NGO spreadsheet) becomes
 * the generic layout's fields without a conversion script. A mapping names, for each field,
 * the column it comes from (optionally through a table of values) or a constant; builds a uid
 * from columns when the file has none; and says how to read its dates. Presets are mappings
 * saved as JSON (`data/import-presets/`); `parseImportPreset` checks one and lists every problem.
 */

import { joinedComma, reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal, RefusalKey, RefusalValue } from '../i18n/refusals/index.ts';
import {
  BEARING_COLUMNS,
  IMPORT_COLUMNS,
  type ImportColumn,
  POINT_COLUMNS,
  REQUIRED_COLUMNS,
} from './observation-row.ts';
import { type DateOrder, isTimeZone, type TimeReading } from './time.ts';

/** Where one field's value comes from. */
export type FieldSource =
  /**
   * A column (any case); with `values`, its value is looked up in that table (keys compared
   * trimmed and case-blind; `*` is the value for anything else, `''` for an empty cell).
   */
  | {
      readonly column: string;
      readonly values?: Readonly<Record<string, string>>;
      /** The value when the file has no such column, or the cell is empty. */
      readonly default?: string;
    }
  /** The same value on every row. */
  | { readonly value: string };

/** How a file's columns become the generic layout's fields. */
export interface ImportMapping {
  /** Fields not named here are read from the column of their own name, when there is one. */
  readonly fields?: Readonly<Partial<Record<ImportColumn, FieldSource>>>;
  /** When the file has no uid: the uid is a stable hash of these columns' values. */
  readonly uidFrom?: readonly string[];
  /** Put before a hashed uid, so two files' hashes never meet (default `row-`). */
  readonly uidPrefix?: string;
  /** Zone for times without one; a date without a time is that whole day there. */
  readonly zone?: string;
  /** Order of slash-separated dates. */
  readonly dateOrder?: DateOrder;
}

/** A named mapping saved in a file, with the layout it reads. */
export interface ImportPreset {
  readonly name: string;
  readonly description: string;
  /** The file layout the mapping applies to. */
  readonly format: 'csv' | 'geojson' | 'xlsx';
  readonly mapping: ImportMapping;
}

/** A row's cells by lower-cased column name. */
export type Cells = (column: string) => string | number | undefined;

/** A row value the mapping could not give: the source column at fault and why. */
export class MappingError extends Error {
  readonly column: string;
  /** The message as a catalogue key and values. */
  readonly refusal: Refusal;
  constructor(column: string, reason: Said) {
    super(reason.reason);
    this.column = column;
    this.refusal = reason.refusal;
  }
}

/** The mapping's time reading, falling back to `fallback` (command-line flags) for what it does not say. */
export function timeReadingOf(mapping: ImportMapping | undefined, fallback: TimeReading = {}): TimeReading {
  const zone = mapping?.zone ?? fallback.zone;
  const dateOrder = mapping?.dateOrder ?? fallback.dateOrder;
  return { ...(zone ? { zone } : {}), ...(dateOrder ? { dateOrder } : {}) };
}

/** The column a field is read from (for messages and header checks), or undefined for a constant or a hashed uid. */
export function sourceColumn(mapping: ImportMapping | undefined, field: ImportColumn): string | undefined {
  const source = mapping?.fields?.[field];
  if (source) return 'column' in source ? source.column.toLowerCase() : undefined;
  if (field === 'uid' && mapping?.uidFrom?.length) return undefined;
  return field;
}

/**
 * What a header lacks for the mapping: the fields no column gives, by the column they would be
 * read from, or undefined when every required field and one location can be read.
 */
export function missingForHeader(
  mapping: ImportMapping | undefined,
  columns: ReadonlySet<string>,
): { readonly field: string; readonly reason: string; readonly refusal: Refusal } | undefined {
  const lacks = (field: ImportColumn) => {
    if (field === 'uid' && mapping?.uidFrom?.length)
      return mapping.uidFrom.some((c) => !columns.has(c.toLowerCase()));
    const source = mapping?.fields?.[field];
    if (source && 'column' in source && source.default !== undefined) return false;
    const column = sourceColumn(mapping, field);
    return column !== undefined && !columns.has(column);
  };
  const missing = REQUIRED_COLUMNS.filter(lacks);
  if (missing.length > 0) {
    const named = missing.map((field) => {
      const column =
        field === 'uid' && mapping?.uidFrom?.length
          ? mapping.uidFrom.join('+')
          : sourceColumn(mapping, field);
      return column === field
        ? field
        : { refusal: { key: 'importChecks.fromColumn' as const, params: { field, column } } };
    });
    return reasoned(
      { field: sourceColumn(mapping, missing[0]!) ?? missing[0]! },
      said('importChecks.headerLacks', { fields: { refusal: joinedComma(named) } }),
    );
  }
  if (POINT_COLUMNS.some(lacks) && BEARING_COLUMNS.some(lacks)) {
    const lng = sourceColumn(mapping, 'lng');
    const lat = sourceColumn(mapping, 'lat');
    return reasoned(
      { field: 'header' },
      said('importChecks.headerNeedsPoint', {
        lngColumn: lng,
        latColumn: lat,
        bearing: BEARING_COLUMNS.join(', '),
      }),
    );
  }
  return undefined;
}

/** The generic layout's fields of one row, read through the mapping. */
export function mappedValues(
  mapping: ImportMapping | undefined,
  cells: Cells,
): (field: ImportColumn) => string | number | undefined {
  return (field) => {
    const source = mapping?.fields?.[field];
    if (!source) {
      if (field === 'uid' && mapping?.uidFrom?.length) return hashedUid(mapping, cells);
      return cells(field);
    }
    if ('value' in source) return source.value;
    const column = source.column.toLowerCase();
    const given = cells(column);
    const raw = given === undefined || given === '' ? source.default : given;
    if (!source.values) return raw;
    const key = raw === undefined ? '' : String(raw).trim().toLowerCase();
    const table = lowerKeys(source.values);
    const found = table.get(key) ?? (key === '' ? undefined : table.get('*'));
    if (found !== undefined) return found;
    if (key === '') return undefined;
    throw new MappingError(
      column,
      said('importChecks.notInValueTable', { text: String(raw).slice(0, 60), field, column }),
    );
  };
}

const LOWERED = new WeakMap<object, Map<string, string>>();

function lowerKeys(table: Readonly<Record<string, string>>): Map<string, string> {
  let lowered = LOWERED.get(table);
  if (!lowered) {
    lowered = new Map(Object.entries(table).map(([k, v]) => [k.trim().toLowerCase(), v]));
    LOWERED.set(table, lowered);
  }
  return lowered;
}

function hashedUid(mapping: ImportMapping, cells: Cells): string | undefined {
  const values = mapping.uidFrom!.map((c) => String(cells(c.toLowerCase()) ?? '').trim());
  if (values.every((v) => v === '')) return undefined;
  return `${mapping.uidPrefix ?? 'row-'}${fnv1a64(values.join('\u001f'))}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, of a string's UTF-16 code units, as 16 hex digits: stable across runs and machines. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

const FORMATS = ['csv', 'geojson', 'xlsx'] as const;

/** A problem at `path`: "path: why", in English and as a refusal the server words per reader. */
const at = (path: string, key: RefusalKey, params?: Readonly<Record<string, RefusalValue>>): Said =>
  said('checks.field', { field: path, problem: { refusal: params ? { key, params } : { key } } });

/**
 * Checks a preset read from JSON and returns it, or every problem found, each naming where
 * it is (`mapping.fields.category.values`) and what to write instead: `problems` in English,
 * `reasons` the same with their refusals.
 */
export function parseImportPreset(
  json: unknown,
):
  | { readonly ok: true; readonly preset: ImportPreset }
  | { readonly ok: false; readonly problems: readonly string[]; readonly reasons: readonly Said[] } {
  const found: Said[] = [];
  const refused = () => ({ ok: false as const, problems: found.map((f) => f.reason), reasons: found });
  const object = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!object(json)) {
    found.push(said('mappingChecks.presetNotObject'));
    return refused();
  }
  const text = (path: string, value: unknown, required: boolean) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') found.push(at(path, 'mappingChecks.nonEmpty'));
  };
  text('name', json['name'], true);
  text('description', json['description'], false);
  if (!FORMATS.includes(json['format'] as (typeof FORMATS)[number]))
    found.push(at('format', 'mappingChecks.oneOf', { values: FORMATS.join(', ') }));
  const mapping = json['mapping'];
  if (!object(mapping)) found.push(at('mapping', 'mappingChecks.object'));
  else found.push(...mappingReasons(mapping, 'mapping'));
  if (found.length > 0) return refused();
  return {
    ok: true,
    preset: {
      name: json['name'] as string,
      description: (json['description'] as string | undefined) ?? '',
      format: json['format'] as ImportPreset['format'],
      mapping: mapping as ImportMapping,
    },
  };
}

/** Problems of a mapping object, each with its path under `at`, in English. */
export function mappingProblems(mapping: Readonly<Record<string, unknown>>, path: string): string[] {
  return mappingReasons(mapping, path).map((r) => r.reason);
}

/** Problems of a mapping object, each with its path under `path`, with their refusals. */
export function mappingReasons(mapping: Readonly<Record<string, unknown>>, root: string): Said[] {
  const found: Said[] = [];
  const known = new Set(['fields', 'uidFrom', 'uidPrefix', 'zone', 'dateOrder']);
  for (const key of Object.keys(mapping))
    if (!known.has(key))
      found.push(at(`${root}.${key}`, 'mappingChecks.unknownKey', { known: [...known].join(', ') }));
  const fields = mapping['fields'];
  if (fields !== undefined) {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      found.push(at(`${root}.fields`, 'mappingChecks.object'));
    else {
      for (const [field, source] of Object.entries(fields)) {
        const path = `${root}.fields.${field}`;
        if (!(IMPORT_COLUMNS as readonly string[]).includes(field)) {
          found.push(at(path, 'mappingChecks.notField', { fields: IMPORT_COLUMNS.join(', ') }));
          continue;
        }
        const s = source as Record<string, unknown> | null;
        if (typeof s !== 'object' || s === null || 'column' in s === 'value' in s) {
          found.push(at(path, 'mappingChecks.columnOrValue'));
          continue;
        }
        if ('value' in s && typeof s['value'] !== 'string')
          found.push(at(`${path}.value`, 'mappingChecks.string'));
        if ('column' in s && (typeof s['column'] !== 'string' || s['column'].trim() === ''))
          found.push(at(`${path}.column`, 'mappingChecks.columnName'));
        if ('default' in s && typeof s['default'] !== 'string')
          found.push(at(`${path}.default`, 'mappingChecks.string'));
        const values = s['values'];
        if (values !== undefined) {
          if (typeof values !== 'object' || values === null || Array.isArray(values))
            found.push(at(`${path}.values`, 'mappingChecks.valuesObject'));
          else
            for (const [k, v] of Object.entries(values))
              if (typeof v !== 'string') found.push(at(`${path}.values.${k}`, 'mappingChecks.string'));
        }
      }
    }
  }
  const uidFrom = mapping['uidFrom'];
  if (
    uidFrom !== undefined &&
    (!Array.isArray(uidFrom) ||
      uidFrom.length === 0 ||
      uidFrom.some((c) => typeof c !== 'string' || c === ''))
  )
    found.push(at(`${root}.uidFrom`, 'mappingChecks.columnNames'));
  if (mapping['uidPrefix'] !== undefined && typeof mapping['uidPrefix'] !== 'string')
    found.push(at(`${root}.uidPrefix`, 'mappingChecks.string'));
  const zone = mapping['zone'];
  if (zone !== undefined && (typeof zone !== 'string' || !isTimeZone(zone)))
    found.push(at(`${root}.zone`, 'mappingChecks.notZone', { zone: String(zone) }));
  const order = mapping['dateOrder'];
  if (order !== undefined && order !== 'dmy' && order !== 'mdy')
    found.push(at(`${root}.dateOrder`, 'mappingChecks.dateOrder'));
  return found;
}

/** A mapping as flags give it (the command line's --map, --set, --values; the API's query). */
export interface MappingFlags {
  /** `field=column`. */
  readonly map?: readonly string[];
  /** `field=value`. */
  readonly set?: readonly string[];
  /** `field=column` and the table of values, already read (a file's or inline). */
  readonly values?: readonly { readonly spec: string; readonly table: Readonly<Record<string, string>> }[];
  readonly uidFrom?: readonly string[];
  readonly zone?: string;
  readonly dateOrder?: DateOrder;
  /** The nation that vouches for the file: every row's nation (an operator's import). */
  readonly nation?: string;
  /**
   * The nation of rows that name none: a file's own `nation` column still counts (and a row
   * naming another nation is the receiver's to refuse). The API's import: a nation reports for itself.
   */
  readonly defaultNation?: string;
}

/**
 * `base` (a preset's mapping) with the flags laid over it; every problem found, each naming the
 * flag (`--map when=x: 'when' is not a field; fields: …`), or the mapping (undefined when it
 * says nothing).
 */
export function mappingFromFlags(
  base: ImportMapping | undefined,
  flags: MappingFlags,
):
  | { readonly ok: true; readonly mapping: ImportMapping | undefined }
  | { readonly ok: false; readonly problems: readonly string[]; readonly reasons: readonly Said[] } {
  const found: Said[] = [];
  const fields: Partial<Record<ImportColumn, FieldSource>> = { ...base?.fields };
  const pair = (flag: string, text: string): [ImportColumn, string] | undefined => {
    const eq = text.indexOf('=');
    const field = text.slice(0, Math.max(0, eq)).trim().toLowerCase();
    const rest = text.slice(eq + 1).trim();
    if (eq <= 0 || rest === '') {
      found.push(said('mappingChecks.flagSyntax', { flag, text }));
      return undefined;
    }
    if (!(IMPORT_COLUMNS as readonly string[]).includes(field)) {
      found.push(
        said('mappingChecks.flagNotField', { flag, text, field, fields: IMPORT_COLUMNS.join(', ') }),
      );
      return undefined;
    }
    return [field as ImportColumn, rest];
  };
  for (const text of flags.map ?? []) {
    const p = pair('--map', text);
    if (p) fields[p[0]] = { column: p[1] };
  }
  for (const text of flags.set ?? []) {
    const p = pair('--set', text);
    if (p) fields[p[0]] = { value: p[1] };
  }
  for (const { spec, table } of flags.values ?? []) {
    const p = pair('--values', spec);
    if (p) fields[p[0]] = { column: p[1], values: table };
  }
  if (flags.nation && !fields.nation) fields.nation = { value: flags.nation };
  if (flags.defaultNation && !fields.nation)
    fields.nation = { column: 'nation', default: flags.defaultNation };
  if (flags.zone && !isTimeZone(flags.zone))
    found.push(said('mappingChecks.flagZone', { flag: '--zone', zone: flags.zone }));
  const zone = flags.zone ?? base?.zone;
  const dateOrder = flags.dateOrder ?? base?.dateOrder;
  const uidFrom = flags.uidFrom?.length ? flags.uidFrom : base?.uidFrom;
  const mapping: ImportMapping = {
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(uidFrom ? { uidFrom } : {}),
    ...(base?.uidPrefix ? { uidPrefix: base.uidPrefix } : {}),
    ...(zone ? { zone } : {}),
    ...(dateOrder ? { dateOrder } : {}),
  };
  if (found.length === 0) found.push(...mappingReasons(mapping as Record<string, unknown>, 'mapping'));
  if (found.length > 0) return { ok: false, problems: found.map((f) => f.reason), reasons: found };
  return { ok: true, mapping: Object.keys(mapping).length > 0 ? mapping : undefined };
}

/** An inline value table, `Armed clash=burst_and_shots;*=other`, or undefined when it is not one. */
export function inlineValueTable(text: string): Record<string, string> | undefined {
  const table: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.lastIndexOf('=');
    if (eq < 0) return undefined;
    table[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return table;
}
