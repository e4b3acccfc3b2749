/** Who makes a planning change, and the transaction planning runs in. */
import type { Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A reader's transaction. */
export type Trx = Transaction<Database>;

/** Who makes a change, for the audit log. */
export interface PlanningActor {
  readonly username: string;
  readonly nation: string;
  readonly at: Date;
}
