import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import type { Observation } from '../monitoring/types.ts';
import type { ImportMapping } from './mapping.ts';
import type { ImportRowResult } from './observation-row.ts';
import type { TimeReading } from './time.ts';
import type { CsvDelimiter } from './tokenizer.ts';

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
  /**
   * The file's text encoding, a WHATWG label (`utf-8`, `windows-1251`, `utf-16le`, …). Default:
   * UTF-8, or Windows-1251 (common in Ukrainian spreadsheets) when the first bytes are not UTF-8.
   */
  readonly encoding?: string;
  /** CSV field delimiter; default: the one of `,` `;` tab that splits the header line most. */
  readonly delimiter?: CsvDelimiter;
  /** How the file's columns become the generic layout's fields (CSV, spreadsheets, GeoJSON properties). */
  readonly mapping?: ImportMapping;
  /** Zone and date order for times that are not ISO 8601 with a zone (a mapping's own win over these). */
  readonly time?: TimeReading;
  /** Told once each how the file was read: its encoding, delimiter, header row, rows skipped above it. */
  readonly onNotice?: (notice: string) => void;
}

/** The file as a whole cannot be read (its encoding, its structure); no row of it is taken. */
export class ImportFileError extends Error {
  /** The message as a catalogue key and values. */
  readonly refusal: Refusal;
  constructor(reason: Said) {
    super(reason.reason);
    this.refusal = reason.refusal;
  }
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

/**
 * Reads an input as text pieces, counting the bytes consumed into `progress`. Bytes are decoded
 * as `encoding`, or by default as UTF-8 unless the first chunk is not UTF-8 (then Windows-1251,
 * told through `onNotice`); bytes that are not the encoding throw an ImportFileError.
 */
export async function* textPieces(
  input: ImportInput,
  progress: { bytesRead: number },
  options: Pick<ImportOptions, 'encoding' | 'onNotice'> = {},
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
  // The decoder drops a byte order mark and holds a character split across chunks.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let encoding = options.encoding;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      progress.bytesRead += utf8ByteLength(chunk);
      yield chunk;
      continue;
    }
    if (!decoder) {
      encoding ??= guessEncoding(chunk);
      if (!options.encoding && encoding !== 'utf-8')
        options.onNotice?.(`read as ${encoding}: the file is not UTF-8`);
      decoder = textDecoder(encoding);
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFileError(said('importChecks.notEncoding', { encoding, byte: progress.bytesRead }));
    }
    progress.bytesRead += chunk.byteLength;
  }
  const tail = decoder?.decode();
  if (tail) yield tail;
}

function textDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new ImportFileError(said('importChecks.unknownEncoding', { encoding }));
  }
}

/** UTF-16 by its byte order mark; UTF-8 when the bytes are valid UTF-8 (a last character may be cut); else Windows-1251. */
function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
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
        yield reasoned(
          { ok: false, row: result.row, field: 'uid' },
          said('importChecks.uidRepeats', { uid: result.observation.uid, row: first }),
        );
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
