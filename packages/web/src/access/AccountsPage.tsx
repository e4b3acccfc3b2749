import type { Account, IssuedToken, Nation, UserRole } from '@guarantor/core/api';
import { SOURCE_KINDS } from '@guarantor/core/monitoring';
import { type ReactNode, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { nationName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { ROLE_WORDS, roleDoes, roleName } from '../words.ts';
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

/** The server's field names → the forms' words (keys in the access namespace). */
const FIELD_KEYS: Readonly<Record<string, string>> = {
  username: 'field.username',
  displayName: 'field.displayName',
  password: 'field.password',
  nation: 'field.nation',
  roles: 'field.roles',
  name: 'field.tokenName',
  'source.kind': 'field.deviceKind',
  'source.id': 'field.deviceId',
};
const fieldName = (field: string) => {
  const key = FIELD_KEYS[field];
  return key ? (i18n.t as (k: string) => string)(`access:${key}`) : undefined;
};

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
  const { t } = useTranslation('access');

  if (load.state === 'loading' && version === 0) return <p className="page-status">{t('page.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.state === 'loading') return <p className="page-status">{t('page.reloading')}</p>;
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
        <h1>{t('page.title')}</h1>
      </div>
      <p className="summary">{t('page.summary')}</p>
      <div className="action-bar">
        <button
          type="button"
          aria-pressed={form === 'add-user'}
          onClick={() => setForm(form === 'add-user' ? null : 'add-user')}
        >
          {t('page.addUser')}
        </button>
        <button
          type="button"
          aria-pressed={form === 'issue-token'}
          onClick={() => setForm(form === 'issue-token' ? null : 'issue-token')}
        >
          {t('page.issueToken')}
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
            const nation = nationName(user.nation);
            const values = {
              displayName: user.displayName,
              username: user.username,
              nation,
              roles: rolesInWords(user.roles),
            };
            ask({
              question: <Trans t={t} i18nKey="add.question" values={values} components={{ b: <strong /> }} />,
              confirmLabel: t('add.confirm', values),
              run: async () => {
                await accountsApi.addUser(user);
                return { ok: true, text: t('add.done', values) };
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
                <Trans
                  t={t}
                  i18nKey="token.question"
                  values={{
                    name: token.name,
                    actsAs: nameOf(token.username),
                    username: token.username,
                    device: token.source
                      ? t('token.device', { kind: sourceKindName(token.source.kind), id: token.source.id })
                      : '',
                  }}
                  components={{ b: <strong /> }}
                />
              ),
              confirmLabel: t('token.confirm', { name: token.name }),
              run: async () => {
                const result = await accountsApi.issueToken(token);
                setIssued(result);
                return {
                  ok: true,
                  text: t('token.done', { name: result.name, actsAs: nameOf(result.username) }),
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
                <Trans
                  t={t}
                  i18nKey="reset.question"
                  values={{ displayName: form.reset.displayName, username: form.reset.username }}
                  components={{ b: <strong /> }}
                />
              ),
              confirmLabel: t('reset.confirm', { displayName: form.reset.displayName }),
              run: async () => {
                await accountsApi.resetPassword(form.reset.username, password);
                return {
                  ok: true,
                  text: t('reset.done', {
                    displayName: form.reset.displayName,
                    username: form.reset.username,
                  }),
                };
              },
            })
          }
        />
      )}
      <h2>{t('users.title')}</h2>
      <Downloads list="/api/users" what="the user accounts" />
      <table className="grid" data-testid="users-table">
        <TableHead
          columns={[
            t('users.col.name'),
            t('users.col.username'),
            t('users.col.nation'),
            t('users.col.roles'),
            t('users.col.status'),
            t('users.col.actions'),
          ]}
        />
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td className="code">{u.username}</td>
              <td title={u.nation}>{nationName(u.nation)}</td>
              <td title={u.roles.join(', ')}>{rolesInWords(u.roles)}</td>
              <td>
                {u.disabledAt ? t('users.disabledSince', { when: when(u.disabledAt) }) : t('users.active')}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setOutcome(null);
                    setForm({ reset: u });
                  }}
                >
                  {t('users.resetPassword')}
                </button>{' '}
                {u.username === me ? (
                  <span className="muted">{t('users.you')}</span>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      ask(
                        u.disabledAt
                          ? {
                              question: t('enable.question', {
                                displayName: u.displayName,
                                username: u.username,
                                nation: nationName(u.nation),
                              }),
                              confirmLabel: t('enable.confirm', { displayName: u.displayName }),
                              run: async () => {
                                await accountsApi.setDisabled(u.username, false);
                                return { ok: true, text: t('enable.done', { displayName: u.displayName }) };
                              },
                            }
                          : {
                              question: t('disable.question', {
                                displayName: u.displayName,
                                username: u.username,
                                nation: nationName(u.nation),
                              }),
                              confirmLabel: t('disable.confirm', { displayName: u.displayName }),
                              run: async () => {
                                await accountsApi.setDisabled(u.username, true);
                                return { ok: true, text: t('disable.done', { displayName: u.displayName }) };
                              },
                            },
                      )
                    }
                  >
                    {u.disabledAt ? t('users.enable') : t('users.disable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('tokens.title')}</h2>
      <Downloads list="/api/tokens" what="the API tokens" testId="tokens-downloads" />
      {tokens.length === 0 ? (
        <p className="muted">{t('tokens.none')}</p>
      ) : (
        <table className="grid" data-testid="tokens-table">
          <TableHead
            columns={[
              t('tokens.col.token'),
              t('tokens.col.actsAs'),
              t('tokens.col.issued'),
              t('tokens.col.status'),
              t('tokens.col.action'),
            ]}
          />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td title={`id ${token.id}`}>{token.name}</td>
                <td>
                  {nameOf(token.username)} <span className="code">{token.username}</span>
                </td>
                <td>{when(token.createdAt)}</td>
                <td>
                  {token.revokedAt
                    ? t('tokens.revokedAt', { when: when(token.revokedAt) })
                    : t('tokens.active')}
                </td>
                <td>
                  {!token.revokedAt && (
                    <button
                      type="button"
                      onClick={() =>
                        ask({
                          question: t('revoke.question', { name: token.name, owner: nameOf(token.username) }),
                          confirmLabel: t('revoke.confirm', { name: token.name }),
                          run: async () => {
                            await accountsApi.revoke(token.id);
                            return { ok: true, text: t('revoke.done', { name: token.name }) };
                          },
                        })
                      }
                    >
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AuditTrail
        title={t('audit.title')}
        entity="app_user,api_token"
        refresh={version}
        empty={t('audit.empty')}
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
  const { t } = useTranslation('access');

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    const taken = users.find((u) => u.username === username.trim());
    if (!/^[a-z0-9._-]{3,64}$/.test(username.trim()))
      found.push({ field: t('field.username'), message: t('problem.username') });
    else if (taken)
      found.push({
        field: t('field.username'),
        message: t('problem.usernameTaken', { username: taken.username, displayName: taken.displayName }),
      });
    if (!displayName.trim()) found.push({ field: t('field.displayName'), message: t('problem.displayName') });
    if (!nation) found.push({ field: t('field.nation'), message: t('problem.nation') });
    if (roles.length === 0) found.push({ field: t('field.roles'), message: t('problem.roles') });
    found.push(...passwordProblems(password, repeat));
    return found;
  }

  return (
    <form
      className="form-card"
      aria-label={t('addForm.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        setProblems(found);
        if (found.length === 0)
          onReady({ username: username.trim(), displayName: displayName.trim(), nation, roles, password });
      }}
    >
      <h3>{t('addForm.title')}</h3>
      <ProblemList problems={problems} />
      <label className="field">
        {t('field.username')} <span className="hint">{t('addForm.usernameHint')}</span>
        <input
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
        />
      </label>
      <label className="field">
        {t('field.displayName')}
        <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="field">
        {t('field.nation')}
        <select name="nation" value={nation} onChange={(e) => setNation(e.target.value)}>
          <option value="">{t('addForm.choose')}</option>
          {nations.map((n) => (
            <option key={n.iso3} value={n.iso3}>
              {nationName(n.iso3)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('field.roles')}</legend>
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
            {roleName(role)} <span className="muted">— {roleDoes(role)}</span>
          </label>
        ))}
      </fieldset>
      <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
      <SubmitOrCancel submit={t('addForm.submit')} onCancel={onCancel} />
    </form>
  );
}

function passwordProblems(password: string, repeat: string): FieldProblem[] {
  const t = i18n.getFixedT(null, 'access');
  const found: FieldProblem[] = [];
  if (password.length < 12) found.push({ field: t('field.password'), message: t('problem.passwordShort') });
  if (password !== repeat)
    found.push({ field: t('field.passwordAgain'), message: t('problem.passwordMismatch') });
  return found;
}

function PasswordFields(props: {
  readonly password: string;
  readonly repeat: string;
  readonly setPassword: (v: string) => void;
  readonly setRepeat: (v: string) => void;
}) {
  const { t } = useTranslation('access');
  return (
    <>
      <label className="field">
        {t('field.password')} <span className="hint">{t('password.hint')}</span>
        <input
          type="password"
          name="password"
          value={props.password}
          onChange={(e) => props.setPassword(e.target.value)}
          autoComplete="new-password"
        />
      </label>
      <label className="field">
        {t('field.passwordAgain')}
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
  const { t } = useTranslation('access');
  return (
    <form
      className="form-card"
      aria-label={t('resetForm.label')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = passwordProblems(password, repeat);
        setProblems(found);
        if (found.length === 0) onReady(password);
      }}
    >
      <h3>
        {t('resetForm.title', { displayName: account.displayName })}{' '}
        <span className="code">{account.username}</span>
      </h3>
      <ProblemList problems={problems} />
      <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} />
      <SubmitOrCancel submit={t('resetForm.submit')} onCancel={onCancel} />
    </form>
  );
}

/** A reporting device's kind in words ("uav" → "UAV"); unknown kinds as given. */
function sourceKindName(kind: string): string {
  const key = `access:sourceKind.${kind}`;
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : kind;
}

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
  const { t } = useTranslation('access');

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (!username) found.push({ field: t('field.actsAs'), message: t('problem.actsAs') });
    if (!name.trim()) found.push({ field: t('field.tokenName'), message: t('problem.tokenName') });
    else if (name.trim().length > 200)
      found.push({ field: t('field.tokenName'), message: t('problem.tokenNameLong') });
    if (sourceKind && !sourceId.trim())
      found.push({ field: t('field.deviceId'), message: t('problem.deviceId') });
    if (!sourceKind && sourceId.trim())
      found.push({ field: t('field.deviceKind'), message: t('problem.deviceKind') });
    return found;
  }

  return (
    <form
      className="form-card"
      aria-label={t('tokenForm.title')}
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
      <h3>{t('tokenForm.title')}</h3>
      <p className="muted">{t('tokenForm.intro')}</p>
      <ProblemList problems={problems} />
      <label className="field">
        {t('field.actsAs')}
        <select name="tokenUser" value={username} onChange={(e) => setUsername(e.target.value)}>
          <option value="">{t('tokenForm.chooseUser')}</option>
          {active.map((u) => (
            <option key={u.id} value={u.username}>
              {u.displayName} ({u.username}, {nationName(u.nation)}; {rolesInWords(u.roles)})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('field.tokenName')} <span className="hint">{t('tokenForm.nameHint')}</span>
        <input name="tokenName" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        {t('field.deviceKind')} <span className="hint">{t('tokenForm.kindHint')}</span>
        <select name="sourceKind" value={sourceKind} onChange={(e) => setSourceKind(e.target.value)}>
          <option value="">{t('tokenForm.noDevice')}</option>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {sourceKindName(k)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('field.deviceId')} <span className="hint">{t('tokenForm.idHint')}</span>
        <input name="sourceId" value={sourceId} onChange={(e) => setSourceId(e.target.value)} />
      </label>
      <SubmitOrCancel submit={t('tokenForm.submit')} onCancel={onCancel} />
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
  const { t } = useTranslation('access');
  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="confirm-box" aria-label={t('issued.label')} data-testid="issued-token">
      <p>
        <Trans
          t={t}
          i18nKey="issued.text"
          values={{ actsAs, username: issued.username, name: issued.name }}
          components={{ b: <strong /> }}
        />
      </p>
      <div className="secret">
        <input
          className="secret-value"
          readOnly
          value={issued.token}
          aria-label={t('issued.token')}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={copy}>
          {t('issued.copy')}
        </button>
      </div>
      {copied === 'yes' && <p role="status">{t('issued.copied')}</p>}
      {copied === 'failed' && <p role="status">{t('issued.copyFailed')}</p>}
      <button type="button" className="primary" onClick={onDone}>
        {t('issued.done')}
      </button>
    </section>
  );
}

/** A form's two buttons: check and send it, or leave it. */
function SubmitOrCancel({ submit, onCancel }: { readonly submit: string; readonly onCancel: () => void }) {
  const { t } = useTranslation('access');
  return (
    <div className="form-actions">
      <button type="submit" className="primary">
        {submit}
      </button>
      <button type="button" className="link-button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
