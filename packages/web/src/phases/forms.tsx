/**
 * The pieces every ceasefire form shares: the list of what is wrong (all of it, field by field),
 * the confirmation that says in words what will happen, what was recorded, and the audit trail.
 */
import type { AuditEntry } from '@guarantor/core/api';
import { type ReactNode, useRef } from 'react';
import type { ApiError } from '../api.ts';
import { type Load, useLoad } from '../load.ts';
import { phasesApi } from './api.ts';
import { actionWords } from './words.ts';
import './phases.css';

/** One problem with a form, by the field's label as the form shows it. */
export interface Problem {
  readonly field: string;
  readonly message: string;
}

/** Every problem at once, each naming its field; nothing when there are none. */
export function Problems({ problems }: { readonly problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-problems">
      <strong>
        {problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`} before this can be
        sent:
      </strong>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}: ${p.message}`}>
            <strong>{p.field}</strong>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The server's refusal in its own words, with the field it names put as the form labels it. */
export function ServerRefusal({
  error,
  fields = {},
}: {
  readonly error: ApiError;
  readonly fields?: Readonly<Record<string, string>>;
}) {
  const field = error.field ? (fields[error.field] ?? error.field.replace(/^body\./, '')) : null;
  return (
    <div className="form-error" role="alert" data-testid="server-refusal">
      <strong>The server refused it{field ? ` (${field})` : ''}:</strong> {error.message}
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
  return (
    <section className="confirm-panel" data-testid="confirm-panel" aria-live="polite">
      <h3>{title}</h3>
      <div className="confirm-body">{children}</div>
      <div className="confirm-actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Sending…' : confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          Go back and change it
        </button>
      </div>
    </section>
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

/** The audit log's entries for one record (or kind of record), newest first. */
export function AuditTrail({
  entity,
  entityId,
  refresh = '',
}: {
  readonly entity: string;
  readonly entityId?: string;
  /** Changes when the trail should be read again. */
  readonly refresh?: string;
}) {
  const load = useLoad(`audit/${entity}/${entityId ?? ''}/${refresh}`, (signal) =>
    phasesApi.audit(entity, entityId, signal),
  );
  return (
    <div className="audit-trail" data-testid="audit-trail">
      <h4>In the audit log</h4>
      {load.state === 'loading' && <p className="muted">Reading the audit log…</p>}
      {load.state === 'error' && <p className="form-error">{load.error.message}</p>}
      {load.state === 'ready' &&
        (load.data.entries.length === 0 ? (
          <p className="muted">No entry you may read.</p>
        ) : (
          <ul>
            {load.data.entries.map((e) => (
              <AuditLine key={`${e.at} ${e.action} ${e.entityId}`} entry={e} />
            ))}
          </ul>
        ))}
    </div>
  );
}

function AuditLine({ entry: e }: { readonly entry: AuditEntry }) {
  return (
    <li data-testid="audit-entry">
      <span className="muted">{e.at.slice(0, 19).replace('T', ' ')} UTC</span>{' '}
      <strong>{actionWords(e.action)}</strong> by {e.actor ?? 'the system'}
      {e.nation && ` (${e.nation})`}{' '}
      <span className="code" title={`${e.entity} ${e.entityId}`}>
        {e.entityId}
      </span>
    </li>
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
