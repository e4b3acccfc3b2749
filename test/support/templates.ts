/**
 * Databases made once per test run and copied for each test that needs one (issue 13): a
 * migrated PGlite with reference data costs 9-10 s to make on a quiet two-core machine, and
 * twice that under load, but 2 s to load from a copy. Each template is built the first time a
 * worker asks for it, under a lock in the run's folder (test/support/global-setup.ts), so files
 * that never open a database pay nothing and two workers never build one twice.
 *
 * What is copied is what the test would otherwise have made itself, with the same code:
 * `migrate` and `loadReferenceData` on the same engine, or a first `guarantor serve`. Migrating
 * an empty database is still tested where it is the point (packages/db/src/db.test.ts).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type GuarantorDatabase, loadReferenceData, migrate, openDatabase } from '@guarantor/db';
import { PGlitePool } from '@guarantor/db/pglite-pool';
import { embeddedPostgis } from '@guarantor/db/postgis-bundle';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { exited, serve, until } from './cli.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's template folder, made by test/support/global-setup.ts. */
    guarantorTemplates: string;
  }
}

let fallback: string | undefined;

/** The run's folder; a file run outside the configured globalSetup gets one of its own. */
function runFolder(): string {
  let provided: string | undefined;
  try {
    provided = inject('guarantorTemplates');
  } catch {
    // not under vitest's runner (a script importing the support code)
  }
  if (provided) return provided;
  fallback ??= mkdtempSync(join(tmpdir(), 'guarantor-templates-'));
  return fallback;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The path of template `name` in the run's folder, built by `build(path)` the first time. One
 * worker builds while the others wait for it (bounded by the hook timeout, like any other
 * setup); a lock left by a builder that died is taken over.
 */
async function once(name: string, build: (path: string) => Promise<void>): Promise<string> {
  const folder = runFolder();
  const done = join(folder, name);
  const lock = join(folder, `${name}.lock`);
  for (;;) {
    if (existsSync(done)) return done;
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being taken right now
      }
      if (Number.isInteger(holder) && holder > 0 && !alive(holder))
        rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (existsSync(done)) return done;
      const building = join(folder, `${name}.building-${process.pid}`);
      rmSync(building, { recursive: true, force: true });
      await build(building);
      renameSync(building, done);
      return done;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function prepare(database: GuarantorDatabase): Promise<void> {
  await migrate(database.db);
  await loadReferenceData(database.db);
}

/** A dump of an in-memory PGlite, migrated, with reference data. */
let memoryDump: Promise<Blob> | undefined;
function pgliteDump(): Promise<Blob> {
  memoryDump ??= (async () => {
    const path = await once('pglite-memory.tar', async (building) => {
      const database = await openDatabase({ memory: true });
      try {
        await prepare(database);
        const tar = await database.pglite!.dumpDataDir('none');
        writeFileSync(building, new Uint8Array(await tar.arrayBuffer()));
      } finally {
        await database.close();
      }
    });
    return new Blob([readFileSync(path)]);
  })();
  return memoryDump;
}

/**
 * A fresh in-memory PGlite, migrated and with reference data, loaded from the run's dump. It is
 * wired as `openDatabase({ memory: true })` wires one (PGlite with PostGIS behind a PGlitePool);
 * keep the two alike.
 */
export async function openPGliteFromTemplate(): Promise<GuarantorDatabase> {
  const pglite = await PGlite.create({
    loadDataDir: await pgliteDump(),
    extensions: { postgis: await embeddedPostgis() },
  });
  const db = new Kysely<import('@guarantor/db').Database>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }),
  });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * A new embedded data folder at `dataDir`, migrated and with reference data, as `guarantor
 * migrate` leaves one: a copy of the run's template folder.
 */
export async function copyDataDirTemplate(dataDir: string): Promise<void> {
  const template = await once('pglite-folder', async (building) => {
    const database = await openDatabase({ dataDir: building });
    try {
      await prepare(database);
    } finally {
      await database.close();
    }
  });
  cpSync(template, dataDir, { recursive: true });
}

/**
 * The name of a PostgreSQL database on the server at `adminUrl`, migrated and with reference
 * data, to copy with `create database … template`. Nobody stays connected to it (a template
 * with a session open cannot be copied); global-setup's teardown drops it.
 */
export async function postgresTemplate(adminUrl: string): Promise<string> {
  const marker = await once('postgres-template', async (building) => {
    const name = `guarantor_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    try {
      await prepare(database);
    } finally {
      await database.close();
    }
    // Nobody may connect to it from here on (autovacuum included), so every copy succeeds.
    const lockdown = new pg.Client({ connectionString: adminUrl });
    await lockdown.connect();
    try {
      await lockdown.query(`alter database ${name} allow_connections false`);
    } finally {
      await lockdown.end();
    }
    writeFileSync(building, JSON.stringify({ adminUrl, name }));
  });
  return (JSON.parse(readFileSync(marker, 'utf8')) as { name: string }).name;
}

/** What the first `guarantor serve` on the served template's folder printed and made. */
export interface FirstStart {
  /** Everything it printed, up to and including the first admin's password. */
  readonly output: string;
  /** The first admin it made, as it printed them; undefined if it printed none. */
  readonly admin?: { readonly username: string; readonly password: string };
}

/**
 * A new embedded data folder at `dataDir` as the first `guarantor serve` on an empty folder
 * leaves it (migrations, reference data, the demo scenario with its 30 days of monitoring, the
 * first admin), stopped cleanly: a copy of a folder one real `serve` process prepared in this
 * run. Returns what that first start printed, with the admin's password.
 */
export async function copyServedTemplate(dataDir: string): Promise<FirstStart> {
  const template = await once('served', async (building) => {
    const data = join(building, 'data');
    mkdirSync(building, { recursive: true });
    const server = await serve(data, { LOG_LEVEL: 'warn' });
    try {
      // Printed just after the ready line on a first start; or it exits, and says why.
      let gone = false;
      server.child.once('exit', () => {
        gone = true;
      });
      await until(() => gone || /password: \S+\n/.test(server.output()));
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
    if (server.child.exitCode !== 0)
      throw new Error(`serve did not stop cleanly (${server.child.exitCode}):\n${server.output()}`);
    const output = server.output();
    const password = /password: (\S+)\n/.exec(output)?.[1];
    const username = /username: (\S+)\n/.exec(output)?.[1];
    const first: FirstStart = { output, ...(password && username ? { admin: { username, password } } : {}) };
    writeFileSync(join(building, 'first-start.json'), JSON.stringify(first));
  });
  cpSync(join(template, 'data'), dataDir, { recursive: true });
  return JSON.parse(readFileSync(join(template, 'first-start.json'), 'utf8')) as FirstStart;
}
