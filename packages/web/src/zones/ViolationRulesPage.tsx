import type { User, ViolationRule } from '@guarantor/core/api';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { AREA_ZONE_KINDS, violationRuleProblems } from '@guarantor/core/zones';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatDay } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { capitalise } from '../labels.ts';
import { TableHead } from '../TableHead.tsx';
import { categoryName, zoneKindName } from '../words.ts';
import { zonesApi } from './api.ts';
import { mayEditZones } from './ZonesPage.tsx';

/** A rule's definition as the API gives it (core's ViolationRule, as JSON). */
interface Definition {
  readonly id: string;
  readonly name: string;
  readonly categories: readonly string[];
  readonly zoneKind?: string;
  readonly anywhere?: boolean;
  readonly weaponClassMatch?: boolean;
  readonly unknownWeaponClassMatches?: boolean;
}

const definitionOf = (rule: ViolationRule) => rule.definition as unknown as Definition;

/** "inside a buffer zone", "anywhere", "inside the weapons-withdrawal zone of its weapon class". */
function whereWords(d: Definition): string {
  if (d.anywhere) return i18n.t('zones:rules.where.anywhere');
  const kind = zoneKindName(d.zoneKind ?? '');
  if (d.weaponClassMatch)
    return `${i18n.t('zones:rules.where.ofClass', { kind })}${
      d.unknownWeaponClassMatches === false ? '' : i18n.t('zones:rules.where.unknownCounts')
    }`;
  return i18n.t('zones:rules.where.inside', { kind });
}

const day = formatDay;

/**
 * The violation rules the daily counts and the ceasefire gate read: what each counts and where,
 * each version kept. Analysts and cell staff add a version (or a new rule) through a form that
 * lists every problem at once and says in words what the rule will count before it is saved.
 */
