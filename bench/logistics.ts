/**
 * Logistics benchmarks (issue 17), each against a named peer in the same run, on PostgreSQL:
 *
 * 1. Route risk: `--segments` synthetic segments (2–20 km, across Ukraine) against `--incidents`
 *    incidents spread over a year, the rule of ADR 0036 (10 km, 30 days). The product's query
 *    (the incident GiST index searched with each segment's widened box, then the exact spherical
 *    test) against a naive `ST_DWithin` join on geography casts, which no index serves. The
 *    naive join runs on `--naive-sample` segments and is extrapolated (on the full set it would
 *    run for hours); both run on that sample too, and must give the same contributions.
 * 3. Cache (ADR 0048): a grid network of about `--segments` segments against `--incidents`
 *    incidents, read as a coalition nation under row-level security: the risk board computed
 *    afresh on every read (before) against the cache's first read, its reuse, and the first read
 *    after one new incident; and a convoy plan with the risk, parts and graph made per request
 *    (before) against the cached ones (after).
 * 2. Routing: core (ngraph.path: Dijkstra, and A* with the great-circle heuristic) against
 *    pgRouting's `pgr_dijkstra` on the same graph and costs: the illustrative demo network and a
 *    synthetic grid of about `--grid`² × 2 edges (224 → 99,904). Same path costs required.
 *    Skipped, saying why, when pgRouting is not installed (apt-get install postgresql-15-pgrouting).
 *
 *   npx tsx bench/logistics.ts [--segments 20000] [--incidents 1000000] [--naive-sample 200]
 *                              [--grid 224] [--queries 20]
 */
import {
  DEFAULT_RISK_RULE,
  demoRouteLayer,
  importRouteLayer,
  type PlanNode,
  type PlanSegment,
  planConvoy,
  routeGraph,
  shortestPath,
  sphereDistanceM,
} from '@guarantor/core/logistics';
import {
  asReader,
  cachedSegmentRisks,
  type GuarantorDatabase,
  LogisticsCache,
  logisticsReadStamp,
  migrate,
  openDatabase,
  routeNetworkParts,
  segmentRisksSql,
} from '@guarantor/db';
import { sql } from 'kysely';
import { demoPlaces } from '../packages/server/src/routes/logistics.ts';
import { benchFlags, createRunDatabase } from './args.ts';

const flags = benchFlags('npx tsx bench/logistics.ts', {
  segments: { default: '20000', number: true, help: 'route segments for the risk benchmark' },
  incidents: { default: '1000000', number: true, help: 'incidents for the risk benchmark' },
  'naive-sample': { default: '200', number: true, help: 'segments the naive join runs on' },
  grid: { default: '224', number: true, help: 'side of the synthetic routing grid (edges ≈ 2 × side²)' },
  queries: { default: '20', number: true, help: 'shortest-path queries per graph' },
  parts: {
    default: 'risk,routing,cache',
    list: true,
    help: 'which benchmarks to run: risk, routing, cache (risk and planning reads, afresh against cached)',
  },
});
const PARTS = new Set(flags.parts.split(','));
const SEGMENTS = Number(flags.segments);
const INCIDENTS = Number(flags.incidents);
const SAMPLE = Math.min(Number(flags['naive-sample']), SEGMENTS);
const GRID = Number(flags.grid);
const QUERIES = Number(flags.queries);
const NOW = new Date('2026-12-07T00:00:00Z');
const RULE = DEFAULT_RISK_RULE;
const CHUNK = 100_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => `${ms.toFixed(2)} ms`;
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

