import type { Kysely } from 'kysely';
import { appendAudit } from './audit.ts';
import type { Database } from './schema.ts';
import { type Actor, secretHash, type User, type UserRole } from './users.ts';

// Identity records are for the cell, not for the public (as in users.ts).
const IDENTITY_LABEL = { rel_kind: 'COALITION', rel_nations: [] as string[] } as const;

/** A user as an admin sees one: whether the account is disabled, and since when it exists. */
export interface UserAccount extends User {
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

/** An API token as an admin sees one (never the secret, which is shown once at issue). */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly nation: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Every user, by username. */
export async function listUsers(db: Kysely<Database>): Promise<UserAccount[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'nation', 'roles', 'created_at', 'disabled_at'])
    .orderBy('username')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    nation: r.nation,
    roles: r.roles as UserRole[],
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  }));
}

/**
 * Disables or enables a user, audited. Disabling ends the user's sessions at once (their API
 * tokens stop working too, as token look-ups skip disabled users); enabling clears the
 * failed sign-ins that may have locked the account (audited as `user.unlock` when the user
 * was not disabled). Undefined when there is no such user; a user already in the asked
 * state, with nothing to unlock, is returned unchanged and nothing is audited.
 */
export async function setUserDisabled(
  db: Kysely<Database>,
  username: string,
  disabled: boolean,
  by: Actor,
): Promise<UserAccount | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('app_user')
      .select(['id', 'disabled_at'])
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    const unlocked = disabled
      ? []
      : await trx.deleteFrom('sign_in_failure').where('username', '=', username).returning('at').execute();
    if ((before.disabled_at !== null) !== disabled) {
      await trx
        .updateTable('app_user')
        .set({ disabled_at: disabled ? by.at : null })
        .where('id', '=', before.id)
        .execute();
      if (disabled) await trx.deleteFrom('user_session').where('user_id', '=', before.id).execute();
      await appendAudit(trx, {
        ...by,
        action: disabled ? 'user.disable' : 'user.enable',
        entity: 'app_user',
        entityId: before.id,
        before: { username, disabledAt: before.disabled_at?.toISOString() ?? null },
        after: { username, disabledAt: disabled ? by.at.toISOString() : null },
        label: IDENTITY_LABEL,
      });
    } else if (unlocked.length > 0) {
      await appendAudit(trx, {
        ...by,
        action: 'user.unlock',
        entity: 'app_user',
        entityId: before.id,
        before: { username, failedSignIns: unlocked.length },
        after: { username, failedSignIns: 0 },
        label: IDENTITY_LABEL,
      });
    }
    return (await listUsers(trx)).find((u) => u.username === username);
  });
}

/**
 * Sets a new password (argon2id, hashed by the caller), audited without the hash: the user's
 * sessions end, and failed sign-ins that locked the account are forgotten. Undefined when
 * there is no such user.
 */
export async function setUserPassword(
  db: Kysely<Database>,
  username: string,
  passwordHash: string,
  by: Actor,
): Promise<UserAccount | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst();
    if (!row) return undefined;
    await trx.deleteFrom('user_session').where('user_id', '=', row.id).execute();
    await trx.deleteFrom('sign_in_failure').where('username', '=', username).execute();
    await appendAudit(trx, {
      ...by,
      action: 'user.password_reset',
      entity: 'app_user',
      entityId: row.id,
      before: { username },
      after: { username, sessionsEnded: true },
      label: IDENTITY_LABEL,
    });
    return (await listUsers(trx)).find((u) => u.username === username);
  });
}

/** Every API token with the user it acts as, newest first. */
export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenRecord[]> {
  const rows = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.name',
      'app_user.username',
      'app_user.nation',
      'api_token.created_at',
      'api_token.revoked_at',
    ])
    .orderBy('api_token.created_at', 'desc')
    .orderBy('api_token.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    username: r.username,
    nation: r.nation,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes an API token, audited; it stops working at once. Undefined when there is no such
 * token; one revoked already is returned unchanged and nothing is audited.
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  id: string,
  by: Actor,
): Promise<ApiTokenRecord | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_token')
      .set({ revoked_at: by.at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'user_id'])
      .executeTakeFirst();
    if (row) {
      await appendAudit(trx, {
        ...by,
        action: 'token.revoke',
        entity: 'api_token',
        entityId: row.id,
        before: { name: row.name, revokedAt: null },
        after: { name: row.name, revokedAt: by.at.toISOString() },
        label: IDENTITY_LABEL,
      });
    }
    return (await listApiTokens(trx)).find((t) => t.id === id);
  });
}

