/**
 * Public page benchmark (issue 18): requests/s and p50/p99 latency of the public transparency
 * page (GET /api/public/transparency, and the HTML page /public) with 200 concurrent clients
 * (autocannon), with and without the cache, in one run:
 *   - no cache: PUBLIC_CACHE_SECONDS=0, every request reads the store as guarantor_anon and
 *     renders (the peer: what the page costs without Guarantor's caching);
 *   - server cache: PUBLIC_CACHE_SECONDS=30, the same body from memory;
 *   - revalidation: the server cache and the client sending If-None-Match (a 304, no body).
 * The store holds the demo scenario and zones, plus `--flows` PUBLIC flows over 40 donors and
 * 12 DAC sectors. Prints figures; asserts nothing. The machine is shared: figures vary with load.
 *
 *   npx tsx bench/public.ts [--flows 20000] [--seconds 10] [--connections 200] [--engine pglite|postgres]
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { parseIatiActivities } from '../packages/core/src/finance/index.ts';
import { openDatabase, replaceIatiFlows, seedDemoZones } from '../packages/db/src/index.ts';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { prepareDemo } from './app.ts';
import { benchFlags, createRunDatabase } from './args.ts';
import { syntheticIati } from './iati-data.ts';

const flags = benchFlags('npx tsx bench/public.ts', {
  flows: { default: '20000', number: true, help: 'PUBLIC flows in the store' },
  seconds: { default: '10', number: true, help: 'seconds per run' },
  connections: { default: '200', number: true, help: 'concurrent clients' },
  engine: { default: 'pglite', choices: ['pglite', 'postgres'], help: 'database engine' },
});
const NOW = new Date('2026-11-27T08:00:00Z');
const target =
  flags.engine === 'postgres'
    ? { url: createRunDatabase('guarantor_bench_public').url }
    : { memory: true as const };
const database = await openDatabase(target);
await prepareDemo(database, NOW);
await seedDemoZones(database.db, NOW);
const read = parseIatiActivities(syntheticIati(0, Number(flags.flows), false));
if (read.problems.length > 0) throw new Error(`bench file: ${read.problems[0]!.reason}`);
await database.db.transaction().execute((trx) =>
  replaceIatiFlows(
    trx,
    'bench',
    { donors: read.donors, flows: read.flows, skipped: 0, overCommitted: [] },
    {
      actor: { username: 'bench', nation: null },
      label: { kind: 'PUBLIC' },
      at: NOW,
      sourceDocument: 'bench',
      overCommitmentReason: null,
    },
  ),
);
console.log(
  `public page benchmark: ${read.flows.length} PUBLIC flows on ${database.engine}, ${flags.connections} clients, ${flags.seconds} s per run; shared machine, figures vary with its load`,
);

interface Row {
  run: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  kb: number;
  /** Median of five sequential requests, one client. */
  oneMs: number;
}
const rows: Row[] = [];
// The uncached run goes last: its requests still being computed when autocannon stops would
// otherwise hold the event loop and the database during the cached runs.
for (const [run, cacheSeconds, revalidate] of [
  ['server cache + 304', '30', true],
  ['server cache', '30', false],
  ['no cache', '0', false],
] as const) {
  const app = await createApp({
    database,
    clock: { now: () => NOW },
    config: loadConfig({ LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent', PUBLIC_CACHE_SECONDS: cacheSeconds }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  for (const path of ['/api/public/transparency', '/public']) {
    const first = await fetch(`${base}${path}`);
    const etag = first.headers.get('etag') ?? '';
    const size = (await first.arrayBuffer()).byteLength;
    // One client, one request at a time: what a single page costs in this mode.
    const serial: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await (
        await fetch(`${base}${path}`, { headers: revalidate ? { 'if-none-match': etag } : {} })
      ).arrayBuffer();
      serial.push(performance.now() - started);
    }
    serial.sort((a, b) => a - b);
    const result = await autocannon({
      url: `${base}${path}`,
      connections: Number(flags.connections),
      duration: Number(flags.seconds),
      timeout: 20,
      headers: revalidate ? { 'if-none-match': etag } : {},
    });
    rows.push({
      run,
      path,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: revalidate ? result.non2xx - result['3xx'] : result.non2xx,
      kb: size / 1024,
      oneMs: serial[2]!,
    });
  }
  await app.close();
}
await database.close();
console.log(
  '\n| run | path | one client, ms | requests/s (200 clients) | p50 ms | p99 ms | errors and timeouts (20 s) | unexpected status | body kB |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| ${r.run} | ${r.path} | ${r.oneMs.toFixed(1)} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.kb.toFixed(1)} |`,
  );
