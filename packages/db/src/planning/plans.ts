/**
 * Stored plans and their explicit adoption.
 */
import type { Releasability } from '@guarantor/core/access';
import type { Plan } from '@guarantor/core/planning';
import { type Selectable, sql } from 'kysely';
import { labelColumns, labelOf, labelText, nextRecordId } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { PlanInputSnapshot, PlanTable } from '../schema.ts';
import type { PlanningActor, Trx } from './common.ts';

/** A stored plan without its (large) input and result. */
export interface PlanSummary {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly status: PlanTable['status'];
  readonly method: PlanTable['method'];
  readonly coverage: number;
  readonly objective: number;
  readonly basedOn: string | null;
  readonly createdBy: string;
  readonly createdNation: string;
  readonly createdAt: Date;
  readonly adoptedBy: string | null;
  readonly adoptedAt: Date | null;
  readonly supersededAt: Date | null;
  readonly releasability: string;
}

/** A stored plan with its input snapshot, options and result. */
export interface PlanRecord extends PlanSummary {
  readonly options: unknown;
  readonly input: PlanInputSnapshot;
  readonly result: Plan;
}

const SUMMARY_COLUMNS = [
  'id',
  'number',
  'title',
  'status',
  'method',
  'coverage',
  'objective',
  'based_on',
  'created_by',
  'created_nation',
  'created_at',
  'adopted_by',
  'adopted_at',
  'superseded_at',
  'rel_kind',
  'rel_nations',
] as const;

type SummaryRow = Pick<Selectable<PlanTable>, (typeof SUMMARY_COLUMNS)[number]>;

const summaryOf = (r: SummaryRow): PlanSummary => ({
  id: r.id,
  // What readers see is the number in the id (per nation), not the global one.
  number: Number(/-(\d+)$/.exec(r.id)?.[1] ?? r.number),
  title: r.title,
  status: r.status,
  method: r.method,
  coverage: r.coverage,
  objective: r.objective,
  basedOn: r.based_on,
  createdBy: r.created_by,
  createdNation: r.created_nation,
  createdAt: r.created_at,
  adoptedBy: r.adopted_by,
  adoptedAt: r.adopted_at,
  supersededAt: r.superseded_at,
  releasability: labelText(r),
});

/** What a new plan record holds. */
export interface NewPlan {
  readonly title: string;
  readonly method: PlanTable['method'];
  readonly options: unknown;
  readonly input: PlanInputSnapshot;
  readonly result: Plan;
  readonly basedOn: string | null;
  readonly label: Releasability;
}

/** Stores a computed plan under its nation's next number (`PLAN-FRA-7`), audited. It is not adopted. */
export async function insertPlan(trx: Trx, plan: NewPlan, by: PlanningActor): Promise<PlanSummary> {
  // The id is numbered per creating nation (PLAN-FRA-3), so it tells nobody how many plans
  // exist that they cannot read; `number` stays the global order of creation, kept internal.
  const { n } = await trx
    .selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('plan_number_seq')]).as('n'))
    .executeTakeFirstOrThrow();
  const number = Number(n);
  const id = await nextRecordId(trx, 'plan', by.nation);
  const row = await trx
    .insertInto('plan')
    .values({
      id,
      number,
      title: plan.title,
      status: plan.result.status,
      method: plan.method,
      coverage: plan.result.metrics.coverage,
      objective: plan.result.metrics.secondaryObjective,
      options: JSON.stringify(plan.options),
      input: JSON.stringify(plan.input),
      result: JSON.stringify(plan.result),
      based_on: plan.basedOn,
      created_by: by.username,
      created_nation: by.nation,
      created_at: by.at,
      adopted_by: null,
      adopted_at: null,
      superseded_at: null,
      ...labelColumns(plan.label),
    })
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  const summary = summaryOf(row);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'plan.create',
    entity: 'plan',
    entityId: id,
    before: null,
    after: { ...summary, shortfalls: plan.result.shortfalls.length, notes: plan.result.notes },
    label: labelColumns(plan.label),
    at: by.at,
  });
  return summary;
}

/** Plans the reader may see, newest first. */
export async function listPlans(trx: Trx): Promise<readonly PlanSummary[]> {
  const rows = await trx.selectFrom('plan').select(SUMMARY_COLUMNS).orderBy('number', 'desc').execute();
  return rows.map(summaryOf);
}

/** One plan with its input and result, or undefined when absent or not releasable. */
export async function getPlan(trx: Trx, id: string): Promise<PlanRecord | undefined> {
  const row = await trx.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    ...summaryOf(row),
    options: row.options,
    input: row.input,
    result: row.result,
  };
}

/** A shortfall without its offer-by-offer explanation: how many offers it names. */
export interface ShortfallSummary {
  readonly requirementId: string;
  readonly required: number;
  readonly allocated: number;
  readonly summary: string;
  readonly candidateCount: number;
}

