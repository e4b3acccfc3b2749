import type { Observation } from '../monitoring/types.ts';
import type { ImportRowResult } from './observation-row.ts';

/**
 * A whole file as text, or its chunks (strings or UTF-8 bytes) as they are read. Chunks are
 * joined as they come: lines from `readline` have lost their line break, so add it back.
 */
export type ImportInput = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Rows read so far and the input consumed, for a progress bar. */
export interface ImportProgress {
  readonly rowsRead: number;
  readonly bytesRead: number;
}

/** What every import needs from its caller. */
export interface ImportOptions {
  /** When the import runs (core reads no clock): every observation's `reportedAtMs`. */
  readonly reportedAtMs: number;
  /** Called every 1,000 rows and once at the end. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** A rejected row: its number, the column (or `row`, `header`, `file`) and why. */
export type ImportRejection = Extract<ImportRowResult, { ok: false }>;

/** The final report of one import; nothing is stored unless the caller stores `accepted`. */
export interface ImportReport {
  readonly rowsRead: number;
  readonly accepted: readonly Observation[];
  readonly rejected: readonly ImportRejection[];
}

/** Run an import to the end and gather its report. */
export async function collectImport(rows: AsyncIterable<ImportRowResult>): Promise<ImportReport> {
  const accepted: Observation[] = [];
  const rejected: ImportRejection[] = [];
  for await (const result of rows) {
    if (result.ok) accepted.push(result.observation);
    else rejected.push(result);
  }
  return { rowsRead: accepted.length + rejected.length, accepted, rejected };
}

const PROGRESS_EVERY_ROWS = 1000;
const STRING_SLICE_CHARS = 1 << 20;

/** Reads an input as text pieces, counting the bytes consumed into `progress`. */
export async function* textPieces(
  input: ImportInput,
  progress: { bytesRead: number },
): AsyncGenerator<string> {
  if (typeof input === 'string') {
    // Slices keep one huge string from turning into one huge batch of rows.
    for (let at = 0; at < input.length; at += STRING_SLICE_CHARS) {
      const piece = input.slice(at, at + STRING_SLICE_CHARS);
      progress.bytesRead += utf8ByteLength(piece);
      yield piece;
    }
    return;
  }
  // The decoder drops a UTF-8 byte order mark and holds a character split across chunks.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) {
    progress.bytesRead += typeof chunk === 'string' ? utf8ByteLength(chunk) : chunk.byteLength;
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * Applies what every format shares: a uid appears once per file (a second row with it is
 * rejected, not silently merged) and progress is reported.
 */
export async function* checkedRows(
  rows: AsyncIterable<ImportRowResult>,
  progress: { bytesRead: number },
  onProgress: ImportOptions['onProgress'],
): AsyncGenerator<ImportRowResult> {
  const firstRowOfUid = new Map<string, number>();
  let rowsRead = 0;
  for await (const result of rows) {
    rowsRead += 1;
    if (result.ok) {
      const first = firstRowOfUid.get(result.observation.uid);
      if (first !== undefined) {
        yield {
          ok: false,
          row: result.row,
          field: 'uid',
          reason: `'${result.observation.uid}' repeats row ${first}`,
        };
      } else {
        firstRowOfUid.set(result.observation.uid, result.row);
        yield result;
      }
    } else {
      yield result;
    }
    if (rowsRead % PROGRESS_EVERY_ROWS === 0) onProgress?.({ rowsRead, bytesRead: progress.bytesRead });
  }
  onProgress?.({ rowsRead, bytesRead: progress.bytesRead });
}

function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 counted here for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}
