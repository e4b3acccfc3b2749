/**
 * The pieces every form shares: the list of everything wrong with it (all at once, each naming
 * its field in words), the confirmation before sending that says what will happen, the server's
 * refusal, and what was recorded or happened. The admin and analyst screens confirm in a small
 * box and report in a banner; the ceasefire forms confirm in a panel and show the record.
 */
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { i18n } from './i18n/index.ts';
import { type Load, useLoad } from './load.ts';
// The ceasefire forms' panels are styled there.
import './phases/phases.css';

/** One thing wrong with a form: the field in words, and what to do. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Every problem of a form, listed together, so one correction round is enough. `inline` for a
 * ceasefire form, which leads with one bold line.
 */
export function ProblemList({
  problems,
  inline = false,
}: {
  readonly problems: readonly FieldProblem[];
  readonly inline?: boolean;
}) {
  const { t } = useTranslation('common');
  if (problems.length === 0) return null;
  const count = t('form.problems', { count: problems.length });
  return (
    <div
      className={inline ? 'form-error' : 'form-error problem-list'}
      role="alert"
      data-testid="form-problems"
    >
      {inline ? (
        <strong>{t('form.beforeSent', { problems: count })}</strong>
      ) : (
        <p>{t('form.beforeSending', { problems: count })}</p>
      )}
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>
            <strong>{p.field}</strong>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A question before an action is sent, naming what it touches. */
export function Confirm({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
}: {
  readonly question: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
}) {
  const { t } = useTranslation('common');
  return (
    <div className="confirm-box" role="alertdialog" aria-label={t('form.confirm')} data-testid="confirm">
      <p>{question}</p>
      <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
        {busy ? t('form.sending') : confirmLabel}
      </button>{' '}
      <button type="button" className="link-button" onClick={onCancel} disabled={busy}>
        {t('form.cancel')}
      </button>
    </div>
  );
}

/** What happened, or why the server refused. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: ReactNode;
}

/** The banner for an outcome. */
export function OutcomeBanner({ outcome }: { readonly outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <div className={outcome.ok ? 'outcome ok' : 'outcome failed'} role="status" data-testid="outcome">
      {outcome.text}
    </div>
  );
}

/** A refusal from the server as an outcome, with the field it names put in words by `fieldName`. */
export function refusal(
  error: unknown,
  fieldName: (field: string) => string | undefined = () => undefined,
): Outcome {
  if (!(error instanceof ApiError)) return { ok: false, text: String(error) };
  const field = error.field
    ? fieldName(error.field.replace(/^(body|params|query|querystring)\./, ''))
    : undefined;
  return {
    ok: false,
    text: (
      <>
        {i18n.t('common:form.notDone')}
        {field ? <> — {field}</> : ''}: {error.message}
        {error.requestId && (
          <span className="muted"> ({i18n.t('common:form.request', { id: error.requestId })})</span>
        )}
      </>
    ),
  };
}

/** The server's refusal in its own words, with the field it names put as the form labels it. */
export function ServerRefusal({
  error,
  fields = {},
}: {
  readonly error: ApiError;
  readonly fields?: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation('common');
  const field = error.field ? (fields[error.field] ?? error.field.replace(/^body\./, '')) : null;
  return (
    <div className="form-error" role="alert" data-testid="server-refusal">
      <strong>
        {t('form.serverRefused')}
        {field ? ` (${field})` : ''}:
      </strong>{' '}
      {error.message}
      <div className="muted small" title={error.requestId ?? ''}>
        {error.code}
      </div>
    </div>
  );
}

/** "Check what will happen": a summary in words, then send or go back. */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation('common');
  return (
    <section className="confirm-panel" data-testid="confirm-panel" aria-live="polite">
      <h3>{title}</h3>
      <div className="confirm-body">{children}</div>
      <div className="confirm-actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? t('form.sending') : confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          {t('form.goBack')}
        </button>
      </div>
    </section>
  );
}

/**
 * The foot of a ceasefire form: its problems and the server's refusal, then the button that
 * reviews it (while editing, and when `canReview`), or the panel that confirms it in words.
 */
export function ReviewThenSend({
  problems,
  refusal,
  fields,
  step,
  canReview = true,
  reviewLabel,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  readonly problems: readonly FieldProblem[];
  readonly refusal: ApiError | null;
  readonly fields: Readonly<Record<string, string>>;
  readonly step: 'edit' | 'confirm' | 'sending';
  readonly canReview?: boolean;
  readonly reviewLabel: string;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}) {
  return (
    <>
      <ProblemList problems={problems} inline />
      {refusal && <ServerRefusal error={refusal} fields={fields} />}
      {step === 'edit' ? (
        canReview && (
          <div className="form-actions">
            <button type="submit" className="primary">
              {reviewLabel}
            </button>
          </div>
        )
      ) : (
        <ConfirmPanel
          title={title}
          confirmLabel={confirmLabel}
          busy={step === 'sending'}
          onConfirm={onConfirm}
          onCancel={onCancel}
        >
          {children}
        </ConfirmPanel>
      )}
    </>
  );
}

/** What was recorded, once the server said so. */
export function Recorded({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <section className="recorded-panel" data-testid="recorded" role="status">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** Whether the signed-in user holds a role. */
export function hasRole(user: { readonly roles: readonly string[] }, role: string): boolean {
  return user.roles.includes(role);
}

/**
 * As `useLoad`, but a reload keeps showing the data already loaded until the new data comes, so a
 * form that just recorded something (and the confirmation it shows) stays on the page.
 */
export function useLoadKeeping<T>(key: string, fetcher: (signal: AbortSignal) => Promise<T>): Load<T> {
  const load = useLoad(key, fetcher);
  const last = useRef<T | null>(null);
  if (load.state === 'ready') last.current = load.data;
  if (load.state === 'loading' && last.current !== null) return { state: 'ready', data: last.current };
  return load;
}
