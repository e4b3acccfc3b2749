import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { phaseName, phasesApi } from './api.ts';
import { IncidentLinks, useRuleTitles } from './rule-words.tsx';
import { statusWords, useNames } from './words.ts';

/** "What stands between us and deployment": every failing rule and sector, and every missing mandate. */
export function GatePage() {
  const load = useLoad('phases/gate', (signal) => phasesApi.gate(signal));
  const names = useNames();
  const title = useRuleTitles();
  if (load.state === 'loading') return <p className="page-status">Loading the deployment gate…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const g = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>What stands between us and deployment</h1>
        <p className="summary">
          As of <strong>{g.asOf}</strong> · phase <strong>{phaseName(g.phase)}</strong> ·{' '}
          {g.open ? (
            <strong className="ok-text">the gate is open</strong>
          ) : (
            <strong className="danger-text">the gate is shut</strong>
          )}
        </p>
      </div>
      {g.noSectors && (
        <p className="banner">Monitoring knows no sector yet: no rule can show the ceasefire holding.</p>
      )}
      {g.steps.map((step) => (
        <section key={step.phase} className="gate-step" data-testid={`gate-step-${step.phase}`}>
          <h2>
            Enter {phaseName(step.phase)}
            {step.earliest && (
              <span className="muted"> · earliest {step.earliest} if nothing new happens</span>
            )}
          </h2>
          <ul className="rule-results">
            {step.rules.map((r) => (
              <li key={r.id} className={r.pass ? 'pass' : 'fail'}>
                {title(r.id)}{' '}
                <span className="muted small code">
                  ({r.id} v{r.version})
                </span>{' '}
                {r.pass ? 'passes' : `fails; could pass on ${r.firstPassDate}`}
              </li>
            ))}
            {step.policyProblems.map((p) => (
              <li key={p} className="fail">
                the guard names rule <span className="code">{p}</span>, which is unknown, retired or invalid
              </li>
            ))}
            {step.rules.length === 0 && step.policyProblems.length === 0 && (
              <li className="pass">no rule guards this step; a recorded decision is enough</li>
            )}
          </ul>
          {step.failures.length > 0 && (
            <table className="grid">
              <TableHead columns={['Rule', 'Sector', 'Why', 'Day that broke it', 'Passes on']} />
              <tbody>
                {step.failures.map((f) => (
                  <tr key={`${f.rule}/${f.sector}`}>
                    <td title={`rule ${f.rule}`}>{title(f.rule)}</td>
                    <td title={f.sector}>{names.sector(f.sector)}</td>
                    <td>{names.words(f.explanation)}</td>
                    <td>
                      {f.breakingDate ?? '—'}
                      {f.incidentIds.length > 0 && (
                        <div className="muted">
                          {f.incidentIds.length === 1 ? 'incident' : 'incidents'}{' '}
                          <IncidentLinks ids={f.incidentIds} />
                        </div>
                      )}
                    </td>
                    <td>{f.firstPassDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <section className="gate-step">
        <h2>Sectors not holding</h2>
        {g.sectors.length === 0 ? (
          <p className="muted">Every sector holds.</p>
        ) : (
          <ul className="rule-results">
            {g.sectors.map((s) => (
              <li key={s.sector} className="fail">
                <strong title={s.sector}>{names.sector(s.sector)}</strong>{' '}
                <span className={`status-pill status-${s.status}`}>{statusWords(s.status)}</span>{' '}
                {s.reasons.map(names.words).join('; ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="gate-step">
        <h2>Missing national mandates</h2>
        {g.mandates.length === 0 ? (
          <p className="muted">No offer waits for a mandate.</p>
        ) : (
          <ul className="rule-results">
            {g.mandates.map((m) => (
              <li key={m.offerId} className="fail">
                <span title={m.offerId}>{names.offer(m.offerId)}</span> needs {m.body ?? 'a national mandate'}
                : {m.status}
                {m.orders.length > 0 && <span className="muted"> · blocks {m.orders.join(', ')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="gate-step">
        <h2>Orders held back</h2>
        <ul className="rule-results">
          {g.orders.map((o) => (
            <li key={o.id} className={o.status === 'issuable' ? 'pass' : 'fail'}>
              <span className="code">{o.id}</span> {statusWords(o.status)}
              {o.blockers.length > 0 && <>: {o.blockers.map((b) => names.words(b.reason)).join('; ')}</>}
            </li>
          ))}
          {g.orders.length === 0 && <li className="muted">No order is waiting.</li>}
        </ul>
      </section>
    </main>
  );
}
