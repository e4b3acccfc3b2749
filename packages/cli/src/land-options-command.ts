/**
 * `guarantor land-options import|list|compare` (issue 17, docs/adr/0032-land-options.md): save a
 * land option from a GeoJSON file as a new version, list the options, and compare them side by
 * side on the terminal or into CSV and XLSX files, as the API does. `guarantor territory
 * population import FILE` loads the population table the facts split by area.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { describeNote, parsePopulationCsv } from '@guarantor/core/territory';
import {
  asReader,
  listLandOptions,
  loadReferenceData,
  loadUnitPopulation,
  migrate,
  saveLandOption,
} from '@guarantor/db';
import {
  comparisonCsv,
  comparisonXlsx,
  landOptionFactsOf,
  landOptionsLabel,
  openConfiguredDatabase,
  systemClock,
} from '@guarantor/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { IMPORT_EXIT } from './import-command.ts';
import type { TerritoryCommandDeps } from './territory-command.ts';

interface DbFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

interface ImportFlags extends DbFlags {
  readonly key?: string;
  readonly name?: string;
  readonly description: string;
  readonly side?: 'left' | 'right';
  readonly nation?: string;
  readonly label?: string;
}

interface CompareFlags extends DbFlags {
  readonly bufferKm: string;
  readonly nation?: string;
  readonly csv?: string;
  readonly xlsx?: string;
}

const km2 = (n: number) => `${Math.round(n).toLocaleString('en')} km²`;
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function label(text: string): Releasability {
  try {
    return parseReleasability(text);
  } catch (error) {
    throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
  }
}

/** Registers `land-options` and `territory population import` on the program. */
export function registerLandOptionCommands(program: Command, deps: TerritoryCommandDeps): void {
  const group = program
    .command('land-options')
    .description('Land options: alternative demarcations, versioned, compared on facts');
  deps
    .dbOptions(
      group
        .command('import <file>')
        .description('Save a land option (a GeoJSON LineString, Polygon or MultiPolygon) as a new version')
        .option(
          '--key <key>',
          'the option (a-z, 0-9, . _ -); again for the next version (default: the file name)',
        )
        .option('--name <name>', 'its name in words (default: the key)')
        .option('--description <text>', 'what it proposes', '')
        .addOption(
          new Option(
            '--side <side>',
            'for a line: the side the occupying force would hold, walking from its first position to its last',
          ).choices(['left', 'right']),
        )
        .option(
          '--nation <iso3>',
          "the drafting nation: the option's namespace and default label",
          deps.parseNation,
        )
        .option('--label <label>', 'releasability (default: NATIONAL and the nation)'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags, an unreadable file or no database; 2 refused (nothing stored).\nExample: guarantor land-options import north.geojson --key north --side left --nation FRA',
    )
    .action(async (file: string, opts: ImportFlags) => {
      process.exitCode = await runImport(file, opts, deps);
    });

  deps
    .dbOptions(
      group
        .command('list')
        .description('The options stored: the latest version of each')
        .option('--all', 'every version'),
    )
    .action(async (opts: DbFlags & { all?: boolean }) => {
      const config = deps.configFrom(opts);
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database.db);
        const options = await listLandOptions(database.db, { allVersions: opts.all === true });
        if (options.length === 0) console.log('no land options stored: guarantor land-options import <file>');
        for (const o of options) {
          console.log(
            `${o.id}  ${o.option} v${o.version}  ${o.name}  (${o.kind}${o.occupiedSide ? `, occupying side on the ${o.occupiedSide}` : ''})  ${o.releasability}  by ${o.createdBy} ${o.createdAt.toISOString()}`,
          );
        }
      } finally {
        await database.close();
      }
    });

  deps
    .dbOptions(
      group
        .command('compare [ids...]')
        .description('Compare options side by side (default: the latest version of each)')
        .option('--buffer-km <km>', 'buffer zone width on each side of the line', '15')
        .option(
          '--nation <iso3>',
          'read as a coalition reader of this nation (default: everything stored)',
          deps.parseNation,
        )
        .option('--csv <file>', 'also write the table as CSV')
        .option('--xlsx <file>', 'also write the table as an XLSX workbook'),
    )
    .action(async (ids: string[], opts: CompareFlags) => {
      const bufferKm = Number(opts.bufferKm);
      if (!(bufferKm > 0 && bufferKm <= 100))
        throw new InvalidArgumentError('--buffer-km: a width in (0, 100] km');
      const config = deps.configFrom(opts);
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database.db);
        await loadReferenceData(database.db);
        const today = systemClock.now().toISOString().slice(0, 10);
        const work = async (trx: Parameters<Parameters<typeof asReader>[2]>[0]) => {
          const wanted = ids.length > 0 ? ids : (await listLandOptions(trx)).map((o) => o.id);
          const out: Api.LandOptionFacts[] = [];
          for (const id of wanted) {
            const f = await landOptionFactsOf(trx, id, bufferKm, today, false);
            if (!f)
              throw new InvalidArgumentError(
                `${id}: no land option with that id${opts.nation ? ` that ${opts.nation} may read` : ''}`,
              );
            out.push(f);
          }
          return out;
        };
        const facts = opts.nation
          ? await asReader(database.db, { nation: opts.nation, coalitionMember: true }, work)
          : await database.db.transaction().execute(work);
        if (facts.length === 0)
          console.log('no land options to compare: guarantor land-options import <file>');
        for (const f of facts) printFacts(f);
        if (facts.length > 0) console.log(`releasability of this comparison: ${landOptionsLabel(facts)}`);
        if (opts.csv) {
          writeFileSync(opts.csv, comparisonCsv(facts));
          console.error(`  wrote ${opts.csv}`);
        }
        if (opts.xlsx) {
          writeFileSync(opts.xlsx, await comparisonXlsx(facts, systemClock.now()));
          console.error(`  wrote ${opts.xlsx}`);
        }
      } finally {
        await database.close();
      }
    });

  const territory = program.commands.find((c) => c.name() === 'territory');
  const population = (territory ?? program.command('territory'))
    .command('population')
    .description('Population per first-level unit');
  deps
    .dbOptions(
      population
        .command('import <file>')
        .description('Load a population table (CSV: iso_3166_2, population, year), replacing the one loaded')
        .requiredOption('--source <text>', 'where the figures come from, as the facts will cite it'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 loaded; 1 wrong flags or no database; 2 a line is wrong (nothing loaded).\nExample: guarantor territory population import population_adm1.csv --source "UNFPA COD-PS 2022"',
    )
    .action(async (file: string, opts: DbFlags & { source: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InvalidArgumentError(`${file}: ${(error as Error).message}`);
      }
      const read = parsePopulationCsv(text);
      if (read.problems.length > 0 || read.rows.length === 0) {
        for (const p of read.problems.slice(0, 20)) console.error(`  ${p}`);
        console.log(`${file}: refused, nothing loaded: ${read.problems.length || 'no'} problems`);
        process.exitCode = IMPORT_EXIT.refused;
        return;
      }
      const config = deps.configFrom(opts);
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database.db);
        await loadReferenceData(database.db);
        const result = await database.db.transaction().execute(async (trx) => {
          const r = await loadUnitPopulation(trx, read.rows, {
            source: opts.source,
            at: systemClock.now(),
            defaultYear: systemClock.now().getUTCFullYear(),
          });
          if (r.unknown.length > 0)
            throw new InvalidArgumentError(`unknown units ${r.unknown.join(', ')}: nothing loaded`);
          return r;
        });
        const total = read.rows.reduce((s, r) => s + r.population, 0);
        console.log(
          `${file}: loaded ${result.loaded} units, ${total.toLocaleString('en')} people, source "${opts.source}"; ${deps.where(config)}`,
        );
      } finally {
        await database.close();
      }
    });
}

