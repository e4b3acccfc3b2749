import { defineConfig } from 'vitest/config';

// One run covers every package. Database tests open one PGlite per file (about 1 GB and
// 8-10 s cold), so files run on at most two workers: the machine has two cores.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Bounds against a hang, not speed targets: a busy machine (CI beside other work) is slow, not broken.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
