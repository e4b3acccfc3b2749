import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one PGlite instance as a `pg`-style pool of one connection, so Kysely's own
 * PostgresDialect drives both databases through the same code (ADR 0001). PGlite is a
 * single session: a client holds it exclusively until released, which keeps a Kysely
 * transaction's statements together and other callers queued behind it.
 */
export class PGlitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    const pglite = this.pglite;
    let released = false;
    // Whether this holder left a transaction open: PGlite is one session for every caller, so
    // a transaction a holder never ended (a failure between BEGIN and ROLLBACK, a client
    // released mid-transaction) would leave every later caller in an aborted transaction
    // (SQLSTATE 25P02) until the process ends. Release ends it first.
    let open = false;
    const client = {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        const command = firstWord(sql);
        if (command === 'BEGIN' || command === 'START') open = true;
        // Without parameters, use the simple protocol as pg does: it accepts several
        // statements in one text, which migrations rely on.
        const result =
          parameters.length === 0
            ? ((await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
            : await pglite.query<R>(sql, parameters as unknown[]);
        if (command === 'COMMIT' || command === 'ROLLBACK' || command === 'END') open = false;
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows as R[],
        };
      },
      release() {
        if (released) return;
        released = true;
        if (!open) {
          release();
          return;
        }
        open = false;
        pglite
          .exec('rollback')
          .catch(() => {})
          .finally(release);
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#queue;
  }
}

function firstWord(sql: string): string | undefined {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
}

// Kysely reads `command` to report affected rows for writes; pg gets it from the server.
function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = firstWord(sql);
  return (
    word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT'
  ) as PostgresQueryResult<unknown>['command'];
}
