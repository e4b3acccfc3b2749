/**
 * Incident changes published on INCIDENTS_CHANNEL (pg_notify), so every server instance can
 * push them to its live subscribers; fusion and analysts publish the same way.
 */
import type { IncidentStateName } from '@guarantor/core/monitoring';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Labelled } from '../schema.ts';
import type { IncidentRecord } from './incidents.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The channel incident changes are published on (pg_notify), for every server instance. */
export const INCIDENTS_CHANNEL = 'guarantor_incidents';

/** One change published on INCIDENTS_CHANNEL. */
export interface IncidentChange {
  readonly id: string;
  readonly state: IncidentStateName;
  readonly category: string;
  readonly version: number;
  readonly rel_kind: Labelled['rel_kind'];
  readonly rel_nations: readonly string[];
  /** Set when the incident was joined into another and is gone from lists and maps. */
  readonly mergedInto?: string;
}

/** Sends `payload` on `channel` when the transaction commits. */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await db
    .selectNoFrom((eb) => eb.fn<void>('pg_notify', [eb.val(channel), eb.val(payload)]).as('sent'))
    .execute();
}

/**
 * pg_notify payloads are limited to 8000 bytes: changes go out in groups well under that, all
 * in one statement (a step of fusion publishes thousands of changes).
 */
export async function publish(trx: Db, changes: readonly IncidentChange[]): Promise<void> {
  const payloads: string[] = [];
  let group: IncidentChange[] = [];
  let bytes = 0;
  const flush = () => {
    if (group.length === 0) return;
    payloads.push(JSON.stringify(group));
    group = [];
    bytes = 0;
  };
  for (const change of changes) {
    const size = JSON.stringify(change).length + 1;
    if (bytes + size > 7000) flush();
    group.push(change);
    bytes += size;
  }
  flush();
  if (payloads.length === 1) await notify(trx, INCIDENTS_CHANNEL, payloads[0]!);
  else if (payloads.length > 1)
    await sql`select pg_notify(${INCIDENTS_CHANNEL}, p) from unnest(${payloads}::text[]) with ordinality as u(p, n) order by n`.execute(
      trx,
    );
}

/** Publishes analyst changes the same way fusion publishes its own. */
export async function publishIncidentChanges(trx: Db, records: readonly IncidentRecord[]): Promise<void> {
  await publish(
    trx,
    records.map((r) => ({
      id: r.id,
      state: r.state,
      category: r.category,
      version: r.version,
      ...r.label,
      ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
    })),
  );
}
