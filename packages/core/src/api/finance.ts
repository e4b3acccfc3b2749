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
  /**
   * Activities booked to a first-level unit: all of an activity's location points lie in one
   * unit; `withPoints` had any point at all. The others stay national.
   */
  readonly regions: { readonly booked: number; readonly withPoints: number };
}

/** A parameter of the investment-risk note (ADR 0043). */
export interface RiskParameter {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly description: string;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}

/** GET and PUT /api/finance/risk-parameters. */
export interface RiskParametersResponse {
  readonly parameters: RiskParameter[];
  /** The keys the request changed (empty on a read, or when nothing differed). */
  readonly changed: string[];
}

/** One input of a region's investment-risk note. */
export interface RiskPartView {
  readonly input: 'incidents' | 'gate' | 'routes';
  readonly pressure: number | null;
  readonly weight: number;
  readonly contribution: number;
  readonly because: string;
}

/** One first-level unit: money beside security, and the note. */
export interface RegionSecurity {
  readonly region: string;
  readonly name: string;
  readonly nameUk: string | null;
  readonly population: number | null;
  readonly promised: string;
  readonly delivered: string;
  readonly ratio: string | null;
  readonly flows: number;
  readonly incidents: {
    readonly verified: number;
    readonly corroborated: number;
    readonly reported: number;
    readonly weighted: number;
    /** Weighted incidents per 100,000 residents; null without a population. */
    readonly per100k: number | null;
  };
  readonly sectors: {
    readonly id: string;
    readonly name: string;
    readonly status: 'holding' | 'fragile' | 'broken' | null;
    readonly asOf: string | null;
  }[];
  readonly routeRisk: { readonly score: number; readonly segment: string } | null;
  readonly risk: {
    readonly score: number | null;
    readonly band: 'low' | 'moderate' | 'elevated' | 'high' | 'unknown';
    readonly parts: RiskPartView[];
    readonly note: string;
  };
}

/** GET /api/finance/security. */
export interface FinanceSecurityResponse {
  readonly asOf: string;
  readonly windowDays: number;
  readonly currency: 'EUR';
  readonly regions: RegionSecurity[];
  /** Flows booked to no region. */
  readonly national: { readonly promised: string; readonly delivered: string; readonly flows: number };
  readonly unconverted: {
    readonly region: string;
    readonly currency: string;
    readonly date: string;
    readonly amount: string;
    readonly reason: string;
  }[];
  /** Where the population figures come from; null when none is loaded. */
  readonly populationSource: string | null;
  readonly parameters: RiskParameter[];
  /** The meet of the labels of every record counted; null when nothing was counted. */
  readonly releasability: string | null;
}

/** One key of a breakdown: its figures in euros and the lag from promise to half delivered. */
export interface FinanceBreakdownRow {
  /** The row's key; crossed dimensions join their parts with `|` (FRA|151|2025-03). */
  readonly key: string;
  /** The key's parts, one per dimension. */
  readonly keys: string[];
  /** The key in words: a donor's, region's or DAC sector's name; the key itself for category, instrument and month; crossed parts joined by " · ". */
  readonly name: string;
  /** Each part in words. */
  readonly names: string[];
  readonly pledged: string;
  readonly committed: string;
  readonly allocated: string;
  readonly disbursed: string;
  readonly spent: string;
  readonly promised: string;
  readonly delivered: string;
  readonly ratio: string | null;
  readonly flows: number;
  readonly lag: {
    readonly promisedFrom: string | null;
    readonly halfDeliveredOn: string | null;
    readonly days: number | null;
  };
}

/** GET /api/finance/breakdown. */
export interface FinanceBreakdownResponse {
  /** As asked: one dimension, or several crossed (donor,sector,month). */
  readonly by: string;
  readonly dimensions: ('donor' | 'category' | 'sector' | 'region' | 'instrument' | 'month')[];
  readonly currency: 'EUR';
  readonly rows: FinanceBreakdownRow[];
  readonly unconverted: {
    readonly key: string;
    readonly currency: string;
    readonly date: string;
    readonly amount: string;
    readonly reason: string;
  }[];
  readonly releasability: string | null;
}

/** GET /api/finance/sources: one imported source as the reader may see it. */
export interface FinanceSourceView {
  /** The source's name in its importer's namespace (kiel-r29@FRA). */
  readonly source: string;
  readonly sourceDocument: string;
  readonly flows: number;
  readonly needs: number;
  readonly importedBy: string;
  readonly importedAt: string;
  /** Its records' labels, narrowest first: one, unless the source was released in part. */
  readonly labels: string[];
  /** The nation that imported it, which alone may release it; null for a source without a namespace. */
  readonly owner: string | null;
}

/** GET /api/finance/sources. */
export interface FinanceSourcesResponse {
  readonly sources: FinanceSourceView[];
}

/** PUT /api/finance/sources/:source/releasability. */
export interface FinanceReleaseResponse {
  readonly source: string;
  readonly before: string;
  readonly after: string;
  readonly flows: number;
  readonly needs: number;
}
