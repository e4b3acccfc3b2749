import { createHash } from 'node:crypto';
import {
  type AuditChange,
  type AuditFields,
  type ChainVerdict,
  chainInput,
  verifyChain,
} from '@guarantor/core/access';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLogTable, Database, Labelled } from './schema.ts';

/** SHA-256 in hex, the chain's hash function. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One change to record: who did what to which record, with the record's state either side. */
export interface AuditEntry extends AuditChange {
  /** The audited record's label: its audit entry is no more releasable than the record. */
  readonly label: Labelled;
  readonly at: Date;
}

/**
 * Appends an entry in the caller's transaction, so the change and its record commit or
 * roll back together. Updating `audit_head` first locks the chain's tip: concurrent
 * appenders, on any server instance, queue behind it.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', true)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const fields: AuditFields = {
    seq,
    atIso: entry.at.toISOString(),
    actor: entry.actor,
    nation: entry.nation,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
  const hash = sha256Hex(chainInput(head.hash, fields));
  await trx
    .insertInto('audit_log')
    .values({
      seq,
      at: entry.at,
      actor: entry.actor,
      nation: entry.nation,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      prev_hash: head.hash,
      hash,
      rel_kind: entry.label.rel_kind,
      rel_nations: entry.label.rel_nations,
    })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', true).execute();
  return seq;
}

/** A stored entry's change, as the chain hashes it and a reader reads it (nulls for absent states). */
function changeOf(
  r: Pick<
    Selectable<AuditLogTable>,
    'actor' | 'nation' | 'action' | 'entity' | 'entity_id' | 'before' | 'after'
  >,
): AuditChange {
  return {
    actor: r.actor,
    nation: r.nation,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

/** Reads the whole log in order, as the connecting (owner) role, and checks every link. */
export async function verifyAudit(
  db: Kysely<Database>,
  onProgress?: (done: number) => void,
): Promise<ChainVerdict> {
  const pageSize = 5000;
  const rows: Parameters<typeof verifyChain>[0] extends Iterable<infer E> ? E[] : never = [];
  for (let after = 0; ; ) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      rows.push({
        seq: Number(r.seq),
        atIso: r.at.toISOString(),
        ...changeOf(r),
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    }
    onProgress?.(rows.length);
    if (page.length < pageSize) break;
    after = Number(page.at(-1)!.seq);
  }
  return verifyChain(rows, sha256Hex);
}

/** One audit entry as a reader reads it back (the chain's hashes left out). */
export interface AuditRecord extends AuditChange {
  readonly seq: number;
  readonly at: Date;
}

/**
 * The newest audit entries, newest first, narrowed to entities, one record or one actor. Run it
 * inside `asReader`: row-level security then leaves out every entry whose record the reader's
 * nation may not read.
 */
export async function listAuditEntries(
  db: Kysely<Database> | Transaction<Database>,
  filter: {
    readonly entities?: readonly string[];
    readonly excludeEntities?: readonly string[];
    readonly entityId?: string;
    /** Only entries older than this one (keyset paging on seq, the chain's unique order). */
    readonly beforeSeq?: number;
    readonly limit: number;
  },
): Promise<AuditRecord[]> {
  let q = db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'nation', 'action', 'entity', 'entity_id', 'before', 'after']);
  if (filter.entities) {
    if (filter.entities.length === 0) return [];
    q = q.where('entity', 'in', [...filter.entities]);
  }
  if (filter.excludeEntities && filter.excludeEntities.length > 0)
    q = q.where('entity', 'not in', [...filter.excludeEntities]);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    ...changeOf(r),
  }));
}

/**
 * What a reader may know of the audit chain's verdict: how many entries it can read, and
 * whether the broken entry (if any) is one of them. Run inside `asReader`: the chain covers
 * every nation's entries, and counting or numbering hidden ones would reveal them.
 */
export async function visibleAuditFacts(
  trx: Transaction<Database>,
  brokenAtSeq: number | undefined,
): Promise<{ readonly entries: number; readonly broken: boolean }> {
  const count = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const broken =
    brokenAtSeq === undefined
      ? false
      : (await trx
          .selectFrom('audit_log')
          .select('seq')
          .where('seq', '=', brokenAtSeq)
          .executeTakeFirst()) !== undefined;
  return { entries: Number(count.n), broken };
}
