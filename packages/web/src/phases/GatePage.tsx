import { Trans, useTranslation } from 'react-i18next';
import { coalitionWord } from '../coalition/NationPage.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatDay } from '../i18n/format.ts';
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
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('gate.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const g = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('gate.title')}</h1>
        <p className="summary">
          <Trans
            t={t}
            i18nKey="gate.asOf"
            values={{ date: formatDay(g.asOf), phase: phaseName(g.phase) }}
            components={{ b: <strong /> }}
          />{' '}
          {g.open ? (
            <strong className="ok-text">{t('gate.open')}</strong>
          ) : (
            <strong className="danger-text">{t('gate.shut')}</strong>
          )}
        </p>
      </div>
      {g.noSectors && <p className="banner">{t('board.noSector')}</p>}
      {g.steps.map((step) => (
        <section key={step.phase} className="gate-step" data-testid={`gate-step-${step.phase}`}>
          <h2>
            {t('gate.enter', { phase: phaseName(step.phase) })}
            {step.earliest && (
              <span className="muted"> · {t('gate.earliest', { date: formatDay(step.earliest) })}</span>
            )}
          </h2>
          <ul className="rule-results">
            {step.rules.map((r) => (
              <li key={r.id} className={r.pass ? 'pass' : 'fail'}>
                {title(r.id)}{' '}
                <span className="muted small code">
                  ({r.id} v{r.version})
                </span>{' '}
                {r.pass ? t('gate.passes') : t('gate.fails', { date: formatDay(r.firstPassDate) })}
              </li>
            ))}
            {step.policyProblems.map((p) => (
              <li key={p} className="fail">
                <Trans
                  t={t}
                  i18nKey="gate.unknownRule"
                  values={{ rule: p }}
                  components={{ code: <span className="code" /> }}
                />
              </li>
            ))}
            {step.rules.length === 0 && step.policyProblems.length === 0 && (
              <li className="pass">{t('gate.noRule')}</li>
            )}
          </ul>
          {step.failures.length > 0 && (
            <table className="grid">
              <TableHead
                columns={[
                  t('gate.col.rule'),
                  t('gate.col.sector'),
                  t('gate.col.why'),
                  t('gate.col.broke'),
                  t('gate.col.passesOn'),
                ]}
              />
              <tbody>
                {step.failures.map((f) => (
                  <tr key={`${f.rule}/${f.sector}`}>
                    <td title={`rule ${f.rule}`}>{title(f.rule)}</td>
                    <td title={f.sector}>{names.sector(f.sector)}</td>
                    <td>{names.words(f.explanation)}</td>
                    <td>
                      {f.breakingDate ? formatDay(f.breakingDate) : '—'}
                      {f.incidentIds.length > 0 && (
                        <div className="muted">
                          {t('gate.incidents', { count: f.incidentIds.length })}{' '}
                          <IncidentLinks ids={f.incidentIds} />
                        </div>
                      )}
                    </td>
                    <td>{formatDay(f.firstPassDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <section className="gate-step">
        <h2>{t('gate.sectorsTitle')}</h2>
        {g.sectors.length === 0 ? (
          <p className="muted">{t('gate.allHold')}</p>
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
        <h2>{t('gate.mandatesTitle')}</h2>
        {g.mandates.length === 0 ? (
          <p className="muted">{t('gate.noMandate')}</p>
        ) : (
          <ul className="rule-results">
            {g.mandates.map((m) => (
              <li key={m.offerId} className="fail">
                <span title={m.offerId}>{names.offer(m.offerId)}</span>{' '}
                {t('gate.needs', {
                  body: m.body ?? t('gate.aMandate'),
                  status: coalitionWord('mandateStatus', m.status),
                })}
                {m.orders.length > 0 && (
                  <span className="muted"> · {t('gate.blocks', { orders: m.orders.join(', ') })}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="gate-step">
        <h2>{t('gate.ordersTitle')}</h2>
        <ul className="rule-results">
          {g.orders.map((o) => (
            <li key={o.id} className={o.status === 'issuable' ? 'pass' : 'fail'}>
              <span className="code">{o.id}</span> {statusWords(o.status)}
              {o.blockers.length > 0 && <>: {o.blockers.map((b) => names.words(b.reason)).join('; ')}</>}
            </li>
          ))}
          {g.orders.length === 0 && <li className="muted">{t('gate.noOrder')}</li>}
        </ul>
      </section>
    </main>
  );
}
