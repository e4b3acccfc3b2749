import { DEMO_DAYS } from '@guarantor/core/demo';
import {
  countUsers,
  type GuarantorDatabase,
  insertUser,
  isEmpty,
  loadReferenceData,
  migrate,
  newSecret,
  openDatabase,
  readDemoScenario,
  seedDemoZones,
  seedScenario,
} from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type DemoMonitoringResult, loadDemoMonitoring } from './demo/monitoring.ts';
import { startCotServices } from './monitoring/cot-tcp.ts';
import { startPhaseTrigger } from './phases/trigger.ts';

/** The admin account made on first start; the password is shown once and never stored in clear. */
export interface FirstAdmin {
  readonly username: string;
  readonly password: string;
}

/** What `prepareDatabase` did, for the start-up lines. */
export interface PrepareResult {
  readonly migrationsApplied: readonly string[];
  readonly seeded: boolean;
  readonly firstAdmin?: FirstAdmin;
  /** The illustrative monitoring history loaded with the demo scenario (unless deferred). */
  readonly demoMonitoring?: DemoMonitoringResult;
  /** The demo's monitoring history is still to load: startServer loads it after listening. */
  readonly demoMonitoringDeferred?: boolean;
  /** Where the time went, in milliseconds: migrations (with reference data), scenario and zones, admin, demo monitoring. */
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** Opens the database the configuration names: DATABASE_URL if set, else PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<GuarantorDatabase> {
  return openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR });
}

/**
 * Brings a database to a usable state: migrations, reference data, the demo scenario when
 * no coalition is loaded, and an admin when there is no user.
 */
export async function prepareDatabase(
  database: GuarantorDatabase,
  clock: Clock = systemClock,
  options: { readonly deferDemoMonitoring?: boolean } = {},
): Promise<PrepareResult> {
  const timingsMs: Record<string, number> = {};
  let lap = performance.now();
  const split = (name: string) => {
    const now = performance.now();
    timingsMs[name] = Math.round(now - lap);
    lap = now;
  };
  const migrations = await migrate(database.db);
  await loadReferenceData(database.db);
  split('migrations');
  let seeded = false;
  if (await isEmpty(database.db)) {
    await seedScenario(database.db, readDemoScenario(), clock.now());
    // The demo ceasefire was agreed when its monitoring history begins, so the phase timeline
    // and the compliance board tell one story.
    await seedPhases(
      database.db,
      clock.now(),
      new Date(clock.now().getTime() - (DEMO_DAYS + 1) * 86_400_000),
    );
    seeded = true;
  }
  // Illustrative zones and the default violation rules, when none are stored yet.
  await seedDemoZones(database.db, clock.now());
  split('scenario and zones');
  let firstAdmin: FirstAdmin | undefined;
  if ((await countUsers(database.db)) === 0) {
    const password = newSecret(15);
    await insertUser(
      database.db,
      {
        username: 'admin',
        displayName: 'Coordination cell administrator',
        passwordHash: await hashPassword(password),
        nation: 'FRA',
        roles: ['admin', 'cell_staff', 'liaison', 'analyst'],
      },
      { actor: 'system', nation: null, at: clock.now() },
    );
    firstAdmin = { username: 'admin', password };
  }
  split('admin');
  // With the demo scenario, its illustrative monitoring history (after the admin: it adds a user).
  const defer = seeded && options.deferDemoMonitoring === true;
  const demoMonitoring = seeded && !defer ? await loadDemoMonitoring(database, clock) : undefined;
  if (demoMonitoring) split('demo monitoring');
  return {
    migrationsApplied: migrations.applied,
    seeded,
    ...(firstAdmin ? { firstAdmin } : {}),
    ...(demoMonitoring ? { demoMonitoring } : {}),
    ...(defer ? { demoMonitoringDeferred: true } : {}),
    timingsMs,
  };
}

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly database: GuarantorDatabase;
  readonly prepared: PrepareResult;
  /**
   * The demo's monitoring history, loading while the server already answers (first start with
   * the demo scenario); undefined when there is none to load.
   */
  readonly demoMonitoring?: Promise<DemoMonitoringResult>;
  /** Milliseconds to open the database, prepare it, build the app and listen. */
  readonly timingsMs: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * Opens and prepares the database, builds the app, and listens. When any step fails (a CoT
 * port already taken, say) everything started so far is closed again and the error, which
 * names the port, is thrown: nothing is left listening or holding the database.
 */
export async function startServer(config: Config, clock: Clock = systemClock): Promise<RunningServer> {
  const t0 = performance.now();
  const database = await openConfiguredDatabase(config);
  const openMs = Math.round(performance.now() - t0);
  const started: { close(): Promise<unknown> }[] = [];
  const closeStarted = async () => {
    for (const service of started.reverse()) await service.close().catch(() => {});
  };
  try {
    // The demo's monitoring history is loaded after listening, fused by this app's own worker:
    // the server answers /healthz (and the coalition pages) meanwhile (docs/adr/0023-fusion-keeps-pace.md).
    const prepared = await prepareDatabase(database, clock, { deferDemoMonitoring: true });
    const t1 = performance.now();
    const app = await createApp({ database, clock, config });
    started.push(app);
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    const listenMs = Math.round(performance.now() - t1);
    const url = address.replace('0.0.0.0', '127.0.0.1');
    const cot = await startCotServices({ config, database, monitoring: app.monitoring, clock, log: app.log });
    started.push(cot);
    // Re-evaluates the ceasefire gate when monitoring changes, and daily at 00:05 UTC.
    const phases = await startPhaseTrigger(database, clock, app.log);
    const demoMonitoring = prepared.demoMonitoringDeferred
      ? loadDemoMonitoring(database, clock, app.log, app.monitoring.worker)
      : undefined;
    // Reported by whoever awaits it; never an unhandled rejection when nobody does.
    demoMonitoring?.catch((error) =>
      app.log.error({ err: error }, 'the demo monitoring history did not load'),
    );
    return {
      app,
      url,
      database,
      prepared,
      ...(demoMonitoring && { demoMonitoring }),
      timingsMs: { 'open database': openMs, ...prepared.timingsMs, 'build app and listen': listenMs },
      async close() {
        await demoMonitoring?.catch(() => undefined);
        await phases.stop();
        await cot.close();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await closeStarted();
    await database.close();
    throw error;
  }
}
