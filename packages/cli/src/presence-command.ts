/**
 * `guarantor presence import`: an HXL 3W table (CSV or HXL JSON) from the command line, as
 * POST /api/presence/import takes it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import {
  type CsvRecord,
  csvRecords,
  hxlJsonRecords,
  hxlPresence,
  readHxlTable,
} from '@guarantor/core/imports';
import { loadReferenceData, migrate, replacePresence } from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { type Command, InvalidArgumentError } from 'commander';
import { IMPORT_EXIT } from './import-command.ts';

/** What the presence commands borrow from main.ts. */
export interface PresenceCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

export function registerPresenceCommands(program: Command, deps: PresenceCommandDeps): void {
  const presence = program
    .command('presence')
    .description('Humanitarian presence (3W) from HXL tables, shown beside the lead matrix');
  deps
    .dbOptions(
      presence
        .command('import <file>')
        .description(
          'Import an HXL table (CSV, or HXL JSON) of who is present where; replaces what the same source said',
        )
        .option('--source <name>', 'the name of this table (default: the file name)')
        .option('--nation <iso3>', "store it in this nation's namespace (ocha-3w@FRA)", deps.parseNation)
        .option('--label <label>', 'releasability', 'COALITION'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags or no database; 2 the file is not a usable HXL table.',
    )
    .action(
      async (
        file: string,
        opts: { source?: string; nation?: string; label: string; dataDir?: string; databaseUrl?: string },
      ) => {
        let label: Releasability;
        try {
          label = parseReleasability(opts.label);
        } catch (error) {
          throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
        }
        const source = (opts.source ?? basename(file).replace(/\.[^.]+$/, ''))
          .toLowerCase()
          .replace(/[^a-z0-9_.-]+/g, '-');
        const text = readFileSync(file, 'utf8');
        let records: CsvRecord[] | undefined;
        if (/\.json$/i.test(file)) {
          try {
            records = hxlJsonRecords(JSON.parse(text));
          } catch (error) {
            throw new InvalidArgumentError(`${file}: not JSON: ${(error as Error).message}`);
          }
        } else {
          records = [];
          for await (const r of csvRecords(text, { bytesRead: 0 })) records.push(r);
        }
        const table = records && readHxlTable(records);
        const reading = table ? hxlPresence(table) : undefined;
        if (!table || !reading || !('units' in reading)) {
          console.log(
            `${file}: refused: ${reading && 'problem' in reading ? reading.problem : 'no row of HXL hashtags (#org, #adm1+code, #sector …) in the first 25 rows'}`,
          );
          process.exitCode = IMPORT_EXIT.refused;
          return;
        }
        const config = deps.configFrom(opts);
        const database = await openConfiguredDatabase(config);
        try {
          await migrate(database.db);
          // The first-level units the table names must be in the store (a fresh folder has none yet).
          await loadReferenceData(database.db);
          const summary = await database.db.transaction().execute((trx) =>
            replacePresence(trx, source, reading.units, {
              actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
              label,
              at: systemClock.now(),
            }),
          );
          for (const p of reading.problems) console.error(`  row ${p.row}, ${p.field}: ${p.reason}`);
          for (const u of summary.unplaced) console.error(`  ${u.unit}: ${u.reason}`);
          if (table.renamed.length > 0) console.error(`  read as HXL 1.0: ${table.renamed.join('; ')}`);
          console.log(
            `${file}: hashtags on row ${table.hashtagRow}; ${summary.regions} regions stored as ${summary.source}, ${reading.problems.length} rows refused, ${summary.unplaced.length} units not placed; ${deps.where(config)}`,
          );
        } finally {
          await database.close();
        }
      },
    );
}
