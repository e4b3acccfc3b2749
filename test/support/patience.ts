/**
 * How long anything in a test may wait before it counts as hung: the run's test and hook
 * timeout (vitest.config.ts). A bound against a hang, not a speed target: a machine busy with
 * other work is slow, not broken, so no test waits less than this for something to happen.
 */
export const HANG_MS = 600_000;
