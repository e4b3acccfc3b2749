import type { RulePreview, RulesResponse, RuleVersion, User } from '@guarantor/core/api';
import { type FormEvent, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatDay, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { phasesApi } from './api.ts';
import { type Names, useNames } from './words.ts';

/** The trigger rules, each with its versions; analysts edit them with a preview of the evaluation. */
export function RulesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const names = useNames();
  const load = useLoadKeeping(`phases/rules/${version}`, (signal) => phasesApi.rules(signal));
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('rules.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const rules = load.data.rules;
  const analyst = hasRole(user, 'analyst');
  const current = selected === '' ? null : (rules.find((r) => r.id === selected) ?? rules[0] ?? null);
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('rules.title')}</h1>
        <p className="summary">
          {t('rules.summary', {
            count: rules.length,
            who: analyst ? t('rules.youEdit') : t('rules.analystsEdit'),
          })}
        </p>
        <Downloads list="/api/phases/rules" what="the trigger rules" />
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
                  title={t('rules.versionTitle', { id: r.id, version: r.version })}
                >
                  <strong>{r.title || r.id}</strong>
                  <div className="muted small">
                    {r.id} · {t('rules.version', { version: r.version })}
                    {r.active ? '' : t('rules.retired')}
                  </div>
                </button>
              </li>
            ))}
            {rules.length === 0 && <li className="muted">{t('rules.none')}</li>}
          </ul>
          {analyst && (
            <p>
              <button type="button" className="secondary" onClick={() => setSelected('')}>
                {t('rules.add')}
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

/** The server's field names → the form's labels, in the reader's language. */
const fieldWords = () => ({
  'body.id': i18n.t('phases:ufield.id'),
  'body.title': i18n.t('phases:ufield.title'),
  'body.text': i18n.t('phases:ufield.text'),
  'body.active': i18n.t('phases:ufield.active'),
});

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
  const { t } = useTranslation('phases');
  const FIELDS = fieldWords();

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
        out.push({ field: FIELDS['body.id'], message: t('uprob.id') });
      else if (rules.rules.some((r) => r.id === id))
        out.push({ field: FIELDS['body.id'], message: t('uprob.exists', { id }) });
    }
    if (title.length > 200) out.push({ field: FIELDS['body.title'], message: t('uprob.titleLong') });
    if (text.trim() === '') out.push({ field: FIELDS['body.text'], message: t('uprob.text') });
    else if (ruleError)
      out.push({
        field: FIELDS['body.text'],
        message: t('uprob.position', {
          line: lineOf(ruleError),
          column: columnOf(ruleError),
          detail: detailOf(ruleError),
        }),
      });
    if (rule && text === rule.text && title === rule.title && active === rule.active)
      out.push({ field: FIELDS['body.text'], message: t('uprob.unchanged', { version: rule.version }) });
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
        <Recorded title={t('usaved.title', { title: saved.title || saved.id, version: saved.version })}>
          <p>
            {t('usaved.by', {
              by: saved.createdBy,
              when: formatUtc(saved.createdAt),
              retired: saved.active ? '' : t('usaved.retired'),
            })}
          </p>
          <pre className="rule-source">{saved.text}</pre>
          <AuditTrail
            entity="phase_rule"
            entityId={`${saved.id}@${saved.version}`}
            refresh={saved.createdAt}
          />
          <button type="button" className="secondary" onClick={() => onSaved(saved)}>
            {t('usaved.back')}
          </button>
        </Recorded>
      </section>
    );

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="rule-editor">
      <h2>{rule ? `${rule.title || rule.id}` : t('uedit.new')}</h2>
      {rule && (
        <p className="muted">
          <Trans
            t={t}
            i18nKey="uedit.meta"
            count={rule.versions.length}
            values={{
              id: rule.id,
              version: rule.version,
              by: rule.createdBy,
              date: formatDay(rule.createdAt),
              count: rule.versions.length,
            }}
            components={{ id: <span title={rule.id} /> }}
          />
          {editable ? t('uedit.addsNext') : ''}
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
          {t('uedit.eg')}{' '}
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
            {FIELDS['body.active']} {t('uedit.untick')}
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
        reviewLabel={t('uedit.review')}
        title={t('uedit.check')}
        confirmLabel={rule ? t('uedit.saveVersion', { version: rule.version + 1 }) : t('uedit.addRule')}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          {rule ? (
            <Trans
              t={t}
              i18nKey="uedit.getsVersion"
              values={{ id: rule.id, next: rule.version + 1, version: rule.version }}
              components={{ b: <strong /> }}
            />
          ) : (
            <Trans t={t} i18nKey="uedit.newRule" values={{ id }} components={{ b: <strong /> }} />
          )}{' '}
          {active ? t('uedit.inForce') : t('uedit.retired')}
        </p>
        <pre className="rule-source">{text}</pre>
        {preview && !(preview instanceof ApiError) && (
          <p>
            {t('uedit.asOf', {
              date: formatDay(preview.asOf),
              result: preview.pass
                ? t('uedit.passesEverywhere')
                : t('uedit.failsIn', { count: preview.sectors.filter((s) => !s.pass).length }),
              current: preview.current
                ? t('uedit.currentToday', {
                    version: preview.current.version,
                    result: preview.current.pass ? t('uedit.passes') : t('uedit.fails'),
                  })
                : '',
            })}
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
  const { t } = useTranslation('phases');
  if (preview === null)
    return (
      <p className="preview-box muted">{text.trim() ? t('upreview.evaluating') : t('upreview.write')}</p>
    );
  if (preview instanceof ApiError) {
    if (preview.code !== 'rule.invalid')
      return <p className="preview-box form-error">{t('upreview.failed', { message: preview.message })}</p>;
    const line = lineOf(preview);
    const column = columnOf(preview);
    const lines = text.split('\n');
    return (
      <div className="preview-box" data-testid="rule-error" role="alert">
        <strong className="danger-text">
          {t('upreview.position', { line, column, detail: detailOf(preview) })}
        </strong>
        <pre className="rule-source">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a text are identified by their number
            <span key={i} className={i + 1 === line ? 'error-line' : undefined}>
              {l}
              {'\n'}
              {i + 1 === line && (
                <span className="caret" data-testid="rule-error-caret">
                  {`${' '.repeat(Math.max(0, column - 1))}^ ${t('upreview.here')}\n`}
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
        {t('upreview.asOf', {
          date: formatDay(preview.asOf),
          result: preview.pass
            ? t('uedit.passesEverywhere')
            : t('upreview.failsOf', { failing: failing.length, total: preview.sectors.length }),
        })}
      </strong>
      {preview.current && (
        <span className="muted">
          {' '}
          ·{' '}
          {t('upreview.saved', {
            version: preview.current.version,
            result: preview.current.pass ? t('uedit.passes') : t('uedit.fails'),
          })}
        </span>
      )}
      <ul className="rule-results">
        {preview.sectors.map((s) => (
          <li key={s.sector} className={s.pass ? 'pass' : 'fail'} title={s.sector}>
            <strong>{names.sector(s.sector)}</strong>:{' '}
            {s.pass
              ? t('uedit.passes')
              : t('upreview.sectorFails', {
                  why: names.words(s.explanation),
                  date: formatDay(s.firstPassDate),
                })}
          </li>
        ))}
        {preview.sectors.length === 0 && <li className="muted">{t('upreview.noSector')}</li>}
      </ul>
    </div>
  );
}
