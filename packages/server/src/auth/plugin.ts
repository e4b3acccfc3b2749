import {
  findApiToken,
  findSession,
  type GuarantorDatabase,
  isCoalitionMember,
  type User,
} from '@guarantor/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Principal } from './context.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'guarantor_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller on every request: an `Authorization: Bearer gt_…` API token (machine
 * clients), or the session cookie (browsers). Cookie-authenticated writes must echo the
 * session's CSRF token in `x-csrf-token`; a cross-site form cannot read it, so it cannot.
 */
export function registerAuth(app: FastifyInstance, database: GuarantorDatabase, clock: Clock): void {
  const readerFor = async (user: User) => ({
    nation: user.nation,
    coalitionMember: await isCoalitionMember(database.db, user.nation),
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    let principal: Principal | undefined;
    if (bearer) {
      const user = await findApiToken(database.db, bearer);
      if (!user)
        throw new AppError(
          'auth.required',
          'the API token is unknown or revoked; ask an admin for a new one',
        );
      principal = { user, via: 'token', reader: await readerFor(user) };
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await findSession(database.db, cookie, clock.now()) : undefined;
      if (session) {
        principal = {
          user: session.user,
          via: 'session',
          csrfToken: session.csrfToken,
          reader: await readerFor(session.user),
        };
        // Signing in again from a browser that still holds a session needs no token.
        const isLogin = request.url.split('?')[0] === '/api/auth/login';
        if (
          !SAFE_METHODS.has(request.method) &&
          !isLogin &&
          request.headers['x-csrf-token'] !== session.csrfToken
        ) {
          throw new AppError(
            'auth.csrf',
            'this write lacks the x-csrf-token header from your session; reload the page and try again',
          );
        }
      }
    }
    if (principal) request.principal = principal;
  });
}
