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
  readonly #stack: WasmStackGuard;

  readonly pglite: PGlite;
  constructor(pglite: PGlite) {
    this.pglite = pglite;
    this.#stack = new WasmStackGuard();
  }

  /** Bytes of WebAssembly stack the guard has given back after failed statements (for tests). */
  get stackRecovered(): number {
    return this.#stack.recovered;
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => turn);
    await previous;
    const pglite = this.pglite;
    const stack = this.#stack;
    if (!stack.watching) {
      await pglite.waitReady;
      stack.watch(pglite);
    }
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
        let result: Awaited<ReturnType<typeof pglite.query<R>>>;
        try {
          result =
            parameters.length === 0
              ? (((await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 }) as typeof result)
              : await pglite.query<R>(sql, parameters as unknown[]);
        } catch (error) {
          // The statement is over and PGlite is idle (this client holds its one session).
          stack.restore();
          throw error;
        }
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

/**
 * Gives back the WebAssembly stack that PGlite 0.5.8 leaks on every failed statement. Its
 * error path leaves `__stack_pointer` 1,120 bytes lower each time (measured: `select 1/0` in a
 * loop moves it by exactly that per error and never back), so after about 1,900 errors in one
 * process every statement fails with "stack depth limit exceeded" (SQLSTATE 54001) and the
 * embedded database is unusable until restart; the long fuzz run met it after ~260,000
 * requests. Between statements no WebAssembly frame is live, so the pointer's right value is
 * the one it had when idle at start; after a failed statement it is put back to that value.
 * Newer PGlite (0.5.17) does not leak, but no PostGIS build matches it yet (ADR 0014). A
 * module without the global (another PGlite build) is left alone.
 */
class WasmStackGuard {
  #pointer: { value: number } | undefined;
  #idle: number | undefined;
  watching = false;
  recovered = 0;

  /** Reads the idle stack pointer; call when PGlite is ready and no statement runs. */
  watch(pglite: PGlite): void {
    this.watching = true;
    // The module's exported stack pointer, a WebAssembly.Global of type i32.
    const mod = (pglite as unknown as { mod?: { ___stack_pointer?: { value?: unknown } } }).mod;
    const pointer = mod?.___stack_pointer;
    if (pointer && typeof pointer.value === 'number') {
      this.#pointer = pointer as { value: number };
      this.#idle = pointer.value;
    }
  }

  restore(): void {
    if (!this.#pointer || this.#idle === undefined) return;
    const leaked = this.#idle - this.#pointer.value;
    // The stack grows down: only ever raise a pointer left below its idle value.
    if (leaked > 0) {
      this.#pointer.value = this.#idle;
      this.recovered += leaked;
    }
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
