import {
  type Actor,
  type GuarantorDatabase,
  listApiTokens,
  listUsers,
  migrate,
  revokeApiToken,
  setUserDisabled,
} from '@guarantor/db';
import { type Config, openConfiguredDatabase } from '@guarantor/server';
import { type Command, InvalidArgumentError } from 'commander';
import { say, words } from './messages.ts';

/** What the account commands borrow from main.ts. */
export interface AccountCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly actor: () => Actor;
}

async function withDatabase<T>(
  deps: AccountCommandDeps,
  opts: { dataDir?: string; databaseUrl?: string },
  run: (database: GuarantorDatabase) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(deps.configFrom(opts));
  try {
    await migrate(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

const day = (at: Date | null) => (at ? words.utc(at) : '');

/**
 * `guarantor user list|disable|enable` and `guarantor token list|revoke`: account
 * administration without SQL, audited as the operating-system user. A running server
 * notices within its principal cache (5 s) and its live streams' re-check
 * (LIVE_RECHECK_SECONDS); the admin API acts on its own server at once.
 */
export function registerAccountCommands(program: Command, user: Command, deps: AccountCommandDeps): void {
  deps
    .dbOptions(user.command('list').description('List users: username, nation, roles, and whether disabled'))
    .action(async (opts) => {
      await withDatabase(deps, opts, async (database) => {
        for (const u of await listUsers(database.db)) {
          const state = u.disabledAt ? say('disabledSince', { at: day(u.disabledAt) }) : say('active');
          console.log(`${u.username}\t${u.nation}\t${u.roles.join(',')}\t${state}\t${u.displayName}`);
        }
      });
    });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    deps
      .dbOptions(
        user
          .command(`${verb} <username>`)
          .description(
            disabled
              ? 'Disable a user: their sessions end and their API tokens stop working'
              : 'Enable a disabled user again, and lift a sign-in lockout',
          ),
      )
      .action(async (username: string, opts) => {
        await withDatabase(deps, opts, async (database) => {
          const account = await setUserDisabled(database.db, username, disabled, deps.actor());
          if (!account) throw new InvalidArgumentError(say('noUser', { username }));
          console.log(
            say(account.disabledAt ? 'userDisabled' : 'userEnabled', { username: account.username }),
          );
        });
      });
  }

  const token = program.command('token').description('Manage API tokens of machine clients');
  deps
    .dbOptions(token.command('list').description('List API tokens: id, name, user, issued, revoked'))
    .action(async (opts) => {
      await withDatabase(deps, opts, async (database) => {
        for (const t of await listApiTokens(database.db)) {
          const state = t.revokedAt ? say('revokedAt', { at: day(t.revokedAt) }) : say('active');
          console.log(
            `${t.id}\t${t.name}\t${t.username} (${t.nation})\t${say('issuedAt', { at: day(t.createdAt) })}\t${state}`,
          );
        }
      });
    });
  deps
    .dbOptions(
      token.command('revoke <id>').description('Revoke an API token (its id from guarantor token list)'),
    )
    .action(async (id: string, opts) => {
      await withDatabase(deps, opts, async (database) => {
        const revoked = await revokeApiToken(database.db, id, deps.actor());
        if (!revoked) throw new InvalidArgumentError(say('noToken', { id }));
        console.log(say('tokenRevoked', { name: revoked.name, username: revoked.username }));
      });
    });
}
