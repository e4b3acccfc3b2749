/** Who changed what, for the audit log, and what every phases module shares. */
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit.ts';
import type { Database, Labelled } from '../schema.ts';

/** A handle or a transaction. */
export type Db = Kysely<Database> | Transaction<Database>;
/** The caller's transaction, which writes and their audit entries share. */
export type Trx = Transaction<Database>;

/** The label of most ceasefire records: every coalition member reads them. */
export const COALITION: Labelled = { rel_kind: 'COALITION', rel_nations: [] };

/** Who made a change, for the audit log. */
export interface Actor {
  readonly username: string;
  readonly nation: string | null;
}

/** Appends a phases change to the audit log, in the caller's transaction. */
export async function audit(
  trx: Trx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
  at: Date,
  label: Labelled = COALITION,
): Promise<void> {
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action,
    entity,
    entityId,
    before,
    after,
    label,
    at,
  });
}

/** A `date` column as `YYYY-MM-DD`, whichever type the driver returned. */
export const dateText = (d: unknown): string =>
  d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);
