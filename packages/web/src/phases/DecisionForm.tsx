import type { PhaseRecord, PhasesResponse, TransitionPreview } from '@guarantor/core/api';
import { type FormEvent, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ConfirmPanel, type FieldProblem, ProblemList, Recorded, ServerRefusal } from '../forms.tsx';
import { formatDay } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { type DecisionInput, phaseName, phasesApi } from './api.ts';
import type { Names } from './words.ts';

/** The server's field names → the form's labels, in the reader's language. */
function fieldWords(): Readonly<Record<string, string>> {
  return {
    'body.target': i18n.t('phases:dfield.target'),
    'body.authority': i18n.t('phases:dfield.authority'),
    'body.date': i18n.t('phases:dfield.date'),
    'body.override.reason': i18n.t('phases:dfield.reason'),
  };
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Cell staff record a phase decision: the target phase, the authority it rests on and its date.
 * The guarding rules' evaluation is previewed as the form is filled and travels with the decision;
 * when a rule fails the decision needs an override and its reason, both shown before sending.
 */
export function DecisionForm({
  phases,
  names,
  onRecorded,
}: {
  readonly phases: PhasesResponse;
  readonly names: Names;
  readonly onRecorded: (record: PhaseRecord) => void;
}) {
  const [target, setTarget] = useState(phases.allowedNext[0] ?? '');
  const [authority, setAuthority] = useState('');
  const [date, setDate] = useState(todayUtc());
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<TransitionPreview | ApiError | null>(null);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const { t } = useTranslation('phases');
  const FIELDS = fieldWords() as Record<
    'body.target' | 'body.authority' | 'body.date' | 'body.override.reason',
    string
  >;

  useEffect(() => {
    if (!target || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    let live = true;
    setPreview(null);
    phasesApi.previewDecision(target, date).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setPreview(e instanceof ApiError ? e : new ApiError(0, 'client', String(e))),
    );
    return () => {
      live = false;
    };
  }, [target, date]);

  const ready = preview && !(preview instanceof ApiError) ? preview : null;
  const needsOverride = ready?.outcome === 'needs_override';

  function check(): FieldProblem[] {
    const out: FieldProblem[] = [];
    if (!target) out.push({ field: FIELDS['body.target'], message: t('dprob.target') });
    if (authority.trim() === '') out.push({ field: FIELDS['body.authority'], message: t('dprob.authority') });
    if (authority.length > 500)
      out.push({ field: FIELDS['body.authority'], message: t('dprob.authorityLong') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) out.push({ field: FIELDS['body.date'], message: t('dprob.date') });
    else if (date > todayUtc())
      out.push({ field: FIELDS['body.date'], message: t('dprob.future', { date: formatDay(date) }) });
    if (needsOverride && reason.trim() === '')
      out.push({ field: FIELDS['body.override.reason'], message: t('dprob.reason') });
    if (ready?.outcome === 'refused')
      out.push({ field: FIELDS['body.target'], message: ready.reasons.map(names.words).join('; ') });
    return out;
  }

  function review(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const found = check();
    setProblems(found);
    if (found.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    const body: DecisionInput = {
      target,
      authority: authority.trim(),
      date,
      ...(needsOverride ? { override: { reason: reason.trim() } } : {}),
    };
    try {
      onRecorded(await phasesApi.recordDecision(body));
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="decision-form">
      <h2>{t('dform.title')}</h2>
      <p className="muted">
        <Trans
          t={t}
          i18nKey="dform.intro"
          values={{ phase: phaseName(phases.phase) }}
          components={{ b: <strong /> }}
        />
      </p>
      {phases.allowedNext.length === 0 ? (
        <p className="muted">{t('dform.noNext', { phase: phaseName(phases.phase) })}</p>
      ) : (
        <>
          <div className="form-row">
            <label>
              {FIELDS['body.target']}
              <select
                name="target"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                disabled={step !== 'edit'}
              >
                {phases.allowedNext.map((p) => (
                  <option key={p} value={p}>
                    {phaseName(p)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {FIELDS['body.authority']}
              <input
                name="authority"
                value={authority}
                placeholder={t('dform.placeholder')}
                aria-invalid={problems.some((p) => p.field === FIELDS['body.authority'])}
                onChange={(e) => setAuthority(e.target.value)}
                disabled={step !== 'edit'}
              />
            </label>
            <label>
              {FIELDS['body.date']}
              <input
                name="date"
                type="date"
                value={date}
                max={todayUtc()}
                aria-invalid={problems.some((p) => p.field === FIELDS['body.date'])}
                onChange={(e) => setDate(e.target.value)}
                disabled={step !== 'edit'}
              />
            </label>
          </div>
          <DecisionPreview preview={preview} names={names} />
          {needsOverride && (
            <label>
              {FIELDS['body.override.reason']}
              <span className="hint">{t('dform.overrideHint')}</span>
              <textarea
                name="override-reason"
                value={reason}
                aria-invalid={problems.some((p) => p.field === FIELDS['body.override.reason'])}
                onChange={(e) => setReason(e.target.value)}
                disabled={step !== 'edit'}
              />
            </label>
          )}
          <ProblemList problems={problems} inline />
          {refusal && <ServerRefusal error={refusal} fields={FIELDS} />}
          {step === 'edit' && (
            <div className="form-actions">
              <button type="submit" className="primary">
                {t('dform.review')}
              </button>
            </div>
          )}
          {step !== 'edit' && ready && (
            <ConfirmPanel
              title={t('dform.check')}
              confirmLabel={needsOverride ? t('dform.recordOverride') : t('dform.record')}
              busy={step === 'sending'}
              onConfirm={() => void send()}
              onCancel={() => setStep('edit')}
            >
              <p>
                <Trans
                  t={t}
                  i18nKey="dform.moves"
                  values={{
                    from: phaseName(ready.from),
                    to: phaseName(target),
                    date: formatDay(date),
                    authority: authority.trim(),
                  }}
                  components={{ b: <strong /> }}
                />
              </p>
              <p>
                {ready.evaluations.length === 0
                  ? t('dform.noEvaluation')
                  : t('dform.carries', {
                      count: ready.evaluations.length,
                      list: ready.evaluations
                        .map((e) =>
                          t('dform.ruleResult', {
                            rule: e.rule,
                            version: e.version,
                            result: e.pass ? t('dform.passes') : t('dform.fails'),
                          }),
                        )
                        .join(', '),
                    })}
              </p>
              {needsOverride && (
                <p>
                  <Trans
                    t={t}
                    i18nKey="dform.overrideText"
                    values={{ what: ready.reasons.map(names.words).join('; '), reason: reason.trim() }}
                    components={{ b: <strong /> }}
                  />
                </p>
              )}
            </ConfirmPanel>
          )}
        </>
      )}
    </form>
  );
}

/** What a decision recorded, with its audit entry; shown above the form for the next decision. */
export function DecisionRecorded({ record }: { readonly record: PhaseRecord }) {
  const { t } = useTranslation('phases');
  return (
    <Recorded title={t('drec.title', { phase: phaseName(record.phase) })}>
      <p>
        {t('drec.text', {
          by: record.decidedBy,
          nation: record.nation,
          date: formatDay(record.since),
          authority: record.authority,
          override: record.override
            ? t('drec.byOverride', { reason: record.override.reason })
            : t('drec.end'),
        })}
      </p>
      <AuditTrail entity="campaign_phase" entityId={String(record.seq)} refresh={record.recordedAt} />
    </Recorded>
  );
}

function DecisionPreview({
  preview,
  names,
}: {
  readonly preview: TransitionPreview | ApiError | null;
  readonly names: Names;
}) {
  const { t } = useTranslation('phases');
  if (preview === null) return <p className="preview-box muted">{t('preview.evaluating')}</p>;
  if (preview instanceof ApiError)
    return <p className="preview-box form-error">{t('preview.failed', { message: preview.message })}</p>;
  const verdict =
    preview.outcome === 'allowed'
      ? t('preview.allowed')
      : preview.outcome === 'needs_override'
        ? t('preview.needsOverride')
        : t('preview.refused');
  return (
    <div className="preview-box" data-testid="decision-preview" data-outcome={preview.outcome}>
      <strong>{t('preview.asOf', { date: formatDay(preview.asOf) })}</strong> {verdict}
      <ul className="rule-results">
        {preview.evaluations.map((e) => (
          <li key={e.rule} className={e.pass ? 'pass' : 'fail'}>
            <span className="code">
              {e.rule} v{e.version}
            </span>{' '}
            {e.pass ? t('dform.passes') : t('preview.fails', { what: e.failing.map(names.words).join('; ') })}
          </li>
        ))}
        {preview.outcome === 'refused' &&
          preview.reasons.map((r) => (
            <li key={r} className="fail">
              {names.words(r)}
            </li>
          ))}
        {preview.evaluations.length === 0 && preview.outcome !== 'refused' && (
          <li className="pass">{t('preview.noRule')}</li>
        )}
      </ul>
    </div>
  );
}
