import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

const MIGRATIONS_DIR = resolve(import.meta.dirname, 'migrations');

/** What a migration run did: the files applied now and those already in place. */
export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

/** Raised when a migration already applied has since been edited, or one fails. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Applies the hand-written SQL files in `migrations/` in name order, each in its own
 * transaction with its record, so a failing file leaves the database as it was before it.
 * An applied file whose text has changed is refused: migrations are append-only.
 */
export async function migrate(db: Kysely<Database>): Promise<MigrationResult> {
  await db.schema
    .createTable('guarantor_migration')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  const done = new Map(
    (await db.selectFrom('guarantor_migration').select(['name', 'checksum']).execute()).map((r) => [
      r.name,
      r.checksum,
    ]),
  );
  const applied: string[] = [];
  const alreadyApplied: string[] = [];
  for (const name of readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const text = readFileSync(resolve(MIGRATIONS_DIR, name), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const previous = done.get(name);
    if (previous !== undefined) {
      if (previous !== checksum) {
        throw new MigrationError(
          `migration ${name} was changed after it was applied; add a new migration instead`,
        );
      }
      alreadyApplied.push(name);
      continue;
    }
    try {
      await db.transaction().execute(async (trx) => {
        await sql.raw(text).execute(trx);
        await trx.insertInto('guarantor_migration').values({ name, checksum }).execute();
      });
    } catch (error) {
      throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(name);
  }
  return { applied, alreadyApplied };
}

/** Whether the database answers and has been migrated (readiness); throws what the driver throws. */
export async function assertMigrated(db: Kysely<Database>): Promise<void> {
  await db.selectFrom('guarantor_migration').select(sql<number>`1`.as('one')).limit(1).execute();
}