function printFacts(f: Api.LandOptionFacts): void {
  const o = f.option;
  console.log(`${o.name} (${o.id}, ${o.option} v${o.version}, ${o.releasability})`);
  console.log(
    `  occupying side holds ${km2(f.areas.occupiedKm2)}: ${pct(f.areas.occupiedShare.official)} of the official 603,628 km², ${pct(f.areas.occupiedShare.boundaries)} of the unit boundaries' ${km2(f.areas.occupiedShare.boundariesKm2)}; government ${km2(f.areas.governmentKm2)}`,
  );
  console.log(
    f.difference && f.current
      ? `  against the current line (${f.current.source}, ${f.current.asOf}): occupying side gains ${km2(f.difference.gainedKm2)}, returns ${km2(f.difference.returnedKm2)}`
      : '  no current line loaded: guarantor territory import <file> --as-of DATE',
  );
  console.log(`  units split: ${f.unitsSplit.join(', ') || 'none'}`);
  console.log(
    f.population
      ? `  population (${f.population.source}, area-weighted in split units): occupying side ${f.population.occupied.toLocaleString('en')}, government ${f.population.government.toLocaleString('en')}`
      : '  population: no table loaded (guarantor territory population import FILE --source TEXT)',
  );
  console.log(
    `  line of contact ${f.line.lengthKm.toFixed(1)} km: ${f.monitoring.monitors} monitors (${f.monitoring.monitorsLow}–${f.monitoring.monitorsHigh}), ${f.monitoring.patrolBases} patrol bases`,
  );
  console.log(
    `  ${f.buffer.widthKm} km buffer each side: ${km2(f.buffer.areaKm2)}; settlements ${f.buffer.settlements.map((s) => s.name).join(', ') || 'none'}; hubs ${f.buffer.hubs.map((h) => h.name).join(', ') || 'none'}`,
  );
  for (const b of f.breaks) console.log(`  ${b.severity}: ${b.reason}`);
}

