import type { PhaseRecord, User } from '@guarantor/core/api';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { hasRole, useLoadKeeping } from '../forms.tsx';
import { formatDay } from '../i18n/format.ts';
import { Releasability } from '../Releasability.tsx';
import { href } from '../router.ts';
import { phaseName, phasesApi } from './api.ts';
import { DecisionForm, DecisionRecorded } from './DecisionForm.tsx';
import { useNames } from './words.ts';

/** The campaign timeline: every phase, the decision behind it, overrides shown loudly; cell staff record the next. */
export function PhasesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const [recorded, setRecorded] = useState<PhaseRecord | null>(null);
  const names = useNames();
  const load = useLoadKeeping(`phases/timeline/${version}`, (signal) => phasesApi.phases(signal));
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('phases.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const phases = load.data;
  const timeline = [...phases.timeline].reverse();
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('phases.title')}</h1>
        <p className="summary">
          {t('phases.now')}{' '}
          <strong className={`phase-name${phases.current?.override ? ' overridden' : ''}`}>
            {phaseName(phases.phase)}
          </strong>
          {phases.current?.override && <span className="override-flag">{t('phases.byOverride')}</span>} ·{' '}
          {t('phases.nextAllowed', {
            phases: phases.allowedNext.map(phaseName).join(', ') || t('phases.none'),
          })}{' '}
          · <a href={href({ page: 'breaches' })}>{t('phases.breachesLink')}</a>
        </p>
      </div>
      {hasRole(user, 'cell_staff') ? (
        <>
          {recorded && <DecisionRecorded record={recorded} />}
          {/* A new form for each phase: what may follow, and the preview, change with it. */}
          <DecisionForm
            key={phases.current?.seq ?? 0}
            phases={phases}
            names={names}
            onRecorded={(record) => {
              setRecorded(record);
              setVersion((v) => v + 1);
            }}
          />
        </>
      ) : (
        <p className="muted">{t('phases.staffOnly')}</p>
      )}
      <h2 className="section-title">{t('phases.timeline')}</h2>
      <ol className="timeline" data-testid="phase-timeline">
        {timeline.map((p) => (
          <li key={p.seq} className={p.override ? 'timeline-item override' : 'timeline-item'}>
            <div className="timeline-date">{formatDay(p.since)}</div>
            <div className="timeline-body">
              <h2>
                {phaseName(p.phase)}
                {p.from && <span className="muted"> {t('phases.from', { phase: phaseName(p.from) })}</span>}
              </h2>
              {p.override && (
                <div className="override-box" role="note">
                  <strong>{t('phases.override')}</strong> {p.override.reason}
                  <ul>
                    {p.override.bypassed.map((b) => (
                      <li key={b}>{t('phases.setAside', { what: names.words(b) })}</li>
                    ))}
                  </ul>
                </div>
              )}
              <p>
                <Trans
                  t={t}
                  i18nKey="phases.decidedBy"
                  values={{ by: p.decidedBy, nation: p.nation, authority: p.authority }}
                  components={{ b: <strong /> }}
                />
              </p>
              {p.evaluations.length > 0 && (
                <ul className="rule-results">
                  {p.evaluations.map((e) => (
                    <li key={e.rule} className={e.pass ? 'pass' : 'fail'}>
                      <span className="code">
                        {e.rule} v{e.version}
                      </span>{' '}
                      {t('phases.asOf', { date: formatDay(e.asOf) })}{' '}
                      {e.pass
                        ? t('phases.passed')
                        : t('phases.failed', { what: e.failing.map(names.words).join('; ') })}
                    </li>
                  ))}
                </ul>
              )}
              <Releasability label={p.releasability} />
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
