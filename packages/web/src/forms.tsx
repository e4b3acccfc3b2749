/**
 * The pieces every form of the admin and analyst screens shares: the list of everything wrong
 * with a form (all at once, each naming its field in words), the confirmation before sending,
 * and the banner saying what happened.
 */
import type { ReactNode } from 'react';
import { ApiError } from './api.ts';

/** One thing wrong with a form: the field in words, and what to do. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Every problem of a form, listed together, so one correction round is enough. */
export function ProblemList({ problems }: { readonly problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="form-error problem-list" role="alert" data-testid="form-problems">
      <p>
        {problems.length === 1
          ? 'One thing to fix before sending:'
          : `${problems.length} things to fix before sending:`}
      </p>
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
  return (
    <div className="confirm-box" role="alertdialog" aria-label="Confirm" data-testid="confirm">
      <p>{question}</p>
      <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
        {busy ? 'Sending…' : confirmLabel}
      </button>{' '}
      <button type="button" className="link-button" onClick={onCancel} disabled={busy}>
        Cancel
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
        Not done{field ? <> — {field}</> : ''}: {error.message}
        {error.requestId && <span className="muted"> (request {error.requestId})</span>}
      </>
    ),
  };
}
