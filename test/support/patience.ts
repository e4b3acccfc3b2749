/**
 * How long anything in a test may wait before it counts as hung: the run's test and hook
 * timeout (vitest.config.ts). A bound against a hang, not a speed target: a machine busy with
 * other work is slow, not broken, so no test waits less than this for something to happen.
 */
export const HANG_MS = 600_000;

/**
 * Polls `check` every `everyMs` until it holds; gives up, naming `what`, after HANG_MS (the
 * test's own timeout ends it first unless the test set a longer one).
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + HANG_MS;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
