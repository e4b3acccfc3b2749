import type { Account, AccountsResponse, ApiToken, ApiTokensResponse } from '@guarantor/core/api';
import { useState } from 'react';
import { ApiError, request } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';

const accountsApi = {
  users: (signal?: AbortSignal) => request<AccountsResponse>('GET', '/api/users', undefined, signal),
  tokens: (signal?: AbortSignal) => request<ApiTokensResponse>('GET', '/api/tokens', undefined, signal),
  setDisabled: (username: string, disabled: boolean) =>
    request<Account>(
      'POST',
      `/api/users/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`,
      {},
    ),
  revoke: (id: string) => request<ApiToken>('POST', `/api/tokens/${encodeURIComponent(id)}/revoke`, {}),
};

/** An action waiting for the admin to confirm it, in words naming who it touches. */
interface Pending {
  readonly question: string;
  readonly confirmLabel: string;
  run(): Promise<unknown>;
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Accounts (admin): users and API tokens; disable or enable a user, revoke a token, each after a confirmation. */
export function AccountsPage({ me }: { readonly me: string }) {
  const [version, setVersion] = useState(0);
  const load = useLoad(`accounts:${version}`, async (signal) => {
    const [users, tokens] = await Promise.all([accountsApi.users(signal), accountsApi.tokens(signal)]);
    return { users: users.users, tokens: tokens.tokens };
  });
  const [pending, setPending] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  if (load.state === 'loading') return <p className="page-status">Loading accounts…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { users, tokens } = load.data;
  const nameOf = (username: string) => users.find((u) => u.username === username)?.displayName ?? username;

  async function confirm() {
    if (!pending) return;
    const action = pending;
    setPending(null);
    try {
      await action.run();
      setOutcome({ ok: true, text: `Done: ${action.confirmLabel.toLowerCase()}.` });
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof ApiError ? error.message : String(error) });
    }
    setVersion((v) => v + 1);
  }

  return (
    <main className="page" data-testid="accounts-page">
      <div className="page-head">
        <h1>Accounts</h1>
        <p className="summary">
          Disabling a user ends their sessions and live views at once and stops their API tokens; enabling
          them again also lifts a sign-in lockout. A revoked token stops working at once and cannot be
          restored.
        </p>
      </div>
      {pending && (
        <div className="banner" role="alertdialog" aria-label="Confirm" data-testid="confirm">
          <p>{pending.question}</p>
          <button type="button" onClick={confirm}>
            {pending.confirmLabel}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {outcome && (
        <p className={outcome.ok ? 'banner' : 'banner error'} role="status">
          {outcome.text}
        </p>
      )}
      <h2>Users</h2>
      <table className="grid" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Nation</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td className="code">{u.username}</td>
              <td>{u.nationName}</td>
              <td>{u.roles.join(', ')}</td>
              <td>{u.disabledAt ? `disabled since ${when(u.disabledAt)}` : 'active'}</td>
              <td>
                {u.username === me ? (
                  <span className="muted">you</span>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      setPending(
                        u.disabledAt
                          ? {
                              question: `Enable ${u.displayName} (${u.username}, ${u.nationName})? They can sign in again.`,
                              confirmLabel: `Enable ${u.displayName}`,
                              run: () => accountsApi.setDisabled(u.username, false),
                            }
                          : {
                              question: `Disable ${u.displayName} (${u.username}, ${u.nationName})? Their sessions and live views end now and their API tokens stop working.`,
                              confirmLabel: `Disable ${u.displayName}`,
                              run: () => accountsApi.setDisabled(u.username, true),
                            },
                      )
                    }
                  >
                    {u.disabledAt ? 'Enable…' : 'Disable…'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>API tokens</h2>
      {tokens.length === 0 ? (
        <p className="muted">No API tokens have been issued.</p>
      ) : (
        <table className="grid" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Acts as</th>
              <th scope="col">Issued</th>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  {nameOf(t.username)} <span className="code">{t.username}</span>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active'}</td>
                <td>
                  {!t.revokedAt && (
                    <button
                      type="button"
                      onClick={() =>
                        setPending({
                          question: `Revoke the token "${t.name}" of ${nameOf(t.username)}? Clients using it are cut off now; this cannot be undone.`,
                          confirmLabel: `Revoke "${t.name}"`,
                          run: () => accountsApi.revoke(t.id),
                        })
                      }
                    >
                      Revoke…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