/** A deterministic generator, so both peers and every run see the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` incidents spread over a year and Ukraine's box, in chunks, labelled COALITION. */
async function loadIncidents(db: GuarantorDatabase['db'], count: number): Promise<void> {
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
        start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
        rel_kind, rel_nations)
      select 'inc-lg-' || g, c, array[c], 'reported',
        (array['reported','corroborated','verified','attributed','dismissed'])[1 + (g * 7) % 5],
        st_setsrid(st_makepoint(23 + ((g * 7919) % 160000) / 10000.0, 45 + ((g * 104729) % 70000) / 10000.0), 4326),
        200, 'point', ${NOW}::timestamptz - ((g % 365) * interval '1 day'), ${NOW}::timestamptz - ((g % 365) * interval '1 day'),
        1, 1, 1, 0.7, 1, 1, 'COALITION', '{}'
      from generate_series(${from}::bigint, ${to}::bigint) g,
           lateral (select (array['explosion_impact','uav_overflight','burst_and_shots','troop_movement','other'])[1 + g % 5] as c) k`.execute(
      db,
    );
  }
}

async function riskBenchmark(database: GuarantorDatabase): Promise<void> {
  const db = database.db;
  console.log(
    `\n== Route risk: ${SEGMENTS.toLocaleString('en')} segments × ${INCIDENTS.toLocaleString('en')} incidents (PostgreSQL)`,
  );
  const [, loadMs] = await timed(async () => {
    await loadIncidents(db, INCIDENTS);
    const net = await sql<{ id: number | string }>`
      insert into route_network (name, kind, illustrative, tolerance_m, report, created_by, created_at, rel_kind)
      values ('bench segments', 'import', true, 0, '{}', 'bench', ${NOW}, 'COALITION') returning id`.execute(
      db,
    );
    const netId = Number(net.rows[0]!.id);
    // Two nodes per segment; segments 2–20 km long in a random direction, across Ukraine's box.
    await sql`
      with s as (
        select g, 23 + ((g * 7919) % 1600) / 100.0 as lng, 45 + ((g * 6151) % 700) / 100.0 as lat,
               radians((g * 37) % 360) as dir, (2 + (g * 13) % 19) / 111.0 as len
        from generate_series(1, ${SEGMENTS}::bigint) g
      ), a as (
        insert into route_node (network_id, geom, rel_kind) select ${netId}, st_setsrid(st_makepoint(lng, lat), 4326), 'COALITION' from s order by g returning id
      ), b as (
        insert into route_node (network_id, geom, rel_kind)
        select ${netId}, st_setsrid(st_makepoint(lng + len * cos(dir) / cos(radians(lat)), lat + len * sin(dir)), 4326), 'COALITION' from s order by g returning id
      )
      select 1`.execute(db);
    await sql`
      with n as (select id, geom, row_number() over (order by id) as k from route_node where network_id = ${netId})
      insert into route_segment (network_id, from_node, to_node, geom, length_m, rel_kind)
      select ${netId}, a.id, b.id, st_makeline(a.geom, b.geom), st_length(st_makeline(a.geom, b.geom)::geography, false), 'COALITION'
      from n a join n b on b.k = a.k + ${SEGMENTS}
      where a.k <= ${SEGMENTS}`.execute(db);
    await sql`analyze incident`.execute(db);
    await sql`analyze route_segment`.execute(db);
  });
  const netId = Number(
    (await sql<{ id: number }>`select max(id) as id from route_network`.execute(db)).rows[0]!.id,
  );
  console.log(`  loaded in ${seconds(loadMs)}`);
  const since = new Date(NOW.getTime() - RULE.days * 86_400_000);

  const [full, fullMs] = await timed(() => segmentRisksSql(db, `net-${netId}`, RULE, NOW));
  const scored = [...full!.scores.values()].filter((s) => s > 0).length;
  console.log(
    `  indexed (product): ${seconds(fullMs)} for all ${SEGMENTS.toLocaleString('en')} segments; ${full!.contributions.length.toLocaleString('en')} contributions, ${scored.toLocaleString('en')} segments scored`,
  );

  const sample = (
    await sql<{ id: number | string }>`
    select id from route_segment where network_id = ${netId} order by id limit ${SAMPLE}`.execute(db)
  ).rows.map((r) => Number(r.id));
  const naiveQuery = () =>
    sql<{ segment_id: number | string; incident_id: string }>`
      select s.id as segment_id, i.id as incident_id
      from route_segment s join incident i
        on st_dwithin(s.geom::geography, i.geom::geography, ${RULE.radiusKm * 1000}::float8, false)
      where s.id = any(${sample}::bigint[]) and i.merged_into is null and i.state <> 'dismissed'
        and i.end_at >= ${since} and i.start_at <= ${NOW}`.execute(db);
  const indexedSampleQuery = () =>
    sql<{ segment_id: number | string; incident_id: string }>`
      select s.id as segment_id, i.id as incident_id
      from incident i join route_segment s
        on s.geom && st_expand(i.geom, ${RULE.radiusKm / 55}::float8, ${RULE.radiusKm / 110}::float8)
      where s.id = any(${sample}::bigint[]) and i.merged_into is null and i.state <> 'dismissed'
        and i.end_at >= ${since} and i.start_at <= ${NOW}
        and st_dwithin(s.geom::geography, i.geom::geography, ${RULE.radiusKm * 1000}::float8, false)`.execute(
      db,
    );
  const [naive, naiveMs] = await timed(naiveQuery);
  const [indexed, indexedMs] = await timed(indexedSampleQuery);
  const key = (rows: { segment_id: number | string; incident_id: string }[]) =>
    rows
      .map((r) => `${r.segment_id}/${r.incident_id}`)
      .sort()
      .join(',');
  const same = key(naive.rows) === key(indexed.rows);
  console.log(
    `  on ${SAMPLE} segments: naive ST_DWithin(geography) join ${seconds(naiveMs)}, indexed ${seconds(indexedMs)} (${(naiveMs / Math.max(indexedMs, 0.001)).toFixed(0)}×); same ${naive.rows.length} contributions: ${same ? 'yes' : 'NO'}`,
  );
  console.log(
    `  naive extrapolated to ${SEGMENTS.toLocaleString('en')} segments: about ${seconds((naiveMs * SEGMENTS) / SAMPLE)} (the indexed query took ${seconds(fullMs)})`,
  );
  if (!same) process.exitCode = 1;
}

async function cacheBenchmark(database: GuarantorDatabase): Promise<void> {
  const db = database.db;
  const side = Math.max(2, Math.round(Math.sqrt(SEGMENTS / 2)));
  console.log(
    `\n== Cache: a ${side}×${side} grid (${(2 * side * (side - 1)).toLocaleString('en')} segments) × ${INCIDENTS.toLocaleString('en')} incidents, read as FRA under row-level security`,
  );
  const [, loadMs] = await timed(async () => {
    const have = Number(
      (await sql<{ n: number | string }>`select count(*) as n from incident`.execute(db)).rows[0]!.n,
    );
    if (have === 0) await loadIncidents(db, INCIDENTS);
    const net = await sql<{ id: number | string }>`
      insert into route_network (name, kind, illustrative, tolerance_m, report, created_by, created_at, rel_kind)
      values ('bench grid', 'import', true, 0, '{}', 'bench', ${NOW}, 'COALITION') returning id`.execute(db);
    const netId = Number(net.rows[0]!.id);
    // Nodes over Ukraine's box in row order, so node k is at (k mod side, k div side).
    await sql`
      insert into route_node (network_id, geom, rel_kind)
      select ${netId}, st_setsrid(st_makepoint(23 + (g % ${side}) * 16.0 / ${side}, 45 + (g / ${side}) * 7.0 / ${side}), 4326), 'COALITION'
      from generate_series(0, ${side * side - 1}::bigint) g order by g`.execute(db);
    await sql`
      with n as (select id, geom, row_number() over (order by id) - 1 as k from route_node where network_id = ${netId})
      insert into route_segment (network_id, from_node, to_node, geom, length_m, rel_kind)
      select ${netId}, a.id, b.id, st_makeline(a.geom, b.geom), st_length(st_makeline(a.geom, b.geom)::geography, false), 'COALITION'
      from n a join n b on (b.k = a.k + 1 and a.k % ${side} < ${side - 1}) or b.k = a.k + ${side}`.execute(
      db,
    );
    await sql`analyze incident`.execute(db);
    await sql`analyze route_segment`.execute(db);
    return netId;
  });
  const netId = `net-${Number((await sql<{ id: number }>`select max(id) as id from route_network`.execute(db)).rows[0]!.id)}`;
  console.log(`  loaded in ${seconds(loadMs)}`);
  const reader = { nation: 'FRA', coalitionMember: true };
  const cache = new LogisticsCache();
  // Reads of "now" as the product makes them: the clock moves on a little between reads.
  let clock = NOW.getTime();
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  const fresh = () => asReader(db, reader, (trx) => segmentRisksSql(trx, netId, RULE, now()));
  const cached = () =>
    asReader(db, reader, (trx) => {
      const at = now();
      return cachedSegmentRisks(trx, cache, netId, RULE, at, at.getTime());
    });
  const [a, freshMs] = await timed(fresh);
  const [b, firstMs] = await timed(cached);
  let reuseMs = 0;
  for (let k = 0; k < 5; k++) reuseMs += (await timed(cached))[1];
  const same =
    [...a!.scores].every(([id, v]) => b!.scores.get(id) === v) &&
    a!.contributions.length === b!.contributions.length;
  await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
      start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count, rel_kind)
    values ('inc-bench-new', 'explosion_impact', array['explosion_impact'], 'reported', 'verified',
      st_setsrid(st_makepoint(30.5, 48.5), 4326), 100, 'point', ${NOW}, ${NOW}, 1, 1, 1, 0.9, 1, 1, 'COALITION')`.execute(
    db,
  );
  const [c, afterMs] = await timed(cached);
  const raised = [...c!.scores].some(([id, v]) => v > (b!.scores.get(id) ?? 0));
  console.log(
    `  risk board: afresh ${seconds(freshMs)} per read; cached: first read ${seconds(firstMs)}, then ${msText(reuseMs / 5)} per read; first read after a new incident ${seconds(afterMs)} (raised a score: ${raised ? 'yes' : 'NO'}); same scores and contributions as afresh: ${same ? 'yes' : 'NO'}`,
  );
  if (!same || !raised) process.exitCode = 1;

  // Planning: before, every plan read the parts, computed risk and built the graph.
  const random = rng(5);
  const pairs: [number, number][] = Array.from({ length: QUERIES }, () => [
    Math.floor(random() * side * side),
    Math.floor(random() * side * side),
  ]);
  const nodeIds = (
    await sql<{
      id: number | string;
    }>`select id from route_node where network_id = ${Number(netId.slice(4))} order by id`.execute(db)
  ).rows.map((r) => `node-${r.id}`);
  const plan = (
    graph: ReturnType<typeof routeGraph>,
    risks: ReadonlyMap<string, number>,
    q: [number, number],
  ) =>
    planConvoy(graph, {
      from: nodeIds[q[0]]!,
      to: nodeIds[q[1]]!,
      maxRisk: 6,
      departMs: NOW.getTime(),
      speedKmh: 40,
      risks,
    });
  let beforeMs = 0;
  const afterPlanMs: number[] = [];
  let equal = 0;
  for (const q of pairs) {
    const [p1, t1] = await timed(() =>
      asReader(db, reader, async (trx) => {
        const parts = (await routeNetworkParts(trx, netId))!;
        const risk = (await segmentRisksSql(trx, netId, RULE, NOW))!;
        const graph = routeGraph(
          parts.nodes,
          parts.segments.map((s) => ({ id: s.id, from: s.from, to: s.to, lengthM: s.lengthM, risk: 0 })),
        );
        return plan(graph, risk.scores, q);
      }),
    );
    const [p2, t2] = await timed(() =>
      asReader(db, reader, async (trx) => {
        const stamp = await logisticsReadStamp(trx);
        const risk = (await cachedSegmentRisks(trx, cache, netId, RULE, NOW, NOW.getTime(), stamp, false))!;
        const graph = await cache.remember(
          `plan|${stamp.visibility}|${netId}`,
          `${stamp.versions.segments}:${stamp.versions.planRules}`,
          async () => {
            const parts = (await routeNetworkParts(trx, netId))!;
            return routeGraph(
              parts.nodes,
              parts.segments.map((s) => ({ id: s.id, from: s.from, to: s.to, lengthM: s.lengthM, risk: 0 })),
            );
          },
        );
        return plan(graph, risk.scores, q);
      }),
    );
    beforeMs += t1;
    afterPlanMs.push(t2);
    if ((p1.route?.lengthM ?? -1) === (p2.route?.lengthM ?? -1)) equal++;
  }
  const rest = afterPlanMs.slice(1);
  console.log(
    `  convoy plan (${QUERIES} queries): before ${seconds(beforeMs / QUERIES)} per plan (parts, risk and graph each time); after: the first ${seconds(afterPlanMs[0]!)} (it fills the graph), then ${rest.length === 0 ? 'n/a' : msText(rest.reduce((x, y) => x + y, 0) / rest.length)} per plan; same route length on ${equal}/${QUERIES}`,
  );
  if (equal !== QUERIES) process.exitCode = 1;
}

