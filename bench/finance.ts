/**
 * Finance benchmark (issue 18), each figure beside its peer in the same run, per engine:
 *
 *   - Import: the whole Kiel tracker file (when ../shared/data/kiel is present), then `--flows`
 *     synthetic IATI transactions in files of `--file-flows`, each through the importer as a
 *     finance officer sends it (POST /api/finance/import/kiel and /iati: parsing, checks,
 *     storing, audit). Peer: a raw COPY of the very rows the importer stored, into the emptied
 *     table.
 *   - Aggregates: promise to delivery by donor × sector × month over every stored flow
 *     (GET /api/finance/breakdown?by=donor,sector,month: authentication, row-level security as
 *     the reader, conversion at each day's rate, the lag, JSON), and the donor summary by month
 *     (GET /api/finance/summary?byMonth=true), p50/p95 over `--runs` requests. Peer: the same
 *     grouping as plain SQL run by the database owner, without Guarantor's layers.
 *
 * Prints figures; asserts nothing. The machine is shared: figures vary with its load.
 *
 *   npx tsx bench/finance.ts [--flows 1000000] [--file-flows 40000] [--runs 20] [--engine both|pglite|postgres]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type GuarantorDatabase, openDatabase } from '../packages/db/src/index.ts';
import { benchApp, benchToken, prepareDemo } from './app.ts';
import { benchFlags, createRunDatabase, removeOnExit } from './args.ts';
import { syntheticIati } from './iati-data.ts';

const flags = benchFlags('npx tsx bench/finance.ts', {
  flows: {
    default: '1000000',
    number: true,
    help: 'synthetic IATI transactions imported after the Kiel file',
  },
  'file-flows': {
    default: '40000',
    number: true,
    help: 'transactions per IATI file (one import each; the route takes 16 MB)',
  },
  runs: { default: '20', number: true, help: 'requests per aggregate, after one warm-up' },
  engine: { default: 'both', choices: ['both', 'pglite', 'postgres'], help: 'database engine' },
});
const FLOWS = Number(flags.flows);
const PER_FILE = Number(flags['file-flows']);
const RUNS = Number(flags.runs);
const NOW = new Date('2026-11-27T08:00:00Z');
const SHARED = new URL('../../shared/data/', import.meta.url).pathname;
const KIEL = join(SHARED, 'kiel/ust_data_explorer.csv');
const ECB = join(SHARED, 'finance/ecb_eurofxref_hist.csv');

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} rows/s`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Every column of finance_flow but its generated id: what the importer writes and COPY writes back. */
async function flowColumns(database: GuarantorDatabase): Promise<string> {
  const rows = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_name = 'finance_flow' and column_name <> 'id' order by ordinal_position`.execute(database.db);
  return rows.rows.map((r) => r.name).join(', ');
}

interface Opened {
  readonly database: GuarantorDatabase;
  readonly url?: string;
  close(): Promise<void>;
}

async function open(engine: 'pglite' | 'postgres'): Promise<Opened> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'guarantor-bench-finance-'));
    const remove = removeOnExit(dir);
    const database = await openDatabase({ dataDir: dir });
    return {
      database,
      close: async () => {
        await database.close();
        remove();
      },
    };
  }
  const { url, drop } = createRunDatabase('guarantor_bench_finance');
  const database = await openDatabase({ url });
  return {
    database,
    url,
    close: async () => {
      await database.close();
      drop();
    },
  };
}

/** COPY of the stored flows out and back into the emptied table; the milliseconds of the COPY in. */
async function copyBack(o: Opened): Promise<number> {
  const { database } = o;
  const COLUMNS = await flowColumns(database);
  if (database.engine === 'pglite') {
    const out = await database.pglite!.query(
      `copy (select ${COLUMNS} from finance_flow order by id) to '/dev/blob' with (format csv)`,
    );
    const blob = out.blob!;
    await sql`truncate finance_flow`.execute(database.db);
    const started = performance.now();
    await database.pglite!.query(`copy finance_flow (${COLUMNS}) from '/dev/blob' with (format csv)`, [], {
      blob,
    });
    return performance.now() - started;
  }
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-bench-finance-copy-'));
  const remove = removeOnExit(dir);
  const file = join(dir, 'flows.csv');
  execFileSync('psql', [
    o.url!,
    '-qc',
    `\\copy (select ${COLUMNS} from finance_flow order by id) to '${file}' with (format csv)`,
  ]);
  await sql`truncate finance_flow`.execute(database.db);
  const started = performance.now();
  execFileSync('psql', [o.url!, '-qc', `\\copy finance_flow (${COLUMNS}) from '${file}' with (format csv)`]);
  const ms = performance.now() - started;
  remove();
  return ms;
}

async function run(engine: 'pglite' | 'postgres'): Promise<void> {
  console.log(`\n== ${engine} ==`);
  const o = await open(engine);
  let app: Awaited<ReturnType<typeof benchApp>> | undefined;
  try {
    const { database } = o;
    // The demo scenario makes the coalition (the bench user's nation a member of it).
    await prepareDemo(database, NOW);
    const token = await benchToken(database, 'bench-finance', ['finance'], NOW);
    const served = await benchApp(database, NOW);
    app = served;
    const authorization = `Bearer ${token}`;
    const post = async (url: string, body: string, type: string) => {
      const res = await served.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { authorization, 'content-type': type },
      });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as { stored: number };
    };
    const dollars = existsSync(ECB);
    if (dollars) {
      const t = performance.now();
      await post('/api/finance/import/rates', readFileSync(ECB, 'utf8'), 'text/csv');
      console.log(`ECB rates imported in ${secs(performance.now() - t)}`);
    } else console.log(`no ECB rates (${ECB} absent): every synthetic flow is in euros`);

    let stored = 0;
    let importMs = 0;
    if (existsSync(KIEL)) {
      const t = performance.now();
      const kiel = await post('/api/finance/import/kiel?source=kiel', readFileSync(KIEL, 'utf8'), 'text/csv');
      const ms = performance.now() - t;
      console.log(
        `Kiel tracker, whole file: ${kiel.stored.toLocaleString('en')} flows in ${secs(ms)}, ${perSecond(kiel.stored, ms)}`,
      );
      stored += kiel.stored;
      importMs += ms;
    } else console.log(`no Kiel file (${KIEL} absent): synthetic flows only`);
    const files = Math.ceil(FLOWS / PER_FILE);
    let generateMs = 0;
    for (let f = 0; f < files; f++) {
      const g = performance.now();
      const xml = syntheticIati(f, Math.min(PER_FILE, FLOWS - f * PER_FILE), dollars);
      generateMs += performance.now() - g;
      const t = performance.now();
      const res = await post(
        `/api/finance/import/iati?source=bench-${f}&releasability=COALITION`,
        xml,
        'application/xml',
      );
      importMs += performance.now() - t;
      stored += res.stored;
      if ((f + 1) % 5 === 0 || f === files - 1)
        console.log(
          `  ${(f + 1).toString().padStart(3)}/${files} files, ${stored.toLocaleString('en')} flows stored, ${perSecond(stored, importMs)} so far`,
        );
    }
    const copyMs = await copyBack(o);
    const count = Number(
      (await sql<{ n: string }>`select count(*)::text as n from finance_flow`.execute(database.db)).rows[0]!
        .n,
    );
    console.log(
      `import through the importer: ${stored.toLocaleString('en')} flows in ${secs(importMs)}, ${perSecond(stored, importMs)} (file generation, ${secs(generateMs)}, not counted)`,
    );
    console.log(
      `COPY of the same rows:       ${count.toLocaleString('en')} flows in ${secs(copyMs)}, ${perSecond(count, copyMs)}`,
    );
    console.log(`importer / COPY = ${(copyMs / importMs).toFixed(3)}`);
    await sql`analyze finance_flow`.execute(database.db);

    const timeIt = async (label: string, once: () => Promise<number>) => {
      await once();
      const ms: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        rows = await once();
        ms.push(performance.now() - t);
      }
      console.log(
        `  ${label.padEnd(58)} p50 ${pct(ms, 0.5).toFixed(0).padStart(6)} ms  p95 ${pct(ms, 0.95).toFixed(0).padStart(6)} ms  ${rows.toLocaleString('en')} rows`,
      );
    };
    const get = async (url: string) => {
      const res = await served.inject({ method: 'GET', url, headers: { authorization } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return (res.json() as { rows: unknown[] }).rows.length;
    };
    const plain = (select: string, group: string) => async () =>
      (
        await sql
          .raw(
            `select ${select}, stage, currency, value_date, sum(amount_minor), count(*) from finance_flow group by ${group}, stage, currency, value_date`,
          )
          .execute(database.db)
      ).rows.length;
    console.log(
      `aggregates over ${count.toLocaleString('en')} flows, ${RUNS} requests each after one warm-up:`,
    );
    await timeIt('GET /api/finance/breakdown?by=donor,sector,month', () =>
      get('/api/finance/breakdown?by=donor,sector,month'),
    );
    await timeIt(
      'plain SQL: donor × sector × month, stage, currency, day',
      plain(
        `donor_code, coalesce(substr(sector_code, 1, 3), 'unspecified'), to_char(value_date, 'YYYY-MM')`,
        '1, 2, 3',
      ),
    );
    await timeIt('GET /api/finance/summary?byMonth=true', () => get('/api/finance/summary?byMonth=true'));
    await timeIt('plain SQL: donor × category × day, stage, currency', plain('donor_code, category', '1, 2'));
  } finally {
    await app?.close();
    await o.close();
  }
}

console.log(
  `finance benchmark: the Kiel file and ${FLOWS.toLocaleString('en')} synthetic IATI flows in files of ${PER_FILE.toLocaleString('en')}; shared machine, figures vary with its load`,
);
for (const engine of flags.engine === 'both'
  ? (['postgres', 'pglite'] as const)
  : [flags.engine as 'pglite' | 'postgres'])
  await run(engine);