async function runImport(file: string, opts: ImportFlags, deps: TerritoryCommandDeps): Promise<number> {
  const key = (opts.key ?? basename(file).replace(/\.[^.]+$/, ''))
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  if (key === '') throw new InvalidArgumentError('--key: give a short name (a-z, 0-9, . _ -)');
  const lbl = label(opts.label ?? (opts.nation ? `NATIONAL ${opts.nation}` : 'COALITION'));
  let json: unknown;
  try {
    console.error(`  reading ${file} (${Math.round(statSync(file).size / 1024)} kB)`);
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidArgumentError(`${file}: not a JSON file: ${(error as Error).message}`);
  }
  const config = deps.configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    // The checks need Ukraine's land outline (a fresh folder has none yet).
    await loadReferenceData(database.db);
    console.error("  checking the option against Ukraine's land outline, storing the version");
    const result = await database.db.transaction().execute((trx) =>
      saveLandOption(trx, json, {
        key,
        name: opts.name ?? key,
        description: opts.description,
        occupiedSide: opts.side ?? null,
        actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
        label: lbl,
        at: systemClock.now(),
      }),
    );
    if (!result.stored) {
      const field = result.problem.field === 'occupiedSide' ? '--side' : describeNote(result.problem);
      console.log(
        `${file}: refused, nothing stored: ${result.problem.field === 'occupiedSide' ? `${field}: ${result.problem.reason}` : field}`,
      );
      return IMPORT_EXIT.refused;
    }
    for (const n of result.repaired) console.error(`  repaired: ${describeNote(n)}`);
    const o = result.stored;
    console.log(
      `${file}: stored ${o.id}, ${o.option} version ${o.version} (${o.kind}), ${o.releasability}; ${deps.where(config)}`,
    );
    return IMPORT_EXIT.ok;
  } finally {
    await database.close();
  }
}
