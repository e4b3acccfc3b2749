/** The finance tables (migration 0016) as Kysely sees them. Amounts are bigint minor units, read as text. */
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';

/** A bigint or numeric column: written and read as decimal text, never a float. */
type Exact = ColumnType<string, string, string>;
type ExactOrNull = ColumnType<string | null, string | null, string | null>;
/** A date column: written as YYYY-MM-DD; read it with to_char, not as a Date. */
type Day = ColumnType<Date, string, string>;

export interface FinanceDonorTable {
  code: string;
  kind: 'nation' | 'institution' | 'private';
}

export interface FinanceFlowTable extends Labelled {
  id: Generated<string>;
  donor_code: string;
  donor_name: string;
  stage: 'pledge' | 'commitment' | 'allocation' | 'disbursement' | 'expenditure';
  iati_transaction_type: number | null;
  amount_minor: Exact;
  currency: string;
  value_date: Day;
  instrument: Generated<string>;
  category: 'military' | 'financial' | 'humanitarian' | null;
  sector_vocabulary: string | null;
  sector_code: string | null;
  region_code: string | null;
  recipient: string | null;
  source: string;
  source_document: string;
  source_key: string;
  imported_by: string;
  imported_at: Date;
  /** IATI activity (migration 0021); null for sources without one (Kiel). */
  activity_id: ColumnType<string | null, string | null | undefined, string | null>;
  activity_title: ColumnType<string | null, string | null | undefined, string | null>;
  /** ISO 3166-1 alpha-2, as IATI gives it. */
  recipient_country: ColumnType<string | null, string | null | undefined, string | null>;
  recipient_region_vocabulary: ColumnType<string | null, string | null | undefined, string | null>;
  recipient_region: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why a disbursement may take its activity past what it committed. */
  over_commitment_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ExchangeRateTable {
  currency: string;
  rate_date: Day;
  rate_per_eur: Exact;
  source: string;
}

/** A parameter of the investment-risk note (0026): not labelled, changes audited. */
export interface InvestmentRiskParameterTable {
  key: string;
  value: Exact;
  unit: string;
  description: string;
  updated_by: string | null;
  updated_at: Date | null;
}

export interface FinanceNeedTable extends Labelled {
  source: string;
  assessment: string;
  sector: string;
  assessment_title: string;
  published: string | null;
  currency: string;
  needs_minor: Exact;
  damage_minor: ExactOrNull;
  source_url: string;
  page: string;
  as_stated: string;
  rounded: boolean;
  imported_by: string;
  imported_at: Date;
}
