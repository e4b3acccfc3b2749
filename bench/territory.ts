/**
 * Territory benchmark (issue 17): the geodesic area of the two shared DeepStateMap occupied-area
 * files and the change between them (gained, lost), in core against PostGIS in the same run,
 * time and agreement.
 *
 * - Core: the file read by `readControlAreas`, then `unionOfParts` + `geodesicAreaKm2` for the
 *   area and `controlChange` (turf's clipping, core's area on the ellipsoid) for the change.
 * - PostGIS: the same parts stored once as the product stores them (`ST_MakeValid`, polygons
 *   only, one MultiPolygon), then `ST_Area(geom::geography)` and `ST_Difference` both ways with
 *   `ST_Area` on geography, the query `controlAreaChange` runs. Storing is not timed; neither is
 *   core's reading of the file.
 *
 * Each side runs once untimed, then `--runs` times; medians are printed. Prints figures; asserts
 * nothing. The test `packages/db/src/control-areas.test.ts` holds the 0.1% agreement.
 *
 *   node --import tsx bench/territory.ts [--runs 5] [--engine pglite|postgres|both]
 */
import { readFileSync } from 'node:fs';
import { controlChange, geodesicAreaKm2, readControlAreas, unionOfParts } from '@guarantor/core/territory';
import { sql } from 'kysely';
import { type GuarantorDatabase, openDatabase } from '../packages/db/src/index.ts';
import { sharedData } from '../test/support/shared-data.ts';
import { benchFlags, createRunDatabase } from './args.ts';

const flags = benchFlags('node --import tsx bench/territory.ts', {
  runs: { default: '5', number: true, help: 'timed runs per side' },
  engine: { default: 'both', choices: ['pglite', 'postgres', 'both'], help: 'database engine for PostGIS' },
});
const RUNS = Number(flags.runs);

const FILES = [
  sharedData('frontline/deepstatemap_occupied_20250102.geojson', 'DeepStateMap occupied area, 2025-01-02'),
  sharedData('frontline/deepstatemap_occupied_20260822.geojson', 'DeepStateMap occupied area, 2026-08-22'),
];
const missing = FILES.find((f) => f.skip);
if (missing) {
  console.log(`skipped: ${missing.skip}`);
  process.exit(0);
}

const parts = FILES.map((f) =>
  readControlAreas(JSON.parse(readFileSync(f.path, 'utf8'))).parts.map((p) => p.geometry),
);
const positions = parts.map((ps) => ps.reduce((n, p) => n + p.coordinates.flat(2).length, 0));

async function timed<T>(work: () => T | Promise<T>): Promise<[T, number]> {
  await work();
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [result, times[Math.floor(times.length / 2)]!];
}

const km2 = (v: number) => `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })} km²`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const rel = (a: number, b: number) => `${((Math.abs(a - b) / b) * 100).toExponential(1)} %`;

console.log(
  `Territory benchmark: ${FILES.map((f, i) => `${f.path.split('/').at(-1)} (${positions[i]!.toLocaleString('en-GB')} positions)`).join(', ')}; median of ${RUNS} runs`,
);

const [coreAreas, coreAreaMs] = await timed(() => parts.map((ps) => geodesicAreaKm2(unionOfParts(ps))));
const [coreChange, coreChangeMs] = await timed(() => controlChange(parts[0]!, parts[1]!));

async function postgis(database: GuarantorDatabase) {
  await sql`create extension if not exists postgis`.execute(database.db);
  await sql`create temporary table bench_area (n int primary key, geom geometry(MultiPolygon, 4326))`.execute(
    database.db,
  );
  for (const [n, ps] of parts.entries()) {
    const multi = { type: 'MultiPolygon', coordinates: ps.flatMap((p) => p.coordinates) };
    await sql`insert into bench_area values (${n}, st_multi(st_unaryunion(st_collectionextract(st_makevalid(st_setsrid(st_geomfromgeojson(${JSON.stringify(multi)}), 4326)), 3))))`.execute(
      database.db,
    );
  }
  const [areas, areaMs] = await timed(async () => {
    const r = await sql<{
      km2: number;
    }>`select st_area(geom::geography) / 1e6 as km2 from bench_area order by n`.execute(database.db);
    return r.rows.map((row) => Number(row.km2));
  });
  const [change, changeMs] = await timed(async () => {
    const r = await sql<{ gained: number; lost: number }>`
      with a as (select geom from bench_area where n = 0), b as (select geom from bench_area where n = 1)
      select st_area(st_difference(b.geom, a.geom)::geography) / 1e6 as gained,
             st_area(st_difference(a.geom, b.geom)::geography) / 1e6 as lost from a, b`.execute(database.db);
    return { gained: Number(r.rows[0]!.gained), lost: Number(r.rows[0]!.lost) };
  });
  return { areas, areaMs, change, changeMs };
}

const engines: { name: string; open: () => Promise<GuarantorDatabase>; done?: () => void }[] = [];
if (flags.engine !== 'postgres') engines.push({ name: 'PGlite', open: () => openDatabase({ memory: true }) });
if (flags.engine !== 'pglite') {
  const run = createRunDatabase('guarantor_bench_territory');
  engines.push({ name: 'PostgreSQL', open: () => openDatabase({ url: run.url }), done: run.drop });
}

for (const engine of engines) {
  const database = await engine.open();
  try {
    const p = await postgis(database);
    console.log(`\n== core against PostGIS on ${engine.name}\n`);
    console.log('| measure | core | PostGIS | difference | core time | PostGIS time |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const i of [0, 1]) {
      console.log(
        `| area, ${FILES[i]!.path.split('_').at(-1)!.slice(0, 8)} | ${km2(coreAreas[i]!)} | ${km2(p.areas[i]!)} | ${rel(coreAreas[i]!, p.areas[i]!)} | ${i === 0 ? `${ms(coreAreaMs)} (both)` : ''} | ${i === 0 ? `${ms(p.areaMs)} (both)` : ''} |`,
      );
    }
    console.log(
      `| gained | ${km2(coreChange.gainedKm2)} | ${km2(p.change.gained)} | ${rel(coreChange.gainedKm2, p.change.gained)} | ${ms(coreChangeMs)} (both ways) | ${ms(p.changeMs)} (both ways) |`,
    );
    console.log(
      `| lost | ${km2(coreChange.lostKm2)} | ${km2(p.change.lost)} | ${rel(coreChange.lostKm2, p.change.lost)} | | |`,
    );
  } finally {
    await database.close();
    engine.done?.();
  }
}
