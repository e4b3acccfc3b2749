import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real third-party data beside the repository: <repo>/../shared/data (see its PROVENANCE.md). */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** A file or folder of the shared data, and whether the tests that read it must skip. */
export interface SharedData {
  readonly path: string;
  /** Why the tests that read it skip; undefined when it is there. */
  readonly skip?: string;
}

/**
 * Finds `relative` under ../shared/data for a test file. When it is absent the tests skip,
 * saying so, except under GUARANTOR_REQUIRE_SHARED_DATA=1 (set by .ci/run, which always has
 * the data): then the test file fails to load, so CI cannot pass without the real data.
 */
export function sharedData(relative: string, what: string): SharedData {
  const path = resolve(SHARED_DATA, relative);
  if (existsSync(path)) return { path };
  const skip = `${path} is absent (the shared data folder sits beside the repository)`;
  if (process.env.GUARANTOR_REQUIRE_SHARED_DATA === '1') {
    throw new Error(`GUARANTOR_REQUIRE_SHARED_DATA=1 but ${skip}: ${what} cannot run`);
  }
  console.warn(`${what} skipped: ${skip}`);
  return { path, skip };
}
