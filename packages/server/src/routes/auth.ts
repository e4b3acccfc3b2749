import type * as Api from '@guarantor/core/api';
import { LANGUAGES } from '@guarantor/core/i18n';
import { SOURCE_KINDS } from '@guarantor/core/monitoring';
import { isIso3, nationName } from '@guarantor/core/reference';
import {
  createApiToken,
  createSession,
  deleteSession,
  findLogin,
  insertUser,
  listUsers,
  ROLES,
  setUserLanguage,
  type User,
  userLanguage,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { SignInLockout } from '../auth/lockout.ts';
import { hashPassword, verifyDecoy, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE } from '../auth/plugin.ts';
import { AppError } from '../errors.ts';
import { isLoopbackHost } from '../security-headers.ts';
import { matches } from './contract.ts';

const UserView = matches<Api.User>()(
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    nation: z.string(),
    nationName: z.string(),
    roles: z.array(z.enum(ROLES)),
  }),
);

/** A user as the API shows one. */
export function presentUser(user: User): Api.User {
  return { ...user, roles: [...user.roles], nationName: nationName(user.nation) ?? user.nation };
}

const LanguageView = z.enum(LANGUAGES).nullable();
const Session = matches<Api.Session>()(
  z.object({ user: UserView, csrfToken: z.string(), language: LanguageView }),
);

/** Nation codes in request bodies: upper-case ISO 3166-1 alpha-3 that exists. */
export const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. FRA')
  .refine(isIso3, 'is not an assigned ISO 3166-1 alpha-3 code');

/** Sign in, sign out, who am I; users and API tokens (admin). */
export const authRoutes =
  ({ database, clock, config }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const lockout = new SignInLockout(database, clock, config);
    const secure = (hostname: string) =>
      config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && !isLoopbackHost(hostname));

    r.post(
      '/api/auth/login',
      {
        config: {
          rateLimit: {
            max: config.LOGIN_RATE_PER_MINUTE,
            timeWindow: '1 minute',
            // Thrown as it is: the error handler words it in the reader's language.
            errorResponseBuilder: (_req, ctx) =>
              new AppError('auth.rate_limited', {
                key: 'auth.tooManySignIns',
                params: { seconds: Math.ceil(ctx.ttl / 1000) },
              }) as unknown as { statusCode: number },
          },
        },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for writes',
          security: [],
          body: z.strictObject({
            username: z.string().min(1).max(64),
            password: z.string().min(1).max(1024),
          }),
          response: { 200: Session },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const name = username.toLowerCase();
        await lockout.refuseIfLocked(name, reply);
        const found = await findLogin(database.db, name);
        const ok = found ? await verifyPassword(found.passwordHash, password) : await verifyDecoy(password);
        if (!found || !ok) {
          request.log.warn({ username }, 'sign-in refused');
          throw (
            (await lockout.failed(name, request.ip, reply)) ??
            new AppError('auth.invalid_credentials', { key: 'auth.invalidCredentials' })
          );
        }
        await lockout.succeeded(name);
        const expires = new Date(clock.now().getTime() + config.SESSION_TTL_HOURS * 3_600_000);
        const session = await createSession(database.db, found.user.id, expires, clock.now());
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secure(request.hostname),
          expires,
        });
        return {
          user: presentUser(found.user),
          csrfToken: session.csrfToken,
          language: await userLanguage(database.db, found.user.id),
        };
      },
    );

    r.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out: ends the session' } },
      async (request, reply) => {
        requireUser(request);
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) await deleteSession(database.db, cookie);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    r.get(
      '/api/session',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the CSRF token',
          response: { 200: Session },
        },
      },
      async (request) => {
        const principal = requireUser(request);
        return {
          user: presentUser(principal.user),
          csrfToken: principal.csrfToken ?? '',
          language: await userLanguage(database.db, principal.user.id),
        };
      },
    );

    r.put(
      '/api/session/language',
      {
        schema: {
          tags: ['auth'],
          summary: 'Choose the language of the app, the reports and the e-mails for the signed-in user',
          description:
            "English, Ukrainian or French; null forgets the choice, so the browser's language applies again. Audited.",
          body: z.strictObject({
            language: z
              .enum(LANGUAGES, { error: "must be one of en, uk, fr (or null to use the browser's language)" })
              .nullable(),
          }),
          response: { 200: matches<Api.SessionLanguage>()(z.object({ language: LanguageView })) },
        },
      },
      async (request) => {
        const { user } = requireUser(request);
        const language = await setUserLanguage(database.db, user.id, request.body.language, {
          actor: user.username,
          nation: user.nation,
          at: clock.now(),
        });
        return { language };
      },
    );

    r.post(
      '/api/users',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create a user (admin)',
          body: z.strictObject({
            username: z
              .string()
              .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3-64 of a-z, 0-9, dot, underscore, hyphen'),
            displayName: z.string().min(1).max(200),
            password: z.string().min(12, 'must be at least 12 characters').max(1024),
            nation: Iso3,
            roles: z.array(z.enum(ROLES)).min(1),
          }),
          response: { 201: UserView },
        },
      },
      async (request, reply) => {
        const admin = requireRole(request, 'admin');
        const { password, ...rest } = request.body;
        if ((await listUsers(database.db)).some((u) => u.username === rest.username))
          throw new AppError(
            'conflict.exists',
            { key: 'users.exists', params: { username: rest.username } },
            'body.username',
          );
        const passwordHash = await hashPassword(password);
        const user = await insertUser(
          database.db,
          { ...rest, passwordHash },
          { actor: admin.user.username, nation: admin.user.nation, at: clock.now() },
        );
        request.log.info({ by: admin.user.username, user: user.username }, 'user created');
        return reply.status(201).send(presentUser(user));
      },
    );

    r.post(
      '/api/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Issue an API token for a machine client acting as a user (admin); shown once',
          description:
            'With `source`, the token is bound to one device: its reports must name that source, and it counts as one independent source of its own.',
          body: z.strictObject({
            username: z.string(),
            name: z.string().min(1).max(200),
            source: z
              .strictObject({ kind: z.enum(SOURCE_KINDS), id: z.string().trim().min(1).max(200) })
              .optional(),
          }),
          response: {
            201: matches<Api.IssuedToken>()(
              z.object({ token: z.string(), username: z.string(), name: z.string() }),
            ),
          },
        },
      },
      async (request, reply) => {
        const admin = requireRole(request, 'admin');
        const found = await findLogin(database.db, request.body.username);
        if (!found) {
          const disabled = (await listUsers(database.db)).some(
            (u) => u.username === request.body.username && u.disabledAt !== null,
          );
          throw disabled
            ? new AppError(
                'request.invalid',
                { key: 'users.disabledNoToken', params: { username: request.body.username } },
                'body.username',
              )
            : new AppError(
                'not_found',
                { key: 'users.notFound', params: { username: request.body.username } },
                'body.username',
              );
        }
        const token = await createApiToken(
          database.db,
          found.user.id,
          request.body.name,
          { actor: admin.user.username, nation: admin.user.nation, at: clock.now() },
          request.body.source ?? null,
        );
        return reply.status(201).send({ token, username: found.user.username, name: request.body.name });
      },
    );
  };
