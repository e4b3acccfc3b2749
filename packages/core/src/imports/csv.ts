import {
  checkedRows,
  type ImportInput,
  type ImportOptions,
  type ImportRejection,
  textPieces,
} from './input.ts';
import {
  BEARING_COLUMNS,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRowResult,
  POINT_COLUMNS,
  REQUIRED_COLUMNS,
  rowToObservation,
} from './observation-row.ts';
import { CsvTokenizer } from './tokenizer.ts';

/** A longer row is rejected rather than held: the longest real remarks are a few KiB. */
export const MAX_CSV_ROW_CHARS = 64 * 1024;

/** One data row by (lower-cased) column name, with the line it starts on. */
export interface CsvTableRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * Read a CSV of the generic layout (docs/import-csv.md) into observations, one result per
 * row, in order. Never throws on bad content: a bad header yields one rejection and stops.
 */
export function readCsvObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  return checkedRows(genericRows(input, options.reportedAtMs, progress), progress, options.onProgress);
}

async function* genericRows(
  input: ImportInput,
  reportedAtMs: number,
  progress: { bytesRead: number },
): AsyncGenerator<ImportRowResult> {
  for await (const row of csvTable(input, progress, IMPORT_COLUMNS, checkGenericHeader)) {
    yield 'cells' in row ? rowToObservation((column) => row.cells[column], row.line, reportedAtMs) : row;
  }
}

function checkGenericHeader(columns: ReadonlySet<string>): { field: string; reason: string } | undefined {
  const missing = (wanted: readonly ImportColumn[]) => wanted.filter((column) => !columns.has(column));
  const missingRequired = missing(REQUIRED_COLUMNS);
  if (missingRequired.length > 0) {
    return {
      field: missingRequired[0]!,
      reason: `the header lacks ${missingRequired.join(', ')}; see docs/import-csv.md`,
    };
  }
  if (missing(POINT_COLUMNS).length > 0 && missing(BEARING_COLUMNS).length > 0) {
    return { field: 'header', reason: `the header needs lng and lat, or ${BEARING_COLUMNS.join(', ')}` };
  }
  return undefined;
}

/**
 * The rows of a CSV with a header, or a rejection for each unreadable row. Columns other
 * than `known` are allowed (a spreadsheet may keep its own notes) but not a known one twice.
 */
export async function* csvTable(
  input: ImportInput,
  progress: { bytesRead: number },
  known: readonly string[],
  checkHeader: (columns: ReadonlySet<string>) => { field: string; reason: string } | undefined,
): AsyncGenerator<CsvTableRow | ImportRejection> {
  const tokenizer = new CsvTokenizer(MAX_CSV_ROW_CHARS);
  let names: readonly string[] | undefined;
  for await (const records of tokenized(textPieces(input, progress), tokenizer)) {
    for (const record of records) {
      const reject = (field: string, reason: string) => ({
        ok: false as const,
        row: record.line,
        field,
        reason,
      });
      if (!names) {
        if ('error' in record) {
          yield reject('header', record.error);
          return;
        }
        const header = record.fields.map((name) => name.toLowerCase());
        const repeated = known.find((column) => header.indexOf(column) !== header.lastIndexOf(column));
        const problem = repeated
          ? { field: 'header', reason: `column '${repeated}' appears twice` }
          : checkHeader(new Set(header));
        if (problem) {
          yield reject(problem.field, problem.reason);
          return;
        }
        names = header;
      } else if ('error' in record) {
        yield reject('row', record.error);
      } else if (record.fields.length !== names.length) {
        yield reject(
          'row',
          `has ${record.fields.length} fields, the header has ${names.length}; check for unquoted commas`,
        );
      } else {
        const fields = record.fields;
        yield { line: record.line, cells: Object.fromEntries(names.map((name, i) => [name, fields[i]!])) };
      }
    }
  }
  if (!names)
    yield {
      ok: false,
      row: 1,
      field: 'header',
      reason: 'the file is empty; the first row must name the columns',
    };
}

/** Feeds every text piece to the tokenizer, then ends it. */
async function* tokenized(pieces: AsyncIterable<string>, tokenizer: CsvTokenizer) {
  for await (const piece of pieces) yield tokenizer.push(piece);
  yield tokenizer.end();
}
