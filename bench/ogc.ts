/**
 * OGC API benchmark (issue 20): a whole incident collection paged to its end through
 * GET /ogc/collections/incidents/items (fetch, API token, asReader, row-level security,
 * keyset pages, GeoJSON) against its peer, the same rows as one plain SQL GeoJSON query
 * (ST_AsGeoJSON and json_agg of the same columns, in the same reader's transaction, with no
 * HTTP and no paging). Then the time GDAL's ogr2ogr takes to copy the collection into a
 * GeoPackage through the OAPIF driver, with the token in a header, and the count it copied,
 * at 1,000 features a request and at GDAL 3.6's default of 10.
 *
 * The reader is a USA analyst, who may read every incident made here. Prints figures;
 * asserts nothing.
 *
 *   npx tsx bench/ogc.ts [--incidents 100000] [--limit 10000] [--engine pglite|postgres|both]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { asReader, type GuarantorDatabase, openDatabase } from '../packages/db/src/index.ts';
import { benchApp, benchToken, prepareDemo } from './app.ts';
import { benchFlags, createRunDatabase } from './args.ts';

const flags = benchFlags('npx tsx bench/ogc.ts', {
  incidents: { default: '100000', number: true, help: 'incidents inserted' },
  limit: { default: '10000', number: true, help: 'features per OGC page (the largest the API takes)' },
  engine: { default: 'both', choices: ['pglite', 'postgres', 'both'], help: 'database engine' },
});
const INCIDENTS = Number(flags.incidents);
const LIMIT = Number(flags.limit);
const NOW = new Date('2026-11-27T08:00:00Z');
const READER = { nation: 'USA', coalitionMember: true } as const;

async function run(engine: 'pglite' | 'postgres'): Promise<void> {
  let database: GuarantorDatabase;
  let drop = async () => {};
  if (engine === 'pglite') database = await openDatabase({ memory: true });
  else {
    const created = createRunDatabase('guarantor_bench_ogc');
    database = await openDatabase({ url: created.url });
    drop = async () => created.drop();
  }
  const folder = mkdtempSync(join(tmpdir(), 'bench-ogc-'));
  try {
    await prepareDemo(database, NOW);
    const t0 = performance.now();
    await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
        start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count,
        rel_kind, rel_nations)
      select 'inc-bench-' || g, 'explosion_impact', '{explosion_impact}', 'reported',
        (array['reported','corroborated','verified'])[1 + g % 3],
        st_setsrid(st_makepoint(36 + random() * 3, 47 + random() * 2.5), 4326), 200, 'point',
        timestamptz '2026-11-01' + (g % 25) * interval '1 day', timestamptz '2026-11-01' + (g % 25) * interval '1 day',
        1, 1, 1, 0.7, 1, 1, case when g % 3 = 2 then 'NATIONAL' else 'COALITION' end,
        case when g % 3 = 2 then '{USA}'::text[] else '{}'::text[] end
      from generate_series(1, ${INCIDENTS}::int) g`.execute(database.db);
    await sql`analyze incident`.execute(database.db);
    console.log(
      `  ${engine}: ${INCIDENTS.toLocaleString('en')} incidents stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const token = await benchToken(database, 'bench-analyst', ['analyst'], NOW);
    const app = await benchApp(database, NOW);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await app.monitoring.worker.stop();
    const headers = { authorization: `Bearer ${token}` };

    /** Pages through /ogc to the end: features and seconds. */
    const viaOgc = async () => {
      const start = performance.now();
      let features = 0;
      let pages = 0;
      let next: string | undefined = `${address}/ogc/collections/incidents/items?limit=${LIMIT}`;
      while (next) {
        const body = (await (await fetch(next, { headers })).json()) as {
          features: unknown[];
          links: { rel: string; href: string }[];
        };
        features += body.features.length;
        pages += 1;
        next = body.links.find((l) => l.rel === 'next')?.href;
      }
      return { features, pages, seconds: (performance.now() - start) / 1000 };
    };
    /** The peer: the same rows and fields as one GeoJSON document from SQL, as the same reader. */
    const viaSql = async () => {
      const start = performance.now();
      const text = await asReader(database.db, READER, async (trx) => {
        const r = await sql<{ doc: string }>`
          select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature', 'id', i.id, 'geometry', st_asgeojson(i.geom)::json,
            'properties', json_build_object('category', i.category, 'state', i.state, 'start', i.start_at,
              'end', i.end_at, 'count', i.count_best, 'confidence', i.confidence,
              'releasability', i.rel_kind))
            order by i.start_at desc, i.id), '[]'::json))::text as doc
          from incident i where i.merged_into is null`.execute(trx);
        return r.rows[0]!.doc;
      });
      const features = (JSON.parse(text) as { features: unknown[] }).features.length;
      return { features, seconds: (performance.now() - start) / 1000 };
    };
    // Warm both, then alternate which goes first.
    await viaSql();
    const ogcRuns: number[] = [];
    const sqlRuns: number[] = [];
    let ogcCount = 0;
    let sqlCount = 0;
    let pages = 0;
    for (let i = 0; i < 3; i += 1) {
      let o: Awaited<ReturnType<typeof viaOgc>>;
      let q: Awaited<ReturnType<typeof viaSql>>;
      if (i % 2 === 0) {
        o = await viaOgc();
        q = await viaSql();
      } else {
        q = await viaSql();
        o = await viaOgc();
      }
      ogcRuns.push(o.seconds);
      sqlRuns.push(q.seconds);
      ogcCount = o.features;
      pages = o.pages;
      sqlCount = q.features;
    }
    const best = (xs: number[]) => Math.min(...xs);
    /** ogr2ogr's copy into a GeoPackage through OAPIF: seconds and the count it copied. */
    const copy = async (pageSize?: number) => {
      const gpkg = join(folder, `incidents-${pageSize ?? 'default'}.gpkg`);
      const start = performance.now();
      try {
        await promisify(execFile)(
          'ogr2ogr',
          [
            '-f',
            'GPKG',
            ...(pageSize ? ['-oo', `PAGE_SIZE=${pageSize}`] : []),
            gpkg,
            `OAPIF:${address}/ogc`,
            'incidents',
          ],
          {
            env: { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` },
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        const info = await promisify(execFile)('ogrinfo', ['-ro', '-so', gpkg, 'incidents'], {
          encoding: 'utf8',
        });
        return {
          seconds: (performance.now() - start) / 1000,
          copied: Number(/Feature Count: (\d+)/.exec(info.stdout)?.[1]),
        };
      } catch (error) {
        console.log(`  ogr2ogr did not run: ${(error as Error).message.split('\n')[0]}`);
        return { seconds: Number.NaN, copied: Number.NaN };
      }
    };
    // GDAL 3.6 asks for 10 features a page unless told otherwise (-oo PAGE_SIZE).
    const copies = [await copy(1000), await copy()];
    await app.close();
    console.log(
      `\n== ${engine}, ${INCIDENTS.toLocaleString('en')} incidents, pages of ${LIMIT.toLocaleString('en')} (best of 3)`,
    );
    console.log(
      `through /ogc   ${best(ogcRuns).toFixed(2)} s  ${Math.round(ogcCount / best(ogcRuns)).toLocaleString('en')} features/s  (${ogcCount.toLocaleString('en')} features, ${pages} pages)`,
    );
    console.log(
      `plain SQL      ${best(sqlRuns).toFixed(2)} s  ${Math.round(sqlCount / best(sqlRuns)).toLocaleString('en')} features/s  (${sqlCount.toLocaleString('en')} features, one query)`,
    );
    console.log(`ratio          /ogc takes ${(best(ogcRuns) / best(sqlRuns)).toFixed(2)}× the plain query`);
    for (const [c, label] of [
      [copies[0]!, '-oo PAGE_SIZE=1000'],
      [copies[1]!, "GDAL's default page size (10)"],
    ] as const)
      console.log(
        `ogr2ogr        ${c.seconds.toFixed(2)} s to copy ${Number.isNaN(c.copied) ? '?' : c.copied.toLocaleString('en')} features into a GeoPackage (OAPIF, ${label})`,
      );
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await database.close();
    await drop();
  }
}

if (flags.engine === 'pglite' || flags.engine === 'both') await run('pglite');
if (flags.engine === 'postgres' || flags.engine === 'both') await run('postgres');
