#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { SOURCE_KINDS } from '@guarantor/core/monitoring';
import { addDays, isIsoDate } from '@guarantor/core/phases';
import { isIso3 } from '@guarantor/core/reference';
import {
  asReader,
  createApiToken,
  findLogin,
  insertUser,
  loadReferenceData,
  migrate,
  newSecret,
  ROLES,
  readDemoScenario,
  seedDemoZones,
  seedScenario,
  type UserRole,
  verifyAudit,
} from '@guarantor/db';
import {
  type Config,
  ConfigError,
  hashPassword,
  loadConfig,
  openConfiguredDatabase,
  startServer,
  systemClock,
} from '@guarantor/server';
import { loadDemoMonitoring } from '@guarantor/server/demo/monitoring';
import { buildDailyReport } from '@guarantor/server/reports/daily';
import { dailyReportHtml } from '@guarantor/server/reports/html';
import { dailyReportPdf } from '@guarantor/server/reports/pdf';
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerAccountCommands } from './accounts.ts';
import { registerCellworkCommands } from './cellwork-command.ts';
import { registerFinanceCommands } from './finance-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerLandOptionCommands } from './land-options-command.ts';
import { registerPresenceCommands } from './presence-command.ts';
import { progressBar } from './progress.ts';
import { registerTerritoryCommands } from './territory-command.ts';
import { registerZoneCommands } from './zones-command.ts';

// Changes made from the command line are audited as the operating-system user.
const CLI_ACTOR = () => ({
  actor: `cli:${process.env.USER ?? 'unknown'}`,
  nation: null,
  at: systemClock.now(),
});

// Output piped into `head` that stops reading is not an error of ours: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('guarantor')
  .description('Guarantor: the coordination cell for a post-ceasefire security guarantee to Ukraine')
  .showHelpAfterError('(run with --help for usage)');

const dbOptions = (cmd: Command) =>
  cmd
    .addOption(new Option('--data-dir <dir>', 'embedded database folder (PGlite)').env('DATA_DIR'))
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL + PostGIS server instead of the embedded database').env(
        'DATABASE_URL',
      ),
    );

function configFrom(opts: {
  dataDir?: string;
  databaseUrl?: string;
  port?: string;
  host?: string;
  cotPort?: string;
}): Config {
  return loadConfig(process.env, {
    ...(opts.cotPort ? { COT_PORT: opts.cotPort } : {}),
    ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.port ? { PORT: opts.port } : {}),
    ...(opts.host ? { HOST: opts.host } : {}),
  });
}

function where(config: Config): string {
  return config.DATABASE_URL
    ? `PostgreSQL at ${new URL(config.DATABASE_URL).host}`
    : `embedded database in ${config.DATA_DIR}`;
}

