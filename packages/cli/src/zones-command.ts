/**
 * `guarantor zones import`: a GeoJSON file of zones from the command line, laid out as its
 * publisher laid it out (a kind for every feature, the name and id from its own properties),
 * all or nothing, every problem listed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import {
  describeProblem,
  ZONE_KINDS,
  ZoneImportError,
  type ZoneKind,
  type ZoneProblem,
} from '@guarantor/core/zones';
import { importZones, migrate, type ZoneImportSummary } from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { csvCell } from './import.ts';
import { IMPORT_EXIT } from './import-command.ts';

/** What the zone commands borrow from main.ts. */
export interface ZoneCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

interface ZoneImportFlags {
  readonly kind?: ZoneKind;
  readonly nameField?: string;
  readonly idField?: string;
  readonly skipWrongGeometry?: boolean;
  readonly nation?: string;
  readonly label: string;
  readonly problems?: string;
  readonly show: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

export function registerZoneCommands(program: Command, deps: ZoneCommandDeps): void {
  const zones = program
    .command('zones')
    .description('Zones: line of contact, buffer, weapons withdrawal, sectors');
  deps
    .dbOptions(
      zones
        .command('import <file>')
        .description(
          'Import a GeoJSON FeatureCollection of zones, all or nothing: a zone with an id already stored gets a new version',
        )
        .addOption(new Option('--kind <kind>', 'kind of every feature that names none').choices(ZONE_KINDS))
        .option('--name-field <property>', 'the property holding the name (default: name)')
        .option(
          '--id-field <property>',
          "the property holding the id (default: id, the feature's id, or the name as a slug)",
        )
        .option(
          '--skip-wrong-geometry',
          'leave out features of a geometry the kind does not take (points in a file of sectors), listing them',
        )
        .option(
          '--nation <iso3>',
          "store the zones in this nation's namespace (sector-east@FRA); default: shared ids as written",
          deps.parseNation,
        )
        .option('--label <label>', 'releasability of features that carry none', 'COALITION')
        .option(
          '--problems <file.csv>',
          'write every problem (feature, field, code, message) to this CSV file',
        )
        .option('--show <n>', 'problems to print', '20'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags, an unreadable file or no database; 2 the file was refused (nothing stored).\nExample: guarantor zones import adm1.geojson --kind sector --name-field shapeName --id-field shapeISO',
    )
    .action(async (file: string, opts: ZoneImportFlags) => {
      process.exitCode = await runZoneImport(file, opts, deps);
    });
}

async function runZoneImport(file: string, opts: ZoneImportFlags, deps: ZoneCommandDeps): Promise<number> {
  let label: Releasability;
  try {
    label = parseReleasability(opts.label);
  } catch (error) {
    throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidArgumentError(`${file}: not a JSON file: ${(error as Error).message}`);
  }
  const config = deps.configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const summary = await database.db
      .transaction()
      .execute((trx) =>
        importZones(trx, json, {
          actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
          defaultLabel: label,
          at: systemClock.now(),
          read: {
            ...(opts.kind ? { kind: opts.kind } : {}),
            ...(opts.nameField ? { nameField: opts.nameField } : {}),
            ...(opts.idField ? { idField: opts.idField } : {}),
            skipWrongGeometry: opts.skipWrongGeometry === true,
          },
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ZoneImportError) return error;
        throw error;
      });
    if (summary instanceof ZoneImportError) {
      printProblems(summary.problems, opts);
      console.log(`${file}: refused, nothing stored: ${summary.problems.length} problems`);
      return IMPORT_EXIT.refused;
    }
    reportSkipped(summary, opts);
    console.log(
      `${file}: ${summary.read} features read, ${summary.created.length} zones created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped; ${deps.where(config)}`,
    );
    return IMPORT_EXIT.ok;
  } finally {
    await database.close();
  }
}

function reportSkipped(summary: ZoneImportSummary, opts: ZoneImportFlags): void {
  if (summary.skipped.length === 0) return;
  console.error(`  skipped, as asked (--skip-wrong-geometry):`);
  printProblems(summary.skipped, opts);
}

function printProblems(problems: readonly ZoneProblem[], opts: ZoneImportFlags): void {
  const show = Number(opts.show) || 0;
  for (const p of problems.slice(0, show)) console.error(`  ${describeProblem(p)}`);
  if (problems.length > show) console.error(`  … and ${problems.length - show} more`);
  if (opts.problems) {
    writeFileSync(opts.problems, problemsCsv(problems));
    console.error(`  all ${problems.length} written to ${opts.problems}`);
  }
}

/** Every problem as CSV: feature, field, code, message (a spreadsheet's formulas defused). */
export function problemsCsv(problems: readonly ZoneProblem[]): string {
  const lines = [
    'feature,field,code,message',
    ...problems.map((p) => [p.index, p.field, p.code, p.message].map(csvCell).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}
