import { Trans, useTranslation } from 'react-i18next';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatDay } from '../i18n/format.ts';
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
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('board.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const board = load.data;
  const noun = board.chart?.counts.includes('verified')
    ? t('board.verifiedViolations')
    : t('board.violations');
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('board.title')}</h1>
        <p className="summary">
          <Trans
            t={t}
            i18nKey="board.asOf"
            values={{ date: formatDay(board.asOf), phase: phaseName(board.phase) }}
            components={{ b: <strong /> }}
          />
          {board.chart && (
            <>
              {' '}
              · {t('board.charts')}{' '}
              <span
                title={t('board.rule', {
                  rule: board.chart.rule,
                  version: board.chart.version,
                  counts: board.chart.counts,
                })}
              >
                {title(board.chart.rule)}
              </span>
              : {t('board.atMost', { limit: board.chart.limit, noun, days: board.chart.windowDays })}
            </>
          )}
        </p>
      </div>
      {board.sectors.length === 0 && <p className="banner">{t('board.noSector')}</p>}
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
                <span className="muted" title={t('board.ruleTitle', { rule: board.chart.rule })}>
                  {t('board.streak', { days: s.streakDays, window: board.chart.windowDays })}
                </span>
              )}
            </header>
            {s.status !== 'holding' && (
              <p className={s.status === 'broken' ? 'danger-text' : 'muted'} data-testid="sector-reasons">
                {statusWords(s.status)}
                {s.reasons.length > 0
                  ? `: ${s.reasons
                      .map((reason) =>
                        // "rule 'quiet-14' fails (…)", "'quiet-14' не виконується (…)": the rule by its title.
                        words(reason).replace(/(?:rule )?'([^']+)'/g, (_, id: string) => `“${title(id)}”`),
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
                noun={noun}
              />
            )}
            <ul className="rule-results">
              {s.rules.map((r) => (
                <li key={r.rule} className={r.pass ? 'pass' : 'fail'}>
                  <span title={`rule ${r.rule} v${r.version}`}>{title(r.rule)}</span>:{' '}
                  {r.pass ? t('board.holds') : words(r.explanation)}
                  {!r.pass && (
                    <span className="muted">
                      {' '}
                      · {t('board.passesOn', { date: formatDay(r.firstPassDate) })}
                      {r.incidentIds.length > 0 && (
                        <>
                          {' '}
                          · {t('board.incidents', { count: r.incidentIds.length })}{' '}
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
      <p className="footnote">{t('board.footnote')}</p>
    </main>
  );
}
