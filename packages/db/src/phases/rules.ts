/** Trigger rules with every version kept, and the guard policy: which rules guard entry into which phase. */
import type { RuleVersion } from '@guarantor/core/api';
import type { Phase } from '@guarantor/core/phases';
import type { PhaseRuleTable } from '../schema.ts';
import { type Actor, audit, COALITION, type Db, type Trx } from './common.ts';

/** One stored version of a trigger rule. */
export type RuleVersionRow = RuleVersion<Date>;

const ruleOf = (r: PhaseRuleTable): RuleVersionRow => ({
  id: r.id,
  version: r.version,
  title: r.title,
  text: r.text,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Every version of every rule, by id then version. */
export async function listRuleVersions(db: Db, id?: string): Promise<readonly RuleVersionRow[]> {
  let q = db.selectFrom('phase_rule').selectAll();
  if (id !== undefined) q = q.where('id', '=', id);
  return (await q.orderBy('id').orderBy('version').execute()).map(ruleOf);
}

/** The highest version of each rule (retired ones included, with `active = false`). */
export async function currentRules(db: Db): Promise<readonly RuleVersionRow[]> {
  const all = await listRuleVersions(db);
  const latest = new Map<string, RuleVersionRow>();
  for (const r of all) latest.set(r.id, r);
  return [...latest.values()];
}

/** A new rule version; the version number is the next one for the id. */
export interface NewRuleVersion {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly active: boolean;
}

/** Adds the next version of a rule (version 1 for a new id), audited. */
export async function addRuleVersion(
  trx: Trx,
  rule: NewRuleVersion,
  actor: Actor,
  at: Date,
): Promise<RuleVersionRow> {
  const previous = await trx
    .selectFrom('phase_rule')
    .selectAll()
    .where('id', '=', rule.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = await trx
    .insertInto('phase_rule')
    .values({
      id: rule.id,
      version: (previous?.version ?? 0) + 1,
      title: rule.title,
      text: rule.text,
      active: rule.active,
      created_by: actor.username,
      created_at: at,
      ...COALITION,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const stored = ruleOf(row);
  await audit(
    trx,
    actor,
    previous ? 'rule.version' : 'rule.create',
    'phase_rule',
    `${stored.id}@${stored.version}`,
    previous ? ruleOf(previous) : null,
    stored,
    at,
  );
  return stored;
}

/** The guard policy as stored: target phase → rule ids. */
export async function listGuards(db: Db): Promise<Readonly<Partial<Record<Phase, readonly string[]>>>> {
  const rows = await db
    .selectFrom('phase_guard')
    .select(['target_phase', 'rule_id'])
    .orderBy('target_phase')
    .orderBy('rule_id')
    .execute();
  const policy: Partial<Record<Phase, string[]>> = {};
  for (const r of rows) policy[r.target_phase] = [...(policy[r.target_phase] ?? []), r.rule_id];
  return policy;
}

/** Replaces the rules guarding entry into one phase, audited. */
export async function setGuards(
  trx: Trx,
  target: Phase,
  ruleIds: readonly string[],
  actor: Actor,
  at: Date,
): Promise<void> {
  const before = (await listGuards(trx))[target] ?? [];
  await trx.deleteFrom('phase_guard').where('target_phase', '=', target).execute();
  if (ruleIds.length > 0) {
    await trx
      .insertInto('phase_guard')
      .values([...new Set(ruleIds)].map((rule_id) => ({ target_phase: target, rule_id, ...COALITION })))
      .execute();
  }
  await audit(trx, actor, 'guard.set', 'phase_guard', target, before, ruleIds, at);
}
