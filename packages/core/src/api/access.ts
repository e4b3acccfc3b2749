/** Sign-in, sessions, user accounts and API tokens as the API presents them. */
import type { Language } from '../i18n/index.ts';

/** What a user may do; the server's `ROLES` (db `users.ts`) is checked against this list. */
export type UserRole = 'cell_staff' | 'liaison' | 'monitor' | 'analyst' | 'finance' | 'admin';

/** The signed-in user as the server presents it. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly nation: string;
  readonly nationName: string;
  readonly roles: UserRole[];
}

/** A session: the user plus the token every non-GET request must echo. */
export interface Session {
  readonly user: User;
  readonly csrfToken: string;
  /** The language the user chose, null when they have not (the browser's language applies). */
  readonly language: Language | null;
}

/** PUT /api/session/language: the body, and the answer. */
export interface SessionLanguage {
  readonly language: Language | null;
}

/** A freshly issued API token: the secret is shown this once. */
export interface IssuedToken {
  readonly token: string;
  readonly username: string;
  readonly name: string;
}

/** A user as the admin API presents one: when created, and whether disabled. */
export interface Account extends User {
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** An API token as the admin API presents one (never its secret). */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly nation: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** GET /api/users. */
export interface AccountsResponse {
  readonly users: Account[];
}

/** GET /api/tokens. */
export interface ApiTokensResponse {
  readonly tokens: ApiToken[];
}

/** POST /api/users/:username/password: whose password was reset; their sessions ended. */
export interface PasswordReset {
  readonly account: Account;
  readonly sessionsEnded: boolean;
}
