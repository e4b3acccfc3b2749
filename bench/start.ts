/**
 * Start benchmark: what `npm start` spends its time on, on an empty data folder and again on a
 * restart (the same folder), with the embedded database (PGlite).
 *
 * 1. The web bundle: `scripts/build-web-if-stale.mjs` as `npm start` runs it (a no-op while
 *    packages/web/dist is newer than its sources), and a full Vite build into a scratch folder:
 *    what a fresh clone, or a start after editing the web sources, pays.
 * 2. `guarantor serve` (what `npm start` runs after the build) in a child: milliseconds until
 *    /healthz answers, until it prints "ready", and until the demo's monitoring history has
 *    loaded (first start only), with the server's own breakdown (open database, migrations,
 *    scenario and zones, admin, build app and listen).
 * Peer, in the same run: the bare cost of starting Node and importing the server's
 *    modules (no database), which every start pays.
 *
 *   npx tsx bench/start.ts [--runs 1]
 *
 * Goals (issue 16): first start under 15 s, restart under 3 s on a quiet machine; /healthz
 * answers while the demo loads. Prints figures; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchFlags, removeOnExit } from './args.ts';

const flags = benchFlags('npx tsx bench/start.ts', {
  runs: { default: '1', number: true, help: 'first starts and restarts to time (each on a new folder)' },
});
const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command to its end; returns its wall time in ms. */
function timed(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const began = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(args[0]!, args.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(performance.now() - began) : fail(new Error(`${args.join(' ')}: exit ${code}`)),
    );
  });
}

interface Start {
  readonly healthzMs: number;
  readonly readyMs: number;
  readonly demoMs?: number;
  readonly breakdown: string;
  /** /healthz answered while the demo history was still loading. */
  readonly healthyWhileDemoLoads: boolean;
}

/** Starts `guarantor serve` on `dataDir`, times it, and stops it. */
async function start(dataDir: string, first: boolean): Promise<Start> {
  const began = performance.now();
  // Exactly what `npm start` runs after the build: Node's own type stripping, no tsx.
  const child: ChildProcess = spawn(NODE, ['packages/cli/src/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GUARANTOR_LANG: 'en',
      DATA_DIR: dataDir,
      PORT: '0',
      COT_PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopChild = () => child.kill('SIGTERM');
  process.once('exit', stopChild);
  let url: string | undefined;
  let readyMs: number | undefined;
  let demoMs: number | undefined;
  let breakdown = '';
  let healthzMs: number | undefined;
  let healthyWhileDemoLoads = false;
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (;;) {
      const nl = out.indexOf('\n');
      if (nl < 0) break;
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      const at = performance.now() - began;
      const ready = /ready at (http\S+)/.exec(line);
      if (ready) {
        url = ready[1];
        readyMs = at;
      }
      if (line.startsWith('  start: ')) breakdown = line.slice('  start: '.length);
      // The duration is written by Intl in the server's language ("2.7 secs", "2,7 с"): any unit.
      if (/demo monitoring history .*\(in [\d.,]+\s\S+\)$/.test(line)) demoMs ??= at;
    }
  });
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  // /healthz on the port the server prints; polled every 20 ms from the moment it is known.
  while (healthzMs === undefined || (first && demoMs === undefined)) {
    if (child.exitCode !== null) throw new Error(`guarantor serve exited with ${child.exitCode}`);
    if (url) {
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        healthzMs ??= performance.now() - began;
        if (first && demoMs === undefined) healthyWhileDemoLoads = true;
      }
    }
    if (performance.now() - began > 600_000) throw new Error('no start within 10 minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGTERM');
  await exited;
  process.removeListener('exit', stopChild);
  return {
    healthzMs,
    readyMs: readyMs!,
    ...(demoMs !== undefined && { demoMs }),
    breakdown,
    healthyWhileDemoLoads,
  };
}

console.log(
  `node ${process.version}; load average ${loadavg()[0]!.toFixed(1)} on a machine of ` +
    `${(await import('node:os')).availableParallelism()} CPUs (a busy machine slows every figure)`,
);
const stale = await timed([NODE, 'scripts/build-web-if-stale.mjs']);
console.log(`web bundle, as npm start checks it (built already): ${seconds(stale)}`);
const scratch = mkdtempSync(join(tmpdir(), 'guarantor-start-web-'));
removeOnExit(scratch);
const vite = await timed([
  NODE,
  '--input-type=module',
  '-e',
  `const { build } = await import('vite');
   await build({ configFile: 'packages/web/vite.config.ts', logLevel: 'error', build: { outDir: ${JSON.stringify(scratch)}, emptyOutDir: true } });`,
]);
console.log(`web bundle, full Vite build (a fresh clone, or after editing web sources): ${seconds(vite)}`);
const peer = await timed([NODE, '-e', "await import('./packages/server/src/boot.ts')"]);
console.log(
  `peer: Node importing the server's modules (as npm start does, no tsx), no database: ${seconds(peer)}`,
);

for (let run = 0; run < Number(flags.runs); run++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guarantor-start-'));
  const remove = removeOnExit(dataDir);
  const first = await start(dataDir, true);
  console.log(
    `first start (empty folder): /healthz ${seconds(first.healthzMs)}, ready ${seconds(first.readyMs)}, ` +
      `demo monitoring loaded ${first.demoMs === undefined ? 'not seen' : seconds(first.demoMs)}; ` +
      `/healthz answered while the demo loaded: ${first.healthyWhileDemoLoads ? 'yes' : 'no'}`,
  );
  console.log(`  server's breakdown: ${first.breakdown}`);
  const again = await start(dataDir, false);
  console.log(`restart (same folder): /healthz ${seconds(again.healthzMs)}, ready ${seconds(again.readyMs)}`);
  console.log(`  server's breakdown: ${again.breakdown}`);
  console.log(
    `npm start would add the web check (${seconds(stale)}) to each, or a full build (${seconds(vite)}) ` +
      'when packages/web/dist is missing or stale',
  );
  remove();
}