dbOptions(
  program
    .command('serve')
    .description('Serve the API and the web app; migrates, and loads the demo coalition on first start')
    .addOption(new Option('--port <port>', 'TCP port').env('PORT'))
    .addOption(new Option('--host <host>', 'address to listen on (default 127.0.0.1)').env('HOST'))
    .addOption(
      new Option('--cot-port <port>', 'Cursor-on-Target TCP intake port; 0 turns it off')
        .env('COT_PORT')
        .default('8087'),
    ),
).action(async (opts) => {
  const config = configFrom(opts);
  const started = Date.now();
  console.log(`Guarantor: opening the ${where(config)} …`);
  const server = await startServer(config, systemClock);
  const { prepared } = server;
  if (prepared.migrationsApplied.length > 0)
    console.log(`  migrations applied: ${prepared.migrationsApplied.join(', ')}`);
  if (prepared.seeded) console.log('  demo scenario "Paris coalition" loaded');
  if (prepared.demoMonitoring && !prepared.demoMonitoring.skipped)
    console.log(`  ${demoMonitoringLine(prepared.demoMonitoring)}`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `  start: ${Object.entries(server.timingsMs)
      .map(([what, ms]) => `${what} ${seconds(ms)}`)
      .join(', ')}`,
  );
  console.log(`\nGuarantor is ready at ${server.url}  (started in ${seconds(Date.now() - started)})`);
  if (server.demoMonitoring) {
    console.log('  loading the demo monitoring history meanwhile …');
    const loadingSince = Date.now();
    server.demoMonitoring.then(
      (result) => {
        const took = `(in ${seconds(Date.now() - loadingSince)})`;
        if (result.skipped) console.log(`  demo monitoring history not loaded: ${result.skipped} ${took}`);
        else console.log(`  ${demoMonitoringLine(result)} ${took}`);
      },
      (error: Error) => console.error(`  the demo monitoring history did not load: ${error.message}`),
    );
  }
  console.log(`  API docs: ${server.url}/docs   OpenAPI: ${server.url}/openapi.json`);
  if (prepared.firstAdmin) {
    console.log(
      '\n  First start: an admin account was created. The password is shown this once; keep it safe.',
    );
    console.log(`    username: ${prepared.firstAdmin.username}`);
    console.log(`    password: ${prepared.firstAdmin.password}\n`);
  }
  const stop = async (signal: string) => {
    console.log(`\n${signal}: closing the server and the database …`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
});

dbOptions(program.command('migrate').description('Apply database migrations and load reference data')).action(
  async (opts) => {
    const config = configFrom(opts);
    const database = await openConfiguredDatabase(config);
    try {
      const result = await migrate(database.db);
      const ref = await loadReferenceData(database.db);
      console.log(
        `${where(config)}: ${result.applied.length} migration(s) applied${result.applied.length ? ` (${result.applied.join(', ')})` : ''}, ` +
          `${result.alreadyApplied.length} already in place; ${ref.regions} regions loaded`,
      );
    } finally {
      await database.close();
    }
  },
);

dbOptions(
  program
    .command('seed')
    .description(
      'Load (or refresh) the demo scenario "Paris coalition"; on a database without observations, also its illustrative monitoring history',
    ),
).action(async (opts) => {
  const config = configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    await loadReferenceData(database.db);
    const r = await seedScenario(database.db, readDemoScenario(), systemClock.now());
    console.log(
      `scenario "${r.scenario}": ${r.nations} nations, ${r.missions} missions, ${r.offers} offers, ${r.leadRoles} lead roles, ${r.hubs} hubs written to the ${where(config)}`,
    );
    const zones = await seedDemoZones(database.db, systemClock.now());
    if (zones.zones + zones.rules > 0)
      console.log(`${zones.zones} illustrative demo zones and ${zones.rules} default violation rules loaded`);
    const monitoring = await loadDemoMonitoring(database, systemClock);
    console.log(
      monitoring.skipped
        ? `demo monitoring history not loaded: ${monitoring.skipped}`
        : demoMonitoringLine(monitoring),
    );
  } finally {
    await database.close();
  }
});

function demoMonitoringLine(r: Awaited<ReturnType<typeof loadDemoMonitoring>>): string {
  return `demo monitoring history (illustrative) loaded: ${r.observations} observations, ${r.incidents} incidents, ${r.verified} verified by demo-analyst, ${r.attributed} attributed, ${r.dismissed} dismissed`;
}

const parseRoles = (value: string): UserRole[] => {
  const roles = value.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length)
    throw new InvalidArgumentError(`unknown role(s) ${bad.join(', ')}; use ${ROLES.join(', ')}`);
  return roles as UserRole[];
};
const parseNation = (value: string): string => {
  const code = value.toUpperCase();
  if (!isIso3(code))
    throw new InvalidArgumentError(`"${value}" is not an ISO 3166-1 alpha-3 code (e.g. FRA, GBR, UKR)`);
  return code;
};

