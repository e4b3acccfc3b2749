import type { DatabaseClient, GuarantorDatabase } from '@guarantor/db';

/** A client held from the server pool. */
export type PoolClient = DatabaseClient;

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
  const connect = async (): Promise<void> => {
    try {
      const c = await pool.connect();
      // Released once: the server may end the connection after close() gave it back (a
      // dropped database), and pg-pool throws on a second release.
      let released = false;
      const held = {
        c,
        release(error?: Error) {
          if (released) return;
          released = true;
          c.release(error);
        },
      };
      c.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      c.on('error', (error) => {
        if (released) return;
        onError(error);
        held.release(error);
        if (client === held) client = undefined;
        if (!closed) retry = setTimeout(() => void connect(), 1000);
      });
      await c.query(`listen ${quoteIdent(channel)}`);
      if (closed) {
        held.release();
        return;
      }
      client = held;
    } catch (error) {
      onError(error as Error);
      if (!closed) retry = setTimeout(() => void connect(), 1000);
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
