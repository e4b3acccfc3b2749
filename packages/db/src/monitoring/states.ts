/** An incident's state history, and an analyst's change of its state (verified, attributed, dismissed). */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Labelled } from '../schema.ts';
import { getIncident, type IncidentRecord, ofIncidentOrJoined } from './incidents.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One entry of an incident's state history. */
export interface StateChangeRecord {
  readonly incidentId: string;
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly nation: string | null;
  readonly at: Date;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

/** The state history of an incident and of the incidents fusion joined into it, oldest first. */
export async function incidentStateChanges(db: Db, incidentId: string): Promise<StateChangeRecord[]> {
  const rows = await db
    .selectFrom('incident_state_change')
    .select([
      'incident_id',
      'from_state',
      'to_state',
      'by_user',
      'by_nation',
      'at',
      'reason',
      'evidence',
      'attributed_party',
      'assessment',
    ])
    .where(ofIncidentOrJoined(incidentId))
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    from: r.from_state,
    to: r.to_state,
    by: r.by_user,
    nation: r.by_nation,
    at: r.at,
    reason: r.reason,
    evidence: r.evidence,
    attributedParty: r.attributed_party,
    assessment: r.assessment,
  }));
}

/** An analyst's transition, applied by changeIncidentState. */
export interface StateChangeInput {
  readonly incidentId: string;
  readonly to: 'verified' | 'attributed' | 'dismissed';
  readonly expectedVersion?: number;
  readonly by: string;
  readonly nation: string;
  readonly at: Date;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

/**
 * Sets an incident's state and records the change, in the caller's transaction (asReader, so
 * an incident the analyst may not read cannot be changed). Returns the updated record, or
 * undefined when the incident is not visible or its version moved on.
 */
export async function changeIncidentState(
  trx: Transaction<Database>,
  change: StateChangeInput,
): Promise<IncidentRecord | undefined> {
  let update = trx
    .updateTable('incident')
    .set((eb) => ({
      state: change.to,
      attributed_party: change.attributedParty,
      version: eb('version', '+', 1),
      updated_at: change.at,
    }))
    .where('id', '=', change.incidentId)
    .where('merged_into', 'is', null);
  if (change.expectedVersion !== undefined) update = update.where('version', '=', change.expectedVersion);
  const updated = await update.returning('id').executeTakeFirst();
  if (!updated) return undefined;
  const record = (await getIncident(trx, change.incidentId))!;
  return record;
}

/** Appends the state history row for an analyst's change (label: the incident's). */
export async function recordStateChange(
  trx: Transaction<Database>,
  change: StateChangeInput & { readonly from: string },
  label: Labelled,
): Promise<void> {
  await trx
    .insertInto('incident_state_change')
    .values({
      incident_id: change.incidentId,
      from_state: change.from,
      to_state: change.to,
      by_user: change.by,
      by_nation: change.nation,
      at: change.at,
      reason: change.reason,
      evidence: [...change.evidence],
      attributed_party: change.attributedParty,
      assessment: change.assessment,
      rel_kind: label.rel_kind,
      rel_nations: label.rel_nations,
    })
    .execute();
}
