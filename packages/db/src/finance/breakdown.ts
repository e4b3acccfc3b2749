/**
 * Promise to delivery by one dimension (issue 18): the flows the reader may see, summed per
 * key, stage, currency and day, for core's `breakdown` to convert and add up. Run inside
 * `asReader`: row-level security decides what is summed.
 */
import {
  type CrossDimension,
  type FlowStage,
  KEY_SEPARATOR,
  type KeyedFlowGroup,
} from '@guarantor/core/finance';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The key each dimension groups by; a flow without one gets a named key, never a null. */
const KEY: Readonly<Record<CrossDimension, RawBuilder<string>>> = {
  donor: sql<string>`donor_code`,
  category: sql<string>`coalesce(category, 'unsplit')`,
  // DAC 3-digit categories: a 5-digit code starts with its category.
  sector: sql<string>`coalesce(substr(sector_code, 1, 3), 'unspecified')`,
  region: sql<string>`coalesce(region_code, 'national')`,
  instrument: sql<string>`instrument`,
  month: sql<string>`to_char(value_date, 'YYYY-MM')`,
};

/**
 * Sums per key, stage, currency and day of the flows the reader may see. Crossed dimensions make
 * one key of their parts, joined by KEY_SEPARATOR in the order given.
 */
export async function breakdownGroups(db: Db, by: readonly CrossDimension[]): Promise<KeyedFlowGroup[]> {
  const key =
    by.length === 1
      ? KEY[by[0]!]
      : sql<string>`${sql.join(
          by.map((d) => KEY[d]),
          sql.raw(` || '${KEY_SEPARATOR}' || `),
        )}`;
  const rows = await db
    .selectFrom('finance_flow')
    .select([
      key.as('key'),
      'stage',
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`sum(amount_minor)::text`.as('amount'),
      sql<string>`count(*)::text`.as('flows'),
    ])
    .groupBy([key, 'stage', 'currency', 'value_date'])
    .execute();
  return rows.map((r) => ({
    key: r.key,
    stage: r.stage as FlowStage,
    currency: r.currency,
    date: r.date,
    amountMinor: BigInt(r.amount),
    flows: Number(r.flows),
  }));
}
