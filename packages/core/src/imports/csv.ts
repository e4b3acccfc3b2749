import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import {
  checkedRows,
  ImportFileError,
  type ImportInput,
  type ImportOptions,
  type ImportRejection,
  textPieces,
} from './input.ts';
import {
  type Cells,
  MappingError,
  mappedValues,
  missingForHeader,
  sourceColumn,
  timeReadingOf,
} from './mapping.ts';
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRowResult,
  rowToObservation,
} from './observation-row.ts';
import { type CsvDelimiter, type CsvRecord, CsvTokenizer, guessDelimiter } from './tokenizer.ts';

/** A longer row is rejected rather than held: the longest real remarks are a few KiB. */
export const MAX_CSV_ROW_CHARS = 64 * 1024;

/** How many rows from the top may sit above the header (a title, a date, a blank line). */
export const MAX_ROWS_ABOVE_HEADER = 10;

/** One data row by (lower-cased) column name, with the line it starts on. */
export interface CsvTableRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A header check: the problem with a header (its column set), or undefined when it serves. */
export type HeaderCheck = (
  columns: ReadonlySet<string>,
) => { field: string; reason: string; refusal?: Refusal } | undefined;

/**
 * Read a CSV of the generic layout (docs/import-csv.md), or of any layout through
 * `options.mapping`, into observations, one result per row, in order. The delimiter is
 * guessed from the first lines unless given; the header may sit below a few title rows.
 * Never throws on bad content: a bad header yields one rejection and stops.
 */
export function readCsvObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  const format: { delimiter?: CsvDelimiter } = {};
  return checkedRows(
    observationRows(csvRecords(input, progress, options, format), options, format),
    progress,
    options.onProgress,
  );
}

/**
 * Read rows of a spreadsheet (cells as text, the first sheet's rows in order, row numbers as
 * the sheet shows them) the way `readCsvObservations` reads a CSV's records.
 */
export function readTableObservations(
  rows: AsyncIterable<CsvRecord> | Iterable<CsvRecord>,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  return checkedRows(observationRows(rows, options), { bytesRead: 0 }, options.onProgress);
}

async function* observationRows(
  records: AsyncIterable<CsvRecord> | Iterable<CsvRecord>,
  options: ImportOptions,
  format: { readonly delimiter?: CsvDelimiter } = {},
): AsyncGenerator<ImportRowResult> {
  const mapping = options.mapping;
  const reading = {
    time: timeReadingOf(mapping, options.time),
    columnOf: (field: ImportColumn) => sourceColumn(mapping, field) ?? field,
    // Read once the first record has fixed the delimiter.
    get decimalComma() {
      return format.delimiter === ';';
    },
  };
  const read = readColumns(mapping);
  const check: HeaderCheck = (columns) => missingForHeader(mapping, columns);
  for await (const row of tableRows(records, read, check, options.onNotice)) {
    if (!('cells' in row)) {
      yield row;
      continue;
    }
    const cells: Cells = (column) => row.cells[column];
    try {
      yield rowToObservation(mappedValues(mapping, cells), row.line, options.reportedAtMs, reading);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      yield reasoned(
        { ok: false, row: row.line, field: error.column },
        { reason: error.message, refusal: error.refusal },
      );
    }
  }
}

/** Every column a mapping reads: a column read twice in a header is refused. */
function readColumns(mapping: ImportOptions['mapping']): readonly string[] {
  const columns = new Set<string>(IMPORT_COLUMNS);
  for (const field of IMPORT_COLUMNS) {
    const column = sourceColumn(mapping, field);
    if (column) columns.add(column);
  }
  for (const column of mapping?.uidFrom ?? []) columns.add(column.toLowerCase());
  return [...columns];
}

/**
 * The rows of a CSV with a header, or a rejection for each unreadable row. Columns other
 * than `known` are allowed (a spreadsheet may keep its own notes) but not a known one twice.
 */
export function csvTable(
  input: ImportInput,
  progress: { bytesRead: number },
  known: readonly string[],
  checkHeader: HeaderCheck,
  options: Pick<ImportOptions, 'encoding' | 'delimiter' | 'onNotice'> = {},
): AsyncGenerator<CsvTableRow | ImportRejection> {
  return tableRows(csvRecords(input, progress, options), known, checkHeader, options.onNotice);
}

/**
 * A table's rows by column name. The header is the first of the top rows that `checkHeader`
 * accepts (rows above it are skipped and told); when none is, the first row's problem is the
 * one rejection. A file that cannot be read as text is one rejection of field `file`.
 */
