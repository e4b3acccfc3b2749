import { defineConfig } from 'vitest/config';
import { HANG_MS } from './test/support/patience.ts';

// One run covers every package. Database tests open one PGlite per file (about 1 GB; 2 s as a
// copy of the run's migrated template, test/support/templates.ts), so files run on at most two
// workers: the machine has two cores.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Makes the run's folder for database templates (test/support/templates.ts).
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Each test file is a new process with its own PGlite: V8's optimising tier for PGlite's
    // and PostGIS's WebAssembly costs more CPU than a file's queries win back (ADR 0050).
    execArgv: ['--liftoff-only'],
    // Bounds against a hang, not speed targets: a busy machine (CI beside other work) is slow, not broken.
    testTimeout: HANG_MS,
    hookTimeout: HANG_MS,
  },
});
