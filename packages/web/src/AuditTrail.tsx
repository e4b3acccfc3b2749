/**
 * The audit trail of some records, the one component every screen shows it with: as a table
 * under an admin or analyst page, or as short lines inside a form's "recorded" panel.
 */
import type { AuditEntriesResponse, AuditEntryView } from '@guarantor/core/api';
import { Trans, useTranslation } from 'react-i18next';
import { request } from './api.ts';
import { Downloads } from './Downloads.tsx';
import { formatUtc, formatUtcSeconds } from './i18n/format.ts';
import { i18n } from './i18n/index.ts';
import { useLoad } from './load.ts';
import { TableHead } from './TableHead.tsx';
import { auditActionName, auditEventName } from './words.ts';

const utc = formatUtc;

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

/** Who did it: "deu-admin (DEU)", or the system. */
/** Who acted: the user, or the system (no actor, or the server's own 'system', as at first start). */
const actorName = (e: AuditEntryView) =>
  `${e.actor && e.actor !== 'system' ? e.actor : i18n.t('common:audit.theSystem')}${e.nation ? ` (${e.nation})` : ''}`;

/** Which records a trail is about, and what makes it read the log again. */
interface TrailOf {
  readonly entity: string;
  readonly entityId?: string;
  readonly limit?: number;
  /** Changes when the trail should be read again. */
  readonly refresh?: number | string;
}

/** A trail under a page: a titled table, with a sentence for when there is nothing yet. */
interface PageTrail extends TrailOf {
  readonly title: string;
  readonly empty: string;
}

/** A trail inside a form's "recorded" panel: a few lines under "In the audit log". */
interface PanelTrail extends TrailOf {
  readonly title?: undefined;
}

/**
 * The audit log's newest entries about some records. With a title, as sentences in a table
 * ("deu-admin (DEU) issued the API token camera-7") with the recorded state one click away;
 * without, as lines ("Order drafted by usa-liaison (USA) ord-1"). `refresh` reloads it after a
 * change. Shows only what the reader may read: the server filters by the records' labels.
 */
export function AuditTrail(props: PageTrail | PanelTrail) {
  const { entity, entityId, limit = props.title === undefined ? 10 : 20, refresh = '' } = props;
  const query = new URLSearchParams({ entity, limit: String(limit) });
  if (entityId) query.set('entityId', entityId);
  const url = `/api/audit?${query}`;
  const { t } = useTranslation('common');
  const load = useLoad(`${url}#${refresh}`, (signal) =>
    request<AuditEntriesResponse>('GET', url, undefined, signal),
  );
  if (props.title === undefined)
    return (
      <div className="audit-trail" data-testid="audit-trail">
        <h4>{t('audit.inTheLog')}</h4>
        {load.state === 'loading' && <p className="muted">{t('audit.reading')}</p>}
        {load.state === 'error' && <p className="form-error">{load.error.message}</p>}
        {load.state === 'ready' &&
          (load.data.entries.length === 0 ? (
            <p className="muted">{t('audit.noEntry')}</p>
          ) : (
            <ul>
              {load.data.entries.map((e) => (
                <AuditLine key={`${e.at} ${e.action} ${e.entityId}`} entry={e} />
              ))}
            </ul>
          ))}
      </div>
    );
  return (
    <section className="audit-trail" aria-label={props.title} data-testid="audit-trail">
      <h2>{props.title}</h2>
      <Downloads list="/api/audit" what="this audit trail" query={query.toString()} />
      {load.state === 'loading' && <p className="muted">{t('audit.loading')}</p>}
      {load.state === 'error' && (
        <p className="form-error">{t('audit.couldNotRead', { message: load.error.message })}</p>
      )}
      {load.state === 'ready' &&
        (load.data.entries.length === 0 ? (
          <p className="muted">{props.empty}</p>
        ) : (
          <table className="grid">
            <TableHead
              columns={[
                t('audit.col.when'),
                t('audit.col.who'),
                t('audit.col.what'),
                t('audit.col.recorded'),
              ]}
            />
            <tbody>
              {load.data.entries.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two entries can share a time, an action and a record
                <tr key={`${e.at}-${e.action}-${e.entityId}-${i}`} data-action={e.action}>
                  <td>{utc(e.at)}</td>
                  <td>{actorName(e)}</td>
                  <td>
                    {auditActionName(e.action)}{' '}
                    <span title={`${e.entity} ${e.entityId}`}>{recordName(e)}</span>
                  </td>
                  <td>
                    <details>
                      <summary>{t('audit.whatWasRecorded')}</summary>
                      {/* The record as stored: JSON, whose field names are code in every language. */}
                      <pre translate="no">
                        {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
                      </pre>
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

function AuditLine({ entry: e }: { readonly entry: AuditEntryView }) {
  const { t } = useTranslation('common');
  return (
    <li data-testid="audit-entry">
      <span className="muted">{formatUtcSeconds(e.at)}</span>{' '}
      <Trans
        t={t}
        i18nKey="audit.line"
        values={{ event: auditEventName(e.action), actor: actorName(e) }}
        components={{ event: <strong /> }}
      />{' '}
      <span className="code" title={`${e.entity} ${e.entityId}`}>
        {e.entityId}
      </span>
    </li>
  );
}
