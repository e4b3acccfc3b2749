/**
 * Once per `vitest run`: the web app built when it is missing or stale (the browser tests serve
 * packages/web/dist; a clean clone has none), and a folder for the database templates the
 * workers build on first use (test/support/templates.ts), removed at the end with the
 * PostgreSQL template database.
 *
 * And Node's compile cache (NODE_COMPILE_CACHE) for the workers and what they spawn: every test
 * file is a new worker process and every CLI test spawns `guarantor` processes, each of which
 * would otherwise strip the types of and compile the same ~1,400 modules again (`guarantor
 * --help` 1.2 s, 0.8 s from the cache). Code and behaviour are unchanged: the cache holds V8's
 * compiled code, checked against each file's content. It lives in the system's temporary
 * folder, as Node advises, and not in the run's folder: a process that exits after the
 * teardown writes its cache out, and would leave the removed folder behind again. Not set when
 * the caller set one or turned it off (NODE_DISABLE_COMPILE_CACHE), or under coverage, which
 * it would make less precise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The same step `npm start` runs first: a no-op when dist is newer than its sources.
  await import(join(import.meta.dirname, '../../scripts/build-web-if-stale.mjs'));
  const folder = mkdtempSync(join(tmpdir(), 'guarantor-templates-'));
  project.provide('guarantorTemplates', folder);
  // Set before the workers start, so they and the processes they spawn inherit it.
  if (
    process.env.NODE_COMPILE_CACHE === undefined &&
    process.env.NODE_DISABLE_COMPILE_CACHE === undefined &&
    !project.globalConfig.coverage.enabled
  )
    process.env.NODE_COMPILE_CACHE = join(tmpdir(), 'guarantor-node-compile-cache');
  return async () => {
    const marker = join(folder, 'postgres-template');
    if (existsSync(marker)) {
      const { adminUrl, name } = JSON.parse(readFileSync(marker, 'utf8')) as {
        adminUrl: string;
        name: string;
      };
      const admin = new pg.Client({ connectionString: adminUrl });
      try {
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
      } catch (error) {
        console.warn(`the PostgreSQL template ${name} was not dropped: ${(error as Error).message}`);
      } finally {
        await admin.end().catch(() => {});
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
}
