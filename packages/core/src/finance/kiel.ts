/**
 * The Kiel Ukraine Support Tracker's data-explorer CSV (`ust_data_explorer.csv`): one row per
 * donor and month, amounts in EUR billions with up to six decimals. Each row becomes flows:
 * an allocation per category (military, financial, humanitarian) and a commitment (the tracker
 * does not split commitments by category). ADR 0027 gives the mapping. The tracker's own
 * identities are checked, so a shifted column cannot pass: total = financial + humanitarian +
 * military, and to_be_allocated = commitments − total.
 */

import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import { isIso3 } from '../reference/nations.ts';
import { readScaled } from './money.ts';
import type { DonorKind, FlowStage, KielCategory } from './stages.ts';
import { byRow, type ImportProblem, readTable } from './table.ts';

/** The columns the tracker's file has (gdp and pct_gdp may follow and are not read). */
export const KIEL_COLUMNS = [
  'country',
  'iso',
  'year',
  'month',
  'total',
  'financial',
  'humanitarian',
  'military',
  'commitments',
  'to_be_allocated',
] as const;

/** EUR billions to euro cents: 10^9 × 10^2. */
const BN_TO_CENTS = 11;

/** A donor as the tracker names it. */
export interface KielDonor {
  /** ISO alpha-3 for a nation; the tracker's own code (EU) for an institution. */
  readonly code: string;
  readonly name: string;
  readonly kind: DonorKind;
}

/** One flow read from the tracker, in euro cents. */
export interface KielFlow {
  readonly row: number;
  readonly donor: string;
  /** First day of the month the tracker counts it in (YYYY-MM-01). */
  readonly date: string;
  readonly stage: Extract<FlowStage, 'commitment' | 'allocation'>;
  /** Null for a commitment: the tracker does not split them by category. */
  readonly category: KielCategory | null;
  readonly amountMinor: bigint;
}

/** What a Kiel file gave: donors, flows, and every problem by row and field. */
export interface KielImport {
  readonly rowsRead: number;
  readonly donors: readonly KielDonor[];
  readonly flows: readonly KielFlow[];
  readonly problems: readonly ImportProblem[];
}

/** Reads a Kiel data-explorer CSV. Pure; nothing is half-read: callers store nothing while `problems` is not empty. */
export function parseKielCsv(text: string): KielImport {
  const table = readTable(text, KIEL_COLUMNS);
  const problems: ImportProblem[] = [...table.problems];
  const donors = new Map<string, KielDonor>();
  const flows: KielFlow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const problem = (field: string, reason: Said) => problems.push(reasoned({ row, field }, reason));
    const before = problems.length;
    const code = cells.iso!;
    const name = cells.country!;
    if (!/^[A-Z]{2,3}$/.test(code)) problem('iso', said('financeChecks.kiel.notDonorCode', { text: code }));
    if (name === '' || /^[-+\d.]+$/.test(name))
      problem('country', said('financeChecks.kiel.notDonorName', { text: name }));
    const year = Number(cells.year);
    const month = Number(cells.month);
    if (!/^\d{4}$/.test(cells.year!) || year < 2000 || year > 2100)
      problem('year', said('financeChecks.kiel.notYear', { text: cells.year }));
    if (!/^\d{1,2}$/.test(cells.month!) || month < 1 || month > 12)
      problem('month', said('financeChecks.kiel.notMonth', { text: cells.month }));
    const amounts: Record<string, bigint> = {};
    for (const column of [
      'total',
      'financial',
      'humanitarian',
      'military',
      'commitments',
      'to_be_allocated',
    ]) {
      const value = readScaled(cells[column]!, BN_TO_CENTS);
      if (typeof value !== 'bigint') problem(column, value);
      else if (value < 0n && column !== 'to_be_allocated') {
        // to_be_allocated is negative where a month allocates more than it commits.
        problem(column, said('financeChecks.kiel.negative', { text: cells[column] }));
      } else amounts[column] = value;
    }
    if (problems.length > before) continue;
    const { total, financial, humanitarian, military, commitments, to_be_allocated } = amounts as Record<
      string,
      bigint
    >;
    if (total !== financial! + humanitarian! + military!) {
      problem('total', said('financeChecks.kiel.totalNotSum', { text: cells.total }));
      continue;
    }
    if (to_be_allocated !== commitments! - total!) {
      problem('to_be_allocated', said('financeChecks.kiel.toBeAllocated', { text: cells.to_be_allocated }));
      continue;
    }
    const date = `${cells.year}-${String(month).padStart(2, '0')}-01`;
    const key = `${code} ${date.slice(0, 7)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem('row', said('financeChecks.kiel.duplicate', { key, row: first }));
      continue;
    }
    seen.set(key, row);
    const known = donors.get(code);
    if (known && known.name !== name) {
      problem('country', said('financeChecks.kiel.otherName', { text: name, code, known: known.name }));
      continue;
    }
    if (!known) donors.set(code, { code, name, kind: isIso3(code) ? 'nation' : 'institution' });
    for (const category of ['military', 'financial', 'humanitarian'] as const) {
      const amount = amounts[category]!;
      if (amount !== 0n)
        flows.push({ row, donor: code, date, stage: 'allocation', category, amountMinor: amount });
    }
    if (commitments !== 0n) {
      flows.push({ row, donor: code, date, stage: 'commitment', category: null, amountMinor: commitments! });
    }
  }
  return {
    rowsRead: table.rows.length + table.problems.filter((p) => p.field !== 'header').length,
    donors: [...donors.values()],
    flows,
    problems: byRow(problems),
  };
}
