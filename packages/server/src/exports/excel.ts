/**
 * exceljs, loaded with the first workbook a request asks for: importing it costs 0.18 s, which
 * every start paid before (ADR 0041), and most starts never write a workbook.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/** The exceljs module, imported once. */
export function exceljs(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
