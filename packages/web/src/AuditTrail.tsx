import type { AuditEntriesResponse, AuditEntryView } from '@guarantor/core/api';
import { request } from './api.ts';
import { useLoad } from './load.ts';
import { auditActionName } from './words.ts';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function field(state: unknown, key: string): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const value = (state as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The record an entry is about, by the name people use; the id stays in the tooltip. */
function recordName(e: AuditEntryView): string {
  return (
    field(e.after, 'name') ??
    field(e.after, 'username') ??
    field(e.before, 'name') ??
    field(e.before, 'username') ??
    e.entityId
  );
}

/**
 * The audit log's newest entries about some records, as sentences ("deu-admin (DEU) issued the
 * API token camera-7"), with the recorded state one click away. `refresh` reloads it after a
 * change. Shows only what the reader may read: the server filters by the records' labels.
 */
export function AuditTrail({
  title,
  entity,
  entityId,
  limit = 20,
  refresh = 0,
  empty,
}: {
  readonly title: string;
  readonly entity: string;
  readonly entityId?: string;
  readonly limit?: number;
  readonly refresh?: number;
  readonly empty: string;
}) {
  const query = new URLSearchParams({ entity, limit: String(limit) });
  if (entityId) query.set('entityId', entityId);
  const url = `/api/audit?${query}`;
  const load = useLoad(`${url}#${refresh}`, (signal) =>
    request<AuditEntriesResponse>('GET', url, undefined, signal),
  );
  return (
    <section className="audit-trail" aria-label={title} data-testid="audit-trail">
      <h2>{title}</h2>
      {load.state === 'loading' && <p className="muted">Loading the audit log…</p>}
      {load.state === 'error' && (
        <p className="form-error">The audit log could not be read: {load.error.message}</p>
      )}
      {load.state === 'ready' &&
        (load.data.entries.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {load.data.entries.map((e) => (
                <tr key={`${e.at}|${e.action}|${e.entity}|${e.entityId}`} data-action={e.action}>
                  <td>{utc(e.at)}</td>
                  <td>
                    {e.actor ?? 'the system'}
                    {e.nation ? ` (${e.nation})` : ''}
                  </td>
                  <td>
                    {auditActionName(e.action)}{' '}
                    <span title={`${e.entity} ${e.entityId}`}>{recordName(e)}</span>
                  </td>
                  <td>
                    <details>
                      <summary>what was recorded</summary>
                      <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
