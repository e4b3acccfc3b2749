/**
 * The rows of an XLSX worksheet as text records, for the same table reader as a CSV's. Dates
 * stored as dates become `YYYY-MM-DD` (a whole day) or `YYYY-MM-DD HH:MM:SS` (a wall-clock
 * time, read in the import's zone): a spreadsheet's date has no zone of its own.
 */

import { said } from '@guarantor/core/i18n/reasons';
import type { CsvRecord } from '@guarantor/core/imports';
import { ImportFileError } from '@guarantor/core/imports';
import type ExcelJS from 'exceljs';
import { exceljs } from '../exports/excel.ts';

/** The rows of a workbook's sheet (default: the first), from a file path or the file's bytes. */
export async function* xlsxRecords(
  source: string | Uint8Array,
  sheet: string | undefined,
): AsyncGenerator<CsvRecord> {
  const workbook = new (await exceljs()).Workbook();
  try {
    if (typeof source === 'string') await workbook.xlsx.readFile(source);
    else await workbook.xlsx.load(source as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(said('importChecks.notXlsx', { why: (error as Error).message }));
  }
  const names = workbook.worksheets.map((w) => w.name);
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    throw new ImportFileError(
      sheet === undefined
        ? said('importChecks.noWorksheet')
        : said('importChecks.noSheet', { sheet, sheets: names.join(', ') }),
    );
  }
  const width = worksheet.columnCount;
  for (let line = 1; line <= worksheet.rowCount; line++) {
    const row = worksheet.getRow(line);
    const fields: string[] = [];
    for (let column = 1; column <= width; column++) fields.push(cellText(row.getCell(column).value));
    // An empty row is no record, as a blank CSV line is not.
    if (fields.some((f) => f !== '')) yield { line, fields };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/** exceljs reads a date cell as the UTC instant of its wall-clock digits. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const clock = iso.slice(11, 19);
  return clock === '00:00:00' ? day : `${day} ${clock}`;
}
