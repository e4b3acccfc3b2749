/**
 * Promise to delivery by any one dimension (donor, category, sector, region, instrument), with
 * the lag from promise to delivery (issue 18). The same rule as the donor summary (ADR 0027):
 * promised is the committed sum or, where nothing is committed, the pledged sum; delivered is
 * the disbursed sum or, where nothing is disbursed, the allocated sum; each group converts at
 * its own day's rate, and a group without a rate is listed, never guessed.
 *
 * The lag is the days from the first promise to the day on which half of the promised sum had
 * been delivered: a figure a donor can check against its own records, unlike an average over
 * flows that do not pair one to one.
 */
import { missingRateReason, type RateBook, toEurIfRated } from './rates.ts';
import type { FlowStage } from './stages.ts';
import { figures, type StageFigures, type Unconverted } from './summary.ts';

/** What a breakdown groups by. */
export const BREAKDOWN_DIMENSIONS = ['donor', 'category', 'sector', 'region', 'instrument'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** What a breakdown may cross its dimension with: any other dimension, and the month of a flow. */
export const CROSS_DIMENSIONS = [...BREAKDOWN_DIMENSIONS, 'month'] as const;
export type CrossDimension = (typeof CROSS_DIMENSIONS)[number];

/** Joins the parts of a crossed key ("FRA|151|2025-03"); no part can hold it. */
export const KEY_SEPARATOR = '|';

/** The most dimensions one breakdown crosses (donor × sector × month is three). */
export const MAX_CROSSED = 3;

/**
 * Reads `by` as the dimensions a breakdown crosses, e.g. `donor,sector,month`: each known, none
 * twice, at most MAX_CROSSED, and the first not `month` (a breakdown is of something over time).
 * Returns the reason when it cannot, for the caller to name the field.
 */
export function parseBreakdownBy(by: string): readonly CrossDimension[] | string {
  const parts = by.split(',').map((p) => p.trim());
  const known = new Set<string>(CROSS_DIMENSIONS);
  const unknown = parts.filter((p) => !known.has(p));
  if (unknown.length > 0)
    return `'${unknown.join("', '")}' is not a dimension: one of ${BREAKDOWN_DIMENSIONS.join(', ')}, crossed with commas with any other or with month (e.g. donor,sector,month)`;
  if (new Set(parts).size !== parts.length) return `a dimension is named twice in '${by}'`;
  if (parts.length > MAX_CROSSED) return `at most ${MAX_CROSSED} dimensions are crossed, not ${parts.length}`;
  if (parts[0] === 'month')
    return `the first dimension is what is broken down (${BREAKDOWN_DIMENSIONS.join(', ')}), not month`;
  return parts as CrossDimension[];
}

/** A sum of one key, stage, currency and day, as the database gives it. */
export interface KeyedFlowGroup {
  readonly key: string;
  readonly stage: FlowStage;
  readonly currency: string;
  readonly date: string;
  readonly amountMinor: bigint;
  readonly flows: number;
}

/** From the first promise to half delivered. */
export interface DeliveryLag {
  /** The day of the first promise counted; null with nothing promised. */
  readonly promisedFrom: string | null;
  /** The day by which half of the promised sum was delivered; null when not yet. */
  readonly halfDeliveredOn: string | null;
  /** Days between the two; null when not yet half delivered. */
  readonly days: number | null;
}

/** One key's figures in euro cents, with its lag. */
export interface BreakdownRow extends StageFigures {
  readonly key: string;
  readonly lag: DeliveryLag;
}

const FIELD: Readonly<Record<FlowStage, 'pledged' | 'committed' | 'allocated' | 'disbursed' | 'spent'>> = {
  pledge: 'pledged',
  commitment: 'committed',
  allocation: 'allocated',
  disbursement: 'disbursed',
  expenditure: 'spent',
};

const DAY_MS = 86_400_000;

/** The lag of one key from its converted groups. */
export function deliveryLag(groups: readonly { stage: FlowStage; date: string; eur: bigint }[]): DeliveryLag {
  const sum = (stage: FlowStage) => groups.filter((g) => g.stage === stage).reduce((s, g) => s + g.eur, 0n);
  const promiseStage: FlowStage = sum('commitment') > 0n ? 'commitment' : 'pledge';
  const deliveryStage: FlowStage = sum('disbursement') > 0n ? 'disbursement' : 'allocation';
  const promised = sum(promiseStage);
  const promises = groups.filter((g) => g.stage === promiseStage && g.eur > 0n).map((g) => g.date);
  if (promised === 0n || promises.length === 0)
    return { promisedFrom: null, halfDeliveredOn: null, days: null };
  const promisedFrom = promises.sort()[0]!;
  let delivered = 0n;
  for (const g of groups
    .filter((x) => x.stage === deliveryStage)
    .sort((a, b) => (a.date < b.date ? -1 : 1))) {
    delivered += g.eur;
    if (delivered * 2n >= promised) {
      const days = Math.round((Date.parse(g.date) - Date.parse(promisedFrom)) / DAY_MS);
      return { promisedFrom, halfDeliveredOn: g.date, days: Math.max(0, days) };
    }
  }
  return { promisedFrom, halfDeliveredOn: null, days: null };
}

/** Promise to delivery per key, largest promise first, and what could not be converted. */
export function breakdown(
  groups: readonly KeyedFlowGroup[],
  book: RateBook,
): { readonly rows: readonly BreakdownRow[]; readonly unconverted: readonly Unconverted[] } {
  const byKey = new Map<string, { stage: FlowStage; date: string; eur: bigint; flows: number }[]>();
  const unconverted: Unconverted[] = [];
  for (const g of groups) {
    const converted = toEurIfRated(book, g.amountMinor, g.currency, g.date);
    if (!converted) {
      unconverted.push({
        donor: g.key,
        currency: g.currency,
        date: g.date,
        amountMinor: g.amountMinor,
        reason: missingRateReason(g.currency, g.date),
      });
      continue;
    }
    const eur = converted.minor;
    const list = byKey.get(g.key) ?? [];
    list.push({ stage: g.stage, date: g.date, eur, flows: g.flows });
    byKey.set(g.key, list);
  }
  const rows = [...byKey].map(([key, list]): BreakdownRow => {
    const sums = { pledged: 0n, committed: 0n, allocated: 0n, disbursed: 0n, spent: 0n, flows: 0 };
    for (const g of list) {
      sums[FIELD[g.stage]] += g.eur;
      sums.flows += g.flows;
    }
    return { key, ...figures(sums), lag: deliveryLag(list) };
  });
  rows.sort((a, b) =>
    a.promised === b.promised ? (a.key < b.key ? -1 : 1) : a.promised > b.promised ? -1 : 1,
  );
  return { rows, unconverted };
}
