/**
 * Sustainment storage (migration 0018): offers' rotations and requirements' timelines, each as
 * releasable as its parent record, and stored sustainment plans with the meet of their inputs'
 * labels. Every write appends its audit entry in the caller's transaction.
 */
import type { Releasability } from '@guarantor/core/access';
import type {
  OfferRotation,
  RequirementTimeline,
  SustainmentPlan,
  UncoveredSpan,
} from '@guarantor/core/planning';
import { type Selectable, sql } from 'kysely';
import { labelColumns, labelText, nextRecordId } from './access.ts';
import { appendAudit } from './audit.ts';
import type { PlanningActor, Trx } from './planning/common.ts';
import type { SustainmentInputSnapshot, SustainmentPlanTable } from './schema.ts';

/** A stored rotation with the version a writer must name to replace it. */
export interface RotationRecord extends OfferRotation {
  readonly offerId: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** A stored timeline with its version. */
export interface TimelineRecord extends RequirementTimeline {
  readonly requirementId: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** Rotations of the offers the reader may see, by offer id. */
export async function listRotations(trx: Trx): Promise<readonly RotationRecord[]> {
  const rows = await trx.selectFrom('offer_rotation').selectAll().orderBy('offer_id').execute();
  return rows.map((r) => ({
    offerId: r.offer_id,
    availableFrom: r.available_from,
    monthsDeployed: r.months_deployed,
    monthsRecovering: r.months_recovering,
    rotationalUnits: r.rotational_units,
    mandateEnds: r.mandate_ends,
    renewalExpected: r.renewal_expected,
    maxMonths: r.max_months,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** Timelines of the requirements the reader may see. */
export async function listTimelines(trx: Trx): Promise<readonly TimelineRecord[]> {
  const rows = await trx.selectFrom('requirement_timeline').selectAll().orderBy('requirement_id').execute();
  return rows.map((r) => ({
    requirementId: r.requirement_id,
    start: r.start_month,
    end: r.end_month,
    sizeChanges: r.size_changes,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** The outcome of a versioned write: the record, or why nothing was written. */
export type SustainmentWrite<T> =
  | { readonly ok: true; readonly record: T }
  | { readonly ok: false; readonly reason: 'version'; readonly current: number };

/**
 * Sets an offer's rotation. A first rotation is written with version 0 named (there is none);
 * a later one must name the version it replaces. The caller has checked that the reader may see
 * and write the offer; `label` is the offer's, which the audit entry carries.
 */
export async function putRotation(
  trx: Trx,
  offerId: string,
  version: number,
  rotation: OfferRotation,
  label: Releasability,
  by: PlanningActor,
): Promise<SustainmentWrite<RotationRecord>> {
  const before = (await listRotationsOf(trx, offerId))[0];
  const current = before?.version ?? 0;
  if (version !== current) return { ok: false, reason: 'version', current };
  const values = {
    available_from: rotation.availableFrom,
    months_deployed: rotation.monthsDeployed,
    months_recovering: rotation.monthsRecovering,
    rotational_units: rotation.rotationalUnits,
    mandate_ends: rotation.mandateEnds,
    renewal_expected: rotation.renewalExpected,
    max_months: rotation.maxMonths,
    updated_by: by.username,
    updated_at: by.at,
  };
  if (before)
    await trx
      .updateTable('offer_rotation')
      .set({ ...values, version: current + 1 })
      .where('offer_id', '=', offerId)
      .execute();
  else
    await trx
      .insertInto('offer_rotation')
      .values({ offer_id: offerId, ...values })
      .execute();
  const record = (await listRotationsOf(trx, offerId))[0]!;
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'offer.rotation',
    entity: 'offer_rotation',
    entityId: offerId,
    before: before ? stripMeta(before) : null,
    after: stripMeta(record),
    label: labelColumns(label),
    at: by.at,
  });
  return { ok: true, record };
}

async function listRotationsOf(trx: Trx, offerId: string): Promise<readonly RotationRecord[]> {
  return (await listRotations(trx)).filter((r) => r.offerId === offerId);
}

async function timelineOf(trx: Trx, requirementId: string): Promise<TimelineRecord | undefined> {
  return (await listTimelines(trx)).find((t) => t.requirementId === requirementId);
}

const stripMeta = <T extends { updatedAt: Date; updatedBy: string }>({
  updatedAt: _a,
  updatedBy: _b,
  ...rest
}: T) => rest;

/** Sets a requirement's timeline, versioned as {@link putRotation}; `label` is the requirement's. */
export async function putTimeline(
  trx: Trx,
  requirementId: string,
  version: number,
  timeline: RequirementTimeline,
  label: Releasability,
  by: PlanningActor,
): Promise<SustainmentWrite<TimelineRecord>> {
  const before = await timelineOf(trx, requirementId);
  const current = before?.version ?? 0;
  if (version !== current) return { ok: false, reason: 'version', current };
  const values = {
    start_month: timeline.start,
    end_month: timeline.end,
    size_changes: JSON.stringify(timeline.sizeChanges),
    updated_by: by.username,
    updated_at: by.at,
  };
  if (before)
    await trx
      .updateTable('requirement_timeline')
      .set({ ...values, version: current + 1 })
      .where('requirement_id', '=', requirementId)
      .execute();
  else
    await trx
      .insertInto('requirement_timeline')
      .values({ requirement_id: requirementId, ...values })
      .execute();
  const record = (await timelineOf(trx, requirementId))!;
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'requirement.timeline',
    entity: 'requirement_timeline',
    entityId: requirementId,
    before: before ? stripMeta(before) : null,
    after: stripMeta(record),
    label: labelColumns(label),
    at: by.at,
  });
  return { ok: true, record };
}

/** A stored sustainment plan without its input and result. */
export interface SustainmentPlanSummary {
  readonly id: string;
  readonly title: string;
  readonly status: SustainmentPlanTable['status'];
  readonly method: SustainmentPlanTable['method'];
  readonly horizonStart: string;
  readonly horizonMonths: number;
  readonly coverage: number;
  readonly createdBy: string;
  readonly createdNation: string;
  readonly createdAt: Date;
  readonly releasability: string;
}

/** A short span without its offer-by-offer explanation: how many offers it names. */
export interface UncoveredSummary extends Omit<UncoveredSpan, 'candidates'> {
  readonly candidateCount: number;
}

/** A stored sustainment plan with its input, options and result; its short spans carry no candidates. */
export interface SustainmentPlanRecord extends SustainmentPlanSummary {
  readonly options: unknown;
  readonly input: SustainmentInputSnapshot;
  readonly result: Omit<SustainmentPlan, 'uncovered'> & { readonly uncovered: readonly UncoveredSummary[] };
}

const SUMMARY = [
  'id',
  'title',
  'status',
  'method',
  'horizon_start',
  'horizon_months',
  'coverage',
  'created_by',
  'created_nation',
  'created_at',
  'rel_kind',
  'rel_nations',
] as const;

const summaryOf = (
  r: Pick<Selectable<SustainmentPlanTable>, (typeof SUMMARY)[number]>,
): SustainmentPlanSummary => ({
  id: r.id,
  title: r.title,
  status: r.status,
  method: r.method,
  horizonStart: r.horizon_start,
  horizonMonths: r.horizon_months,
  coverage: r.coverage,
  createdBy: r.created_by,
  createdNation: r.created_nation,
  createdAt: r.created_at,
  releasability: labelText(r),
});

/** Stores a computed sustainment plan as SPLAN-<nation>-<n>, audited. */
export async function insertSustainmentPlan(
  trx: Trx,
  plan: {
    readonly title: string;
    readonly options: unknown;
    readonly input: SustainmentInputSnapshot;
    readonly result: SustainmentPlan;
    readonly label: Releasability;
  },
  by: PlanningActor,
): Promise<SustainmentPlanSummary> {
  const id = await nextRecordId(trx, 'sustainment_plan', by.nation);
  const row = await trx
    .insertInto('sustainment_plan')
    .values({
      id,
      title: plan.title,
      status: plan.result.status,
      method: plan.result.method,
      horizon_start: plan.result.horizon.start,
      horizon_months: plan.result.horizon.months,
      coverage: plan.result.metrics.coverage,
      options: JSON.stringify(plan.options),
      input: JSON.stringify(plan.input),
      result: JSON.stringify(plan.result),
      created_by: by.username,
      created_nation: by.nation,
      created_at: by.at,
      ...labelColumns(plan.label),
    })
    .returning(SUMMARY)
    .executeTakeFirstOrThrow();
  const summary = summaryOf(row);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'sustainment_plan.create',
    entity: 'sustainment_plan',
    entityId: id,
    before: null,
    after: { ...summary, cliffs: plan.result.cliffs.length, notes: plan.result.notes },
    label: labelColumns(plan.label),
    at: by.at,
  });
  return summary;
}

/** Sustainment plans the reader may see, newest first. */
export async function listSustainmentPlans(trx: Trx): Promise<readonly SustainmentPlanSummary[]> {
  const rows = await trx
    .selectFrom('sustainment_plan')
    .select(SUMMARY)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(summaryOf);
}

/**
 * One sustainment plan without its candidate explanations, or undefined when absent or not
 * releasable to the reader. The database drops them (ADR 0046: the stress plan's explanations are
 * most of its result), so they are neither parsed nor sent; they are read per requirement.
 */
export async function getSustainmentPlan(trx: Trx, id: string): Promise<SustainmentPlanRecord | undefined> {
  const row = await trx
    .selectFrom('sustainment_plan')
    .select([...SUMMARY, 'options', 'input'])
    .select(
      sql<
        SustainmentPlanRecord['result']
      >`(sustainment_plan.result - 'uncovered') || jsonb_build_object('uncovered', (
        select coalesce(jsonb_agg((s.value - 'candidates') || jsonb_build_object(
          'candidateCount', coalesce(jsonb_array_length(s.value -> 'candidates'), 0)) order by s.n), '[]'::jsonb)
        from jsonb_array_elements(sustainment_plan.result -> 'uncovered') with ordinality as s(value, n)))`.as(
        'result',
      ),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...summaryOf(row), options: row.options, input: row.input, result: row.result };
}

/** One requirement's part of a sustainment plan: its short spans with their candidates. */
export interface SustainmentRequirementPart {
  readonly plan: SustainmentPlanSummary;
  readonly input: SustainmentInputSnapshot;
  /** Empty when the requirement is met in every month (or the plan was not given it). */
  readonly uncovered: readonly UncoveredSpan[];
}

/** A plan's short spans of one requirement, or undefined when the plan is absent or not releasable. */
export async function getSustainmentRequirement(
  trx: Trx,
  id: string,
  requirementId: string,
): Promise<SustainmentRequirementPart | undefined> {
  const vars = sql`jsonb_build_object('r', ${requirementId}::text)`;
  const row = await trx
    .selectFrom('sustainment_plan')
    .select([...SUMMARY, 'input'])
    .select(
      sql<
        UncoveredSpan[]
      >`jsonb_path_query_array(sustainment_plan.result, '$.uncovered[*] ? (@.requirementId == $r)', ${vars})`.as(
        'uncovered',
      ),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { plan: summaryOf(row), input: row.input, uncovered: row.uncovered };
}
