/**
 * Humanitarian presence (3W) beside the lead matrix: which organisations are in each region, in
 * which sectors, from the HXL tables the reader may see; and, for cell staff and analysts, the
 * import of a new table (confirmed first, its result and problems shown after).
 */
import type { PresenceImportResponse, RegionPresence } from '@guarantor/core/api';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { formatNumber } from '../i18n/format.ts';
import { regionName } from '../labels.ts';
import { TableHead } from '../TableHead.tsx';
import { planningApi } from './api.ts';

const count = (n: number) => formatNumber(n);

/** One region's presence in a few words, with the sectors and sources in its tooltip. */
export function PresenceBadge({ presence }: { readonly presence: RegionPresence | undefined }) {
  const { t } = useTranslation(['planning', 'common']);
  if (!presence) return <span className="muted">{t('presence.noneRecorded')}</span>;
  return (
    <span
      className="presence-badge"
      title={t('presence.tooltip', {
        sectors: presence.sectors.join(', ') || t('presence.noneNamed'),
        sources: presence.sources.join(', '),
      })}
    >
      {t('presence.organisations', {
        count: presence.organisationCount,
        n: count(presence.organisationCount),
      })}
      {presence.peopleReached !== null && (
        <> · {t('presence.reached', { n: count(presence.peopleReached) })}</>
      )}
    </span>
  );
}

/** The presence table and, for those who may, the import form. */
export function PresencePanel({
  regions,
  canImport,
  onImported,
}: {
  readonly regions: readonly RegionPresence[];
  readonly canImport: boolean;
  readonly onImported: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PresenceImportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation(['planning', 'common']);

  const check = () => {
    const found: string[] = [];
    if (!file) found.push(t('presence.problemFile'));
    if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(source)) found.push(t('presence.problemName'));
    setProblems(found);
    setConfirming(found.length === 0);
  };
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await planningApi.importPresence(source, file));
      setConfirming(false);
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="presence" data-testid="presence">
      <h2>{t('presence.title')}</h2>
      {regions.length === 0 ? (
        <p className="muted">
          {t('presence.none')} {canImport ? t('presence.canImport') : t('presence.cannotImport')}
        </p>
      ) : (
        <table className="presence-table">
          <TableHead
            columns={[
              t('presence.col.region'),
              t('presence.col.organisations'),
              t('presence.col.sectors'),
              t('presence.col.reached'),
              t('presence.col.from'),
            ]}
          />
          <tbody>
            {regions.map((r) => (
              <tr key={r.regionCode}>
                <th scope="row">
                  {regionName(r.regionCode)} <span className="muted code">{r.regionCode}</span>
                </th>
                <td title={r.organisations.join(', ')}>{count(r.organisationCount)}</td>
                <td>{r.sectors.join(', ') || '—'}</td>
                <td>{r.peopleReached === null ? '—' : count(r.peopleReached)}</td>
                <td className="muted">{r.sources.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canImport && (
        <form
          className="presence-import"
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
        >
          <h3>{t('presence.importTitle')}</h3>
          <label>
            {t('presence.file')}{' '}
            <input
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setConfirming(false);
              }}
            />
          </label>
          <label>
            {t('presence.name')}{' '}
            <input
              value={source}
              placeholder="ocha-3w-2022"
              onChange={(e) => setSource(e.target.value.trim())}
            />
          </label>
          <button type="submit">{t('common:check')}</button>
          {problems.length > 0 && (
            <ul className="form-problems" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {confirming && file && (
            <div className="confirm" role="dialog">
              <p>
                <Trans
                  t={t}
                  i18nKey="presence.confirm"
                  values={{ file: file.name, source }}
                  components={{ b: <strong /> }}
                />
              </p>
              <button type="button" disabled={busy} onClick={() => void send()}>
                {busy ? t('presence.importing') : t('presence.import')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('common:cancel')}
              </button>
            </div>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {result && (
            <div className="recorded" role="status">
              <p>
                {t('presence.recorded', {
                  source: result.source,
                  count: result.regions,
                  n: count(result.regions),
                  row: result.hashtagRow,
                })}
              </p>
              {result.renamed.length > 0 && (
                <p className="muted">{t('presence.hxl10', { renamed: result.renamed.join('; ') })}</p>
              )}
              {[
                ...result.problems.map((p) => `row ${p.row}, ${p.field}: ${p.reason}`),
                ...result.unplaced.map((u) => `${u.unit}: ${u.reason}`),
              ].length > 0 && (
                <ul>
                  {result.problems.map((p) => (
                    <li key={`${p.row}-${p.field}`}>
                      {t('presence.rowProblem', { row: p.row, field: p.field, reason: p.reason })}
                    </li>
                  ))}
                  {result.unplaced.map((u) => (
                    <li key={u.unit}>
                      {u.unit}: {u.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}
