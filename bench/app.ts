/**
 * What the HTTP benchmarks set up before they measure: the store migrated with the demo
 * scenario, a USA user with an API token, and the app as `npm start` builds it on a fixed clock.
 */
import {
  createApiToken,
  type GuarantorDatabase,
  insertUser,
  loadReferenceData,
  migrate,
  readDemoScenario,
  seedScenario,
  type UserRole,
} from '../packages/db/src/index.ts';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';

/** Migrates the store and loads the reference data and the demo scenario at `now`. */
export async function prepareDemo(database: GuarantorDatabase, now: Date): Promise<void> {
  await migrate(database.db);
  await loadReferenceData(database.db);
  await seedScenario(database.db, readDemoScenario(), now);
}

/** A USA user named `username` with `roles`, and an API token of theirs named "bench". */
export async function benchToken(
  database: GuarantorDatabase,
  username: string,
  roles: readonly UserRole[],
  now: Date,
): Promise<string> {
  const by = { actor: 'bench', nation: null, at: now };
  const user = await insertUser(
    database.db,
    { username, displayName: 'bench', passwordHash: 'x', nation: 'USA', roles },
    by,
  );
  return createApiToken(database.db, user.id, 'bench', by);
}

/** The app over `database` with its clock stopped at `now`: no web assets, warnings only. */
export function benchApp(database: GuarantorDatabase, now: Date) {
  return createApp({
    database,
    clock: { now: () => now },
    config: loadConfig({ LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent' }),
  });
}
