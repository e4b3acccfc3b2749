/** The finance routes' response schemas, checked against `@guarantor/core/api`, and their presenters. */
import type * as Api from '@guarantor/core/api';
import {
  type Converted,
  figures,
  formatMinor,
  MissingRateError,
  type RateBook,
  ratioText,
  sectorCounts,
  toEur,
} from '@guarantor/core/finance';
import type { Words } from '@guarantor/core/i18n';
import { reasonIn, type Said, said } from '@guarantor/core/i18n/reasons';
import type { FlowRecord, StoredNeed } from '@guarantor/db';
import { z } from 'zod';
import { matches } from '../contract.ts';

const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);
const Rate = matches<Api.FinanceRate>()(
  z.object({ currency: z.string(), ratePerEur: z.string(), rateDate: z.string(), rateSource: z.string() }),
);
const Category = z.enum(['all', 'military', 'financial', 'humanitarian', 'unsplit']);

const SummaryRow = matches<Api.FinanceSummaryRow>()(
  z.object({
    donor: z.string(),
    donorName: z.string(),
    donorKind: z.enum(['nation', 'institution', 'private']),
    category: Category,
    month: z.string().nullable(),
    pledged: Amount,
    committed: Amount,
    allocated: Amount,
    disbursed: Amount,
    spent: Amount,
    promised: Amount,
    delivered: Amount,
    ratio: z.string().nullable(),
    flows: z.number().int(),
    display: z.object({ promised: Amount, delivered: Amount }).nullable(),
  }),
);

const Need = matches<Api.FinanceNeed>()(
  z.object({
    source: z.string(),
    assessment: z.string(),
    assessmentTitle: z.string(),
    published: z.string().nullable(),
    sector: z.string(),
    currency: z.string(),
    needs: Amount,
    damage: Amount.nullable(),
    sourceUrl: z.string(),
    asStated: z.string(),
    rounded: z.boolean(),
    releasability: z.string(),
    needsEur: Amount.nullable(),
    rate: Rate.nullable(),
    conversionProblem: z.string().nullable(),
    promised: Amount,
    delivered: Amount,
    coverage: z.string().nullable(),
  }),
);

export const SummaryView = matches<Api.FinanceSummaryResponse>()(
  z.object({
    currency: z.literal('EUR'),
    rows: z.array(SummaryRow),
    conversions: z.array(
      z.object({
        currency: z.string(),
        flows: z.number().int(),
        firstRateDate: z.string(),
        lastRateDate: z.string(),
      }),
    ),
    unconverted: z.array(
      z.object({
        donor: z.string(),
        currency: z.string(),
        date: z.string(),
        amount: Amount,
        reason: z.string(),
      }),
    ),
    display: Rate.nullable(),
    needs: z.array(Need),
    releasability: z.string().nullable(),
  }),
);

export const FlowsView = matches<Api.FinanceFlowsResponse>()(
  z.object({
    flows: z.array(
      z.object({
        id: z.string(),
        donor: z.string(),
        stage: z.enum(['pledge', 'commitment', 'allocation', 'disbursement', 'expenditure']),
        iatiTransactionType: z.number().int().nullable(),
        amount: Amount,
        currency: z.string(),
        date: z.string(),
        instrument: z.string(),
        category: z.enum(['military', 'financial', 'humanitarian', 'unsplit']),
        sectorCode: z.string().nullable(),
        regionCode: z.string().nullable(),
        recipient: z.string().nullable(),
        source: z.string(),
        sourceDocument: z.string(),
        sourceKey: z.string(),
        releasability: z.string(),
        eur: Amount.nullable(),
        rate: Rate.nullable(),
        conversionProblem: z.string().nullable(),
      }),
    ),
    more: z.boolean(),
  }),
);

export const ImportView = matches<Api.FinanceImportResponse>()(
  z.object({
    source: z.string(),
    rowsRead: z.number().int(),
    stored: z.number().int(),
    replaced: z.number().int(),
  }),
);

/** A conversion's rate as presented. */
export function presentRate(c: Converted, currency: string): Api.FinanceRate {
  return { currency, ratePerEur: c.ratePerEur, rateDate: c.rateDate, rateSource: c.rateSource };
}

