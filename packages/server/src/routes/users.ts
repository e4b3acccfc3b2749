import type * as Api from '@guarantor/core/api';
import { nationName } from '@guarantor/core/reference';
import {
  type ApiTokenRecord,
  listApiTokens,
  listUsers,
  ROLES,
  revokeApiToken,
  setUserDisabled,
  setUserPassword,
  type UserAccount,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole } from '../auth/context.ts';
import { hashPassword } from '../auth/passwords.ts';
import { AppError } from '../errors.ts';
import { matches } from './contract.ts';

const AccountView = matches<Api.Account>()(
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    nation: z.string(),
    nationName: z.string(),
    roles: z.array(z.enum(ROLES)),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  }),
);

const TokenView = matches<Api.ApiToken>()(
  z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    nation: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  }),
);

function presentAccount(u: UserAccount): Api.Account {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    nation: u.nation,
    nationName: nationName(u.nation) ?? u.nation,
    roles: [...u.roles],
    createdAt: u.createdAt.toISOString(),
    disabledAt: u.disabledAt?.toISOString() ?? null,
  };
}

function presentToken(t: ApiTokenRecord): Api.ApiToken {
  return { ...t, createdAt: t.createdAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null };
}

const Username = z.object({ username: z.string().min(1).max(64) });

/**
 * Account administration (admin): list users and API tokens, disable and enable users, reset
 * a password, revoke tokens. Each change is audited, ends the affected sessions and live streams on
 * this server at once, and on other instances within their principal cache and live re-check.
 */
export const userRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const actor = (admin: ReturnType<typeof requireRole>) => ({
      actor: admin.user.username,
      nation: admin.user.nation,
      at: clock.now(),
    });

    r.get(
      '/api/users',
      {
        schema: {
          tags: ['auth'],
          summary: 'Every user, with whether the account is disabled (admin)',
          response: { 200: matches<Api.AccountsResponse>()(z.object({ users: z.array(AccountView) })) },
        },
      },
      async (request) => {
        requireRole(request, 'admin');
        return { users: (await listUsers(database.db)).map(presentAccount) };
      },
    );

    for (const [verb, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      r.post(
        `/api/users/:username/${verb}`,
        {
          schema: {
            tags: ['auth'],
            summary: disabled
              ? 'Disable a user: their sessions end, their API tokens stop working, live streams close (admin)'
              : 'Enable a disabled or locked-out user again (admin)',
            params: Username,
            response: { 200: AccountView },
          },
        },
        async (request) => {
          const admin = requireRole(request, 'admin');
          const { username } = request.params;
          if (disabled && username === admin.user.username)
            throw new AppError('user.self_disable', { key: 'users.selfDisable' }, 'params.username');
          const account = await setUserDisabled(database.db, username, disabled, actor(admin));
          if (!account)
            throw new AppError(
              'not_found',
              { key: 'users.notFound', params: { username } },
              'params.username',
            );
          app.credentials.changed(account.id);
          request.log.info({ by: admin.user.username, user: username }, `user ${verb}d`);
          return presentAccount(account);
        },
      );
    }

    r.post(
      '/api/users/:username/password',
      {
        schema: {
          tags: ['auth'],
          summary:
            "Reset a user's password (admin): their sessions end and a sign-in lockout is lifted; tell them the new one yourself",
          params: Username,
          body: z.strictObject({
            password: z.string().min(12, 'must be at least 12 characters').max(1024),
          }),
          response: {
            200: matches<Api.PasswordReset>()(z.object({ account: AccountView, sessionsEnded: z.boolean() })),
          },
        },
      },
      async (request) => {
        const admin = requireRole(request, 'admin');
        const { username } = request.params;
        const account = await setUserPassword(
          database.db,
          username,
          await hashPassword(request.body.password),
          actor(admin),
        );
        if (!account)
          throw new AppError('not_found', { key: 'users.notFound', params: { username } }, 'params.username');
        app.credentials.changed(account.id);
        request.log.info({ by: admin.user.username, user: username }, 'password reset');
        return { account: presentAccount(account), sessionsEnded: true };
      },
    );

    r.get(
      '/api/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Every API token with the user it acts as; never the secret (admin)',
          response: { 200: matches<Api.ApiTokensResponse>()(z.object({ tokens: z.array(TokenView) })) },
        },
      },
      async (request) => {
        requireRole(request, 'admin');
        return { tokens: (await listApiTokens(database.db)).map(presentToken) };
      },
    );

    r.post(
      '/api/tokens/:id/revoke',
      {
        schema: {
          tags: ['auth'],
          summary: 'Revoke an API token: it stops working at once (admin)',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: TokenView },
        },
      },
      async (request) => {
        const admin = requireRole(request, 'admin');
        const token = await revokeApiToken(database.db, request.params.id, actor(admin));
        if (!token)
          throw new AppError(
            'not_found',
            { key: 'users.tokenNotFound', params: { id: request.params.id } },
            'params.id',
          );
        app.credentials.changed();
        request.log.info({ by: admin.user.username, token: token.id }, 'token revoked');
        return presentToken(token);
      },
    );
  };
