import type { PhaseRecord, PhasesResponse, TransitionPreview } from '@guarantor/core/api';
import { type FormEvent, useEffect, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ConfirmPanel, type FieldProblem, ProblemList, Recorded, ServerRefusal } from '../forms.tsx';
import { type DecisionInput, phaseName, phasesApi } from './api.ts';
import type { Names } from './words.ts';

const FIELDS = {
  'body.target': 'Move to phase',
  'body.authority': 'Authority',
  'body.date': 'Decision date',
  'body.override.reason': 'Reason for the override',
} as const;

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
    if (!target)
      out.push({ field: FIELDS['body.target'], message: 'choose the phase the campaign moves to' });
    if (authority.trim() === '')
      out.push({
        field: FIELDS['body.authority'],
        message: 'name the authority the decision rests on (e.g. "Coordination Cell decision 2026/14")',
      });
    if (authority.length > 500)
      out.push({ field: FIELDS['body.authority'], message: 'at most 500 characters' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      out.push({ field: FIELDS['body.date'], message: 'give the date as year-month-day' });
    else if (date > todayUtc())
      out.push({
        field: FIELDS['body.date'],
        message: `${date} is in the future; a decision is dated when it was made`,
      });
    if (needsOverride && reason.trim() === '')
      out.push({
        field: FIELDS['body.override.reason'],
        message: 'a rule fails, so the decision is an override: say why the cell sets the failures aside',
      });
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
      <h2>Record a phase decision</h2>
      <p className="muted">
        The campaign is in <strong>{phaseName(phases.phase)}</strong>. A decision moves it to the next phase;
        the rules that guard that phase are evaluated as of the decision date and recorded with it.
      </p>
      {phases.allowedNext.length === 0 ? (
        <p className="muted">No phase follows {phaseName(phases.phase)}.</p>
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
                placeholder="Coordination Cell decision 2026/14"
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
              <span className="hint">
                The decision will be recorded as an override and shown as one wherever the phase is shown.
              </span>
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
                Review the decision
              </button>
            </div>
          )}
          {step !== 'edit' && ready && (
            <ConfirmPanel
              title="Check the decision before it is recorded"
              confirmLabel={needsOverride ? 'Record the decision as an override' : 'Record the decision'}
              busy={step === 'sending'}
              onConfirm={() => void send()}
              onCancel={() => setStep('edit')}
            >
              <p>
                The campaign moves from <strong>{phaseName(ready.from)}</strong> to{' '}
                <strong>{phaseName(target)}</strong> as of <strong>{date}</strong>, on the authority of{' '}
                <strong>{authority.trim()}</strong>.
              </p>
              <p>
                {ready.evaluations.length === 0
                  ? 'No rule guards this phase; the decision carries no evaluation.'
                  : `It carries the evaluation of ${ready.evaluations.length} guarding rule${ready.evaluations.length === 1 ? '' : 's'} (${ready.evaluations.map((e) => `${e.rule} v${e.version}: ${e.pass ? 'passes' : 'fails'}`).join(', ')}).`}
              </p>
              {needsOverride && (
                <p>
                  <strong>Override.</strong> It sets aside: {ready.reasons.map(names.words).join('; ')}.
                  Reason recorded: “{reason.trim()}”.
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
  return (
    <Recorded title={`Recorded: the campaign is now in ${phaseName(record.phase)}`}>
      <p>
        Decided by {record.decidedBy} ({record.nation}) on {record.since}, on the authority of{' '}
        {record.authority}
        {record.override ? `, by override: ${record.override.reason}` : '.'}
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
  if (preview === null) return <p className="preview-box muted">Evaluating the guarding rules…</p>;
  if (preview instanceof ApiError)
    return <p className="preview-box form-error">The rules could not be evaluated: {preview.message}</p>;
  const verdict =
    preview.outcome === 'allowed'
      ? 'Every guarding rule passes: the decision can be recorded as it is.'
      : preview.outcome === 'needs_override'
        ? 'A guarding rule fails: the decision can only be recorded as an override, with its reason.'
        : 'This decision cannot be recorded.';
  return (
    <div className="preview-box" data-testid="decision-preview" data-outcome={preview.outcome}>
      <strong>Rule evaluation as of {preview.asOf}.</strong> {verdict}
      <ul className="rule-results">
        {preview.evaluations.map((e) => (
          <li key={e.rule} className={e.pass ? 'pass' : 'fail'}>
            <span className="code">
              {e.rule} v{e.version}
            </span>{' '}
            {e.pass ? 'passes' : `fails: ${e.failing.map(names.words).join('; ')}`}
          </li>
        ))}
        {preview.outcome === 'refused' &&
          preview.reasons.map((r) => (
            <li key={r} className="fail">
              {names.words(r)}
            </li>
          ))}
        {preview.evaluations.length === 0 && preview.outcome !== 'refused' && (
          <li className="pass">No rule guards this phase.</li>
        )}
      </ul>
    </div>
  );
}
