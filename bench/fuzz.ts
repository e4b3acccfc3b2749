/**
 * The long fuzz run (issue 12): every write route, requests derived from its OpenAPI schemas
 * (test/support/fuzz.ts, the generator `npm test` runs 25 cases per route of), as a user with
 * every role, on an in-memory database with the demo scenario. Prints per-route counts, status
 * classes and every 5xx with the request that caused it.
 *
 *   CASES=50000 DURATION_S=1800 npx tsx bench/fuzz.ts
 *
 * CASES: requests per route to aim for (default 50,000). DURATION_S: stop after this long even
 * if not every route reached CASES (default: no limit). BATCH: requests per route per round
 * (default 200); rounds go over every route, so the counts stay level. SEED: the first seed.
 * SHARD=k/n: only every n-th route from the k-th (0-based), so n processes (one per core) share
 * the routes; each shard has its own in-memory database. Add the shards' figures up.
 * Exit status 1 when a 5xx was seen or the audit chain stopped verifying. The first 200 5xx are
 * printed with their requests; the count covers all.
 */

import fc from 'fast-check';
import { openApiHarness } from '../test/support/api.ts';
import { testEngines } from '../test/support/databases.ts';
import {
  auditIntact,
  FUZZER,
  fuzzSession,
  fuzzTargets,
  knownIds,
  type ServerError,
  send,
} from '../test/support/fuzz.ts';
import { HOSTILE_TEXT } from '../test/support/json-schema-arbitrary.ts';

const CASES = Number(process.env['CASES'] ?? 50_000);
const DURATION_S = Number(process.env['DURATION_S'] ?? Number.POSITIVE_INFINITY);
const BATCH = Number(process.env['BATCH'] ?? 200);
const SEED = Number(process.env['SEED'] ?? Date.now() % 1_000_000_000);

const engine = (await testEngines()).find((e) => e.name === 'pglite')!;
const api = await openApiHarness(engine, {
  now: new Date('2026-11-27T08:00:00Z'),
  users: [FUZZER],
  env: { LOGIN_RATE_PER_MINUTE: '100000000', LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent' },
});
await api.app.ready();
const session = await fuzzSession(api);
const shard = /^(\d+)\/(\d+)$/.exec(process.env['SHARD'] ?? '0/1');
if (!shard || Number(shard[1]) >= Number(shard[2]))
  throw new Error('SHARD must be k/n with 0 <= k < n, e.g. 0/2');
const [shardIndex, shardCount] = [Number(shard[1]), Number(shard[2])];
const targets = fuzzTargets(api.app, await knownIds(api)).filter((_, i) => i % shardCount === shardIndex);
const started = performance.now();
const deadline = started + DURATION_S * 1000;
const counts = new Map<string, Map<string, number>>(targets.map((t) => [t.key, new Map()]));
const errors: ServerError[] = [];
let auditBroken: string | undefined;

console.log(
  `fuzz${shardCount > 1 ? ` shard ${shardIndex}/${shardCount}` : ''}: ${targets.length} write routes, aiming at ${CASES} cases each, seed ${SEED}, HOSTILE_TEXT=${HOSTILE_TEXT}` +
    (Number.isFinite(DURATION_S) ? `, stopping after ${DURATION_S} s` : ''),
);
const total = () => [...counts.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);
const done = (key: string) => [...counts.get(key)!.values()].reduce((a, b) => a + b, 0);

for (let round = 0; performance.now() < deadline; round++) {
  const open = targets.filter((t) => done(t.key) < CASES);
  if (open.length === 0) break;
  for (const [i, target] of open.entries()) {
    if (performance.now() >= deadline) break;
    const n = Math.min(BATCH, CASES - done(target.key));
    const requests = fc.sample(target.requests, { numRuns: n, seed: SEED + round * 1000 + i });
    const byClass = counts.get(target.key)!;
    for (const request of requests) {
      const res = await send(api.app, session, request);
      const cls = `${Math.floor(res.statusCode / 100)}xx`;
      byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
      if (res.statusCode >= 500) {
        const e = { route: target.key, request, status: res.statusCode, body: res.body.slice(0, 500) };
        errors.push(e);
        if (errors.length <= 200)
          console.log(`5xx ${e.route}: ${e.status} ${e.body}\n  request: ${JSON.stringify(e.request)}`);
      }
    }
  }
  // A request can leave the database session unusable (it happened once: SQLSTATE 25P02,
  // "current transaction is aborted", after which every request got 500): say so and stop.
  const audit = await auditIntact(api).catch((error: unknown) => ({
    ok: false,
    reason: `verifying threw ${(error as { code?: string }).code ?? ''} ${(error as Error).message}`,
  }));
  if (!audit.ok) {
    auditBroken = audit.reason;
    console.log(`the audit chain no longer verifies after round ${round}: ${audit.reason}`);
    break;
  }
  const s = Math.round((performance.now() - started) / 1000);
  console.log(`round ${round}: ${total()} cases in ${s} s (${Math.round(total() / Math.max(s, 1))}/s)`);
}

const seconds = (performance.now() - started) / 1000;
console.log(`\nroute\tcases\t2xx\t4xx\t5xx`);
for (const t of targets) {
  const m = counts.get(t.key)!;
  console.log(`${t.key}\t${done(t.key)}\t${m.get('2xx') ?? 0}\t${m.get('4xx') ?? 0}\t${m.get('5xx') ?? 0}`);
}
const perRoute = targets.map((t) => done(t.key));
console.log(
  `\nfuzz: ${total()} cases over ${targets.length} write routes in ${Math.round(seconds)} s; per route min ${Math.min(...perRoute)}, max ${Math.max(...perRoute)}; ${errors.length} 5xx; audit chain ${auditBroken ? `BROKEN (${auditBroken})` : 'verifies'}`,
);
await api.close();
process.exit(errors.length > 0 || auditBroken ? 1 : 0);
