import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { phaseName, phasesApi } from './api.ts';

/** The campaign timeline: every phase, the decision behind it, overrides shown loudly; and the breaches. */
export function PhasesPage() {
  const load = useLoad('phases/timeline', async (signal) => ({
    phases: await phasesApi.phases(signal),
    breaches: await phasesApi.breaches(signal),
  }));
  if (load.state === 'loading') return <p className="page-status">Loading phases…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { phases, breaches } = load.data;
  const timeline = [...phases.timeline].reverse();
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Campaign phases</h1>
        <p className="summary">
          Now:{' '}
          <strong className={`phase-name${phases.current?.override ? ' overridden' : ''}`}>
            {phaseName(phases.phase)}
          </strong>
          {phases.current?.override && <span className="override-flag">BY OVERRIDE</span>} · next allowed:{' '}
          {phases.allowedNext.map(phaseName).join(', ')}
        </p>
      </div>
      <ol className="timeline" data-testid="phase-timeline">
        {timeline.map((p) => (
          <li key={p.seq} className={p.override ? 'timeline-item override' : 'timeline-item'}>
            <div className="timeline-date">{p.since}</div>
            <div className="timeline-body">
              <h2>
                {phaseName(p.phase)}
                {p.from && <span className="muted"> from {phaseName(p.from)}</span>}
              </h2>
              {p.override && (
                <div className="override-box" role="note">
                  <strong>Override.</strong> {p.override.reason}
                  <ul>
                    {p.override.bypassed.map((b) => (
                      <li key={b}>set aside: {b}</li>
                    ))}
                  </ul>
                </div>
              )}
              <p>
                Decided by <strong>{p.decidedBy}</strong> ({p.nation}) · {p.authority}
              </p>
              {p.evaluations.length > 0 && (
                <ul className="rule-results">
                  {p.evaluations.map((e) => (
                    <li key={e.rule} className={e.pass ? 'pass' : 'fail'}>
                      <span className="code">
                        {e.rule} v{e.version}
                      </span>{' '}
                      as of {e.asOf}: {e.pass ? 'passed' : `failed — ${e.failing.join('; ')}`}
                    </li>
                  ))}
                </ul>
              )}
              <Releasability label={p.releasability} />
            </div>
          </li>
        ))}
      </ol>
      <h2 className="section-title">Breaches and responses</h2>
      {breaches.breaches.length === 0 ? (
        <p className="muted">No holding sector has broken a rule.</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Sector</th>
              <th scope="col">Rule broken</th>
              <th scope="col">Proposed rung (committed nations)</th>
              <th scope="col">Response</th>
              <th scope="col" className="num">
                Breach → response
              </th>
            </tr>
          </thead>
          <tbody>
            {breaches.breaches.map((b) => (
              <tr key={b.id}>
                <td>{b.asOf}</td>
                <td>{b.sector}</td>
                <td>
                  <span className="code">{b.rule}</span> {b.explanation}
                </td>
                <td>
                  {b.proposedRung ? (
                    <>
                      {b.proposedRung.title}{' '}
                      <span className="muted">({b.proposedRung.nations.join(', ')})</span>
                    </>
                  ) : (
                    <span className="muted">no rung answers it</span>
                  )}
                </td>
                <td>
                  {b.responses[0] ? (
                    `${b.responses[0].rungId} by ${b.responses[0].decidedBy}`
                  ) : (
                    <span className="muted">none yet</span>
                  )}
                </td>
                <td className="num">
                  {b.elapsedHours === null ? '—' : `${b.elapsedHours} h`}
                  {b.withinCommitment === false && <span className="status-pill status-broken">late</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
