import { findApiToken, findSession, type GuarantorDatabase } from '@guarantor/db';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Principal } from './context.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'guarantor_session';

/** The secret a request authenticates with: an API token or a session cookie. */
export interface Credential {
  readonly kind: 'token' | 'session';
  readonly secret: string;
}

/** The request's credential: a bearer token wins over a cookie, as in the auth hook. */
export function credentialOf(request: FastifyRequest): Credential | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return { kind: 'token', secret: bearer };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { kind: 'session', secret: cookie } : undefined;
}

/** How sessions expire: absolutely at their `expires_at`, and after this long unused. */
export interface SessionPolicy {
  readonly idleMs: number;
}

/** The user a credential stands for now, from the database (no cache), or undefined. */
export async function resolveCredential(
  database: GuarantorDatabase,
  credential: Credential,
  now: Date,
  policy: SessionPolicy,
): Promise<{ userId: string } | undefined> {
  if (credential.kind === 'token') {
    const user = await findApiToken(database.db, credential.secret);
    return user && { userId: user.id };
  }
  const session = await findSession(
    database.db,
    credential.secret,
    now,
    new Date(now.getTime() - policy.idleMs),
  );
  return session && { userId: session.user.id };
}

/** A long-lived response (a live stream) that must end when its credential no longer holds. */
export interface WatchedStream {
  /** Runs `write` once the credential has been checked again; ends the stream instead if it fails. */
  deliver(write: () => void): void;
  /** Stops watching (call when the stream closes). */
  stop(): void;
}

interface Entry {
  readonly credential: Credential;
  readonly userId: string;
  readonly end: () => void;
  check(): Promise<boolean>;
}

/**
 * Keeps open streams honest: each is re-checked against the database before every delivery
 * (one check covers the events that queued while it ran), every `recheckMs`, and at once
 * whenever this server revokes something (sign-out, token revoked, user disabled). A stream
 * whose session is over, idle or deleted, whose token is revoked, or whose user is disabled,
 * is ended. Listeners of `onChange` (the principal cache) hear of each revocation too.
 */
export class CredentialWatch {
  readonly #entries = new Set<Entry>();
  readonly #listeners = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly database: GuarantorDatabase,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    recheckMs: number,
  ) {
    this.#timer = setInterval(() => this.recheckAll(), recheckMs);
    this.#timer.unref();
  }

  /** Watches the stream `request` opened as `principal`; `end` closes it. */
  watch(request: FastifyRequest, principal: Principal, end: () => void): WatchedStream {
    const credential = credentialOf(request);
    let inFlight: Promise<boolean> | undefined;
    let ended = false;
    const entry: Entry = {
      credential: credential ?? { kind: 'session', secret: '' },
      userId: principal.user.id,
      end: () => {
        if (ended) return;
        ended = true;
        this.#entries.delete(entry);
        end();
      },
      check: () => {
        inFlight ??= this.#holds(entry)
          // Fail closed: a stream that cannot be checked ends; the browser reconnects and signs in again if it must.
          .catch(() => false)
          .then((ok) => {
            inFlight = undefined;
            if (!ok) entry.end();
            return ok;
          });
        return inFlight;
      },
    };
    this.#entries.add(entry);
    let queue: Array<() => void> = [];
    return {
      deliver: (write) => {
        if (ended) return;
        queue.push(write);
        if (queue.length > 1) return;
        void entry.check().then((ok) => {
          const writes = queue;
          queue = [];
          if (ok && !ended) for (const w of writes) w();
        });
      },
      stop: () => {
        ended = true;
        this.#entries.delete(entry);
      },
    };
  }

  /**
   * Something was revoked on this server: caches forget, and the open streams of `userId`
   * (every open stream when no user is named) re-check now.
   */
  changed(userId?: string): void {
    for (const listener of this.#listeners) listener();
    for (const entry of this.#entries)
      if (userId === undefined || entry.userId === userId) void entry.check();
  }

  /** Calls `listener` on every revocation. */
  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  /** Re-checks every open stream. */
  recheckAll(): void {
    for (const entry of this.#entries) void entry.check();
  }

  /** Stops the periodic re-check and ends every stream (the server is closing). */
  close(): void {
    clearInterval(this.#timer);
    for (const entry of [...this.#entries]) entry.end();
  }

  get size(): number {
    return this.#entries.size;
  }

  async #holds(entry: Entry): Promise<boolean> {
    if (!entry.credential.secret) return false;
    const now = this.clock.now();
    const found = await resolveCredential(this.database, entry.credential, now, this.policy);
    return found?.userId === entry.userId;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Open streams and the revocations that end them. */
    credentials: CredentialWatch;
  }
}
