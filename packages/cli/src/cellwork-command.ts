/**
 * `guarantor actions overdue` and `guarantor actions list`: the cell's actions from the
 * terminal. With --nation the list is read as that nation reads it (row-level security, its
 * coalition membership); without it, as the database owner, everything.
 */
import { overdueByNation } from '@guarantor/core/cellwork';
import { asReader, isCoalitionMember, migrate } from '@guarantor/db';
import { type ActionRow, listActions } from '@guarantor/db/cellwork';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import type { Command } from 'commander';
import { say, words } from './messages.ts';

/** What the action commands borrow from main.ts. */
export interface CellworkCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly parseNation: (value: string) => string;
}

interface Flags {
  readonly nation?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

const line = (a: ActionRow) =>
  `  ${a.id}  ${say('due', { at: words.utc(a.dueAt) })}  ${words.t(`common.actionStatus.${a.status}`)}  ${a.title}${a.ownerPerson ? ` (${a.ownerPerson})` : ''}  [${a.releasability}]`;

async function read(opts: Flags, deps: CellworkCommandDeps): Promise<readonly ActionRow[]> {
  const database = await openConfiguredDatabase(deps.configFrom(opts));
  try {
    await migrate(database.db);
    if (!opts.nation) return await listActions(database.db);
    const reader = {
      nation: opts.nation,
      coalitionMember: await isCoalitionMember(database.db, opts.nation),
    };
    return await asReader(database.db, reader, (trx) => listActions(trx));
  } finally {
    await database.close();
  }
}

export function registerCellworkCommands(program: Command, deps: CellworkCommandDeps): void {
  const actions = program.command('actions').description("The coordination cell's actions");
  deps
    .dbOptions(
      actions
        .command('overdue')
        .description('Open actions past their due date, per owner nation')
        .option('--nation <iso3>', 'read as this nation reads (its releasability)', deps.parseNation),
    )
    .addHelpText('after', '\nExit status: 0 none overdue; 3 some overdue; 1 wrong flags or no database.')
    .action(async (opts: Flags) => {
      const now = systemClock.now();
      const rows = await read(opts, deps);
      const groups = overdueByNation(
        rows.map((a) => ({ ...a, dueAtMs: a.dueAt.getTime() })),
        now.getTime(),
      );
      if (groups.length === 0) {
        console.log(
          opts.nation
            ? say('noOverdueFor', { at: words.utc(now), nation: opts.nation })
            : say('noOverdue', { at: words.utc(now) }),
        );
        return;
      }
      for (const g of groups) {
        console.log(
          `${words.nation(g.nation)} (${g.nation}): ${say('overdueCount', { count: g.actions.length })}`,
        );
        for (const a of g.actions) console.log(line(a));
      }
      process.exitCode = 3;
    });
  deps
    .dbOptions(
      actions
        .command('list')
        .description('Every action, soonest due first')
        .option('--nation <iso3>', 'read as this nation reads (its releasability)', deps.parseNation),
    )
    .action(async (opts: Flags) => {
      const rows = await read(opts, deps);
      if (rows.length === 0) console.log(say('noActions'));
      for (const a of rows) console.log(`${words.nation(a.ownerNation)}${line(a)}`);
    });
}
