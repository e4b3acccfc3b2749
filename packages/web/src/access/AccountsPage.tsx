import type { Account, IssuedToken, Nation, UserRole } from '@guarantor/core/api';
import { SOURCE_KINDS } from '@guarantor/core/monitoring';
import { type ReactNode, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatUtc } from '../i18n/format.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { ROLE_WORDS, roleName } from '../words.ts';
import { accountsApi, type NewToken, type NewUser } from './api.ts';

/** An action waiting for the admin to confirm it, in words naming who it touches. */
interface Pending {
  readonly question: ReactNode;
  readonly confirmLabel: string;
  run(): Promise<Outcome>;
}

const when = formatUtc;
const ROLES = Object.keys(ROLE_WORDS) as UserRole[];
const rolesInWords = (roles: readonly string[]) => roles.map(roleName).join(', ');

/** The server's field names in the words of the forms. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  username: 'Username',
  displayName: 'Display name',
  password: 'Password',
  nation: 'Nation',
  roles: 'Roles',
  name: 'Token name',
  'source.kind': 'Device kind',
  'source.id': 'Device id',
};
const fieldName = (field: string) => FIELD_WORDS[field];

/**
 * Accounts (admin): users and API tokens. Add a user, reset a password, issue a token (shown
 * once), disable or enable a user, revoke a token — each checked as a whole before sending,
 * confirmed in words naming who it touches, reported, and visible in the audit log below.
 */
