/**
 * Reconstruction finance in the store: donors, flows, euro reference rates and needs. An
 * import writes a whole parsed file in the caller's transaction (the parsers in core refuse a
 * file with any problem first, so nothing is half-imported); a source is one file's name in
 * its importer's namespace (`kiel-r29@FRA`, as zones and presence are) and importing it again
 * replaces its rows. Reads run as the reader, so row-level security decides what is summed.
 */
import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import {
  type EuroRate,
  type FinanceSummary,
  type FlowGroup,
  type FlowStage,
  IATI_TRANSACTION_TYPE,
  type KielDonor,
  type KielFlow,
  parseScaled,
  RATE_SCALE,
  type SectorNeed,
  type SummaryCategory,
  summarise,
} from '@guarantor/core/finance';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelOf } from './access.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who imports, for the namespace and the audit log. */
export interface FinanceActor {
  readonly username: string;
  readonly nation: string | null;
}

/** What every finance import is told. */
export interface FinanceImportOptions {
  readonly actor: FinanceActor;
  readonly label: Releasability;
  readonly at: Date;
}

/** Rows per insert: under PostgreSQL's 65,535 parameters at 20 columns a row. */
const CHUNK = 1000;

function namespaced(source: string, actor: FinanceActor): string {
  return actor.nation ? `${source}@${actor.nation}` : source;
}

/** Stores a Kiel file's donors and flows, replacing what the same source said before. */
export async function replaceKielFlows(
  trx: Transaction<Database>,
  source: string,
  read: { readonly donors: readonly KielDonor[]; readonly flows: readonly KielFlow[] },
  options: FinanceImportOptions & { readonly sourceDocument: string },
): Promise<{ source: string; donors: number; flows: number; replaced: number }> {
  const stored = namespaced(source, options.actor);
  if (read.donors.length > 0) {
    await trx
      .insertInto('finance_donor')
      .values(read.donors.map((d) => ({ code: d.code, kind: d.kind })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const names = new Map(read.donors.map((d) => [d.code, d.name]));
  const removed = await trx.deleteFrom('finance_flow').where('source', '=', stored).executeTakeFirst();
  const label = labelColumns(options.label);
  for (let i = 0; i < read.flows.length; i += CHUNK) {
    await trx
      .insertInto('finance_flow')
      .values(
        read.flows.slice(i, i + CHUNK).map((f) => ({
          donor_code: f.donor,
          donor_name: names.get(f.donor) ?? f.donor,
          stage: f.stage,
          iati_transaction_type: IATI_TRANSACTION_TYPE[f.stage],
          amount_minor: f.amountMinor.toString(),
          currency: 'EUR',
          value_date: f.date,
          category: f.category,
          sector_vocabulary: null,
          sector_code: null,
          region_code: null,
          recipient: null,
          source: stored,
          source_document: options.sourceDocument,
          source_key: `row ${f.row} ${f.stage}${f.category ? ` ${f.category}` : ''}`,
          imported_by: options.actor.username,
          imported_at: options.at,
          ...label,
        })),
      )
      .execute();
  }
  const replaced = Number(removed.numDeletedRows);
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'finance.import_kiel',
    entity: 'finance_flow',
    entityId: stored,
    before: replaced > 0 ? { flows: replaced } : null,
    after: { donors: read.donors.length, flows: read.flows.length, sourceDocument: options.sourceDocument },
    label,
    at: options.at,
  });
  return { source: stored, donors: read.donors.length, flows: read.flows.length, replaced };
}

/** Stores euro reference rates; a rate already held for a currency and day is replaced (and the audit says how many). */
export async function putRates(
  trx: Transaction<Database>,
  rates: readonly EuroRate[],
  options: Omit<FinanceImportOptions, 'label'>,
): Promise<{
  rates: number;
  currencies: readonly string[];
  firstDate: string | null;
  lastDate: string | null;
}> {
  for (let i = 0; i < rates.length; i += CHUNK * 4) {
    await trx
      .insertInto('exchange_rate')
      .values(
        rates.slice(i, i + CHUNK * 4).map((r) => ({
          currency: r.currency,
          rate_date: r.date,
          rate_per_eur: rateDecimal(r.ratePerEurMicro),
          source: r.source,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['currency', 'rate_date']).doUpdateSet((eb) => ({
          rate_per_eur: eb.ref('excluded.rate_per_eur'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  }
  const dates = rates.map((r) => r.date).sort();
  const currencies = [...new Set(rates.map((r) => r.currency))].sort();
  const summary = {
    rates: rates.length,
    currencies,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
  };
  // Rates are public reference data: the audit entry is too.
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'finance.import_rates',
    entity: 'exchange_rate',
    entityId: rates[0]?.source ?? 'rates',
    before: null,
    after: summary,
    label: { rel_kind: 'PUBLIC', rel_nations: [] },
    at: options.at,
  });
  return summary;
}

function rateDecimal(micro: bigint): string {
  const digits = micro.toString().padStart(RATE_SCALE + 1, '0');
  return `${digits.slice(0, -RATE_SCALE)}.${digits.slice(-RATE_SCALE)}`;
}

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

/** Stores a needs table, replacing what the same source said before. */
export async function replaceNeeds(
  trx: Transaction<Database>,
  source: string,
  needs: readonly SectorNeed[],
  options: FinanceImportOptions,
): Promise<{ source: string; needs: number }> {
  const stored = namespaced(source, options.actor);
  await trx.deleteFrom('finance_need').where('source', '=', stored).execute();
  const label = labelColumns(options.label);
  if (needs.length > 0) {
    await trx
      .insertInto('finance_need')
      .values(
        needs.map((n) => ({
          source: stored,
          assessment: n.assessment,
          sector: n.sector,
          assessment_title: n.assessmentTitle,
          published: n.published,
          currency: n.currency,
          needs_minor: n.needsMinor.toString(),
          damage_minor: n.damageMinor === null ? null : n.damageMinor.toString(),
          source_url: n.sourceUrl,
          page: n.page,
          as_stated: n.asStated,
          rounded: n.rounded,
          imported_by: options.actor.username,
          imported_at: options.at,
          ...label,
        })),
      )
      .execute();
  }
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'finance.import_needs',
    entity: 'finance_need',
    entityId: stored,
    before: null,
    after: { needs: needs.length },
    label,
    at: options.at,
  });
  return { source: stored, needs: needs.length };
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
  // Names from the flows the reader sees (a source names its donors); the latest import's name when sources differ.
  const donors = await db
    .selectFrom('finance_flow')
    .innerJoin('finance_donor', 'finance_donor.code', 'finance_flow.donor_code')
    .select(['finance_flow.donor_code as code', 'finance_flow.donor_name as name', 'finance_donor.kind'])
    .distinctOn('finance_flow.donor_code')
    .orderBy('finance_flow.donor_code')
    .orderBy('finance_flow.imported_at', 'desc')
    .execute();
  return { ...summary, donors };
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

/** The flows behind a summary figure, as the reader may see them: a donor, and optionally a category and month. */
export async function listFlows(
  db: Db,
  filter: {
    readonly donor: string;
    readonly category?: SummaryCategory | undefined;
    readonly month?: string | undefined;
    readonly limit: number;
  },
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
    ])
    .where('donor_code', '=', filter.donor);
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
