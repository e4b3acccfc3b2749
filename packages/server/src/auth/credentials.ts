import { findApiToken, findSession, type GuarantorDatabase } from '@guarantor/db';
import type { FastifyRequest } from 'fastify';
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
  /**
   * Runs `write` once the credential has been checked again; ends the stream instead if it no
   * longer holds, and holds the write while the database cannot be asked.
   */
  deliver(write: () => void): void;
  /** Stops watching (call when the stream closes). */
  stop(): void;
}

/** What a re-check found: the credential holds, it does not (the stream ended), or the database could not say. */
type Verdict = 'holds' | 'ended' | 'unknown';

interface Entry {
  readonly credential: Credential;
  readonly userId: string;
  readonly end: () => void;
  check(): Promise<Verdict>;
}

/** While the database cannot say (a restart), held deliveries are re-checked after 1 s, doubling to 10 s. */
const RECHECK_FIRST_MS = 1_000;
const RECHECK_MAX_MS = 10_000;
/** Deliveries held for one stream while the database is away; past this the stream ends (the client reloads). */
const MAX_HELD = 1_000;

/**
 * Keeps open streams honest: each is re-checked against the database before every delivery
 * (one check covers the events that queued while it ran), every `recheckMs`, and at once
 * whenever this server revokes something (sign-out, token revoked, user disabled). A stream
 * whose session is over, idle or deleted, whose token is revoked, or whose user is disabled,
 * is ended. While the database cannot be asked (a restart), nothing is written: deliveries
 * wait until a check passes, so a stream rides through the outage and then hears `resync`.
 * Listeners of `onChange` (the principal cache) hear of each revocation too.
 */
export class CredentialWatch {
  readonly #entries = new Set<Entry>();
  readonly #listeners = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;

  private readonly resolve: (credential: Credential) => Promise<{ userId: string } | undefined>;
  /**
   * `resolve` asks the database whom a credential stands for now (resolveCredential); it
   * rejects when the database cannot be asked.
   */
  constructor(
    resolve: (credential: Credential) => Promise<{ userId: string } | undefined>,
    recheckMs: number,
  ) {
    this.resolve = resolve;
    this.#timer = setInterval(() => this.recheckAll(), recheckMs);
    this.#timer.unref();
  }

  /** Watches the stream `request` opened as `principal`; `end` closes it. */
  watch(request: FastifyRequest, principal: Principal, end: () => void): WatchedStream {
    const credential = credentialOf(request);
    let inFlight: Promise<Verdict> | undefined;
    let ended = false;
    let retry: NodeJS.Timeout | undefined;
    let failures = 0;
    /** Writes waiting for a check to pass. */
    let queue: Array<() => void> = [];
    /** Stops watching: no retry, nothing held, out of the re-checks. */
    const forget = () => {
      ended = true;
      clearTimeout(retry);
      queue = [];
      this.#entries.delete(entry);
    };
    const entry: Entry = {
      credential: credential ?? { kind: 'session', secret: '' },
      userId: principal.user.id,
      end: () => {
        if (ended) return;
        forget();
        end();
      },
      check: () => {
        inFlight ??= this.#holds(entry)
          .then(
            (ok): Verdict => (ok ? 'holds' : 'ended'),
            // The database could not say: neither end the stream nor write to it yet.
            (): Verdict => 'unknown',
          )
          .then((verdict) => {
            inFlight = undefined;
            if (verdict === 'ended') entry.end();
            return verdict;
          });
        return inFlight;
      },
    };
    this.#entries.add(entry);
    /** Checks, then writes what is queued; while the database cannot say, tries again later. */
    const flush = (): void => {
      void entry.check().then((verdict) => {
        if (ended || verdict === 'ended') return;
        if (verdict === 'unknown') {
          const delayMs = Math.min(RECHECK_MAX_MS, RECHECK_FIRST_MS * 2 ** Math.min(failures, 4));
          failures += 1;
          clearTimeout(retry);
          retry = setTimeout(flush, delayMs);
          return;
        }
        failures = 0;
        const writes = queue;
        queue = [];
        for (const w of writes) w();
      });
    };
    return {
      deliver: (write) => {
        if (ended) return;
        queue.push(write);
        if (queue.length > MAX_HELD) {
          entry.end();
          return;
        }
        // A check is already on its way (or waiting to retry): it writes this one too.
        if (queue.length > 1) return;
        flush();
      },
      stop: forget,
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
    const found = await this.resolve(entry.credential);
    return found?.userId === entry.userId;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Open streams and the revocations that end them. */
    credentials: CredentialWatch;
  }
}
