/**
 * The server rides through a PostgreSQL restart under load (issue 12, item 5): the process
 * stays alive, /readyz says not-ready while the database is away, writes meanwhile get 503
 * `database.unavailable` with Retry-After (never a 500, never a dropped connection), and once
 * the database is back every acknowledged observation is stored once and fused.
 *
 * The test runs its own cluster (test/support/pg-cluster.ts) and restarts it; the machine's
 * shared server is never touched.
 */
import { connect, createServer, type Socket } from 'node:net';
import { createApiToken, insertUser } from '@guarantor/db';
import { loadConfig, type RunningServer, startServer } from '@guarantor/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS, waitFor as poll } from '../../../test/support/patience.ts';
import { type PgCluster, pgBinDir, startPgCluster } from '../../../test/support/pg-cluster.ts';

const skip = pgBinDir() ? undefined : 'no PostgreSQL server binaries under /usr/lib/postgresql';
// CI sets GUARANTOR_REQUIRE_PG=1: there the restart test must run, not skip.
if (skip && process.env.GUARANTOR_REQUIRE_PG === '1') throw new Error(`GUARANTOR_REQUIRE_PG=1 but ${skip}`);

/** What one POST /api/observations came back with. */
interface Outcome {
  readonly status: number | 'network';
  readonly retryAfter: string | null;
  readonly code?: string;
  readonly acknowledged: readonly string[];
  readonly detail?: string;
}

/** A TCP port free at the moment of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const cotEvent = (uid: string, lng: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><event version="2.0" uid="${uid}" type="a-h-G-U-C-F" how="h-e" ` +
  `time="2026-11-26T06:00:00Z" start="2026-11-26T06:00:00Z" stale="2026-11-27T06:00:00Z">` +
  `<point lat="48.2" lon="${lng}" hae="0" ce="50" le="9999999"/><detail><remarks>artillery battery</remarks></detail></event>`;

/** Polls until `check` holds (a check that throws, as a fetch may mid-outage, counts as not yet). */
const waitFor = (what: string, check: () => Promise<boolean>): Promise<void> =>
  poll(what, () => check().catch(() => false), 200);

/** How long one step may take before the test names it as the one that hung (a hang bound). */
const STEP_MS = Number(process.env.GUARANTOR_OUTAGE_STEP_MS ?? HANG_MS / 3);

