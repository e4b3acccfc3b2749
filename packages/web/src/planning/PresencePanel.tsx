/**
 * Humanitarian presence (3W) beside the lead matrix: which organisations are in each region, in
 * which sectors, from the HXL tables the reader may see; and, for cell staff and analysts, the
 * import of a new table (confirmed first, its result and problems shown after).
 */
import type { PresenceImportResponse, RegionPresence } from '@guarantor/core/api';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { formatNumber } from '../i18n/format.ts';
import { plural } from '../labels.ts';
import { TableHead } from '../TableHead.tsx';
import { planningApi } from './api.ts';

const count = (n: number) => formatNumber(n);

/** One region's presence in a few words, with the sectors and sources in its tooltip. */
export function PresenceBadge({ presence }: { readonly presence: RegionPresence | undefined }) {
  if (!presence) return <span className="muted">none recorded</span>;
  return (
    <span
      className="presence-badge"
      title={`Sectors: ${presence.sectors.join(', ') || 'none named'}\nFrom: ${presence.sources.join(', ')}`}
    >
      {plural(presence.organisationCount, 'organisation')}
      {presence.peopleReached !== null && <> · {count(presence.peopleReached)} reached</>}
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

  const check = () => {
    const found: string[] = [];
    if (!file)
      found.push('File: choose an HXL table (CSV with a row of hashtags such as #org, #adm1+code, #sector).');
    if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(source))
      found.push(
        'Name of the table: a short name of lower-case letters, digits, dots, dashes, e.g. ocha-3w-2022.',
      );
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
      <h2>Humanitarian presence (3W)</h2>
      {regions.length === 0 ? (
        <p className="muted">
          No presence recorded yet.{' '}
          {canImport
            ? 'Import an HXL 3W table below (OCHA and the clusters publish them on HDX).'
            : 'Cell staff and analysts import HXL 3W tables.'}
        </p>
      ) : (
        <table className="presence-table">
          <TableHead columns={['Region', 'Organisations', 'Sectors', 'People reached', 'From']} />
          <tbody>
            {regions.map((r) => (
              <tr key={r.regionCode}>
                <th scope="row">
                  {r.regionName} <span className="muted code">{r.regionCode}</span>
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
          <h3>Import an HXL table</h3>
          <label>
            File{' '}
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
            Name of the table{' '}
            <input
              value={source}
              placeholder="ocha-3w-2022"
              onChange={(e) => setSource(e.target.value.trim())}
            />
          </label>
          <button type="submit">Check</button>
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
                Import <strong>{file.name}</strong> as <strong>{source}</strong>? It replaces what a table of
                that name of your nation said before; it is recorded in the audit log.
              </p>
              <button type="button" disabled={busy} onClick={() => void send()}>
                {busy ? 'Importing…' : 'Import'}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
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
                Recorded {result.source}: {plural(result.regions, 'region')} (hashtags on row{' '}
                {result.hashtagRow}).
              </p>
              {result.renamed.length > 0 && (
                <p className="muted">Read as HXL 1.0: {result.renamed.join('; ')}.</p>
              )}
              {[
                ...result.problems.map((p) => `row ${p.row}, ${p.field}: ${p.reason}`),
                ...result.unplaced.map((u) => `${u.unit}: ${u.reason}`),
              ].length > 0 && (
                <ul>
                  {result.problems.map((p) => (
                    <li key={`${p.row}-${p.field}`}>
                      Row {p.row}, {p.field}: {p.reason}
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