/** A stored plan whose shortfalls carry no explanations (those are read per requirement). */
export interface PlanOutline extends PlanSummary {
  readonly options: unknown;
  readonly input: PlanInputSnapshot;
  readonly result: Omit<Plan, 'shortfalls'> & { readonly shortfalls: readonly ShortfallSummary[] };
}

/**
 * One plan without its candidate explanations, or undefined when absent or not releasable.
 * The database drops them (a stress plan's result is 36 MB, nearly all explanations), so they
 * are neither parsed nor sent.
 */
export async function getPlanOutline(trx: Trx, id: string): Promise<PlanOutline | undefined> {
  const row = await trx
    .selectFrom('plan')
    .select([...SUMMARY_COLUMNS, 'options', 'input'])
    .select(
      sql<PlanOutline['result']>`(plan.result - 'shortfalls') || jsonb_build_object('shortfalls', (
        select coalesce(jsonb_agg((s.value - 'candidates') || jsonb_build_object(
          'candidateCount', coalesce(jsonb_array_length(s.value -> 'candidates'), 0)) order by s.n), '[]'::jsonb)
        from jsonb_array_elements(plan.result -> 'shortfalls') with ordinality as s(value, n)))`.as('result'),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...summaryOf(row), options: row.options, input: row.input, result: row.result };
}

/** One requirement's part of a plan: its shortfall with explanations (null when met) and allocations. */
export interface PlanRequirementPart {
  readonly plan: PlanSummary;
  readonly input: PlanInputSnapshot;
  readonly shortfall: Plan['shortfalls'][number] | null;
  readonly allocations: Plan['allocations'];
}

/** A plan's part for one requirement, or undefined when the plan is absent or not releasable. */
export async function getPlanRequirement(
  trx: Trx,
  id: string,
  requirementId: string,
): Promise<PlanRequirementPart | undefined> {
  const vars = sql`jsonb_build_object('r', ${requirementId}::text)`;
  const row = await trx
    .selectFrom('plan')
    .select([...SUMMARY_COLUMNS, 'input'])
    .select(
      sql<
        Plan['shortfalls'][number] | null
      >`jsonb_path_query_first(plan.result, '$.shortfalls[*] ? (@.requirementId == $r)', ${vars})`.as(
        'shortfall',
      ),
    )
    .select(
      sql<
        Plan['allocations']
      >`jsonb_path_query_array(plan.result, '$.allocations[*] ? (@.requirementId == $r)', ${vars})`.as(
        'allocations',
      ),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { plan: summaryOf(row), input: row.input, shortfall: row.shortfall, allocations: row.allocations };
}

/** The adopted plan in force that the reader may see (the latest adopted, not superseded). */
export async function adoptedPlan(trx: Trx): Promise<PlanRecord | undefined> {
  const row = await trx
    .selectFrom('plan')
    .select('id')
    .where('adopted_at', 'is not', null)
    .where('superseded_at', 'is', null)
    .orderBy('adopted_at', 'desc')
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return row ? getPlan(trx, row.id) : undefined;
}

/** Why a plan could not be adopted, or the adopted plan and the one it superseded. */
export type Adoption =
  | { readonly ok: true; readonly plan: PlanSummary; readonly superseded: readonly string[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'already_adopted' | 'superseded' };

/**
 * Adopts a plan: the explicit step that puts it in force. Plans adopted before it, that the
 * adopter can see, are marked superseded in the same transaction. Audited.
 */
export async function adoptPlan(trx: Trx, id: string, by: PlanningActor): Promise<Adoption> {
  const before = await trx.selectFrom('plan').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!before) return { ok: false, reason: 'not_found' };
  if (before.superseded_at) return { ok: false, reason: 'superseded' };
  if (before.adopted_at) return { ok: false, reason: 'already_adopted' };
  const superseded = await trx
    .updateTable('plan')
    .set({ superseded_at: by.at })
    .where('adopted_at', 'is not', null)
    .where('superseded_at', 'is', null)
    .returning(['id', 'rel_kind', 'rel_nations'])
    .execute();
  const row = await trx
    .updateTable('plan')
    .set({ adopted_at: by.at, adopted_by: by.username })
    .where('id', '=', id)
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  const after = summaryOf(row);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: 'plan.adopt',
    entity: 'plan',
    entityId: id,
    before: summaryOf(before),
    after: { ...after, superseded: superseded.map((s) => s.id) },
    label: labelColumns(labelOf(row)),
    at: by.at,
  });
  for (const s of superseded)
    await appendAudit(trx, {
      actor: by.username,
      nation: by.nation,
      action: 'plan.supersede',
      entity: 'plan',
      entityId: s.id,
      before: null,
      after: { supersededBy: id },
      label: { rel_kind: s.rel_kind, rel_nations: s.rel_nations },
      at: by.at,
    });
  return { ok: true, plan: after, superseded: superseded.map((s) => s.id) };
}
