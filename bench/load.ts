/**
 * Load benchmark (issue 12): `guarantor serve` on PostgreSQL with the demo scenario plus
 * `--rows` generated observations (fused before the runs), driven by autocannon on four
 * routes — the incident list, the offers, a z8 incident tile over the Donbas and intake (10
 * observations per POST) — at 10, 100 and 1,000 connections. For each: requests/s, p50/p99,
 * errors (connection errors, timeouts, non-2xx) and the server's resident memory (sampled
 * from /proc every 250 ms), beside the named peer measured in the same run: the same db
 * functions the routes call (the same SQL, under the same row-level security), called
 * in-process by as many concurrent callers over a pool of the server's size (10) — what the
 * database costs without HTTP, auth and serialisation.
 *
 *   npx tsx bench/load.ts [--rows 1000000] [--connections 10,100,1000] [--seconds 10] [--lists-only] [--keep]
 *   GUARANTOR_LOAD_DATABASE=<kept name> npx tsx bench/load.ts … (reuse a database a --keep run loaded and fused)
 *
 * The incident list is keyset-paged: it is asked for its first page and for a deep page (the
 * `--deep-page`th, by the cursor a client walking the list would hold), each beside the same
 * listIncidents call in-process. Goal (issue 16): p99 under 100 ms at 10 connections, 1M rows.
 *
 * Observations are loaded with one INSERT … SELECT FROM generate_series per 100,000 rows
 * (server-side, no client round trips); the load time and the fusion catch-up are printed.
 * Prints figures; asserts nothing. Goal: 1,000 connections held with no errors and no
 * unbounded memory growth. Needs the machine's PostgreSQL (GUARANTOR_TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres); it creates and drops its own database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { Observation } from '../packages/core/src/monitoring/index.ts';
import {
  asReader,
  createApiToken,
  incidentTile,
  insertUser,
  listIncidents,
  listOffers,
  openDatabase,
  storeObservations,
  tileEncoder,
} from '../packages/db/src/index.ts';
import { prepareDatabase } from '../packages/server/src/boot.ts';
import { encodeCursor } from '../packages/server/src/routes/cursor.ts';
import { filterFromQuery } from '../packages/server/src/routes/inputs.ts';
import { tileOf } from '../test/support/tiles.ts';
import { benchFlags, createRunDatabase, PG_ADMIN } from './args.ts';

const flags = benchFlags(
  'npx tsx bench/load.ts',
  {
    rows: { default: '1000000', number: true, help: 'observations loaded before the runs' },
    connections: {
      default: '10,100,1000',
      number: true,
      list: true,
      help: 'connection counts, comma-separated',
    },
    seconds: { default: '10', number: true, help: 'length of each run' },
    'warm-up': {
      default: '3',
      number: true,
      help: 'seconds each read route and its peer run untimed first (JIT, pools, caches), 0 for none',
    },
    'tile-zoom': { default: '10', number: true, help: 'zoom of the tile route' },
    'deep-page': {
      default: '50',
      number: true,
      help: 'the page (of 100) the deep incident-list route asks for',
    },
  },
  {
    'lists-only': 'run only the incident list routes (first page and a deep page by cursor)',
    keep: 'keep the loaded database (its name is printed) for a later --database run',
  },
);
/** A database a `--keep` run loaded and fused: reused as it is, neither loaded again nor dropped. */
const REUSE = process.env['GUARANTOR_LOAD_DATABASE'];
const ROWS = Number(flags.rows);
const CONNECTIONS = flags.connections.split(',').map(Number);
const SECONDS = Number(flags.seconds);
const WARM_UP = Number(flags['warm-up']);
const INSERT_CHUNK = 100_000;
const INTAKE_BATCH = 10;
const MAIN = resolve(import.meta.dirname, '../packages/cli/src/main.ts');
const READER = { nation: 'USA', coalitionMember: true } as const;
/** The bench's user, named per run: a reused database keeps the users of earlier runs. */
const CLIENT = `load-client-${process.pid}`;

// z10 (about 39 km across here, bins since migration 0038): a map's working zoom. A z8 tile over the whole generated
// area holds ~50,000 incidents (MAX_TILE_FEATURES) and takes seconds per request; pass
// --tile-zoom 8 for that worst case.
const TILE = tileOf(37.5, 48.2, Number(flags['tile-zoom']));

