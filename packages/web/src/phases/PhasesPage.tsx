import type { PhaseRecord, User } from '@guarantor/core/api';
import { useState } from 'react';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { hasRole, useLoadKeeping } from '../forms.tsx';
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
  if (load.state === 'loading') return <p className="page-status">Loading phases…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const phases = load.data;
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
          {phases.allowedNext.map(phaseName).join(', ') || 'none'} ·{' '}
          <a href={href({ page: 'breaches' })}>breaches and responses</a>
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
        <p className="muted">Phase decisions are recorded by the coordination cell's staff.</p>
      )}
      <h2 className="section-title">Timeline, newest first</h2>
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
                      <li key={b}>set aside: {names.words(b)}</li>
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
                      as of {e.asOf}:{' '}
                      {e.pass ? 'passed' : `failed — ${e.failing.map(names.words).join('; ')}`}
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
