import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { monitoringApi } from '../monitoring/api.ts';
import { phaseName, phasesApi } from './api.ts';
import { IncidentLinks, useRuleTitles } from './rule-words.tsx';
import { StreakChart } from './StreakChart.tsx';
import { namesFrom, statusWords } from './words.ts';

/** Per-sector compliance board: each sector's standing, its streak chart and every rule's result. */
export function CompliancePage() {
  const load = useLoad('phases/board', (signal) => phasesApi.board(null, signal));
  // Sector names come with the zones; the board speaks in zone ids.
  const zones = useLoad('zones', (signal) => monitoringApi.zones(signal));
  const names = new Map(
    zones.state === 'ready'
      ? zones.data.features.map((f) => [f.properties.id, f.properties.name] as const)
      : [],
  );
  const words = namesFrom(zones.state === 'ready' ? zones.data : null, null).words;
  // Rules by their titles ("Quiet for 14 days"), their ids a tooltip away.
  const title = useRuleTitles();
  if (load.state === 'loading') return <p className="page-status">Loading the compliance board…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const board = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Sector compliance</h1>
        <p className="summary">
          As of <strong>{board.asOf}</strong> · phase <strong>{phaseName(board.phase)}</strong>
          {board.chart && (
            <>
              {' '}
              · the charts show{' '}
              <span title={`rule ${board.chart.rule} v${board.chart.version}: ${board.chart.counts}`}>
                {title(board.chart.rule)}
              </span>
              : at most {board.chart.limit}{' '}
              {board.chart.counts.includes('verified') ? 'verified violations' : 'violations'} a day for{' '}
              {board.chart.windowDays} days
            </>
          )}
        </p>
      </div>
      {board.sectors.length === 0 && (
        <p className="banner">Monitoring knows no sector yet: no rule can show the ceasefire holding.</p>
      )}
      <div className="sector-grid">
        {board.sectors.map((s) => (
          <section
            key={s.sector}
            className={`sector-card status-${s.status}`}
            data-testid={`sector-${s.sector}`}
          >
            <header className="sector-head">
              <h2 title={s.sector}>{names.get(s.sector) ?? s.sector}</h2>
              <span className={`status-pill status-${s.status}`} title={s.status}>
                {statusWords(s.status)}
              </span>
              {s.streakDays !== null && board.chart && (
                <span className="muted" title={`rule ${board.chart.rule}`}>
                  daily limit kept {s.streakDays} of the last {board.chart.windowDays} days
                </span>
              )}
            </header>
            {s.status !== 'holding' && (
              <p className={s.status === 'broken' ? 'danger-text' : 'muted'} data-testid="sector-reasons">
                {statusWords(s.status)}
                {s.reasons.length > 0
                  ? `: ${s.reasons
                      .map((reason) =>
                        words(reason).replace(/rule '([^']+)'/g, (_, id: string) => `“${title(id)}”`),
                      )
                      .join('; ')}`
                  : ''}
              </p>
            )}
            {board.chart && (
              <StreakChart
                sector={s.sector}
                series={s.series}
                limit={board.chart.limit}
                streakDays={s.streakDays}
                requiredDays={board.chart.windowDays}
                noun={board.chart.counts.includes('verified') ? 'verified violations' : 'violations'}
              />
            )}
            <ul className="rule-results">
              {s.rules.map((r) => (
                <li key={r.rule} className={r.pass ? 'pass' : 'fail'}>
                  <span title={`rule ${r.rule} v${r.version}`}>{title(r.rule)}</span>:{' '}
                  {r.pass ? 'holds' : words(r.explanation)}
                  {!r.pass && (
                    <span className="muted">
                      {' '}
                      · passes on {r.firstPassDate} if nothing new happens
                      {r.incidentIds.length > 0 && (
                        <>
                          {' '}
                          · {r.incidentIds.length === 1 ? 'the incident' : 'the incidents'}{' '}
                          <IncidentLinks ids={r.incidentIds} />
                        </>
                      )}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="footnote">
        Shaded: the current run of days within the limit. Red bars exceed the limit; grey columns are days
        nobody monitored (they count as quiet for limits, and against coverage).
      </p>
    </main>
  );
}
