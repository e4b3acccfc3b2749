/**
 * Ingest benchmark: observations per second through POST /api/observations (a started server,
 * batches of 5,000 sent by fetch with 2 in flight from a worker thread, API token auth) against a
 * raw COPY of the same rows into the same table, on PGlite and on PostgreSQL. Both make and
 * serialise their rows before their clocks start (a 1M run holds about 1 GB of them), so what is
 * timed is the database's and the server's work; progress is printed. Each phase prints where
 * its CPU time went (the server's event loop, the bench process, PostgreSQL's processes).
 *
 * Two rates per run: intake (first POST to last answer) and time to map (first POST until the
 * last observation is fused and its incident answers GET /api/incidents/:id to an analyst),
 * each beside COPY. The goal is time to map at least half of COPY's rate.
 *
 * `--data spread` (default) is events over the Donbas, three reports each; `--data dense` is a
 * burst of reports of one place (all within 1 km and 1 h), which fuse into a few huge incidents;
 * `--data both` runs each.
 * `--fusion on` (default) runs the fusion worker during the HTTP run, as in production, and
 * prints its catch-up time after; `--fusion off` stops it during the run and fuses after;
 * `--fusion both` runs intake twice (a fresh database each time) to show what fusion costs.
 *
 *   npx tsx bench/ingest.ts [--rows 1000000] [--engine pglite|postgres|both] [--fusion on|off|both]
 *     [--data spread|dense|both]
 *
 * Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Observation } from '../packages/core/src/monitoring/index.ts';
import { type GuarantorDatabase, migrate, openDatabase } from '../packages/db/src/index.ts';
import { benchApp, benchToken, prepareDemo } from './app.ts';
import { benchFlags, createRunDatabase, removeOnExit } from './args.ts';
import { cpuBetween, cpuSnapshot } from './cpu.ts';
import type { IngestClientJob, IngestClientMessage } from './ingest-client.ts';
import { csvOf, observationBatches } from './ingest-data.ts';

const flags = benchFlags('npx tsx bench/ingest.ts', {
  rows: { default: '1000000', number: true, help: 'observations sent' },
  engine: { default: 'both', choices: ['pglite', 'postgres', 'both'], help: 'database engine' },
  fusion: { default: 'on', choices: ['on', 'off', 'both'], help: 'fusion worker during intake' },
  data: {
    default: 'spread',
    choices: ['spread', 'dense', 'both'],
    help: 'events spread over the Donbas, or a dense burst of one place (1 km, 1 h)',
  },
});
const ROWS = Number(flags.rows);
const ENGINE = flags.engine;
const FUSION = flags.fusion;
const DATA = flags.data;
let dense = false;
const BATCH = 5000;
const IN_FLIGHT = 2;
/** Rows per COPY statement on PGlite (its blob lives in WASM memory) and per progress line. */
const COPY_CHUNK = 100_000;
const NOW = new Date('2026-11-27T08:00:00Z');

const COPY_COLUMNS =
  'uid, source_kind, source_id, source_nation, start_at, end_at, category, count, location_kind, geom, radius_m, reported_at, raw, rel_kind, rel_nations';

const rate = (rows: number, s: number) =>
  `${Math.round(rows / s)
    .toLocaleString('en')
    .padStart(9)} obs/s`;
const secs = (s: number) => `${s.toFixed(1).padStart(7)} s`;

async function openEngine(
  engine: 'pglite' | 'postgres',
): Promise<{ database: GuarantorDatabase; url?: string; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'guarantor-bench-'));
    const remove = removeOnExit(dir);
    const database = await openDatabase({ dataDir: dir });
    return { database, drop: async () => remove() };
  }
  const { url, drop } = createRunDatabase('guarantor_bench');
  const database = await openDatabase({ url });
  return { database, url, drop: async () => drop() };
}

/** The last observation observationBatches makes. */
function lastObservation(): Observation {
  let last: Observation | undefined;
  for (const batch of observationBatches(ROWS, BATCH, dense)) last = batch.at(-1);
  return last!;
}

/**
 * The incident list an analyst reads (GET /api/incidents) around an observation's place and
 * time: the query the map's list makes, so an incident there is visible.
 */
function listAround(o: Observation): string {
  const [lng, lat] = (o.location as Extract<Observation['location'], { kind: 'point' }>).position;
  const d = 0.05;
  const query = new URLSearchParams({
    bbox: [lng - d, lat - d, lng + d, lat + d].join(','),
    from: new Date(o.time.startMs).toISOString(),
    to: new Date(o.time.endMs).toISOString(),
    limit: '1000',
  });
  return `/api/incidents?${query}`;
}