const user = program.command('user').description('Manage users');
dbOptions(
  user
    .command('add <username>')
    .description('Create a user; prints a generated password unless --password-stdin is given')
    .requiredOption('--nation <iso3>', "the user's nation (ISO 3166-1 alpha-3)", parseNation)
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(', ')}`, parseRoles)
    .option('--name <display name>', 'display name')
    .option('--password-stdin', 'read the password from standard input')
    .option(
      '--token <name>',
      'also issue an API token with this name (for sensors and other machine clients)',
    )
    .option(
      '--source <kind:id>',
      'bind the token to one source, e.g. camera:cam-7: it reports only as that source and counts as one of its own',
      (value: string) => {
        const [kind, ...rest] = value.split(':');
        const id = rest.join(':').trim();
        if (!(SOURCE_KINDS as readonly string[]).includes(kind ?? '') || id === '')
          throw new InvalidArgumentError(
            `--source takes kind:id with kind one of ${SOURCE_KINDS.join(', ')}, e.g. camera:cam-7`,
          );
        return { kind: kind!, id };
      },
    ),
).action(async (username: string, opts) => {
  const config = configFrom(opts);
  let password: string = newSecret(15);
  if (opts.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks).toString('utf8').trim();
    if (password.length < 12) throw new InvalidArgumentError('the password must be at least 12 characters');
  }
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    if (await findLogin(database.db, username))
      throw new InvalidArgumentError(`a user named ${username} exists already`);
    const created = await insertUser(
      database.db,
      {
        username,
        displayName: opts.name ?? username,
        passwordHash: await hashPassword(password),
        nation: opts.nation,
        roles: opts.roles,
      },
      CLI_ACTOR(),
    );
    console.log(`user ${created.username} (${created.nation}; ${created.roles.join(', ')}) created`);
    if (!opts.passwordStdin) console.log(`password (shown once): ${password}`);
    if (opts.token)
      console.log(
        `API token "${opts.token}"${opts.source ? ` bound to ${opts.source.kind} ${opts.source.id}` : ''} (shown once): ${await createApiToken(database.db, created.id, opts.token, CLI_ACTOR(), opts.source ?? null)}`,
      );
  } finally {
    await database.close();
  }
});

registerAccountCommands(program, user, { dbOptions, configFrom, actor: CLI_ACTOR });

const audit = program.command('audit').description('The hash-chained audit log');
dbOptions(
  audit
    .command('verify')
    .description('Check every link of the audit chain; exits 1 and names the first broken entry'),
).action(async (opts) => {
  const config = configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    const total = Number(
      (
        await database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bar = progressBar('verifying', total);
    const verdict = await verifyAudit(database.db, (done) => bar.update(done));
    bar.stop();
    if (verdict.ok) {
      console.log(`audit chain intact: ${verdict.entries} entries verified`);
    } else {
      console.error(`audit chain BROKEN at entry ${verdict.brokenAtSeq}: ${verdict.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
});

const report = program.command('report').description('Monitoring reports');
dbOptions(
  report
    .command('daily')
    .description(
      'The daily report as PDF (counts per sector against the previous day, categories, notable incidents, sources, map)',
    )
    .option('--date <YYYY-MM-DD>', 'UTC day (default: yesterday)')
    .option('--out <file.pdf>', 'where to write the PDF', undefined)
    .option('--format <pdf|html>', 'pdf or html', 'pdf')
    .option(
      '--nation <iso3>',
      'make it for a reader of this nation (records releasable to it); default: PUBLIC and COALITION records only',
      parseNation,
    ),
).action(async (opts) => {
  const now = systemClock.now();
  const date: string = opts.date ?? addDays(now.toISOString().slice(0, 10), -1);
  if (!isIsoDate(date))
    throw new InvalidArgumentError(`--date ${date}: give a UTC day as YYYY-MM-DD, e.g. 2026-11-26`);
  if (opts.format !== 'pdf' && opts.format !== 'html')
    throw new InvalidArgumentError('--format: pdf or html');
  const config = configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const reader = { nation: opts.nation ?? null, coalitionMember: true };
    const data = await asReader(database.db, reader, (trx) => buildDailyReport(trx, date, reader, now));
    const out: string = opts.out ?? `guarantor-daily-${date}.${opts.format}`;
    writeFileSync(out, opts.format === 'pdf' ? await dailyReportPdf(data) : dailyReportHtml(data));
    console.log(
      `daily report ${date} (${data.releasability}): ${data.totals.today.all} violations, previous day ${data.totals.previous.all}; written to ${out}`,
    );
  } finally {
    await database.close();
  }
});

registerImportCommand(program, { dbOptions, configFrom, where, parseNation });
registerZoneCommands(program, { dbOptions, configFrom, where, parseNation });
registerPresenceCommands(program, { dbOptions, configFrom, where, parseNation });
registerFinanceCommands(program, { dbOptions, configFrom, where, parseNation });
registerTerritoryCommands(program, { dbOptions, configFrom, where, parseNation });
registerLandOptionCommands(program, { dbOptions, configFrom, where, parseNation });
registerCellworkCommands(program, { dbOptions, configFrom, parseNation });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
    console.error(`guarantor: ${error.message}`);
  } else {
    console.error(`guarantor: ${(error as Error).message ?? error}`);
  }
  process.exit(1);
});
