/**
 * The imported finance sources and who may see them; the nation that imported a source
 * announces it here (a NATIONAL pledge made COALITION or PUBLIC): choose the wider label,
 * read what it will do, confirm. The row then shows the new label; the releasing nation's own
 * figures do not change (it could read the source already), so the page is not read again. The release and the import that wrote the source are in
 * its audit lines.
 */
import type { FinanceReleaseResponse, FinanceSourceView } from '@guarantor/core/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError, api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatUtc } from '../i18n/format.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { financeApi } from './api.ts';

/** The labels a source may be released to, widest last; only those wider than its own are offered. */
const WIDER: Readonly<Record<string, readonly string[]>> = {
  NATIONAL: ['COALITION', 'PUBLIC'],
  REL: ['COALITION', 'PUBLIC'],
  COALITION: ['PUBLIC'],
  PUBLIC: [],
};

const kindOf = (label: string) => label.split(' ')[0] ?? label;

/** The wider labels every one of a source's labels may go to. */
function widerThan(labels: readonly string[]): readonly string[] {
  const narrowest = labels[0];
  return narrowest === undefined ? [] : (WIDER[kindOf(narrowest)] ?? []);
}

export function Sources() {
  const { t } = useTranslation('finance');
  const load = useLoad('finance/sources', (signal) => financeApi.sources(signal));
  const session = useLoad('session', () => api.session());
  const [open, setOpen] = useState<string | null>(null);
  const user = session.state === 'ready' ? session.data.user : null;
  const mayRelease = (s: FinanceSourceView) =>
    user !== null &&
    (user.roles.includes('finance') || user.roles.includes('cell_staff')) &&
    (s.owner === null || s.owner === user.nation) &&
    widerThan(s.labels).length > 0;
  if (load.state === 'loading') return null;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.data.sources.length === 0) return null;
  return (
    <section data-testid="finance-sources">
      <h2>{t('sources.title')}</h2>
      <p className="muted small">{t('sources.text')}</p>
      <Downloads list="/api/finance/sources" what={t('sources.title')} />
      <table className="grid">
        <TableHead
          columns={[
            t('sources.source'),
            { num: t('sources.records') },
            t('sources.imported'),
            t('sources.mayRead'),
            '',
          ]}
        />
        <tbody>
          {load.data.sources.map((s) => (
            <SourceRow
              key={s.source}
              source={s}
              mayRelease={mayRelease(s)}
              open={open === s.source}
              toggle={() => setOpen(open === s.source ? null : s.source)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SourceRow({
  source: s,
  mayRelease,
  open,
  toggle,
}: {
  readonly source: FinanceSourceView;
  readonly mayRelease: boolean;
  readonly open: boolean;
  readonly toggle: () => void;
}) {
  const { t } = useTranslation('finance');
  const [released, setReleased] = useState<FinanceReleaseResponse | null>(null);
  return (
    <>
      <tr data-source={s.source}>
        <td>
          {s.sourceDocument} <span className="muted small">({s.source})</span>
        </td>
        <td className="num">
          {[
            s.flows > 0 ? t('flows', { count: s.flows }) : null,
            s.needs > 0 ? t('sources.needs', { count: s.needs }) : null,
          ]
            .filter(Boolean)
            .join(', ')}
        </td>
        <td>{t('sources.by', { who: s.importedBy, when: formatUtc(s.importedAt) })}</td>
        <td>
          {(released ? [released.after] : s.labels).map((l) => (
            <Releasability key={l} label={l} />
          ))}
        </td>
        <td>
          {mayRelease || released ? (
            <button type="button" aria-expanded={open} onClick={toggle}>
              {t('sources.release')}
            </button>
          ) : s.owner !== null && widerThan(s.labels).length > 0 ? (
            <span className="muted small">{t('sources.ownerOnly', { nation: s.owner })}</span>
          ) : null}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <ReleaseForm source={s} released={released} onReleased={setReleased} />
            <AuditTrail entity="finance_flow" entityId={s.source} refresh={released?.after ?? ''} />
          </td>
        </tr>
      )}
    </>
  );
}

function ReleaseForm({
  source: s,
  released,
  onReleased,
}: {
  readonly source: FinanceSourceView;
  readonly released: FinanceReleaseResponse | null;
  readonly onReleased: (r: FinanceReleaseResponse) => void;
}) {
  const { t } = useTranslation('finance');
  const options = widerThan(s.labels);
  const [to, setTo] = useState(options[0] ?? 'PUBLIC');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (released)
    return (
      <p className="notice" role="status" data-testid="release-outcome">
        {t('sources.released', {
          source: s.sourceDocument,
          records: t('records', { count: released.flows + released.needs }),
          before: released.before,
          after: released.after,
        })}
      </p>
    );
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      onReleased(await financeApi.release(s.source, to));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <form
      className="finance-release"
      onSubmit={(e) => {
        e.preventDefault();
        if (confirming) void run();
        else setConfirming(true);
      }}
    >
      <label>
        {t('sources.to')}{' '}
        <select
          value={to}
          onChange={(e) => {
            setTo(e.target.value);
            setConfirming(false);
          }}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {t(o === 'PUBLIC' ? 'sources.label.PUBLIC' : 'sources.label.COALITION')}
            </option>
          ))}
        </select>
      </label>
      {confirming && (
        <p className="notice" role="status">
          {t(to === 'PUBLIC' ? 'sources.confirmPublic' : 'sources.confirmCoalition', {
            records: t('records', { count: s.flows + s.needs }),
            source: s.sourceDocument,
            from: s.labels.join(', '),
          })}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('sources.releasing') : confirming ? t('sources.confirm') : t('sources.review')}
      </button>
      {confirming && (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('iati.cancel')}
        </button>
      )}
      {error && <p className="form-error">{error.message}</p>}
    </form>
  );
}
