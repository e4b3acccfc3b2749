import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HANG_MS } from './patience.ts';

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL cluster of its own, on its own port, that a test may stop, start and restart
 * (the machine's shared server must never be restarted). Built with the same binaries as the
 * machine's server, so PostGIS is there too.
 */
export interface PgCluster {
  /** A URL to the `postgres` database of this cluster. */
  readonly url: string;
  readonly port: number;
  /** `pg_ctl restart -m fast`: every connection is ended (SQLSTATE 57P01), then it accepts again. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and removes its folder. */
  remove(): void;
}

/** Where the PostgreSQL server binaries are, or undefined when this machine has none. */
export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a fresh cluster in a temporary folder; as root, its processes run as `postgres` (initdb refuses root). */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  const root = mkdtempSync(join(tmpdir(), 'guarantor-pgc-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(root, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const argv = (tool: string, args: readonly string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), [...args]];
  const run = (tool: string, args: readonly string[]) => {
    const [command, rest] = argv(tool, args);
    execFileSync(command, rest, { stdio: ['ignore', 'ignore', 'pipe'], timeout: HANG_MS });
  };
  // Asynchronous, so a server in the test's own process keeps serving while the cluster stops.
  const runAsync = async (tool: string, args: readonly string[]) => {
    const [command, rest] = argv(tool, args);
    await execFileAsync(command, rest, { timeout: HANG_MS });
  };
  const data = join(root, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctlArgs = (args: readonly string[]) => [
    '-D',
    data,
    '-l',
    join(root, 'log'),
    // pg_ctl waits this long for the cluster to start or stop (its default is 60 s, which a
    // restart on a busy machine can exceed): the run's bound against a hang.
    '-w',
    '-t',
    String(HANG_MS / 1000),
    ...args,
  ];
  const ctl = (...args: string[]) => runAsync('pg_ctl', ctlArgs(args));
  const start = () => ctl('-o', options, 'start');
  await start();
  let removed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => ctl('-m', 'fast', '-o', options, 'restart'),
    stop: () => ctl('-m', 'fast', 'stop'),
    start,
    remove() {
      if (removed) return;
      removed = true;
      try {
        run('pg_ctl', ctlArgs(['-m', 'immediate', 'stop']));
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
