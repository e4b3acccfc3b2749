/**
 * The lead matrix's claims: one nation's claim to lead one cell, kept with its status, audited.
 */
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import type { Selectable } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database, LeadClaimStatus } from '../schema.ts';
import type { PlanningActor, Trx } from './common.ts';

/** A lead claim as stored (one `lead_role` row: one nation's claim to lead one cell). */
export interface LeadClaimRecord {
  readonly id: string;
  readonly region: string;
  readonly lineOfEffort: string;
  readonly nation: string;
  readonly note: string | null;
  /** Only `active` claims count; `declined` and `withdrawn` ones are kept for the record. */
  readonly status: LeadClaimStatus;
  /** Who last set the status (resolver, withdrawing or re-asserting liaison), when and why. */
  readonly statusBy: string | null;
  readonly statusAt: Date | null;
  readonly statusNote: string | null;
  readonly releasability: string;
}

const claimOf = (r: Selectable<Database['lead_role']>): LeadClaimRecord => ({
  id: r.id,
  region: r.region_code,
  lineOfEffort: r.line_of_effort,
  nation: r.lead_nation,
  note: r.note,
  status: r.status,
  statusBy: r.status_by,
  statusAt: r.status_at,
  statusNote: r.status_note,
  releasability: labelText(r),
});

function auditClaim(
  trx: Trx,
  action: string,
  claim: LeadClaimRecord,
  before: LeadClaimRecord | null,
  after: unknown,
  by: PlanningActor,
) {
  return appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action,
    entity: 'lead_role',
    entityId: claim.id,
    before,
    after,
    label: labelColumns(parseReleasability(claim.releasability)),
    at: by.at,
  });
}

/** One lead claim, whatever its status, or undefined when absent or not releasable to the reader. */
export async function getLeadClaim(trx: Trx, id: string): Promise<LeadClaimRecord | undefined> {
  const row = await trx.selectFrom('lead_role').selectAll().where('id', '=', id).executeTakeFirst();
  return row && claimOf(row);
}

/** Lead claims the reader may see, whatever their status, by cell and nation; optionally filtered. */
export async function listLeadClaims(
  trx: Trx,
  filter: {
    readonly region?: string;
    readonly lineOfEffort?: string;
    readonly nation?: string;
    readonly status?: LeadClaimStatus;
  } = {},
): Promise<readonly LeadClaimRecord[]> {
  let select = trx.selectFrom('lead_role').selectAll();
  if (filter.region) select = select.where('region_code', '=', filter.region);
  if (filter.lineOfEffort) select = select.where('line_of_effort', '=', filter.lineOfEffort);
  if (filter.nation) select = select.where('lead_nation', '=', filter.nation);
  if (filter.status) select = select.where('status', '=', filter.status);
  const rows = await select.orderBy('region_code').orderBy('line_of_effort').orderBy('lead_nation').execute();
  return rows.map(claimOf);
}

/** The claims on one cell that the reader may see, whatever their status, by nation. */
export function cellClaims(
  trx: Trx,
  region: string,
  lineOfEffort: string,
): Promise<readonly LeadClaimRecord[]> {
  return listLeadClaims(trx, { region, lineOfEffort });
}

/**
 * Records `by.nation`'s claim to lead a cell (id `<region>:<line of effort>:<nation>`), audited.
 * A second claim by the same nation on the same cell, whatever the first one's status, raises
 * the database's unique violation: a kept claim is re-asserted, not claimed again.
 */
export async function insertLeadClaim(
  trx: Trx,
  claim: { readonly region: string; readonly lineOfEffort: string; readonly note: string | null },
  label: Releasability,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  const id = `${claim.region}:${claim.lineOfEffort}:${by.nation}`;
  await trx
    .insertInto('lead_role')
    .values({
      id,
      region_code: claim.region,
      line_of_effort: claim.lineOfEffort,
      lead_nation: by.nation,
      contributors: [],
      note: claim.note,
      illustrative: false,
      source: null,
      ...labelColumns(label),
    })
    .execute();
  const created = (await getLeadClaim(trx, id))!;
  await auditClaim(trx, 'lead_claim.create', created, null, created, by);
  return created;
}

/** Sets a claim's status with who, when and why; returns the claim as it now reads. */
async function setClaimStatus(
  trx: Trx,
  claim: LeadClaimRecord,
  status: LeadClaimStatus,
  note: string | null,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  await trx
    .updateTable('lead_role')
    .set({ status, status_by: by.username, status_at: by.at, status_note: note })
    .where('id', '=', claim.id)
    .execute();
  return (await getLeadClaim(trx, claim.id))!;
}

/**
 * A liaison's change to their own claim, audited: `withdrawn` keeps it but it no longer counts;
 * `active` re-asserts a declined or withdrawn claim, so a conflict it had lost is open again.
 * The caller has checked that it is the actor's own nation's, and that the status changes.
 */
export async function changeLeadClaimStatus(
  trx: Trx,
  claim: LeadClaimRecord,
  status: 'withdrawn' | 'active',
  note: string | null,
  by: PlanningActor,
): Promise<LeadClaimRecord> {
  const after = await setClaimStatus(trx, claim, status, note, by);
  const action = status === 'withdrawn' ? 'lead_claim.withdraw' : 'lead_claim.reassert';
  await auditClaim(trx, action, after, claim, after, by);
  return after;
}

/**
 * Resolves a conflict on a cell: the chosen claim stays, with the decision written into its
 * note, and every other active claim the resolver can see is kept as `declined`, with the
 * resolver, the time and a note naming the chosen nation and the reason. All in the caller's
 * transaction, each change audited with the decision.
 */
export async function resolveLeadConflict(
  trx: Trx,
  chosen: LeadClaimRecord,
  others: readonly LeadClaimRecord[],
  reason: string,
  by: PlanningActor,
): Promise<{ readonly chosen: LeadClaimRecord; readonly declined: readonly LeadClaimRecord[] }> {
  const decision = `chosen by ${by.username} (${by.nation}) on ${by.at.toISOString().slice(0, 10)} over ${others
    .map((o) => o.nation)
    .join(', ')}: ${reason}`;
  await trx.updateTable('lead_role').set({ note: decision }).where('id', '=', chosen.id).execute();
  const after = (await getLeadClaim(trx, chosen.id))!;
  await auditClaim(
    trx,
    'lead_claim.resolve',
    after,
    chosen,
    { ...after, declined: others.map((o) => o.id) },
    by,
  );
  const declined: LeadClaimRecord[] = [];
  for (const o of others) {
    const d = await setClaimStatus(trx, o, 'declined', `${chosen.nation} chosen to lead: ${reason}`, by);
    await auditClaim(trx, 'lead_claim.decline', d, o, { ...d, chosen: chosen.id }, by);
    declined.push(d);
  }
  return { chosen: after, declined };
}