async function* tableRows(
  records: AsyncIterable<CsvRecord> | Iterable<CsvRecord>,
  known: readonly string[],
  checkHeader: HeaderCheck,
  onNotice: ImportOptions['onNotice'],
): AsyncGenerator<CsvTableRow | ImportRejection> {
  let names: readonly string[] | undefined;
  const above: CsvRecord[] = [];
  try {
    for await (const record of records) {
      const reject = (field: string, reason: Said) =>
        reasoned({ ok: false as const, row: record.line, field }, reason);
      if (!names) {
        const problem = headerProblem(record, known, checkHeader);
        if (problem === undefined && 'fields' in record) {
          names = record.fields.map((name) => name.toLowerCase());
          if (above.length > 0) {
            const rows = above.map((r) => r.line).join(', ');
            onNotice?.(
              `the header is on row ${record.line}; ${above.length === 1 ? `row ${rows} above it is` : `rows ${rows} above it are`} skipped`,
            );
          }
          continue;
        }
        above.push(record);
        if (above.length > MAX_ROWS_ABOVE_HEADER || 'error' in record) {
          const first = above[0]!;
          const firstProblem = headerProblem(first, known, checkHeader)!;
          yield reasoned({ ok: false, row: first.line, field: firstProblem.field }, firstProblem, {
            refused: true,
          });
          return;
        }
        continue;
      }
      if ('error' in record) {
        yield reject('row', record.error);
      } else if (record.fields.length !== names.length) {
        yield reject(
          'row',
          said('importChecks.fieldCount', { fields: record.fields.length, columns: names.length }),
        );
      } else {
        const fields = record.fields;
        yield { line: record.line, cells: Object.fromEntries(names.map((name, i) => [name, fields[i]!])) };
      }
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    yield reasoned(
      { ok: false, row: 0, field: 'file' },
      { reason: error.message, refusal: error.refusal },
      { refused: true },
    );
    return;
  }
  if (!names) {
    const first = above[0];
    const problem = first ? headerProblem(first, known, checkHeader) : undefined;
    yield problem
      ? reasoned({ ok: false, row: first!.line, field: problem.field }, problem, { refused: true })
      : reasoned({ ok: false, row: 1, field: 'header' }, said('importChecks.fileEmpty'), { refused: true });
  }
}

function headerProblem(
  record: CsvRecord,
  known: readonly string[],
  checkHeader: HeaderCheck,
): { field: string; reason: string; refusal?: Refusal } | undefined {
  if ('error' in record) return reasoned({ field: 'header' }, record.error);
  const header = record.fields.map((name) => name.toLowerCase());
  const repeated = known.find((column) => header.indexOf(column) !== header.lastIndexOf(column));
  return repeated
    ? reasoned({ field: 'header' }, said('financeChecks.columnTwice', { column: repeated }))
    : checkHeader(new Set(header));
}

/** The records of a CSV text; the delimiter is `options.delimiter` or guessed from the first lines. */
export async function* csvRecords(
  input: ImportInput,
  progress: { bytesRead: number },
  options: Pick<ImportOptions, 'encoding' | 'delimiter' | 'onNotice'> = {},
  /** Given the delimiter once it is known. */
  format: { delimiter?: CsvDelimiter } = {},
): AsyncGenerator<CsvRecord> {
  let tokenizer: CsvTokenizer | undefined;
  let held = '';
  const start = (text: string) => {
    const delimiter: CsvDelimiter = options.delimiter ?? delimiterOfLines(text);
    format.delimiter = delimiter;
    if (!options.delimiter && delimiter !== ',')
      options.onNotice?.(`fields are separated by ${delimiter === ';' ? 'semicolons' : 'tabs'}`);
    return new CsvTokenizer(MAX_CSV_ROW_CHARS, delimiter);
  };
  for await (const piece of textPieces(input, progress, options)) {
    if (!tokenizer) {
      // Hold text until a few lines have arrived to guess the delimiter from.
      held += piece;
      if (held.split('\n').length <= MAX_ROWS_ABOVE_HEADER && held.length < MAX_CSV_ROW_CHARS) continue;
      tokenizer = start(held);
      yield* tokenizer.push(held);
      held = '';
      continue;
    }
    yield* tokenizer.push(piece);
  }
  tokenizer ??= start(held);
  if (held) yield* tokenizer.push(held);
  yield* tokenizer.end();
}

/** The delimiter that splits the most of the first non-blank lines the most (a title line has none). */
function delimiterOfLines(text: string): CsvDelimiter {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, MAX_ROWS_ABOVE_HEADER);
  let best: CsvDelimiter = ',';
  let bestFields = 0;
  for (const line of lines) {
    const delimiter = guessDelimiter(line);
    const fields = line.split(delimiter).length;
    if (fields > bestFields) {
      best = delimiter;
      bestFields = fields;
    }
  }
  return best;
}