export function AccountsPage({ me }: { readonly me: string }) {
  const [version, setVersion] = useState(0);
  const load = useLoad(`accounts:${version}`, async (signal) => {
    const [users, tokens, nations] = await Promise.all([
      accountsApi.users(signal),
      accountsApi.tokens(signal),
      accountsApi.nations(signal),
    ]);
    return { users: users.users, tokens: tokens.tokens, nations: nations.nations };
  });
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [form, setForm] = useState<'add-user' | 'issue-token' | { readonly reset: Account } | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  if (load.state === 'loading' && version === 0) return <p className="page-status">Loading accounts…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.state === 'loading') return <p className="page-status">Reloading accounts…</p>;
  const { users, tokens, nations } = load.data;
  const nameOf = (username: string) => users.find((u) => u.username === username)?.displayName ?? username;

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    try {
      setOutcome(await pending.run());
      setForm(null);
    } catch (error) {
      setOutcome(refusal(error, fieldName));
    } finally {
      setBusy(false);
      setPending(null);
      setVersion((v) => v + 1);
    }
  }

  const ask = (p: Pending) => {
    setOutcome(null);
    setPending(p);
  };

  return (
    <main className="page" data-testid="accounts-page">
      <div className="page-head">
        <h1>Accounts</h1>
      </div>
      <p className="summary">
        Add the people who use Guarantor and the machines that report to it. Disabling a user ends their
        sessions and live views at once and stops their API tokens; enabling them again also lifts a sign-in
        lockout. A revoked token stops working at once and cannot be restored. Every change here is in the
        audit log at the foot of the page.
      </p>
      <div className="action-bar">
        <button
          type="button"
          aria-pressed={form === 'add-user'}
          onClick={() => setForm(form === 'add-user' ? null : 'add-user')}
        >
          Add a user…
        </button>
        <button
          type="button"
          aria-pressed={form === 'issue-token'}
          onClick={() => setForm(form === 'issue-token' ? null : 'issue-token')}
        >
          Issue an API token…
        </button>
      </div>
      <OutcomeBanner outcome={outcome} />
      {issued && (
        <IssuedTokenPanel issued={issued} actsAs={nameOf(issued.username)} onDone={() => setIssued(null)} />
      )}
      {pending && (
        <Confirm
          question={pending.question}
          confirmLabel={pending.confirmLabel}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        />
      )}
      {form === 'add-user' && !pending && (
        <AddUserForm
          users={users}
          nations={nations}
          onCancel={() => setForm(null)}
          onReady={(user) => {
            const nation = nations.find((n) => n.iso3 === user.nation)?.name ?? user.nation;
            ask({
              question: (
                <>
                  Add <strong>{user.displayName}</strong> ({user.username}) of {nation} as{' '}
                  {rolesInWords(user.roles)}? They sign in with the password you set; tell it to them
                  yourself.
                </>
              ),
              confirmLabel: `Add ${user.displayName}`,
              run: async () => {
                await accountsApi.addUser(user);
                return {
                  ok: true,
                  text: `Added ${user.displayName} (${user.username}), ${nation}, as ${rolesInWords(user.roles)}. The audit log below records it.`,
                };
              },
            });
          }}
        />
      )}
      {form === 'issue-token' && !pending && (
        <IssueTokenForm
          users={users}
          onCancel={() => setForm(null)}
          onReady={(token) =>
            ask({
              question: (
                <>
                  Issue the API token <strong>{token.name}</strong> acting as {nameOf(token.username)} (
                  {token.username})
                  {token.source ? `, reporting only as ${token.source.kind} ${token.source.id}` : ''}? Whoever
                  holds it can do what {nameOf(token.username)} can do through the API.
                </>
              ),
              confirmLabel: `Issue "${token.name}"`,
              run: async () => {
                const result = await accountsApi.issueToken(token);
                setIssued(result);
                return {
                  ok: true,
                  text: `Issued the API token "${result.name}" acting as ${nameOf(result.username)}. Copy it now, below.`,
                };
              },
            })
          }
        />
      )}
      {typeof form === 'object' && form !== null && !pending && (
        <ResetPasswordForm
          account={form.reset}
          onCancel={() => setForm(null)}
          onReady={(password) =>
            ask({
              question: (
                <>
                  Reset the password of <strong>{form.reset.displayName}</strong> ({form.reset.username})?
                  Their sessions end now; tell them the new password yourself.
                </>
              ),
              confirmLabel: `Reset the password of ${form.reset.displayName}`,
              run: async () => {
                await accountsApi.resetPassword(form.reset.username, password);
                return {
                  ok: true,
                  text: `The password of ${form.reset.displayName} (${form.reset.username}) is reset and their sessions have ended. The audit log below records it.`,
                };
              },
            })
          }
        />
      )}
      <h2>Users</h2>
      <Downloads list="/api/users" what="the user accounts" />
      <table className="grid" data-testid="users-table">
        <TableHead columns={['Name', 'Username', 'Nation', 'Roles', 'Status', 'Actions']} />
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td className="code">{u.username}</td>
              <td title={u.nation}>{u.nationName}</td>
              <td title={u.roles.join(', ')}>{rolesInWords(u.roles)}</td>
              <td>{u.disabledAt ? `disabled since ${when(u.disabledAt)}` : 'active'}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setOutcome(null);
                    setForm({ reset: u });
                  }}
                >
                  Reset password…
                </button>{' '}
                {u.username === me ? (
                  <span className="muted">you</span>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      ask(
                        u.disabledAt
                          ? {
                              question: `Enable ${u.displayName} (${u.username}, ${u.nationName})? They can sign in again.`,
                              confirmLabel: `Enable ${u.displayName}`,
                              run: async () => {
                                await accountsApi.setDisabled(u.username, false);
                                return {
                                  ok: true,
                                  text: `Enabled ${u.displayName}; they can sign in again.`,
                                };
                              },
                            }
                          : {
                              question: `Disable ${u.displayName} (${u.username}, ${u.nationName})? Their sessions and live views end now and their API tokens stop working.`,
                              confirmLabel: `Disable ${u.displayName}`,
                              run: async () => {
                                await accountsApi.setDisabled(u.username, true);
                                return {
                                  ok: true,
                                  text: `Disabled ${u.displayName}: their sessions have ended and their API tokens stopped working.`,
                                };
                              },
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
        <p className="muted">
          No API tokens have been issued. A camera, a UAV ground station or another system that reports to
          Guarantor needs one: use “Issue an API token…” above.
        </p>
      ) : (
        <table className="grid" data-testid="tokens-table">
          <TableHead columns={['Token', 'Acts as', 'Issued', 'Status', 'Action']} />
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td title={`id ${t.id}`}>{t.name}</td>
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
                        ask({
                          question: `Revoke the token "${t.name}" of ${nameOf(t.username)}? Clients using it are cut off now; this cannot be undone.`,
                          confirmLabel: `Revoke "${t.name}"`,
                          run: async () => {
                            await accountsApi.revoke(t.id);
                            return {
                              ok: true,
                              text: `Revoked the token "${t.name}"; clients using it are cut off.`,
                            };
                          },
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
      <AuditTrail
        title="Recent changes to accounts"
        entity="app_user,api_token"
        refresh={version}
        empty="No account has been changed yet."
      />
    </main>
  );
}

/** Add a user: every field checked at once, in words; the admin confirms before it is sent. */
function AddUserForm({
  users,
  nations,
  onReady,
  onCancel,
}: {
  readonly users: readonly Account[];
  readonly nations: readonly Nation[];
  readonly onReady: (user: NewUser) => void;
  readonly onCancel: () => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [nation, setNation] = useState('');
  const [roles, setRoles] = useState<readonly UserRole[]>([]);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    const taken = users.find((u) => u.username === username.trim());
    if (!/^[a-z0-9._-]{3,64}$/.test(username.trim()))
      found.push({
        field: 'Username',
        message: 'use 3 to 64 lower-case letters, digits, dots, underscores or hyphens, e.g. pol.monitor',
      });
    else if (taken)
      found.push({ field: 'Username', message: `${taken.username} is already ${taken.displayName}'s` });
    if (!displayName.trim())
      found.push({ field: 'Display name', message: "enter the person's name as colleagues know it" });
    if (!nation) found.push({ field: 'Nation', message: 'choose the nation the person works for' });
    if (roles.length === 0) found.push({ field: 'Roles', message: 'tick at least one role' });
    found.push(...passwordProblems(password, repeat));
    return found;
  }

  return (
    <form
      className="form-card"
      aria-label="Add a user"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        setProblems(found);
        if (found.length === 0)
          onReady({ username: username.trim(), displayName: displayName.trim(), nation, roles, password });
      }}
    >
      <h3>Add a user</h3>
      <ProblemList problems={problems} />
      <label className="field">
        Username <span className="hint">what they type to sign in, e.g. pol.monitor</span>
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
        />
      </label>
      <label className="field">
        Display name
        <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="field">
        Nation
        <select name="nation" value={nation} onChange={(e) => setNation(e.target.value)}>
          <option value="">— choose —</option>
          {nations.map((n) => (
            <option key={n.iso3} value={n.iso3}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="check" title={role}>
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={roles.includes(role)}
              onChange={(e) =>
                setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
              }
            />{' '}
            {ROLE_WORDS[role].name} <span className="muted">— {ROLE_WORDS[role].does}</span>
          </label>
        ))}
      </fieldset>
      <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
      <SubmitOrCancel submit="Check and add…" onCancel={onCancel} />
    </form>
  );
}

function passwordProblems(password: string, repeat: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  if (password.length < 12) found.push({ field: 'Password', message: 'use at least 12 characters' });
  if (password !== repeat) found.push({ field: 'Password again', message: 'does not match the password' });
  return found;
}

function PasswordFields(props: {
  readonly password: string;
  readonly repeat: string;
  readonly setPassword: (v: string) => void;
  readonly setRepeat: (v: string) => void;
}) {
  return (
    <>
      <label className="field">
        Password <span className="hint">at least 12 characters; tell it to the person yourself</span>
        <input
          type="password"
          name="password"
          value={props.password}
          onChange={(e) => props.setPassword(e.target.value)}
          autoComplete="new-password"
        />
      </label>
      <label className="field">
        Password again
        <input
          type="password"
          name="repeat"
          value={props.repeat}
          onChange={(e) => props.setRepeat(e.target.value)}
          autoComplete="new-password"
        />
      </label>
    </>
  );
}

/** Reset one user's password. */
function ResetPasswordForm({
  account,
  onReady,
  onCancel,
}: {
  readonly account: Account;
  readonly onReady: (password: string) => void;
  readonly onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  return (
    <form
      className="form-card"
      aria-label="Reset a password"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = passwordProblems(password, repeat);
        setProblems(found);
        if (found.length === 0) onReady(password);
      }}
    >
      <h3>
        Reset the password of {account.displayName} <span className="code">{account.username}</span>
      </h3>
      <ProblemList problems={problems} />
      <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
      <SubmitOrCancel submit="Check and reset…" onCancel={onCancel} />
    </form>
  );
}

const SOURCE_KIND_WORDS: Readonly<Record<string, string>> = {
  patrol: 'patrol',
  camera: 'camera',
  uav: 'UAV',
  satellite: 'satellite',
  acoustic: 'acoustic sensor',
  cot: 'CoT feed',
  osint: 'open-source feed',
  party_claim: "a party's claims",
};

/** Issue an API token for a machine client, optionally bound to one reporting device. */
function IssueTokenForm({
  users,
  onReady,
  onCancel,
}: {
  readonly users: readonly Account[];
  readonly onReady: (token: NewToken) => void;
  readonly onCancel: () => void;
}) {
  const active = users.filter((u) => !u.disabledAt);
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [sourceKind, setSourceKind] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (!username)
      found.push({ field: 'Acts as', message: 'choose the user whose rights the token carries' });
    if (!name.trim())
      found.push({ field: 'Token name', message: 'name the machine that will use it, e.g. camera-7' });
    else if (name.trim().length > 200)
      found.push({ field: 'Token name', message: 'use at most 200 characters' });
    if (sourceKind && !sourceId.trim())
      found.push({ field: 'Device id', message: 'give the id the device reports as, or choose no device' });
    if (!sourceKind && sourceId.trim())
      found.push({
        field: 'Device kind',
        message: 'choose what kind of device it is, or clear the device id',
      });
    return found;
  }

  return (
    <form
      className="form-card"
      aria-label="Issue an API token"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        setProblems(found);
        if (found.length === 0)
          onReady({
            username,
            name: name.trim(),
            ...(sourceKind ? { source: { kind: sourceKind, id: sourceId.trim() } } : {}),
          });
      }}
    >
      <h3>Issue an API token</h3>
      <p className="muted">
        A token lets a machine call the API as a user, without a password. You will see it once, right after
        it is issued.
      </p>
      <ProblemList problems={problems} />
      <label className="field">
        Acts as
        <select name="tokenUser" value={username} onChange={(e) => setUsername(e.target.value)}>
          <option value="">— choose a user —</option>
          {active.map((u) => (
            <option key={u.id} value={u.username}>
              {u.displayName} ({u.username}, {u.nationName}; {rolesInWords(u.roles)})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Token name <span className="hint">the machine that will use it, e.g. camera-7</span>
        <input name="tokenName" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        Device kind{' '}
        <span className="hint">optional: bind the token to one device, which then counts as one source</span>
        <select name="sourceKind" value={sourceKind} onChange={(e) => setSourceKind(e.target.value)}>
          <option value="">no device (any source the user may report)</option>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SOURCE_KIND_WORDS[k] ?? k}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Device id <span className="hint">the id its reports carry, e.g. camera-7</span>
        <input name="sourceId" value={sourceId} onChange={(e) => setSourceId(e.target.value)} />
      </label>
      <SubmitOrCancel submit="Check and issue…" onCancel={onCancel} />
    </form>
  );
}

/** The token, shown this once, with a copy button. */
function IssuedTokenPanel({
  issued,
  actsAs,
  onDone,
}: {
  readonly issued: IssuedToken;
  readonly actsAs: string;
  readonly onDone: () => void;
}) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="confirm-box" aria-label="The new API token" data-testid="issued-token">
      <p>
        <strong>Copy this token now: you will not see it again.</strong> It acts as {actsAs} (
        {issued.username}) under the name “{issued.name}”. Guarantor keeps only a fingerprint of it; if it is
        lost, revoke it and issue another.
      </p>
      <div className="secret">
        <input
          className="secret-value"
          readOnly
          value={issued.token}
          aria-label="API token"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      {copied === 'yes' && <p role="status">Copied to the clipboard.</p>}
      {copied === 'failed' && (
        <p role="status">The browser would not copy it: select the token above and copy it by hand.</p>
      )}
      <button type="button" className="primary" onClick={onDone}>
        I have copied it — hide the token
      </button>
    </section>
  );
}

/** A form's two buttons: check and send it, or leave it. */
function SubmitOrCancel({ submit, onCancel }: { readonly submit: string; readonly onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary">
        {submit}
      </button>
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
