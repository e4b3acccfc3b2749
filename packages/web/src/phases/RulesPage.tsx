import type { RulePreview, RulesResponse, RuleVersion, User } from '@guarantor/core/api';
import { type FormEvent, useEffect, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatDay, formatUtc } from '../i18n/format.ts';
import { phasesApi } from './api.ts';
import { type Names, useNames } from './words.ts';

/** The trigger rules, each with its versions; analysts edit them with a preview of the evaluation. */
export function RulesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const names = useNames();
  const load = useLoadKeeping(`phases/rules/${version}`, (signal) => phasesApi.rules(signal));
  if (load.state === 'loading') return <p className="page-status">Loading rules…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const rules = load.data.rules;
  const analyst = hasRole(user, 'analyst');
  const current = selected === '' ? null : (rules.find((r) => r.id === selected) ?? rules[0] ?? null);
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Trigger rules</h1>
        <p className="summary">
          {rules.length} rules · every version is kept ·{' '}
          {analyst ? 'you may edit them' : 'analysts edit them'}
        </p>
      </div>
      <div className="rules-layout">
        <div>
          <ul className="rule-list" data-testid="rule-list">
            {rules.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  aria-current={current?.id === r.id}
                  onClick={() => setSelected(r.id)}
                  title={`${r.id}, version ${r.version}`}
                >
                  <strong>{r.title || r.id}</strong>
                  <div className="muted small">
                    {r.id} · version {r.version}
                    {r.active ? '' : ' · retired'}
                  </div>
                </button>
              </li>
            ))}
            {rules.length === 0 && <li className="muted">No rule yet. An analyst adds the first one.</li>}
          </ul>
          {analyst && (
            <p>
              <button type="button" className="secondary" onClick={() => setSelected('')}>
                Add a new rule
              </button>
            </p>
          )}
        </div>
        <RuleEditor
          key={current ? `${current.id}@${current.version}` : 'new'}
          rule={current}
          rules={load.data}
          editable={analyst}
          names={names}
          onSaved={(saved) => {
            setSelected(saved.id);
            setVersion((v) => v + 1);
          }}
        />
      </div>
    </main>
  );
}

const FIELDS = {
  'body.id': 'Rule id',
  'body.title': 'Title',
  'body.text': 'Rule text',
  'body.active': 'In force',
} as const;

