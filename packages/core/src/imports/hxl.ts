/**
 * HXL (the Humanitarian Exchange Language, hxlstandard.org): tables whose columns carry
 * hashtags with attributes (`#org+name`, `#adm1+code`, `#sector+cluster+names`) in a row of
 * their own, anywhere in the first rows, under or without a row of headers for people. Read
 * here for 3W presence ("who does what where"): per first-level unit, the organisations
 * present, their sectors and the people they reached, from a row per activity (`#org`,
 * `#sector`, `#adm1`) or a row per unit with counts (`#org+count`, `#reached`).
 */
import type { CsvRecord } from './tokenizer.ts';

/** A column's hashtag: the tag and its attributes, lower-cased (`#adm1+code` → adm1, [code]). */
export interface HxlColumn {
  readonly index: number;
  readonly tag: string;
  readonly attributes: readonly string[];
}

/** Rows of a table read as HXL: the hashtag row found, its columns, then the data rows. */
export interface HxlTable {
  /** The row of hashtags (1-based, as a spreadsheet numbers it). */
  readonly hashtagRow: number;
  readonly columns: readonly HxlColumn[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
  /** Pre-1.0 hashtags read as their 1.0 form, `#adm1_code → #adm1+code`. */
  readonly renamed: readonly string[];
}

/** How many rows the hashtag row may sit below the top. */
export const MAX_HXL_HEADER_ROWS = 25;

const SPEC = /^#([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)$/i;

/**
 * Pre-1.0 HXL (0.x) wrote attributes into the tag (`#adm1_code`, `#org_id`) and languages
 * after a slash (`#sector/es`). The suffixes mapped here have one 1.0 reading each; others
 * are left as they are.
 */
const OLD_SUFFIXES: Readonly<Record<string, string>> = {
  _code: 'code',
  _id: 'code',
  _name: 'name',
  _num: 'num',
  _prov: 'name',
};

/** A cell's hashtag spec, or undefined when it is not one; `renamed` gets the pre-1.0 ones read. */
export function parseHashtag(text: string, renamed?: string[]): Omit<HxlColumn, 'index'> | undefined {
  let spec = text.trim();
  const old = spec;
  // `#sector/es` → `#sector+es`.
  spec = spec.replace(/^(#[a-z][a-z0-9_]*)\/([a-z]{2})\b/i, '$1+$2');
  const base = /^#([a-z][a-z0-9]*)(_[a-z]+)(.*)$/i.exec(spec);
  if (base && OLD_SUFFIXES[base[2]!.toLowerCase()])
    spec = `#${base[1]}+${OLD_SUFFIXES[base[2]!.toLowerCase()]}${base[3]}`;
  const m = SPEC.exec(spec);
  if (!m) return undefined;
  if (spec !== old) renamed?.push(`${old} → ${spec}`);
  const attributes = m[2]!
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== '');
  return { tag: m[1]!.toLowerCase(), attributes };
}

/**
 * The HXL table of a file's records: the first of the top rows whose non-empty cells are all
 * hashtags. Undefined when there is none (the file is not HXL).
 */
export function readHxlTable(records: readonly CsvRecord[]): HxlTable | undefined {
  for (const record of records.slice(0, MAX_HXL_HEADER_ROWS)) {
    if (!('fields' in record)) continue;
    const filled = record.fields.map((f, index) => ({ f: f.trim(), index })).filter((c) => c.f !== '');
    if (filled.length === 0) continue;
    const renamed: string[] = [];
    const specs = filled.map((c) => ({ index: c.index, spec: parseHashtag(c.f, renamed) }));
    if (specs.some((s) => !s.spec)) continue;
    const columns = specs.map((s) => ({ index: s.index, ...s.spec! }));
    const rows = records
      .filter(
        (r): r is Extract<CsvRecord, { fields: readonly string[] }> => 'fields' in r && r.line > record.line,
      )
      .map((r) => ({ line: r.line, cells: r.fields }));
    return { hashtagRow: record.line, columns, rows, renamed };
  }
  return undefined;
}

/**
 * An HXL JSON file as records: an array of arrays (rows, one of them the hashtags), or an array
 * of objects keyed by hashtag specs (`{"#org": "UNHCR", "#adm1+code": "UA71"}`).
 */
export function hxlJsonRecords(json: unknown): CsvRecord[] | undefined {
  if (!Array.isArray(json)) return undefined;
  if (json.every((row) => Array.isArray(row))) {
    return json.map((row, i) => ({ line: i + 1, fields: (row as unknown[]).map(cellText) }));
  }
  if (json.every((row) => typeof row === 'object' && row !== null)) {
    const keys = [...new Set(json.flatMap((row) => Object.keys(row as object)))];
    return [
      { line: 1, fields: keys },
      ...json.map((row, i) => ({
        line: i + 2,
        fields: keys.map((k) => cellText((row as Record<string, unknown>)[k])),
      })),
    ];
  }
  return undefined;
}

function cellText(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/** What a table says of one first-level unit. */
export interface PresenceRow {
  /** ISO 3166-2 of the unit (`UA-71`), from an OCHA p-code (`UA71`) or as written. */
  readonly regionCode: string | null;
  /** The unit's name as the file writes it, when it gives no code. */
  readonly regionName: string | null;
  /** Organisations named, distinct. */
  readonly organisations: readonly string[];
  /** Organisations counted by the file (a unit's row may count them instead of naming them). */
  readonly organisationCount: number | null;
  readonly sectors: readonly string[];
  readonly peopleReached: number | null;
}

/** One row of an HXL table that says nothing usable, with the row and why. */
export interface PresenceProblem {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

/** The presence a 3W table states, one entry per unit (its rows merged), and the rows refused. */
export interface PresenceReading {
  readonly table: HxlTable;
  readonly units: readonly PresenceRow[];
  readonly problems: readonly PresenceProblem[];
}

const has = (c: HxlColumn, ...attributes: string[]) => attributes.every((a) => c.attributes.includes(a));

/**
 * Presence per unit from an HXL table. The unit comes from `#adm1+code` (an OCHA p-code or
 * ISO 3166-2), else `#adm1` as a name; organisations from `#org` (names) or `#org+count`;
 * sectors from `#sector` (a comma-separated list with `+names`); people reached from `#reached`.
 */
export function hxlPresence(table: HxlTable): PresenceReading | { readonly problem: string } {
  const columns = table.columns;
  const find = (tag: string, test: (c: HxlColumn) => boolean = () => true) =>
    columns.find((c) => c.tag === tag && test(c));
  const code = find('adm1', (c) => has(c, 'code'));
  const name = find('adm1', (c) => !has(c, 'code'));
  if (!code && !name) {
    return {
      problem:
        'no #adm1 column: 3W presence needs the first-level unit (#adm1+code, an OCHA p-code such as UA71, or #adm1+name)',
    };
  }
  const orgCount = find('org', (c) => has(c, 'count') || has(c, 'num'));
  const orgNames = find('org', (c) => !has(c, 'count') && !has(c, 'num') && !has(c, 'code'));
  const sectors = columns.filter((c) => c.tag === 'sector' && !has(c, 'code'));
  const reached = find('reached');
  if (!orgCount && !orgNames && sectors.length === 0 && !reached) {
    return { problem: 'no #org, #sector or #reached column: nothing about presence to read' };
  }
  const byUnit = new Map<
    string,
    {
      code: string | null;
      name: string | null;
      orgs: Set<string>;
      count: number | null;
      sectors: Set<string>;
      reached: number | null;
    }
  >();
  const problems: PresenceProblem[] = [];
  for (const row of table.rows) {
    const cell = (c: HxlColumn | undefined) => (c ? (row.cells[c.index] ?? '').trim() : '');
    if (row.cells.every((f) => f.trim() === '')) continue;
    const rawCode = cell(code);
    const unitCode = rawCode ? isoOfPcode(rawCode) : null;
    if (rawCode && !unitCode) {
      problems.push({
        row: row.line,
        field: '#adm1+code',
        reason: `'${rawCode}' is neither an OCHA p-code (UA71) nor ISO 3166-2 (UA-71)`,
      });
      continue;
    }
    const unitName = cell(name) || null;
    if (!unitCode && !unitName) {
      problems.push({ row: row.line, field: '#adm1', reason: 'names no first-level unit' });
      continue;
    }
    const number = (c: HxlColumn | undefined, field: string): number | null | undefined => {
      const text = cell(c).replace(/[\s,]/g, '');
      if (text === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n) || n < 0) {
        problems.push({ row: row.line, field, reason: `'${cell(c)}' is not a count` });
        return undefined;
      }
      return Math.round(n);
    };
    const count = number(orgCount, '#org+count');
    const people = number(reached, '#reached');
    if (count === undefined || people === undefined) continue;
    const key = unitCode ?? `name:${unitName!.toLowerCase()}`;
    const unit = byUnit.get(key) ?? {
      code: unitCode,
      name: unitCode ? null : unitName,
      orgs: new Set<string>(),
      count: null,
      sectors: new Set<string>(),
      reached: null,
    };
    const org = cell(orgNames);
    if (org) unit.orgs.add(org);
    if (count !== null) unit.count = (unit.count ?? 0) + count;
    if (people !== null) unit.reached = (unit.reached ?? 0) + people;
    for (const s of sectors) {
      const text = cell(s);
      for (const part of has(s, 'names') || text.includes(',') ? text.split(',') : [text]) {
        const sector = part.trim();
        if (sector) unit.sectors.add(sector);
      }
    }
    byUnit.set(key, unit);
  }
  const units = [...byUnit.values()].map((u) => ({
    regionCode: u.code,
    regionName: u.name,
    organisations: [...u.orgs].sort(),
    organisationCount: u.count,
    sectors: [...u.sectors].sort(),
    peopleReached: u.reached,
  }));
  return { table, units, problems };
}

/**
 * Ukraine's OCHA p-codes whose number is not the ISO 3166-2 one (the others are the same
 * digits: UA71 is UA-71). Crimea, Luhansk, Chernivtsi, Kyiv city and Sevastopol.
 */
const PCODE_ISO_EXCEPTIONS: Readonly<Record<string, string>> = {
  UA01: 'UA-43',
  UA44: 'UA-09',
  UA73: 'UA-77',
  UA80: 'UA-30',
  UA85: 'UA-40',
};

/**
 * ISO 3166-2 of a first-level unit from an OCHA p-code (`UA71` → `UA-71`; a second-level one,
 * `UA7102`, names its first level; `UA44` → `UA-09`) or ISO as written; null otherwise.
 */
export function isoOfPcode(text: string): string | null {
  const t = text.trim().toUpperCase();
  const iso = /^([A-Z]{2})-([0-9A-Z]{1,3})$/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}`;
  const pcode = /^([A-Z]{2})(\d{2})(\d*)$/.exec(t);
  if (!pcode) return null;
  return PCODE_ISO_EXCEPTIONS[`${pcode[1]}${pcode[2]}`] ?? `${pcode[1]}-${pcode[2]}`;
}
