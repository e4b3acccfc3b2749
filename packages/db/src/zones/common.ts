/**
 * What the zones modules share: who makes a change, and days as UTC instants.
 */
import type { IsoDate } from '@guarantor/core/phases';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A handle or a transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Who makes a change, for the audit log. */
export interface ZoneActor {
  readonly username: string;
  readonly nation: string | null;
}

/** The start of a UTC day. */
export const dayStart = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
