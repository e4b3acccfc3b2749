/** Reconstruction finance as the API presents it. Amounts are decimal text in major units ("2645000.00"), never JSON numbers. */

/** A summary category: the Kiel tracker's three, `unsplit` where the source gives none, `all` for the donor's whole. */
export type FinanceCategory = 'all' | 'military' | 'financial' | 'humanitarian' | 'unsplit';

/** One donor × category (× month) of promise to delivery, in euros. */
export interface FinanceSummaryRow {
  readonly donor: string;
  readonly donorName: string;
  readonly donorKind: 'nation' | 'institution' | 'private';
  readonly category: FinanceCategory;
  /** YYYY-MM when the summary is by month. */
  readonly month: string | null;
  readonly pledged: string;
  readonly committed: string;
  readonly allocated: string;
  readonly disbursed: string;
  readonly spent: string;
  /** Committed, or pledged where nothing is committed. */
  readonly promised: string;
  /** Disbursed, or allocated where nothing is disbursed. */
  readonly delivered: string;
  /** delivered / promised, four decimals; null when nothing is promised. */
  readonly ratio: string | null;
  readonly flows: number;
  /** The row's promised and delivered in the asked display currency, at one stated rate. */
  readonly display: { readonly promised: string; readonly delivered: string } | null;
}

/** A rate a figure was converted at. */
export interface FinanceRate {
  readonly currency: string;
  /** Units of `currency` per 1 EUR. */
  readonly ratePerEur: string;
  readonly rateDate: string;
  readonly rateSource: string;
}

/** One need, and how much of it is promised and delivered. */
export interface FinanceNeed {
  readonly source: string;
  readonly assessment: string;
  readonly assessmentTitle: string;
  readonly published: string | null;
  readonly sector: string;
  readonly currency: string;
  readonly needs: string;
  readonly damage: string | null;
  readonly sourceUrl: string;
  /** The source's own words. */
  readonly asStated: string;
  /** The source rounds the figure. */
  readonly rounded: boolean;
  readonly releasability: string;
  /** The need in euros at the rate of its publication day, or null with `conversionProblem`. */
  readonly needsEur: string | null;
  readonly rate: FinanceRate | null;
  readonly conversionProblem: string | null;
  /** Euros promised and delivered to flows in this sector (DAC codes, ADR 0027). */
  readonly promised: string;
  readonly delivered: string;
  /** promised / needs in euros, four decimals; null when not convertible. */
  readonly coverage: string | null;
}

/** GET /api/finance/summary. */
export interface FinanceSummaryResponse {
  /** The currency of every figure unless said otherwise. */
  readonly currency: 'EUR';
  readonly rows: FinanceSummaryRow[];
  /** Currencies converted to euros, each flow at its own date's rate. */
  readonly conversions: {
    readonly currency: string;
    readonly flows: number;
    readonly firstRateDate: string;
    readonly lastRateDate: string;
  }[];
  /** Sums left out because no rate is loaded for their currency and date (never guessed). */
  readonly unconverted: {
    readonly donor: string;
    readonly currency: string;
    readonly date: string;
    readonly amount: string;
    readonly reason: string;
  }[];
  /** The display currency's rate when one was asked. */
  readonly display: FinanceRate | null;
  readonly needs: FinanceNeed[];
  /** The meet of the labels of the flows summed: how widely these figures may travel; null with no flows. */
  readonly releasability: string | null;
}

/** One flow behind a figure. */
export interface FinanceFlow {
  readonly id: string;
  readonly donor: string;
  readonly stage: 'pledge' | 'commitment' | 'allocation' | 'disbursement' | 'expenditure';
  /** IATI TransactionType; null for an allocation. */
  readonly iatiTransactionType: number | null;
  readonly amount: string;
  readonly currency: string;
  readonly date: string;
  readonly instrument: string;
  readonly category: Exclude<FinanceCategory, 'all'>;
  readonly sectorCode: string | null;
  readonly regionCode: string | null;
  readonly recipient: string | null;
  readonly source: string;
  readonly sourceDocument: string;
  readonly sourceKey: string;
  readonly releasability: string;
  /** The amount in euros at the rate of its date, or null with `conversionProblem`. */
  readonly eur: string | null;
  readonly rate: FinanceRate | null;
  readonly conversionProblem: string | null;
}

/** GET /api/finance/flows. */
export interface FinanceFlowsResponse {
  readonly flows: FinanceFlow[];
  readonly more: boolean;
}

/** POST /api/finance/import/*: what a file gave and what was stored. */
export interface FinanceImportResponse {
  readonly source: string;
  readonly rowsRead: number;
  readonly stored: number;
  readonly replaced: number;
}

/** POST /api/finance/import/iati: the import report a finance officer acts on. */
export interface IatiImportResponse extends FinanceImportResponse {
  readonly activities: number;
  readonly donors: number;
  /** Transactions read but not taken, each with its element and the reason. */
  readonly skipped: { readonly element: string; readonly reason: string }[];
  /** Activities whose disbursements exceed their commitment, stored with the reason given. */
  readonly overCommitted: {
    readonly activityId: string;
    readonly currency: string;
    readonly committed: string;
    readonly disbursed: string;
  }[];
}
