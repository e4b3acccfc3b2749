/**
 * What every benchmark does with its command line and its leftovers: flags are checked before
 * anything runs (a wrong flag or `--help` prints the usage and exits, instead of starting a
 * million-row run), and the databases and folders a run creates are removed even when it is
 * interrupted (Ctrl-C, SIGTERM) or fails.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface FlagSpec {
  readonly default: string;
  /** The values it may take, when there is a fixed set. */
  readonly choices?: readonly string[];
  /** It must read as a positive number (or a comma-separated list of them, with `list`). */
  readonly number?: boolean;
  readonly list?: boolean;
  readonly help: string;
}

/**
 * The flags of a benchmark, checked: `usage` is its first line (`npx tsx bench/ingest.ts`).
 * Unknown flags, bad values and `--help` print every flag with its default and exit (2 on a
 * mistake, 0 on --help), before any work starts.
 */
export function benchFlags<K extends string>(
  usage: string,
  specs: Readonly<Record<K, FlagSpec>>,
  booleans: Readonly<Record<string, string>> = {},
): Record<K, string> & { readonly switches: ReadonlySet<string> } {
  const text = () =>
    [
      `usage: ${usage}`,
      ...Object.entries<FlagSpec>(specs).map(
        ([name, s]) =>
          `  --${name} <${s.choices ? s.choices.join('|') : s.number ? 'n' : 'value'}>  ${s.help} (default ${s.default})`,
      ),
      ...Object.entries(booleans).map(([name, help]) => `  --${name}  ${help}`),
      '  --help  this text',
    ].join('\n');
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean' },
        ...Object.fromEntries(Object.keys(specs).map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(Object.keys(booleans).map((name) => [name, { type: 'boolean' as const }])),
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${text()}`);
    process.exit(2);
  }
  if (parsed.values['help']) {
    console.log(text());
    process.exit(0);
  }
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries<FlagSpec>(specs)) {
    const value = (parsed.values[name] as string | undefined) ?? spec.default;
    const parts = spec.list ? value.split(',') : [value];
    const bad =
      (spec.choices && !spec.choices.includes(value)) || (spec.number && parts.some((p) => !(Number(p) > 0)));
    if (bad) {
      console.error(
        `--${name} ${value}: ${spec.choices ? `one of ${spec.choices.join(', ')}` : 'a positive number'}\n${text()}`,
      );
      process.exit(2);
    }
    out[name] = value;
  }
  const switches = new Set(Object.keys(booleans).filter((name) => parsed.values[name] === true));
  return Object.assign(out as Record<K, string>, { switches });
}

const cleanups = new Set<() => void>();
let hooked = false;

/**
 * Runs `cleanup` (synchronous: a folder removed, a database dropped) when the run ends, fails
 * or is interrupted; returns a function that runs it now and forgets it.
 */
export function onExit(cleanup: () => void): () => void {
  if (!hooked) {
    hooked = true;
    const runAll = () => {
      for (const c of [...cleanups]) {
        cleanups.delete(c);
        try {
          c();
        } catch (error) {
          console.error(`cleanup failed: ${(error as Error).message}`);
        }
      }
    };
    process.once('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up`);
        runAll();
        process.exit(130);
      });
  }
  cleanups.add(cleanup);
  return () => {
    if (cleanups.delete(cleanup)) cleanup();
  };
}

/** A folder removed when the run ends, however it ends. */
export const removeOnExit = (dir: string) => onExit(() => rmSync(dir, { recursive: true, force: true }));

/** A PostgreSQL database dropped when the run ends, however it ends. */
export const dropOnExit = (adminUrl: string, name: string) =>
  onExit(() => {
    execFileSync('psql', [adminUrl, '-qc', `drop database if exists ${name} with (force)`]);
  });

/** The PostgreSQL server the benchmarks make their databases on (the tests' one by default). */
export const PG_ADMIN = process.env['GUARANTOR_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A new PostgreSQL database named `<prefix>_<random hex>`, dropped when the run ends however it
 * ends (unless `keep`: then never); `drop` drops it now.
 */
export function createRunDatabase(
  prefix: string,
  { keep = false }: { readonly keep?: boolean } = {},
): {
  readonly name: string;
  readonly url: string;
  drop(): void;
} {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  execFileSync('psql', [PG_ADMIN, '-qc', `create database ${name}`]);
  const drop = keep ? () => console.log(`kept database ${name}`) : dropOnExit(PG_ADMIN, name);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop };
}
