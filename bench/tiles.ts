/**
 * Tile benchmark: p50/p95 latency and size of GET /tiles/incidents/{z}/{x}/{y}.mvt through a
 * started server (fetch, API token, zod, asReader, row-level security) against the bare tile
 * query for the same tiles: the very query the route runs (incidentTileQuery, exported by the
 * db package), in the same reader's transaction (asReader as the same USA analyst), with no
 * HTTP, no auth and no server. Below z11 tiles carry bins with counts (layer incident_bins);
 * from z11 incidents. PGlite's PostGIS has no protobuf-c, so there incident tiles use the JS
 * encoder over PostGIS tile coordinates; PostgreSQL uses ST_AsMVT. Bins are encoded in JS on both.
 *
 * The server's user is a USA analyst, who may read every incident made here (COALITION and
 * NATIONAL USA): both sides return the same tiles, and the byte totals printed show it.
 * Prints figures; asserts nothing. Goal: every zoom under 500 kB, p95 under 150 ms through the
 * server, overhead ≤ 30 % or under 2 ms a tile.
 *
 *   npx tsx bench/tiles.ts [--incidents 1000000] [--engine pglite|postgres|both] [--window whole|partial]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  asReader,
  type GuarantorDatabase,
  incidentTileQuery,
  openDatabase,
  runTileQuery,
  tileEncoder,
} from '../packages/db/src/index.ts';
import { filterFromQuery } from '../packages/server/src/routes/inputs.ts';
import { tileOf } from '../test/support/tiles.ts';
import { benchApp, benchToken, prepareDemo } from './app.ts';
import { benchFlags, createRunDatabase } from './args.ts';

const flags = benchFlags('npx tsx bench/tiles.ts', {
  incidents: { default: '1000000', number: true, help: 'incidents inserted' },
  engine: { default: 'both', choices: ['pglite', 'postgres', 'both'], help: 'database engine' },
  window: {
    default: 'whole',
    choices: ['whole', 'partial'],
    help: 'the time filter: whole days (midnight to midnight) or partial hours at both ends',
  },
});
/** The tiles' time filter, as the map's query string gives it. */
const WINDOW =
  flags.window === 'whole'
    ? 'from=2026-11-05T00:00:00Z&to=2026-11-20T00:00:00Z'
    : 'from=2026-11-05T07:30:00Z&to=2026-11-20T00:30:00Z';
const INCIDENTS = Number(flags.incidents);
/** Incidents per INSERT statement, with a progress line after each. */
const INSERT_CHUNK = 250_000;
const ENGINE = flags.engine;
const NOW = new Date('2026-11-27T08:00:00Z');

/** The bench analyst's nation, as the server's asReader sets it for them. */
const READER = { nation: 'USA', coalitionMember: true } as const;
const MIN_ZOOM = 6;
const MAX_ZOOM = 13;

/** 200 tiles at zooms 6 to 13 over the incidents' area, the same list for both sides. */
function tiles(): { z: number; x: number; y: number }[] {
  // mulberry32: integer arithmetic, so the sequence does not collapse the way a float LCG does.
  let seed = 7;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: 200 }, () =>
    tileOf(36 + rand() * 3, 47 + rand() * 2.5, MIN_ZOOM + Math.floor(rand() * (MAX_ZOOM - MIN_ZOOM + 1))),
  );
}

const pct = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.floor((ms.length - 1) * p)]!;

