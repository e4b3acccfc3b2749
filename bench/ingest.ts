/**
 * Ingest benchmark: sustained observations per second through POST /api/observations (a
 * started server, batches of 5,000 sent by fetch with 2 in flight, API token auth) against a
 * raw COPY of the same rows into the same table, on PGlite and on PostgreSQL. The fusion
 * worker runs during the HTTP run, as in production; its catch-up time is printed after.
 *
 *   npx tsx bench/ingest.ts [--rows 1000000] [--engine pglite|postgres|both]
 *
 * Prints figures; asserts nothing. Goal: HTTP at least half of COPY's rate.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Observation } from '../packages/core/src/monitoring/index.ts';
import {
  createApiToken,
  type GuarantorDatabase,
  insertUser,
  loadReferenceData,
  migrate,
  openDatabase,
  readDemoScenario,
  seedScenario,
} from '../packages/db/src/index.ts';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const ENGINE = arg('engine', 'both');
const BATCH = 5000;
const IN_FLIGHT = 2;
const NO_FUSION = process.argv.includes('--no-fusion');
const PG_ADMIN = process.env['GUARANTOR_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-27T08:00:00Z');

/** Deterministic events over the Donbas: three reports each (patrol, camera, acoustic) within 300 m and 3 min. */
export function observations(n: number): Observation[] {
  // mulberry32: integer arithmetic, so the sequence does not collapse the way a float LCG does.
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const kinds = ['patrol', 'camera', 'acoustic'] as const;
  const out: Observation[] = [];
  const day = Date.parse('2026-11-01T00:00:00Z');
  for (let e = 0; out.length < n; e++) {
    const lng = 36 + rand() * 3;
    const lat = 47 + rand() * 2.5;
    const t = day + Math.floor(rand() * 25 * 86_400_000);
    for (let k = 0; k < 3 && out.length < n; k++) {
      const start = t + Math.floor(rand() * 180_000);
      out.push({
        uid: `bench-${e}-${k}`,
        source: { kind: kinds[k]!, id: `${kinds[k]}-${Math.floor(rand() * 500)}`, nation: 'USA' },
        time: { startMs: start, endMs: start + 60_000 },
        category: 'explosion_impact',
        count: 1 + Math.floor(rand() * 5),
        location: {
          kind: 'point',
          position: [lng + (rand() - 0.5) * 0.004, lat + (rand() - 0.5) * 0.003],
          radiusM: 200,
        },
        reportedAtMs: start + 300_000,
      });
    }
  }
  return out;
}

function csvOf(rows: readonly Observation[]): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const iso = (ms: number) => new Date(ms).toISOString();
  return rows
    .map((o) => {
      const loc = o.location as Extract<Observation['location'], { kind: 'point' }>;
      return [
        q(o.uid),
        o.source.kind,
        q(o.source.id),
        o.source.nation,
        iso(o.time.startMs),
        iso(o.time.endMs),
        o.category,
        o.count,
        'point',
        `SRID=4326;POINT(${loc.position[0]} ${loc.position[1]})`,
        loc.radiusM,
        iso(o.reportedAtMs),
        q(JSON.stringify(o)),
        'COALITION',
        '{}',
      ].join(',');
    })
    .join('\n');
}
const COPY_COLUMNS =
  'uid, source_kind, source_id, source_nation, start_at, end_at, category, count, location_kind, geom, radius_m, reported_at, raw, rel_kind, rel_nations';

async function openEngine(
  engine: 'pglite' | 'postgres',
): Promise<{ database: GuarantorDatabase; url?: string; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'guarantor-bench-'));
    const database = await openDatabase({ dataDir: dir });
    return { database, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `guarantor_bench_${randomBytes(4).toString('hex')}`;
  execFileSync('psql', [PG_ADMIN, '-qc', `create database ${name}`]);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      execFileSync('psql', [PG_ADMIN, '-qc', `drop database if exists ${name} with (force)`]);
    },
  };
}

