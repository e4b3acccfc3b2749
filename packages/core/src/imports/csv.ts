import { checkedRows, type ImportInput, type ImportOptions, textPieces } from './input.ts';
import {
  BEARING_COLUMNS,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRowResult,
  POINT_COLUMNS,
  REQUIRED_COLUMNS,
  rowToObservation,
} from './observation-row.ts';
import { type CsvRecord, CsvTokenizer } from './tokenizer.ts';

/** A longer row is rejected rather than held: the longest real remarks are a few KiB. */
export const MAX_CSV_ROW_CHARS = 64 * 1024;

/**
 * Read a CSV of the generic layout (docs/import-csv.md) into observations, one result per
 * row, in order. Never throws on bad content: a bad header yields one rejection and stops.
 */
export function readCsvObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  return checkedRows(csvRows(input, options.reportedAtMs, progress), progress, options.onProgress);
}

async function* csvRows(
  input: ImportInput,
  reportedAtMs: number,
  progress: { bytesRead: number },
): AsyncGenerator<ImportRowResult> {
  const tokenizer = new CsvTokenizer(MAX_CSV_ROW_CHARS);
  let header: ReadonlyMap<string, number> | undefined;
  let width = 0;
  for await (const piece of endWith(textPieces(input, progress), tokenizer)) {
    for (const record of piece) {
      if (!header) {
        const checked = checkHeader(record);
        if ('reason' in checked) {
          yield checked;
          return;
        }
        header = checked.columns;
        width = checked.width;
        continue;
      }
      if ('error' in record) {
        yield { ok: false, row: record.line, field: 'row', reason: record.error };
      } else if (record.fields.length !== width) {
        yield {
          ok: false,
          row: record.line,
          field: 'row',
          reason: `has ${record.fields.length} fields, the header has ${width}; check for unquoted commas`,
        };
      } else {
        const columns = header;
        const fields = record.fields;
        yield rowToObservation(
          (column) => {
            const index = columns.get(column);
            return index === undefined ? undefined : fields[index];
          },
          record.line,
          reportedAtMs,
        );
      }
    }
  }
  if (!header)
    yield {
      ok: false,
      row: 1,
      field: 'header',
      reason: 'the file is empty; the first row must name the columns',
    };
}

/** Feeds every text piece to the tokenizer, then ends it. */
async function* endWith(pieces: AsyncIterable<string>, tokenizer: CsvTokenizer) {
  for await (const piece of pieces) yield tokenizer.push(piece);
  yield tokenizer.end();
}

function checkHeader(
  record: CsvRecord,
):
  | { readonly columns: ReadonlyMap<string, number>; readonly width: number }
  | Extract<ImportRowResult, { ok: false }> {
  const reject = (field: string, reason: string) => ({ ok: false as const, row: record.line, field, reason });
  if ('error' in record) return reject('header', record.error);
  const names = record.fields.map((name) => name.toLowerCase());
  const columns = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    // Other columns are allowed and ignored, so a spreadsheet can keep its own notes.
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) continue;
    if (columns.has(name)) return reject('header', `column '${name}' appears twice`);
    columns.set(name, index);
  }
  const missing = (wanted: readonly ImportColumn[]) => wanted.filter((column) => !columns.has(column));
  const missingRequired = missing(REQUIRED_COLUMNS);
  if (missingRequired.length > 0) {
    return reject(
      missingRequired[0]!,
      `the header lacks ${missingRequired.join(', ')}; see docs/import-csv.md`,
    );
  }
  if (missing(POINT_COLUMNS).length > 0 && missing(BEARING_COLUMNS).length > 0) {
    return reject('header', `the header needs lng and lat, or ${BEARING_COLUMNS.join(', ')}`);
  }
  return { columns, width: names.length };
}
