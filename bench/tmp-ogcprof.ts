import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { asReader, listIncidents, openDatabase } from '/work/main/packages/db/src/index.ts';
import { benchApp, benchToken, prepareDemo } from '/work/main/bench/app.ts';
const NOW = new Date('2026-11-27T08:00:00Z');
const database = await openDatabase({ memory: true });
await prepareDemo(database, NOW);
await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
    start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count, rel_kind, rel_nations)
  select 'inc-bench-' || g, 'explosion_impact', '{explosion_impact}', 'reported', 'reported',
    st_setsrid(st_makepoint(36 + random() * 3, 47 + random() * 2.5), 4326), 200, 'point',
    timestamptz '2026-11-01' + (g % 25) * interval '1 day', timestamptz '2026-11-01' + (g % 25) * interval '1 day',
    1, 1, 1, 0.7, 1, 1, 'COALITION', '{}'::text[] from generate_series(1, 20000) g`.execute(database.db);
const token = await benchToken(database, 'bench-analyst', ['analyst'], NOW);
const app = await benchApp(database, NOW);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
await app.monitoring.worker.stop();
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const page = await asReader(database.db, { nation: 'USA', coalitionMember: true }, (trx) => listIncidents(trx, {}, { limit: 10000 }));
  const tDb = performance.now() - t;
  t = performance.now();
  const r = await fetch(`${address}/ogc/collections/incidents/items?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
  const txt = await r.text();
  const tOgc = performance.now() - t;
  t = performance.now();
  const r2 = await fetch(`${address}/api/incidents?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  await r2.text();
  const tApi = performance.now() - t;
  console.log(`listIncidents 10k ${tDb.toFixed(0)} ms; /ogc 10k ${tOgc.toFixed(0)} ms (${(txt.length/1e6).toFixed(1)} MB); /api/incidents 1k ${tApi.toFixed(0)} ms`, page.incidents.length);
}
await app.close(); await database.close();