/** A euro conversion, or the reason there is none (a missing rate is never guessed). */
function tryEur(
  book: RateBook,
  minor: bigint,
  currency: string,
  date: string | null,
  w?: Words,
): { converted: Converted | null; problem: string | null } {
  const problem = (r: Said) => ({ converted: null, problem: w ? reasonIn(w, r) : r.reason });
  if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return problem(date ? said('financeChecks.onlyMonth', { date }) : said('financeChecks.noStatedDate'));
  }
  try {
    return { converted: toEur(book, minor, currency, date), problem: null };
  } catch (error) {
    if (error instanceof MissingRateError) return problem({ reason: error.message, refusal: error.refusal });
    throw error;
  }
}

/** A stored flow with its euro figure and the rate of its own date. */
export function presentFlow(f: FlowRecord, book: RateBook, w?: Words): Api.FinanceFlow {
  const { converted, problem } = tryEur(book, f.amountMinor, f.currency, f.date, w);
  return {
    id: f.id,
    donor: f.donor,
    stage: f.stage,
    iatiTransactionType: f.iatiTransactionType,
    amount: formatMinor(f.amountMinor, f.currency),
    currency: f.currency,
    date: f.date,
    instrument: f.instrument,
    category: f.category,
    sectorCode: f.sectorCode,
    regionCode: f.regionCode,
    recipient: f.recipient,
    source: f.source,
    sourceDocument: f.sourceDocument,
    sourceKey: f.sourceKey,
    releasability: f.releasability,
    eur: converted ? formatMinor(converted.minor, 'EUR') : null,
    rate: converted ? presentRate(converted, f.currency) : null,
    conversionProblem: problem,
  };
}

/**
 * Needs with their coverage: flows with a DAC sector counted toward the sectors the mapping
 * names, each converted at its own date; the need in euros at its publication day's rate.
 */
export function presentNeeds(
  needs: readonly StoredNeed[],
  sectorFlows: readonly {
    sectorCode: string;
    stage: FlowRecord['stage'];
    currency: string;
    date: string;
    amountMinor: bigint;
  }[],
  book: RateBook,
  w?: Words,
): Api.FinanceNeed[] {
  const eurFlows = sectorFlows.flatMap((f) => {
    const c = tryEur(book, f.amountMinor, f.currency, f.date).converted;
    return c ? [{ ...f, eur: c.minor }] : [];
  });
  return needs.map((n) => {
    const sums = { pledged: 0n, committed: 0n, allocated: 0n, disbursed: 0n, spent: 0n, flows: 0 };
    const field = {
      pledge: 'pledged',
      commitment: 'committed',
      allocation: 'allocated',
      disbursement: 'disbursed',
      expenditure: 'spent',
    } as const;
    for (const f of eurFlows) {
      if (!sectorCounts(n.sector, f.sectorCode)) continue;
      sums[field[f.stage]] += f.eur;
      sums.flows += 1;
    }
    const fig = figures(sums);
    const { converted, problem } = tryEur(book, n.needsMinor, n.currency, n.published, w);
    return {
      source: n.source,
      assessment: n.assessment,
      assessmentTitle: n.assessmentTitle,
      published: n.published,
      sector: n.sector,
      currency: n.currency,
      needs: formatMinor(n.needsMinor, n.currency),
      damage: n.damageMinor === null ? null : formatMinor(n.damageMinor, n.currency),
      sourceUrl: n.sourceUrl,
      asStated: n.asStated,
      rounded: n.rounded,
      releasability: n.releasability,
      needsEur: converted ? formatMinor(converted.minor, 'EUR') : null,
      rate: converted ? presentRate(converted, n.currency) : null,
      conversionProblem: problem,
      promised: formatMinor(fig.promised, 'EUR'),
      delivered: formatMinor(fig.delivered, 'EUR'),
      coverage: converted ? ratioText(fig.promised, converted.minor) : null,
    };
  });
}

/** The summary's CSV columns (euros), in order. */
export const SUMMARY_CSV_COLUMNS = [
  'donor',
  'donor_name',
  'donor_kind',
  'category',
  'month',
  'pledged_eur',
  'committed_eur',
  'allocated_eur',
  'disbursed_eur',
  'spent_eur',
  'promised_eur',
  'delivered_eur',
  'ratio_delivered_promised',
  'flows',
] as const;
