/** A sustainment plan as an XLSX workbook: timeline, cliffs, nations over time, shortfalls, coverage. */
import type * as Api from '@guarantor/core/api';
import type ExcelJS from 'exceljs';
import { exceljs } from '../exports/excel.ts';

/** The workbook of `GET /api/sustainment-plans/:id/export.xlsx` and `guarantor sustainment export`. */
export async function sustainmentWorkbook(plan: Api.SustainmentPlanView, created: Date): Promise<Buffer> {
  const workbook = new (await exceljs()).Workbook();
  workbook.creator = 'Guarantor';
  workbook.created = created;
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  const timeline = workbook.addWorksheet('Timeline');
  bold(timeline.addRow(['Requirement', ...plan.months]));
  for (const t of plan.timeline)
    timeline.addRow([
      t.requirementName,
      ...t.cells.map((c) =>
        c.needed === 0
          ? ''
          : `${c.nations.join(', ') || 'none'} ${c.units}/${c.needed}${c.handover === 'relief_in_place' ? ' (relief in place)' : c.handover === 'rotation' ? ' (rotation)' : ''}`,
      ),
    ]);
  timeline.getColumn(1).width = 50;
  timeline.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  const cliffs = workbook.addWorksheet('Cliffs');
  bold(cliffs.addRow(['Month', 'Nation', 'Cause', 'What happens', 'Next-best fill']));
  for (const c of plan.cliffs)
    cliffs.addRow([
      c.month,
      c.nationName,
      c.cause.replaceAll('_', ' '),
      c.message,
      c.nextBestFill.map((f) => `${f.nationName} (${f.offerId}): ${f.units}`).join('; '),
    ]);
  cliffs.getColumn(4).width = 100;
  const nations = workbook.addWorksheet('Nations over time');
  bold(nations.addRow(['Nation', ...plan.months]));
  for (const n of plan.nations) nations.addRow([n.nationName, ...n.units]);
  const gaps = workbook.addWorksheet('Shortfalls');
  bold(gaps.addRow(['Requirement', 'From', 'To', 'Has', 'Needs', 'Why']));
  for (const u of plan.uncovered)
    gaps.addRow([u.requirementName, u.from, u.to, u.allocated, u.required, u.summary]);
  gaps.getColumn(6).width = 100;
  const coverage = workbook.addWorksheet('Coverage');
  bold(coverage.addRow(['Month', 'Coverage']));
  plan.months.forEach((m, i) => {
    coverage.addRow([m, plan.coverageByMonth[i]]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