/** The lockout rule: this many failed sign-ins for one username within the window lock it. */
export interface LockoutPolicy {
  readonly failures: number;
  readonly windowMs: number;
}

/**
 * When the username may try again, or undefined when it is not locked: the moment the
 * `failures`-th most recent failure leaves the window.
 */
export async function signInLockedUntil(
  db: Kysely<Database>,
  username: string,
  now: Date,
  policy: LockoutPolicy,
): Promise<Date | undefined> {
  const rows = await db
    .selectFrom('sign_in_failure')
    .select('at')
    .where('username', '=', username)
    .where('at', '>', new Date(now.getTime() - policy.windowMs))
    .orderBy('at', 'desc')
    .limit(policy.failures)
    .execute();
  if (rows.length < policy.failures) return undefined;
  const nth = rows[rows.length - 1]!.at;
  return new Date(nth.getTime() + policy.windowMs);
}

/**
 * Records a failed sign-in and prunes every failure older than the window. When
 * this failure locks the account, the lockout is audited (with the address it came from)
 * and the time it ends is returned.
 */
export async function recordSignInFailure(
  db: Kysely<Database>,
  username: string,
  at: Date,
  policy: LockoutPolicy,
  address: string,
): Promise<Date | undefined> {
  return db.transaction().execute(async (trx) => {
    // Every username's old failures go, not only this one's: sprayed unknown names must not pile up.
    await trx
      .deleteFrom('sign_in_failure')
      .where('at', '<=', new Date(at.getTime() - policy.windowMs))
      .execute();
    await trx.insertInto('sign_in_failure').values({ username, at }).execute();
    const lockedUntil = await signInLockedUntil(trx, username, at, policy);
    if (lockedUntil) {
      await appendAudit(trx, {
        actor: null,
        nation: null,
        at,
        action: 'user.lock',
        entity: 'app_user',
        entityId: username,
        before: null,
        after: {
          username,
          failures: policy.failures,
          windowMinutes: policy.windowMs / 60_000,
          lockedUntil: lockedUntil.toISOString(),
          address,
        },
        label: IDENTITY_LABEL,
      });
    }
    return lockedUntil;
  });
}

/** Forgets a username's failed sign-ins (after a successful one). */
export async function clearSignInFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('username', '=', username).execute();
}

/** Marks a session as used now, for idle expiry. */
export async function touchSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('token_hash', '=', secretHash(token))
    .execute();
}

/** A language a user may choose (0022_user_language). */
export type UserLanguage = 'en' | 'uk' | 'fr';

/** The language a user chose, or null when they have not chosen (or there is no such user). */
export async function userLanguage(db: Kysely<Database>, userId: string): Promise<UserLanguage | null> {
  const row = await db.selectFrom('app_user').select('language').where('id', '=', userId).executeTakeFirst();
  return row?.language ?? null;
}

/**
 * Sets the language a user chose, audited (`user.language`) when it changes; the language
 * afterwards. Null clears the choice (the browser's language applies again).
 */
export async function setUserLanguage(
  db: Kysely<Database>,
  userId: string,
  language: UserLanguage | null,
  by: Actor,
): Promise<UserLanguage | null> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('app_user')
      .select(['username', 'language'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.language === language) return language;
    await trx.updateTable('app_user').set({ language }).where('id', '=', userId).execute();
    await appendAudit(trx, {
      ...by,
      action: 'user.language',
      entity: 'app_user',
      entityId: userId,
      before: { username: before.username, language: before.language },
      after: { username: before.username, language },
      label: IDENTITY_LABEL,
    });
    return language;
  });
}
