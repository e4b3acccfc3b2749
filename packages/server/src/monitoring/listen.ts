import type { DatabaseClient, GuarantorDatabase } from '@guarantor/db';

/** A client held from the server pool. */
export type PoolClient = DatabaseClient;

const LISTEN_RETRY_FIRST_MS = 250;
const LISTEN_RETRY_MAX_MS = 10_000;

/** A subscription to a notification channel; close() stops it. */
export interface Listening {
  close(): Promise<void>;
}

/**
 * LISTEN on a channel of either engine. On PostgreSQL a dedicated connection is taken from
 * the pool and kept (and re-established after a drop, so an instance keeps its live updates
 * across a database restart); PGlite delivers notifications to its one session.
 */
export async function listenChannel(
  database: GuarantorDatabase,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (error: Error) => void = () => {},
  /** Called when LISTEN is back after a drop: notifications sent meanwhile were lost. */
  onReconnect: () => void = () => {},
): Promise<Listening> {
  if (database.pglite) {
    const pglite = database.pglite;
    // Hold the pool's one connection so LISTEN never runs inside another caller's transaction.
    const unlisten = await database.db.connection().execute(() => pglite.listen(channel, onPayload));
    return {
      close: () => database.db.connection().execute(() => unlisten()),
    };
  }
  const pool = database.pool;
  if (!pool) throw new Error('the database exposes neither a PGlite instance nor a pg pool');
  let client: { readonly c: PoolClient; release(error?: Error): void } | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let everConnected = false;
  // While the database is away (a restart), try again after 250 ms, doubling to 10 s.
  const reconnectLater = () => {
    if (closed) return;
    clearTimeout(retry);
    const delayMs = Math.min(LISTEN_RETRY_MAX_MS, LISTEN_RETRY_FIRST_MS * 2 ** Math.min(failures, 6));
    failures += 1;
    retry = setTimeout(() => void connect(), delayMs);
  };
  const connect = async (): Promise<void> => {
    let held: { readonly c: PoolClient; release(error?: Error): void } | undefined;
    try {
      const c = await pool.connect();
      // Released once: the server may end the connection after close() gave it back (a
      // dropped database), and pg-pool throws on a second release.
      let released = false;
      const mine = {
        c,
        release(error?: Error) {
          if (released) return;
          released = true;
          c.release(error);
        },
      };
      held = mine;
      c.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      c.on('error', (error) => {
        if (released) return;
        onError(error);
        mine.release(error);
        if (client === mine) client = undefined;
        reconnectLater();
      });
      await c.query(`listen ${quoteIdent(channel)}`);
      if (closed) {
        mine.release();
        return;
      }
      client = mine;
      failures = 0;
      if (everConnected) onReconnect();
      everConnected = true;
    } catch (error) {
      // A connection that could not LISTEN is closed, not handed back to the pool.
      held?.release(error as Error);
      onError(error as Error);
      reconnectLater();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const held = client;
      client = undefined;
      if (held) {
        await held.c.query(`unlisten ${quoteIdent(channel)}`).catch(() => {});
        held.release();
      }
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
