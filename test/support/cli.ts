/**
 * The `guarantor` command as a user runs it: a separate Node process on packages/cli/src/main.ts,
 * which Node 24 runs as TypeScript itself (ADR 0041); an older Node goes through tsx. Each one
 * inherits Node's compile cache (NODE_COMPILE_CACHE, set by global-setup.ts), so only the
 * first strips and compiles the modules. Every wait here is a bound against a hung process, not a speed target: it is the
 * run's test timeout (vitest.config.ts), as a busy machine may take minutes.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { HANG_MS } from './patience.ts';

const run = promisify(execFile);
const MAIN = resolve(import.meta.dirname, '../../packages/cli/src/main.ts');
/**
 * Node 23.6 and later strip the types themselves; before that, tsx does. `--liftoff-only`: a
 * test's `guarantor` lives seconds, too short for V8's optimised WebAssembly tier to pay back
 * compiling PGlite and PostGIS (ADR 0050: a third less CPU per command).
 */
const TYPESCRIPT = [
  '--liftoff-only',
  ...(Number(process.versions.node.split('.')[0]) >= 24 ? [] : ['--import', 'tsx']),
];

/** What one `guarantor …` run printed, and its exit code. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment the commands run in: no DATABASE_URL or DATA_DIR from the caller's shell. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  // English messages whatever the caller's locale: the tests read them.
  return { ...process.env, DATABASE_URL: '', DATA_DIR: '', GUARANTOR_LANG: 'en', ...env };
}

/** A runner of `guarantor …` to completion with `env` added to the environment. */
export function cli(env: Record<string, string> = {}): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [...TYPESCRIPT, MAIN, ...args], {
        env: environment(env),
        timeout: HANG_MS,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
}

/** A running `guarantor serve`. */
export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far, stdout and stderr. */
  readonly output: () => string;
}

/**
 * Starts `guarantor serve` on the embedded data folder (any free HTTP and CoT port) and waits
 * for its "ready" line; rejects if it exits first.
 */
export async function serve(dataDir: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(
    process.execPath,
    [...TYPESCRIPT, MAIN, 'serve', '--data-dir', dataDir, '--port', '0', '--cot-port', '0'],
    { env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready:\n${output}`)), HANG_MS);
    const check = () => {
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Resolves when the process has exited (at once if it has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** Polls `condition` every `everyMs` until it holds; the test's timeout bounds the wait. */
export async function until(condition: () => boolean, everyMs = 50): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, everyMs));
}
