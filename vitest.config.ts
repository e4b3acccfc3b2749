import { defineConfig } from 'vitest/config';
import { HANG_MS } from './test/support/patience.ts';

/**
 * The access matrix: one file that spends two minutes of CPU in PGlite's and PostGIS's
 * WebAssembly, where V8's optimising tier pays back its compilation (ADR 0058).
 */
const LONG_WEBASSEMBLY = ['packages/server/src/access-matrix.test.ts'];

const EXCLUDE = ['**/node_modules/**', '**/dist/**'];

const every = {
  pool: 'forks' as const,
  exclude: EXCLUDE,
  // Bounds against a hang, not speed targets: a busy machine (CI beside other work) is slow, not broken.
  testTimeout: HANG_MS,
  hookTimeout: HANG_MS,
};

// One run covers every package. Database tests open one PGlite per file (about 1 GB; 2 s as a
// copy of the run's migrated template, test/support/templates.ts), so files run on at most two
// workers: the machine has two cores. The two projects share those two workers and run side
// by side; they differ only in the workers' V8 flags (ADR 0058).
export default defineConfig({
  test: {
    // Makes the run's folder for database templates (test/support/templates.ts); once per run,
    // for both projects.
    globalSetup: ['test/support/global-setup.ts'],
    maxWorkers: 2,
    projects: [
      {
        // Sorted first by name ("long-…" before "tests"): the longest file starts first.
        test: {
          ...every,
          name: 'long-webassembly',
          include: LONG_WEBASSEMBLY,
          // V8's defaults: hot WebAssembly functions move up to the optimising tier.
          execArgv: [],
        },
      },
      {
        test: {
          ...every,
          name: 'tests',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: [...EXCLUDE, ...LONG_WEBASSEMBLY],
          // Each test file is a new process with its own PGlite: V8's optimising tier for PGlite's
          // and PostGIS's WebAssembly costs more CPU than a file's queries win back (ADR 0050).
          execArgv: ['--liftoff-only'],
        },
      },
    ],
  },
});
