/**
 * One table, four files (issue 20, ADR 0038): the rows of a list with columns in words, written
 * as CSV (UTF-8 with a byte-order mark, RFC 4180, formula-safe), XLSX, GeoJSON and GeoPackage
 * (WGS 84). Every export of the app goes through these writers, so the rules hold everywhere.
 */
import { exceljs } from './excel.ts';
import { type ExportGeometry, writeGeoPackage } from './geopackage.ts';

/** What one cell holds once written: words, a figure, or nothing. Times are ISO 8601 text with their offset. */
export type Cell = string | number | null;

/** A value a column may give: booleans become yes/no, lists are joined with "; ". */
export type CellInput = Cell | boolean | undefined | readonly (string | number)[];

/** One column: its heading in words and how a row gives its value. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CellInput;
}

/** A table to export: its rows, their columns and, for a map layer, each row's geometry (WGS 84). */
export interface ExportTable<T> {
  /** The file's base name and the GeoPackage layer: letters, digits, hyphens. */
  readonly name: string;
  /** One sentence saying what the rows are, for the workbook's sheet and the GeoPackage layer. */
  readonly title: string;
  readonly columns: readonly ExportColumn<T>[];
  readonly geometry?: (row: T) => ExportGeometry | null;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const GEOJSON_TYPE = 'application/geo+json';
export const GPKG_TYPE = 'application/geopackage+sqlite3';

/** A value as one cell. */
export function cellOf(value: CellInput): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join('; ');
  return value as string | number;
}

/**
 * One CSV field: RFC 4180 quoting (a comma, quote or line break puts the field in quotes, a quote
 * is doubled), and a text starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe so that no spreadsheet runs it as a formula. Numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value ?? '');
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows (the first one the header) as CSV text: a byte-order mark, CRLF line ends. */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  // The byte-order mark makes spreadsheet programs read UTF-8 (Cyrillic names) as such.
  return `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The header and the cells of every row. */
function grid<T>(table: ExportTable<T>, rows: readonly T[]): { header: string[]; cells: Cell[][] } {
  return {
    header: table.columns.map((c) => c.header),
    cells: rows.map((row) => table.columns.map((c) => cellOf(c.value(row)))),
  };
}

export function toCsv<T>(table: ExportTable<T>, rows: readonly T[]): string {
  const { header, cells } = grid(table, rows);
  return csvText([header, ...cells]);
}

/**
 * A workbook with one sheet: the header in bold and frozen, a filter on it, one row per record.
 * exceljs stores text as text (a leading = is never a formula), so cells keep their exact words.
 */
export async function toXlsx<T>(table: ExportTable<T>, rows: readonly T[], now: Date): Promise<Buffer> {
  const { header, cells } = grid(table, rows);
  const workbook = new (await exceljs()).Workbook();
  workbook.creator = 'Guarantor';
  workbook.created = now;
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(sheetName(table.name));
  sheet.addRow(header).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (header.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(header[i]!.length, ...cells.slice(0, 200).map((r) => String(r[i] ?? '').length));
    column.width = Math.max(10, Math.min(60, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  const words = name.replaceAll('-', ' ');
  return (words.charAt(0).toUpperCase() + words.slice(1)).replaceAll(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** A heading as a plain field name for GIS software: "Start (UTC)" → start_utc. */
export function fieldName(header: string): string {
  const name = header
    .normalize('NFKD')
    .replaceAll(/[^A-Za-z0-9]+/g, '_')
    .replaceAll(/^_+|_+$/g, '')
    .toLowerCase();
  const safe = /^[a-z_]/.test(name) ? name : `f_${name}`;
  return safe === 'fid' || safe === 'geom' || safe === 'f_' ? `${safe}_value` : safe;
}

/** The field names of the columns, made unique. */
function fieldNames<T>(table: ExportTable<T>): string[] {
  const seen = new Map<string, number>();
  return table.columns.map((c) => {
    const base = fieldName(c.header).slice(0, 60);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** The rows with a geometry, as features with plain field names. */
function features<T>(table: ExportTable<T>, rows: readonly T[]) {
  const names = fieldNames(table);
  const geometryOf = table.geometry ?? (() => null);
  return rows.flatMap((row) => {
    const geometry = geometryOf(row);
    if (!geometry) return [];
    const properties: Record<string, Cell> = {};
    table.columns.forEach((c, i) => {
      properties[names[i]!] = cellOf(c.value(row));
    });
    return [{ geometry, properties }];
  });
}

/** A GeoJSON FeatureCollection (RFC 7946: WGS 84 longitude, latitude); rows without a place are left out. */
export function toGeoJson<T>(table: ExportTable<T>, rows: readonly T[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    name: table.name,
    features: features(table, rows).map((f) => ({ type: 'Feature', ...f })),
  });
}

const LAYER_KINDS = [
  { suffix: 'points', type: 'POINT', kinds: ['Point'] },
  { suffix: 'lines', type: 'MULTILINESTRING', kinds: ['LineString', 'MultiLineString'] },
  { suffix: 'areas', type: 'MULTIPOLYGON', kinds: ['Polygon', 'MultiPolygon'] },
] as const;

/**
 * A GeoPackage: one layer named after the table when every geometry is of one kind, else one
 * layer per kind (name_points, name_lines, name_areas); single lines and polygons are written as
 * multi-geometries so that one layer holds both. Column types follow the values.
 */
export function toGpkg<T>(table: ExportTable<T>, rows: readonly T[], now: Date): Buffer {
  const all = features(table, rows);
  const names = fieldNames(table);
  const fields = names.map((name) => {
    const values = all.map((f) => f.properties[name]).filter((v) => v !== null && v !== undefined);
    const type =
      values.length > 0 && values.every((v) => typeof v === 'number')
        ? values.every((v) => Number.isInteger(v))
          ? ('INTEGER' as const)
          : ('REAL' as const)
        : ('TEXT' as const);
    return { name, type };
  });
  const base = table.name.replaceAll('-', '_');
  const groups = LAYER_KINDS.map((kind) => ({
    kind,
    features: all
      .filter((f) => (kind.kinds as readonly string[]).includes(f.geometry.type))
      .map((f) => ({ ...f, geometry: asMulti(f.geometry) })),
  })).filter((g) => g.features.length > 0);
  const layers = (groups.length > 0 ? groups : [{ kind: LAYER_KINDS[0], features: [] }]).map((g) => ({
    name: groups.length > 1 ? `${base}_${g.kind.suffix}` : base,
    description: table.title,
    geometryType: g.kind.type,
    fields,
    features: g.features,
  }));
  return writeGeoPackage(layers, now);
}

function asMulti(geometry: ExportGeometry): ExportGeometry {
  if (geometry.type === 'LineString') return { type: 'MultiLineString', coordinates: [geometry.coordinates] };
  if (geometry.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
  return geometry;
}
