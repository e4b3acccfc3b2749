/**
 * An RFC 4180 CSV reader that survives bad quoting. csv-parse cannot resynchronise after a
 * quote that never closes (it swallows the rest of the file), so a row with broken quoting
 * here is reported and reading resumes at the next line: one bad row never costs the rows after it.
 */
import { type Said, said } from '../i18n/reasons/index.ts';

/** One CSV record, or one that could not be read, with the line it starts on (1-based). */
export type CsvRecord =
  | { readonly line: number; readonly fields: readonly string[] }
  | { readonly line: number; readonly error: Said };

type Step =
  | { readonly kind: 'record'; readonly fields: string[]; readonly end: number; readonly error?: Said }
  | { readonly kind: 'broken'; readonly error: Said }
  | { readonly kind: 'more' };

/** Field delimiters a file may use: comma (RFC 4180), semicolon (spreadsheets in comma-decimal locales), tab. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const NEWLINE = /\r\n|\n|\r/g;

/** Splits text fed in pieces into records; quoted fields may hold commas, quotes (`""`) and line breaks. */
export class CsvTokenizer {
  readonly #maxRecordChars: number;
  readonly #delimiter: CsvDelimiter;
  readonly #unquoted: RegExp;
  #buffer = '';
  /** Start of the unread text in #buffer; the buffer is trimmed once per push, not per record. */
  #pos = 0;
  #line = 1;
  #started = false;
  /** After a broken record, the rest of its first line is skipped, even across pushes. */
  #skipLine = false;

  /** @param maxRecordChars a longer record is reported and skipped, so memory stays bounded. */
  constructor(maxRecordChars: number, delimiter: CsvDelimiter = ',') {
    this.#maxRecordChars = maxRecordChars;
    this.#delimiter = delimiter;
    this.#unquoted = new RegExp(`[^${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]*`, 'y');
  }

  /** Feed text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    this.#buffer = this.#buffer.slice(this.#pos) + (this.#started ? text : text.replace(/^\uFEFF/, ''));
    this.#pos = 0;
    this.#started ||= text.length > 0;
    return this.#drain(false);
  }

  /** The input has ended: returns the last records. */
  end(): CsvRecord[] {
    return this.#drain(true);
  }

  #drain(eof: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    while (this.#pos < this.#buffer.length) {
      if (this.#skipLine && !this.#skipToNextLine()) break;
      const line = this.#line;
      const step = this.#record(eof);
      if (step.kind === 'more') break;
      if (step.kind === 'broken') {
        records.push({ line, error: step.error });
        // Resume on the line after the one the bad record started on.
        this.#skipLine = true;
        continue;
      }
      this.#advance(step.end);
      // A blank line, or one of delimiters only (a spreadsheet's empty row), is no record.
      const blank = step.fields.every((field) => field === '');
      if (step.error !== undefined) records.push({ line, error: step.error });
      else if (!blank) records.push({ line, fields: step.fields });
    }
    return records;
  }

  /** Drop the rest of the current line; false if its end has not arrived yet. */
  #skipToNextLine(): boolean {
    NEWLINE.lastIndex = this.#pos;
    const newline = NEWLINE.exec(this.#buffer);
    // A '\r' at the very end may still be followed by '\n'.
    if (!newline || (newline[0] === '\r' && newline.index + 1 === this.#buffer.length)) {
      this.#pos = this.#buffer.length;
      return false;
    }
    this.#advance(newline.index + newline[0].length);
    this.#skipLine = false;
    return true;
  }

  #advance(end: number): void {
    this.#line += linesIn(this.#buffer, this.#pos, end);
    this.#pos = end;
  }

  /** Read one record starting at #pos. */
  #record(eof: boolean): Step {
    const text = this.#buffer;
    const start = this.#pos;
    const limit = start + this.#maxRecordChars;
    const fields: string[] = [];
    let error: Said | undefined;
    let i = start;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        let j = i + 1;
        for (;;) {
          const close = text.indexOf('"', j);
          if (close < 0 || close > limit) {
            if (!eof && close < 0 && text.length <= limit) return { kind: 'more' };
            const quoteLine = this.#line + linesIn(text, start, i);
            return {
              kind: 'broken',
              error: said('importChecks.quoteNotClosed', { column: fields.length + 1, line: quoteLine }),
            };
          }
          if (close + 1 >= text.length && !eof) return { kind: 'more' };
          field += text.slice(j, close);
          if (text[close + 1] === '"') {
            field += '"';
            j = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        // Text between a closing quote and the delimiter: keep reading, but the row is suspect.
        const rest = unquoted(this.#unquoted, text, i);
        if (rest.trim() !== '') error ??= said('importChecks.textAfterQuote', { column: fields.length + 1 });
        field += rest;
        i += rest.length;
      } else {
        field = unquoted(this.#unquoted, text, i);
        i += field.length;
      }
      fields.push(field.trim());
      if (i > limit)
        return {
          kind: 'broken',
          error: said('importChecks.rowTooLong', { max: this.#maxRecordChars }),
        };
      if (i >= text.length) {
        if (!eof) return { kind: 'more' };
        return { kind: 'record', fields, end: i, ...(error ? { error } : {}) };
      }
      if (text[i] === this.#delimiter) {
        i += 1;
        continue;
      }
      // A lone '\r' at the end of what arrived may be the first half of '\r\n'.
      if (text[i] === '\r' && i + 1 >= text.length && !eof) return { kind: 'more' };
      const end = i + (text.startsWith('\r\n', i) ? 2 : 1);
      return { kind: 'record', fields, end, ...(error ? { error } : {}) };
    }
  }
}

function unquoted(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)![0];
}

/**
 * The delimiter a header line uses: the one of comma, semicolon and tab that splits it into
 * the most fields outside quotes (a comma wins a tie, as RFC 4180's).
 */
export function guessDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c as CsvDelimiter))
      counts.set(c as CsvDelimiter, counts.get(c as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

function linesIn(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // '\r\n' is one line break; a lone '\r' or '\n' is one too.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}
