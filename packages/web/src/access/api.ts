/** The account administration part of the HTTP client (admin): users, passwords, API tokens. */
import type {
  Account,
  AccountsResponse,
  ApiToken,
  ApiTokensResponse,
  IssuedToken,
  NationsResponse,
  PasswordReset,
  User,
  UserRole,
} from '@guarantor/core/api';
import { request } from '../api.ts';

/** What an admin gives to add a user. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly nation: string;
  readonly roles: readonly UserRole[];
}

/** What an admin gives to issue a token: the user it acts as, its name, and the device it may report as. */
export interface NewToken {
  readonly username: string;
  readonly name: string;
  readonly source?: { readonly kind: string; readonly id: string };
}

export const accountsApi = {
  users: (signal?: AbortSignal) => request<AccountsResponse>('GET', '/api/users', undefined, signal),
  tokens: (signal?: AbortSignal) => request<ApiTokensResponse>('GET', '/api/tokens', undefined, signal),
  nations: (signal?: AbortSignal) => request<NationsResponse>('GET', '/api/nations', undefined, signal),
  addUser: (user: NewUser) => request<User>('POST', '/api/users', user),
  resetPassword: (username: string, password: string) =>
    request<PasswordReset>('POST', `/api/users/${encodeURIComponent(username)}/password`, { password }),
  setDisabled: (username: string, disabled: boolean) =>
    request<Account>(
      'POST',
      `/api/users/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`,
      {},
    ),
  issueToken: (token: NewToken) => request<IssuedToken>('POST', '/api/tokens', token),
  revoke: (id: string) => request<ApiToken>('POST', `/api/tokens/${encodeURIComponent(id)}/revoke`, {}),
};
