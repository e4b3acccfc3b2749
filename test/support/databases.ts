import { randomBytes } from 'node:crypto';
import { type GuarantorDatabase, loadReferenceData, migrate, openDatabase } from '@guarantor/db';
import pg from 'pg';

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

async function prepared(open: () => Promise<GuarantorDatabase>): Promise<GuarantorDatabase> {
  const database = await open();
  await migrate(database.db);
  await loadReferenceData(database.db);
  return database;
}

/**
 * The engines database tests loop over: PGlite always, PostgreSQL when the machine's server
 * answers. GUARANTOR_REQUIRE_PG=1 (set by .ci/run) turns an unreachable server into a
 * failure instead of a skip, so CI cannot pass on one engine by accident.
 */
export async function testEngines(): Promise<readonly TestEngine[]> {
  const pgProblem = await postgresReachable();
  if (pgProblem && process.env.GUARANTOR_REQUIRE_PG === '1') {
    throw new Error(`GUARANTOR_REQUIRE_PG=1 but ${pgProblem}`);
  }
  if (pgProblem) console.warn(`database tests: PostgreSQL skipped: ${pgProblem}`);
  return [
    { name: 'pglite', open: () => prepared(() => openDatabase({ memory: true })) },
    {
      name: 'postgres',
      ...(pgProblem ? { skip: pgProblem } : {}),
      open: async () => {
        const name = `guarantor_test_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: ADMIN_URL });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(ADMIN_URL);
        url.pathname = `/${name}`;
        const database = await prepared(() => openDatabase({ url: url.toString() }));
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
