/**
 * `guarantor finance import kiel|rates|needs|iati <file>`: the finance files from the command
 * line, as POST /api/finance/import/* takes them: parsed in core, refused whole with every
 * problem by row and field, stored in one transaction.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import {
  formatMinor,
  IatiRefusal,
  type ImportProblem,
  overCommitments,
  parseEcbRates,
  parseIatiActivities,
  parseKielCsv,
  parseNeeds,
} from '@guarantor/core/finance';
import { migrate, putRates, replaceIatiFlows, replaceKielFlows, replaceNeeds } from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { type Command, InvalidArgumentError } from 'commander';
import { IMPORT_EXIT } from './import-command.ts';

/** What the finance commands borrow from main.ts. */
export interface FinanceCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

const KINDS = ['kiel', 'rates', 'needs', 'iati'] as const;
type Kind = (typeof KINDS)[number];

interface Options {
  source?: string;
  document?: string;
  nation?: string;
  label: string;
  overCommitmentReason?: string;
  dataDir?: string;
  databaseUrl?: string;
}

export function registerFinanceCommands(program: Command, deps: FinanceCommandDeps): void {
  const finance = program
    .command('finance')
    .description('Reconstruction finance: pledges to delivery (ADR 0027)');
  deps
    .dbOptions(
      finance
        .command('import <kind> <file>')
        .description(
          'Import a finance file: kiel (the Kiel Ukraine Support Tracker data-explorer CSV), rates (ECB euro reference rates CSV) needs (needs per sector with sources) or iati (an IATI 2.03 activity file); a source imported again is replaced',
        )
        .option('--source <name>', 'the name of this file (default: the file name)')
        .option('--document <text>', 'the source document to cite (kiel)')
        .option('--nation <iso3>', "store it in this nation's namespace (kiel-r29@FRA)", deps.parseNation)
        .option('--label <label>', 'releasability (kiel, needs, iati)', 'COALITION')
        .option(
          '--over-commitment-reason <text>',
          "iati: why disbursements may exceed their activity's commitment (stored on them and audited)",
        ),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags or no database; 2 the file is refused (its header); 3 rows have problems, so nothing was stored.',
    )
    .action(async (kind: string, file: string, opts: Options) => {
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw new InvalidArgumentError(`<kind>: '${kind}' is not one of ${KINDS.join(', ')}`);
      }
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
      if (kind === 'iati') {
        await importIati(file, text, source, label, opts, deps);
        return;
      }
      const read =
        kind === 'kiel'
          ? parseKielCsv(text)
          : kind === 'rates'
            ? parseEcbRates(text, opts.source ?? 'ECB euro reference rates')
            : parseNeeds(text);
      if (read.problems.length > 0) {
        report(file, read.problems);
        process.exitCode = read.problems[0]!.field === 'header' ? IMPORT_EXIT.refused : IMPORT_EXIT.rejected;
        return;
      }
      const config = deps.configFrom(opts);
      const database = await openConfiguredDatabase(config);
      const options = {
        actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
        label,
        at: systemClock.now(),
      };
      try {
        await migrate(database.db);
        const stored = await database.db.transaction().execute(async (trx) => {
          switch (kind as Kind) {
            case 'kiel': {
              const k = read as ReturnType<typeof parseKielCsv>;
              const s = await replaceKielFlows(trx, source, k, {
                ...options,
                sourceDocument: opts.document ?? 'Kiel Ukraine Support Tracker',
              });
              return `${s.flows} flows of ${s.donors} donors stored as ${s.source}${s.replaced > 0 ? `, replacing ${s.replaced}` : ''}`;
            }
            case 'rates': {
              const s = await putRates(trx, (read as ReturnType<typeof parseEcbRates>).rates, options);
              return `${s.rates} rates of ${s.currencies.join(', ')} from ${s.firstDate} to ${s.lastDate} stored`;
            }
            case 'needs': {
              const s = await replaceNeeds(
                trx,
                source,
                (read as ReturnType<typeof parseNeeds>).needs,
                options,
              );
              return `${s.needs} needs stored as ${s.source}`;
            }
          }
        });
        console.log(`${file}: ${read.rowsRead} rows read; ${stored}; ${deps.where(config)}`);
      } finally {
        await database.close();
      }
    });
}

/** `finance import iati`: the IATI report (taken, skipped with reasons), refused whole on any problem. */
async function importIati(
  file: string,
  text: string,
  source: string,
  label: Releasability,
  opts: Options,
  deps: FinanceCommandDeps,
): Promise<void> {
  let read: ReturnType<typeof parseIatiActivities>;
  try {
    read = parseIatiActivities(text);
  } catch (error) {
    if (!(error instanceof IatiRefusal)) throw error;
    console.log(`${file}: refused, nothing stored: ${error.message}`);
    process.exitCode = IMPORT_EXIT.refused;
    return;
  }
  if (read.problems.length > 0) {
    for (const p of read.problems) console.error(`  ${p.element}: ${p.reason}`);
    console.log(
      `${file}: ${read.problems.length} problems, so nothing was stored; fix the elements above and import it again`,
    );
    process.exitCode = IMPORT_EXIT.rejected;
    return;
  }
  const over = overCommitments(read.flows);
  const reason = opts.overCommitmentReason?.trim() || null;
  if (over.length > 0 && !reason) {
    for (const o of over)
      console.error(
        `  ${o.activityId}: ${formatMinor(o.disbursedMinor, o.currency)} disbursed against ${formatMinor(o.committedMinor, o.currency)} ${o.currency} committed`,
      );
    console.log(
      `${file}: disbursements exceed their commitment; nothing was stored: give --over-commitment-reason to record why`,
    );
    process.exitCode = IMPORT_EXIT.rejected;
    return;
  }
  const config = deps.configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const s = await database.db.transaction().execute((trx) =>
      replaceIatiFlows(
        trx,
        source,
        {
          donors: read.donors,
          flows: read.flows,
          skipped: read.skipped.length,
          overCommitted: over.map((o) => o.activityId),
        },
        {
          actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
          label,
          at: systemClock.now(),
          sourceDocument: opts.document ?? 'IATI activity file',
          overCommitmentReason: over.length > 0 ? reason : null,
        },
      ),
    );
    for (const skip of read.skipped) console.log(`  skipped ${skip.element}: ${skip.reason}`);
    console.log(
      `${file}: ${read.activitiesRead} activities, ${read.transactionsRead} transactions read; ${s.flows} flows of ${s.donors} donors stored as ${s.source}${s.replaced > 0 ? `, replacing ${s.replaced}` : ''}; ${read.skipped.length} skipped; ${deps.where(config)}`,
    );
  } finally {
    await database.close();
  }
}

function report(file: string, problems: readonly ImportProblem[]): void {
  for (const p of problems) console.error(`  row ${p.row}, ${p.field}: ${p.reason}`);
  console.log(
    `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, so nothing was stored; fix the rows above and import it again`,
  );
}
