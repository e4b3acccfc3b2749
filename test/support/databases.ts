import { randomBytes } from 'node:crypto';
import { type GuarantorDatabase, openDatabase } from '@guarantor/db';
import pg from 'pg';
import { openPGliteFromTemplate, postgresTemplate } from './templates.ts';

/** A database engine a test file runs against. */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** Why it is skipped, when it is. */
  readonly skip?: string;
  /** A fresh, migrated database with reference data; close() drops it. */
  open(): Promise<GuarantorDatabase>;
}

const ADMIN_URL = process.env.GUARANTOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const r = await client.query("select 1 from pg_available_extensions where name = 'postgis'");
    if (r.rowCount === 0)
      return 'PostGIS is not installed on the server (apt-get install -y postgresql-15-postgis-3)';
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${ADMIN_URL} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The engines database tests loop over: PGlite always, PostgreSQL when the machine's server
 * answers. Each open() is a copy of a database migrated and loaded with reference data once
 * per run (test/support/templates.ts). GUARANTOR_REQUIRE_PG=1 (set by .ci/run) turns an unreachable server into a
 * failure instead of a skip, so CI cannot pass on one engine by accident.
 */
export async function testEngines(): Promise<readonly TestEngine[]> {
  const pgProblem = await postgresReachable();
  if (pgProblem && process.env.GUARANTOR_REQUIRE_PG === '1') {
    throw new Error(`GUARANTOR_REQUIRE_PG=1 but ${pgProblem}`);
  }
  if (pgProblem) console.warn(`database tests: PostgreSQL skipped: ${pgProblem}`);
  return [
    { name: 'pglite', open: openPGliteFromTemplate },
    {
      name: 'postgres',
      ...(pgProblem ? { skip: pgProblem } : {}),
      open: async () => {
        const name = `guarantor_test_${randomBytes(6).toString('hex')}`;
        const template = await postgresTemplate(ADMIN_URL);
        const admin = new pg.Client({ connectionString: ADMIN_URL });
        await admin.connect();
        try {
          await admin.query(`create database ${name} template ${template}`);
        } finally {
          await admin.end();
        }
        const url = new URL(ADMIN_URL);
        url.pathname = `/${name}`;
        const database = await openDatabase({ url: url.toString() });
        return {
          ...database,
          async close() {
            await database.close();
            const cleanup = new pg.Client({ connectionString: ADMIN_URL });
            await cleanup.connect();
            await cleanup.query(`drop database if exists ${name} with (force)`);
            await cleanup.end();
          },
        };
      },
    },
  ];
}
