import {
  clearSignInFailures,
  type GuarantorDatabase,
  type LockoutPolicy,
  recordSignInFailure,
  signInLockedUntil,
} from '@guarantor/db';
import type { FastifyReply } from 'fastify';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

/**
 * Per-account lockout: LOGIN_LOCKOUT_FAILURES failed sign-ins for one username within
 * LOGIN_LOCKOUT_MINUTES, from any number of addresses, refuse further attempts (even with
 * the right password) until the oldest of them leaves the window, or an admin enables the
 * account again. Unknown usernames lock the same way, so a lockout tells nothing of which
 * usernames exist. The per-address rate limit stays in front of this.
 */
export class SignInLockout {
  readonly #policy: LockoutPolicy;

  private readonly database: GuarantorDatabase;
  private readonly clock: Clock;
  constructor(
    database: GuarantorDatabase,
    clock: Clock,
    config: { readonly LOGIN_LOCKOUT_FAILURES: number; readonly LOGIN_LOCKOUT_MINUTES: number },
  ) {
    this.database = database;
    this.clock = clock;
    this.#policy = {
      failures: config.LOGIN_LOCKOUT_FAILURES,
      windowMs: config.LOGIN_LOCKOUT_MINUTES * 60_000,
    };
  }

  /** Throws 423 `auth.locked` (with Retry-After) when the username is locked now. */
  async refuseIfLocked(username: string, reply: FastifyReply): Promise<void> {
    const now = this.clock.now();
    const until = await signInLockedUntil(this.database.db, username, now, this.#policy);
    if (until) throw this.#locked(until, now, reply);
  }

  /** Records a failed attempt; returns the 423 to throw when it locked the account, else undefined. */
  async failed(username: string, address: string, reply: FastifyReply): Promise<AppError | undefined> {
    const now = this.clock.now();
    const until = await recordSignInFailure(this.database.db, username, now, this.#policy, address);
    return until && this.#locked(until, now, reply);
  }

  /** A successful sign-in forgets the failures before it. */
  succeeded(username: string): Promise<void> {
    return clearSignInFailures(this.database.db, username);
  }

  #locked(until: Date, now: Date, reply: FastifyReply): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    reply.header('retry-after', String(seconds));
    const minutes = this.#policy.windowMs / 60_000;
    return new AppError(
      'auth.locked',
      {
        key: 'auth.locked',
        params: {
          failures: this.#policy.failures,
          minutes,
          until: until.toISOString().slice(0, 19),
          wait: Math.ceil(seconds / 60),
        },
      },
      'body.username',
    );
  }
}
