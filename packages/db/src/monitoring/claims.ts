/** The dispute record: what each party claims about an incident, and the monitors' assessment. */
import type { Kysely, Transaction } from 'kysely';
import { labelText } from '../access.ts';
import type { Database, Labelled } from '../schema.ts';
import { ofIncidentOrJoined } from './incidents.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A party's claim about an incident and the monitors' assessment of it. */
export interface ClaimRecord {
  readonly id: number;
  readonly incidentId: string;
  readonly party: string;
  readonly claim: string;
  readonly evidence: readonly string[];
  readonly assessment: string | null;
  readonly by: string;
  readonly nation: string | null;
  readonly at: Date;
  readonly releasability: string;
}

/** Adds a claim to the dispute record (rows are only ever added). */
export async function addClaim(
  trx: Transaction<Database>,
  claim: Omit<ClaimRecord, 'id' | 'nation' | 'releasability'> & {
    readonly nation: string;
    readonly label: Labelled;
  },
): Promise<ClaimRecord> {
  const row = await trx
    .insertInto('incident_claim')
    .values({
      incident_id: claim.incidentId,
      party: claim.party,
      claim: claim.claim,
      evidence: [...claim.evidence],
      assessment: claim.assessment,
      by_user: claim.by,
      by_nation: claim.nation,
      at: claim.at,
      rel_kind: claim.label.rel_kind,
      rel_nations: claim.label.rel_nations,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: Number(row.id),
    incidentId: claim.incidentId,
    party: claim.party,
    claim: claim.claim,
    evidence: claim.evidence,
    assessment: claim.assessment,
    by: claim.by,
    nation: claim.nation,
    at: claim.at,
    releasability: labelText(claim.label),
  };
}

/** The dispute record of an incident (and of incidents joined into it), oldest first. */
export async function incidentClaims(db: Db, incidentId: string): Promise<ClaimRecord[]> {
  const rows = await db
    .selectFrom('incident_claim')
    .select([
      'id',
      'incident_id',
      'party',
      'claim',
      'evidence',
      'assessment',
      'by_user',
      'by_nation',
      'at',
      'rel_kind',
      'rel_nations',
    ])
    .where(ofIncidentOrJoined(incidentId))
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    incidentId: r.incident_id,
    party: r.party,
    claim: r.claim,
    evidence: r.evidence,
    assessment: r.assessment,
    by: r.by_user,
    nation: r.by_nation,
    at: r.at,
    releasability: labelText(r),
  }));
}
