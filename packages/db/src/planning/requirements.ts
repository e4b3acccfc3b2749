/**
 * Requirements: CJSOR-like lines written by cell staff, each write audited and versioned.
 */
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import type { Requirement } from '@guarantor/core/planning';
import type { Selectable } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { RequirementTable } from '../schema.ts';
import type { PlanningActor, Trx } from './common.ts';

/** A requirement as stored: core's value plus its record fields. */
export interface RequirementRecord extends Requirement {
  readonly description: string;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly version: number;
  readonly releasability: string;
}

/** The fields of a requirement a writer gives (id is given on create only). */
export interface RequirementFields {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly capability: string;
  readonly role: Requirement['role'];
  readonly quantity: number;
  readonly priority: Requirement['priority'];
  readonly phase: Requirement['phase'];
  readonly maxDaysToDeploy: number;
  readonly preferredNations: readonly string[];
  readonly description: string;
}

const requirementOf = (r: Selectable<RequirementTable>): RequirementRecord => ({
  id: r.id,
  region: r.region_code,
  lineOfEffort: r.line_of_effort,
  capability: r.capability,
  role: r.role,
  quantity: r.quantity,
  priority: Number(r.priority) as Requirement['priority'],
  phase: r.phase,
  maxDaysToDeploy: r.max_days_to_deploy,
  ...(r.preferred_nations.length > 0 ? { preferredNations: r.preferred_nations } : {}),
  description: r.description,
  illustrative: r.illustrative,
  source: r.source,
  version: r.version,
  releasability: labelText(r),
});

const requirementRow = (f: RequirementFields) => ({
  region_code: f.region,
  line_of_effort: f.lineOfEffort,
  capability: f.capability,
  role: f.role,
  quantity: f.quantity,
  priority: f.priority,
  phase: f.phase,
  max_days_to_deploy: f.maxDaysToDeploy,
  preferred_nations: [...f.preferredNations],
  description: f.description,
});

/** Requirements the reader may see, by region, line of effort and id. */
export async function listRequirements(db: Trx): Promise<readonly RequirementRecord[]> {
  const rows = await db
    .selectFrom('requirement')
    .selectAll()
    .orderBy('region_code')
    .orderBy('line_of_effort')
    .orderBy('id')
    .execute();
  return rows.map((r) => requirementOf(r));
}

/** One requirement, or undefined when absent or not releasable to the reader. */
export async function getRequirement(db: Trx, id: string): Promise<RequirementRecord | undefined> {
  const row = await db.selectFrom('requirement').selectAll().where('id', '=', id).executeTakeFirst();
  return row && requirementOf(row);
}

/** Creates a requirement, audited. A duplicate id raises the database's unique violation. */
export async function insertRequirement(
  trx: Trx,
  id: string,
  fields: RequirementFields,
  label: Releasability,
  by: PlanningActor,
): Promise<RequirementRecord> {
  await trx
    .insertInto('requirement')
    .values({
      id,
      ...requirementRow(fields),
      illustrative: false,
      source: null,
      created_at: by.at,
      updated_at: by.at,
      ...labelColumns(label),
    })
    .execute();
  const created = (await getRequirement(trx, id))!;
  await auditRequirement(trx, 'requirement.create', id, null, created, by);
  return created;
}

/** The result of a versioned write. */
export type VersionedWrite<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'changed'; readonly current: T };

/** Replaces a requirement's fields if its version is still `expectedVersion`, audited. */
export async function updateRequirement(
  trx: Trx,
  id: string,
  expectedVersion: number,
  fields: RequirementFields,
  label: Releasability | undefined,
  by: PlanningActor,
): Promise<VersionedWrite<RequirementRecord>> {
  const before = await getRequirement(trx, id);
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.version !== expectedVersion) return { ok: false, reason: 'changed', current: before };
  await trx
    .updateTable('requirement')
    .set((eb) => ({
      ...requirementRow(fields),
      ...(label ? labelColumns(label) : {}),
      version: eb('version', '+', 1),
      updated_at: by.at,
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .execute();
  const after = (await getRequirement(trx, id))!;
  await auditRequirement(trx, 'requirement.update', id, before, after, by);
  return { ok: true, value: after };
}

/** Deletes a requirement if its version is still `expectedVersion`, audited. */
export async function deleteRequirement(
  trx: Trx,
  id: string,
  expectedVersion: number,
  by: PlanningActor,
): Promise<VersionedWrite<RequirementRecord>> {
  const before = await getRequirement(trx, id);
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.version !== expectedVersion) return { ok: false, reason: 'changed', current: before };
  await trx.deleteFrom('requirement').where('id', '=', id).where('version', '=', expectedVersion).execute();
  await auditRequirement(trx, 'requirement.delete', id, before, null, by);
  return { ok: true, value: before };
}

function auditRequirement(
  trx: Trx,
  action: string,
  id: string,
  before: RequirementRecord | null,
  after: RequirementRecord | null,
  by: PlanningActor,
) {
  const label = labelColumns(parseReleasability((after ?? before)!.releasability));
  return appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action,
    entity: 'requirement',
    entityId: id,
    before,
    after,
    label,
    at: by.at,
  });
}