async function routingPeers(
  database: GuarantorDatabase,
  name: string,
  nodes: PlanNode[],
  segments: PlanSegment[],
  queries: [string, string][],
) {
  const db = database.db;
  const nodeNo = new Map(nodes.map((n, i) => [n.id, i + 1]));
  await sql`drop table if exists bench_edges`.execute(db);
  await sql`create table bench_edges (id bigint primary key, source bigint, target bigint, cost float8, reverse_cost float8)`.execute(
    db,
  );
  for (let i = 0; i < segments.length; i += 20_000) {
    const part = segments.slice(i, i + 20_000);
    await sql`insert into bench_edges select * from unnest(
        ${part.map((_, k) => i + k + 1)}::bigint[], ${part.map((s) => nodeNo.get(s.from)!)}::bigint[],
        ${part.map((s) => nodeNo.get(s.to)!)}::bigint[], ${part.map((s) => s.lengthM)}::float8[], ${part.map((s) => s.lengthM)}::float8[])`.execute(
      db,
    );
  }
  const [g, buildMs] = await timed(async () => routeGraph(nodes, segments));
  let coreD = 0;
  let coreA = 0;
  let pgMs = 0;
  let agree = 0;
  for (const [from, to] of queries) {
    const t0 = performance.now();
    const d = shortestPath(g, from, to, { heuristic: 'none' });
    const t1 = performance.now();
    const a = shortestPath(g, from, to, { heuristic: 'distance' });
    const t2 = performance.now();
    const pg = await sql<{ agg_cost: number }>`
      select agg_cost from pgr_dijkstra('select id, source, target, cost, reverse_cost from bench_edges',
        ${nodeNo.get(from)!}::bigint, ${nodeNo.get(to)!}::bigint, true) order by seq desc limit 1`.execute(
      db,
    );
    const t3 = performance.now();
    coreD += t1 - t0;
    coreA += t2 - t1;
    pgMs += t3 - t2;
    const pc = pg.rows[0] ? Number(pg.rows[0].agg_cost) : undefined;
    const ok = (x: number | undefined) =>
      x === undefined ? pc === undefined : pc !== undefined && Math.abs(x - pc) <= 1e-9 * Math.max(1, pc);
    if (ok(d?.cost) && ok(a?.cost)) agree++;
  }
  const n = queries.length;
  console.log(
    `  ${name}: ${nodes.length.toLocaleString('en')} nodes, ${segments.length.toLocaleString('en')} edges; core graph built once in ${msText(buildMs)}`,
  );
  console.log(
    `    per query: core Dijkstra ${msText(coreD / n)}, core A* ${msText(coreA / n)}, pgr_dijkstra ${msText(pgMs / n)} (reads the edge table each query, as pgRouting does); same path cost on ${agree}/${n} queries`,
  );
  if (agree !== n) process.exitCode = 1;
}

