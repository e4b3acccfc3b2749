/**
 * Promise to delivery: sums of flows per donor and category (and month), converted to euros
 * at each flow's own date, with the ratio delivered / promised. Pure: the database hands in
 * grouped sums, this decides what they mean (ADR 0027).
 *
 * Later stages restate earlier ones for the same money (a commitment is the pledge made
 * binding), so stages are never added up: promised is the committed sum, or the pledged sum
 * where nothing is committed; delivered is the disbursed sum, or the allocated sum where
 * nothing is disbursed (the Kiel tracker reports allocations, not disbursements).
 */

import { ratioText } from './money.ts';
import { missingRateReason, type RateBook, toEurIfRated } from './rates.ts';
import type { FlowStage, KielCategory } from './stages.ts';

/** A category of the summary: the tracker's three, or `unsplit` where a source gives none (Kiel's commitments). */
export type SummaryCategory = KielCategory | 'unsplit';

/** One group's sum as the database gives it. */
export interface FlowGroup {
  readonly donor: string;
  readonly category: SummaryCategory;
  /** YYYY-MM. */
  readonly month: string;
  readonly stage: FlowStage;
  readonly currency: string;
  /** YYYY-MM-DD: groups are per day so each converts at its own date's rate. */
  readonly date: string;
  readonly amountMinor: bigint;
  readonly flows: number;
}

/** Euro cents per stage, and what they mean. */
export interface StageFigures {
  readonly pledged: bigint;
  readonly committed: bigint;
  readonly allocated: bigint;
  readonly disbursed: bigint;
  readonly spent: bigint;
  readonly promised: bigint;
  readonly delivered: bigint;
  /** delivered / promised to four decimals; null when nothing is promised. */
  readonly ratio: string | null;
  readonly flows: number;
}

/** A summary row: one donor, one category (or `all`), one month (or all months). */
export interface SummaryRow extends StageFigures {
  readonly donor: string;
  readonly category: SummaryCategory | 'all';
  readonly month: string | null;
}

/** A group that could not be converted, and why (a missing rate, never guessed). */
export interface Unconverted {
  readonly donor: string;
  readonly currency: string;
  readonly date: string;
  readonly amountMinor: bigint;
  readonly reason: string;
}

/** The summary: rows in euros, currencies converted with their rates' dates, and what was left out. */
export interface FinanceSummary {
  readonly rows: readonly SummaryRow[];
  /** Per currency other than EUR: how many flows were converted, and the first and last rate dates used. */
  readonly conversions: readonly {
    currency: string;
    flows: number;
    firstRateDate: string;
    lastRateDate: string;
  }[];
  readonly unconverted: readonly Unconverted[];
}

const STAGE_FIELD: Readonly<
  Record<FlowStage, 'pledged' | 'committed' | 'allocated' | 'disbursed' | 'spent'>
> = {
  pledge: 'pledged',
  commitment: 'committed',
  allocation: 'allocated',
  disbursement: 'disbursed',
  expenditure: 'spent',
};

type Sums = {
  pledged: bigint;
  committed: bigint;
  allocated: bigint;
  disbursed: bigint;
  spent: bigint;
  flows: number;
};
const empty = (): Sums => ({ pledged: 0n, committed: 0n, allocated: 0n, disbursed: 0n, spent: 0n, flows: 0 });

/** Promised and delivered from stage sums, as the module comment says. */
export function figures(s: Sums): StageFigures {
  const promised = s.committed > 0n ? s.committed : s.pledged;
  const delivered = s.disbursed > 0n ? s.disbursed : s.allocated;
  return { ...s, promised, delivered, ratio: ratioText(delivered, promised) };
}

/**
 * Sums groups per donor × category (× month when `byMonth`), with a row per donor over all
 * categories (`all`). Donors come in the order of their promised total, largest first.
 */
export function summarise(groups: readonly FlowGroup[], book: RateBook, byMonth: boolean): FinanceSummary {
  const rows = new Map<
    string,
    { donor: string; category: SummaryCategory | 'all'; month: string | null; sums: Sums }
  >();
  const unconverted: Unconverted[] = [];
  const conversions = new Map<string, { flows: number; first: string; last: string }>();
  for (const g of groups) {
    const converted = toEurIfRated(book, g.amountMinor, g.currency, g.date);
    if (!converted) {
      unconverted.push({
        donor: g.donor,
        currency: g.currency,
        date: g.date,
        amountMinor: g.amountMinor,
        reason: missingRateReason(g.currency, g.date),
      });
      continue;
    }
    const eur = converted.minor;
    if (g.currency !== 'EUR') {
      const c = conversions.get(g.currency);
      if (!c) conversions.set(g.currency, { flows: g.flows, first: g.date, last: g.date });
      else {
        c.flows += g.flows;
        if (g.date < c.first) c.first = g.date;
        if (g.date > c.last) c.last = g.date;
      }
    }
    const month = byMonth ? g.month : null;
    for (const category of [g.category, 'all'] as const) {
      const key = `${g.donor}|${category}|${month}`;
      const row = rows.get(key) ?? { donor: g.donor, category, month, sums: empty() };
      row.sums[STAGE_FIELD[g.stage]] += eur;
      row.sums.flows += g.flows;
      rows.set(key, row);
    }
  }
  const all = [...rows.values()].map((r) => ({
    donor: r.donor,
    category: r.category,
    month: r.month,
    ...figures(r.sums),
  }));
  const promisedOf = new Map<string, bigint>();
  for (const r of all)
    if (r.category === 'all') promisedOf.set(r.donor, (promisedOf.get(r.donor) ?? 0n) + r.promised);
  const CATEGORY_ORDER = ['all', 'military', 'financial', 'humanitarian', 'unsplit'];
  all.sort((a, b) => {
    const pa = promisedOf.get(a.donor)!;
    const pb = promisedOf.get(b.donor)!;
    if (pa !== pb) return pa > pb ? -1 : 1;
    if (a.donor !== b.donor) return a.donor < b.donor ? -1 : 1;
    if ((a.month ?? '') !== (b.month ?? '')) return (a.month ?? '') < (b.month ?? '') ? -1 : 1;
    return CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category);
  });
  return {
    rows: all,
    conversions: [...conversions].map(([currency, c]) => ({
      currency,
      flows: c.flows,
      firstRateDate: c.first,
      lastRateDate: c.last,
    })),
    unconverted,
  };
}

/**
 * Which flows count toward a need's sector: DAC codes by prefix (a 5-digit code starts with its
 * 3-digit category). The RDNA names its sectors in words; this is the mapping, as data.
 */
export const NEED_SECTOR_DAC: Readonly<Record<string, readonly string[]>> = {
  Transport: ['210'],
  Energy: ['231', '232', '233', '234', '235', '236'],
  Housing: ['16030', '16040'],
  Agriculture: ['311'],
  'Commerce and industry': ['250', '321'],
  'Explosive hazard management and debris clearance': ['15250'],
};

/** Whether a flow's DAC sector counts toward a need's sector; TOTAL takes every flow with a DAC sector. */
export function sectorCounts(needSector: string, dacCode: string | null): boolean {
  if (dacCode === null) return false;
  if (needSector === 'TOTAL') return true;
  return (NEED_SECTOR_DAC[needSector] ?? []).some((prefix) => dacCode.startsWith(prefix));
}
