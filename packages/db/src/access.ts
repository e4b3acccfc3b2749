import type { Releasability } from '@guarantor/core/access';
import { formatReleasability, parseReleasability } from '@guarantor/core/access';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Labelled } from './schema.ts';

/** Who a database call runs for: the nation row-level security filters on. */
export interface ReaderContext {
  /** ISO alpha-3 of the reader's nation; null for the public. */
  readonly nation: string | null;
  readonly coalitionMember: boolean;
}

/** The public: reads PUBLIC records only. */
export const PUBLIC_READER: ReaderContext = { nation: null, coalitionMember: false };

/**
 * Runs `work` in one transaction as the role `guarantor_app`, with the reader's nation set
 * for row-level security. Everything a request reads or writes for a user goes through
 * here, so the database filters rows even where the server's own filter were forgotten.
 */
export async function asReader<T>(
  db: Kysely<Database>,
  reader: ReaderContext,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`select set_config('role', 'guarantor_app', true),
                     set_config('guarantor.nation', ${reader.nation ?? ''}, true),
                     set_config('guarantor.coalition_member', ${reader.coalitionMember ? 'on' : 'off'}, true)`.execute(
      trx,
    );
    return work(trx);
  });
}

/**
 * Runs `work` in one read-only transaction as `guarantor_anon`, the public with no login
 * (migration 0021): its row-level security policies admit PUBLIC rows only, whatever the
 * session settings say, and it holds no write grant. The public transparency page reads
 * through here (ADR 0033).
 */
export async function asAnonymous<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', 'guarantor_anon', true),
                     set_config('guarantor.nation', '', true),
                     set_config('guarantor.coalition_member', 'off', true),
                     set_config('transaction_read_only', 'on', true)`.execute(trx);
    return work(trx);
  });
}

/**
 * Runs `work` inside a reader's transaction as a reader of the whole coalition: rows labelled
 * PUBLIC or COALITION only, whatever the reader's own nation may also read. For what a reader
 * writes onto a record every nation reads (a phase decision's rule evaluations), so that it
 * carries nothing of the reader's national data. The reader's settings come back afterwards.
 */
export async function asCoalitionWide<T>(trx: Transaction<Database>, work: () => Promise<T>): Promise<T> {
  const saved = await sql<{ nation: string | null; member: string | null }>`
    select current_setting('guarantor.nation', true) as nation,
           current_setting('guarantor.coalition_member', true) as member`.execute(trx);
  const { nation, member } = saved.rows[0]!;
  await sql`select set_config('guarantor.nation', '', true), set_config('guarantor.coalition_member', 'on', true)`.execute(
    trx,
  );
  try {
    return await work();
  } finally {
    await sql`select set_config('guarantor.nation', ${nation ?? ''}, true),
                     set_config('guarantor.coalition_member', ${member ?? 'off'}, true)`.execute(trx);
  }
}

/** The stored columns of a label. */
export function labelColumns(label: Releasability): Labelled {
  switch (label.kind) {
    case 'PUBLIC':
    case 'COALITION':
      return { rel_kind: label.kind, rel_nations: [] };
    case 'REL':
      return { rel_kind: 'REL', rel_nations: [...label.nations] };
    case 'NATIONAL':
      return { rel_kind: 'NATIONAL', rel_nations: [label.nation] };
  }
}

/** The label stored in a row's columns. */
export function labelOf(row: Labelled): Releasability {
  switch (row.rel_kind) {
    case 'PUBLIC':
    case 'COALITION':
      return { kind: row.rel_kind };
    case 'REL':
      return { kind: 'REL', nations: row.rel_nations };
    case 'NATIONAL':
      return { kind: 'NATIONAL', nation: row.rel_nations[0] ?? '' };
  }
}

/** The label text of a row, e.g. `REL TO UKR, USA`. */
export function labelText(row: Labelled): string {
  return formatReleasability(labelOf(row));
}

/** Stored columns from label text; throws LabelError from core when it does not parse. */
export function labelColumnsFromText(text: string): Labelled {
  return labelColumns(parseReleasability(text));
}

/** Records whose ids the server gives, numbered per creating nation (`guarantor_next_record_number`). */
export type NumberedRecord = 'requirement' | 'hub' | 'truce_window' | 'order' | 'plan' | 'sustainment_plan';

/**
 * The next id for a new record of the reader's nation: `R-FRA-01`, `hub-fra-1`, `truce-fra-1`,
 * `ORD-FRA-1`, `PLAN-FRA-1`. Run inside asReader: the nation comes from the transaction's
 * settings, never from a body. No client chooses these ids, so a reader cannot probe for a
 * hidden record by creating one with its id, and the number counts only the reader's own
 * nation's records. Outside a reader's transaction (the owner: the seed, a worker) the record's
 * nation is given as `ownerNation`.
 */
export async function nextRecordId(
  trx: Transaction<Database>,
  kind: NumberedRecord,
  ownerNation?: string,
): Promise<string> {
  const reader = await trx
    .selectNoFrom((eb) => eb.fn<string | null>('guarantor_reader_nation', []).as('nation'))
    .executeTakeFirst();
  const nation = reader?.nation ?? ownerNation ?? null;
  if (!nation) throw new Error('nextRecordId: no reader nation is set; run it inside asReader');
  const { n } = await trx
    .selectNoFrom((eb) =>
      (reader?.nation
        ? eb.fn<number>('guarantor_next_record_number', [eb.val(kind)])
        : eb.fn<number>('guarantor_next_record_number_for', [eb.val(kind), eb.val(nation)])
      ).as('n'),
    )
    .executeTakeFirstOrThrow();
  switch (kind) {
    case 'requirement':
      return `R-${nation}-${String(n).padStart(2, '0')}`;
    case 'hub':
      return `hub-${nation.toLowerCase()}-${n}`;
    case 'truce_window':
      return `truce-${nation.toLowerCase()}-${n}`;
    case 'order':
      return `ORD-${nation}-${n}`;
    case 'plan':
      return `PLAN-${nation}-${n}`;
    case 'sustainment_plan':
      return `SPLAN-${nation}-${n}`;
  }
}