function RuleEditor({
  rule,
  rules,
  editable,
  names,
  onSaved,
}: {
  readonly rule: (RuleVersion & { readonly versions: RuleVersion[] }) | null;
  readonly rules: RulesResponse;
  readonly editable: boolean;
  readonly names: Names;
  readonly onSaved: (saved: RuleVersion) => void;
}) {
  const [id, setId] = useState(rule?.id ?? '');
  const [title, setTitle] = useState(rule?.title ?? '');
  const [text, setText] = useState(rule?.text ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [preview, setPreview] = useState<RulePreview | ApiError | null>(null);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<RuleVersion | null>(null);

  // The preview follows the text, a moment after typing stops.
  useEffect(() => {
    if (!editable || text.trim() === '') {
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      phasesApi.previewRule(text, rule?.id).then(
        (p) => live && setPreview(p),
        (e: unknown) => live && setPreview(e instanceof ApiError ? e : new ApiError(0, 'client', String(e))),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, editable, rule?.id]);

  const ruleError = preview instanceof ApiError && preview.code === 'rule.invalid' ? preview : null;

  function review(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const out: FieldProblem[] = [];
    if (!rule) {
      if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id))
        out.push({
          field: FIELDS['body.id'],
          message:
            'lower-case letters, digits, - or _, starting with a letter or digit, at most 64 characters',
        });
      else if (rules.rules.some((r) => r.id === id))
        out.push({
          field: FIELDS['body.id'],
          message: `rule ${id} exists; choose it in the list to add a version`,
        });
    }
    if (title.length > 200) out.push({ field: FIELDS['body.title'], message: 'at most 200 characters' });
    if (text.trim() === '') out.push({ field: FIELDS['body.text'], message: 'write the rule' });
    else if (ruleError)
      out.push({
        field: FIELDS['body.text'],
        message: `line ${lineOf(ruleError)}, column ${columnOf(ruleError)}: ${detailOf(ruleError)}`,
      });
    if (rule && text === rule.text && title === rule.title && active === rule.active)
      out.push({ field: FIELDS['body.text'], message: 'nothing changed from version ' + rule.version });
    setProblems(out);
    if (out.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    try {
      const body = { title: title.trim(), text, active };
      const result = rule
        ? await phasesApi.addRuleVersion(rule.id, body)
        : await phasesApi.addRule({ id, ...body });
      setSaved(result);
      setStep('edit');
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  if (saved)
    return (
      <section className="phase-form">
        <Recorded title={`Saved: ${saved.title || saved.id}, version ${saved.version}`}>
          <p>
            By {saved.createdBy} at {formatUtc(saved.createdAt)}
            {saved.active ? '' : '; retired'}. Earlier versions are kept.
          </p>
          <pre className="rule-source">{saved.text}</pre>
          <AuditTrail
            entity="phase_rule"
            entityId={`${saved.id}@${saved.version}`}
            refresh={saved.createdAt}
          />
          <button type="button" className="secondary" onClick={() => onSaved(saved)}>
            Back to the rule
          </button>
        </Recorded>
      </section>
    );

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="rule-editor">
      <h2>{rule ? `${rule.title || rule.id}` : 'A new rule'}</h2>
      {rule && (
        <p className="muted">
          <span title={rule.id}>Rule {rule.id}</span>, version {rule.version} by {rule.createdBy} on{' '}
          {formatDay(rule.createdAt)}; {rule.versions.length} version{rule.versions.length === 1 ? '' : 's'}{' '}
          kept.
          {editable ? ' Saving adds the next version.' : ''}
        </p>
      )}
      {!rule && (
        <label>
          {FIELDS['body.id']}
          <input
            name="id"
            value={id}
            placeholder="quiet-21"
            aria-invalid={problems.some((p) => p.field === FIELDS['body.id'])}
            onChange={(e) => setId(e.target.value)}
          />
        </label>
      )}
      <label>
        {FIELDS['body.title']}
        <input
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          disabled={!editable || step !== 'edit'}
        />
      </label>
      <label>
        {FIELDS['body.text']}
        <span className="hint">
          e.g.{' '}
          <span className="code">
            every sector: verified violations per day &lt;= 5 for 14 consecutive days
          </span>
        </span>
        <textarea
          name="text"
          value={text}
          rows={3}
          aria-invalid={ruleError !== null || problems.some((p) => p.field === FIELDS['body.text'])}
          onChange={(e) => setText(e.target.value)}
          disabled={!editable || step !== 'edit'}
          spellCheck={false}
        />
      </label>
      {editable && (
        <label className="check">
          <span>
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
              disabled={step !== 'edit'}
            />{' '}
            {FIELDS['body.active']} (untick to retire the rule)
          </span>
        </label>
      )}
      {editable && <RulePreviewBox text={text} preview={preview} names={names} />}
      <ReviewThenSend
        problems={problems}
        refusal={refusal}
        fields={FIELDS}
        step={step}
        canReview={editable}
        reviewLabel="Review before saving"
        title="Check the rule before it is saved"
        confirmLabel={rule ? `Save version ${rule.version + 1}` : 'Add the rule'}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          {rule ? (
            <>
              Rule <strong>{rule.id}</strong> gets version <strong>{rule.version + 1}</strong>; version{' '}
              {rule.version} stays in the history.
            </>
          ) : (
            <>
              A new rule <strong>{id}</strong>, version 1.
            </>
          )}{' '}
          {active ? 'It is in force once saved' : 'It is retired: it no longer counts'}; rules guarding a
          phase are evaluated with their newest version.
        </p>
        <pre className="rule-source">{text}</pre>
        {preview && !(preview instanceof ApiError) && (
          <p>
            As of {preview.asOf} it{' '}
            {preview.pass
              ? 'passes in every sector'
              : `fails in ${preview.sectors.filter((s) => !s.pass).length} sector(s)`}
            {preview.current &&
              ` (version ${preview.current.version} ${preview.current.pass ? 'passes' : 'fails'} today)`}
            .
          </p>
        )}
      </ReviewThenSend>
    </form>
  );
}

const positionOf = (e: ApiError) => (e.details ?? {}) as { line?: number; column?: number; detail?: string };
const lineOf = (e: ApiError) => positionOf(e).line ?? 1;
const columnOf = (e: ApiError) => positionOf(e).column ?? 1;
const detailOf = (e: ApiError) => positionOf(e).detail ?? e.message;

/** The evaluation of the text being edited, or its error shown at its line and column. */
function RulePreviewBox({
  text,
  preview,
  names,
}: {
  readonly text: string;
  readonly preview: RulePreview | ApiError | null;
  readonly names: Names;
}) {
  if (preview === null)
    return (
      <p className="preview-box muted">
        {text.trim() ? 'Evaluating…' : 'Write the rule to see how it evaluates.'}
      </p>
    );
  if (preview instanceof ApiError) {
    if (preview.code !== 'rule.invalid')
      return <p className="preview-box form-error">The preview failed: {preview.message}</p>;
    const line = lineOf(preview);
    const column = columnOf(preview);
    const lines = text.split('\n');
    return (
      <div className="preview-box" data-testid="rule-error" role="alert">
        <strong className="danger-text">
          Line {line}, column {column}: {detailOf(preview)}
        </strong>
        <pre className="rule-source">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a text are identified by their number
            <span key={i} className={i + 1 === line ? 'error-line' : undefined}>
              {l}
              {'\n'}
              {i + 1 === line && (
                <span className="caret" data-testid="rule-error-caret">
                  {`${' '.repeat(Math.max(0, column - 1))}^ here\n`}
                </span>
              )}
            </span>
          ))}
        </pre>
      </div>
    );
  }
  const failing = preview.sectors.filter((s) => !s.pass);
  return (
    <div className="preview-box" data-testid="rule-preview">
      <strong>
        Preview as of {preview.asOf}:{' '}
        {preview.pass
          ? 'passes in every sector'
          : `fails in ${failing.length} of ${preview.sectors.length} sectors`}
      </strong>
      {preview.current && (
        <span className="muted">
          {' '}
          · the saved version {preview.current.version} {preview.current.pass ? 'passes' : 'fails'}
        </span>
      )}
      <ul className="rule-results">
        {preview.sectors.map((s) => (
          <li key={s.sector} className={s.pass ? 'pass' : 'fail'} title={s.sector}>
            <strong>{names.sector(s.sector)}</strong>:{' '}
            {s.pass
              ? 'passes'
              : `${names.words(s.explanation)}; passes on ${s.firstPassDate} if nothing new happens`}
          </li>
        ))}
        {preview.sectors.length === 0 && <li className="muted">Monitoring knows no sector yet.</li>}
      </ul>
    </div>
  );
}