/** Events over the Donbas in November 2026, three reports each (patrol, camera, acoustic) within 300 m and 3 min. */
const INSERT_SQL = (from: number, to: number) => `
  insert into observation (uid, source_kind, source_id, source_nation, start_at, end_at, category, count,
                           location_kind, geom, radius_m, reported_at, raw, rel_kind, rel_nations, submitted_by)
  select uid, kind, kind || '-' || (e % 500), 'USA', to_timestamp(start_ms / 1000.0), to_timestamp((start_ms + 60000) / 1000.0),
         'explosion_impact', 1 + e % 5, 'point', st_setsrid(st_makepoint(lng, lat), 4326), 200,
         to_timestamp((start_ms + 300000) / 1000.0),
         jsonb_build_object('uid', uid, 'source', jsonb_build_object('kind', kind, 'id', kind || '-' || (e % 500), 'nation', 'USA'),
                            'time', jsonb_build_object('startMs', start_ms, 'endMs', start_ms + 60000),
                            'category', 'explosion_impact', 'count', 1 + e % 5,
                            'location', jsonb_build_object('kind', 'point', 'position', jsonb_build_array(lng, lat), 'radiusM', 200),
                            'reportedAtMs', start_ms + 300000),
         'COALITION', '{}', 'bench'
    from (select e, k, (array['patrol','camera','acoustic'])[k] as kind, 'load-' || e || '-' || k as uid,
                 round((36 + 3 * ((e * 0.6180339887) % 1) + (k - 2) * 0.0008)::numeric, 6)::float8 as lng,
                 round((47 + 2.5 * ((e * 0.7548776662) % 1) + (k - 2) * 0.0006)::numeric, 6)::float8 as lat,
                 1793491200000::bigint + ((e * 7919) % (25 * 86400)) * 1000 + k * 40000 as start_ms
            from generate_series(${from}::bigint, ${to - 1}::bigint) e, generate_series(1, 3) k) g`;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function serve(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--database-url', url, '--port', '0', '--cot-port', '0'],
    {
      env: { ...process.env, GUARANTOR_LANG: 'en', LOG_LEVEL: 'warn', DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const base = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, base };
}

let uidCounter = 0;
function intakeBatch(prefix: string): Observation[] {
  return Array.from({ length: INTAKE_BATCH }, () => {
    const n = uidCounter++;
    const start = Date.parse('2026-11-20T00:00:00Z') + (n % 1000) * 60_000;
    return {
      uid: `${prefix}-${n}`,
      source: { kind: 'patrol', id: `patrol-${n % 50}`, nation: 'USA' },
      time: { startMs: start, endMs: start + 60_000 },
      category: 'explosion_impact',
      count: 1,
      location: { kind: 'point', position: [36 + (n % 300) * 0.01, 47.5 + (n % 7) * 0.01], radiusM: 200 },
      reportedAtMs: start + 300_000,
    } as Observation;
  });
}

interface Row {
  readonly route: string;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: string;
  readonly rss: string;
  readonly peerRps: number;
  readonly peerP50: number;
  readonly peerP99: number;
  readonly peerErrors: number;
}

const run = REUSE
  ? (() => {
      const u = new URL(PG_ADMIN);
      u.pathname = `/${REUSE}`;
      return { name: REUSE, url: u.toString(), drop: () => {} };
    })()
  : createRunDatabase('guarantor_load', { keep: flags.switches.has('keep') });
const { name, url, drop: dropDatabase } = run;
let server: ChildProcess | undefined;
try {
  console.log(`== load: ${fmt(ROWS)} observations on PostgreSQL (${name}), ${SECONDS} s per run`);
  const database = await openDatabase({ url });
  if (REUSE) console.log(`reusing the loaded database ${name} (GUARANTOR_LOAD_DATABASE)`);
  else {
    const prepared = await prepareDatabase(database);
    console.log(`demo scenario loaded: ${prepared.seeded}`);
    const t0 = performance.now();
    for (let from = 0; from < ROWS / 3; from += INSERT_CHUNK / 3) {
      const to = Math.min(Math.ceil(ROWS / 3), from + INSERT_CHUNK / 3);
      await sql.raw(INSERT_SQL(Math.floor(from), Math.floor(to))).execute(database.db);
    }
    const loadMs = performance.now() - t0;
    await sql`analyze observation`.execute(database.db);
    const count = await sql<{ n: number }>`select count(*)::int as n from observation`.execute(database.db);
    console.log(
      `loaded ${fmt(ROWS)} observations by INSERT … SELECT generate_series in ${secs(loadMs)} (${fmt((ROWS / loadMs) * 1000)} rows/s); ${fmt(count.rows[0]!.n)} in the table`,
    );
  }
  const at = new Date();
  const user = await insertUser(
    database.db,
    {
      username: CLIENT,
      displayName: 'load client',
      passwordHash: 'x',
      nation: 'USA',
      roles: ['monitor', 'analyst', 'liaison', 'cell_staff'],
    },
    { actor: 'bench', nation: null, at },
  );
  const token = await createApiToken(database.db, user.id, 'load', { actor: 'bench', nation: null, at });

  const started = await serve(url);
  server = started.child;
  const base = started.base;
  const pid = server.pid!;
  const tf = performance.now();
  for (;;) {
    const r = await sql<{ n: number }>`select count(*)::int as n from observation_unfused`.execute(
      database.db,
    );
    if (r.rows[0]!.n === 0) break;
    await new Promise((ok) => setTimeout(ok, 2000));
  }
  await sql`analyze`.execute(database.db);
  const incidents = await sql<{
    n: number;
  }>`select count(*)::int as n from incident where merged_into is null`.execute(database.db);
  console.log(
    `server started and fused everything in ${secs(performance.now() - tf)}: ${fmt(incidents.rows[0]!.n)} incidents; server RSS ${fmt(rssMb(pid))} MB`,
  );

  const encoder = await tileEncoder(database.db);
  const filter = filterFromQuery({});
  // A cursor deep in the list, found by walking it page by page as a client would.
  let deep: Awaited<ReturnType<typeof listIncidents>>['next'] = null;
  for (let p = 1; p < Number(flags['deep-page']); p++) {
    const page = await asReader(database.db, READER, (trx) =>
      listIncidents(trx, filter, { limit: 100, ...(deep ? { after: deep } : {}) }),
    );
    if (!page.next) break;
    deep = page.next;
  }
  const deepKey = deep ?? undefined;
  const deepCursor = deep ? encodeCursor('incidents', [deep.start, deep.id]) : '';
  const allRoutes: {
    name: string;
    path: string;
    method: 'GET' | 'POST';
    body?: () => string;
    peer: () => Promise<unknown>;
  }[] = [
    {
      name: 'incident list',
      path: '/api/incidents?limit=100',
      method: 'GET',
      peer: () => asReader(database.db, READER, (trx) => listIncidents(trx, filter, { limit: 100 })),
    },
    {
      name: `incident list p${flags['deep-page']}`,
      path: `/api/incidents?limit=100${deepCursor ? `&cursor=${deepCursor}` : ''}`,
      method: 'GET',
      peer: () =>
        asReader(database.db, READER, (trx) => listIncidents(trx, filter, { limit: 100, after: deepKey })),
    },
    {
      name: 'offers',
      path: '/api/offers',
      method: 'GET',
      peer: () => asReader(database.db, READER, (trx) => listOffers(trx, {})),
    },
    {
      name: `tile z${TILE.z}/${TILE.x}/${TILE.y}`,
      path: `/tiles/incidents/${TILE.z}/${TILE.x}/${TILE.y}.mvt`,
      method: 'GET',
      peer: () => asReader(database.db, READER, (trx) => incidentTile(trx, TILE, filter, encoder)),
    },
    {
      name: `intake (${INTAKE_BATCH}/POST)`,
      path: '/api/observations',
      method: 'POST',
      body: () => JSON.stringify({ observations: intakeBatch('http') }),
      peer: () =>
        asReader(database.db, READER, (trx) =>
          storeObservations(
            trx,
            intakeBatch('peer').map((observation) => ({
              observation,
              label: { kind: 'COALITION' } as const,
              submittedBy: CLIENT,
              submitterNation: 'USA',
            })),
          ),
        ),
    },
  ];

  const routes = flags.switches.has('lists-only')
    ? allRoutes.filter((r) => r.name.startsWith('incident list'))
    : allRoutes;
  const rows: Row[] = [];
  const rssTrend: string[] = [];
  for (const route of routes) {
    // An untimed run of the route and of its peer first, so the first timed run does not pay
    // for compiling and filling caches that every later request finds ready. Reads only: a
    // write's warm-up would change the data the timed run writes into.
    if (WARM_UP > 0 && route.method === 'GET') {
      await autocannon({
        url: `${base}${route.path}`,
        connections: 10,
        duration: WARM_UP,
        headers: { authorization: `Bearer ${token}` },
      });
      const until = performance.now() + WARM_UP * 1000;
      while (performance.now() < until) await route.peer();
    }
    for (const connections of CONNECTIONS) {
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMb(pid)), 250);
      const before = rssMb(pid);
      const result = await autocannon({
        url: `${base}${route.path}`,
        method: route.method,
        connections,
        duration: SECONDS,
        timeout: 30,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(route.body
          ? {
              requests: [
                {
                  method: 'POST',
                  path: route.path,
                  setupRequest: (req: autocannon.Request) => ({ ...req, body: route.body!() }),
                },
              ],
            }
          : {}),
      });
      clearInterval(sampler);
      // autocannon stops at the deadline and closes its connections, but the server finishes
      // what it had accepted (a handler is not cancelled): wait until the database is idle, so
      // the next run (and the peer) does not queue behind this run's leftovers.
      const drainStart = performance.now();
      while (performance.now() - drainStart < 600_000) {
        const busy = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()
              and query not ilike '%pg_advisory%' and query not ilike 'listen%'`.execute(database.db);
        if (busy.rows[0]!.n === 0) break;
        samples.push(rssMb(pid));
        await new Promise((ok) => setTimeout(ok, 500));
      }
      const drainMs = performance.now() - drainStart;
      await new Promise((ok) => setTimeout(ok, 1000));
      const after = rssMb(pid);
      const peak = Math.max(before, ...samples);

      // The peer: the same db call by as many concurrent callers, for the same time.
      const latencies: number[] = [];
      let peerErrors = 0;
      const until = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < until) {
            const s = performance.now();
            try {
              await route.peer();
              latencies.push(performance.now() - s);
            } catch {
              peerErrors++;
            }
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      const errors = `${result.errors} err, ${result.timeouts} t/o, ${result.non2xx} non-2xx; ${fmt(result.requests.total)} done of ${fmt(result.requests.sent)} sent; drained ${secs(drainMs)}`;
      rows.push({
        route: route.name,
        connections,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors,
        rss: `${fmt(before)}→${fmt(peak)}→${fmt(after)}`,
        peerRps: latencies.length / SECONDS,
        peerP50: percentile(latencies, 50),
        peerP99: percentile(latencies, 99),
        peerErrors,
      });
      rssTrend.push(fmt(after));
      const last = rows.at(-1)!;
      console.log(
        `${route.name.padEnd(22)} ${String(connections).padStart(5)} conn: HTTP ${fmt(last.rps).padStart(6)} req/s p50 ${fmt(last.p50).padStart(6)} ms p99 ${fmt(last.p99).padStart(6)} ms (${errors}; RSS MB ${last.rss})` +
          ` | SQL peer ${fmt(last.peerRps).padStart(6)} calls/s p50 ${last.peerP50.toFixed(1)} ms p99 ${last.peerP99.toFixed(1)} ms (${peerErrors} err)`,
      );
    }
  }
  console.log(
    '\n| route | conn | HTTP req/s | HTTP p50 ms | HTTP p99 ms | HTTP errors | server RSS MB (before→peak→after) | SQL peer calls/s | peer p50 ms | peer p99 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.route} | ${r.connections} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} | ${r.rss} | ${fmt(r.peerRps)} | ${r.peerP50.toFixed(1)} | ${r.peerP99.toFixed(1)} |`,
    );
  console.log(`server RSS after each run (MB): ${rssTrend.join(', ')}`);
  await database.close();
} finally {
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) await new Promise((ok) => server!.once('exit', ok));
  dropDatabase();
}