/**
 * HTTP intake into a fresh database; returns the intake rate and the time-to-map rate (until the
 * last observation's incident answers an analyst), in observations per second.
 */
async function intake(engine: 'pglite' | 'postgres', fusion: boolean): Promise<[number, number]> {
  const { database, drop } = await openEngine(engine);
  try {
    await prepareDemo(database, NOW);
    const token = await benchToken(database, 'bench-sensor', ['monitor'], NOW);
    const analyst = await benchToken(database, 'bench-analyst', ['analyst'], NOW);
    const last = lastObservation();
    const app = await benchApp(database, NOW);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    if (!fusion) await app.monitoring.worker.stop();
    let maxLagMs = 0;
    const lagSampler = setInterval(() => {
      maxLagMs = Math.max(maxLagMs, (again ?? app).monitoring.worker.status.lagMs);
    }, 250);
    let again: Awaited<ReturnType<typeof benchApp>> | undefined;
    let sent = 0;
    let rejected = 0;
    let reported = 0;
    const progress = () => {
      if (sent - reported < ROWS / 10 && sent < ROWS) return;
      reported = sent;
      const s = (performance.now() - t0) / 1000;
      const status = app.monitoring.worker.status;
      const fused = fusion
        ? `, fused ${status.fusedTotal.toLocaleString('en')}, fusion ${(status.lagMs / 1000).toFixed(0)} s behind`
        : '';
      console.log(`  http ${sent.toLocaleString('en').padStart(9)} sent ${secs(s)} ${rate(sent, s)}${fused}`);
    };
    // The sensors send from another thread, as they would from elsewhere: generating and
    // serialising their rows is not the server's work.
    const thread = new Worker(new URL('./ingest-client.ts', import.meta.url), {
      workerData: {
        address,
        token,
        rows: ROWS,
        batch: BATCH,
        inFlight: IN_FLIGHT,
        dense,
      } satisfies IngestClientJob,
    });
    await new Promise<void>((resolve, reject) => {
      thread.once('error', reject);
      thread.once('message', (message: IngestClientMessage) =>
        'ready' in message ? resolve() : reject(new Error(JSON.stringify(message))),
      );
    });
    const t0 = performance.now();
    const cpu0 = cpuSnapshot();
    thread.postMessage('go');
    await new Promise<void>((resolve, reject) => {
      thread.on('error', reject);
      thread.on('message', (message: IngestClientMessage) => {
        if ('error' in message) reject(new Error(message.error));
        else if ('ready' in message) return;
        else if ('done' in message) resolve();
        else {
          sent = message.sent;
          rejected = message.rejected;
          progress();
        }
      });
    });
    await thread.terminate();
    const httpS = (performance.now() - t0) / 1000;
    console.log(
      `HTTP, fusion ${fusion ? 'running' : 'stopped'} ${secs(httpS)} ${rate(ROWS, httpS)}  (rejected ${rejected})`,
    );
    const cpuHttp = cpuSnapshot();
    console.log(`  ${cpuBetween(cpu0, cpuHttp)}`);
    const tf = performance.now();
    let worker = app.monitoring.worker;
    if (!fusion) {
      await app.close();
      again = await benchApp(database, NOW);
      await again.ready();
      worker = again.monitoring.worker;
    }
    const ticker = setInterval(() => {
      const s = (performance.now() - tf) / 1000;
      console.log(`  fusion ${worker.status.fusedTotal.toLocaleString('en').padStart(9)} fused ${secs(s)}`);
    }, 30_000);
    await worker.settled();
    clearInterval(ticker);
    // Visible: the last observation's incident is in the incident list an analyst reads
    // around its place and time. (Not GET /api/incidents/:id: it lists every observation of
    // the incident, and a dense burst's incident holds tens of thousands.)
    const server = again ?? app;
    const where = again ? await again.listen({ host: '127.0.0.1', port: 0 }) : address;
    for (;;) {
      const member = await database.db
        .selectFrom('incident_observation')
        .select('incident_id')
        .where('observation_uid', '=', `${last.uid}@USA`)
        .executeTakeFirst();
      // A kept-alive connection the server closed while fusion held the event loop is reset: ask again.
      const res = member
        ? await fetch(`${where}${listAround(last)}`, {
            headers: { authorization: `Bearer ${analyst}` },
          }).catch((error: Error) => {
            console.log(
              `  GET incidents: ${error.message} (${String((error.cause as Error)?.message)}); again`,
            );
            return undefined;
          })
        : undefined;
      if (res && res.status !== 200) throw new Error(`GET incidents: HTTP ${res.status}`);
      const listed = res && ((await res.json()) as { incidents: { id: string }[] }).incidents;
      if (listed?.some((i) => i.id === member!.incident_id)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mapS = (performance.now() - t0) / 1000;
    clearInterval(lagSampler);
    const status = worker.status;
    console.log(
      `fusion ${fusion ? 'caught up' : 'alone took'} ${((performance.now() - tf) / 1000).toFixed(1)} s after the last POST: ${status.observations.toLocaleString('en')} observations, ${status.incidents.toLocaleString('en')} incidents; largest lag on /readyz ${(maxLagMs / 1000).toFixed(1)} s`,
    );
    console.log(`time to map (first POST to the last incident visible) ${secs(mapS)} ${rate(ROWS, mapS)}`);
    console.log(`  after the last POST, ${cpuBetween(cpuHttp, cpuSnapshot())}`);
    await server.close();
    return [ROWS / httpS, ROWS / mapS];
  } finally {
    await database.close();
    await drop();
  }
}

/** COPY of the same rows into the same (fresh, empty) table; returns observations per second. */
async function copy(engine: 'pglite' | 'postgres'): Promise<number> {
  const { database, url, drop } = await openEngine(engine);
  try {
    await migrate(database.db);
    // The rows are made before the clock starts, as the HTTP client's are (bench/ingest-client.ts).
    const chunks = [...observationBatches(ROWS, engine === 'pglite' ? COPY_CHUNK : 10_000, dense)].map(
      (chunk) => ({ rows: chunk.length, csv: Buffer.from(csvOf(chunk)) }),
    );
    const tc = performance.now();
    const cpu0 = cpuSnapshot();
    let done = 0;
    const progress = () => {
      if (done % (COPY_CHUNK * 2) !== 0 && done < ROWS) return;
      const s = (performance.now() - tc) / 1000;
      console.log(`  copy ${done.toLocaleString('en').padStart(9)} rows ${secs(s)} ${rate(done, s)}`);
    };
    if (engine === 'pglite') {
      // One COPY per 100,000 rows: the blob is copied into PGlite's WASM memory.
      for (const chunk of chunks) {
        await database.pglite!.query(
          `copy observation (${COPY_COLUMNS}) from '/dev/blob' with (format csv)`,
          [],
          {
            blob: new Blob([chunk.csv]),
          },
        );
        done += chunk.rows;
        progress();
      }
    } else {
      // One COPY, fed through psql's stdin.
      const psql = spawn(
        'psql',
        [url!, '-qc', `\\copy observation (${COPY_COLUMNS}) from stdin with (format csv)`],
        {
          stdio: ['pipe', 'inherit', 'inherit'],
        },
      );
      const exited = new Promise<void>((resolve, reject) => {
        psql.on('error', reject);
        psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}`))));
      });
      for (const chunk of chunks) {
        if (!psql.stdin.write(chunk.csv)) await new Promise((resolve) => psql.stdin.once('drain', resolve));
        done += chunk.rows;
        progress();
      }
      psql.stdin.end();
      await exited;
    }
    const copyS = (performance.now() - tc) / 1000;
    const stored = await sql<{ n: string }>`select count(*) as n from observation`.execute(database.db);
    console.log(
      `COPY ${secs(copyS)} ${rate(ROWS, copyS)}  (${Number(stored.rows[0]!.n).toLocaleString('en')} rows)`,
    );
    console.log(`  ${cpuBetween(cpu0, cpuSnapshot())} (psql's own not counted)`);
    return ROWS / copyS;
  } finally {
    await database.close();
    await drop();
  }
}

async function run(engine: 'pglite' | 'postgres'): Promise<void> {
  console.log(
    `\n== ${engine}: ${ROWS.toLocaleString('en')} observations, ${dense ? 'a dense burst of one place' : 'spread out'}`,
  );
  const rates: [string, [number, number]][] = [];
  if (FUSION === 'on' || FUSION === 'both') rates.push(['fusion running', await intake(engine, true)]);
  if (FUSION === 'off' || FUSION === 'both') rates.push(['fusion stopped', await intake(engine, false)]);
  const copyRate = await copy(engine);
  for (const [what, [httpRate, mapRate]] of rates) {
    console.log(`${engine}, ${dense ? 'dense' : 'spread'}, ${what}:`);
    console.log(`  HTTP intake / COPY = ${(httpRate / copyRate).toFixed(2)}`);
    console.log(`  time to map (fusion included) / COPY = ${(mapRate / copyRate).toFixed(2)}  (goal ≥ 0.50)`);
  }
}

for (const data of DATA === 'both' ? ['spread', 'dense'] : [DATA]) {
  dense = data === 'dense';
  if (ENGINE === 'pglite' || ENGINE === 'both') await run('pglite');
  if (ENGINE === 'postgres' || ENGINE === 'both') await run('postgres');
}