async function run(engine: 'pglite' | 'postgres'): Promise<void> {
  let database: GuarantorDatabase;
  let drop = async () => {};
  if (engine === 'pglite') database = await openDatabase({ memory: true });
  else {
    const run = createRunDatabase('guarantor_bench');
    database = await openDatabase({ url: run.url });
    drop = async () => run.drop();
  }
  try {
    await prepareDemo(database, NOW);
    // Incidents straight into the table: this measures tiles, not fusion.
    const t0 = performance.now();
    for (let from = 1; from <= INCIDENTS; from += INSERT_CHUNK) {
      const to = Math.min(INCIDENTS, from + INSERT_CHUNK - 1);
      await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
          rel_kind, rel_nations)
        select 'inc-bench-' || g, 'explosion_impact', '{explosion_impact}', 'reported',
          (array['reported','corroborated','verified'])[1 + g % 3],
          st_setsrid(st_makepoint(36 + random() * 3, 47 + random() * 2.5), 4326), 200, 'point',
          timestamptz '2026-11-01' + (g % 25) * interval '1 day', timestamptz '2026-11-01' + (g % 25) * interval '1 day',
          1, 1, 1, 0.7, 1, 1, case when g % 3 = 2 then 'NATIONAL' else 'COALITION' end,
          case when g % 3 = 2 then '{USA}'::text[] else '{}'::text[] end
        from generate_series(${from}::int, ${to}::int) g`.execute(database.db);
      console.log(
        `  ${engine}: ${to.toLocaleString('en')} incidents stored, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    await sql`analyze incident`.execute(database.db);
    const token = await benchToken(database, 'bench-analyst', ['analyst'], NOW);
    const app = await benchApp(database, NOW);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await app.monitoring.worker.stop();
    const encoder = await tileEncoder(database.db);
    const list = tiles();
    const query = WINDOW;
    // The server's own parsing of the same query string: the bare side's filter is the route's.
    const filter = filterFromQuery(Object.fromEntries(new URLSearchParams(query)));
    // Warm both paths (plans, caches), then measure, interleaved so both see the same machine.
    // The bare side: the route's own query, in the same reader's transaction, nothing else.
    const bareTile = (t: { z: number; x: number; y: number }) =>
      asReader(database.db, READER, (trx) => runTileQuery(trx, incidentTileQuery(t, filter, encoder)));
    for (const t of list.slice(0, 20)) {
      await bareTile(t);
      await fetch(`${address}/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.arrayBuffer());
    }
    const server: number[] = [];
    const bare: number[] = [];
    const sizes: number[] = [];
    let bytes = 0;
    let bareBytes = 0;
    // Whichever side reads a tile first finds its pages colder: the sides take turns going first.
    for (const [i, t] of list.entries()) {
      const timeBare = async () => {
        const s = performance.now();
        bareBytes += (await bareTile(t)).byteLength;
        bare.push(performance.now() - s);
      };
      const timeServer = async () => {
        const s = performance.now();
        const res = await fetch(`${address}/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const size = (await res.arrayBuffer()).byteLength;
        server.push(performance.now() - s);
        sizes.push(size);
        bytes += size;
      };
      if (i % 2 === 0) {
        await timeBare();
        await timeServer();
      } else {
        await timeServer();
        await timeBare();
      }
    }
    await app.close();
    const f = (x: number) => x.toFixed(1).padStart(6);
    console.log(
      `\n== ${engine} (${encoder === 'postgis' ? 'ST_AsMVT' : 'JS encoder over PostGIS tile coordinates'}), ${INCIDENTS.toLocaleString('en')} incidents, ${list.length} tiles z${MIN_ZOOM}–z${MAX_ZOOM} (bins below z11), ${query}, mean ${Math.round(bytes / list.length)} bytes/tile (bare ${Math.round(bareBytes / list.length)}), largest ${Math.max(...sizes)} bytes`,
    );
    console.log(`bare query   p50 ${f(pct(bare, 0.5))} ms   p95 ${f(pct(bare, 0.95))} ms`);
    console.log(`via server   p50 ${f(pct(server, 0.5))} ms   p95 ${f(pct(server, 0.95))} ms`);
    console.log(
      `overhead     p50 ${((pct(server, 0.5) / pct(bare, 0.5) - 1) * 100).toFixed(0)} %   p95 ${((pct(server, 0.95) / pct(bare, 0.95) - 1) * 100).toFixed(0)} %  (goal ≤ 30 %)`,
    );
    // The pooled p50 of six zooms sits where z11's tiles end and z10's begin, so a small shift
    // moves it a lot: per zoom, and the overhead of each tile against its own bare query, too.
    const ratios = list.map((_, i) => server[i]! / bare[i]! - 1);
    const added = list.map((_, i) => server[i]! - bare[i]!);
    console.log(
      `per tile     overhead p50 ${(pct(ratios, 0.5) * 100).toFixed(0)} %   p95 ${(pct(ratios, 0.95) * 100).toFixed(0)} %  (server ÷ bare for the same tile)`,
    );
    console.log(
      `per tile     added    p50 ${f(pct(added, 0.5))} ms   p95 ${f(pct(added, 0.95))} ms  (server − bare for the same tile; goal < 2 ms)`,
    );
    for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
      const at = list.flatMap((t, i) => (t.z === z ? [i] : []));
      if (at.length === 0) continue;
      const b = at.map((i) => bare[i]!);
      const v = at.map((i) => server[i]!);
      const kb = at.map((i) => sizes[i]! / 1024);
      console.log(
        `  z${String(z).padEnd(3)} ${String(at.length).padStart(3)} tiles ${z < 11 ? 'bins' : 'incs'}   bare p50 ${f(pct(b, 0.5))} p95 ${f(pct(b, 0.95))} ms   server p50 ${f(pct(v, 0.5))} p95 ${f(pct(v, 0.95))} ms   (p50 ${((pct(v, 0.5) / pct(b, 0.5) - 1) * 100).toFixed(0)} %)   size mean ${f(kb.reduce((a, x) => a + x, 0) / kb.length)} kB max ${f(Math.max(...kb))} kB`,
      );
    }
  } finally {
    await database.close();
    await drop();
  }
}

if (ENGINE === 'pglite' || ENGINE === 'both') await run('pglite');
if (ENGINE === 'postgres' || ENGINE === 'both') await run('postgres');
