/**
 * `guarantor import` as a library: reads a file of events (CSV, spreadsheet, GeoJSON, UCDP GED)
 * through an optional column mapping into observations and stores them in one transaction.
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { formatReleasability, type Releasability } from '@guarantor/core/access';
import {
  type CsvDelimiter,
  type ImportMapping,
  type ImportOptions,
  type ImportRowResult,
  readCsvObservations,
  readGeoJsonObservations,
  readTableObservations,
  readUcdpObservations,
  type TimeReading,
} from '@guarantor/core/imports';
import type { Observation } from '@guarantor/core/monitoring';
import { type Database, type ObservationToStore, storeObservations } from '@guarantor/db';
import { xlsxRecords } from '@guarantor/server/imports/xlsx';
import type { Kysely } from 'kysely';

/** The file layouts `guarantor import` reads. */
export const IMPORT_FORMATS = ['ucdp', 'csv', 'xlsx', 'geojson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How the file is read beyond its format: a mapping, its encoding and delimiter, its times. */
export interface ImportReading {
  readonly mapping?: ImportMapping;
  readonly encoding?: string;
  readonly delimiter?: CsvDelimiter;
  readonly time?: TimeReading;
  /** The worksheet of an XLSX file to read (default: the first). */
  readonly sheet?: string;
  /** Told how the file was read (its encoding, delimiter, header row). */
  readonly onNotice?: (notice: string) => void;
}

/** The layout a file's name suggests, or undefined. */
export function formatOfFile(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  return undefined;
}

/** The observations a file yields, row by row, as `import` and `--dry-run` read them. */
export function readImportFile(
  file: string,
  format: ImportFormat,
  reading: ImportReading & Pick<ImportOptions, 'reportedAtMs' | 'onProgress'>,
): AsyncGenerator<ImportRowResult> {
  const options: ImportOptions = {
    reportedAtMs: reading.reportedAtMs,
    ...(reading.onProgress ? { onProgress: reading.onProgress } : {}),
    ...(reading.mapping ? { mapping: reading.mapping } : {}),
    ...(reading.encoding ? { encoding: reading.encoding } : {}),
    ...(reading.delimiter ? { delimiter: reading.delimiter } : {}),
    ...(reading.time ? { time: reading.time } : {}),
    ...(reading.onNotice ? { onNotice: reading.onNotice } : {}),
  };
  if (format === 'xlsx') return readTableObservations(xlsxRecords(file, reading.sheet), options);
  return READERS[format](createReadStream(file), options);
}

/** One refused row: its number, the column at fault, why. */
export interface ImportRejectRow {
  /** The file as a whole was refused (its header, its encoding): this is its only rejection. */
  readonly refused?: boolean;
  readonly row: number;
  readonly uid?: string;
  readonly field: string;
  readonly reason: string;
}

/** A row the reader refused, as the import reports it. */
export function rejectOf(result: Extract<ImportRowResult, { ok: false }>): ImportRejectRow {
  return {
    row: result.row,
    field: result.field,
    reason: result.reason,
    ...(result.refused ? { refused: true } : {}),
  };
}

/** The final report of an import. */
export interface ImportSummary {
  /**
   * False when nothing was stored: rows were rejected and partial imports were not accepted,
   * or the file was refused.
   */
  readonly committed: boolean;
  /** The file as a whole was refused (its header, its encoding, not the format): no row was read. */
  readonly refused: boolean;
  readonly rowsRead: number;
  readonly stored: number;
  readonly replaced: number;
  readonly unchanged: number;
  readonly rejected: readonly ImportRejectRow[];
  readonly label: string;
}

/** Rows stored per statement batch inside the import's one transaction. */
const STORE_EVERY = 5000;

const READERS: Readonly<
  Record<
    Exclude<ImportFormat, 'xlsx'>,
    (input: AsyncIterable<Uint8Array>, options: ImportOptions) => AsyncGenerator<ImportRowResult>
  >
> = {
  ucdp: readUcdpObservations,
  csv: readCsvObservations,
  geojson: readGeoJsonObservations,
};

/** Rolls the import's transaction back when rows were rejected and a partial import was not accepted. */
class RejectedRows extends Error {}

/**
 * Reads a file of events into observations and stores them in ONE transaction, and a rerun
 * changes nothing (idempotent by uid). Every row gets an outcome; refused rows come back with
 * their number, column and reason. When any row is rejected nothing is stored, unless
 * `acceptPartial` (then the accepted rows are). `nation` replaces the source nation (UCDP
 * names none: its rows carry `XXX`).
 */
export async function importObservations(
  db: Kysely<Database>,
  file: string,
  options: ImportReading & {
    readonly format: ImportFormat;
    /** Store the accepted rows even when others are rejected. */
    readonly acceptPartial?: boolean;
    readonly nation?: string;
    /** Whose uid namespace the rows are stored in; default: `nation`, else each row's source nation. */
    readonly submitterNation?: string;
    readonly label: Releasability;
    readonly reportedAtMs: number;
    readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  },
): Promise<ImportSummary> {
  const totalBytes = statSync(file).size;
  const rows = readImportFile(file, options.format, {
    ...options,
    onProgress: (p) => options.onProgress?.(p.bytesRead, totalBytes),
  });
  const rejected: ImportRejectRow[] = [];
  const tally = { rowsRead: 0, stored: 0, replaced: 0, unchanged: 0 };
  let committed = true;
  await db
    .transaction()
    .execute(async (trx) => {
      let pending: { row: number; item: ObservationToStore }[] = [];
      const flush = async () => {
        if (pending.length === 0) return;
        const outcomes = await storeObservations(
          trx,
          pending.map((p) => p.item),
        );
        outcomes.forEach((outcome, i) => {
          const { row, item } = pending[i]!;
          if (outcome.status === 'rejected')
            rejected.push({ row, uid: item.observation.uid, field: outcome.field, reason: outcome.message });
          else tally[outcome.status]++;
        });
        pending = [];
      };
      for await (const result of rows) {
        tally.rowsRead++;
        if (!result.ok) {
          rejected.push(rejectOf(result));
          continue;
        }
        const observation: Observation = options.nation
          ? { ...result.observation, source: { ...result.observation.source, nation: options.nation } }
          : result.observation;
        pending.push({
          row: result.row,
          // The operator vouches for the file's source ids: no submitter, so they judge independence.
          item: {
            observation,
            label: options.label,
            submittedBy: 'guarantor import',
            submitterNation: options.submitterNation ?? observation.source.nation,
          },
        });
        if (pending.length >= STORE_EVERY) await flush();
      }
      await flush();
      if (rejected.length > 0 && !options.acceptPartial) throw new RejectedRows();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RejectedRows)) throw error;
      committed = false;
    });
  const refused = rejected.some((r) => r.refused);
  const counts = committed ? tally : { rowsRead: tally.rowsRead, stored: 0, replaced: 0, unchanged: 0 };
  return { ...counts, committed, refused, rejected, label: formatReleasability(options.label) };
}

/** One CSV cell, quoted when it must be, with a leading = + - @ defused for spreadsheets. */
export function csvCell(value: unknown): string {
  const text = String(value ?? '');
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Writes every rejected row to a CSV file: row, uid, field, reason. */
export function writeRejects(path: string, rejected: readonly ImportRejectRow[]): void {
  const lines = [
    'row,uid,field,reason',
    ...rejected.map((r) => [r.row, r.uid ?? '', r.field, r.reason].map(csvCell).join(',')),
  ];
  writeFileSync(path, `${lines.join('\n')}\n`);
}
