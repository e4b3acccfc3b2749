import type { ApiTokenBinding, ReaderContext, User, UserRole } from '@guarantor/db';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Who is calling: a user through a browser session or an API token. */
export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly csrfToken?: string;
  readonly reader: ReaderContext;
  /** The API token a machine client called with, and the source it is bound to. */
  readonly token?: ApiTokenBinding;
}

/**
 * Who really submits a report, for judging independence (core Observation.submitter): a token
 * is its own submitter, an account is one submitter whatever sources its reports name.
 */
export function submitterKey(principal: Principal): string {
  return principal.token ? `token:${principal.token.id}` : `user:${principal.user.username}`;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The caller, or 401 when the request carries no valid session or token. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new AppError('auth.required', { key: 'auth.signInFirst' });
  }
  return request.principal;
}

/** The caller when they hold one of the roles, else 403 naming the roles needed. */
export function requireRole(request: FastifyRequest, ...roles: readonly UserRole[]): Principal {
  const principal = requireUser(request);
  if (!roles.some((r) => principal.user.roles.includes(r))) {
    throw new AppError('auth.forbidden', {
      key: 'auth.roleNeeded',
      params: {
        roles: roles.join(' or '),
        held: principal.user.roles.join(', ') || { refusal: { key: 'auth.noRole' } },
      },
    });
  }
  return principal;
}
