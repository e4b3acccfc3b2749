/**
 * `guarantor territory import`: a control-area file (DeepStateMap-style GeoJSON) as a new
 * version, as POST /api/territory/control-areas/import takes it, with each step said on stderr
 * as it happens (reading, checking with PostGIS, storing) and every skipped or repaired
 * feature listed. `guarantor territory list` shows the versions.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import { CONTROL_SIDES, type ControlSide, describeNote } from '@guarantor/core/territory';
import {
  importControlAreas,
  listControlAreaVersions,
  loadReferenceData,
  migrate,
  ukraineBoundariesKm2,
} from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { IMPORT_EXIT } from './import-command.ts';

/** What the territory commands borrow from main.ts. */
export interface TerritoryCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

interface ImportFlags {
  readonly asOf: string;
  readonly side: ControlSide;
  readonly source?: string;
  readonly nation?: string;
  readonly label: string;
  readonly show: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError(`'${value}' is not a date: give YYYY-MM-DD`);
  }
  return value;
}

const km2 = (n: number) => `${Math.round(n).toLocaleString('en')} km²`;
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

export function registerTerritoryCommands(program: Command, deps: TerritoryCommandDeps): void {
  const territory = program.command('territory').description('Territory: control areas over time');
  deps
    .dbOptions(
      territory
        .command('import <file>')
        .description(
          'Import a control-area file (DeepStateMap-style GeoJSON) as a new version: areas taken, everything else skipped and listed',
        )
        .requiredOption('--as-of <date>', 'the date the area was held (YYYY-MM-DD)', isoDate)
        .addOption(
          new Option('--side <side>', 'whose area the file holds').choices(CONTROL_SIDES).default('occupied'),
        )
        .option('--source <name>', 'the map this file comes from (default: the file name)')
        .option('--nation <iso3>', "store it in this nation's namespace (deepstatemap@FRA)", deps.parseNation)
        .option('--label <label>', 'releasability', 'COALITION')
        .option('--show <n>', 'skipped and repaired features to print', '20'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags, an unreadable file or no database; 2 no area in the file (nothing stored).\nExample: guarantor territory import deepstatemap_20250102.geojson --as-of 2025-01-02 --source deepstatemap',
    )
    .action(async (file: string, opts: ImportFlags) => {
      process.exitCode = await runImport(file, opts, deps);
    });

  deps
    .dbOptions(territory.command('list').description('The control-area versions stored, newest date first'))
    .action(async (opts: { dataDir?: string; databaseUrl?: string }) => {
      const config = deps.configFrom(opts);
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database.db);
        const versions = await listControlAreaVersions(database.db);
        const boundaries = await ukraineBoundariesKm2(database.db);
        if (versions.length === 0)
          console.log('no control areas stored: guarantor territory import <file> --as-of DATE');
        for (const v of versions) {
          console.log(
            `${v.id}  ${v.asOf}  ${v.side}  ${v.source} v${v.version}  ${km2(v.areaKm2)}  ${pct(v.areaKm2 / 603_628)} of 603,628 km² (official), ${pct(v.areaKm2 / boundaries)} of ${km2(boundaries)} (boundaries)  ${v.releasability}`,
          );
        }
      } finally {
        await database.close();
      }
    });
}

async function runImport(file: string, opts: ImportFlags, deps: TerritoryCommandDeps): Promise<number> {
  let label: Releasability;
  try {
    label = parseReleasability(opts.label);
  } catch (error) {
    throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
  }
  const source = (opts.source ?? basename(file).replace(/\.[^.]+$/, ''))
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .slice(0, 64);
  const step = (text: string) => console.error(`  ${text}`);
  let json: unknown;
  try {
    step(`reading ${file} (${Math.round(statSync(file).size / 1024)} kB)`);
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidArgumentError(`${file}: not a JSON file: ${(error as Error).message}`);
  }
  const config = deps.configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    step('opening the database');
    await migrate(database.db);
    // Shares and the change per unit need the first-level units (a fresh folder has none yet).
    await loadReferenceData(database.db);
    step('checking each area with PostGIS, repairing what is invalid, storing the version');
    const result = await database.db.transaction().execute((trx) =>
      importControlAreas(trx, json, {
        side: opts.side,
        asOf: opts.asOf,
        source,
        fileName: basename(file),
        actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
        label,
        at: systemClock.now(),
      }),
    );
    const show = Math.max(0, Number.parseInt(opts.show, 10) || 0);
    const notes = [
      ...result.skipped.map((n) => `skipped: ${describeNote(n)}`),
      ...result.repaired.map((n) => `repaired: ${describeNote(n)}`),
    ];
    for (const n of notes.slice(0, show)) console.error(`  ${n}`);
    if (notes.length > show) console.error(`  … and ${notes.length - show} more`);
    if (!result.stored) {
      console.log(`${file}: refused, nothing stored: ${result.refused}`);
      return IMPORT_EXIT.refused;
    }
    const v = result.stored;
    const boundaries = await ukraineBoundariesKm2(database.db);
    console.log(
      `${file}: stored ${v.id}, ${v.side} on ${v.asOf}, ${v.source} version ${v.version}: ${km2(v.areaKm2)} (${pct(v.areaKm2 / 603_628)} of the official 603,628 km²; ${pct(v.areaKm2 / boundaries)} of the boundaries' ${km2(boundaries)}); ${v.featuresTaken} of ${v.featuresRead} features taken, ${result.skipped.length} skipped, ${result.repaired.length} repaired; ${deps.where(config)}`,
    );
    return IMPORT_EXIT.ok;
  } finally {
    await database.close();
  }
}
