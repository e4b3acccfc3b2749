/**
 * Reconstruction needs per sector from the Rapid Damage and Needs Assessments (RDNA), as a
 * table with a source for every row (`rdna_needs_by_sector.csv`). Some figures are rounded by
 * their source ("almost", "over", "more than"): the row says so, and a page must too.
 */
import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import { readScaled } from './money.ts';
import { byRow, type ImportProblem, readTable } from './table.ts';

/** The columns of the needs table. */
export const NEEDS_COLUMNS = [
  'assessment',
  'sector',
  'damage_usd',
  'needs_usd',
  'source_url',
  'page',
  'as_stated',
] as const;

/** One assessment's need in one sector (TOTAL for the whole), in US cents. */
export interface SectorNeed {
  readonly row: number;
  /** Short name: RDNA3. */
  readonly assessment: string;
  /** The assessment as the table names it, with its dates. */
  readonly assessmentTitle: string;
  /** Publication date or month as the title gives it (2024-02-15, 2023-03). */
  readonly published: string | null;
  readonly sector: string;
  readonly currency: 'USD';
  readonly needsMinor: bigint;
  readonly damageMinor: bigint | null;
  readonly sourceUrl: string;
  readonly page: string;
  /** The source's own words. */
  readonly asStated: string;
  /** The source rounds the needs figure ("almost $588 billion", "more than $63 billion", "about USD411 billion"). */
  readonly rounded: boolean;
}

/** What a needs table gave. */
export interface NeedsImport {
  readonly rowsRead: number;
  readonly needs: readonly SectorNeed[];
  readonly problems: readonly ImportProblem[];
}

/** A rounding word right before a figure: "almost $588 billion", "about USD411 billion" (not "over the next ten years"). */
const ROUNDING = /\b(?:almost|over|more than|about|nearly|around|some|topping)\s+(?:US\$|USD\s?|\$|€)\s?\d/i;

/** The words about the needs figure: the part not labelled `damage:` when the text has both. */
function needsWords(asStated: string): string {
  return asStated
    .split(';')
    .filter((part) => !/^\s*damage:/i.test(part))
    .join(';');
}

/** Reads a needs table (USD amounts). */
export function parseNeeds(text: string): NeedsImport {
  const table = readTable(text, NEEDS_COLUMNS);
  const problems: ImportProblem[] = [...table.problems];
  const needs: SectorNeed[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const before = problems.length;
    const problem = (field: string, reason: Said) => problems.push(reasoned({ row, field }, reason));
    const title = cells.assessment!;
    const assessment = /^\S+/.exec(title)?.[0] ?? '';
    if (assessment === '') problem('assessment', said('financeChecks.needs.empty'));
    const sector = cells.sector!;
    if (sector === '' || /^[-+\d.]+$/.test(sector))
      problem('sector', said('financeChecks.needs.notSector', { text: sector }));
    const needsMinor = readScaled(cells.needs_usd!, 2);
    if (typeof needsMinor !== 'bigint') problem('needs_usd', needsMinor);
    else if (needsMinor < 0n)
      problem('needs_usd', said('financeChecks.needs.negative', { text: cells.needs_usd }));
    let damageMinor: bigint | null = null;
    if (cells.damage_usd !== '') {
      const d = readScaled(cells.damage_usd!, 2);
      if (typeof d !== 'bigint') problem('damage_usd', d);
      else if (d < 0n)
        problem('damage_usd', said('financeChecks.needs.negative', { text: cells.damage_usd }));
      else damageMinor = d;
    }
    if (!/^https?:\/\/\S+$/.test(cells.source_url!))
      problem('source_url', said('financeChecks.needs.notUrl', { text: cells.source_url }));
    const key = `${assessment} ${sector.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problem('row', said('financeChecks.needs.duplicate', { assessment, sector, row: earlier }));
    if (problems.length > before) continue;
    seen.set(key, row);
    needs.push({
      row,
      assessment,
      assessmentTitle: title,
      published: /published (\d{4}-\d{2}(?:-\d{2})?)/.exec(title)?.[1] ?? null,
      sector,
      currency: 'USD',
      needsMinor: needsMinor as bigint,
      damageMinor,
      sourceUrl: cells.source_url!,
      page: cells.page!,
      asStated: cells.as_stated!,
      rounded: ROUNDING.test(needsWords(cells.as_stated!)),
    });
  }
  return { rowsRead: table.rows.length, needs, problems: byRow(problems) };
}
