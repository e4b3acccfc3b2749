import { ucdpToObservations } from '../monitoring/ucdp.ts';
import { csvTable } from './csv.ts';
import { checkedRows, type ImportInput, type ImportOptions } from './input.ts';
import type { ImportRowResult } from './observation-row.ts';

/** The UCDP GED columns the conversion reads. */
export const UCDP_COLUMNS = [
  'id',
  'type_of_violence',
  'dyad_name',
  'source_office',
  'source_date',
  'where_prec',
  'where_description',
  'latitude',
  'longitude',
  'date_start',
  'date_end',
  'best',
] as const;

/** Observation paths back to the UCDP column a user can look up. */
const UCDP_COLUMN_OF_PATH: Readonly<Record<string, string>> = {
  'source.id': 'source_office',
  'time.startMs': 'date_start',
  'time.endMs': 'date_end',
  category: 'type_of_violence',
  count: 'best',
  'location.position[0]': 'longitude',
  'location.position[1]': 'latitude',
  'location.radiusM': 'where_prec',
  reportedAtMs: 'source_date',
};

/**
 * Read a UCDP GED CSV: each event row becomes one observation per source article, by the
 * monitoring conversion (`ucdpToObservations`); so one row may give several results, and
 * `rowsRead` counts (event, article) pairs. Rows are converted as they are read.
 * The import time is not used: UCDP dates each article itself.
 */
export function readUcdpObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  return checkedRows(ucdpRows(input, progress), progress, options.onProgress);
}

async function* ucdpRows(
  input: ImportInput,
  progress: { bytesRead: number },
): AsyncGenerator<ImportRowResult> {
  const table = csvTable(input, progress, UCDP_COLUMNS, (columns) => {
    const missing = UCDP_COLUMNS.filter((column) => !columns.has(column));
    return missing.length > 0
      ? { field: missing[0]!, reason: `not a UCDP GED file: the header lacks ${missing.join(', ')}` }
      : undefined;
  });
  for await (const row of table) {
    if (!('cells' in row)) {
      yield row;
      continue;
    }
    const conversion = ucdpToObservations([row.cells]);
    for (const observation of conversion.observations) yield { ok: true, row: row.line, observation };
    for (const { error } of conversion.rejected) {
      yield {
        ok: false,
        row: row.line,
        field: UCDP_COLUMN_OF_PATH[error.field] ?? error.field,
        reason: error.message.replace(/^observation rejected: [^:]+: /, ''),
      };
    }
  }
}
