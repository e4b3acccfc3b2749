/**
 * A small CSV table reader for the finance importers: a fixed header, every row the header's
 * width, each problem named by row and field. Pure: text in, rows and problems out.
 */

import { reasoned, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import { type CsvRecord, CsvTokenizer } from '../imports/tokenizer.ts';

/**
 * One thing wrong with an input file, where a finance officer can find it (rows count from 1,
 * the header is row 1): `reason` in English, `refusal` the same as a catalogue key and values.
 */
export interface ImportProblem {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
  readonly refusal: Refusal;
}

/** A data row by column name, with the line it starts on. */
export interface TableRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** Longest row taken; a real row of these files is under 1 KiB. */
const MAX_ROW_CHARS = 64 * 1024;

/**
 * The rows of a comma-separated table whose header holds every `required` column (others are
 * kept, so a file may carry its own notes). A missing column refuses the file (one problem
 * on row 1); a row of another width than the header is a problem of that row.
 */
export function readTable(
  text: string,
  required: readonly string[],
): { readonly rows: readonly TableRow[]; readonly problems: readonly ImportProblem[] } {
  const tokenizer = new CsvTokenizer(MAX_ROW_CHARS, ',');
  const records: CsvRecord[] = [...tokenizer.push(text.replace(/^\uFEFF/, '')), ...tokenizer.end()];
  const nonBlank = records.filter((r) => !('fields' in r) || r.fields.some((f) => f.trim() !== ''));
  const header = nonBlank[0];
  if (!header)
    return { rows: [], problems: [reasoned({ row: 1, field: 'header' }, said('financeChecks.fileEmpty'))] };
  if ('error' in header)
    return { rows: [], problems: [reasoned({ row: header.line, field: 'header' }, header.error)] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = required.filter((c) => !names.includes(c));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (missing.length > 0 || twice) {
    return {
      rows: [],
      problems: [
        reasoned(
          { row: header.line, field: 'header' },
          twice
            ? said('financeChecks.columnTwice', { column: twice })
            : said('financeChecks.missingColumns', {
                count: missing.length,
                columns: missing.map((m) => `'${m}'`).join(', '),
                required: required.join(', '),
              }),
        ),
      ],
    };
  }
  const rows: TableRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of nonBlank.slice(1)) {
    if ('error' in record) {
      problems.push(reasoned({ row: record.line, field: 'row' }, record.error));
    } else if (record.fields.length !== names.length) {
      problems.push(
        reasoned(
          { row: record.line, field: 'row' },
          said('financeChecks.fieldCount', { fields: record.fields.length, columns: names.length }),
        ),
      );
    } else {
      rows.push({
        row: record.line,
        cells: Object.fromEntries(names.map((n, i) => [n, record.fields[i]!.trim()])),
      });
    }
  }
  return { rows, problems };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a real calendar date YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Problems in the order of the file (stable within a row), as a finance officer reads them. */
export function byRow(problems: readonly ImportProblem[]): readonly ImportProblem[] {
  return [...problems].sort((a, b) => a.row - b.row);
}
