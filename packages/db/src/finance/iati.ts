/**
 * IATI flows in the store: an activity file's transactions replace what the same source said
 * before, in the caller's transaction, with one audit entry; and every flow the reader may see,
 * as the IATI, HXL CSV and XLSX exports read them (ADR 0033).
 */
import type { ExportFlow, IatiDonor, IatiFlow } from '@guarantor/core/finance';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database } from '../schema.ts';
import type { FinanceImportOptions } from './imports.ts';

type Db = Kysely<Database> | Transaction<Database>;

const CHUNK = 1000;

/**
 * Each activity's first-level unit of Ukraine: the one unit that holds every one of its location
 * points. An activity without a point, or with points in several units or outside Ukraine, stays
 * national (no region): money is never split between units by a guess.
 */
export async function activityRegions(
  db: Db,
  flows: readonly Pick<IatiFlow, 'activityId' | 'locations'>[],
): Promise<{ byActivity: Map<string, string>; withPoints: number }> {
  const points = new Map<string, readonly { lon: number; lat: number }[]>();
  for (const f of flows)
    if (f.locations.length > 0 && !points.has(f.activityId)) points.set(f.activityId, f.locations);
  const rows = [...points].flatMap(([activity, list]) => list.map((p, i) => ({ activity, i, ...p })));
  const codes = new Map<string, Set<string | null>>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map((p) => sql`(${p.activity}, ${p.i}::int, ${p.lon}::float8, ${p.lat}::float8)`);
    const found = await sql<{ activity: string; code: string | null }>`
      select p.activity, r.code
        from (values ${sql.join(values)}) as p(activity, i, lon, lat)
        left join region r
          on r.kind = 'ukraine_unit' and st_intersects(r.geom, st_setsrid(st_makepoint(p.lon, p.lat), 4326))`.execute(
      db,
    );
    for (const row of found.rows) {
      const set = codes.get(row.activity) ?? new Set();
      set.add(row.code);
      codes.set(row.activity, set);
    }
  }
  const byActivity = new Map<string, string>();
  for (const [activity, set] of codes) {
    const [only] = set;
    if (set.size === 1 && only) byActivity.set(activity, only);
  }
  return { byActivity, withPoints: points.size };
}

/** Stores an IATI file's donors and flows; activities over their commitment carry `overCommitmentReason`. */
export async function replaceIatiFlows(
  trx: Transaction<Database>,
  source: string,
  read: {
    readonly donors: readonly IatiDonor[];
    readonly flows: readonly IatiFlow[];
    readonly skipped: number;
    readonly overCommitted: readonly string[];
  },
  options: FinanceImportOptions & {
    readonly sourceDocument: string;
    readonly overCommitmentReason: string | null;
  },
): Promise<{
  source: string;
  donors: number;
  flows: number;
  replaced: number;
  regions: { booked: number; withPoints: number };
}> {
  const stored = options.actor.nation ? `${source}@${options.actor.nation}` : source;
  if (read.donors.length > 0) {
    await trx
      .insertInto('finance_donor')
      .values(read.donors.map((d) => ({ code: d.code, kind: d.kind })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const names = new Map(read.donors.map((d) => [d.code, d.name]));
  const over = new Set(read.overCommitted);
  const removed = await trx.deleteFrom('finance_flow').where('source', '=', stored).executeTakeFirst();
  const label = labelColumns(options.label);
  const regions = await activityRegions(trx, read.flows);
  for (let i = 0; i < read.flows.length; i += CHUNK) {
    await trx
      .insertInto('finance_flow')
      .values(
        read.flows.slice(i, i + CHUNK).map((f) => ({
          donor_code: f.donor,
          donor_name: names.get(f.donor) ?? f.donor,
          stage: f.stage,
          iati_transaction_type: f.transactionType,
          amount_minor: f.amountMinor.toString(),
          currency: f.currency,
          value_date: f.date,
          instrument: f.instrument,
          category: null,
          sector_vocabulary: f.sectorVocabulary,
          sector_code: f.sectorCode,
          region_code: regions.byActivity.get(f.activityId) ?? null,
          recipient: f.recipient,
          source: stored,
          source_document: options.sourceDocument,
          source_key: f.sourceKey,
          imported_by: options.actor.username,
          imported_at: options.at,
          activity_id: f.activityId,
          activity_title: f.activityTitle || null,
          recipient_country: f.recipientCountry,
          recipient_region_vocabulary: f.recipientRegionVocabulary,
          recipient_region: f.recipientRegion,
          description: f.description,
          over_commitment_reason:
            f.stage === 'disbursement' && over.has(f.activityId) ? options.overCommitmentReason : null,
          ...label,
        })),
      )
      .execute();
  }
  const replaced = Number(removed.numDeletedRows);
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'finance.import_iati',
    entity: 'finance_flow',
    entityId: stored,
    before: replaced > 0 ? { flows: replaced } : null,
    after: {
      donors: read.donors.length,
      flows: read.flows.length,
      skipped: read.skipped,
      sourceDocument: options.sourceDocument,
      activitiesBookedToRegions: regions.byActivity.size,
      ...(read.overCommitted.length > 0
        ? { overCommitted: read.overCommitted, overCommitmentReason: options.overCommitmentReason }
        : {}),
    },
    label,
    at: options.at,
  });
  return {
    source: stored,
    donors: read.donors.length,
    flows: read.flows.length,
    replaced,
    regions: { booked: regions.byActivity.size, withPoints: regions.withPoints },
  };
}

/** A flow as the exports read it, with its label in words. */
export interface ExportRecord extends ExportFlow {
  readonly id: string;
  readonly iatiTransactionType: number | null;
  readonly category: string | null;
  readonly regionCode: string | null;
  readonly sourceKey: string;
  readonly overCommitmentReason: string | null;
  readonly releasability: string;
}

/** Every flow the reader may see, in activity, date and id order (at most `limit`, and whether there were more). */
export async function exportFlows(db: Db, limit: number): Promise<{ flows: ExportRecord[]; more: boolean }> {
  const rows = await db
    .selectFrom('finance_flow')
    .select([
      sql<string>`id::text`.as('id'),
      'activity_id',
      'activity_title',
      'donor_code',
      'donor_name',
      'stage',
      'iati_transaction_type',
      sql<string>`amount_minor::text`.as('amount'),
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      'instrument',
      'category',
      'sector_vocabulary',
      'sector_code',
      'region_code',
      'recipient_country',
      'recipient_region_vocabulary',
      'recipient_region',
      'recipient',
      'description',
      'source',
      'source_document',
      'source_key',
      'over_commitment_reason',
      'rel_kind',
      'rel_nations',
    ])
    .orderBy('activity_id')
    .orderBy('source')
    .orderBy('value_date')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return {
    more: rows.length > limit,
    flows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activityTitle: r.activity_title,
      donor: r.donor_code,
      donorName: r.donor_name,
      stage: r.stage,
      iatiTransactionType: r.iati_transaction_type,
      amountMinor: BigInt(r.amount),
      currency: r.currency,
      date: r.date,
      instrument: r.instrument,
      category: r.category,
      sectorVocabulary: r.sector_vocabulary,
      sectorCode: r.sector_code,
      regionCode: r.region_code,
      recipientCountry: r.recipient_country,
      recipientRegionVocabulary: r.recipient_region_vocabulary,
      recipientRegion: r.recipient_region,
      recipient: r.recipient,
      description: r.description,
      source: r.source,
      sourceDocument: r.source_document,
      sourceKey: r.source_key,
      overCommitmentReason: r.over_commitment_reason,
      releasability: labelText(r),
    })),
  };
}
