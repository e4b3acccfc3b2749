import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { PGlitePool } from './pglite-pool.ts';
import { embeddedPostgis } from './postgis-bundle.ts';
import type { Database } from './schema.ts';

/** Where the data lives: a PostgreSQL server URL, or an embedded PGlite data directory. */
export type DatabaseTarget =
  | { readonly url: string }
  | { readonly dataDir: string }
  | { readonly memory: true };

/** An open database: the Kysely handle plus what differs between the two engines. */
export interface GuarantorDatabase {
  readonly db: Kysely<Database>;
  readonly engine: 'pglite' | 'postgres';
  /** The PGlite instance, for dumping or LISTEN on the embedded engine. */
  readonly pglite?: PGlite;
  /** The pg pool, for LISTEN on a server. */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings to avoid precision loss; our counts and
// sequence numbers fit in a double, and PGlite already returns numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens the database the target names; the embedded engine creates its directory. */
export async function openDatabase(target: DatabaseTarget): Promise<GuarantorDatabase> {
  if ('url' in target) {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      // A database host that does not answer at all fails a request after this long (a 503)
      // instead of holding it until TCP gives up; generous, as it also bounds the wait for a
      // free pooled connection under load.
      connectionTimeoutMillis: 30_000,
      keepAlive: true,
    });
    // A connection the server ends (a restart, a failover, pg_terminate_backend) emits 'error'.
    // pg-pool listens only while a connection is idle; one checked out (a Kysely query or
    // transaction, the fusion worker's lock, a LISTEN) has no listener unless its holder adds
    // one, and an 'error' event without a listener ends the process. So every connection gets
    // one for its whole life: the holder's pending query fails with the error, pg-pool drops
    // the broken connection when it is released, and the next query opens a new one.
    const warn = (error: Error) =>
      process.emitWarning(`PostgreSQL ended a connection: ${error.message}`, 'GuarantorDatabase');
    pool.on('connect', (client) => client.on('error', warn));
    // pg-pool re-emits an idle connection's error on the pool, where it would be just as fatal
    // unheard; the connection's own listener above has already reported it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  let lock: DataDirLock | undefined;
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    dataDir = target.dataDir;
    // One process per folder: a second one refuses here, before PGlite touches a file.
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { postgis: await embeddedPostgis() },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
