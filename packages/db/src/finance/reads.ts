/**
 * Finance reads, run as the reader, so row-level security decides what is summed: the
 * promise-to-delivery summary, the flows behind a figure, needs, and the loaded rates.
 */
import { formatReleasability, meetLabels } from '@guarantor/core/access';
import {
  type EuroRate,
  type FinanceSummary,
  type FlowGroup,
  type FlowStage,
  parseScaled,
  RATE_SCALE,
  type SummaryCategory,
  summarise,
} from '@guarantor/core/finance';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelOf } from '../access.ts';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
/** Every loaded rate, for conversion in core. */
export async function loadRates(db: Db): Promise<EuroRate[]> {
  const rows = await db
    .selectFrom('exchange_rate')
    .select([
      'currency',
      'source',
      sql<string>`to_char(rate_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`rate_per_eur::text`.as('rate'),
    ])
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    date: r.date,
    source: r.source,
    ratePerEurMicro: parseScaled(r.rate, RATE_SCALE) as bigint,
  }));
}

/** A donor as stored. */
export interface FinanceDonor {
  readonly code: string;
  readonly name: string;
  readonly kind: 'nation' | 'institution' | 'private';
}

/** The summary of the flows the reader may see, in euros, and the donors it names. */
export async function financeSummary(
  db: Db,
  options: { readonly byMonth: boolean },
): Promise<FinanceSummary & { readonly donors: readonly FinanceDonor[] }> {
  const groups = await db
    .selectFrom('finance_flow')
    .select([
      'donor_code',
      'category',
      'stage',
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`sum(amount_minor)::text`.as('amount'),
      sql<string>`count(*)::text`.as('flows'),
    ])
    .groupBy(['donor_code', 'category', 'stage', 'currency', 'value_date'])
    .execute();
  const rates = await loadRates(db);
  const summary = summarise(
    groups.map(
      (g): FlowGroup => ({
        donor: g.donor_code,
        category: (g.category ?? 'unsplit') as SummaryCategory,
        month: g.date.slice(0, 7),
        stage: g.stage as FlowStage,
        currency: g.currency,
        date: g.date,
        amountMinor: BigInt(g.amount),
        flows: Number(g.flows),
      }),
    ),
    new Map(rates.map((r) => [`${r.currency} ${r.date}`, r])),
    options.byMonth,
  );
  return { ...summary, donors: await financeDonors(db) };
}

/**
 * The donors of the flows the reader sees, named by those flows (a source names its donors):
 * the latest import's name when sources differ.
 */
export async function financeDonors(db: Db): Promise<FinanceDonor[]> {
  return db
    .selectFrom('finance_flow')
    .innerJoin('finance_donor', 'finance_donor.code', 'finance_flow.donor_code')
    .select(['finance_flow.donor_code as code', 'finance_flow.donor_name as name', 'finance_donor.kind'])
    .distinctOn('finance_flow.donor_code')
    .orderBy('finance_flow.donor_code')
    .orderBy('finance_flow.imported_at', 'desc')
    .execute();
}

/** One flow as the drill-down shows it. */
export interface FlowRecord {
  readonly id: string;
  readonly donor: string;
  readonly stage: FlowStage;
  readonly iatiTransactionType: number | null;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly date: string;
  readonly instrument: string;
  readonly category: SummaryCategory;
  readonly sectorCode: string | null;
  readonly regionCode: string | null;
  readonly recipient: string | null;
  readonly source: string;
  readonly sourceDocument: string;
  readonly sourceKey: string;
  readonly releasability: string;
}

/**
 * Which flows a figure stands for: the summary's donor, category and month, or a breakdown row's
 * key (a DAC category's three digits or `unspecified`, a region or `national`, an instrument),
 * keyed the way `breakdownGroups` keys them, so the records add up to the figure.
 */
export interface FlowFilter {
  readonly donor?: string | undefined;
  readonly category?: SummaryCategory | undefined;
  readonly month?: string | undefined;
  readonly sector?: string | undefined;
  readonly region?: string | undefined;
  readonly instrument?: string | undefined;
}

/** The flows behind a figure, as the reader may see them, oldest first. */
export async function listFlows(
  db: Db,
  filter: FlowFilter & { readonly limit: number },
): Promise<{ flows: FlowRecord[]; more: boolean }> {
  let q = db
    .selectFrom('finance_flow')
    .select([
      sql<string>`id::text`.as('id'),
      'donor_code',
      'stage',
      'iati_transaction_type',
      sql<string>`amount_minor::text`.as('amount'),
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      'instrument',
      'category',
      'sector_code',
      'region_code',
      'recipient',
      'source',
      'source_document',
      'source_key',
      'rel_kind',
      'rel_nations',
    ]);
  if (filter.donor !== undefined) q = q.where('donor_code', '=', filter.donor);
  if (filter.sector === 'unspecified') q = q.where('sector_code', 'is', null);
  else if (filter.sector !== undefined)
    q = q.where(sql<string>`substr(sector_code, 1, 3)`, '=', filter.sector);
  if (filter.region === 'national') q = q.where('region_code', 'is', null);
  else if (filter.region !== undefined) q = q.where('region_code', '=', filter.region);
  if (filter.instrument !== undefined) q = q.where('instrument', '=', filter.instrument);
  if (filter.category === 'unsplit') q = q.where('category', 'is', null);
  else if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.month) q = q.where(sql<string>`to_char(value_date, 'YYYY-MM')`, '=', filter.month);
  const rows = await q
    .orderBy('value_date')
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
  return {
    more: rows.length > filter.limit,
    flows: rows.slice(0, filter.limit).map((r) => ({
      id: r.id,
      donor: r.donor_code,
      stage: r.stage,
      iatiTransactionType: r.iati_transaction_type,
      amountMinor: BigInt(r.amount),
      currency: r.currency,
      date: r.date,
      instrument: r.instrument,
      category: r.category ?? 'unsplit',
      sectorCode: r.sector_code,
      regionCode: r.region_code,
      recipient: r.recipient,
      source: r.source,
      sourceDocument: r.source_document,
      sourceKey: r.source_key,
      releasability: formatReleasability(labelOf(r)),
    })),
  };
}

/** A need as stored, with what was pledged and delivered toward its sector. */
export interface StoredNeed {
  readonly source: string;
  readonly assessment: string;
  readonly assessmentTitle: string;
  readonly published: string | null;
  readonly sector: string;
  readonly currency: string;
  readonly needsMinor: bigint;
  readonly damageMinor: bigint | null;
  readonly sourceUrl: string;
  readonly asStated: string;
  readonly rounded: boolean;
  readonly releasability: string;
}

/** Every need the reader may see, newest assessment first. */
export async function listNeeds(db: Db): Promise<StoredNeed[]> {
  const rows = await db
    .selectFrom('finance_need')
    .select([
      'source',
      'assessment',
      'assessment_title',
      'published',
      'sector',
      'currency',
      sql<string>`needs_minor::text`.as('needs'),
      sql<string | null>`damage_minor::text`.as('damage'),
      'source_url',
      'as_stated',
      'rounded',
      'rel_kind',
      'rel_nations',
    ])
    .orderBy('assessment', 'desc')
    .orderBy(sql`sector = 'TOTAL'`, 'desc')
    .orderBy('needs_minor', 'desc')
    .execute();
  return rows.map((r) => ({
    source: r.source,
    assessment: r.assessment,
    assessmentTitle: r.assessment_title,
    published: r.published,
    sector: r.sector,
    currency: r.currency,
    needsMinor: BigInt(r.needs),
    damageMinor: r.damage === null ? null : BigInt(r.damage),
    sourceUrl: r.source_url,
    asStated: r.as_stated,
    rounded: r.rounded,
    releasability: formatReleasability(labelOf(r)),
  }));
}

/** Euro cents of flows the reader may see with a DAC sector, per sector code and whether promised or delivered. */
export async function flowsBySector(
  db: Db,
): Promise<{ sectorCode: string; stage: FlowStage; currency: string; date: string; amountMinor: bigint }[]> {
  const rows = await db
    .selectFrom('finance_flow')
    .select([
      'sector_code',
      'stage',
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`sum(amount_minor)::text`.as('amount'),
    ])
    .where('sector_code', 'is not', null)
    .groupBy(['sector_code', 'stage', 'currency', 'value_date'])
    .execute();
  return rows.map((r) => ({
    sectorCode: r.sector_code!,
    stage: r.stage,
    currency: r.currency,
    date: r.date,
    amountMinor: BigInt(r.amount),
  }));
}

/** The meet of the labels of the flows the reader may see: how widely a figure summed over them may travel. */
export async function flowsLabel(db: Db): Promise<string | null> {
  const rows = await db.selectFrom('finance_flow').select(['rel_kind', 'rel_nations']).distinct().execute();
  if (rows.length === 0) return null;
  return formatReleasability(rows.map(labelOf).reduce(meetLabels));
}
