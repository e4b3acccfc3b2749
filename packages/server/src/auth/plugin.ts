import {
  findApiToken,
  findApiTokenBinding,
  findSession,
  type GuarantorDatabase,
  isCoalitionMember,
  secretHash,
  touchSession,
  type User,
} from '@guarantor/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Principal } from './context.ts';
import { CredentialWatch, resolveCredential, SESSION_COOKIE, type SessionPolicy } from './credentials.ts';

export { SESSION_COOKIE } from './credentials.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGOUT_URL = '/api/auth/logout';

/**
 * How long a resolved caller is reused without asking the database again. A map pans into a
 * dozen tile requests at once; each would otherwise look up its session and its nation's
 * coalition membership. Sign-out forgets the entry at once; anything changed in the database
 * behind the server's back (a token revoked or a user disabled by SQL) takes effect within this.
 */
export const PRINCIPAL_CACHE_MS = 5000;
const PRINCIPAL_CACHE_ENTRIES = 10_000;

/** Resolved callers by the hash of their credential, with when each expires (monotonic ms). */
class PrincipalCache {
  readonly #entries = new Map<string, { readonly principal: Principal; readonly until: number }>();

  get(key: string): Principal | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > performance.now()) return entry.principal;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, principal: Principal): void {
    if (this.#entries.size >= PRINCIPAL_CACHE_ENTRIES) {
      // Insertion order is age order: drop the oldest tenth.
      let drop = PRINCIPAL_CACHE_ENTRIES / 10;
      for (const k of this.#entries.keys()) {
        this.#entries.delete(k);
        if (--drop === 0) break;
      }
    }
    this.#entries.set(key, { principal, until: performance.now() + PRINCIPAL_CACHE_MS });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * Resolves the caller on every request: an `Authorization: Bearer gt_…` API token (machine
 * clients), or the session cookie (browsers). Cookie-authenticated writes must echo the
 * session's CSRF token in `x-csrf-token`; a cross-site form cannot read it, so it cannot.
 * A resolved caller is reused for PRINCIPAL_CACHE_MS; unknown credentials are never cached.
 */
export function registerAuth(
  app: FastifyInstance,
  database: GuarantorDatabase,
  clock: Clock,
  policy: SessionPolicy & { readonly recheckMs: number } = { idleMs: 3_600_000, recheckMs: 15_000 },
): void {
  const cache = new PrincipalCache();
  const credentials = new CredentialWatch(
    (credential) => resolveCredential(database, credential, clock.now(), policy),
    policy.recheckMs,
  );
  // Whatever this server revokes, no request may ride on a cached caller afterwards.
  credentials.onChange(() => cache.clear());
  app.decorate('credentials', credentials);
  app.addHook('onClose', async () => credentials.close());
  const readerFor = async (user: User) => ({
    nation: user.nation,
    coalitionMember: await isCoalitionMember(database.db, user.nation),
  });
  const sessionKey = (cookie: string) => `session:${secretHash(cookie)}`;

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    let principal: Principal | undefined;
    if (bearer) {
      const key = `token:${secretHash(bearer)}`;
      principal = cache.get(key);
      if (!principal) {
        const user = await findApiToken(database.db, bearer);
        if (!user) throw new AppError('auth.required', { key: 'auth.tokenUnknown' });
        const token = await findApiTokenBinding(database.db, bearer);
        principal = { user, via: 'token', reader: await readerFor(user), ...(token ? { token } : {}) };
        cache.set(key, principal);
      }
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const key = sessionKey(cookie);
        principal = cache.get(key);
        if (!principal) {
          const now = clock.now();
          const session = await findSession(
            database.db,
            cookie,
            now,
            new Date(now.getTime() - policy.idleMs),
          );
          if (session) {
            // Cache misses are at most every PRINCIPAL_CACHE_MS per session: idle time is that precise.
            await touchSession(database.db, cookie, now);
            principal = {
              user: session.user,
              via: 'session',
              csrfToken: session.csrfToken,
              reader: await readerFor(session.user),
            };
            cache.set(key, principal);
          }
        }
      }
      if (principal) {
        // Signing in again from a browser that still holds a session needs no token.
        const isLogin = request.url.split('?')[0] === '/api/auth/login';
        if (
          !SAFE_METHODS.has(request.method) &&
          !isLogin &&
          request.headers['x-csrf-token'] !== principal.csrfToken
        ) {
          throw new AppError('auth.csrf', { key: 'auth.csrfMissing' });
        }
      }
    }
    if (principal) request.principal = principal;
  });

  // After sign-out has deleted the session, no request may ride on the cached entry.
  app.addHook('onResponse', async (request: FastifyRequest) => {
    if (request.url.split('?')[0] !== LOGOUT_URL) return;
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) cache.delete(sessionKey(cookie));
    // Live streams opened with the session end now.
    credentials.changed(request.principal?.user.id);
  });
}
