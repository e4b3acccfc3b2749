import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { formatReleasability, type Releasability } from '@guarantor/core/access';
import {
  type ImportOptions,
  type ImportRowResult,
  readCsvObservations,
  readGeoJsonObservations,
  readUcdpObservations,
} from '@guarantor/core/imports';
import type { Observation } from '@guarantor/core/monitoring';
import { type Database, type ObservationToStore, storeObservations } from '@guarantor/db';
import type { Kysely } from 'kysely';

/** The file layouts `guarantor import` reads. */
export const IMPORT_FORMATS = ['ucdp', 'csv', 'geojson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One refused row: its number, the column at fault, why. */
export interface ImportRejectRow {
  readonly row: number;
  readonly uid?: string;
  readonly field: string;
  readonly reason: string;
}

/** The final report of an import. */
export interface ImportSummary {
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
    ImportFormat,
    (input: AsyncIterable<Uint8Array>, options: ImportOptions) => AsyncGenerator<ImportRowResult>
  >
> = {
  ucdp: readUcdpObservations,
  csv: readCsvObservations,
  geojson: readGeoJsonObservations,
};

/**
 * Reads a file of events into observations and stores them in ONE transaction: the file is
 * imported whole or not at all, and a rerun changes nothing (idempotent by uid). Every row gets
 * an outcome; refused rows come back with their number, column and reason. `nation` replaces
 * the source nation (UCDP names none: its rows carry `XXX`).
 */
export async function importObservations(
  db: Kysely<Database>,
  file: string,
  options: {
    readonly format: ImportFormat;
    readonly nation?: string;
    /** Whose uid namespace the rows are stored in; default: `nation`, else each row's source nation. */
    readonly submitterNation?: string;
    readonly label: Releasability;
    readonly reportedAtMs: number;
    readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  },
): Promise<ImportSummary> {
  const totalBytes = statSync(file).size;
  const rows = READERS[options.format](createReadStream(file), {
    reportedAtMs: options.reportedAtMs,
    onProgress: (p) => options.onProgress?.(p.bytesRead, totalBytes),
  });
  const rejected: ImportRejectRow[] = [];
  const tally = { rowsRead: 0, stored: 0, replaced: 0, unchanged: 0 };
  await db.transaction().execute(async (trx) => {
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
        rejected.push({ row: result.row, field: result.field, reason: result.reason });
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
  });
  return { ...tally, rejected, label: formatReleasability(options.label) };
}

function csvCell(value: unknown): string {
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