/** Awaits `promise`, failing with `what` and the state `describe` gives if it has not settled in STEP_MS. */
async function step<T>(what: string, promise: Promise<T>, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle in ${STEP_MS} ms; ${describe()}`)),
      STEP_MS,
    );
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(skip)('a PostgreSQL restart under load', () => {
  let cluster: PgCluster;
  let server: RunningServer;
  let token: string;
  let cotPort: number;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    cluster = await startPgCluster();
    cotPort = await freePort();
    const config = loadConfig({
      PORT: '0',
      // CoT over TCP from this machine, reported for the USA (COT_ALLOW's default).
      COT_PORT: String(cotPort),
      DATABASE_URL: cluster.url,
      LOG_LEVEL: process.env.GUARANTOR_TEST_LOG ?? 'silent',
      WEB_DIR: '/nonexistent',
    });
    server = await startServer(config);
    const at = new Date();
    const { id } = await insertUser(
      server.database.db,
      {
        username: 'outage-sensor',
        displayName: 'outage sensor',
        passwordHash: 'x',
        nation: 'USA',
        roles: ['monitor'],
      },
      { actor: 'test', nation: null, at },
    );
    token = await createApiToken(server.database.db, id, 'outage-device', {
      actor: 'test',
      nation: null,
      at,
    });
  });

  afterAll(async () => {
    try {
      // Bounded: a server that leaked a pooled connection would wait for it for ever. Half the
      // hook's timeout, so that the cluster is still removed after a slow close on a busy machine.
      await Promise.race([server?.close(), new Promise((r) => setTimeout(r, HANG_MS / 2))]).catch(() => {});
    } finally {
      cluster?.remove();
    }
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  it('stays up, answers 503 with Retry-After while the database is away, and loses or doubles nothing', async () => {
    const outcomes: Outcome[] = [];
    /** Requests sent and not yet answered, by when they were sent: what a hang report names. */
    const inFlight = new Map<string, number>();
    const started = Date.now();
    const phases: string[] = [];
    const state = () =>
      `phases: ${phases.join(' → ')}; requests unanswered: ${
        [...inFlight].map(([what, at]) => `${what} (sent at +${at - started} ms)`).join(', ') || 'none'
      }; outcomes: ${outcomes.length}, last: ${JSON.stringify(outcomes.at(-1))}`;
    /** Each step, bounded and named, so that a hang says where it is. */
    const phase = async <T>(what: string, promise: Promise<T>): Promise<T> => {
      phases.push(`${what} (+${Date.now() - started} ms)`);
      return step(what, promise, state);
    };
    /** fetch, recorded while unanswered, and given up after STEP_MS (a hang, reported). */
    const send = async (what: string, url: string, init: RequestInit = {}): Promise<Response> => {
      const key = `${what} #${inFlight.size}-${Date.now()}`;
      inFlight.set(key, Date.now());
      try {
        const res = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(STEP_MS) });
        const text = await res.text();
        return new Response(text, { status: res.status, headers: res.headers });
      } finally {
        inFlight.delete(key);
      }
    };
    let next = 0;
    let loading = true;
    const post = async (): Promise<void> => {
      const uids = Array.from({ length: 5 }, () => `outage-${next++}`);
      const observations = uids.map((uid, i) => {
        const n = Number(uid.slice('outage-'.length));
        const t = Date.parse('2026-11-26T06:00:00Z') + (n % 50) * 60_000;
        return {
          uid,
          source: { kind: 'patrol', id: `patrol-${i}`, nation: 'USA' },
          time: { startMs: t, endMs: t + 60_000 },
          category: 'explosion_impact',
          count: 1,
          // Clusters of nearby reports, so fusion has incidents to build.
          location: { kind: 'point', position: [37 + (n % 40) * 0.05, 48 + (n % 7) * 0.001], radiusM: 300 },
          reportedAtMs: t + 120_000,
        };
      });
      try {
        const res = await send(`POST /api/observations (${uids[0]}…)`, `${server.url}/api/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ observations }),
        });
        const text = await res.text();
        let body: { results?: { uid?: string; status: string }[]; error?: { code: string } } = {};
        try {
          body = JSON.parse(text);
        } catch {
          // recorded below as the detail
        }
        const acknowledged =
          res.status === 200
            ? (body.results ?? [])
                .filter((r) => r.status === 'stored' || r.status === 'replaced' || r.status === 'unchanged')
                .map((r) => r.uid!)
            : [];
        outcomes.push({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          ...(body.error ? { code: body.error.code } : {}),
          acknowledged,
          ...(res.status !== 200 ? { detail: text.slice(0, 300) } : {}),
        });
      } catch (error) {
        outcomes.push({ status: 'network', retryAfter: null, acknowledged: [], detail: String(error) });
      }
    };
    const loaders = Array.from({ length: 4 }, async () => {
      while (loading) {
        await post();
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const readiness: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const res = await send('GET /readyz (prober)', `${server.url}/readyz`).catch(() => undefined);
        readiness.push(res?.status ?? -1);
        await res?.text().catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const ready = async () => (await send('GET /readyz', `${server.url}/readyz`)).status === 200;

    // A live (SSE) reader, told to reload when the server's LISTEN comes back after the restart.
    const live = new AbortController();
    let liveText = '';
    const liveStream = await fetch(`${server.url}/api/live`, {
      headers: { authorization: `Bearer ${token}` },
      signal: live.signal,
    });
    expect(liveStream.status).toBe(200);
    const liveReading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of liveStream.body!) liveText += decoder.decode(chunk as Uint8Array);
    })().catch(() => {});

    // A TAK sender on one CoT connection through it all: CoT has no acknowledgement, so every
    // event it wrote must be stored, the ones written while the database was away included.
    const cotSent: string[] = [];
    const cot: Socket = await new Promise((resolve, reject) => {
      const socket = connect(cotPort, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
    let sending = true;
    const cotSender = (async () => {
      while (sending) {
        const uid = `cot-outage-${cotSent.length}`;
        cot.write(cotEvent(uid, 36 + (cotSent.length % 40) * 0.05));
        cotSent.push(uid);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const waitStep = (what: string, check: () => Promise<boolean>) => phase(what, waitFor(what, check));
    await waitStep('the first acknowledged writes', async () => outcomes.some((o) => o.status === 200));
    await phase('the cluster to restart', cluster.restart());
    await waitStep('readiness after the restart', ready);
    const beforeStop = outcomes.length;
    await waitStep('writes after the restart', async () =>
      outcomes.slice(beforeStop).some((o) => o.status === 200),
    );

    await phase('the cluster to stop', cluster.stop());
    const stoppedAt = outcomes.length;
    await waitStep('a write refused while the database is down', async () =>
      outcomes.slice(stoppedAt).some((o) => o.status === 503),
    );
    await waitStep('/readyz to report not ready', async () => {
      const { status } = await send('GET /readyz', `${server.url}/readyz`);
      readiness.push(status);
      return status === 503;
    });
    await phase('the cluster to start', cluster.start());
    await waitStep('readiness after the start', ready);
    const afterStart = outcomes.length;
    await waitStep('writes after the start', async () =>
      outcomes.slice(afterStart).some((o) => o.status === 200),
    );
    loading = false;
    await phase('the writers to finish', Promise.all(loaders));
    probing = false;
    await phase('the readiness prober to finish', prober);
    sending = false;
    await phase('the CoT sender to finish', cotSender);
    await phase('the CoT connection to end', new Promise<void>((resolve) => cot.end(resolve)));

    expect(uncaught).toEqual([]);
    const unexpected = outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([]);
    const refused = outcomes.filter((o) => o.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const o of refused) {
      expect(o.code, o.detail).toBe('database.unavailable');
      expect(Number(o.retryAfter), o.detail).toBeGreaterThan(0);
    }
    expect(readiness).toContain(503);
    expect(readiness.at(-1)).toBe(200);

    // Every acknowledged observation is stored once and fused into an incident.
    const acknowledged = outcomes.flatMap((o) => o.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    // Stored in the sender's nation's uid namespace (outage-1@USA).
    const keys = acknowledged.map((uid) => `${uid}@USA`);
    const check = new pg.Client({ connectionString: cluster.url });
    await phase('a check connection', check.connect());
    try {
      const stored = await check.query<{ n: string }>(
        'select count(*) as n from observation where uid = any($1)',
        [keys],
      );
      expect(Number(stored.rows[0]!.n)).toBe(acknowledged.length);
      await waitStep('fusion to take in every acknowledged observation', async () => {
        const r = await check.query<{ n: string }>(
          `select count(*) as n from observation o
             join incident_observation m on m.observation_uid = o.uid
            where o.uid = any($1) and not exists (select 1 from observation_unfused q where q.uid = o.uid)`,
          [keys],
        );
        return Number(r.rows[0]!.n) === acknowledged.length;
      });
      // Every CoT event written, before, during and after the outage, is stored once.
      await waitStep('every CoT event to be stored', async () => {
        const r = await check.query<{ n: string }>(
          'select count(*) as n from observation where uid = any($1)',
          [cotSent.map((uid) => `${uid}@USA`)],
        );
        return Number(r.rows[0]!.n) === cotSent.length;
      });
    } finally {
      await check.end();
    }
    expect(cotSent.length).toBeGreaterThan(20);
    // The live reader was told that it may have missed changes.
    await waitStep('the live stream to say resync', async () => liveText.includes('event: resync'));
    live.abort();
    await phase('the live stream to end', liveReading);
    expect(server.app.monitoring.worker.status.role).toBe('leader');
  });
});