/** `--queries` pairs of distinct nodes (pgr_dijkstra answers no row from a node to itself). */
function pairsOf(nodes: readonly PlanNode[], random: () => number): [string, string][] {
  const pairs: [string, string][] = [];
  while (pairs.length < QUERIES) {
    const a = nodes[Math.floor(random() * nodes.length)]!.id;
    const b = nodes[Math.floor(random() * nodes.length)]!.id;
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}

async function routingBenchmark(database: GuarantorDatabase): Promise<void> {
  console.log('\n== Routing: core (ngraph.path) against pgRouting pgr_dijkstra, same graph and costs');
  try {
    await sql`create extension if not exists pgrouting`.execute(database.db);
  } catch (error) {
    console.log(
      `  skipped: pgRouting is not available (${(error as Error).message}); apt-get install -y postgresql-15-pgrouting`,
    );
    return;
  }
  const random = rng(17);
  // The illustrative demo network (straight segments between real places; no road file offline).
  const demo = importRouteLayer(demoRouteLayer(demoPlaces()), { toleranceM: 100 });
  if (demo.ok) {
    const nodes = demo.nodes.map((n) => ({ id: `n${n.index}`, position: n.position }));
    const segments = demo.segments.map((s, i) => ({
      id: `s${i}`,
      from: `n${s.from}`,
      to: `n${s.to}`,
      lengthM: s.lengthM,
      risk: 0,
    }));
    await routingPeers(database, 'demo network (illustrative)', nodes, segments, pairsOf(nodes, random));
  }
  // A grid over Ukraine's box; each edge's cost is its great-circle length × 1–1.5, so A* stays exact.
  const nodes: PlanNode[] = [];
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++)
      nodes.push({ id: `g${x}_${y}`, position: [23 + (x * 16) / GRID, 45 + (y * 7) / GRID] });
  const segments: PlanSegment[] = [];
  const at = (x: number, y: number) => nodes[y * GRID + x]!;
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++) {
      for (const [nx, ny] of [
        [x + 1, y],
        [x, y + 1],
      ] as const) {
        if (nx >= GRID || ny >= GRID) continue;
        const a = at(x, y);
        const b = at(nx, ny);
        segments.push({
          id: `e${segments.length}`,
          from: a.id,
          to: b.id,
          lengthM: sphereDistanceM(a.position, b.position) * (1 + random() * 0.5),
          risk: 0,
        });
      }
    }
  await routingPeers(database, `synthetic grid ${GRID}×${GRID}`, nodes, segments, pairsOf(nodes, random));
}

const run = createRunDatabase('guarantor_bench_logistics');
const database = await openDatabase({ url: run.url });
try {
  await migrate(database.db);
  console.log(
    `Logistics benchmark on ${run.name} (PostgreSQL ${(await sql<{ server_version: string }>`show server_version`.execute(database.db)).rows[0]!.server_version})`,
  );
  if (PARTS.has('risk')) await riskBenchmark(database);
  if (PARTS.has('routing')) await routingBenchmark(database);
  if (PARTS.has('cache')) await cacheBenchmark(database);
} finally {
  await database.close();
  run.drop();
}
