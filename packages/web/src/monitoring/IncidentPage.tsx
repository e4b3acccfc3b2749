import type { IncidentDetail, User } from '@guarantor/core/api';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { type IncidentAction, monitoringApi } from './api.ts';
import { categoryColour } from './style.ts';

const words = (id: string) => id.replaceAll('_', ' ');
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** One incident: what fusion made of its observations and why, its state history, the parties' claims, analyst actions. */
export function IncidentPage({ id, user }: { readonly id: string; readonly user: User }) {
  const [version, setVersion] = useState(0);
  const detail = useLoad<IncidentDetail>(`incident/${id}/${version}`, (signal) =>
    monitoringApi.incident(id, signal),
  );
  if (detail.state === 'error') return <ErrorPanel error={detail.error} />;
  if (detail.state === 'loading') return <p className="page-status">Loading incident…</p>;
  const { incident: i, explanation, observations, history, claims } = detail.data;
  const analyst = user.roles.includes('analyst');
  return (
    <main className="page incident-page">
      <p>
        <a href="#/monitoring">← Monitoring map</a>
      </p>
      <h1 data-testid="incident-title">
        <span className="swatch" style={{ background: categoryColour(i.category), borderRadius: '50%' }} />{' '}
        {words(i.category)} <small className="muted">{i.id}</small>
      </h1>
      <p className="chips">
        <span className={`chip state-${i.state}`} data-testid="incident-state">
          {i.state}
        </span>
        <span className="chip">{i.releasability}</span>
        {i.attributedParty && <span className="chip">attributed to {i.attributedParty}</span>}
      </p>
      <table className="facts">
        <tbody>
          <tr>
            <th>When</th>
            <td>
              {utc(i.start)} – {utc(i.end)}
            </td>
          </tr>
          <tr>
            <th>Where</th>
            <td>
              {i.position[1].toFixed(4)}° N, {i.position[0].toFixed(4)}° E ± {Math.round(i.radiusM)} m (
              {i.locationMethod})
            </td>
          </tr>
          <tr>
            <th>Count</th>
            <td>
              {i.count.best} (between {i.count.low} and {i.count.high})
            </td>
          </tr>
          <tr>
            <th>Sources</th>
            <td>
              {i.independentSources} independent, {i.observationCount} observation(s), confidence{' '}
              {(i.confidence * 100).toFixed(0)}%
              {i.partyClaimNations.length > 0 && `; party claims from ${i.partyClaimNations.join(', ')}`}
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        Spot report:{' '}
        <a
          href={`/api/reports/spot/${encodeURIComponent(i.id)}?format=html`}
          target="_blank"
          rel="noreferrer"
        >
          HTML
        </a>{' '}
        ·{' '}
        <a href={`/api/reports/spot/${encodeURIComponent(i.id)}?format=pdf`} target="_blank" rel="noreferrer">
          PDF
        </a>
      </p>
      {analyst && (
        <AnalystActions
          id={i.id}
          state={i.state}
          version={i.version}
          onDone={() => setVersion((v) => v + 1)}
        />
      )}
      <h2>How the sources were fused</h2>
      {explanation.length === 0 ? (
        <p className="muted">One observation; nothing to join.</p>
      ) : (
        <ol data-testid="explanation">
          {explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      )}
      <h2>Observations ({observations.length})</h2>
      <table className="table">
        <thead>
          <tr>
            <th>uid</th>
            <th>Source</th>
            <th>Category</th>
            <th className="n">Count</th>
            <th>Time</th>
            <th>Joined via</th>
            <th>Label</th>
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => (
            <tr key={o.uid}>
              <td>{o.uid}</td>
              <td>
                {o.sourceKind} {o.sourceId} ({o.nation})
              </td>
              <td>{words(o.category)}</td>
              <td className="n">{o.count}</td>
              <td>{utc(o.start)}</td>
              <td>
                {o.join ? `${o.join.via} (${words(o.join.rule)}, ${Math.round(o.join.distanceM)} m)` : '—'}
              </td>
              <td>{o.releasability}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>State history</h2>
      {history.length === 0 ? (
        <p className="muted">No change recorded.</p>
      ) : (
        <table className="table" data-testid="history">
          <thead>
            <tr>
              <th>At</th>
              <th>Change</th>
              <th>By</th>
              <th>Reason, assessment, evidence</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={`${h.at}-${h.to}`}>
                <td>{utc(h.at)}</td>
                <td>
                  {h.from ?? '—'} → {h.to}
                  {h.attributedParty && h.to === 'attributed' ? ` (${h.attributedParty})` : ''}
                </td>
                <td>
                  {h.by}
                  {h.nation ? ` (${h.nation})` : ''}
                </td>
                <td>
                  {[h.reason, h.assessment].filter(Boolean).join(' · ')}
                  {h.evidence.map((e) => (
                    <div key={e}>
                      <a href={e} target="_blank" rel="noreferrer">
                        {e}
                      </a>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Claims by the parties</h2>
      {claims.length === 0 ? (
        <p className="muted">No claim recorded.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>At</th>
              <th>Party</th>
              <th>Claim</th>
              <th>Monitors' assessment</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id}>
                <td>{utc(c.at)}</td>
                <td>{c.party}</td>
                <td>{c.claim}</td>
                <td>{c.assessment ?? '—'}</td>
                <td>
                  {c.evidence.map((e) => (
                    <div key={e}>
                      <a href={e} target="_blank" rel="noreferrer">
                        {e}
                      </a>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function AnalystActions({
  id,
  state,
  version,
  onDone,
}: {
  readonly id: string;
  readonly state: string;
  readonly version: number;
  readonly onDone: () => void;
}) {
  const [action, setAction] = useState<IncidentAction | null>(null);
  const [reason, setReason] = useState('');
  const [party, setParty] = useState('');
  const [assessment, setAssessment] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = state === 'dismissed' || state === 'attributed';

  async function submit() {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      await monitoringApi.act(id, {
        action,
        version,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(action === 'attribute' ? { party: party.trim(), assessment: assessment.trim() } : {}),
        evidence: evidence.split(/\s+/).filter(Boolean),
      });
      setAction(null);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="analyst-actions" aria-label="Analyst actions">
      <div className="button-row">
        {(['verify', 'attribute', 'dismiss'] as const).map((a) => (
          <button
            key={a}
            type="button"
            disabled={closed || busy}
            aria-pressed={action === a}
            onClick={() => setAction(a)}
          >
            {a[0]!.toUpperCase() + a.slice(1)}
          </button>
        ))}
      </div>
      {action && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {action === 'attribute' && (
            <>
              <label className="field">
                Party
                <input value={party} onChange={(e) => setParty(e.target.value)} required />
              </label>
              <label className="field">
                Monitors' assessment
                <textarea value={assessment} onChange={(e) => setAssessment(e.target.value)} required />
              </label>
            </>
          )}
          <label className="field">
            Reason{action === 'dismiss' ? '' : ' (optional)'}
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={action === 'dismiss'}
            />
          </label>
          <label className="field">
            Evidence links (one per line){action === 'attribute' ? '' : ' (optional)'}
            <textarea
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
              required={action === 'attribute'}
            />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : `Confirm: ${action}`}
          </button>
        </form>
      )}
      {error && <ErrorPanel error={error} />}
    </section>
  );
}