export function ViolationRulesPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('zones');
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Definition | 'new' | null>(null);
  const load = useLoadKeeping(`violation-rules/${version}`, (signal) => zonesApi.violationRules(signal));
  if (load.state === 'loading') return <p className="page-status">{t('rules.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const rules = load.data.rules;
  const mayEdit = mayEditZones(user);
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('rules.title')}</h1>
        <p className="summary">{t('rules.summary', { count: rules.filter((r) => r.active).length })}</p>
        <Downloads list="/api/violation-rules" what="the violation rules" />
      </div>
      {rules.length === 0 ? (
        <p className="banner">
          {t('rules.none')}
          {mayEdit && ` ${t('rules.noneAdd')}`}
        </p>
      ) : (
        <table className="grid" data-testid="violation-rules">
          <TableHead
            columns={[
              t('rules.table.rule'),
              t('rules.table.counts'),
              t('rules.table.where'),
              t('table.version'),
              '',
            ]}
          />
          <tbody>
            {rules.map((rule) => {
              const d = definitionOf(rule);
              return (
                <tr key={rule.id} className={rule.active ? '' : 'muted'}>
                  <td>
                    <strong>{d.name}</strong>
                    <div className="muted small code" title={t('rules.idTitle')}>
                      {rule.id}
                    </div>
                  </td>
                  <td>{d.categories.map(categoryName).join(', ')}</td>
                  <td>{whereWords(d)}</td>
                  <td>
                    {t(rule.active ? 'rules.activeVersion' : 'rules.inactiveVersion', {
                      version: rule.version,
                    })}
                    <div className="muted small">
                      {t('rules.byOn', { by: rule.createdBy, day: day(rule.createdAt) })}
                    </div>
                  </td>
                  <td>
                    {mayEdit && (
                      <button type="button" onClick={() => setEditing({ ...d })}>
                        {t('rules.change')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {mayEdit ? (
        editing ? (
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            start={editing === 'new' ? null : editing}
            active={editing === 'new' ? true : (rules.find((r) => r.id === editing.id)?.active ?? true)}
            onDone={() => setVersion((v) => v + 1)}
            onClose={() => setEditing(null)}
          />
        ) : (
          <p>
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('rules.add')}
            </button>
          </p>
        )
      ) : (
        <p className="muted">{t('rules.editNeedsRole')}</p>
      )}
      <AuditTrail
        entity="violation_rule"
        title={t('rules.auditTitle')}
        empty={t('rules.auditEmpty')}
        refresh={String(version)}
      />
    </main>
  );
}

/** The form's field names by the API's field path, in the reader's language. */
function fieldNames(): Readonly<Record<string, string>> {
  const t = i18n.getFixedT(null, 'zones');
  return {
    'body.definition.id': t('rules.field.id'),
    'body.definition.name': t('rules.field.name'),
    'body.definition.categories': t('rules.field.categories'),
    'body.definition.zoneKind': t('rules.field.where'),
    'body.definition.anywhere': t('rules.field.where'),
    'body.definition.weaponClassMatch': t('rules.field.weaponClass'),
    'body.definition': t('rules.field.rule'),
    body: t('rules.field.rule'),
  };
}
const fieldLabel = (field: string) =>
  fieldNames()[`body.definition.${field.replace(/\[\d+\]$/, '')}`] ?? capitalise(field);

function RuleForm({
  start,
  active: startActive,
  onDone,
  onClose,
}: {
  readonly start: Definition | null;
  readonly active: boolean;
  readonly onDone: () => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('zones');
  const FIELDS = fieldNames();
  const [id, setId] = useState(start?.id ?? '');
  const [name, setName] = useState(start?.name ?? '');
  const [categories, setCategories] = useState<readonly string[]>(start?.categories ?? []);
  const [anywhere, setAnywhere] = useState(start?.anywhere ?? false);
  const [zoneKind, setZoneKind] = useState(start?.zoneKind ?? 'buffer_zone');
  const [byClass, setByClass] = useState(start?.weaponClassMatch ?? false);
  const [unknownCounts, setUnknownCounts] = useState(start?.unknownWeaponClassMatches ?? true);
  const [active, setActive] = useState(startActive);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<{ id: string; version: number } | null>(null);
  const editable = step === 'edit';

  const definition = (): Definition => ({
    id: id.trim(),
    name: name.trim(),
    categories,
    ...(anywhere ? { anywhere: true } : { zoneKind }),
    ...(!anywhere && zoneKind === 'weapons_withdrawal' && byClass
      ? { weaponClassMatch: true, unknownWeaponClassMatches: unknownCounts }
      : {}),
  });

  function review(event: FormEvent) {
    event.preventDefault();
    setRefused(null);
    // The server's own check, run here first so every problem shows at once.
    const found = violationRuleProblems(definition()).map((p) => ({
      field: fieldLabel(p.field),
      message: p.field === 'id' ? t('rules.idProblem') : p.message,
    }));
    setProblems(found);
    if (found.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    try {
      const saved = await zonesApi.addRuleVersion({ ...definition() }, active);
      setRecorded(saved);
      setStep('edit');
      onDone();
    } catch (error) {
      setRefused(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  const toggle = (category: string) =>
    setCategories((now) => (now.includes(category) ? now.filter((c) => c !== category) : [...now, category]));
  const d = definition();

  if (recorded)
    return (
      <Recorded title={t('rules.recorded', { version: recorded.version, id: recorded.id })}>
        <p>
          {t('rules.fromNow', {
            categories: d.categories.map(categoryName).join(', '),
            where: whereWords(d),
          })}
          {active ? '' : t('rules.inactiveIgnored')}. {t('rules.earlierKept')}
        </p>
        <AuditTrail entity="violation_rule" entityId={recorded.id} />
        <button type="button" onClick={onClose}>
          {t('rules.close')}
        </button>
      </Recorded>
    );

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="rule-form">
      <h2>{start ? t('rules.form.change', { name: start.name }) : t('rules.form.add')}</h2>
      <div className="form-row">
        <label>
          {FIELDS['body.definition.id']}
          <input
            name="id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            readOnly={start !== null}
            disabled={!editable}
            placeholder={t('rules.form.idPlaceholder')}
          />
        </label>
        <label className="wide">
          {FIELDS['body.definition.name']}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} disabled={!editable} />
        </label>
      </div>
      <fieldset disabled={!editable}>
        <legend>{FIELDS['body.definition.categories']}</legend>
        <div className="checkbox-grid">
          {CATEGORIES.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" checked={categories.includes(c)} onChange={() => toggle(c)} />{' '}
              {categoryName(c)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={!editable}>
        <legend>{FIELDS['body.definition.zoneKind']}</legend>
        <label className="checkbox">
          <input type="radio" name="where" checked={anywhere} onChange={() => setAnywhere(true)} />{' '}
          {t('rules.form.anywhere')}
        </label>
        <label className="checkbox">
          <input type="radio" name="where" checked={!anywhere} onChange={() => setAnywhere(false)} />{' '}
          {t('rules.form.inside')}{' '}
          <select
            value={zoneKind}
            onChange={(e) => setZoneKind(e.target.value)}
            disabled={anywhere}
            aria-label={t('rules.form.zoneKind')}
          >
            {AREA_ZONE_KINDS.map((k) => (
              <option key={k} value={k}>
                {zoneKindName(k)}
              </option>
            ))}
          </select>
        </label>
        {!anywhere && zoneKind === 'weapons_withdrawal' && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={byClass} onChange={(e) => setByClass(e.target.checked)} />{' '}
              {t('rules.form.byClass')}
            </label>
            {byClass && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={unknownCounts}
                  onChange={(e) => setUnknownCounts(e.target.checked)}
                />{' '}
                {t('rules.form.unknownCounts')}
              </label>
            )}
          </>
        )}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
          disabled={!editable}
        />{' '}
        {t('rules.form.active')}
      </label>
      <ReviewThenSend
        problems={problems}
        refusal={refused}
        fields={FIELDS}
        step={step}
        reviewLabel={t('rules.form.review')}
        title={start ? t('rules.form.confirmChange') : t('rules.form.confirmAdd')}
        confirmLabel={start ? t('rules.form.recordVersion') : t('rules.form.addRule')}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p data-testid="rule-preview">
          {t('rules.form.preview', {
            name: d.name,
            categories: d.categories.map(categoryName).join(', '),
            where: whereWords(d),
          })}
          {active ? '' : t('rules.form.staysInactive')}. {t('rules.form.readFromNext')}{' '}
          {start ? t('rules.form.earlierKept') : t('rules.form.nothingElse')}.
        </p>
      </ReviewThenSend>
      {editable && (
        <p>
          <button type="button" onClick={onClose}>
            {t('rules.form.cancel')}
          </button>
        </p>
      )}
    </form>
  );
}