async function run(engine: 'pglite' | 'postgres', rows: readonly Observation[]): Promise<void> {
  console.log(`\n== ${engine}: ${rows.length.toLocaleString('en')} observations`);
  const { database, url, drop } = await openEngine(engine);
  try {
    await migrate(database.db);
    await loadReferenceData(database.db);
    await seedScenario(database.db, readDemoScenario(), NOW);
    const by = { actor: 'bench', nation: null, at: NOW };
    const user = await insertUser(
      database.db,
      {
        username: 'bench-sensor',
        displayName: 'bench',
        passwordHash: 'x',
        nation: 'USA',
        roles: ['monitor'],
      },
      by,
    );
    const token = await createApiToken(database.db, user.id, 'bench', by);
    const app = await createApp({
      database,
      clock: { now: () => NOW },
      config: loadConfig({ LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent' }),
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    // --no-fusion measures intake alone (the worker stopped); fusion then runs after the HTTP run.
    if (NO_FUSION) await app.monitoring.worker.stop();

    // HTTP: batches of BATCH, IN_FLIGHT at a time.
    let next = 0;
    let rejected = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < rows.length) {
        const at = next;
        next += BATCH;
        const res = await fetch(`${address}/api/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ observations: rows.slice(at, at + BATCH) }),
        });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
        rejected += ((await res.json()) as { rejected: number }).rejected;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const httpS = (performance.now() - t0) / 1000;
    const httpRate = rows.length / httpS;
    console.log(
      `HTTP   ${httpS.toFixed(1).padStart(7)} s  ${Math.round(httpRate).toLocaleString('en').padStart(9)} obs/s  (rejected ${rejected})`,
    );
    const tf = performance.now();
    if (NO_FUSION) {
      await app.close();
      const again = await createApp({
        database,
        clock: { now: () => NOW },
        config: loadConfig({ LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent' }),
      });
      await again.ready();
      await again.monitoring.worker.settled();
      console.log(`fusion alone: ${((performance.now() - tf) / 1000).toFixed(1)} s`);
      await again.close();
      return await copy(engine, database, url, rows, httpRate);
    }
    await app.monitoring.worker.settled();
    const fusionS = (performance.now() - tf) / 1000;
    const status = app.monitoring.worker.status;
    console.log(
      `fusion caught up ${fusionS.toFixed(1)} s after the last POST: ${status.observations.toLocaleString('en')} observations, ${status.incidents.toLocaleString('en')} incidents`,
    );
    await app.close();
    await copy(engine, database, url, rows, httpRate);
  } finally {
    await database.close();
    await drop();
  }
}

async function copy(
  engine: 'pglite' | 'postgres',
  database: GuarantorDatabase,
  url: string | undefined,
  rows: readonly Observation[],
  httpRate: number,
): Promise<void> {
  {
    // COPY: the same rows into the same (emptied) table.
    await database.db.transaction().execute(async (trx) => {
      const { sql } = await import('kysely');
      await sql`truncate observation, incident_observation, incident_state_change, incident_claim, incident cascade`.execute(
        trx,
      );
    });
    const csv = csvOf(rows);
    const tc = performance.now();
    if (engine === 'pglite') {
      await database.pglite!.query(
        `copy observation (${COPY_COLUMNS}) from '/dev/blob' with (format csv)`,
        [],
        {
          blob: new Blob([csv]),
        },
      );
    } else {
      const file = join(tmpdir(), `guarantor-bench-${process.pid}.csv`);
      writeFileSync(file, csv);
      execFileSync('psql', [
        url!,
        '-qc',
        `\\copy observation (${COPY_COLUMNS}) from '${file}' with (format csv)`,
      ]);
      rmSync(file);
    }
    const copyS = (performance.now() - tc) / 1000;
    const copyRate = rows.length / copyS;
    console.log(
      `COPY   ${copyS.toFixed(1).padStart(7)} s  ${Math.round(copyRate).toLocaleString('en').padStart(9)} obs/s`,
    );
    console.log(`HTTP / COPY = ${(httpRate / copyRate).toFixed(2)}  (goal ≥ 0.50)`);
  }
}

const rows = observations(ROWS);
if (ENGINE === 'pglite' || ENGINE === 'both') await run('pglite', rows);
if (ENGINE === 'postgres' || ENGINE === 'both') await run('postgres', rows);
