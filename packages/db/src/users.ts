import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from './audit.ts';
import type { Database } from './schema.ts';

/** The roles a user can hold. */
export const ROLES = ['cell_staff', 'liaison', 'monitor', 'analyst', 'finance', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];

/** A user as the server sees one (never with the password hash). */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly nation: string;
  readonly roles: readonly UserRole[];
}

/** A random secret for a cookie or token, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets are stored as their SHA-256 only, so a leaked table opens no session. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

type UserRow = Database['app_user'] extends infer T ? { [K in keyof T]: unknown } : never;

function toUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'nation' | 'roles'>): User {
  return {
    id: row.id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    nation: row.nation as string,
    roles: row.roles as UserRole[],
  };
}

/** Who made a change to identity records, for the audit log. */
export interface Actor {
  readonly actor: string;
  readonly nation: string | null;
  readonly at: Date;
}

// Identity records are for the cell, not for the public.
const IDENTITY_LABEL = { rel_kind: 'COALITION', rel_nations: [] as string[] } as const;

/** Creates a user with an already-hashed password (argon2id, hashed by the caller), audited. */
export async function insertUser(
  db: Kysely<Database>,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    nation: string;
    roles: readonly UserRole[];
  },
  by: Actor,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('app_user')
      .values({
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        nation: u.nation,
        roles: [...u.roles],
        disabled_at: null,
      })
      .returning(['id', 'username', 'display_name', 'nation', 'roles'])
      .executeTakeFirstOrThrow();
    const user = toUser(row);
    await appendAudit(trx, {
      ...by,
      action: 'user.create',
      entity: 'app_user',
      entityId: user.id,
      before: null,
      after: user,
      label: IDENTITY_LABEL,
    });
    return user;
  });
}

/** The user and their password hash, for login; undefined when unknown or disabled. */
export async function findLogin(
  db: Kysely<Database>,
  username: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'nation', 'roles', 'password_hash'])
    .where('username', '=', username)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

/** How many users exist; the first start creates an admin when there are none. */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Opens a session; returns the cookie value, which is stored only as its hash. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  expiresAt: Date,
  /** The sign-in time, from which idle expiry counts (the database's clock when omitted). */
  now?: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = newSecret();
  const csrfToken = newSecret(24);
  await db
    .insertInto('user_session')
    .values({
      token_hash: secretHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ...(now ? { last_seen_at: now } : {}),
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The user behind a live session cookie: not past its absolute expiry and, when `idleSince`
 * is given, used since then.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  idleSince?: Date,
): Promise<{ user: User; csrfToken: string } | undefined> {
  let query = db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['app_user.id', 'username', 'display_name', 'nation', 'roles', 'csrf_token'])
    .where('token_hash', '=', secretHash(token))
    .where('expires_at', '>', now)
    .where('app_user.disabled_at', 'is', null);
  if (idleSince) query = query.where('last_seen_at', '>', idleSince);
  const row = await query.executeTakeFirst();
  return row && { user: toUser(row), csrfToken: row.csrf_token };
}

/** Ends a session. */
export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', secretHash(token)).execute();
}

/** The one source a machine token reports as: a camera, a UAV, a sensor feed. */
export interface TokenSource {
  readonly kind: string;
  readonly id: string;
}

/**
 * Issues an API token for a machine client acting as `userId`, audited; the token is shown once.
 * A token bound to `source` may report only as that source, and counts as one source however
 * many it names.
 */
export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  name: string,
  by: Actor,
  source: TokenSource | null = null,
): Promise<string> {
  const token = `gt_${newSecret()}`;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_token')
      .values({
        token_hash: secretHash(token),
        user_id: userId,
        name,
        revoked_at: null,
        source_kind: source?.kind ?? null,
        source_id: source?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      ...by,
      action: 'token.create',
      entity: 'api_token',
      entityId: row.id,
      before: null,
      after: source ? { userId, name, source } : { userId, name },
      label: IDENTITY_LABEL,
    });
  });
  return token;
}

/** The user an API token acts as, unless revoked. */
export async function findApiToken(db: Kysely<Database>, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['app_user.id', 'username', 'display_name', 'nation', 'roles'])
    .where('token_hash', '=', secretHash(token))
    .where('revoked_at', 'is', null)
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && toUser(row);
}

/** A live API token: its id (the submitter it reports as), its name, and its bound source. */
export interface ApiTokenBinding {
  readonly id: string;
  readonly name: string;
  readonly source: TokenSource | null;
}

/** What a live API token is bound to, or undefined when it is unknown or revoked. */
export async function findApiTokenBinding(
  db: Kysely<Database>,
  token: string,
): Promise<ApiTokenBinding | undefined> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'source_kind', 'source_id'])
    .where('token_hash', '=', secretHash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    source: row.source_kind && row.source_id ? { kind: row.source_kind, id: row.source_id } : null,
  };
}

/** True when the nation has a delegation in the coalition (membership is public). */
export async function isCoalitionMember(db: Kysely<Database>, nation: string): Promise<boolean> {
  const row = await db
    .selectFrom('coalition_nation')
    .select('iso3')
    .where('iso3', '=', nation)
    .executeTakeFirst();
  return row !== undefined;
}
