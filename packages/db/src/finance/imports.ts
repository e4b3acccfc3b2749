/**
 * Finance imports into the store: a whole parsed file in the caller's transaction (the parsers
 * in core refuse a file with any problem first, so nothing is half-imported). A source is one
 * file's name in its importer's namespace (`kiel-r29@FRA`, as zones and presence are) and
 * importing it again replaces its rows; each import is one audit entry.
 */
import type { Releasability } from '@guarantor/core/access';
import {
  type EuroRate,
  IATI_TRANSACTION_TYPE,
  type KielDonor,
  type KielFlow,
  RATE_SCALE,
  type SectorNeed,
} from '@guarantor/core/finance';
import type { Transaction } from 'kysely';
import { labelColumns } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database } from '../schema.ts';

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
