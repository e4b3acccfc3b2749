/**
 * Violation rules as data (core zones/rules.ts), with every version kept.
 */
import { type ViolationRule, validateViolationRule } from '@guarantor/core/zones';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit.ts';
import type { Database, Labelled } from '../schema.ts';
import type { Db, ZoneActor } from './common.ts';

/** A violation rule version as stored. */
export interface ViolationRuleRecord {
  readonly rule: ViolationRule;
  readonly version: number;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** The current version of every rule the reader may see (retired ones included, marked inactive). */
export async function listViolationRules(db: Db): Promise<readonly ViolationRuleRecord[]> {
  const rows = await db
    .selectFrom('violation_rule')
    .selectAll()
    .distinctOn('id')
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    rule: validateViolationRule(r.definition),
    version: Number(r.version),
    active: r.active,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** The rules in force: the current version of each active rule. */
export async function activeViolationRules(db: Db): Promise<readonly ViolationRule[]> {
  return (await listViolationRules(db)).filter((r) => r.active).map((r) => r.rule);
}

/** Adds a new version of a rule (validated in core); the old versions stay. Returns the version. */
export async function addViolationRuleVersion(
  trx: Transaction<Database>,
  definition: unknown,
  options: {
    readonly actor: ZoneActor;
    readonly active?: boolean;
    readonly at: Date;
    readonly label?: Labelled;
  },
): Promise<number> {
  const rule = validateViolationRule(definition);
  const label = options.label ?? { rel_kind: 'COALITION' as const, rel_nations: [] };
  const last = await trx
    .selectFrom('violation_rule')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('id', '=', rule.id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const active = options.active ?? true;
  await trx
    .insertInto('violation_rule')
    .values({
      id: rule.id,
      version,
      definition: JSON.stringify(rule),
      active,
      created_by: options.actor.username,
      created_at: options.at,
      ...label,
    })
    .execute();
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'violation_rule.version',
    entity: 'violation_rule',
    entityId: rule.id,
    before: null,
    after: { ...rule, version, active },
    label,
    at: options.at,
  });
  return version;
}
