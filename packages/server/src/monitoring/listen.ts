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
  let client: PoolClient | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    try {
      const c = await pool.connect();
      c.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      c.on('error', (error) => {
        onError(error);
        c.release(error);
        if (client === c) client = undefined;
        if (!closed) retry = setTimeout(() => void connect(), 1000);
      });
      await c.query(`listen ${quoteIdent(channel)}`);
      if (closed) {
        c.release();
        return;
      }
      client = c;
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
      const c = client;
      client = undefined;
      if (c) {
        await c.query(`unlisten ${quoteIdent(channel)}`).catch(() => {});
        c.release();
      }
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
