#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { isLanguage } from '@guarantor/core/i18n';
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
  AppError,
  type Config,
  ConfigError,
  hashPassword,
  loadConfig,
  openConfiguredDatabase,
  startServer,
  systemClock,
} from '@guarantor/server';
import { loadDemoMonitoring } from '@guarantor/server/demo/monitoring';
import { wordsFor } from '@guarantor/server/i18n';
import { buildDailyReport } from '@guarantor/server/reports/daily';
import { dailyReportHtml } from '@guarantor/server/reports/html';
import { dailyReportPdf } from '@guarantor/server/reports/pdf';
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerAccountCommands } from './accounts.ts';
import { registerCellworkCommands } from './cellwork-command.ts';
import { registerFinanceCommands } from './finance-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerLandOptionCommands } from './land-options-command.ts';
import { registerLogisticsCommands } from './logistics-command.ts';
import { language, say, words } from './messages.ts';
import { registerPresenceCommands } from './presence-command.ts';
import { progressBar } from './progress.ts';
import { registerSustainmentCommands } from './sustainment-command.ts';
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
    ? say('wherePostgres', { host: new URL(config.DATABASE_URL).host })
    : say('whereEmbedded', { dir: config.DATA_DIR });
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
  console.log(say('opening', { where: where(config) }));
  const server = await startServer(config, systemClock);
  const { prepared } = server;
  if (prepared.migrationsApplied.length > 0)
    console.log(`  ${say('migrationsApplied', { list: prepared.migrationsApplied.join(', ') })}`);
  if (prepared.seeded) console.log(`  ${say('scenarioLoaded')}`);
  if (prepared.demoMonitoring && !prepared.demoMonitoring.skipped)
    console.log(`  ${demoMonitoringLine(prepared.demoMonitoring)}`);
  const seconds = (ms: number) =>
    new Intl.NumberFormat(words.locale, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(
      ms / 1000,
    );
  console.log(
    `  ${say('startTimings', {
      list: Object.entries(server.timingsMs)
        .map(([what, ms]) => `${what} ${seconds(ms)}`)
        .join(', '),
    })}`,
  );
  console.log(`\n${say('ready', { url: server.url, seconds: seconds(Date.now() - started) })}`);
  if (server.demoMonitoring) {
    console.log(`  ${say('loadingDemo')}`);
    const loadingSince = Date.now();
    server.demoMonitoring.then(
      (result) => {
        const took = say('took', { seconds: seconds(Date.now() - loadingSince) });
        if (result.skipped) console.log(`  ${say('demoNotLoaded', { reason: result.skipped })} ${took}`);
        else console.log(`  ${demoMonitoringLine(result)} ${took}`);
      },
      (error: Error) => console.error(`  ${say('demoFailed', { message: error.message })}`),
    );
  }
  console.log(`  ${say('apiDocs', { docs: `${server.url}/docs`, openapi: `${server.url}/openapi.json` })}`);
  if (prepared.firstAdmin) {
    console.log(`\n  ${say('firstAdmin')}`);
    console.log(`    ${say('username', { username: prepared.firstAdmin.username })}`);
    console.log(`    ${say('password', { password: prepared.firstAdmin.password })}\n`);
  }
  const stop = async (signal: string) => {
    console.log(`\n${say('closing', { signal })}`);
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
        say('migrated', {
          where: where(config),
          applied: result.applied.length,
          list: result.applied.length ? ` (${result.applied.join(', ')})` : '',
          already: result.alreadyApplied.length,
          regions: ref.regions,
        }),
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
    console.log(say('seeded', { ...r, where: where(config) }));
    const zones = await seedDemoZones(database.db, systemClock.now());
    if (zones.zones + zones.rules > 0) console.log(say('zonesLoaded', zones));
    const monitoring = await loadDemoMonitoring(database, systemClock);
    console.log(
      monitoring.skipped
        ? say('demoNotLoaded', { reason: monitoring.skipped })
        : demoMonitoringLine(monitoring),
    );
  } finally {
    await database.close();
  }
});

function demoMonitoringLine(r: Awaited<ReturnType<typeof loadDemoMonitoring>>): string {
  return say('demoLoaded', { ...r });
}

const parseRoles = (value: string): UserRole[] => {
  const roles = value.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length)
    throw new InvalidArgumentError(say('badRoles', { bad: bad.join(', '), roles: ROLES.join(', ') }));
  return roles as UserRole[];
};
const parseNation = (value: string): string => {
  const code = value.toUpperCase();
  if (!isIso3(code)) throw new InvalidArgumentError(say('badNation', { value }));
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
    if (password.length < 12) throw new InvalidArgumentError(say('passwordShort'));
  }
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    if (await findLogin(database.db, username))
      throw new InvalidArgumentError(say('userExists', { username }));
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
    console.log(
      say('userCreated', {
        username: created.username,
        nation: created.nation,
        roles: created.roles.join(', '),
      }),
    );
    if (!opts.passwordStdin) console.log(say('passwordOnce', { password }));
    if (opts.token) {
      const token = await createApiToken(
        database.db,
        created.id,
        opts.token,
        CLI_ACTOR(),
        opts.source ?? null,
      );
      console.log(
        opts.source
          ? say('tokenBoundOnce', { name: opts.token, kind: opts.source.kind, id: opts.source.id, token })
          : say('tokenOnce', { name: opts.token, token }),
      );
    }
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
      console.log(say('auditIntact', { count: verdict.entries }));
    } else {
      console.error(say('auditBroken', { seq: verdict.brokenAtSeq, reason: verdict.reason }));
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
      '--lang <en|uk|fr>',
      'language of the report (default: from GUARANTOR_LANG, LC_ALL or LANG)',
      language,
    )
    .option(
      '--nation <iso3>',
      'make it for a reader of this nation (records releasable to it); default: PUBLIC and COALITION records only',
      parseNation,
    ),
).action(async (opts) => {
  const now = systemClock.now();
  const date: string = opts.date ?? addDays(now.toISOString().slice(0, 10), -1);
  if (!isIsoDate(date)) throw new InvalidArgumentError(say('badDate', { date }));
  if (opts.format !== 'pdf' && opts.format !== 'html') throw new InvalidArgumentError(say('badFormat'));
  if (!isLanguage(opts.lang)) throw new InvalidArgumentError(say('badLang'));
  const reportWords = wordsFor(opts.lang);
  const config = configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const reader = { nation: opts.nation ?? null, coalitionMember: true };
    const data = await asReader(database.db, reader, (trx) => buildDailyReport(trx, date, reader, now));
    const out: string = opts.out ?? `guarantor-daily-${date}.${opts.format}`;
    writeFileSync(
      out,
      opts.format === 'pdf' ? await dailyReportPdf(data, reportWords) : dailyReportHtml(data, reportWords),
    );
    console.log(
      say('reportWritten', {
        date,
        label: data.releasability,
        today: data.totals.today.all,
        previous: data.totals.previous.all,
        out,
      }),
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
registerLogisticsCommands(program, { dbOptions, configFrom, where, parseNation });
registerCellworkCommands(program, { dbOptions, configFrom, parseNation });
registerSustainmentCommands(program, { dbOptions, configFrom, where, parseNation });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
    console.error(say('error', { message: error.message }));
  } else if (error instanceof AppError) {
    // A refusal of the server's catalogue, worded in the command line's language.
    console.error(say('error', { message: error.messageIn(words) }));
  } else {
    console.error(say('error', { message: (error as Error).message ?? error }));
  }
  process.exit(1);
});
